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

/** Every file and directory under `root` (itself included) whose owner is not uid:gid, with its owner. */
function foreignOwners(root: string, uid: number, gid: number): string[] {
  const found: string[] = [];
  const walk = (path: string): void => {
    const stat = statSync(path);
    if (stat.uid !== uid || stat.gid !== gid) found.push(`${path} ${stat.uid}:${stat.gid}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(root);
  return found;
}

/** Files that a writer leaves only when something went wrong: temporary files and locks. */
function leftovers(directory: string): string[] {
  return readdirSync(directory).filter((name) => /\.tmp$|\.lock$/.test(name));
}

const USER = 4242;
const isRoot = process.getuid?.() === 0;
// CI runs as root; elsewhere these need root to chown, and are skipped without it.
const asRoot = isRoot || process.env['CI'] === 'true' ? describe : describe.skip;

asRoot('files under another owner', () => {
  beforeAll(() => {
    // Other users must reach the homes below.
    execFileSync('chmod', ['0755', scratch]);
  });

  it.each(['node', 'deno'] as const)('root with a user\'s HOME keeps the user\'s owner on every file and directory (%s)', async (runtime) => {
    const { home, env } = freshHome(runtime);
    writeFileSync(join(home, '.bashrc'), '# the user\'s own\n', { mode: 0o644 });
    writeFileSync(join(home, 'credentials.csv'), CSV, { mode: 0o600 });
    execFileSync('chown', ['-R', `${USER}:${USER}`, home]);
    const cli = (args: string[]): Promise<Outcome> => attempt([...RUNTIMES[runtime].cli(), ...args], { env: { ...env, SHELL: '/bin/bash' } });
    for (const args of [
      ['configure', '--region', 'ap-southeast-3', '--credentials', join(home, 'credentials.csv')],
      ['install', 'bash', 'fish', '--mode', 'static'],
      ['docker-config'],
      ['env', '--output', join(home, 'project', '.env')],
    ]) {
      if (args[0] === 'env') {
        mkdirSync(join(home, 'project'));
        chownSync(join(home, 'project'), USER, USER);
      }
      const outcome = await cli(args);
      expect(outcome, `${args.join(' ')}: ${outcome.stderr}`).toMatchObject({ status: 0, hung: false });
    }
    expect(readFileSync(join(home, '.bashrc'), 'utf8')).toContain('# >>> swr-shell >>>');
    expect(existsSync(join(home, '.docker', 'config.json'))).toBe(true);
    expect(foreignOwners(home, USER, USER)).toEqual([]);
    expect(statSync(join(home, '.config', 'swr-shell', 'default.conf')).mode & 0o777).toBe(0o600);
  });

  it('a user who may not keep the owner of a file refuses, and changes nothing', async () => {
    const { home, env } = freshHome('node');
    const bashrc = join(home, '.bashrc');
    writeFileSync(bashrc, '# shared with the group\n', { mode: 0o666 });
    chownSync(bashrc, USER, USER);
    execFileSync('chmod', ['0777', home]);
    const outcome = await attempt([...RUNTIMES.node.cli(), 'install', 'bash', '--mode', 'eval'], { env, uid: USER + 1, gid: USER + 1 });
    expect(outcome).toMatchObject({ status: 1, hung: false });
    expect(outcome.stderr).toContain(`cannot write ${bashrc} and keep its owner (uid ${USER}, gid ${USER})`);
    expect(readFileSync(bashrc, 'utf8')).toBe('# shared with the group\n');
    expect(statSync(bashrc).uid).toBe(USER);
    expect(leftovers(home)).toEqual([]);
  });
});

describe('parallel writers', () => {
  it('20 installs beside a loop appending to .bashrc lose none of its lines', async () => {
    const { home, env } = freshHome('node');
    const bashrc = join(home, '.bashrc');
    writeFileSync(bashrc, '# first line\n');
    // The appends and the installs spread over the same few seconds.
    const appender = attempt(
      ['bash', '-c', 'for i in $(seq 1 40); do echo "appended line $i" >>"$1"; sleep 0.08; done', 'bash', bashrc],
      { env, timeout: 60_000 },
    );
    // Each with another prefix, so that each one changes the block.
    const installs = Array.from({ length: 20 }, async (_, index) => {
      await new Promise((resolve) => setTimeout(resolve, index * 120));
      return attempt([...RUNTIMES.node.cli(), 'install', 'bash', '--mode', 'eval', '--cmd', `p${index}`], { env, timeout: 60_000 });
    });
    const outcomes = await Promise.all([appender, ...installs]);
    expect(outcomes.map((outcome) => [outcome.status, outcome.stderr.replace(/^swr-shell: (start a new shell|note: swr-shell is not on PATH).*\n/gm, '')])).toEqual(outcomes.map(() => [0, '']));
    const lines = readFileSync(bashrc, 'utf8').split('\n');
    const appended = lines.filter((line) => line.startsWith('appended line '));
    expect(appended.sort()).toEqual(Array.from({ length: 40 }, (_, index) => `appended line ${index + 1}`).sort());
    expect(lines[0]).toBe('# first line');
    expect(lines.filter((line) => line === '# >>> swr-shell >>>')).toHaveLength(1);
    expect(leftovers(home)).toEqual([]);
  });

  it('20 parallel configures leave one valid profile and nothing else', async () => {
    const { home, env } = freshHome('node');
    writeFileSync(join(home, 'credentials.csv'), CSV);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        attempt([...RUNTIMES.node.cli(), 'configure', '--region', 'ap-southeast-3', '--org', `team${index}`, '--credentials', join(home, 'credentials.csv')], {
          env,
          timeout: 60_000,
        }),
      ),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(outcomes.map(() => 0));
    const directory = join(home, '.config', 'swr-shell');
    expect(readdirSync(directory)).toEqual(['default.conf']);
    expect(readFileSync(join(directory, 'default.conf'), 'utf8')).toMatch(/^org=team\d+$/m);
  });
});

describe('leftovers of killed writers', () => {
  it('the next write removes the temporary files and the lock of dead writers, and nothing else', async () => {
    const { home, env } = freshHome('node');
    const profile = writeProfile(home);
    const directory = join(home, '.config', 'swr-shell');
    const stale = ['.default.conf.0123abcd.tmp', '.default.conf.swr-shell-999999-89abcdef.tmp', '.default.conf.swr-shell.lock'];
    const kept = ['.default.conf.notours.tmp', '.other.conf.swr-shell-999999-89abcdef.tmp'];
    // The lock names a process that has exited.
    const dead = await attempt(['true'], { env });
    expect(dead.status).toBe(0);
    for (const name of [...stale, ...kept]) writeFileSync(join(directory, name), name.endsWith('.lock') ? '999999\n' : `login_key=${KEY}\n`, { mode: 0o600 });
    writeFileSync(join(home, '.out.env.swr-shell-999999-01234567.tmp'), `SWR_LOGIN_KEY=${KEY}\n`);
    const configure = await attempt([...RUNTIMES.node.cli(), 'configure', '--org', 'team'], { env, timeout: 30_000 });
    expect(configure.stderr).toBe('');
    expect(readdirSync(directory).sort()).toEqual(['default.conf', ...kept].sort());
    expect(readFileSync(profile, 'utf8')).toContain('org=team');
    const output = await attempt([...RUNTIMES.node.cli(), 'env', '--output', join(home, 'out.env')], { env });
    expect(output.status).toBe(0);
    expect(leftovers(home)).toEqual([]);
  });

  /**
   * Runs `env --output` under strace, which holds its fsync for two seconds,
   * and sends `signal` to it while the temporary file exists.
   */
  async function killMidWrite(runtime: keyof typeof RUNTIMES, signal: NodeJS.Signals): Promise<{ home: string; env: Record<string, string>; names: string[] }> {
    const { home, env: base } = freshHome(runtime);
    const env = { ...base, SWR_REGION: 'ap-southeast-3', SWR_AK: AK, SWR_LOGIN_KEY: KEY };
    const delay = ['-e', 'inject=fsync:delay_enter=2000000', '-e', 'inject=fdatasync:delay_enter=2000000'];
    const tracer = spawn('strace', ['-f', '-qq', '-o', '/dev/null', '-e', 'trace=fsync,fdatasync', ...delay, ...RUNTIMES[runtime].cli(), 'env', '--output', join(home, 'out.env')], {
      env,
      stdio: 'ignore',
    });
    const done = new Promise<void>((resolve) => tracer.on('close', () => resolve()));
    const deadline = Date.now() + 20_000;
    while (!readdirSync(home).some((name) => name.endsWith('.tmp'))) {
      if (Date.now() > deadline) throw new Error(`no temporary file appeared in ${home}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const traced = Number(readFileSync(`/proc/${tracer.pid}/task/${tracer.pid}/children`, 'utf8').trim().split(' ')[0]);
    process.kill(traced, signal);
    await done;
    return { home, env, names: readdirSync(home) };
  }

  it.each(['node', 'deno'] as const)('SIGTERM or SIGINT mid-write lets the write finish and leaves nothing behind (%s)', async (runtime) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const { home, names } = await killMidWrite(runtime, signal);
      expect(names.filter((name) => name !== 'deno-cache').sort(), signal).toEqual(['out.env']);
      expect(readFileSync(join(home, 'out.env'), 'utf8')).toContain(`SWR_LOGIN_KEY=${KEY}`);
    }
  });

  // Under Deno, which may not ask whether the killed writer runs, the lock is taken over when 10 seconds old.
  it.each(['node', 'deno'] as const)('after SIGKILL mid-write, the next write removes what the killed one left (%s)', async (runtime) => {
    const { home, env, names } = await killMidWrite(runtime, 'SIGKILL');
    expect(names.some((name) => /^\.out\.env\..*\.tmp$/.test(name))).toBe(true);
    const again = await attempt([...RUNTIMES[runtime].cli(), 'env', '--output', join(home, 'out.env')], { env, timeout: 30_000 });
    expect(again.status).toBe(0);
    expect(readdirSync(home).sort()).toEqual(['out.env']);
  });
});

describe('hard links', () => {
  it('install says so when it replaces a .bashrc that has another name', async () => {
    const { home, env } = freshHome('node');
    mkdirSync(join(home, 'dotfiles'));
    writeFileSync(join(home, 'dotfiles', 'bashrc'), '# kept in a dotfiles repository\n');
    linkSync(join(home, 'dotfiles', 'bashrc'), join(home, '.bashrc'));
    const outcome = await attempt([...RUNTIMES.node.cli(), 'install', 'bash', '--mode', 'eval'], { env });
    expect(outcome.status).toBe(0);
    expect(outcome.stderr).toContain(
      `swr-shell: ${home}/.bashrc had 2 hard links: swr-shell replaced it with a new file, so its other names keep the old contents.`,
    );
    expect(readFileSync(join(home, 'dotfiles', 'bashrc'), 'utf8')).toBe('# kept in a dotfiles repository\n');
  });
});
