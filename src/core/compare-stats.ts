/**
 * Significance for a comparison row: the E-test p-value of the current
 * window against each earlier one (window lengths in days as exposures), the
 * small-count flag and, with `exact`, the exact conditional test and the rate
 * ratio with its exact interval. A window the data does not cover at all
 * (none of its days inside the data's dates) holds no evidence: its pairs get
 * null. Pure: counts and days in, numbers out.
 */
import { conditionalTestPValue, eTestPValue, isSmallCount, rateRatio } from './stats/index.js';

/** `etest`: the E-test p-value; `exact`: also the exact conditional test and the rate ratio. */
export type StatsMode = 'etest' | 'exact';

/** The two-sided convention of the exact conditional test (named in the output). */
export const EXACT_CONVENTION = 'minlike';

/** Rate ratio current/earlier (per day) with its exact 95% interval; null where undefined or infinite. */
export interface RateRatioOut {
  ratio: number | null;
  low: number | null;
  high: number | null;
}

/** The statistics of one current-vs-earlier pair. */
export interface PairStats {
  /** null when either window has no data at all. */
  pValue: number | null;
  pExact?: number | null;
  rateRatio?: RateRatioOut;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Current count `kCur` over `dCur` days against `kEarlier` over `dEarlier`
 * days. The E-test is called in SciPy's order (k1, n1, k2, n2) with the
 * current window first; its two-sided p is symmetric. 0 vs 0 gives p = 1.
 */
export function pairStats(kEarlier: number, dEarlier: number, kCur: number, dCur: number, mode: StatsMode, noData = false): PairStats {
  if (noData) {
    // A window outside the data: a test against its zero would measure the export, not crime.
    return mode === 'exact' ? { pValue: null, pExact: null, rateRatio: { ratio: null, low: null, high: null } } : { pValue: null };
  }
  if (!(dEarlier > 0 && dCur > 0)) {
    // A window with no counted day (only Feb 29 under --leap-day exclude) holds no evidence.
    return mode === 'exact' ? { pValue: 1, pExact: 1, rateRatio: { ratio: null, low: null, high: null } } : { pValue: 1 };
  }
  const out: PairStats = { pValue: eTestPValue(kCur, dCur, kEarlier, dEarlier) };
  if (mode === 'exact') {
    out.pExact = conditionalTestPValue(kCur, dCur, kEarlier, dEarlier, { convention: EXACT_CONVENTION });
    const rr = rateRatio(kCur, dCur, kEarlier, dEarlier);
    out.rateRatio = { ratio: finiteOrNull(rr.ratio), low: finiteOrNull(rr.low), high: finiteOrNull(rr.high) };
  }
  return out;
}

/** Row statistics, shaped like `change`: scalars with two windows, arrays with more. */
export interface RowStats {
  pValue: number | null | (number | null)[];
  pExact?: number | null | (number | null)[];
  rateRatio?: RateRatioOut | RateRatioOut[];
  /** --baseline mean: the current window against the earlier windows pooled (sum of counts over sum of days). */
  pValueVsMean?: number | null;
  pExactVsMean?: number | null;
  rateRatioVsMean?: RateRatioOut;
  /** Every count of the row is under SMALL_COUNT_THRESHOLD (10). */
  smallCounts: boolean;
}

/**
 * Statistics for one row of counts (first = baseline, last = current) with
 * each window's length in days. With `pooled`, also the current window
 * against all earlier windows pooled: Σcounts over Σdays, which is the
 * E-test of the current rate against the earlier windows' mean rate.
 * `noData[i]` marks a window the data does not cover at all: every pair
 * involving it (and the pooled test) is null.
 */
export function rowStats(
  counts: readonly number[],
  days: readonly number[],
  mode: StatsMode,
  pooled = false,
  noData: readonly boolean[] = [],
): RowStats {
  const n = counts.length;
  const kCur = counts[n - 1]!;
  const dCur = days[n - 1]!;
  const curEmpty = noData[n - 1] === true;
  const each = counts.slice(0, -1).map((k, i) => pairStats(k, days[i]!, kCur, dCur, mode, curEmpty || noData[i] === true));
  const one = each.length === 1;
  const pick = <T>(f: (s: PairStats) => T): T | T[] => (one ? f(each[0]!) : each.map(f));
  const out: RowStats = { pValue: pick((s) => s.pValue), smallCounts: isSmallCount(counts) };
  if (mode === 'exact') {
    out.pExact = pick((s) => s.pExact!);
    out.rateRatio = pick((s) => s.rateRatio!);
  }
  if (pooled) {
    const kE = counts.slice(0, -1).reduce((a, b) => a + b, 0);
    const dE = days.slice(0, -1).reduce((a, b) => a + b, 0);
    const s = pairStats(
      kE,
      dE,
      kCur,
      dCur,
      mode,
      noData.some((x) => x),
    );
    out.pValueVsMean = s.pValue;
    if (mode === 'exact') {
      out.pExactVsMean = s.pExact!;
      out.rateRatioVsMean = s.rateRatio!;
    }
  }
  return out;
}

/** `*` below 0.05, `**` below 0.01, else ''. */
export function significanceMark(p: number): string {
  return p < 0.01 ? '**' : p < 0.05 ? '*' : '';
}

/** The small-count mark beside a row's name. */
export const SMALL_MARK = '\u2020';
