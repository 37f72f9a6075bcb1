// Child processes for the tests that run real programs: commands that run to
// completion without blocking, and daemons that run in the background until
// stopped by their PID.

import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  input?: string;
}

/** Runs a command to completion; asynchronous, so that tests can overlap. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    // Without input, standard input is /dev/null: nothing to write to a child that has exited.
    const stdin = options.input === undefined ? 'ignore' : 'pipe';
    const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: [stdin, 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    // A command that does not read its input may exit before the write: that is fine.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input);
  });
}

/** Runs a command that must succeed, and returns its standard output. */
export async function check(command: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  const result = await run(command, args, options);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}:\n${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

/** A port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Daemon {
  pid: number;
  /** SIGTERM, then SIGKILL if it has not exited within five seconds. */
  stop(): Promise<void>;
}

/**
 * Starts a daemon with its output in `logFile` and waits until `ready` says
 * it answers. A daemon that exits first, or is not ready within ten seconds,
 * fails with its log.
 */
export async function startDaemon(
  command: string,
  args: readonly string[],
  logFile: string,
  ready: () => Promise<boolean>,
): Promise<Daemon> {
  const log = openSync(logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', log, log] });
  closeSync(log);
  const daemon = { pid: child.pid!, stop: () => stopChild(child) };
  const deadline = Date.now() + 10_000;
  while (!(await ready())) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await daemon.stop();
      throw new Error(`${command} did not start:\n${readFileSync(logFile, 'utf8')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return daemon;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => process.kill(child.pid!, 'SIGKILL'), 5_000);
    child.on('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    process.kill(child.pid!, 'SIGTERM');
  });
}
