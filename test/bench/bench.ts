// npm run bench: the start-up figures of issues 6 and 12, each next to its baseline
// from the same run, as a Markdown table for the README. Exits 1 when a
// target is missed. BENCH_RUNS (default 20) and BENCH_ROUNDS (default 3) set
// how many runs hyperfine makes per round; the median is over all rounds.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { AK, KEY } from '../parity/cases.ts';
import { DENO, denoTaskOptions, ROOT } from '../support/runtimes.ts';
import { BENCH_SHELLS, makeFixture } from './fixture.ts';
import { check, memoryPair, type Options, timePair } from './measure.ts';

interface Row {
  readonly figure: string;
  readonly baseline: string;
  readonly measured: number;
  readonly base: number;
  readonly unit: 'ms' | 'MiB';
  /** ratio: measured / baseline; added: measured - baseline (in the unit). */
  readonly compare: 'ratio' | 'added';
  /** Undefined for a figure shown for information. */
  readonly target?: number;
  readonly note?: string;
}

const SHELLS = {
  bash: { argv: ['bash', '--noprofile', '--norc', '-c'], source: '.' },
  zsh: { argv: ['zsh', '-f', '-c'], source: '.' },
  fish: { argv: ['fish', '--no-config', '-c'], source: 'source' },
} as const;

const REF = 'swr.ap-southeast-3.myhuaweicloud.com/team/app:v1';

function format(row: Row): string {
  const value = (number: number): string => `${number.toFixed(row.unit === 'ms' && number < 10 ? 2 : 1)} ${row.unit}`;
  const delta = row.compare === 'ratio' ? row.measured / row.base : row.measured - row.base;
  const shown = row.compare === 'ratio' ? `${delta.toFixed(2)}×` : `${delta >= 0 ? '+' : ''}${delta.toFixed(2)} ${row.unit}`;
  const target = row.target === undefined ? (row.note ?? '—') : row.compare === 'ratio' ? `≤ ${row.target}×` : `≤ +${row.target} ${row.unit}`;
  const result = row.target === undefined ? 'info' : delta <= row.target ? 'pass' : '**FAIL**';
  return `| ${row.figure} | ${value(row.measured)} | ${row.baseline}: ${value(row.base)} | ${shown} | ${target} | ${result} |`;
}

function version(argv: string[]): string {
  return execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8' }).split('\n')[0]!.trim();
}

