// Which shell called us, for `init` and `install` without a shell argument.

import { UsageError } from './errors.ts';
import { INSTALL_SHELLS, type InstallShell, type PluginShell, SH_FAMILY, SHELLS, type Shell } from './plugin.ts';
import { basename } from './paths.ts';

function programName(command: string | undefined): string {
  return command === undefined ? '' : basename(command).replace(/^-/, '');
}

function asShell(command: string | undefined): Shell | undefined {
  const name = programName(command);
  return (SHELLS as readonly string[]).includes(name) ? (name as Shell) : undefined;
}

/** The plugin variant for a shell program: its own, or sh for the POSIX shells (dash, ksh, busybox...). */
function asPluginShell(command: string | undefined): PluginShell | undefined {
  return asShell(command) ?? ((SH_FAMILY as readonly string[]).includes(programName(command)) ? 'sh' : undefined);
}

function unknownShell(parentCommand: string | undefined, loginShell: string | undefined, command: string, names: string): UsageError {
  return new UsageError(
    `cannot tell which shell to serve (parent process ${JSON.stringify(parentCommand ?? 'unknown')}, ` +
      `SHELL ${JSON.stringify(loginShell ?? '')}): name it, as in swr-shell ${command} ${names}.`,
  );
}

/** The parent process if it is a shell we serve, else $SHELL; else a usage error that names `command`. */
export function detectShell(parentCommand: string | undefined, loginShell: string | undefined, command = 'init'): Shell {
  const shell = asShell(parentCommand) ?? asShell(loginShell);
  if (shell) return shell;
  throw unknownShell(parentCommand, loginShell, command, 'bash, zsh or fish');
}

/** As detectShell, for the plugin: the POSIX shells (sh, dash, ash, busybox, ksh, mksh, yash, posh) get sh. */
export function detectPluginShell(parentCommand: string | undefined, loginShell: string | undefined, command = 'init'): PluginShell {
  const shell = asPluginShell(parentCommand) ?? asPluginShell(loginShell);
  if (shell) return shell;
  throw unknownShell(parentCommand, loginShell, command, 'bash, zsh, fish or sh');
}

/** The shell whose startup file install edits: bash, zsh, fish, ksh (ksh93), mksh (lksh), else sh for the POSIX shells. */
export function detectInstallShell(parentCommand: string | undefined, loginShell: string | undefined, command: string): InstallShell {
  const asInstallShell = (program: string | undefined): InstallShell | undefined => {
    const name = programName(program);
    const alias: Record<string, InstallShell> = { ksh93: 'ksh', lksh: 'mksh', pdksh: 'ksh' };
    if ((INSTALL_SHELLS as readonly string[]).includes(name)) return name as InstallShell;
    return alias[name] ?? (asPluginShell(program) === 'sh' ? 'sh' : undefined);
  };
  const shell = asInstallShell(parentCommand) ?? asInstallShell(loginShell);
  if (shell) return shell;
  throw unknownShell(parentCommand, loginShell, command, 'bash, zsh, fish, ksh, mksh or sh');
}
