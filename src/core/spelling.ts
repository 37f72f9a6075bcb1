// "Did you mean" hints: the known name closest in spelling to what was typed.

/** Levenshtein distance: insertions, deletions and substitutions, one each. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The candidate closest to `input` (the first of equals), ignoring case. */
export function nearest<T extends string>(input: string, candidates: readonly T[]): { name: T; distance: number } {
  let best = { name: candidates[0]!, distance: Infinity };
  for (const name of candidates) {
    const distance = editDistance(input.toLowerCase(), name);
    if (distance < best.distance) best = { name, distance };
  }
  return best;
}