function main(): number {
  const scratch = mkdtempSync(join(tmpdir(), 'swr-bench-'));
  try {
    const load = loadavg()[0]!.toFixed(2);
    const fixture = makeFixture(scratch);
    const options: Options = {
      env: { ...fixture.env, DENO_DIR: join(scratch, 'deno'), DENO_NO_UPDATE_CHECK: '1' },
      cwd: fixture.home,
      runs: Number(process.env['BENCH_RUNS'] ?? 20),
      rounds: Number(process.env['BENCH_ROUNDS'] ?? 3),
      scratch,
    };
    const rows: Row[] = [];
    const bare = { node: [process.execPath, '-e', ''], deno: [DENO, 'eval', ''] };
    const init = {
      node: [fixture.installed.bin('swr-shell'), 'init', 'bash'],
      deno: [DENO, 'run', ...denoTaskOptions(), join(ROOT, 'src', 'cli.ts'), 'init', 'bash'],
    };
    for (const runtime of ['node', 'deno'] as const) check(init[runtime], options, 'function swr-pull {');

    const [nodeBare, nodeInit] = timePair(bare.node, init.node, options);
    rows.push({ figure: '`swr-shell init bash`, Node (installed bin)', baseline: "`node -e ''`", measured: nodeInit, base: nodeBare, unit: 'ms', compare: 'ratio', target: 1.3 });
    const [nodeBareKib, nodeInitKib] = memoryPair(bare.node, init.node, options);
    rows.push({ figure: 'peak memory of the same', baseline: "`node -e ''`", measured: nodeInitKib / 1024, base: nodeBareKib / 1024, unit: 'MiB', compare: 'ratio', target: 1.2 });
    const [denoBare, denoInit] = timePair(bare.deno, init.deno, options);
    rows.push({ figure: '`swr-shell init bash`, Deno (`deno run` src/cli.ts, task permissions)', baseline: "`deno eval ''`", measured: denoInit, base: denoBare, unit: 'ms', compare: 'ratio', target: 1.2 });
    const [denoBareKib, denoInitKib] = memoryPair(bare.deno, init.deno, options);
    rows.push({ figure: 'peak memory of the same', baseline: "`deno eval ''`", measured: denoInitKib / 1024, base: denoBareKib / 1024, unit: 'MiB', compare: 'ratio' });

    // Start-up: each shell with the startup file of each mode against the same shell with an empty one.
    const probe = { bash: 'type -t swr-pull', zsh: '(( $+functions[swr-pull] )) && echo function', fish: 'functions -q swr-pull; and echo function' };
    for (const shell of BENCH_SHELLS) {
      for (const mode of ['cache', 'static', 'eval'] as const) {
        // Also the first start of cache mode, which renders the plugin: the timed ones are warm.
        check(fixture.start(shell, mode, probe[shell]), options, 'function');
        const [bare, loaded] = timePair(fixture.start(shell, 'empty'), fixture.start(shell, mode), options);
        rows.push({
          figure: `\`${shell} -i -c exit\`, ${mode} mode${mode === 'cache' ? ' (the default)' : ''}`,
          baseline: 'empty startup file',
          measured: loaded,
          base: bare,
          unit: 'ms',
          compare: 'added',
          ...(mode === 'cache' ? { target: 1 } : { note: mode === 'eval' ? 'its cost is init’s' : 'goes stale on upgrade' }),
        });
      }
      // cache mode loads the plugin at the first call instead: a new shell's first call against static mode's.
      // (--help: fish's start here moves XDG_CONFIG_HOME, and with it the profile.)
      const first = 'swr-ref --help';
      check(fixture.start(shell, 'cache', first), options, 'usage: swr-ref IMAGE');
      const [eager, lazy] = timePair(fixture.start(shell, 'static', first), fixture.start(shell, 'cache', first), options);
      rows.push({
        figure: `\`${shell} -i -c 'swr-ref --help'\`, cache mode (the first call loads the plugin)`,
        baseline: 'the same in static mode',
        measured: lazy,
        base: eager,
        unit: 'ms',
        compare: 'added',
        note: 'the load moves to the first call',
      });
    }

    for (const [shell, { argv, source }] of Object.entries(SHELLS)) {
      const script = (call: string): string[] => [...argv, `${source} ${fixture.plugin[shell as keyof typeof SHELLS]}; ${call}`];
      const direct = `ctr image pull --user ap-southeast-3@${AK}:${KEY} ${REF}`;
      check(script('swr-pull app:v1'), options, direct.slice('ctr '.length));
      const [ctr, pull] = timePair(script(direct), script('swr-pull app:v1'), options);
      rows.push({ figure: `\`swr-pull app:v1\` in ${shell}, stand-in ctr`, baseline: 'the stand-in ctr called directly', measured: pull, base: ctr, unit: 'ms', compare: 'added', target: 5 });
      check(script('swr-ref app:v1'), options, REF);
      const [printf, ref] = timePair(script(`printf '%s\\n' ${REF}`), script('swr-ref app:v1'), options);
      rows.push({ figure: `\`swr-ref app:v1\` in ${shell}`, baseline: 'printf of the reference', measured: ref, base: printf, unit: 'ms', compare: 'added', target: 5 });
    }

    console.log(`Medians of ${options.runs * options.rounds} runs each (${options.rounds} rounds of ${options.runs}, after 3 warm-up runs), ` +
      `figure and baseline alternating in one run. ${version([process.execPath, '--version'])}, ${version([DENO, '--version'])}, ` +
      `${version(['bash', '--version']).replace(/ \(.*/, '')}, ${version(['zsh', '--version']).replace(/ \(.*/, '')}, ${version(['fish', '--version'])}; ` +
      `load average ${load} at the start, ${loadavg()[0]!.toFixed(2)} at the end.\n`);
    console.log('| figure | measured | baseline | ratio or cost | target | result |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(format(row));
    return rows.some((row) => format(row).endsWith('**FAIL** |')) ? 1 : 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = main();
