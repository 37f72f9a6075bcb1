// swr-credential-provider as the kubelet runs it, and swr-shell kubelet-config
// whose output the kubelet reads: the built bins, a root-only profile
// directory written by the real `swr-shell configure` and named by
// XDG_CONFIG_HOME, the provider linked into a bin directory under its own name
// and started with only the kubelet's environment and the config's `env`. The
// kubelet's part (matchImages, the request, strict decoding, the keyring
// lookup) is test/support/kubelet.ts; the key comes from Huawei's openssl
// one-liner. No kubelet runs here: none is installed on these machines.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_API_VERSIONS } from '../../src/core/credential-provider.ts';
import { AK, BASE_PATH, builtProvider, configure, runCli, SK, TempHome } from '../support/cli.ts';
import { opensslLoginKey } from '../support/huawei-login-key.ts';
import { decodeProviderConfig, decodeResponse, kubeletPull } from '../support/kubelet.ts';
import { run } from '../support/process.ts';
import { DENO, denoOwnEnv, ROOT } from '../support/runtimes.ts';

const SINGAPORE = 'swr.ap-southeast-3.myhuaweicloud.com';
const PARTNER = 'registry.partner.example:5000';
const [V1, V1BETA1] = PROVIDER_API_VERSIONS;
/** The kubelet's own environment as systemd starts it: a PATH, no HOME. */
const KUBELET_ENV = { PATH: BASE_PATH };

let home: TempHome;
let configHome: string;
let binDir: string;
let key: string;
const denoDir = mkdtempSync(join(tmpdir(), 'swr-deno-cache-'));

beforeAll(async () => {
  builtProvider();
  key = opensslLoginKey(AK, SK);
  home = new TempHome();
  configHome = join(home.dir, 'etc-swr-shell');
  const asRoot = { ...home.env, XDG_CONFIG_HOME: configHome };
  // The profiles the kubelet uses, in a directory of their own.
  await configure(asRoot, join(home.dir, 'c1.csv'), AK, SK, '--region', 'ap-southeast-3', '--project', 'ap-southeast-3_dev');
  await configure(asRoot, join(home.dir, 'c2.csv'), AK, SK, '--profile', 'partner', '--region', 'xx-east-1', '--registry', PARTNER);
  binDir = join(home.dir, 'credential-provider-bin');
  mkdirSync(binDir);
  symlinkSync(builtProvider(), join(binDir, 'swr-credential-provider'));
});

afterAll(() => {
  home?.remove();
  rmSync(denoDir, { recursive: true, force: true });
});

const provider = (input: string, env: Record<string, string> = { ...KUBELET_ENV, XDG_CONFIG_HOME: configHome }) =>
  run(join(binDir, 'swr-credential-provider'), [], { env, input });
const request = (image: string, apiVersion: string = V1!) => JSON.stringify({ kind: 'CredentialProviderRequest', apiVersion, image });
const kubeletConfig = (args: string[], env: Record<string, string> = {}) =>
  runCli(['kubelet-config', '--config-home', configHome, ...args], { ...home.env, ...env });

