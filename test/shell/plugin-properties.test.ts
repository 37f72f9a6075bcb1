// Property-based tests: the plugin's reference rules in each real shell
// against an independent model (test/support/reference-model.ts), and the
// quoting of generated code against the shells themselves, for arbitrary input.

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SHELLS, type Shell } from '../../src/core/plugin.ts';
import { fishQuote, posixQuote } from '../../src/core/quote.ts';
import { REGIONS } from '../../src/core/regions.ts';
import { resolveReference, type RefSettings } from '../support/reference-model.ts';
import { type Call, readCalls, Sandbox, shellCommand } from '../support/sandbox.ts';
import { requireTools } from '../support/tools.ts';

const AK = 'TESTAKEXAMPLE123';
const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const RUNS = 250;

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());
sandbox.profile('default', `region=ap-southeast-3\nproject=ap-southeast-3_dev\norg=team\nak=${AK}\nlogin_key=${KEY}\n`);

const SETTINGS: RefSettings = {
  region: 'ap-southeast-3',
  project: 'ap-southeast-3_dev',
  org: 'team',
  registry: 'swr.ap-southeast-3.myhuaweicloud.com',
  domains: new Map(REGIONS.map((region) => [region.id, region.domain])),
};

const chars = (set: string, min: number, max: number) => fc.string({ unit: fc.constantFrom(...set), minLength: min, maxLength: max });
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const region = fc.constantFrom(...REGIONS.map((r) => r.id), 'xx-unknown-1');

/** Image references, mostly near the grammar's edges, some far outside it. */
const images = fc.oneof(
  fc
    .record({
      host: fc.option(
        fc.oneof(
          fc.constantFrom('localhost', 'localhost:5000', '127.0.0.1:5000', 'docker.io', 'Docker.io', 'a..b', 'x:y'),
          fc.constant('swr.ap-southeast-3.myhuaweicloud.com'),
          region.map((id) => `swr.${id}.myhuaweicloud.com`),
          region.map((id) => `swr.${id}.myhuaweicloud.eu`),
        ),
      ),
      path: fc.array(fc.oneof(chars(LOWER, 1, 6), chars(LOWER + '._-', 1, 6), chars(LOWER + 'A_-.', 0, 4)), { minLength: 1, maxLength: 3 }),
      tag: fc.option(fc.oneof(chars('abcXYZ019_', 1, 6), chars('abc._-:', 0, 5), fc.constant('x'.repeat(129)))),
      digest: fc.option(
        fc.oneof(
          chars('0123456789abcdef', 64, 64).map((hex) => `sha256:${hex}`),
          chars('0123456789abcdef', 128, 128).map((hex) => `sha512:${hex}`),
          chars('0123456789abcdefX', 60, 66).map((hex) => `sha256:${hex}`),
        ),
      ),
    })
    .map(({ host, path, tag, digest }) => `${host === null ? '' : `${host}/`}${path.join('/')}${tag === null ? '' : `:${tag}`}${digest === null ? '' : `@${digest}`}`),
  chars(`${LOWER}ABC/:@._-$;|&*?'"\`\\ `, 0, 20),
);

let batches = 0;

