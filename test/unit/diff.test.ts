// The --dry-run diff, against GNU diff and patch as oracles: the same output
// as `diff -u` where the shortest edit is unambiguous, and for arbitrary
// texts a diff that `patch` applies to give exactly the new text.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/core/diff.ts';
import { requireTools } from '../support/tools.ts';

const directory = mkdtempSync(join(tmpdir(), 'swr-diff-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** `diff -u` of two texts (undefined: no file), with `label` as both names. */
function gnuDiff(label: string, before: string | undefined, after: string | undefined): string {
  const file = (name: string, text: string | undefined): string => {
    if (text === undefined) return '/dev/null';
    writeFileSync(join(directory, name), text, 'latin1');
    return join(directory, name);
  };
  const labels = [before === undefined ? '/dev/null' : label, after === undefined ? '/dev/null' : label];
  const result = spawnSync('diff', ['-u', '--label', labels[0]!, '--label', labels[1]!, file('a', before), file('b', after)], {
    encoding: 'latin1',
  });
  return result.stdout;
}

const lines = (count: number, from = 1): string => Array.from({ length: count }, (_, i) => `line ${from + i}\n`).join('');
const block = '# >>> swr-shell >>>\nif command -v swr-shell; then :; fi\n# <<< swr-shell <<<\n';

describe.runIf(requireTools('diff', 'patch'))('unifiedDiff', () => {
  const cases: Array<[name: string, before: string | undefined, after: string | undefined]> = [
    ['a block appended', lines(10), lines(10) + block],
    ['a block appended after a last line without newline', 'a\nb', `a\nb\n${block.trimEnd()}`],
    ['a block replaced in the middle', lines(10) + block + lines(10, 11), lines(10) + block.replace('then', 'then  ') + lines(10, 11)],
    ['a block removed from the start', block + lines(5), lines(5)],
    ['two changes far apart', lines(30), lines(30).replace('line 3\n', 'three\n').replace('line 25\n', '')],
    ['two changes close together', lines(30), lines(30).replace('line 10\n', 'ten\n').replace('line 15\n', '')],
    // 2 × context unchanged lines between two changes: one hunk; one more: two hunks.
    ['two changes 2 × context lines apart', lines(30), lines(30).replace('line 10\n', 'ten\n').replace('line 17\n', 'seventeen\n')],
    ['two changes 2 × context + 1 lines apart', lines(30), lines(30).replace('line 10\n', 'ten\n').replace('line 18\n', 'eighteen\n')],
    ['a new file', undefined, block],
    ['a deleted file', block, undefined],
    ['an emptied file', block, ''],
    ['a CRLF file', 'a\r\nb\r\n', `a\r\nb\r\n${block.replaceAll('\n', '\r\n')}`],
    // Repeated lines: several shortest edits, and diff -u keeps the common head and tail first.
    ['one of two equal lines removed', 'a\na\n', 'a\n'],
    ['an equal line added after', 'a\n', 'a\na\n'],
    ['a repeated line removed inside', 'x\na\na\na\ny\n', 'x\na\na\ny\n'],
    ['a line removed between repeats', 'a\nb\na\nb\n', 'a\nb\n'],
    ['a line added before an equal one', 'a\nb\n', 'b\na\nb\n'],
    ['a changed last line among repeats', 'a\na\nb\n', 'a\na\nc\n'],
    ['a changed first line among repeats', 'b\na\na\n', 'c\na\na\n'],
    ['a changed line before a repeated last line', 'x\na\n', 'y\na\na\n'],
    ['a changed line after a repeated first line', 'a\nx\n', 'a\na\ny\n'],
    ['a changed line before two repeated last lines', 'x\na\na\n', 'y\na\na\na\n'],
  ];
  for (const [name, before, after] of cases) {
    it(`prints what diff -u prints for ${name}`, () => {
      expect(unifiedDiff('/home/u/.bashrc', before, after)).toBe(gnuDiff('/home/u/.bashrc', before, after));
    });
  }

  it('prints nothing for equal files', () => {
    expect(unifiedDiff('f', 'a\n', 'a\n')).toBe('');
    expect(unifiedDiff('f', undefined, undefined)).toBe('');
  });

  it('shows bytes that are not UTF-8 as replacement characters', () => {
    expect(unifiedDiff('f', 'caf\xe9\n', 'caf\xe9\nx\n')).toContain(' caf\ufffd\n+x\n');
  });

  it('gives, for arbitrary texts, a shortest edit, each hunk at its stated lines', () => {
    // Oracles independent of the Myers code: the edit length from the longest common
    // subsequence (dynamic programming), and a strict applier that checks every hunk
    // header against the old and new line numbers, allowing no offset.
    const split = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    const shortest = (a: string[], b: string[]): number => {
      const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
      for (let i = a.length - 1; i >= 0; i--) {
        for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
      }
      return a.length + b.length - 2 * lcs[0]![0]!;
    };
    const text = fc.array(fc.constantFrom('a\n', 'b\n', 'c\n', '\n', 'd'), { maxLength: 14 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const a = split(before);
        const b = split(after);
        const diff = unifiedDiff('f', before, after);
        if (before === after) {
          expect(diff).toBe('');
          return;
        }
        const lines = diff.split('\n').slice(2, -1).filter((line) => line !== '\\ No newline at end of file');
        let [oldLine, newLine, edits] = [0, 0, 0];
        const result: string[] = [];
        for (let i = 0; i < lines.length; ) {
          const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(lines[i++]!)!;
          expect(header).not.toBeNull();
          const [oldCount, newCount] = [Number(header[2] ?? 1), Number(header[4] ?? 1)];
          const [oldStart, newStart] = [Number(header[1]) - (oldCount === 0 ? 0 : 1), Number(header[3]) - (newCount === 0 ? 0 : 1)];
          // The lines between two hunks are unchanged: as many in the old text as in the new.
          expect(oldStart - oldLine).toBe(newStart - newLine);
          expect(oldStart).toBeGreaterThanOrEqual(oldLine);
          result.push(...a.slice(oldLine, oldStart));
          [oldLine, newLine] = [oldStart, newStart];
          let [seenOld, seenNew] = [0, 0];
          while (i < lines.length && !lines[i]!.startsWith('@@')) {
            const [kind, body] = [lines[i]![0], lines[i]!.slice(1)];
            i++;
            if (kind !== '+') expect(a[oldLine++]?.replace(/\n$/, '')).toBe(body);
            if (kind !== '-') expect(b[newLine]?.replace(/\n$/, '')).toBe(body);
            if (kind !== '-') result.push(b[newLine++]!);
            if (kind !== ' ') edits++;
            [seenOld, seenNew] = [seenOld + (kind === '+' ? 0 : 1), seenNew + (kind === '-' ? 0 : 1)];
          }
          expect([seenOld, seenNew]).toEqual([oldCount, newCount]);
        }
        result.push(...a.slice(oldLine));
        expect(result.join('')).toBe(after);
        expect(edits).toBe(shortest(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('gives, for arbitrary texts, a diff that patch applies to give the new text', () => {
    const text = fc
      .array(fc.constantFrom('a\n', 'b\n', 'c\n', '\n', 'd', 'a\r\n', '# >>> swr-shell >>>\n'), { maxLength: 25 })
      .map((parts) => parts.join(''));
    const pairs = fc.sample(fc.tuple(text, text), { numRuns: 200 });
    for (const [index, [before, after]] of pairs.entries()) {
      const original = join(directory, `p${index}`);
      const result = join(directory, `p${index}.out`);
      writeFileSync(original, before, 'latin1');
      const diff = unifiedDiff(original, before, after);
      if (diff !== '') execFileSync('patch', ['-s', '-o', result, original], { input: diff, encoding: 'latin1' });
      else writeFileSync(result, before, 'latin1');
      expect(readFileSync(result, 'latin1'), JSON.stringify({ before, after, diff })).toBe(after);
    }
  });
});
