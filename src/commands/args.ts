// Reading parsed arguments: each option is given at most once.

import { UsageError } from '../core/errors.ts';
import { PLUGIN_SHELLS, type PluginShell, SHELLS, type Shell } from '../core/plugin.ts';
import { detectPluginShell, detectShell } from '../core/shell.ts';
import { validateChoice } from '../core/validate.ts';
import type { Io } from '../runtime.ts';

export type Args = Readonly<Record<string, unknown>>;

export function stringArg(args: Args, name: string): string | undefined {
  const value = args[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new UsageError(`--${name} was given ${value.length} times: give it once.`);
  return String(value);
}

export function booleanArg(args: Args, name: string): boolean {
  const value = args[name];
  if (Array.isArray(value)) throw new UsageError(`--${name} was given ${value.length} times: give it once.`);
  if (value !== undefined && typeof value !== 'boolean') {
    throw new UsageError(`--${name} takes no value: write --${name} alone.`);
  }
  return value === true;
}

export function listArg(args: Args, name: string): string[] {
  const value = args[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** The shell that runs swr-shell, for a command given none (`command` names it in the message). */
export async function callingShell(io: Io, command: string): Promise<Shell> {
  return detectShell(await io.parentCommand(), io.env['SHELL'], command);
}

/** The `shell` argument, else the calling shell. */
export async function shellArg(args: Args, io: Io, command: string): Promise<Shell> {
  const named = stringArg(args, 'shell');
  return named === undefined ? await callingShell(io, command) : validateChoice(named, SHELLS, 'shell');
}

/** The `shell` argument of init, else the calling shell: the POSIX shells get the sh variant. */
export async function pluginShellArg(args: Args, io: Io, command: string): Promise<PluginShell> {
  const named = stringArg(args, 'shell');
  if (named !== undefined) return validateChoice(named, PLUGIN_SHELLS, 'shell');
  return detectPluginShell(await io.parentCommand(), io.env['SHELL'], command);
}
