// The sh variant checks values with case patterns (spelled-out character
// lists, no regexes); bash, zsh, fish and the CLI with the regexes of
// src/core/validate.ts. Property test: over generated strings, biased toward
// each pattern's bounds and toward shell metacharacters, every POSIX shell's
// verdict equals the JavaScript one.

import { execFile } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type PatternName, PATTERNS } from '../../src/core/validate.ts';
import { Sandbox, SH_FAMILY_COMMAND, SH_FAMILY_SHELLS, shellCommand } from '../support/sandbox.ts';
import { requireTools } from '../support/tools.ts';

const RUNS = 300;

/** Every pattern the sh plugin checks (sk and the --cmd prefix are checked by the CLI only). */
const KINDS = ['ak', 'loginKey', 'subProject', 'profile', 'tag', 'digest', 'regionShape', 'org', 'component', 'path', 'host'] as const satisfies readonly PatternName[];

/** The bounds {min,max} of each pattern's repeated class, for strings right at and beyond them. */
const BOUNDS: Partial<Record<PatternName, { chars: string; lengths: number[] }>> = {
  ak: { chars: 'aZ9', lengths: [9, 10, 30, 31] },
  loginKey: { chars: '0af', lengths: [63, 64, 65] },
  subProject: { chars: 'a_-Z', lengths: [0, 1, 40, 41] },
  profile: { chars: 'a_-', lengths: [1, 64, 65] },
  tag: { chars: 'a._-', lengths: [1, 128, 129] },
  org: { chars: 'a9', lengths: [1, 63, 64, 65] },
  host: { chars: 'a', lengths: [1, 63, 64] },
};

/** Shell metacharacters, control characters, and look-alikes of the allowed characters. */
const META = ['\'', '"', '\\', '$', '`', ';', '|', '&', '\n', '\r', '\t', ' ', '*', '?', '[', ']', '!', '^', '-', '.', '_', '/', ':', '@', 'A', 'é', '\u00a0', '٣'];

const SEPARATORS = ['.', '_', '__', '___', '-', '--', '._', '_.', '_-', '-_', '.-', '-.', '..', '/', '//', '/.', '_/', '/-', ':', ':1', '@'];

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());

/** Strings of one pattern: valid ones, then mutated at one spot, cut, or stretched, and the bounds. */
function samples(kind: PatternName): string[] {
  const valid = fc.stringMatching(new RegExp(PATTERNS[kind]));
  const meta = fc.constantFrom(...META);
  const mutated = fc.oneof(
    { arbitrary: valid, weight: 3 },
    fc.tuple(valid, fc.nat(), meta).map(([value, at, char]) => value.slice(0, at % (value.length + 1)) + char + value.slice(at % (value.length + 1))),
    fc.tuple(valid, fc.nat(), meta).map(([value, at, char]) => value.slice(0, at % (value.length + 1)) + char + value.slice((at % (value.length + 1)) + 1)),
    fc.tuple(valid, fc.nat()).map(([value, at]) => value.slice(0, at % (value.length + 1))),
    fc.tuple(valid, valid).map(([a, b]) => a + b),
    fc.tuple(valid, meta, valid).map(([a, sep, b]) => a + sep + b),
    fc.string({ unit: fc.constantFrom(...META, 'a', 'b', '0', '9'), maxLength: 12 }),
    // Words joined by separators, allowed and not: the grammar of names, hosts and paths.
    fc
      .tuple(fc.array(fc.string({ unit: fc.constantFrom('a', 'z', '0', '9'), minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), fc.array(fc.constantFrom(...SEPARATORS), { minLength: 3, maxLength: 3 }))
      .map(([words, seps]) => words.map((word, index) => (index === 0 ? word : seps[index % 3]! + word)).join('')),
  );
  const bounds = BOUNDS[kind];
  const edges = bounds ? [...bounds.chars].flatMap((char) => bounds.lengths.map((length) => char.repeat(length))) : [];
  return [...edges, ...fc.sample(mutated, { numRuns: RUNS })];
}

const CASES = KINDS.map((kind) => ({ kind, values: samples(kind) }));

/** One verdict per value from `__swr_valid KIND VALUE` in the shell: "1" valid, "0" not. */
function verdicts(shell: keyof typeof SH_FAMILY_COMMAND, kind: string, values: string[]): Promise<string> {
  const plugin = sandbox.plugin('sh');
  const [command, ...flags] = shellCommand(shell);
  const script = `. '${plugin}'\nkind=$1; shift\nfor value in "$@"; do if __swr_valid "$kind" "$value"; then printf 1; else printf 0; fi; done`;
  return new Promise((resolve, reject) => {
    execFile(command!, [...flags, '-c', script, 'sh', kind, ...values], { env: { PATH: process.env['PATH'], LC_ALL: 'C.UTF-8' } }, (error, stdout, stderr) =>
      error || stderr ? reject(new Error(`${shell}: ${stderr || error?.message}`)) : resolve(stdout),
    );
  });
}

const programs = [...new Set(Object.values(SH_FAMILY_COMMAND).map((command) => command[0]))];

describe.runIf(requireTools(...programs)).each(SH_FAMILY_SHELLS)('sh validators in %s', (shell) => {
  it.each(CASES)('$kind: the case patterns give the verdicts of the JS pattern', async ({ kind, values }) => {
    const expected = values.map((value) => (new RegExp(PATTERNS[kind]).test(value) ? '1' : '0')).join('');
    const got = await verdicts(shell, kind, values);
    const wrong = values.filter((_, index) => got[index] !== expected[index]);
    expect(wrong.map((value) => JSON.stringify(value))).toEqual([]);
    expect(got).toBe(expected);
  });
});

describe('the generated strings', () => {
  it.each(CASES)('$kind: both verdicts, metacharacters and bounds are well represented', ({ kind, values }) => {
    const valid = values.filter((value) => new RegExp(PATTERNS[kind]).test(value)).length;
    expect(valid).toBeGreaterThan(values.length / 5);
    expect(valid).toBeLessThan(values.length - values.length / 5);
    for (const char of ['\'', '\\', '$', '\n', ';']) expect(values.some((value) => value.includes(char)), JSON.stringify(char)).toBe(true);
  });
});
