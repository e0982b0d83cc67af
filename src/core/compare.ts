/**
 * Window counts to a comparison: rows with change and % change, sorted and
 * cut to the top N, plus a total over everything counted.
 */
import { countWindows, KEY_SEP, type Tally } from './aggregate.js';
import { type RowStats, rowStats, type StatsMode } from './compare-stats.js';
import { formatDay } from './civil.js';
import { percentChange } from './stats/percent.js';
import type { GroupDim, Window } from './types.js';
import { countedDays, type LeapDayPolicy } from './windows.js';

export type SortKey = 'count' | 'change' | 'pct' | 'name';

export interface WindowOut {
  label: string;
  start: string;
  end: string;
  days: number;
}

export interface ComparisonRow extends Partial<RowStats> {
  key: Partial<Record<GroupDim, string>>;
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
  if (opts.stats) Object.assign(out, rowStats(counts, days, opts.stats, opts.baseline === 'mean'));
  return out;
}

function firstOf<T>(v: T | T[]): T {
  return Array.isArray(v) ? v[0]! : v;
}

function rowName(r: ComparisonRow): string {
  return Object.values(r.key).join(KEY_SEP);
}

const byName = (a: ComparisonRow, b: ComparisonRow) => {
  const x = rowName(a);
  const y = rowName(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Orders rows: `count` by the current window's count, largest first;
 * `change` by the size of the change against the baseline (first) window;
 * `pct` by the size of the % change (n/a last); `name` alphabetically.
 * Ties fall back to the name, so the order is deterministic.
 */
export function sortRows(rows: ComparisonRow[], key: SortKey): ComparisonRow[] {
  const last = (r: ComparisonRow) => r.counts[r.counts.length - 1]!;
  const cmp: Record<SortKey, (a: ComparisonRow, b: ComparisonRow) => number> = {
    count: (a, b) => last(b) - last(a),
    change: (a, b) => Math.abs(firstOf(b.change)) - Math.abs(firstOf(a.change)),
    pct: (a, b) => {
      const pa = firstOf(a.pctChange);
      const pb = firstOf(b.pctChange);
      if (pa === null || pb === null) return pa === null ? (pb === null ? 0 : 1) : -1;
      return Math.abs(pb) - Math.abs(pa);
    },
    name: () => 0,
  };
  return rows.sort((a, b) => cmp[key](a, b) || byName(a, b));
}

/** Builds the comparison of every group across the windows (first = baseline, last = current). */
export function compareWindows(tally: Tally, windows: readonly Window[], opts: CompareOptions): Comparison {
  const wc = countWindows(tally, windows, { leapDay: opts.leapDay ?? 'include' });
  const days = windows.map((w) => countedDays(w, opts.leapDay ?? 'include'));
  let rows: ComparisonRow[] = [];
  tally.groups.forEach((key, g) => {
    const counts = wc.counts[g]!;
    if (counts.every((c) => c === 0)) return;
    const parts = key.split(KEY_SEP);
    const k: ComparisonRow['key'] = {};
    opts.groupBy.forEach((dim, i) => (k[dim] = parts[i]!));
    rows.push({ key: k, ...measures(counts, days, opts) });
  });
  const groupCount = rows.length;
  rows = sortRows(rows, opts.sort);
  if (opts.top !== undefined) rows = rows.slice(0, opts.top);
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
