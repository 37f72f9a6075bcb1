// The built bins, run as docker runs them: a separate process with a temporary
// HOME, standard input given, standard output and status read back.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const HELPER_BIN = join(ROOT, 'dist', 'docker-credential-swr.cjs');
export const SWR_SHELL_BIN = join(ROOT, 'dist', 'swr-shell.cjs');

/** Node's own directory first, for the bins' `#!/usr/bin/env node`. */
export const BASE_PATH = [dirname(process.execPath), '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'].join(':');

export function requireBuild(): void {
  if (!existsSync(HELPER_BIN) || !existsSync(SWR_SHELL_BIN)) throw new Error('dist/ is missing: run npm run build first.');
}

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: readonly string[], options: { env: Record<string, string>; input?: string }): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export const AK = 'TESTAKEXAMPLE123';
export const SK = 'testSecretKeyExample0123456789abcdefABCD';

/** A temporary HOME; `configure` writes profiles into it through the real bin. */
export class TempHome {
  readonly dir = mkdtempSync(join(tmpdir(), 'swr-credential-helper-'));
  readonly env: Record<string, string>;

  constructor(extra: Record<string, string> = {}) {
    this.env = { HOME: this.dir, PATH: BASE_PATH, ...extra };
  }

  /** `swr-shell configure` with the AK/SK in a credentials.csv, as a user would. */
  async configure(...args: string[]): Promise<void> {
    const csv = join(this.dir, 'credentials.csv');
    writeFileSync(csv, `User Name,Access Key Id,Secret Access Key\r\nuser,${AK},${SK}\r\n`);
    const result = await run(process.execPath, [SWR_SHELL_BIN, 'configure', '--credentials', csv, ...args], { env: this.env });
    if (result.status !== 0) throw new Error(`configure failed: ${result.stderr}`);
    rmSync(csv);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
