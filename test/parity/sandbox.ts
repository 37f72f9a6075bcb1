// Runs one parity case under one runtime in a temporary HOME, and records
// everything the user could observe: each step's stdout, stderr and exit
// status, and every file left under HOME (type, mode, bytes).

import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { run } from '../support/process.ts';
import type { ParityCase } from './cases.ts';

export interface StepOutcome {
  readonly args: readonly string[];
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Outcome {
  readonly steps: readonly StepOutcome[];
  /** Path relative to HOME -> "file 0600 <base64>", "dir 0700" or "link -> target". */
  readonly files: Readonly<Record<string, string>>;
}

export function stepArgs(step: string | readonly string[], home: string): string[] {
  const args = typeof step === 'string' ? step.split(' ').filter((arg) => arg !== '') : [...step];
  return args.map((arg) => arg.replaceAll('$HOME', home));
}

export function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string): void => {
    for (const name of readdirSync(join(root, relative)).sort()) {
      const path = relative ? `${relative}/${name}` : name;
      const full = join(root, path);
      const stat = lstatSync(full);
      const mode = (stat.mode & 0o7777).toString(8).padStart(4, '0');
      if (stat.isSymbolicLink()) files[path] = `link -> ${readlinkSync(full)}`;
      else if (stat.isDirectory()) {
        files[path] = `dir ${mode}`;
        walk(path);
      } else files[path] = `file ${mode} ${readFileSync(full).toString('base64')}`;
    }
  };
  walk('');
  return files;
}

/**
 * Runs the case's steps with `command` (a runtime's command line) in a fresh
 * HOME at `home`: the same path for every runtime, so that outputs naming a
 * file can be compared byte for byte.
 */
export async function runCase(
  command: readonly string[],
  parityCase: ParityCase,
  home: string,
  runtimeEnv: Readonly<Record<string, string>>,
): Promise<Outcome> {
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  for (const [path, text] of Object.entries(parityCase.files ?? {})) {
    mkdirSync(dirname(join(home, path)), { recursive: true });
    writeFileSync(join(home, path), text);
  }
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, ...parityCase.env, ...runtimeEnv };
  const steps: StepOutcome[] = [];
  for (const step of parityCase.steps) {
    const args = stepArgs(step, home);
    const argv = parityCase.fromBash
      ? ['bash', '--noprofile', '--norc', '-c', '"$@"; exit $?', 'bash', ...command, ...args]
      : [...command, ...args];
    steps.push({ args, ...(await run(argv[0]!, argv.slice(1), { env, cwd: home, input: parityCase.stdin ?? '' })) });
  }
  return { steps, files: snapshot(home) };
}
