/**
 * Whether the data's latest date is a stray: a day (or a few) holding far
 * fewer rows than the weeks before it would make likely (a partial last day,
 * UTC stamps past midnight, a typo'd future year). A default window built on
 * it compares a sliver with a full period.
 */
import type { Day } from './civil.js';
import { poissonCdf } from './stats/poisson.js';

/** A day is improbably low when Poisson(the 28 days before's daily mean) gives it less than this chance. */
const IMPROBABLE = 0.001;
/** The days before a day that set its expected volume. */
const BEFORE = 28;
/** Below this many rows a day the latest day cannot be told from chance (a small file, a homicide list). */
const MIN_DAILY = 2;
/** The days after the last full day must hold under this share of what the days before would put there ("far fewer", not a slow week). */
const THIN_SHARE = 0.25;

export interface StrayEnd {
  /** The data's latest date. */
  latest: Day;
  /** The last day that looks complete: a careful analyst's as-of day. */
  lastFull: Day;
  /** Rows dated after `lastFull`, and what the days before would have put there. */
  rowsAfter: number;
  expectedAfter: number;
}

/**
 * The stray end of the data, if its latest days are improbably thin: from the
 * latest date back, the first day whose count is not improbably low for the
 * 28 days before it is the last full day. Undefined when the latest date
 * itself looks complete, or the data holds under two rows a day before it
 * (too thin to tell).
 */
export function strayEnd(days: ReadonlyMap<Day, number>): StrayEnd | undefined {
  const sorted = [...days].sort((a, b) => a[0] - b[0]);
  if (sorted.length < 2) return undefined;
  const dayAt = sorted.map((d) => d[0]);
  // prefix[i]: rows on the days before sorted[i]
  const prefix = new Float64Array(sorted.length + 1);
  sorted.forEach((d, i) => (prefix[i + 1] = prefix[i]! + d[1]));
  /** Index of the first day ≥ d. */
  const lower = (d: Day) => {
    let lo = 0;
    let hi = dayAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dayAt[mid]! < d) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const meanBefore = (d: Day) => (prefix[lower(d)]! - prefix[lower(d - BEFORE)]!) / BEFORE;
  const latest = dayAt[dayAt.length - 1]!;
  const thin = (i: number) => poissonCdf(sorted[i]![1], meanBefore(dayAt[i]!)) < IMPROBABLE;
  if (!thin(dayAt.length - 1) && meanBefore(latest) > 0) return undefined;
  // Walk back over thin days and empty stretches to the last day that looks complete.
  for (let i = dayAt.length - 2; i >= 0; i--) {
    const d = dayAt[i]!;
    const m = meanBefore(d);
    if (m >= MIN_DAILY && !thin(i)) {
      // The days between this one and the latest, at this day's rate, against what they hold.
      const rowsAfter = prefix[dayAt.length]! - prefix[i + 1]!;
      const expectedAfter = m * (latest - d);
      if (poissonCdf(rowsAfter, expectedAfter) >= IMPROBABLE || rowsAfter >= THIN_SHARE * expectedAfter) return undefined;
      return { latest, lastFull: d, rowsAfter, expectedAfter };
    }
  }
  return undefined;
}
