// From arguments to an exit status. `init` (run at every shell start) takes a
// fast path that loads nothing but the plugin; everything else goes through
// yargs, loaded only then. Known errors become one message and a status; a
// stack trace only with SWR_SHELL_DEBUG=1.

import { exitCodeOf, Failure, UsageError } from './core/errors.ts';
import type { Io } from './runtime.ts';
import type { Args } from './commands/args.ts';
import { run as init } from './commands/init.ts';

// Flags a user might try for the secret key (env's --secret/--no-secret is not one).
const SK_FLAG = /^--?(sk|sk[-_]?value|secret[-_]?(access[-_]?)?key)(=|$)/i;

/** `init [shell] [--cmd X] [--profile X]`, as plain arguments; anything else is for yargs. */
export function fastInitArgs(args: readonly string[]): Args | undefined {
  if (args[0] !== 'init') return undefined;
  const parsed: Record<string, string> = {};
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    const option = /^--(cmd|profile)(?:=(.*))?$/s.exec(arg);
    if (option) {
      const [, name, inline] = option as unknown as [string, string, string | undefined];
      const value = inline ?? args[++i];
      if (value === undefined || value.startsWith('-') || name in parsed) return undefined;
      parsed[name] = value;
    } else if (!arg.startsWith('-') && !('shell' in parsed)) {
      parsed['shell'] = arg;
    } else {
      return undefined;
    }
  }
  return parsed;
}

/** `completion [shell]`, which renders its script without yargs; anything else is for yargs. */
export function fastCompletionArgs(args: readonly string[]): Args | undefined {
  if (args[0] !== 'completion' || args.length > 2 || args[1]?.startsWith('-')) return undefined;
  return args[1] === undefined ? {} : { shell: args[1] };
}

/**
 * `login [tool] [options...]`: the tool's own options pass on as they are,
 * which yargs would refuse; help and version are for yargs.
 */
export function fastLoginArgs(args: readonly string[]): Args | undefined {
  if (args[0] !== 'login' || args.some((arg) => arg === '--help' || arg === '-h' || arg === '--version')) return undefined;
  const named = args[1] !== undefined && !args[1].startsWith('-');
  return { tool: named ? args[1] : undefined, options: args.slice(named ? 2 : 1) };
}

export async function main(args: readonly string[], io: Io): Promise<number> {
  try {
    const sk = args.find((arg) => SK_FLAG.test(arg));
    if (sk !== undefined) {
      throw new UsageError(
        `there is no ${sk.replace(/=.*/s, '')} flag: a secret key on the command line would be kept in the shell ` +
          'history and shown to every user by ps. Use --credentials credentials.csv, --sk-stdin, ' +
          'HUAWEICLOUD_SDK_SK, or the prompt on a terminal.',
      );
    }
    const fast = fastInitArgs(args);
    const completion = fast ? undefined : fastCompletionArgs(args);
    const login = fast || completion ? undefined : fastLoginArgs(args);
    if (fast) await init(fast, io);
    else if (completion) await (await import('./commands/completion.ts')).run(completion, io);
    else if (login) return await (await import('./commands/login.ts')).run(login, io);
    else return await dispatch(args, io);
    return 0;
  } catch (error) {
    return report(error, io);
  }
}

/** The commands that may write files: a signal leaves no temporary file or lock behind. */
async function dispatch(args: readonly string[], io: Io): Promise<number> {
  const { removeInFlight } = await import('./core/fs.ts');
  const release = io.onInterrupt?.(removeInFlight);
  try {
    return await (await import('./parser.ts')).dispatch(args, io);
  } finally {
    release?.();
  }
}

function report(error: unknown, io: Io): number {
  const known = error instanceof UsageError || error instanceof Failure;
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(known ? `swr-shell: ${message}\n` : `swr-shell: unexpected error: ${message}\n`);
  if (io.env['SWR_SHELL_DEBUG'] === '1' && error instanceof Error && error.stack) io.stderr(error.stack + '\n');
  else if (!known) io.stderr('swr-shell: set SWR_SHELL_DEBUG=1 to see where it happened.\n');
  return exitCodeOf(error);
}
