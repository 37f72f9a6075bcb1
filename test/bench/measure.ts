// Measurements for npm run bench: wall time with hyperfine, peak memory with
// GNU time. A figure and its baseline are always measured in the same run,
// in rounds that alternate their order, so that a machine that gets busier
// or quieter during the run affects both alike.

import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Options {
  readonly env: Record<string, string>;
  readonly cwd: string;
  readonly runs: number;
  readonly rounds: number;
  readonly scratch: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One command line as hyperfine's --shell=none reads it (shell-words quoting). */
export function commandLine(argv: readonly string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'"'"'`)}'`)).join(' ');
}

/** Runs argv once and fails unless it exits 0 and prints the line `expected`: timing a broken command proves nothing. */
export function check(argv: readonly string[], options: Options, expected: string): void {
  const result = spawnSync(argv[0]!, argv.slice(1), { env: options.env, cwd: options.cwd, encoding: 'utf8' });
  if (result.status !== 0 || !result.stdout.split('\n').includes(expected)) {
    throw new Error(`${commandLine(argv)} exited ${result.status}: ${result.stdout.slice(0, 300)}${result.stderr.slice(0, 500)}`);
  }
}

/** Median wall times in ms of `baseline` and `subject`, measured together. */
export function timePair(baseline: readonly string[], subject: readonly string[], options: Options): [number, number] {
  const times: [number[], number[]] = [[], []];
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    const file = join(options.scratch, 'hyperfine.json');
    execFileSync(
      'hyperfine',
      // --output=pipe: as in eval "$(swr-shell init)"; Node writes to a pipe slower than to /dev/null.
      ['--shell=none', '--output=pipe', '--warmup', '3', '--runs', String(options.runs), '--style', 'none', '--export-json', file,
        ...order.map((index) => commandLine(index === 0 ? baseline : subject))],
      { env: options.env, cwd: options.cwd, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const { results } = JSON.parse(readFileSync(file, 'utf8')) as { results: Array<{ times: number[] }> };
    order.forEach((index, position) => times[index]!.push(...results[position]!.times.map((seconds) => seconds * 1000)));
  }
  return [median(times[0]), median(times[1])];
}

/** Median peak resident memory in KiB of `baseline` and `subject`, run alternately. */
export function memoryPair(baseline: readonly string[], subject: readonly string[], options: Options): [number, number] {
  const peaks: [number[], number[]] = [[], []];
  const runs = Math.max(5, Math.ceil(options.runs / 2));
  for (let run = 0; run < runs; run++) {
    [baseline, subject].forEach((argv, index) => {
      const result = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { env: options.env, cwd: options.cwd, encoding: 'utf8' });
      const kib = Number(/(\d+)\s*$/.exec(result.stderr)?.[1]);
      if (result.status !== 0 || !kib) throw new Error(`${commandLine(argv)}: ${result.stderr}`);
      peaks[index]!.push(kib);
    });
  }
  return [median(peaks[0]), median(peaks[1])];
}
