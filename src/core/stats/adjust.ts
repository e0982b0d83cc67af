/**
 * Adjusting the p-values of many tests read together: Holm's step-down
 * (family-wise error) and Benjamini–Hochberg's step-up (false discovery
 * rate), as statsmodels `multipletests(p, method="holm" | "fdr_bh")`.
 */

export const ADJUST_METHODS = ['holm', 'bh', 'none'] as const;
export type AdjustMethod = (typeof ADJUST_METHODS)[number];

/** The methods in words, for footers and JSON. */
export const ADJUST_WORDS: Record<Exclude<AdjustMethod, 'none'>, string> = {
  holm: 'Holm (family-wise error)',
  bh: 'Benjamini-Hochberg (false discovery rate)',
};

function check(ps: readonly number[]): void {
  for (const p of ps) if (!(p >= 0 && p <= 1)) throw new RangeError(`p-values must be in [0, 1], got ${p}`);
}

/** Indexes of `ps` in ascending order of p; ties keep their order (the adjusted values do not depend on it). */
function ascending(ps: readonly number[]): number[] {
  return ps.map((_, i) => i).sort((a, b) => ps[a]! - ps[b]! || a - b);
}

/**
 * Holm: the i-th smallest of m p-values becomes max over j ≤ i of
 * min(1, (m − j + 1)·p₍ⱼ₎); returned in the input's order.
 */
export function holm(ps: readonly number[]): number[] {
  check(ps);
  const m = ps.length;
  const out = new Array<number>(m);
  let running = 0;
  ascending(ps).forEach((idx, j) => {
    running = Math.max(running, Math.min(1, (m - j) * ps[idx]!));
    out[idx] = running;
  });
  return out;
}

/**
 * Benjamini–Hochberg: the i-th smallest of m p-values becomes min over
 * j ≥ i of min(1, m·p₍ⱼ₎/j); returned in the input's order.
 */
export function benjaminiHochberg(ps: readonly number[]): number[] {
  check(ps);
  const m = ps.length;
  const order = ascending(ps);
  const out = new Array<number>(m);
  let running = 1;
  for (let j = m - 1; j >= 0; j--) {
    const idx = order[j]!;
    running = Math.min(running, (m * ps[idx]!) / (j + 1));
    out[idx] = Math.min(1, running);
  }
  return out;
}

/** The p-values adjusted by `method` (`none` returns a copy). */
export function adjustPValues(ps: readonly number[], method: AdjustMethod): number[] {
  if (method === 'holm') return holm(ps);
  if (method === 'bh') return benjaminiHochberg(ps);
  check(ps);
  return [...ps];
}
