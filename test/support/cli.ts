// The built bins (dist/, made by `npm run build`, which `npm test` runs
// first), run as a user or docker runs them: a separate process with exactly
// the environment given, profiles written by the real `swr-shell configure`.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { check, type Result, run } from './process.ts';
import { HELPER_BIN, NODE_BIN, PROVIDER_BIN, requireBuilt } from './runtimes.ts';

/** The path of the built swr-shell; a clear failure when it was not built. */
export const builtCli = (): string => requireBuilt(NODE_BIN);
/** The path of the built docker-credential-swr; a clear failure when it was not built. */
export const builtHelper = (): string => requireBuilt(HELPER_BIN);
/** The path of the built swr-credential-provider; a clear failure when it was not built. */
export const builtProvider = (): string => requireBuilt(PROVIDER_BIN);

/** Runs the built swr-shell with exactly `env` (nothing inherited), and waits for it. */
export function runCli(args: readonly string[], env: Record<string, string>): Result {
  const result = spawnSync(process.execPath, [builtCli(), ...args], { env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the built swr-shell with exactly `env` without blocking, so that tests can overlap. */
export function swrShell(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Result> {
  return run(process.execPath, [builtCli(), ...args], { env });
}

/** Runs the built docker-credential-swr as docker does: a verb, and `input` on standard input. */
export function credentialHelper(args: readonly string[], env: NodeJS.ProcessEnv, input?: string): Promise<Result> {
  return run(process.execPath, [builtHelper(), ...args], { env, input });
}

/**
 * `swr-shell configure --credentials FILE ...args` with `ak` and `sk` in a
 * credentials.csv as the console downloads it (a BOM, CRLF lines) at `csv`,
 * removed again; fails unless configure succeeds.
 */
export async function configure(env: NodeJS.ProcessEnv, csv: string, ak: string, sk: string, ...args: string[]): Promise<void> {
  writeFileSync(csv, `\uFEFFUser Name,Access Key Id,Secret Access Key\r\nuser,${ak},${sk}\r\n`, { mode: 0o600 });
  try {
    await check(process.execPath, [builtCli(), 'configure', '--credentials', csv, ...args], { env });
  } finally {
    rmSync(csv);
  }
}

export const AK = 'TESTAKEXAMPLE123';
export const SK = 'testSecretKeyExample0123456789abcdefABCD';

/** Node's own directory first, for the bins' `#!/usr/bin/env node`, then the system's. */
export const BASE_PATH = [dirname(process.execPath), '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'].join(':');

/** A temporary HOME, the whole environment of the bins run in it; `configure` writes profiles into it with AK and SK. */
export class TempHome {
  readonly dir = mkdtempSync(join(tmpdir(), 'swr-home-'));
  readonly env: Record<string, string>;

  constructor(extra: Record<string, string> = {}) {
    this.env = { HOME: this.dir, PATH: BASE_PATH, ...extra };
  }

  configure(...args: string[]): Promise<void> {
    return configure(this.env, join(this.dir, 'credentials.csv'), AK, SK, ...args);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
