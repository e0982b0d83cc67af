/**
 * Window counts to a comparison: rows with change and % change, sorted and
 * cut to the top N, plus a total over everything counted.
 */
import { countWindows, type Tally } from './aggregate.js';
import { type RowStats, rowStats, type StatsMode } from './compare-stats.js';
import { adjustFamily, type DispersionBase, dispersionBase, dispersionOf, type DispersionOut, type RowZ, rowZ } from './compare-monitor.js';
import type { AdjustMethod } from './stats/adjust.js';
import { formatDay } from './civil.js';
import type { Coverage } from './coverage.js';
import { percentChange } from './stats/percent.js';
import { type GroupKey, groupRows, orderRows, type SortMeasure } from './rows.js';
import type { GroupDim, SortKey, Window } from './types.js';
import { countedDays, type LeapDayPolicy } from './windows.js';

export interface WindowOut {
  label: string;
  start: string;
  end: string;
  days: number;
  /** What the data covers of the window (set by the command once it knows the data's dates). */
  coverage?: Coverage;
}

/** p-values adjusted across the rows (--adjust), shaped like the p-values they adjust. */
export interface AdjustedStats {
  pAdjusted?: number | number[];
  pExactAdjusted?: number | number[];
  pAdjustedVsMean?: number;
  pExactAdjustedVsMean?: number;
}

export interface ComparisonRow extends Partial<RowStats>, Partial<RowZ>, AdjustedStats {
  key: GroupKey;
  counts: number[];
  /** current − earlier: a number with two windows, one per earlier window with more. */
  change: number | number[];
  pctChange: number | null | (number | null)[];
  /** --per-day: count ÷ days per window; change and pctChange are then on these rates. */
  rates?: number[];
  /** --baseline mean: the mean of the earlier windows (counts, or rates with --per-day). */
  baselineMean?: number;
  changeVsMean?: number;
  pctChangeVsMean?: number | null;
  /** --dispersion: the group against the overall change (rows only, not the total). */
  dispersion?: DispersionOut;
}

export interface CompareOptions {
  groupBy: readonly GroupDim[];
  sort: SortKey;
  top?: number;
  leapDay?: LeapDayPolicy;
  perDay?: boolean;
  baseline?: 'each' | 'mean';
  /** --stats: add p-values (and, with 'exact', the exact test and rate ratio) to every row and the total. */
  stats?: StatsMode;
  /** --stats z: Wheeler's Poisson z of every row and the total. */
  z?: boolean;
  /** --adjust: adjust every column of p-values across the rows (all groups, before --top). */
  adjust?: AdjustMethod;
  /** --dispersion: each group against the overall ratio of all groups' counts. */
  dispersion?: boolean;
}

export interface Comparison {
  windows: WindowOut[];
  groupBy: GroupDim[];
  rows: ComparisonRow[];
  total: Omit<ComparisonRow, 'key'>;
  rowsCounted: number;
  rowsOutsideWindows: number;
  /** Groups before --top cut the list. */
  groupCount: number;
  /** --dispersion: the overall change the groups are held against. */
  dispersion?: DispersionBase;
  /** --adjust (not none): the method and the number of tests in each family (the rows with a p-value). */
  adjusted?: { method: AdjustMethod; tests: number };
}

/** Change and % change of the current (last) count against each earlier one. */
export function changes(counts: readonly number[]): Pick<ComparisonRow, 'change' | 'pctChange'> {
  const cur = counts[counts.length - 1]!;
  const earlier = counts.slice(0, -1);
  const change = earlier.map((c) => cur - c);
  const pct = earlier.map((c) => percentChange(c, cur));
  return earlier.length === 1 ? { change: change[0]!, pctChange: pct[0]! } : { change, pctChange: pct };
}

/**
 * Change columns for one row: on counts, or on daily rates with `perDay`; with
 * `baseline: 'mean'` also the current value against the mean of the earlier ones.
 */
