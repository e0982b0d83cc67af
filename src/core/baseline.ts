/**
 * What a period's count is expected to be from a baseline: the previous N
 * periods and/or the same dates in each of the K previous years, pooled as a
 * daily rate and scaled to the period's length, with the exact Poisson limits
 * around that expectation. Shared by `alerts` and `trend --band`. Pure.
 */
import { formatDay } from './civil.js';
import { SPARSE_MIN_EXPECTED, SPARSE_SHARE } from './coverage.js';
import { periodLabel, periodOf } from './periods.js';
import { poissonLimits, poissonTestPValue, varianceToMean, wheelerZ } from './stats/index.js';
import type { Window } from './types.js';
import { rangeLabel, shiftYears, type WeekStart } from './windows.js';

/** The period lengths a baseline can step through. */
export type PeriodKind = 'week' | '28d' | 'month' | 'quarter' | 'year';

/** Which periods make the baseline. */
export interface BaselineSpec {
  /** The N periods just before (0: none). */
  previous: number;
  /** The same dates in each of the K previous years (0: none). */
  seasonal: number;
}

/** The period just before `w`: the calendar period before it, or the 28 days before. */
export function previousPeriod(w: Window, kind: PeriodKind, ws: WeekStart = 'mon'): Window {
  if (kind === '28d') return { label: rangeLabel(w.start - 28, w.start - 1), start: w.start - 28, end: w.start - 1 };
  const p = periodOf(w.start - 1, kind, ws);
  return { label: periodLabel(p.start, kind), start: p.start, end: p.end };
}

/**
 * The baseline periods of `w`, newest first: the `previous` periods before
 * it, then the same dates 1…`seasonal` years back (a month stays a whole
 * month, Feb 29 moves as in {@link shiftYears}). A period already listed is
 * listed once.
 */
export function baselineWindows(w: Window, kind: PeriodKind, spec: BaselineSpec, ws: WeekStart = 'mon'): BaselineWindow[] {
  const out: BaselineWindow[] = [];
  const add = (x: BaselineWindow) => {
    if (!out.some((o) => o.start === x.start && o.end === x.end)) out.push(x);
  };
  let p = w;
  for (let i = 0; i < spec.previous; i++) add({ ...(p = previousPeriod(p, kind, ws)), source: 'previous' });
  for (let k = 1; k <= spec.seasonal; k++) {
    const s = shiftYears(w, k);
    const label = kind === 'week' || kind === '28d' ? rangeLabel(s.start, s.end) : periodLabel(s.start, kind);
    add({ ...s, label, source: 'seasonal' });
  }
  return out;
}

/** A baseline period and why it is one: one of the periods before, or the same dates in an earlier year. */
export interface BaselineWindow extends Window {
  source: 'previous' | 'seasonal';
}

/**
 * Which baseline periods hold far fewer rows (`totals`: all groups) than the
 * others' mean daily volume would put in them: under {@link SPARSE_SHARE} of
 * it, where it would put {@link SPARSE_MIN_EXPECTED} rows or more (the rule
 * of a sparse window). Stray early dates make a year look covered long before
 * an export really starts; such periods would pull every expectation down, so
 * they are left out of the baseline.
 */
export function sparseBaseline(totals: readonly number[], days: readonly number[]): boolean[] {
  return totals.map((rows, i) => {
    const others = totals.map((_, j) => j).filter((j) => j !== i && days[j]! > 0);
    if (others.length === 0) return false;
    const rate = others.reduce((s, j) => s + totals[j]! / days[j]!, 0) / others.length;
    const expected = rate * days[i]!;
    return expected >= SPARSE_MIN_EXPECTED && rows < SPARSE_SHARE * expected;
  });
}

/** A count against its expectation. */
export interface Judged {
  observed: number;
  /** Σ baseline counts / Σ baseline days × the period's days. */
  expected: number;
  lower: number;
  upper: number;
  /** Wheeler's z, 2(√observed − √expected). */
  z: number;
  /** Exact two-sided Poisson p of the observed count against the expected one (twice the smaller tail). */
  pValue: number;
  /** 1 above the upper limit, −1 below the lower, 0 within. */
  outside: -1 | 0 | 1;
  /** Variance over mean of the baseline counts, each scaled to the period's days; null with fewer than two. */
  varianceToMean: number | null;
}

/** The expected count of a period of `days` days from baseline counts over their days (pooled as a daily rate). */
export function expectedCount(counts: readonly number[], days: readonly number[], periodDays: number): number {
  const n = counts.reduce((a, b) => a + b, 0);
  const d = days.reduce((a, b) => a + b, 0);
  return d > 0 ? (n / d) * periodDays : 0;
}

/** An observed count against the expectation from its baseline, with the `level` Poisson limits. */
export function judge(observed: number, counts: readonly number[], days: readonly number[], periodDays: number, level: number): Judged {
  const expected = expectedCount(counts, days, periodDays);
  const { lower, upper } = poissonLimits(expected, level);
  return {
    observed,
    expected,
    lower,
    upper,
    z: wheelerZ(observed, expected),
    pValue: poissonTestPValue(observed, expected),
    outside: observed > upper ? 1 : observed < lower ? -1 : 0,
    varianceToMean: varianceToMean(counts.map((c, i) => (days[i]! > 0 ? (c * periodDays) / days[i]! : 0))),
  };
}

/** A window as reports carry it. */
export interface PeriodOut {
  label: string;
  start: string;
  end: string;
  days: number;
  source?: 'previous' | 'seasonal';
}

export function periodOut(w: Window | BaselineWindow): PeriodOut {
  const out: PeriodOut = { label: w.label, start: formatDay(w.start), end: formatDay(w.end), days: w.end - w.start + 1 };
  if ('source' in w) out.source = w.source;
  return out;
}

/** The median of the numbers given, or null when there are none. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
