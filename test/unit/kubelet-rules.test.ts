// The reading of the kubelet in test/support/kubelet.ts, held to the cases of
// kubernetes/kubernetes' own tests (pkg/credentialprovider/keyring_test.go:
// TestURLsMatch, TestDockerKeyringForGlob, TestKeyringMiss) and to Go's
// documented behaviour, so that the tests built on it test against the kubelet
// and not against a guess. Then the rules as a table for SWR's hosts.

import { describe, expect, it } from 'vitest';
import { decodeProviderConfig, decodeResponse, filepathMatch, lookup, parseGoDuration, urlsMatch } from '../support/kubelet.ts';

describe("the kubelet's URLsMatch, by kubernetes' own cases", () => {
  // TestURLsMatch.
  it.each([
    ['*.kubernetes.io', 'prefix.kubernetes.io', true],
    ['prefix.*.io', 'prefix.kubernetes.io', true],
    ['prefix.kubernetes.*', 'prefix.kubernetes.io', true],
    ['*-good.kubernetes.io', 'prefix-good.kubernetes.io', true],
    ['*.kubernetes.io/blah', 'prefix.kubernetes.io/blah', true],
    ['prefix.*.io/foo', 'prefix.kubernetes.io/foo/bar', true],
    ['*.kubernetes.io:1111/blah', 'prefix.kubernetes.io:1111/blah', true],
    ['prefix.*.io:1111/foo', 'prefix.kubernetes.io:1111/foo/bar', true],
    ['*.kubernetes.io', 'kubernetes.io', false],
    ['*.*.kubernetes.io', 'prefix.kubernetes.io', false],
    ['*.*.kubernetes.io', 'kubernetes.io', false],
    ['kubernetes.io', 'kubernetes.com', false],
    ['k*.io', 'quay.io', false],
    ['*.kubernetes.io:1234/blah', 'prefix.kubernetes.io:1111/blah', false],
    ['prefix.*.io/foo', 'prefix.kubernetes.io:1111/foo/bar', false],
  ])('%s against %s: %s', (glob, target, expected) => {
    expect(urlsMatch(glob, target)).toBe(expected);
  });

  // TestDockerKeyringForGlob (hits) and TestKeyringMiss: a keyring key, scheme stripped, against target + "/foo/bar".
  it.each([
    ['https://hello.kubernetes.io', 'hello.kubernetes.io', true],
    ['https://*.docker.io', 'prefix.docker.io', true],
    ['https://prefix.*.io/path', 'prefix.docker.io/path/subpath', true],
    ['https://*.docker.io:8888', 'prefix.docker.io:8888', true],
    ['https://*.docker.io/path:1111', 'prefix.docker.io/path:1111', true],
    ['prefix.docker.io:1111', 'prefix.docker.io:1111/path', true],
    ['https://hello.kubernetes.io', 'world.mesos.org/foo/bar', false],
    ['https://*.docker.com', 'prefix.docker.io', false],
    ['https://suffix.*.io', 'prefix.docker.io', false],
    ['https://prefix.docker.c*', 'prefix.docker.io', false],
    ['https://prefix.*.io/path:1111', 'prefix.docker.io/path/subpath:1111', false],
  ])('keyring key %s for %s/foo/bar: %s', (key, target, expected) => {
    expect(lookup({ [key]: { username: 'foo', password: 'bar' } }, `${target}/foo/bar`).length > 0).toBe(expected);
  });

  it("reads globs as Go's filepath.Match does", () => {
    expect(filepathMatch('swr', 'swr')).toBe(true);
    expect(filepathMatch('s?r', 'swr')).toBe(true);
    expect(filepathMatch('s[a-x]r', 'swr')).toBe(true);
    expect(filepathMatch('s[^w]r', 'swr')).toBe(false);
    expect(filepathMatch('*', '')).toBe(true);
    expect(filepathMatch('\\*', 'x')).toBe(false);
    expect(() => filepathMatch('[', 'x')).toThrow();
  });
});

describe("Go's time.ParseDuration", () => {
  it.each([
    ['0', 0n],
    ['5s', 5_000_000_000n],
    ['1h30m', 5_400_000_000_000n],
    ['1.5h', 5_400_000_000_000n],
    ['-1.5h', -5_400_000_000_000n],
    ['300ms', 300_000_000n],
    ['2h45m', 9_900_000_000_000n],
    ['1µs', 1_000n],
  ])('%s is %i ns', (text, ns) => {
    expect(parseGoDuration(text)).toBe(ns);
  });

  it.each(['', '1', '1d', '.s', 'h', '3000000h'])('%j is an error', (text) => {
    expect(() => parseGoDuration(text)).toThrow(/^time: /);
  });
});

