// `swr-shell login` as a script runs it: the built bin in its own process, the
// recording stand-ins of docker, podman and nerdctl as its whole PATH. What
// each tool got (argv, stdin, environment), the status passed on, and that bad
// input runs nothing.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtCli } from '../support/cli.ts';
import { denoCommand, denoOwnEnv } from '../support/runtimes.ts';
import { type Call, readCalls, Sandbox } from '../support/sandbox.ts';

const AK = 'TESTAKEXAMPLE123';
const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const CI_AK = 'OTHERAKEXAMPLE99';
const CI_KEY = 'ab'.repeat(32);
const SG = 'swr.ap-southeast-3.myhuaweicloud.com';
const USER = `ap-southeast-3@${AK}`;

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());
sandbox.profile('default', `region=ap-southeast-3\nproject=ap-southeast-3\norg=team\nak=${AK}\nlogin_key=${KEY}\n`);
sandbox.profile('partner', `region=xx-partner-1\nproject=xx-partner-1_dev\nregistry=registry.partner.example:8443\nak=${AK}\nlogin_key=${KEY}\n`);

interface Run {
  status: number;
  stdout: string;
  stderr: string;
  calls: Call[];
}

let runs = 0;
/**
 * The built swr-shell (or swr-shell on Deno, with the deno.json task's
 * permissions) with `args`, the sandbox's HOME and the stand-ins as its whole PATH (or `path`).
 */
function login(args: string[], env: NodeJS.ProcessEnv = {}, path = sandbox.bin, runtime: 'node' | 'deno' = 'node'): Promise<Run> {
  const calls = join(sandbox.root, `login-calls-${++runs}`);
  mkdirSync(calls);
  const [command, ...prefix] = runtime === 'node' ? [process.execPath, builtCli()] : denoCommand();
  const own = runtime === 'node' ? {} : denoOwnEnv(join(sandbox.root, 'deno-cache'));
  return new Promise((resolve) => {
    execFile(
      command!,
      [...prefix, 'login', ...args],
      { env: { ...own, HOME: sandbox.home, PATH: path, SWR_TEST_CALLS: calls, ...env }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ status, stdout, stderr, calls: readCalls(calls) });
      },
    );
  });
}

const loginCall = (tool: string, options: string[] = [], user = USER, registry = SG, key = KEY) => ({
  tool,
  argv: ['login', '-u', user, '--password-stdin', ...options, registry],
  stdin: key,
});

/** What a call shows of itself, but its environment. */
const shown = ({ tool, argv, stdin }: Call) => ({ tool, argv, stdin });

