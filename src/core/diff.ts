// A unified diff (as `diff -u` prints it) of two versions of a file, for
// `--dry-run`. Lines are compared as exact bytes (binary strings, bytes.ts)
// and shown as UTF-8. Myers' O(ND) algorithm after trimming the common head
// and tail: install changes a few lines of a file, so D stays small.

import { binaryToDisplay } from './bytes.ts';

type Op = readonly [kind: ' ' | '-' | '+', line: string];

/** Lines with their line ends, so that a last line without one differs from the same line with one. */
function splitLines(binary: string): string[] {
  return binary.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The shortest edit script from `a` to `b` (Myers 1986, with the trace kept for the walk back). */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  if (a.length === 0 || b.length === 0) return [...a.map((line) => ['-', line] as Op), ...b.map((line) => ['+', line] as Op)];
  const max = a.length + b.length;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  const at = (k: number): number => v[max + k]!;
  search: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? at(k + 1) : at(k - 1) + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) [x, y] = [x + 1, y + 1];
      v[max + k] = x;
      if (x >= a.length && y >= b.length) break search;
    }
  }
  const ops: Op[] = [];
  let [x, y] = [a.length, b.length];
  for (let d = trace.length - 1; d >= 0; d--) {
    const previous = trace[d]!;
    const was = (k: number): number => previous[max + k]!;
    const k = x - y;
    const down = k === -d || (k !== d && was(k - 1) < was(k + 1));
    const fromX = was(down ? k + 1 : k - 1);
    const fromY = fromX - (down ? k + 1 : k - 1);
    while (x > fromX && y > fromY) {
      x--;
      y--;
      ops.push([' ', a[x]!]);
    }
    if (d === 0) break;
    if (down) ops.push(['+', b[--y]!]);
    else ops.push(['-', a[--x]!]);
  }
  return ops.reverse();
}

function range(start: number, count: number): string {
  // As diff -u: an empty range names the line before it; a count of 1 is left out.
  const first = count === 0 ? start - 1 : start;
  return count === 1 ? `${first}` : `${first},${count}`;
}

function showLine(kind: string, line: string): string {
  const text = binaryToDisplay(line);
  return text.endsWith('\n') ? kind + text : `${kind}${text}\n\\ No newline at end of file\n`;
}

/**
 * The unified diff from `before` to `after` (binary strings; undefined: no
 * such file), or "" when they are equal. `path` names the file in the headers.
 */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before ?? '');
  const b = splitLines(after ?? '');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [
    ...a.slice(0, head).map((line) => [' ', line] as Op),
    ...editScript(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...a.slice(a.length - tail).map((line) => [' ', line] as Op),
  ];

  let text = `--- ${before === undefined ? '/dev/null' : path}\n+++ ${after === undefined ? '/dev/null' : path}\n`;
  const changed = ops.flatMap(([kind], index) => (kind === ' ' ? [] : [index]));
  let i = 0;
  while (i < changed.length) {
    // A hunk: changes less than 2 * context lines apart, with context around them.
    let j = i;
    while (j + 1 < changed.length && changed[j + 1]! - changed[j]! <= 2 * context + 1) j++;
    const from = Math.max(0, changed[i]! - context);
    const to = Math.min(ops.length, changed[j]! + context + 1);
    const preceding = ops.slice(0, from);
    const hunk = ops.slice(from, to);
    const oldStart = preceding.filter(([kind]) => kind !== '+').length + 1;
    const newStart = preceding.filter(([kind]) => kind !== '-').length + 1;
    const oldCount = hunk.filter(([kind]) => kind !== '+').length;
    const newCount = hunk.filter(([kind]) => kind !== '-').length;
    text += `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n`;
    text += hunk.map(([kind, line]) => showLine(kind, line)).join('');
    i = j + 1;
  }
  return text;
}
