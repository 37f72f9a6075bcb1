// swr-credential-provider's core and kubelet-config's matchImages on memfs:
// requests read and refused, responses decoded by the kubelet's strict rules
// (test/support/kubelet.ts), the routing held to docker-credential-swr's `get`
// for every host, and matchImages held to the kubelet's URL matching.
// test/cli/credential-provider.test.ts runs the built bins.

import { describe, expect, it } from 'vitest';
import { credentialHelper } from '../../src/core/credential-helper.ts';
import {
  credentialProvider,
  imageRegistry,
  parseRequest,
  PROVIDER_API_VERSIONS,
  USAGE,
  validateCacheDuration,
} from '../../src/core/credential-provider.ts';
import { Failure, UsageError } from '../../src/core/errors.ts';
import { run as kubeletConfig } from '../../src/commands/kubelet-config.ts';
import { matchImages } from '../../src/core/kubelet-config.ts';
import { type Profile, writeProfile } from '../../src/core/profile.ts';
import { REGIONS, registryHost } from '../../src/core/regions.ts';
import { selectedLogin } from '../../src/core/registry-logins.ts';
import { fakeIo, HOME } from '../support/io.ts';
import { type AuthConfig, decodeProviderConfig, decodeResponse, lookup, parseGoDuration, urlsMatch } from '../support/kubelet.ts';
import { ROUTING_CASES, routingEnv, routingProfile } from '../support/routing-cases.ts';

const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const OTHER_KEY = 'b'.repeat(64);
const SINGAPORE = 'swr.ap-southeast-3.myhuaweicloud.com';
const PARTNER = 'registry.partner.example:5000';
const [V1, V1BETA1] = PROVIDER_API_VERSIONS;

const singapore: Profile = { region: 'ap-southeast-3', project: 'ap-southeast-3_dev', ak: 'TESTAKEXAMPLE123', loginKey: KEY };
const partner: Profile = { region: 'xx-east-1', project: 'xx-east-1', registry: PARTNER, ak: 'PARTNERAK001', loginKey: OTHER_KEY };

const request = (image: unknown, apiVersion: string = V1, extra: object = {}) =>
  JSON.stringify({ kind: 'CredentialProviderRequest', apiVersion, image, ...extra });

async function provider(stdin: string, profiles: Record<string, Profile>, env: Record<string, string> = {}, args: string[] = []) {
  const fake = fakeIo({ stdin, env });
  for (const [name, profile] of Object.entries(profiles)) writeProfile(fake.fs, fake.io.env, name, profile);
  const status = await credentialProvider(args, fake.io);
  return { status, stdout: fake.stdout(), stderr: fake.stderr() };
}

/** The credentials the kubelet would use for `image`, read from the provider's answer as the kubelet reads it. */
async function kubeletAuth(image: string, profiles: Record<string, Profile>, env: Record<string, string> = {}, apiVersion: string = V1!) {
  const { status, stdout, stderr } = await provider(request(image, apiVersion), profiles, env);
  expect([status, stderr]).toEqual([0, '']);
  const response = decodeResponse(stdout, apiVersion);
  expect(response.cacheKeyType).toBe('Registry');
  return { response, credentials: lookup(response.auth, image) };
}

