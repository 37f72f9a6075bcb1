// docker-credential-swr as docker runs it: the built bin, a temporary HOME with
// profiles written by the real `swr-shell configure`, every verb of the
// protocol. The expected key comes from Huawei's openssl one-liner. No
// registry takes part: test/e2e/skopeo.test.ts has a client use the helper.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AK, builtHelper, credentialHelper, SK, TempHome } from '../support/cli.ts';
import { opensslLoginKey } from '../support/huawei-login-key.ts';
import { run } from '../support/process.ts';
import { DENO, denoOwnEnv, ROOT } from '../support/runtimes.ts';

const NOT_FOUND = 'credentials not found in native keychain\n';
const SINGAPORE = 'swr.ap-southeast-3.myhuaweicloud.com';
const PARTNER = 'registry.partner.example:5000';

let home: TempHome;
let key: string;
/** Deno's cache, outside the HOME under test. */
const denoDir = mkdtempSync(join(tmpdir(), 'swr-deno-cache-'));

beforeAll(async () => {
  builtHelper();
  key = opensslLoginKey(AK, SK);
  home = new TempHome();
  await home.configure('--region', 'ap-southeast-3', '--project', 'ap-southeast-3_dev');
  await home.configure('--profile', 'partner', '--region', 'xx-east-1', '--registry', PARTNER);
});

afterAll(() => {
  home?.remove();
  rmSync(denoDir, { recursive: true, force: true });
});

const helper = (args: string[], input?: string) => credentialHelper(args, home.env, input);

/** Every file under the temporary HOME with its size and modification time. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((path) => {
      const stat = statSync(join(dir, path));
      return `${path} ${stat.size} ${stat.mtimeMs}`;
    });
}

describe.concurrent('docker-credential-swr (built bin)', () => {
  it("get answers for the default profile's registry", async () => {
    const result = await helper(['get'], `${SINGAPORE}\n`);
    expect(result).toEqual({
      status: 0,
      stdout: JSON.stringify({ ServerURL: SINGAPORE, Username: `ap-southeast-3_dev@${AK}`, Secret: key }) + '\n',
      stderr: '',
    });
  });

  it("get answers for another profile's partner registry", async () => {
    const result = await helper(['get'], PARTNER);
    expect(JSON.parse(result.stdout)).toEqual({ ServerURL: PARTNER, Username: `xx-east-1@${AK}`, Secret: key });
  });

  it("get answers for another region's host with that region's default project", async () => {
    const result = await helper(['get'], 'https://swr.eu-west-101.myhuaweicloud.eu/');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ Username: `eu-west-101@${AK}`, Secret: key });
  });

  it('get says "credentials not found" for an unknown host, status 1', async () => {
    expect(await helper(['get'], 'registry-1.docker.io')).toEqual({ status: 1, stdout: NOT_FOUND, stderr: '' });
  });

  it('get refuses empty and oversized input, status 1', async () => {
    const empty = await helper(['get'], '\n');
    expect(empty.status).toBe(1);
    expect(empty.stdout).toMatch(/^docker-credential-swr: get reads a registry host on standard input.*it got nothing\.\n$/);
    const long = await helper(['get'], 'x'.repeat(4096));
    expect(long.status).toBe(1);
    expect(long.stdout).toContain('it got more than 1024 bytes');
  });

  it('list prints {host: user} for every profile', async () => {
    const result = await helper(['list']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ [SINGAPORE]: `ap-southeast-3_dev@${AK}`, [PARTNER]: `xx-east-1@${AK}` });
  });

  it('store and erase succeed and change no file', async () => {
    const before = snapshot(home.dir);
    const credentials = JSON.stringify({ ServerURL: SINGAPORE, Username: 'someone', Secret: 'something' });
    expect(await helper(['store'], credentials)).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(await helper(['erase'], SINGAPORE)).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(snapshot(home.dir)).toEqual(before);
  });

  it("version prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await helper(['version'])).toEqual({ status: 0, stdout: `docker-credential-swr (swr-shell) ${version}\n`, stderr: '' });
  });

  it('an unknown verb gets usage on standard error, status 2', async () => {
    const result = await helper(['fetch']);
    expect([result.status, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toMatch(/^docker-credential-swr: unknown verb "fetch"\.\nUsage: docker-credential-swr <get\|list\|store\|erase\|version>/);
  });

  it('answers the same under Deno, from the TypeScript source', async () => {
    const args = ['run', '--quiet', '--allow-env', '--allow-read', join(ROOT, 'src', 'credential-helper.ts'), 'get'];
    const [underDeno, underNode] = await Promise.all([
      run(DENO, args, { env: { ...home.env, ...denoOwnEnv(denoDir) }, input: SINGAPORE }),
      helper(['get'], SINGAPORE),
    ]);
    expect(underDeno).toEqual(underNode);
  });
});

describe('the bundle of docker-credential-swr', () => {
  /** The files that loading `entry` reads: it and its static imports, recursively. */
  function loaded(entry: string, seen = new Set<string>()): Set<string> {
    seen.add(entry);
    const text = readFileSync(entry, 'utf8');
    for (const [, specifier] of text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*["']([^"']+)["']/gm)) {
      if (!specifier!.startsWith('.')) {
        seen.add(specifier!);
        continue;
      }
      const path = join(entry, '..', specifier!);
      if (!seen.has(path)) loaded(path, seen);
    }
    for (const [, specifier] of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) seen.add(`dynamic ${specifier}`);
    return seen;
  }

  it('loads neither yargs nor ejs nor the templates', () => {
    const files = [...loaded(builtHelper())];
    expect(files.filter((file) => !file.startsWith('/'))).toEqual(['dynamic node:fs']);
    const text = files.filter((file) => file.startsWith('/')).map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(text).toContain('credentials not found in native keychain');
    expect(text).not.toMatch(/yargs|ejs|plugin for bash|function __swr_/);
  });

  it('is executable and starts with a node shebang', () => {
    expect(statSync(builtHelper()).mode & 0o111).not.toBe(0);
    expect(readFileSync(builtHelper(), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
