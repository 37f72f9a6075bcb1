// The value patterns (src/core/validate.ts PATTERNS) at their bounds, in
// JavaScript and in every shell. The plugin templates embed the patterns, so
// Stryker cannot mutate them; these tests are derived from the patterns
// instead: each bounded quantifier ({m,n} or {n}) is read from the pattern's
// source and tried at m−1, m, n and n+1, and arbitrary values biased toward
// the bounds and toward the characters that break shell code are checked
// against JavaScript's verdict. The shells see the values only through the
// plugin's public function <prefix>-ref and the environment it reads.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SHELLS, type Shell } from '../../src/core/plugin.ts';
import { matches, PATTERNS, type PatternName, validatePrefix } from '../../src/core/validate.ts';
import { Sandbox } from '../support/sandbox.ts';
import { requireTools } from '../support/tools.ts';

const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const AK = 'TESTAKEXAMPLE123';
/** Settings under which `swr-ref team/app` succeeds; each case changes one of them. */
const BASE: Record<string, string> = { SWR_REGION: 'ap-southeast-3', SWR_ORG: 'team', SWR_AK: AK, SWR_LOGIN_KEY: KEY };

/** Where a pattern's value goes in a call of `swr-ref`: a variable of the environment, or the image argument. */
interface Place {
  /** The value of the pattern with its bounded part `count` characters long. */
  value: (count: number) => string;
  /** The environment variable that carries it, or undefined for the image argument. */
  variable?: string;
  /** The image argument for a value. */
  image?: (value: string) => string;
}

/**
 * Every pattern with a bounded quantifier, in the order its quantifiers appear.
 * The SK never reaches a shell, and the --cmd prefix only names the functions
 * (src/commands/init.ts validates it), so those two are checked in JavaScript
 * here and the prefix's accepted bounds also by defining the functions.
 */
const PLACES: Readonly<Record<string, readonly Place[]>> = {
  ak: [{ value: (n) => 'A'.repeat(n), variable: 'SWR_AK' }],
  sk: [{ value: (n) => 'S'.repeat(n) }],
  loginKey: [{ value: (n) => 'a'.repeat(n), variable: 'SWR_LOGIN_KEY' }],
  subProject: [{ value: (n) => 'p'.repeat(n), variable: 'SWR_PROJECT' }],
  org: [{ value: (n) => `o${'r'.repeat(n)}g`, variable: 'SWR_ORG' }],
  host: [
    { value: (n) => `a${'b'.repeat(n)}c.example.com:5000`, image: (host) => `${host}/team/app` },
    { value: (n) => `registry.a${'b'.repeat(n)}c:5000`, image: (host) => `${host}/team/app` },
    { value: (n) => `registry.example.com:${'5'.repeat(n)}`, image: (host) => `${host}/team/app` },
  ],
  tag: [{ value: (n) => `v${'1'.repeat(n)}`, image: (tag) => `team/app:${tag}` }],
  digest: [
    { value: (n) => `sha256:${'0'.repeat(n)}`, image: (digest) => `team/app@${digest}` },
    { value: (n) => `sha512:${'f'.repeat(n)}`, image: (digest) => `team/app@${digest}` },
  ],
  profile: [{ value: (n) => `p${'x'.repeat(n)}`, variable: 'SWR_PROFILE' }],
  prefix: [{ value: (n) => `p${'x'.repeat(n)}x` }],
};

/** The bounded quantifiers of a pattern's source: [min, max] each. */
function bounds(source: string): Array<[number, number]> {
  return [...source.matchAll(/\{(\d+)(?:,(\d+))?\}/g)].map(([, min, max]) => [Number(min), Number(max ?? min)]);
}

/**
 * The bounds as documented, apart from the patterns, so that a changed bound
 * in a pattern is caught rather than followed: SPEC §1 for the AK, SK, login
 * key, organization and tag; the messages users read for the sub-project
 * ("1 to 40"), profile ("1 to 64") and --cmd prefix (1 to 32); OCI for the
 * digests' hex lengths; a DNS label of a host has at most 63 characters and a
 * TCP port at most 5 digits. Organization, tag,
 * profile and prefix bound the characters between a fixed first (and last) one.
 */
const DOCUMENTED: Readonly<Record<string, ReadonlyArray<readonly [number, number]>>> = {
  ak: [[10, 30]],
  sk: [[30, 50]],
  loginKey: [[64, 64]],
  subProject: [[1, 40]],
  org: [[0, 62]],
  host: [
    [0, 61],
    [0, 61],
    [1, 5],
  ],
  tag: [[0, 127]],
  digest: [
    [64, 64],
    [128, 128],
  ],
  profile: [[0, 63]],
  prefix: [[0, 30]],
};

