// The built swr-shell (dist/, made by `npm run build`, which `npm test` runs
// first), and a way to run it as a user would.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/swr-shell.cjs', import.meta.url));

/** The path of the built bin; a clear failure when it was not built. */
export function builtCli(): string {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test does).`);
  return CLI;
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built swr-shell with exactly `env` (nothing inherited). */
export function runCli(args: readonly string[], env: Record<string, string>): CliResult {
  const result = spawnSync(process.execPath, [builtCli(), ...args], { env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

