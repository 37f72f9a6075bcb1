// Which shell called us, for `init` and `install` without a shell argument.

import { UsageError } from './errors.ts';
import { SHELLS, type Shell } from './plugin.ts';
import { basename } from './paths.ts';

function asShell(command: string | undefined): Shell | undefined {
  const name = command === undefined ? '' : basename(command).replace(/^-/, '');
  return (SHELLS as readonly string[]).includes(name) ? (name as Shell) : undefined;
}

/** The parent process if it is a shell we serve, else $SHELL; else a usage error that names `command`. */
export function detectShell(parentCommand: string | undefined, loginShell: string | undefined, command = 'init'): Shell {
  const shell = asShell(parentCommand) ?? asShell(loginShell);
  if (shell) return shell;
  throw new UsageError(
    `cannot tell which shell to serve (parent process ${JSON.stringify(parentCommand ?? 'unknown')}, ` +
      `SHELL ${JSON.stringify(loginShell ?? '')}): name it, as in swr-shell ${command} bash, zsh or fish.`,
  );
}