/** What is checked for one pattern at one length: the value, and JavaScript's verdict. */
interface Case {
  name: PatternName;
  value: string;
  valid: boolean;
}

/** For the SWR_PROJECT variable the value is the sub-project, after the region's prefix. */
const inEnvironment = (variable: string, value: string): string => (variable === 'SWR_PROJECT' ? `${BASE['SWR_REGION']}_${value}` : value);

const BOUNDED = (Object.keys(PATTERNS) as PatternName[]).filter((name) => bounds(PATTERNS[name]).length > 0);

/** m−1 (when m > 0), m, n and n+1 for each bounded quantifier of each pattern. */
const EDGES: Case[] = BOUNDED.flatMap((name) =>
  DOCUMENTED[name]!.flatMap(([min, max], index) => {
    const place = PLACES[name]![index]!;
    const counts = [...(min > 0 ? [min - 1] : []), min, max, max + 1];
    return counts.map((count) => ({ name, value: place.value(count), valid: count >= min && count <= max }));
  }),
);

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());
let batches = 0;

/**
 * Calls `swr-ref` once per case in one run of `shell` and returns each call's
 * status. The cases travel in a file of NUL-terminated fields (variable, value,
 * image), read by the shell itself, so that no value is ever quoted by a test.
 */
function statuses(shell: Shell, cases: ReadonlyArray<{ variable: string; value: string; image: string }>): Promise<number[]> {
  const input = join(sandbox.root, `cases-${++batches}`);
  writeFileSync(input, cases.map(({ variable, value, image }) => `${variable}\0${value}\0${image}\0`).join(''));
  const script =
    shell === 'fish'
      ? `while read -lz var; and read -lz value; and read -lz image
             begin; set -lx $var $value; swr-ref $image </dev/null; end >/dev/null 2>&1
             builtin printf '%s\\n' $status
         end <$argv[1]`
      : `while IFS= read -r -d '' var && IFS= read -r -d '' value && IFS= read -r -d '' image; do
             (export "$var=$value"; swr-ref "$image" >/dev/null 2>&1 </dev/null); printf '%s\\n' "$?"
         done <"$1"`;
  return sandbox.run(shell, sandbox.plugin(shell), script, [input], BASE).then((result) => {
    // fish 3.6 does not apply a function call's redirection to the command
    // substitutions inside the function, so its messages reach stderr here.
    if (shell !== 'fish') expect(result.stderr).toBe('');
    return result.stdout.split('\n').slice(0, -1).map(Number);
  });
}

/** A case as `swr-ref` takes it; undefined for the patterns that no shell sees. */
function call(name: PatternName, value: string): { variable: string; value: string; image: string } | undefined {
  const place = PLACES[name]![0]!;
  if (place.variable) return { variable: place.variable, value: inEnvironment(place.variable, value), image: 'team/app' };
  if (place.image) return { variable: 'SWR_UNUSED', value: '', image: place.image(value) };
  return undefined;
}

describe('the patterns at their bounds', () => {
  it('are the documented ones, for every bounded quantifier of every pattern', () => {
    expect(Object.fromEntries(BOUNDED.map((name) => [name, bounds(PATTERNS[name])]))).toEqual(DOCUMENTED);
    for (const name of BOUNDED) expect(PLACES[name], name).toHaveLength(bounds(PATTERNS[name]).length);
    // Each value builder really reaches its quantifier: the smallest and largest counts match, one past does not.
    expect(EDGES.length).toBeGreaterThanOrEqual(4 * BOUNDED.length);
  });

  it('are held in JavaScript: m and n match, m−1 and n+1 do not', () => {
    for (const { name, value, valid } of EDGES) expect(matches(name, value), `${name} ${value.length}: ${value}`).toBe(valid);
    for (const { value, valid } of EDGES.filter((edge) => edge.name === 'prefix')) {
      if (valid) expect(validatePrefix(value)).toBe(value);
      else expect(() => validatePrefix(value)).toThrow(/invalid --cmd prefix/);
    }
  });

  describe.each(SHELLS)('in %s', (shell) => {
    it.runIf(requireTools(shell))('are held by the plugin: status 0 within the bounds, 2 one past them', async () => {
      const cases = EDGES.flatMap((edge) => {
        const args = call(edge.name, edge.value);
        return args ? [{ ...edge, args }] : [];
      });
      expect(new Set(cases.map((edge) => edge.name))).toEqual(new Set(BOUNDED.filter((name) => name !== 'sk' && name !== 'prefix')));
      const got = await statuses(shell, cases.map((edge) => edge.args));
      expect(got.map((status, i) => `${cases[i]!.name} ${cases[i]!.value.length}: ${status}`)).toEqual(
        cases.map((edge) => `${edge.name} ${edge.value.length}: ${edge.valid ? 0 : 2}`),
      );
    });

    it.runIf(requireTools(shell))('names functions with a prefix at both of its bounds', async () => {
      for (const { value } of EDGES.filter((edge) => edge.name === 'prefix' && edge.valid)) {
        const result = await sandbox.run(shell, sandbox.plugin(shell, value), shell === 'fish' ? '$argv' : '"$@"', [`${value}-ref`, 'team/app'], BASE);
        expect(result).toMatchObject({ status: 0, stdout: 'swr.ap-southeast-3.myhuaweicloud.com/team/app:latest\n', stderr: '' });
      }
    });
  });
});