describe("the kubelet's strict decoding of a response", () => {
  const v1 = 'credentialprovider.kubelet.k8s.io/v1';
  const good = { apiVersion: v1, kind: 'CredentialProviderResponse', cacheKeyType: 'Registry', cacheDuration: '1h', auth: { 'a.b': { username: 'u', password: 'p' } } };

  it('accepts a response with the known fields', () => {
    expect(decodeResponse(JSON.stringify(good), v1)).toEqual({ cacheKeyType: 'Registry', cacheDuration: 3_600_000_000_000n, auth: good.auth });
  });

  it.each([
    ['an unknown field', { ...good, expires: '1h' }, /unknown field "expires"/],
    ['a field in the wrong case', { ...good, cachekeytype: 'Registry' }, /unknown field "cachekeytype"/],
    ['an unknown auth field', { ...good, auth: { 'a.b': { username: 'u', password: 'p', auth: 'dTpw' } } }, /unknown field "auth\.a\.b\.auth"/],
    ['another apiVersion', { ...good, apiVersion: 'credentialprovider.kubelet.k8s.io/v1beta1' }, /is not credentialprovider/],
    ['another kind', { ...good, kind: 'CredentialProviderRequest' }, /unexpected Kind/],
    ['no cacheKeyType', { ...good, cacheKeyType: undefined }, /not a valid cacheKeyType/],
    ['a bad cacheKeyType', { ...good, cacheKeyType: 'registry' }, /not a valid cacheKeyType/],
    ['a bad cacheDuration', { ...good, cacheDuration: '1 day' }, /^time: /],
  ])('refuses %s', (_, response, error) => {
    expect(() => decodeResponse(JSON.stringify(response), v1)).toThrow(error);
  });
});

describe("the kubelet's validation of a CredentialProviderConfig", () => {
  const config = (provider: string) =>
    `apiVersion: kubelet.config.k8s.io/v1\nkind: CredentialProviderConfig\nproviders:\n  - ${provider.trim().replace(/\n/g, '\n    ')}\n`;
  const valid = 'name: p\napiVersion: credentialprovider.kubelet.k8s.io/v1\nmatchImages: ["*.io"]\ndefaultCacheDuration: 1h';

  it('accepts a valid provider', () => {
    expect(decodeProviderConfig(config(valid))[0]).toMatchObject({ name: 'p', matchImages: ['*.io'], defaultCacheDuration: 3_600_000_000_000n });
  });

  it.each([
    ['a name with a slash', valid.replace('name: p', 'name: a/p'), /name: invalid/],
    ['an unknown apiVersion', valid.replace('k8s.io/v1', 'k8s.io/v2'), /apiVersion: not supported/],
    ['no matchImages', valid.replace('matchImages: ["*.io"]', 'matchImages: []'), /at least 1 item/],
    ['a match image with a bad port', valid.replace('"*.io"', '"a.io:x"'), /invalid port/],
    ['no defaultCacheDuration', valid.replace('\ndefaultCacheDuration: 1h', ''), /defaultCacheDuration: Required/],
    ['an unknown field', `${valid}\ncacheDuration: 1h`, /unknown field "providers\[0\]\.cacheDuration"/],
    ['a duplicate key', `${valid}\nname: q`, /Map keys must be unique/],
  ])('refuses %s', (_, provider, error) => {
    expect(() => decodeProviderConfig(config(provider))).toThrow(error);
  });
});

describe('the match images for SWR, as the kubelet applies them', () => {
  const table: Array<[string, string, boolean, string]> = [
    ['swr.*.myhuaweicloud.com', 'swr.ap-southeast-3.myhuaweicloud.com/team/app:1', true, 'a region host'],
    ['swr.*.myhuaweicloud.com', 'swr.cn-north-4.myhuaweicloud.com/team/sub/app@sha256:' + 'a'.repeat(64), true, 'a digest and a deep path'],
    ['swr.*.myhuaweicloud.com', 'swr.ap-southeast-3.myhuaweicloud.com', true, 'the bare host'],
    ['swr.*.myhuaweicloud.eu', 'swr.eu-west-101.myhuaweicloud.eu/team/app', true, 'the EU domain'],
    ['swr.*.myhuaweicloud.com', 'swr.eu-west-101.myhuaweicloud.eu/team/app', false, 'another domain'],
    ['swr.*.myhuaweicloud.com', 'swr.ap-southeast-3.myhuaweicloud.com:443/team/app', false, 'a port the glob lacks'],
    ['swr.*.myhuaweicloud.com', 'a.swr.ap-southeast-3.myhuaweicloud.com/team/app', false, 'one segment more'],
    ['swr.*.myhuaweicloud.com', 'swr.myhuaweicloud.com/team/app', false, 'one segment fewer'],
    ['swr.*.myhuaweicloud.com', 'swr.a.b.myhuaweicloud.com/team/app', false, 'a * is one segment'],
    ['swr.*.myhuaweicloud.com', 'swr.ap-southeast-3.myhuaweicloud.com.evil.example/team/app', false, 'a suffix'],
    ['swr.*.myhuaweicloud.com', 'swrx.ap-southeast-3.myhuaweicloud.com/team/app', false, 'a longer first segment'],
    ['swr.*.myhuaweicloud.com', 'SWR.ap-southeast-3.myhuaweicloud.com/team/app', false, 'upper case (Go matches bytes)'],
    ['https://swr.*.myhuaweicloud.com', 'swr.ap-southeast-3.myhuaweicloud.com/team/app', false, 'a scheme spoils a match image'],
    ['registry.partner.example:5000', 'registry.partner.example:5000/team/app', true, 'a host and port'],
    ['registry.partner.example:5000', 'registry.partner.example/team/app', false, 'no port in the image'],
    ['registry.partner.example:5000/team', 'registry.partner.example:5000/team/app', true, 'a path prefix'],
    ['registry.partner.example:5000/team', 'registry.partner.example:5000/other/app', false, 'another path'],
  ];

  it.each(table)('%s against %s: %s (%s)', (glob, image, expected) => {
    expect(urlsMatch(glob, image)).toBe(expected);
  });
});
