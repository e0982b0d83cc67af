/**
 * Window counts to a comparison: rows with change and % change, sorted and
 * cut to the top N, plus a total over everything counted.
 */
import type { Tally } from './aggregate.js';
import { type RowStats, rowStats, type StatsMode } from './compare-stats.js';
import { civilFromDay, formatDay } from './civil.js';
import { countedRows } from './counted.js';
import type { Coverage } from './coverage.js';
import { percentChange } from './stats/percent.js';
import { type CountedRow, orderTiers, type Tier } from './rollup.js';
import { type HarmOut, harmOut, type PerCapitaOut, perCapitaOut, rateArea, areasOf, type RowMeasureSpec } from './row-measures.js';
import { type GroupKey, orderRows, type SortMeasure } from './rows.js';
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

export interface ComparisonRow extends Partial<RowStats>, Partial<Tier> {
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
  /** --population: rates per head, with their change. */
  perCapita?: PerCapitaOut;
  /** --weights: harm sums, with their change. */
  harm?: HarmOut;
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
  /** --rollup: class rows above their offenses. */
  rollup?: boolean;
  /** --population (and the areas without one). */
  measure?: RowMeasureSpec;
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
  /** --weights: rows per window of the groups whose offense has no weight. */
  unweighted?: Map<string, number[]>;
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
  const leapDay = opts.leapDay ?? 'include';
  const c = countedRows(tally, windows, opts.groupBy, { leapDay, ...(opts.rollup ? { rollup: true } : {}) });
  const days = windows.map((w) => countedDays(w, leapDay));
  const years = windows.map((w) => civilFromDay(w.end).y);
  const byArea = opts.groupBy.includes('area');
  const rates = opts.measure?.rates;
  const areas = byArea ? areasOf(c.members) : undefined;
  const build = (r: CountedRow): Omit<ComparisonRow, 'key'> => {
    const out = measures(r.counts, days, opts);
    if (rates) out.perCapita = perCapitaOut(r.counts, years, rateArea(r.key, byArea, areas), rates, opts.measure?.missing);
    if (r.harm) out.harm = harmOut(r.harm);
    return out;
  };
  const row = (r: CountedRow & Partial<Tier>): ComparisonRow => ({
    key: r.key,
    ...(r.level ? { level: r.level, parent: r.parent ?? null } : {}),
    ...build(r),
  });
  const members = c.members.map(row);
  const rows = opts.rollup
    ? orderTiers(c.classes.map(row), members, opts.sort, compareMeasure, opts.top)
    : orderRows(members, opts.sort, compareMeasure, opts.top);
  return {
    windows: windows.map((w, i) => ({ label: w.label, start: formatDay(w.start), end: formatDay(w.end), days: days[i]! })),
    groupBy: [...opts.groupBy],
    rows,
    total: build({ ...c.total, key: {} }),
    rowsCounted: c.rowsCounted,
    rowsOutsideWindows: c.rowsOutsideWindows,
    groupCount: members.length,
    ...(c.unweighted ? { unweighted: c.unweighted } : {}),
  };
}
