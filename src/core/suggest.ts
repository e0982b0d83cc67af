/** The values a user probably meant: for "did you mean …?" in warnings about values that match nothing. */

/** Edit distance (insertions, deletions, substitutions, adjacent swaps), stopping early past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Up to `n` candidates close to `value`: the same but for case first, then
 * those within a small edit distance (a quarter of the length, at least 1),
 * then those containing it or contained in it, ignoring case.
 */
export function closest(value: string, candidates: Iterable<string>, n = 3): string[] {
  const v = value.toLowerCase();
  const scored: { c: string; score: number }[] = [];
  const limit = Math.max(1, Math.floor(v.length / 4));
  for (const c of candidates) {
    if (c === value) continue;
    const l = c.toLowerCase();
    if (l === v) scored.push({ c, score: 0 });
    else {
      const d = editDistance(v, l, limit);
      if (d <= limit) scored.push({ c, score: d });
      else if (v.length >= 3 && (l.includes(v) || v.includes(l))) scored.push({ c, score: limit + 1 });
    }
  }
  return scored
    .sort((a, b) => a.score - b.score || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0))
    .slice(0, n)
    .map((s) => s.c);
}

/** The only candidate equal to `value` but for case, or undefined (none, or several: ambiguous). */
export function onlyCaseMatch(value: string, candidates: Iterable<string>): string | undefined {
  const v = value.toLowerCase();
  let found: string | undefined;
  for (const c of candidates) {
    if (c === value) return undefined;
    if (c.toLowerCase() !== v) continue;
    if (found !== undefined && found !== c) return undefined;
    found = c;
  }
  return found;
}

/** ` (did you mean "A" or "B"?)`, or '' when there is nothing close. */
export function didYouMean(suggestions: readonly string[]): string {
  if (!suggestions.length) return '';
  const q = suggestions.map((s) => JSON.stringify(s));
  return ` (did you mean ${q.length === 1 ? q[0] : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`}?)`;
}
