/**
 * Window counts to a comparison: rows with change and % change, sorted and
 * cut to the top N, plus a total over everything counted.
 */
import { countWindows, type Tally } from './aggregate.js';
import { type RowStats, rowStats, type StatsMode } from './compare-stats.js';
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

export interface ComparisonRow extends Partial<RowStats> {
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
  /** Windows the data does not cover at all (no day inside its dates): no p-value involves them. */
  noData?: readonly boolean[];
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
  if (opts.stats) Object.assign(out, rowStats(counts, days, opts.stats, opts.baseline === 'mean', opts.noData));
  return out;
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
  const rows = orderRows(all, opts.sort, compareMeasure, opts.top);
  return {
    windows: windows.map((w, i) => ({ label: w.label, start: formatDay(w.start), end: formatDay(w.end), days: days[i]! })),
    groupBy: [...opts.groupBy],
    rows,
    total: measures(wc.total, days, opts),
    rowsCounted: wc.rowsCounted,
    rowsOutsideWindows: wc.rowsOutsideWindows,
    groupCount,
  };
}
