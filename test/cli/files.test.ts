// Files as they are in the wild, with the built bins under Node and the
// TypeScript source under Deno: what must not hang (a FIFO, /dev/zero), what
// must not exhaust memory (a huge sparse file, endless standard input), the
// owner of files written by root in a user's HOME, parallel writers beside a
// program that appends, killed writers, and hard links.

import { execFileSync, spawn } from 'node:child_process';
import {
  chownSync,
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AK, BASE_PATH, builtHelper, SK } from '../support/cli.ts';
import { DENO, denoCommand, denoOwnEnv, nodeCommand, ROOT } from '../support/runtimes.ts';

const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const CSV = `\uFEFFUser Name,Access Key Id,Secret Access Key\r\nuser,${AK},${SK}\r\n`;

interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Whether it had to be killed after `timeout` ms. */
  hung: boolean;
}

interface Options {
  env: Record<string, string>;
  input?: string;
  /** A file (a FIFO, /dev/zero) opened as standard input. */
  stdinFile?: string;
  timeout?: number;
  uid?: number;
  gid?: number;
}

/** Runs a command and kills it if it has not finished within the timeout: a hang is a result, not a stuck test. */
function attempt(command: readonly string[], options: Options): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const stdinFd = options.stdinFile === undefined ? undefined : openSync(options.stdinFile, 'r');
    const stdin = stdinFd ?? (options.input === undefined ? 'ignore' : 'pipe');
    const child = spawn(command[0]!, command.slice(1), {
      env: options.env,
      stdio: [stdin, 'pipe', 'pipe'],
      uid: options.uid,
      gid: options.gid,
    });
    if (stdinFd !== undefined) closeSync(stdinFd);
    let stdout = '';
    let stderr = '';
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, options.timeout ?? 15_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, hung });
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input);
  });
}

let scratch: string;
let denoDir: string;

/** swr-shell and docker-credential-swr under each runtime. */
const RUNTIMES = {
  node: { cli: (): string[] => nodeCommand(), helper: (): string[] => [process.execPath, builtHelper()], env: (): Record<string, string> => ({}) },
  deno: {
    cli: (): string[] => denoCommand(),
    helper: (): string[] => [DENO, 'run', '--quiet', '--allow-env', '--allow-read', join(ROOT, 'src', 'credential-helper.ts')],
    env: (): Record<string, string> => denoOwnEnv(denoDir),
  },
} as const;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'swr-files-'));
  denoDir = join(scratch, 'deno-cache');
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

let homes = 0;
/** A fresh HOME (mode 0755) and the environment that points there. */
function freshHome(runtime: keyof typeof RUNTIMES): { home: string; env: Record<string, string> } {
  const home = join(scratch, `home-${++homes}`);
  mkdirSync(home, { mode: 0o755 });
  return { home, env: { HOME: home, PATH: BASE_PATH, ...RUNTIMES[runtime].env() } };
}

function writeProfile(home: string): string {
  const directory = join(home, '.config', 'swr-shell');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const path = join(directory, 'default.conf');
  writeFileSync(path, `region=ap-southeast-3\nproject=ap-southeast-3\nak=${AK}\nlogin_key=${KEY}\n`, { mode: 0o600 });
  return path;
}

/** A FIFO that nothing writes to: reading it blocks forever. */
function fifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}

describe.each(['node', 'deno'] as const)('bounded reads (%s)', (runtime) => {
  const cli = (args: string[], options: Options): Promise<Outcome> => attempt([...RUNTIMES[runtime].cli(), ...args], options);

  it('refuses --credentials /dev/zero, a FIFO and a 100 MB sparse file, quickly, with status 2', async () => {
    const { home, env } = freshHome(runtime);
    const pipe = fifo(join(home, 'credentials.fifo'));
    const huge = join(home, 'huge.csv');
    writeFileSync(huge, CSV);
    truncateSync(huge, 100 * 1024 * 1024);
    const configure = (file: string): Promise<Outcome> => cli(['configure', '--region', 'ap-southeast-3', '--credentials', file], { env });
    const [zero, named, big] = await Promise.all([configure('/dev/zero'), configure(pipe), configure(huge)]);
    expect(zero).toMatchObject({ hung: false, status: 2, stdout: '' });
    expect(zero.stderr).toContain('cannot read credentials file "/dev/zero": it is a character device, not a regular file.');
    expect(named).toMatchObject({ hung: false, status: 2, stdout: '' });
    expect(named.stderr).toContain(`credentials file "${pipe}": it is a FIFO (named pipe), not a regular file.`);
    expect(big).toMatchObject({ hung: false, status: 2, stdout: '' });
    expect(big.stderr).toMatch(/it holds 104857600 bytes, more than the 65536 swr-shell reads from such a file/);
    expect(existsSync(join(home, '.config', 'swr-shell', 'default.conf'))).toBe(false);
  });

  it('a profile that is a FIFO fails every command at once, status 1, and the credential helper answers', async () => {
    const { home, env } = freshHome(runtime);
    mkdirSync(join(home, '.config', 'swr-shell'), { recursive: true, mode: 0o700 });
    fifo(join(home, '.config', 'swr-shell', 'default.conf'));
    const [envCommand, k8s, doctor, get] = await Promise.all([
      cli(['env'], { env }),
      cli(['k8s-secret'], { env }),
      cli(['doctor'], { env }),
      attempt([...RUNTIMES[runtime].helper(), 'get'], { env, input: 'swr.ap-southeast-3.myhuaweicloud.com\n' }),
    ]);
    for (const outcome of [envCommand, k8s, doctor]) {
      expect(outcome).toMatchObject({ hung: false, status: 1 });
      expect(outcome.stderr + outcome.stdout).toContain('default.conf: it is a FIFO (named pipe), not a regular file.');
    }
    expect(get).toMatchObject({ hung: false, status: 1, stdout: 'credentials not found in native keychain\n' });
    expect(get.stderr).toContain('it is a FIFO (named pipe)');
  });

  it('reads no more of endless standard input than it needs: the helper, and --sk-stdin', async () => {
    const { home, env } = freshHome(runtime);
    writeProfile(home);
    const [get, store, skStdin] = await Promise.all([
      attempt([...RUNTIMES[runtime].helper(), 'get'], { env, stdinFile: '/dev/zero' }),
      attempt([...RUNTIMES[runtime].helper(), 'store'], { env, stdinFile: '/dev/zero' }),
      cli(['login-key', '--ak', AK, '--sk-stdin'], { env, stdinFile: '/dev/zero' }),
    ]);
    expect(get).toMatchObject({ hung: false, status: 1 });
    expect(get.stdout).toContain('it got more than 1024 bytes');
    expect(store).toMatchObject({ hung: false, status: 0 });
    expect(skStdin).toMatchObject({ hung: false, status: 2, stdout: '' });
    expect(skStdin.stderr).toContain('invalid secret key from standard input');
  });
});
