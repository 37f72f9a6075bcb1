// What install and uninstall share: which shells they serve, and carrying out
// (or, with --dry-run, showing) the planned changes.

import type { Argv } from 'yargs';
import type { FileSystem } from '../core/fs.ts';
import { applyChange, changeDiff, type FileChange } from '../core/install.ts';
import { INSTALL_SHELLS, type InstallShell } from '../core/plugin.ts';
import { detectInstallShell } from '../core/shell.ts';
import { validateChoice } from '../core/validate.ts';
import type { Io } from '../runtime.ts';
import { type Args, listArg } from './args.ts';

/** The arguments both commands take: the shells, and --dry-run. */
export function shellOptions(yargs: Argv): Argv {
  return yargs
    .positional('shells', { type: 'string', array: true, describe: 'bash, zsh, fish, ksh, mksh and/or sh (default: the calling shell)' })
    .option('dry-run', { type: 'boolean', describe: 'print a unified diff of each file and write nothing' });
}

/** The shells named on the command line, else the one that runs swr-shell. */
export async function shellsArg(args: Args, io: Io, command: 'install' | 'uninstall'): Promise<InstallShell[]> {
  const named = listArg(args, 'shells').map((shell) => validateChoice(shell, INSTALL_SHELLS, 'shell'));
  if (named.length > 0) return named;
  return [detectInstallShell(await io.parentCommand(), io.env['SHELL'], command)];
}

function reportLine({ status, path, target, what }: FileChange): string {
  const link = target === path ? '' : `a link to ${target}; `;
  return `${status.padEnd(9)} ${path} (${link}${what})\n`;
}

/**
 * Makes the changes in order, reporting each one as it is made, so that a
 * failure part-way leaves a report of what was done. With `dryRun`, prints a
 * unified diff of each change instead and writes nothing.
 */
export function carryOut(fs: FileSystem, io: Io, changes: readonly FileChange[], dryRun: boolean): void {
  if (dryRun) {
    for (const change of changes) io.stdout(changeDiff(change));
    io.stderr('swr-shell: dry run, nothing was written. Without --dry-run:\n');
    for (const change of changes) io.stderr(`  ${reportLine(change)}`);
    for (const note of changes.flatMap((change) => change.notes)) io.stderr(`swr-shell: ${note}\n`);
    return;
  }
  for (const change of changes) {
    applyChange(fs, change, (warning) => io.stderr(`swr-shell: ${warning}\n`));
    io.stdout(reportLine(change));
    for (const note of change.notes) io.stderr(`swr-shell: ${note}\n`);
  }
}