describe('swr-credential-provider answers', () => {
  it.each([V1!, V1BETA1!])('a %s request with a response of the same apiVersion, keyed by the registry', async (apiVersion) => {
    const image = `${SINGAPORE}/team/app:1.0`;
    const { response, credentials } = await kubeletAuth(image, { default: singapore }, {}, apiVersion);
    expect(response.auth).toEqual({ [SINGAPORE]: { username: 'ap-southeast-3_dev@TESTAKEXAMPLE123', password: KEY } });
    expect(credentials).toEqual([{ username: 'ap-southeast-3_dev@TESTAKEXAMPLE123', password: KEY }]);
    expect(response.cacheDuration).toBe(24n * 3600n * 1_000_000_000n);
  });

  it("gives another public region's host that region's default project", async () => {
    const { credentials } = await kubeletAuth('swr.eu-west-101.myhuaweicloud.eu/team/app@sha256:' + 'a'.repeat(64), { default: singapore });
    expect(credentials).toEqual([{ username: 'eu-west-101@TESTAKEXAMPLE123', password: KEY }]);
  });

  it('gives a registry host that is set its port-qualified key, and nothing to public hosts', async () => {
    expect((await kubeletAuth(`${PARTNER}/team/app`, { default: partner })).credentials).toEqual([
      { username: 'xx-east-1@PARTNERAK001', password: OTHER_KEY },
    ]);
    for (const image of [`${SINGAPORE}/team/app`, 'registry.partner.example/team/app', 'registry.partner.example:5001/team/app']) {
      expect((await kubeletAuth(image, { default: partner })).response.auth).toEqual({});
    }
  });

  it('gives an empty auth, status 0, for a host the settings do not cover', async () => {
    for (const image of ['nginx', 'library/nginx:1', 'docker.io/library/nginx', 'ghcr.io/org/app:1', `${SINGAPORE}.evil.example/x/y`, 'swr.xx-nowhere-1.myhuaweicloud.com/a/b']) {
      const { response } = await kubeletAuth(image, { default: singapore });
      expect([image, response.auth]).toEqual([image, {}]);
    }
  });

  it('answers from SWR_PROFILE, and from the environment over the profile, as every command reads settings', async () => {
    const profiles = { default: singapore, partner };
    expect((await kubeletAuth(`${PARTNER}/a/b`, profiles, { SWR_PROFILE: 'partner' })).credentials).toHaveLength(1);
    expect((await kubeletAuth(`${PARTNER}/a/b`, profiles)).response.auth).toEqual({});
    const env = { SWR_REGION: 'ap-southeast-3', SWR_AK: 'CIAKEXAMPLE01', SWR_LOGIN_KEY: OTHER_KEY };
    expect((await kubeletAuth(`${SINGAPORE}/a/b`, {}, env)).credentials).toEqual([{ username: 'ap-southeast-3@CIAKEXAMPLE01', password: OTHER_KEY }]);
  });

  it('takes the cache duration from SWR_CACHE_DURATION, and refuses a bad one', async () => {
    const { response } = await kubeletAuth(`${SINGAPORE}/a/b`, { default: singapore }, { SWR_CACHE_DURATION: '1h30m' });
    expect(response.cacheDuration).toBe(5400n * 1_000_000_000n);
    const bad = await provider(request(`${SINGAPORE}/a/b`), { default: singapore }, { SWR_CACHE_DURATION: '1 day' });
    expect([bad.status, bad.stdout]).toEqual([1, '']);
    expect(bad.stderr).toBe(
      'swr-credential-provider: invalid SWR_CACHE_DURATION "1 day": give hours, minutes and seconds such as 24h, 1h30m or 90s (0 for no caching), as the kubelet reads a duration.\n',
    );
  });

  it('routes every host as docker-credential-swr get does (one rule, two consumers)', async () => {
    const hosts = [
      ...REGIONS.map(registryHost),
      PARTNER,
      'registry.partner.example',
      'swr.ap-southeast-3.myhuaweicloud.com:443',
      'swr.ap-southeast-3.myhuaweicloud.eu',
      'swr.eu-west-101.myhuaweicloud.com',
      'ghcr.io',
      'localhost:5000',
    ];
    for (const profiles of [{ default: singapore }, { default: partner }]) {
      for (const host of hosts) {
        const fake = fakeIo({ stdin: host });
        for (const [name, profile] of Object.entries(profiles)) writeProfile(fake.fs, fake.io.env, name, profile);
        const found = (await credentialHelper(['get'], fake.io)) === 0;
        const helperAnswer = found ? (JSON.parse(fake.stdout()) as { Username: string; Secret: string }) : undefined;
        const { credentials } = await kubeletAuth(`${host}/team/app:1`, profiles);
        const expected: AuthConfig[] = helperAnswer ? [{ username: helperAnswer.Username, password: helperAnswer.Secret }] : [];
        expect([host, credentials]).toEqual([host, expected]);
      }
    }
  });
});