/** Characters that break shell code, and a few more; NUL cannot reach a shell (see below). */
const HOSTILE = ['\'', '"', '\\', '$', '`', ';', '|', '&', '\n', '\r', '\t', ' ', '*', '?', '[', '(', '{', '~', '#', '=', '%', '!', 'é'];

/** Values of a bounded pattern: its own characters mixed with hostile ones, at lengths near its bounds. */
function values(name: PatternName): fc.Arbitrary<string> {
  const place = PLACES[name]![0]!;
  const [min, max] = DOCUMENTED[name]![0]!;
  const lengths = fc.constantFrom(...new Set([Math.max(0, min - 1), min, max, max + 1]));
  const own = [...place.value(max)];
  // Each hostile character replaces one, or goes first or last (where a shell's `$` or a line split would hide it).
  const where = fc.oneof(fc.nat(), fc.constantFrom('first', 'last'));
  return fc.tuple(lengths, fc.array(fc.tuple(fc.constantFrom(...HOSTILE), where), { maxLength: 3 })).map(([count, hostile]) => {
    const chars = [...place.value(count)];
    for (const [char, at] of hostile) {
      if (at === 'first') chars.unshift(char);
      else if (at === 'last') chars.push(char);
      else chars[at % (chars.length + 1)] = char;
    }
    return chars.join('') || own[0]!;
  });
}

describe('arbitrary values near the bounds, with the characters that break shell code', () => {
  const NAMES = BOUNDED.filter((name) => call(name, 'x') !== undefined);

  it('are refused in JavaScript when they hold NUL, which no shell variable or argument can carry', () => {
    for (const name of BOUNDED) expect(matches(name, `${PLACES[name]![0]!.value(bounds(PATTERNS[name])[0]![1])}\0`)).toBe(false);
  });

  it('generate hostile characters and both sides of the bounds', () => {
    const sample = NAMES.flatMap((name) => fc.sample(values(name), { numRuns: 60, seed: 17 }).map((value) => ({ name, value })));
    for (const char of ['\'', '\\', '\n', '\r', '\t', '$', '`', ';', '|', '&', '"']) {
      expect(sample.some(({ value }) => value.includes(char)), JSON.stringify(char)).toBe(true);
    }
    expect(sample.some(({ value }) => value.endsWith('\n'))).toBe(true);
    expect(sample.some(({ name, value }) => matches(name, value))).toBe(true);
    expect(sample.filter(({ name, value }) => !matches(name, value) && /^[\w:.-]*$/.test(value)).length).toBeGreaterThan(0);
  });

  describe.each(SHELLS)('in %s', (shell) => {
    it.runIf(requireTools(shell))('get the same verdict from the plugin as from JavaScript', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.constantFrom(...NAMES).chain((name) => values(name).map((value) => ({ name, value }))), { minLength: 40, maxLength: 80 }), async (cases) => {
          const got = await statuses(shell, cases.map(({ name, value }) => call(name, value)!));
          const want = cases.map(({ name, value }) => (matches(name, value) ? 0 : 2));
          expect(got.map((status, i) => `${JSON.stringify(cases[i]!.value)}: ${status}`)).toEqual(want.map((status, i) => `${JSON.stringify(cases[i]!.value)}: ${status}`));
        }),
        { numRuns: 6 },
      );
    });
  });
});