function measures(counts: number[], days: readonly number[], opts: CompareOptions): Omit<ComparisonRow, 'key'> {
  const values = opts.perDay ? counts.map((c, i) => (days[i]! > 0 ? c / days[i]! : 0)) : counts;
  const out: Omit<ComparisonRow, 'key'> = { counts, ...changes(values) };
  if (opts.perDay) out.rates = values;
  if (opts.baseline === 'mean') {
    const earlier = values.slice(0, -1);
    const mean = earlier.reduce((a, b) => a + b, 0) / earlier.length;
    const cur = values[values.length - 1]!;
    out.baselineMean = mean;
    out.changeVsMean = cur - mean;
    out.pctChangeVsMean = percentChange(mean, cur);
  }
  if (opts.stats) Object.assign(out, rowStats(counts, days, opts.stats, opts.baseline === 'mean'));
  if (opts.z) Object.assign(out, rowZ(counts, days, opts.baseline === 'mean'));
  return out;
}

const at = (v: number | number[] | undefined, i: number): number | undefined => (Array.isArray(v) ? v[i] : i === 0 ? v : undefined);

/**
 * --adjust: every column of p-values is one family, adjusted across the rows
 * (the total is not a test). Returns the size of the families (the rows).
 */
function adjustRows(rows: ComparisonRow[], method: AdjustMethod, earlier: number): number {
  let tests = 0;
  const family = (get: (r: ComparisonRow) => number | null | undefined, set: (r: ComparisonRow, p: number) => void) => {
    tests = Math.max(tests, adjustFamily(rows, method, get, set));
  };
  const shaped = (r: ComparisonRow, key: 'pAdjusted' | 'pExactAdjusted', i: number, p: number) => {
    if (earlier === 1) r[key] = p;
    else ((r[key] ??= new Array<number>(earlier)) as number[])[i] = p;
  };
  for (let i = 0; i < earlier; i++) {
    family(
      (r) => at(r.pValue, i),
      (r, p) => shaped(r, 'pAdjusted', i, p),
    );
    family(
      (r) => at(r.pExact, i),
      (r, p) => shaped(r, 'pExactAdjusted', i, p),
    );
  }
  family(
    (r) => r.pValueVsMean,
    (r, p) => (r.pAdjustedVsMean = p),
  );
  family(
    (r) => r.pExactVsMean,
    (r, p) => (r.pExactAdjustedVsMean = p),
  );
  family(
    (r) => r.dispersion?.pValue,
    (r, p) => (r.dispersion!.pAdjusted = p),
  );
  return tests;
}

function firstOf<T>(v: T | T[]): T {
  return Array.isArray(v) ? v[0]! : v;
}

/** count: the current window; change and pct: against the baseline (first) window. */
const compareMeasure = (r: ComparisonRow): SortMeasure => ({
  count: r.counts[r.counts.length - 1]!,
  change: firstOf(r.change),
  pct: firstOf(r.pctChange),
});

/** Builds the comparison of every group across the windows (first = baseline, last = current). */
export function compareWindows(tally: Tally, windows: readonly Window[], opts: CompareOptions): Comparison {
  const wc = countWindows(tally, windows, { leapDay: opts.leapDay ?? 'include' });
  const days = windows.map((w) => countedDays(w, opts.leapDay ?? 'include'));
  const all: ComparisonRow[] = groupRows(tally, wc.counts, opts.groupBy, (counts) => measures(counts, days, opts));
  const groupCount = all.length;
  let dispersion: DispersionBase | undefined;
  if (opts.dispersion) {
    dispersion = dispersionBase(all, days);
    const ratio = dispersion.ratio ?? 0;
    for (const r of all) {
      const earlier = r.counts.slice(0, -1).reduce((a, b) => a + b, 0);
      r.dispersion = dispersionOf(earlier, r.counts[r.counts.length - 1]!, ratio, days[days.length - 1]!, opts.perDay === true);
    }
  }
  const tests = opts.adjust && opts.adjust !== 'none' ? adjustRows(all, opts.adjust, windows.length - 1) : undefined;
  const rows = orderRows(all, opts.sort, compareMeasure, opts.top);
  return {
    windows: windows.map((w, i) => ({ label: w.label, start: formatDay(w.start), end: formatDay(w.end), days: days[i]! })),
    groupBy: [...opts.groupBy],
    rows,
    total: measures(wc.total, days, opts),
    rowsCounted: wc.rowsCounted,
    rowsOutsideWindows: wc.rowsOutsideWindows,
    groupCount,
    ...(dispersion ? { dispersion } : {}),
    ...(tests !== undefined ? { adjusted: { method: opts.adjust!, tests } } : {}),
  };
}