describe("SPEC section 3's routing table (test/support/routing-cases.ts)", () => {
  const AK = 'TESTAKEXAMPLE123';

  it.each(ROUTING_CASES)('$name: $host gets $project', async ({ settings, host, project }) => {
    const image = `${host}/team/app:1`;
    const expected: AuthConfig[] = project === null ? [] : [{ username: `${project}@${AK}`, password: KEY }];
    const files = { [`${HOME}/.config/swr-shell/default.conf`]: routingProfile(settings, AK, KEY) };

    // Asked directly, with the settings in the environment and the profile.
    const direct = fakeIo({ files, env: routingEnv(settings), stdin: request(image) });
    expect(await credentialProvider([], direct.io)).toBe(0);
    expect(lookup(decodeResponse(direct.stdout(), V1!).auth, image)).toEqual(expected);

    // Through the kubelet: the config that kubelet-config prints decides whether the provider is asked,
    // and the provider then runs with that config's env alone (no HOME).
    const printing = fakeIo({ files, env: routingEnv(settings) });
    await kubeletConfig({}, printing.io);
    const [config] = decodeProviderConfig(printing.stdout());
    let throughKubelet: AuthConfig[] = [];
    if (config!.matchImages.some((glob) => urlsMatch(glob, image))) {
      const env = Object.fromEntries(config!.env.map(({ name, value }) => [name, value]));
      const node = fakeIo({ env, stdin: request(image) });
      const asked = { ...node.io, env, fs: () => Promise.resolve(printing.fs) };
      expect(await credentialProvider([], asked)).toBe(0);
      throughKubelet = lookup(decodeResponse(node.stdout(), V1!).auth, image);
    }
    expect(throughKubelet).toEqual(expected);
  });
});

