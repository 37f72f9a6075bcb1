// Reading parsed arguments: each option is given at most once.

import { UsageError } from '../core/errors.ts';

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
    throw new UsageError(`--${name} takes no value (${JSON.stringify(String(value))} was given): write --${name} alone.`);
  }
  return value === true;
}

export function listArg(args: Args, name: string): string[] {
  const value = args[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
