// A program on a real terminal: a pty from util-linux's `script`, answering
// each prompt as it shows, as a user would type.

import { spawn } from 'node:child_process';

export interface Step {
  /** Text that the screen shows (after the previous step's) before typing. */
  readonly waitFor: string;
  /** What to type then: end a line with \r, as the Enter key does. */
  readonly type: string;
}

/** Runs `command` on a pty and types each step's text once its prompt shows; the whole screen, and the status. */
export function onTerminal(command: readonly string[], env: Record<string, string>, steps: readonly Step[], timeoutMs = 60_000): Promise<{ screen: string; status: number | null }> {
  const quoted = command.map((word) => `'${word.replaceAll("'", `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qec', quoted, '/dev/null'], { env: { ...env, PATH: process.env['PATH']!, TERM: 'dumb' } });
  let screen = '';
  let seen = 0;
  const pending = [...steps];
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      while (pending.length > 0) {
        const at = screen.indexOf(pending[0]!.waitFor, seen);
        if (at < 0) break;
        seen = at + pending[0]!.waitFor.length;
        child.stdin.write(pending.shift()!.type);
      }
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ screen, status });
    });
  });
}