describe('swr-credential-provider refuses', () => {
  const refusals: Array<[string, string, RegExp]> = [
    ['an empty input', '', /^the request on standard input is not JSON \(it is empty\)\.$/],
    ['non-JSON', 'image: swr.ap-southeast-3.myhuaweicloud.com/a/b', /^the request on standard input is not JSON \(it does not parse\)\.$/],
    ['a JSON array', '[]', /^the request on standard input is not a JSON object\.$/],
    ['JSON null', 'null', /^the request on standard input is not a JSON object\.$/],
    ['an unknown apiVersion', request('a.b/c', 'credentialprovider.kubelet.k8s.io/v1alpha1'), /^unknown apiVersion "credentialprovider\.kubelet\.k8s\.io\/v1alpha1": this provider speaks credentialprovider\.kubelet\.k8s\.io\/v1 and credentialprovider\.kubelet\.k8s\.io\/v1beta1\.$/],
    ['no apiVersion', JSON.stringify({ kind: 'CredentialProviderRequest', image: 'a.b/c' }), /^unknown apiVersion "undefined"/],
    ['the wrong kind', JSON.stringify({ kind: 'CredentialProviderResponse', apiVersion: V1, image: 'a.b/c' }), /^unknown kind "CredentialProviderResponse": the kubelet sends a CredentialProviderRequest\.$/],
    ['a missing image', JSON.stringify({ kind: 'CredentialProviderRequest', apiVersion: V1 }), /^the request names no image/],
    ['an empty image', request(''), /^the request names no image/],
    ['an image that is not a string', request(['a.b/c']), /^the request names no image/],
    ['an image with a newline', request(`${SINGAPORE}/a/b\n`), /^invalid image ".*\\n": it holds a space, a control character or non-ASCII\.$/],
    ['an image with an escape sequence', request(`${SINGAPORE}/a/\u001b[31mb`), /^invalid image ".*\\u001b\[31mb": it holds a space/],
    ['an image with a NUL', request(`${SINGAPORE}/a\u0000/b`), /^invalid image ".*\\u0000\/b": it holds a space/],
    ['an image with a space', request(`${SINGAPORE}/a b`), /^invalid image .*: it holds a space/],
    ['an image with non-ASCII', request(`${SINGAPORE}/café`), /^invalid image .*: it holds a space, a control character or non-ASCII\.$/],
    ['a very long image', request(`${SINGAPORE}/${'a'.repeat(5000)}`), /^invalid image ".{256}": it is 5037 characters long \(at most 4096\)\.$/],
  ];

  it.each(refusals)('%s: a message on standard error, nothing on standard output, status 1', async (_, stdin, message) => {
    const { status, stdout, stderr } = await provider(stdin, { default: singapore });
    expect([status, stdout]).toEqual([1, '']);
    expect(stderr).toMatch(/^swr-credential-provider: [^\n]*\n$/);
    expect(stderr.slice('swr-credential-provider: '.length, -1)).toMatch(message);
    expect(stderr).not.toContain(KEY);
  });

  it('fails without settings, naming what is missing, and shows no key', async () => {
    const { status, stdout, stderr } = await provider(request(`${SINGAPORE}/a/b`), {});
    expect([status, stdout]).toEqual([1, '']);
    expect(stderr).toMatch(/^swr-credential-provider: no SWR settings: profile "default" .* does not exist/);
  });

  it('takes no arguments but --help and --version', async () => {
    const result = await provider('', {}, {}, ['get']);
    expect([result.status, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toMatch(/^swr-credential-provider: unexpected argument "get"\.\nUsage: swr-credential-provider /);
    expect((await provider('', {}, {}, ['--help'])).stdout).toMatch(/^Usage: swr-credential-provider \[--help \| --version\]\n/);
    expect((await provider('', {}, {}, ['--version'])).stdout).toMatch(/^swr-credential-provider \(swr-shell\) \d+\.\d+\.\d+/);
  });
});

describe('swr-credential-provider, to the letter', () => {
  it('prints the response as one line of JSON with a newline', async () => {
    const { status, stdout } = await provider(request(`${SINGAPORE}/a/b`), { default: singapore });
    expect(status).toBe(0);
    expect(stdout).toBe(
      JSON.stringify({
        apiVersion: V1,
        kind: 'CredentialProviderResponse',
        cacheKeyType: 'Registry',
        cacheDuration: '24h',
        auth: { [SINGAPORE]: { username: 'ap-southeast-3_dev@TESTAKEXAMPLE123', password: KEY } },
      }) + '\n',
    );
  });

  it('takes a request of exactly 64 KiB, and refuses one byte more', async () => {
    const text = request(`${SINGAPORE}/a/b`);
    const exact = text + ' '.repeat(64 * 1024 - text.length);
    expect((await provider(exact, { default: singapore })).status).toBe(0);
    const over = await provider(`${exact} `, { default: singapore });
    expect([over.status, over.stdout, over.stderr]).toEqual([1, '', 'swr-credential-provider: standard input holds more than 65536 bytes.\n']);
  });

  it('counts the limit in bytes, not characters', async () => {
    const text = request(`${SINGAPORE}/a/b`);
    const padded = text.slice(0, -1) + ', "x": "' + 'é'.repeat((64 * 1024 - text.length - 8) / 2 + 1) + '"}';
    expect(padded.length).toBeLessThan(64 * 1024);
    expect((await provider(padded, { default: singapore })).stderr).toBe('swr-credential-provider: standard input holds more than 65536 bytes.\n');
  });

  it('says a blank input is empty, and a JSON value that is not an object is not one', async () => {
    expect((await provider(' \n\t', { default: singapore })).stderr).toBe('swr-credential-provider: the request on standard input is not JSON (it is empty).\n');
    for (const stdin of ['42', '"CredentialProviderRequest"', 'true']) {
      expect((await provider(stdin, { default: singapore })).stderr).toBe('swr-credential-provider: the request on standard input is not a JSON object.\n');
    }
  });

  it('takes an image of 4096 characters, not 4097, and says why it refuses one of 4096', () => {
    const image = `${SINGAPORE}/${'a'.repeat(4096 - SINGAPORE.length - 1)}`;
    expect(parseRequest(request(image)).image).toBe(image);
    expect(() => parseRequest(request(`${image}b`))).toThrow(new Failure(`invalid image "${`${image}b`.slice(0, 256)}": it is 4097 characters long (at most 4096).`));
    const spaced = `${image.slice(0, -2)} a`;
    expect(spaced).toHaveLength(4096);
    expect(() => parseRequest(request(spaced))).toThrow(new Failure(`invalid image "${spaced.slice(0, 256)}": it holds a space, a control character or non-ASCII.`));
  });

  it('prints its usage for --help and -h alone, its version for --version alone, and refuses anything more', async () => {
    for (const flag of ['--help', '-h']) {
      const { status, stdout, stderr } = await provider('', {}, {}, [flag]);
      expect([status, stdout, stderr]).toEqual([0, USAGE, '']);
    }
    expect(USAGE).toContain(
      'Usage: swr-credential-provider [--help | --version]\n\nThe kubelet image credential provider of swr-shell.',
    );
    expect(USAGE).toContain(
      'CredentialProviderRequest (credentialprovider.kubelet.k8s.io/v1 or credentialprovider.kubelet.k8s.io/v1beta1) on standard',
    );
    expect(USAGE).toContain('SWR_CACHE_DURATION sets how long the kubelet\nkeeps the answer (default 24h).\n');
    for (const args of [['--help', 'x'], ['-h', '-h'], ['--version', 'x']]) {
      const { status, stdout, stderr } = await provider('', {}, {}, args);
      expect([status, stdout, stderr]).toEqual([2, '', `swr-credential-provider: unexpected argument "${args[0]}".\n${USAGE}`]);
    }
  });

  it('shows the stack of a failure only with SWR_SHELL_DEBUG=1', async () => {
    const quiet = await provider('', {}, {});
    expect(quiet.stderr).toBe('swr-credential-provider: the request on standard input is not JSON (it is empty).\n');
    const debug = await provider('', {}, { SWR_SHELL_DEBUG: '1' });
    expect(debug.stderr).toMatch(/^swr-credential-provider: the request on standard input is not JSON \(it is empty\)\.\nFailure: the request on standard input is not JSON \(it is empty\)\.\n\s+at /);
  });
});

describe('a request', () => {
  it('may carry the fields a newer kubelet adds (service account token and annotations)', () => {
    const text = request(`${SINGAPORE}/a/b`, V1, { serviceAccountToken: 'eyJ...', serviceAccountAnnotations: { a: 'b' } });
    expect(parseRequest(text)).toEqual({ apiVersion: V1, image: `${SINGAPORE}/a/b` });
  });

  it.each([
    ['swr.ap-southeast-3.myhuaweicloud.com/team/app:1', 'swr.ap-southeast-3.myhuaweicloud.com'],
    ['registry.partner.example:5000/team/app', 'registry.partner.example:5000'],
    ['localhost/app', 'localhost'],
    ['localhost:5000/app', 'localhost:5000'],
    ['/app', undefined],
    ['team/app', undefined],
    ['nginx', undefined],
    ['nginx:1.27', undefined],
  ])("names %s's registry %s, as the kubelet's Registry cache key does", (image, registry) => {
    expect(imageRegistry(image)).toBe(registry);
  });
});

describe('cache durations', () => {
  it.each([
    ['24h', 86_400n],
    ['1h30m', 5_400n],
    ['90s', 90n],
    ['0', 0n],
    ['2562047h', 2_562_047n * 3600n],
    ['1h1m1s', 3_661n],
    ['2562047h47m16s', 9_223_372_036n],
    ['153722867m16s', 9_223_372_036n],
    ['9223372036s', 9_223_372_036n],
  ])('%s is accepted, and the kubelet reads it as %i seconds', (value, seconds) => {
    expect(validateCacheDuration(value, 'x')).toBe(value);
    expect(parseGoDuration(value)).toBe(seconds * 1_000_000_000n);
  });

  it.each(['', '1d', '24', '-1h', '1.5h', ' 24h', '24h ', 'h', '2562048h'])('%j is refused', (value) => {
    expect(() => validateCacheDuration(value, '--cache-duration')).toThrow(/^invalid --cache-duration /);
  });

  it.each(['2562047h47m17s', '153722867m17s', '9223372037s'])('%s, one second over the most Go holds, is refused as the kubelet refuses it', (value) => {
    expect(() => parseGoDuration(value)).toThrow(/invalid duration/);
    expect(() => validateCacheDuration(value, '--cache-duration')).toThrow(
      new UsageError(`invalid --cache-duration "${value}": give hours, minutes and seconds such as 24h, 1h30m or 90s (0 for no caching), as the kubelet reads a duration.`),
    );
  });
});

describe('matchImages', () => {
  const env = { HOME: '/home/user' };
  const loginOf = (profile: Profile) => {
    const fake = fakeIo();
    writeProfile(fake.fs, fake.io.env, 'default', profile);
    return selectedLogin(fake.fs, env);
  };

  it('cover every public region host, so that the kubelet asks the provider for each', () => {
    const globs = matchImages(loginOf(singapore));
    expect(globs).toEqual(['swr.*.myhuaweicloud.com', 'swr.*.myhuaweicloud.eu']);
    for (const region of REGIONS) {
      expect([region.id, globs.some((glob) => urlsMatch(glob, `${registryHost(region)}/team/app:1`))]).toEqual([region.id, true]);
    }
  });

  it("cover a registry host that is set with its port, and nothing else (the kubelet's rules)", () => {
    expect(matchImages(loginOf(partner))).toEqual([PARTNER]);
    const table: Array<[string, boolean]> = [
      [`${PARTNER}/team/app:1`, true],
      [`${PARTNER}`, true],
      ['registry.partner.example/team/app', false],
      ['registry.partner.example:5001/team/app', false],
      ['other.registry.partner.example:5000/team/app', false],
      [`${SINGAPORE}/team/app`, false],
    ];
    for (const [image, expected] of table) expect([image, urlsMatch(PARTNER, image)]).toEqual([image, expected]);
  });
});