describe.concurrent('swr-credential-provider (built bin)', () => {
  it.each([V1!, V1BETA1!])('answers a %s request with a response of that apiVersion that the kubelet decodes', async (apiVersion) => {
    const image = `${SINGAPORE}/team/app:1.0`;
    const result = await provider(request(image, apiVersion));
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout.endsWith('}\n')).toBe(true);
    expect(decodeResponse(result.stdout, apiVersion)).toEqual({
      cacheKeyType: 'Registry',
      cacheDuration: 86_400_000_000_000n,
      auth: { [SINGAPORE]: { username: `ap-southeast-3_dev@${AK}`, password: key } },
    });
  });

  it('answers with an empty auth, status 0, for a host the profile does not cover', async () => {
    const result = await provider(request('ghcr.io/org/app:1'));
    expect(result.status).toBe(0);
    expect(decodeResponse(result.stdout, V1!).auth).toEqual({});
  });

  it.each([
    ['non-JSON', 'not json'],
    ['the wrong kind', JSON.stringify({ kind: 'Secret', apiVersion: V1, image: `${SINGAPORE}/a/b` })],
    ['an unknown apiVersion', request(`${SINGAPORE}/a/b`, 'credentialprovider.kubelet.k8s.io/v2')],
    ['a missing image', JSON.stringify({ kind: 'CredentialProviderRequest', apiVersion: V1 })],
    ['an image with control characters', request(`${SINGAPORE}/a/b\r\u001b]0;x\u0007`)],
    ['64 KiB and one byte', request(`${SINGAPORE}/a/b`).padEnd(64 * 1024 + 1, ' ')],
  ])('refuses %s: a message on standard error, nothing on standard output, status 1', async (_, input) => {
    const result = await provider(input);
    expect([result.status, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toMatch(/^swr-credential-provider: [^\n]+\n$/);
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('stops reading a huge standard input at the limit, and fails at once', async () => {
    const started = Date.now();
    const result = await provider('{"image":"' + 'a'.repeat(32 * 1024 * 1024));
    expect([result.status, result.stdout, result.stderr]).toEqual([1, '', 'swr-credential-provider: standard input holds more than 65536 bytes.\n']);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('fails with a message, and no key anywhere, when the profile directory is not given', async () => {
    const result = await provider(request(`${SINGAPORE}/a/b`), KUBELET_ENV);
    expect([result.status, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toBe('swr-credential-provider: HOME is not set to an absolute path; set it and try again.\n');
  });

  it('answers the same under Deno, from the TypeScript source', async () => {
    const args = ['run', '--quiet', '--allow-env', '--allow-read', join(ROOT, 'src', 'credential-provider.ts')];
    const input = request(`swr.eu-west-101.myhuaweicloud.eu/team/app`, V1BETA1);
    const env = { ...KUBELET_ENV, XDG_CONFIG_HOME: configHome };
    const [underDeno, underNode] = await Promise.all([run(DENO, args, { env: { ...env, ...denoOwnEnv(denoDir) }, input }), provider(input, env)]);
    expect(underNode.status).toBe(0);
    expect(underDeno).toEqual(underNode);
  });
});

describe('the bundle of swr-credential-provider', () => {
  it('requires no package, and loads only node:fs, lazily', () => {
    const text = readFileSync(builtProvider(), 'utf8');
    expect([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1])).toEqual([]);
    expect(new Set([...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]))).toEqual(new Set(['node:fs']));
    expect(text).not.toMatch(/yargs|ejs|plugin for bash|function __swr_/);
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(builtProvider()).mode & 0o111).not.toBe(0);
  });
});

describe.concurrent('swr-shell kubelet-config, read and used as the kubelet does', () => {
  it('prints a config the kubelet accepts, with no key, for the public SWR hosts', async () => {
    const result = await kubeletConfig([]);
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout).not.toContain(key);
    expect(decodeProviderConfig(result.stdout)).toEqual([
      {
        name: 'swr-credential-provider',
        apiVersion: V1,
        matchImages: ['swr.*.myhuaweicloud.com', 'swr.*.myhuaweicloud.eu'],
        defaultCacheDuration: 86_400_000_000_000n,
        args: [],
        env: [
          { name: 'XDG_CONFIG_HOME', value: configHome },
          { name: 'SWR_PROFILE', value: 'default' },
        ],
      },
    ]);
  });

  it("gives the kubelet the profile's login for its images, and nothing for others", async () => {
    const config = (await kubeletConfig([])).stdout;
    const pull = (image: string) => kubeletPull(config, binDir, image, KUBELET_ENV);
    expect(await pull(`${SINGAPORE}/team/app:1`)).toEqual({ asked: true, status: 0, stderr: '', credentials: [{ username: `ap-southeast-3_dev@${AK}`, password: key }] });
    expect(await pull('swr.cn-north-4.myhuaweicloud.com/team/app@sha256:' + 'c'.repeat(64))).toMatchObject({ credentials: [{ username: `cn-north-4@${AK}`, password: key }] });
    expect(await pull('swr.xx-nowhere-9.myhuaweicloud.com/team/app')).toEqual({ asked: true, status: 0, stderr: '', credentials: [] });
    for (const image of ['nginx:1.27', 'docker.io/library/nginx', `${SINGAPORE}:443/team/app`, `${SINGAPORE}.evil.example/team/app`]) {
      expect([image, await pull(image)]).toEqual([image, { asked: false }]);
    }
  });

  it('covers a registry host that is set, with its port, for --profile', async () => {
    const result = await kubeletConfig(['--profile', 'partner']);
    expect(result.status).toBe(0);
    const [config] = decodeProviderConfig(result.stdout);
    expect(config!.matchImages).toEqual([PARTNER]);
    expect(config!.env).toContainEqual({ name: 'SWR_PROFILE', value: 'partner' });
    const pull = (image: string) => kubeletPull(result.stdout, binDir, image, KUBELET_ENV);
    expect(await pull(`${PARTNER}/team/app`)).toMatchObject({ credentials: [{ username: `xx-east-1@${AK}`, password: key }] });
    expect(await pull(`${SINGAPORE}/team/app`)).toEqual({ asked: false });
    expect(await pull('registry.partner.example/team/app')).toEqual({ asked: false });
  });

  it('passes --cache-duration to the kubelet and to the provider', async () => {
    const result = await kubeletConfig(['--cache-duration', '1h30m']);
    const [config] = decodeProviderConfig(result.stdout);
    expect(config!.defaultCacheDuration).toBe(5_400_000_000_000n);
    const env = Object.fromEntries(config!.env.map(({ name, value }) => [name, value]));
    expect(env['SWR_CACHE_DURATION']).toBe('1h30m');
    const response = await provider(request(`${SINGAPORE}/a/b`), { ...KUBELET_ENV, ...env });
    expect(decodeResponse(response.stdout, V1!).cacheDuration).toBe(5_400_000_000_000n);
  });

  it('passes the region settings of the environment, never the key', async () => {
    const result = await kubeletConfig([], { SWR_REGION: 'cn-north-4', SWR_LOGIN_KEY: key, SWR_AK: AK });
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain(key);
    const [config] = decodeProviderConfig(result.stdout);
    expect(config!.env.map(({ name }) => name)).toEqual(['XDG_CONFIG_HOME', 'SWR_PROFILE', 'SWR_REGION']);
    expect(await kubeletPull(result.stdout, binDir, 'swr.cn-north-4.myhuaweicloud.com/a/b', KUBELET_ENV)).toMatchObject({
      credentials: [{ username: `cn-north-4@${AK}`, password: key }],
    });
  });

  it('keeps YAML-special characters of the directory a plain string', async () => {
    const odd = join(home.dir, 'odd: "dir" # x\\y');
    await configure({ ...home.env, XDG_CONFIG_HOME: odd }, join(home.dir, 'c3.csv'), AK, SK, '--region', 'ap-southeast-3');
    const result = runCli(['kubelet-config', '--config-home', odd], home.env);
    expect(result.status).toBe(0);
    expect(decodeProviderConfig(result.stdout)[0]!.env[0]).toEqual({ name: 'XDG_CONFIG_HOME', value: odd });
    expect(await kubeletPull(result.stdout, binDir, `${SINGAPORE}/a/b`, KUBELET_ENV)).toMatchObject({ credentials: [{ password: key }] });
  });

  it('refuses what the provider could not use: a relative directory, a bad duration, a profile without a key', async () => {
    const relative = runCli(['kubelet-config', '--config-home', 'etc'], home.env);
    expect([relative.status, relative.stdout]).toEqual([2, '']);
    expect(relative.stderr).toMatch(/^swr-shell: invalid --config-home "etc": the kubelet runs the provider elsewhere, so give an absolute path\.\n$/);
    const duration = await kubeletConfig(['--cache-duration', '1d']);
    expect([duration.status, duration.stdout]).toEqual([2, '']);
    expect(duration.stderr).toMatch(/^swr-shell: invalid --cache-duration "1d"/);
    const missing = await kubeletConfig(['--profile', 'nosuch']);
    expect([missing.status, missing.stdout]).toEqual([1, '']);
    expect(missing.stderr).toMatch(/^swr-shell: swr-credential-provider would find no login with the environment this config gives it: no SWR settings: profile "nosuch"/);
  });

  it('leaves the profile directory root-only, as configure made it', () => {
    expect(statSync(join(configHome, 'swr-shell')).mode & 0o777).toBe(0o700);
    expect(statSync(join(configHome, 'swr-shell', 'default.conf')).mode & 0o777).toBe(0o600);
  });
});