/** One line per image (the function's status, a tab, what it printed), and the tools' calls. */
function runEach(shell: Shell, fn: string, values: string[], env: Record<string, string>): { lines: string[]; calls: Call[] } {
  const calls = join(sandbox.root, `calls-${fn}-${shell}-${++batches}`);
  mkdirSync(calls);
  const input = join(sandbox.root, `${fn}-${shell}.txt`);
  writeFileSync(input, values.map((value) => `${value}\n`).join(''));
  const script =
    shell === 'fish'
      ? `while read -l line; set -l out (${fn} $line 2>/dev/null </dev/null); builtin printf '%s\\t%s\\n' $status "$out"; end < ${input}`
      : `while IFS= read -r line; do out=$(${fn} "$line" 2>/dev/null </dev/null); printf '%s\\t%s\\n' "$?" "$out"; done < '${input}'`;
  const plugin = sandbox.plugin(shell);
  const source = shell === 'fish' ? `source ${plugin}` : `. '${plugin}'`;
  const command = shellCommand(shell);
  const output = execFileSync(command[0]!, [...command.slice(1), '-c', `${source}\n${script}`], {
    env: { HOME: sandbox.home, PATH: sandbox.bin, SWR_TEST_CALLS: calls, ...env },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { lines: output.split('\n').slice(0, -1), calls: readCalls(calls) };
}

// Lines are the unit of the batch, so no image holds a line break (the table
// tests in plugin.test.ts cover those), and fish's read trims outer blanks.
const lineSafe = images.filter((image) => !/[\n\r]/.test(image) && image.trim() === image);

// The public region's registry, and a registry given by SWR_REGISTRY (then the
// key goes to that host only: every SWR host is just another host).
const VARIANTS: Array<{ name: string; env: Record<string, string>; settings: RefSettings }> = [
  { name: 'public registry', env: {}, settings: SETTINGS },
  { name: 'SWR_REGISTRY', env: { SWR_REGISTRY: 'localhost:5000' }, settings: { ...SETTINGS, registry: 'localhost:5000', pinned: true } },
];

for (const shell of SHELLS) {
  describe.runIf(requireTools(shell)).each(VARIANTS)(`${shell}: references, $name`, ({ env, settings }) => {
    it(`swr-ref agrees with the model for ${RUNS} generated images`, () => {
      const samples = fc.sample(lineSafe, { numRuns: RUNS });
      const results = runEach(shell, 'swr-ref', samples, env).lines;
      expect(results).toHaveLength(samples.length);
      let valid = 0;
      samples.forEach((image, index) => {
        const expected = resolveReference(image, settings);
        if (expected) valid++;
        expect(results[index], JSON.stringify(image)).toBe(expected ? `0\t${expected.ref}` : '2\t');
      });
      // The generator must exercise both sides of the grammar.
      expect(valid).toBeGreaterThan(RUNS / 10);
      expect(valid).toBeLessThan(RUNS - RUNS / 10);
    });

    it('swr-pull logs in as the project the model names, for images of many registries', () => {
      const samples = fc.sample(lineSafe.filter((image) => resolveReference(image, settings) !== undefined), { numRuns: 80 });
      const { lines, calls } = runEach(shell, 'swr-pull', samples, env);
      expect(lines).toEqual(samples.map(() => '0\t'));
      expect(calls).toHaveLength(samples.length);
      samples.forEach((image, index) => {
        const { ref, project } = resolveReference(image, settings)!;
        const user = project === undefined ? [] : ['--user', `${project}@${AK}:${KEY}`];
        expect(calls[index]!.argv, JSON.stringify(image)).toEqual(['image', 'pull', ...user, ref]);
      });
    });
  });
}

describe('quoting of generated code', () => {
  // Every string a shell can hold: any code points but NUL.
  const strings = fc.string({ unit: 'binary', maxLength: 40 }).filter((value) => !value.includes('\0'));
  const shells: Array<[string, string[], (value: string) => string]> = [
    ['sh', ['sh', '-c'], posixQuote],
    ['bash', ['bash', '--noprofile', '--norc', '-c'], posixQuote],
    ['zsh', ['zsh', '--no-rcs', '-c'], posixQuote],
    ['fish', ['fish', '--no-config', '--private', '-c'], fishQuote],
  ];
  it.each(shells.filter(([name]) => requireTools(name)))('%s reads back exactly what was quoted', (name, command, quote) => {
    const values = fc.sample(strings, { numRuns: 400 });
    const printf = name === 'fish' ? 'builtin printf' : 'printf';
    const script = values.map((value) => `${printf} '%s\\0' ${quote(value)}`).join('\n');
    const output = execFileSync(command[0]!, [...command.slice(1), script], { env: { PATH: process.env['PATH'], LC_ALL: 'C.UTF-8' } });
    expect(output.toString('utf8').split('\0').slice(0, -1)).toEqual(values);
  });
});
