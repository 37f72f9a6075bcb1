// Every quoting function of src/core/quote.ts, read back by every shell it
// serves: posixQuote by bash and zsh (the plugin) and by the POSIX shells that
// `swr-shell env --format sh` output may meet; fishQuote by fish (the plugin
// and `env --format fish`). Each shell runs `printf '%s\0' QUOTED` for a batch
// of values and must print every value back unchanged: no value executes,
// expands or loses a character. The values are biased toward what breaks
// quoting: both quotes, backslash (alone, last, before a quote), `$`, the
// backquote, separators and control characters. NUL is left out: no shell
// string can hold it.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fishQuote, posixQuote } from '../../src/core/quote.ts';
import { SHELL_COMMAND } from '../support/sandbox.ts';
import { requireTools } from '../support/tools.ts';

const directory = mkdtempSync(join(tmpdir(), 'swr-quote-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The shells each quoting function serves, as command lines that run a script file. */
const SERVED: ReadonlyArray<{ quote: (value: string) => string; name: string; shells: ReadonlyArray<readonly [string, ...string[]]> }> = [
  {
    quote: posixQuote,
    name: 'posixQuote',
    shells: [
      SHELL_COMMAND.bash as [string, ...string[]],
      SHELL_COMMAND.zsh as [string, ...string[]],
      ['dash'],
      ['busybox', 'sh'],
      ['mksh'],
      ['ksh'],
      ['yash'],
      ['posh'],
    ],
  },
  { quote: fishQuote, name: 'fishQuote', shells: [SHELL_COMMAND.fish as [string, ...string[]]] },
];

const HOSTILE = ['\'', '"', '\\', '$', '`', ';', '|', '&', '\n', '\r', '\t', ' ', '*', '?', '[', ']', '{', '}', '(', ')', '~', '#', '=', '!', '%', '<', '>', '^', 'é', '\u2028', '\x1b', '-'];

/** Strings mostly made of the hostile characters, with some letters and digits among them. */
const hostile = fc.string({ unit: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...HOSTILE) }, { weight: 1, arbitrary: fc.constantFrom('a', 'Z', '0', '/', '_') }), maxLength: 12 });

/** Values that once broke, or would break, a careless quoting function. */
const KNOWN = ['', "'", "\\'", '\\', 'a\\', "'\\''", "\\\\'", '$(id)', '`id`', '${HOME}', 'a b', 'a\nb', '-n', '-e', '--', '~', '%s', 'plain', '/a/b-c_d', "it's", '\\$HOME'];

let scripts = 0;

/** What `shell` prints for `printf '%s\0' QUOTED`, for each value, split at the NULs. */
function readBack(command: readonly string[], quote: (value: string) => string, values: readonly string[]): string[] {
  const script = join(directory, `script-${++scripts}`);
  writeFileSync(script, values.map((value) => `printf '%s\\0' ${quote(value)}\n`).join(''));
  const output = execFileSync(command[0]!, [...command.slice(1), script], { encoding: 'utf8', env: { PATH: process.env['PATH'], HOME: directory, LC_ALL: 'C.UTF-8' } });
  return output.split('\0').slice(0, -1);
}

describe.each(SERVED)('$name', ({ quote, shells }) => {
  describe.each(shells.map((command) => ({ command, label: command.join(' ') })))('read back by $label', ({ command }) => {
    const available = requireTools(command[0]);

    it.runIf(available)('gives back the values that break careless quoting', () => {
      expect(readBack(command, quote, KNOWN)).toEqual(KNOWN);
    });

    it.runIf(available)('gives back arbitrary values of quotes, backslashes and other shell syntax', () => {
      fc.assert(
        fc.property(fc.array(hostile, { minLength: 50, maxLength: 100 }), (values) => {
          expect(readBack(command, quote, values)).toEqual(values);
        }),
        { numRuns: 5 },
      );
    });
  });
});

it('draws values that hold every hostile character, a backslash before a quote, and a backslash last', () => {
  const sample = fc.sample(hostile, { numRuns: 300, seed: 17 });
  for (const char of HOSTILE) expect(sample.some((value) => value.includes(char)), JSON.stringify(char)).toBe(true);
  expect(sample.some((value) => value.includes("\\'"))).toBe(true);
  expect(sample.some((value) => value.endsWith('\\'))).toBe(true);
});
