/**
 * The monitoring measures of a comparison: Wheeler's Poisson z per row
 * (`--stats z`), p-values adjusted across the rows of a table (`--adjust`),
 * and each group against the overall change (`--dispersion`). Pure.
 */
import { adjustPValues, type AdjustMethod, pearsonZ, poissonTestPValue, wheelerZ } from './stats/index.js';

/** Wheeler's z of the current window against an earlier one, that one scaled to the current window's days; null without days. */
export function pairZ(kEarlier: number, dEarlier: number, kCur: number, dCur: number): number | null {
  if (!(dEarlier > 0 && dCur > 0)) return null;
  return wheelerZ(kCur, (kEarlier * dCur) / dEarlier);
}

/** z per earlier window (shaped like `change`) and, with `pooled`, against the earlier windows pooled. */
export interface RowZ {
  z: number | null | (number | null)[];
  zVsMean?: number | null;
}

/**
 * Wheeler's z for one row: the current (last) count against each earlier one;
 * with `pooled`, also against the earlier windows pooled (Σcounts over Σdays,
 * scaled to the current window), i.e. against their mean.
 */
export function rowZ(counts: readonly number[], days: readonly number[], pooled = false): RowZ {
  const n = counts.length;
  const kCur = counts[n - 1]!;
  const dCur = days[n - 1]!;
  const each = counts.slice(0, -1).map((k, i) => pairZ(k, days[i]!, kCur, dCur));
  const out: RowZ = { z: each.length === 1 ? each[0]! : each };
  if (pooled) {
    const kE = counts.slice(0, -1).reduce((a, b) => a + b, 0);
    const dE = days.slice(0, -1).reduce((a, b) => a + b, 0);
    out.zVsMean = pairZ(kE, dE, kCur, dCur);
  }
  return out;
}

/** `*` for |z| ≥ 2, `**` for |z| ≥ 3 (Wheeler's reading lines), else ''. */
export function zMark(z: number | null | undefined): string {
  if (z === null || z === undefined) return '';
  const a = Math.abs(z);
  return a >= 3 ? '**' : a >= 2 ? '*' : '';
}

/** A group against the overall change: what its current count would be if it had changed as all groups together did. */
export interface DispersionOut {
  /** Earlier count (the earlier windows pooled) × the overall ratio. */
  expected: number;
  /** Observed current count − expected. */
  difference: number;
  /** (observed − expected)/√expected; null when nothing is expected but something was observed. */
  z: number | null;
  /** Exact two-sided Poisson p of the observed count against the expected one; null as z. */
  pValue: number | null;
  pAdjusted?: number | null;
  /** With --per-day: expected ÷ the current window's days. */
  expectedPerDay?: number;
}

/** The overall change every group is held against. */
export interface DispersionBase {
  /** Σ current counts of all groups / Σ earlier counts (earlier windows pooled); null when the earlier sum is 0. */
  ratio: number | null;
  earlier: number;
  current: number;
  /** The same as a ratio of daily rates (current per day over earlier per day). */
  ratePerDay: number | null;
}

/**
 * One group against the overall ratio: expected = earlier × ratio, and how
 * far the observed count lies from it, treating the expected count as known.
 */
export function dispersionOf(earlier: number, observed: number, ratio: number, dCur: number, perDay: boolean): DispersionOut {
  const expected = earlier * ratio;
  const out: DispersionOut = { expected, difference: observed - expected, z: null, pValue: null };
  if (expected > 0) {
    out.z = pearsonZ(observed, expected);
    out.pValue = poissonTestPValue(observed, expected);
  } else if (observed === 0) {
    out.z = 0;
    out.pValue = 1;
  }
  if (perDay) out.expectedPerDay = dCur > 0 ? expected / dCur : 0;
  return out;
}

/** The counts of rows (all groups, before --top): earlier windows pooled, and current. */
export function dispersionBase(rows: readonly { counts: readonly number[] }[], days: readonly number[]): DispersionBase {
  let earlier = 0;
  let current = 0;
  for (const r of rows) {
    current += r.counts[r.counts.length - 1]!;
    for (let i = 0; i < r.counts.length - 1; i++) earlier += r.counts[i]!;
  }
  const dE = days.slice(0, -1).reduce((a, b) => a + b, 0);
  const dC = days[days.length - 1]!;
  const ratio = earlier > 0 ? current / earlier : null;
  return { ratio, earlier, current, ratePerDay: ratio !== null && dC > 0 ? (ratio * dE) / dC : null };
}

/**
 * Adjusts one family of p-values across rows: `get` reads a row's p (undefined
 * or null: not a test), `set` writes the adjusted one. Returns the number of tests.
 */
export function adjustFamily<R>(
  rows: readonly R[],
  method: AdjustMethod,
  get: (r: R) => number | null | undefined,
  set: (r: R, p: number) => void,
): number {
  const tested = rows.filter((r) => {
    const p = get(r);
    return p !== null && p !== undefined;
  });
  const adjusted = adjustPValues(
    tested.map((r) => get(r)!),
    method,
  );
  tested.forEach((r, i) => set(r, adjusted[i]!));
  return tested.length;
}