describe('swr-shell login', () => {
  it.each([
    { name: 'docker by default', args: [], env: {}, call: loginCall('docker') },
    { name: 'docker named', args: ['docker'], env: {}, call: loginCall('docker') },
    { name: 'podman', args: ['podman'], env: {}, call: loginCall('podman') },
    { name: 'nerdctl', args: ['nerdctl'], env: {}, call: loginCall('nerdctl') },
    { name: '$SWR_RUNTIME', args: [], env: { SWR_RUNTIME: 'podman' }, call: loginCall('podman') },
    { name: 'the named tool over $SWR_RUNTIME', args: ['nerdctl'], env: { SWR_RUNTIME: 'podman' }, call: loginCall('nerdctl') },
    {
      name: "the tool's options, as they are",
      args: ['podman', '--tls-verify=false', "it's \\ $(x) `y`", '--authfile', '/tmp/a b.json'],
      env: {},
      call: loginCall('podman', ['--tls-verify=false', "it's \\ $(x) `y`", '--authfile', '/tmp/a b.json']),
    },
    { name: 'options without a tool', args: ['--tls-verify=false'], env: {}, call: loginCall('docker', ['--tls-verify=false']) },
    {
      name: 'the environment over the profile (CI without a profile)',
      args: [],
      env: { SWR_REGION: 'cn-north-4', SWR_AK: CI_AK, SWR_LOGIN_KEY: CI_KEY },
      call: loginCall('docker', [], `cn-north-4@${CI_AK}`, 'swr.cn-north-4.myhuaweicloud.com', CI_KEY),
    },
    {
      name: 'a sub-project from SWR_PROJECT',
      args: [],
      env: { SWR_PROJECT: 'ap-southeast-3_dev' },
      call: loginCall('docker', [], `ap-southeast-3_dev@${AK}`),
    },
    {
      name: "a partner cloud's registry, from the profile SWR_PROFILE selects",
      args: [],
      env: { SWR_PROFILE: 'partner' },
      call: loginCall('docker', [], `xx-partner-1_dev@${AK}`, 'registry.partner.example:8443'),
    },
    { name: 'a registry host from SWR_REGISTRY', args: [], env: { SWR_REGISTRY: 'localhost:5000' }, call: loginCall('docker', [], USER, 'localhost:5000') },
  ])('$name: the key on stdin only', async ({ args, env, call }) => {
    const result = await login(args, env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.calls.map(shown)).toEqual([call]);
    const [made] = result.calls;
    expect(made!.argv.join(' ')).not.toContain(call.stdin);
    expect(result.stdout + result.stderr).not.toContain(call.stdin);
    // The key reached the tool on stdin; in its environment only where the caller put it.
    const fromEnv = 'SWR_LOGIN_KEY' in env;
    expect(Object.values(made!.env).some((value) => value.includes(call.stdin))).toBe(fromEnv);
  });

  it("passes on the tool's status and its messages", async () => {
    const result = await login(['podman'], { SWR_TEST_STATUS: '3', SWR_TEST_STDERR: 'Error: unauthorized: authentication required' });
    expect(result.status).toBe(3);
    expect(result.stderr).toBe('Error: unauthorized: authentication required\n');
    expect(result.calls.map(shown)).toEqual([loginCall('podman')]);
  });

  it('names a tool that is not on PATH, with status 127', async () => {
    const empty = mkdtempSync(join(sandbox.root, 'empty-bin-'));
    const result = await login(['nerdctl'], {}, empty);
    expect(result).toMatchObject({ status: 127, stdout: '', stderr: 'swr-shell login: nerdctl is not on PATH.\n' });
  });

  it.each([
    { name: 'an unknown tool', args: ['dokcer'], env: {}, status: 2, stderr: /^swr-shell: unknown tool "dokcer": use docker, podman or nerdctl/ },
    { name: 'an unknown SWR_RUNTIME', args: [], env: { SWR_RUNTIME: 'crio' }, status: 2, stderr: /^swr-shell: SWR_RUNTIME: unknown tool "crio"/ },
    { name: 'no settings at all', args: [], env: { SWR_PROFILE: 'none' }, status: 1, stderr: /^swr-shell: no SWR settings: profile "none"/ },
    { name: 'an AK without its key', args: [], env: { SWR_AK: CI_AK }, status: 1, stderr: /^swr-shell: no login key for AK OTHERAKEXAMPLE99/ },
    { name: 'a malformed key', args: [], env: { SWR_AK: CI_AK, SWR_LOGIN_KEY: 'not-a-key' }, status: 2, stderr: /^swr-shell: invalid login key in SWR_LOGIN_KEY/ },
    { name: 'a registry host with a newline', args: [], env: { SWR_REGISTRY: 'evil.example\nx' }, status: 2, stderr: /^swr-shell: SWR_REGISTRY: invalid registry host/ },
  ])('$name: a clear message, and nothing runs', async ({ args, env, status, stderr }) => {
    const result = await login(args, env);
    expect(result.stderr).toMatch(stderr);
    expect(result.status).toBe(status);
    expect(result.calls).toEqual([]);
    expect(result.stderr).not.toContain(KEY);
    expect(result.stderr).not.toContain('not-a-key');
  });

  it('on Deno, with the permissions of the deno.json task: the same call, the status and a missing tool', async () => {
    const result = await login(['podman', '--tls-verify=false'], { SWR_TEST_STATUS: '3', SWR_TEST_STDERR: 'from podman' }, sandbox.bin, 'deno');
    expect(result.stderr).toBe('from podman\n');
    expect(result.status).toBe(3);
    expect(result.calls.map(shown)).toEqual([loginCall('podman', ['--tls-verify=false'])]);
    const missing = await login(['nerdctl'], {}, mkdtempSync(join(sandbox.root, 'empty-bin-')), 'deno');
    expect(missing).toMatchObject({ status: 127, stdout: '', stderr: 'swr-shell login: nerdctl is not on PATH.\n' });
  });

  it('--help prints the usage and runs nothing', async () => {
    const result = await login(['podman', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^swr-shell login \[tool\] \[options\.\.\]/);
    expect(result.calls).toEqual([]);
  });
});
