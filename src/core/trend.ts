/**
 * The trend builder: counts per group per calendar period, each with the
 * change against the previous period or the same period a year earlier.
 */
import { countWindows, type Tally } from './aggregate.js';
import { type GroupKey, groupRows, orderRows } from './rows.js';
import { type Day, civilFromDay, dayFromCivil, formatDay } from './civil.js';
import type { Coverage } from './coverage.js';
import { percentChange } from './stats/percent.js';
import { buildPeriods, comparisonWindow, type Every } from './periods.js';
import type { GroupDim, Window } from './types.js';
import { countedDays, type LeapDayPolicy, type WeekStart } from './windows.js';
import { pairZ } from './compare-monitor.js';
import { type BandCell, type BandOptions, trendBands } from './trend-band.js';

export type TrendVs = 'previous' | 'year';

export interface TrendOptions {
  every: Every;
  vs: TrendVs;
  weekStart: WeekStart;
  leapDay: LeapDayPolicy;
  groupBy: readonly GroupDim[];
  sort: 'count' | 'change' | 'pct' | 'name';
  top?: number;
  /** Whether the data covers every day from start to end (gaps between files); absent: no gaps. */
  covers?: (start: Day, end: Day) => boolean;
  /** --band: the expected count and the Poisson limits beside each complete period. */
  band?: BandOptions;
  /** --stats z: Wheeler's z of each period against its comparison period. */
  z?: boolean;
}

export interface PeriodOut {
  label: string;
  start: string;
  end: string;
  /** What the data covers of the period (set by the command once it knows the data's dates). */
  coverage?: Coverage;
  /** Days counted: the period's days inside the covered dates (less Feb 29 under --leap-day exclude). */
  days: number;
  complete: boolean;
  /** The period (or dates) each change is taken against. */
  vs: { label: string; start: string; end: string };
}

export interface TrendRow {
  key: GroupKey;
  counts: number[];
  /** Counts of the comparison period of each period (null when it is not fully covered by the data). */
  vsCounts: (number | null)[];
  /** counts − vsCounts per period; null unless the period and its comparison are both complete. */
  change: (number | null)[];
  pctChange: (number | null)[];
  /** --stats z: 2(√count − √comparison count scaled to the period's days); null where the change is. */
  z?: (number | null)[];
  /** --band: per period, the expected count and limits; null where the period or its baseline is not complete. */
  band?: (BandCell | null)[];
}

export interface Trend {
  periods: PeriodOut[];
  groupBy: GroupDim[];
  rows: TrendRow[];
  total: Omit<TrendRow, 'key'>;
  rowsCounted: number;
  rowsOutsideWindows: number;
  groupCount: number;
}

/**
 * `range` is what the user asked for (or the data's extent); `covered` is the
 * part the counts can speak for (inside the data and not after the as-of day).
 * Periods are clipped to `range` and to the as-of day when counting.
 */
export function buildTrend(
  tally: Tally,
  range: { start: Day; end: Day },
  covered: { start: Day; end: Day },
  opts: TrendOptions,
  /** The dates the data can speak for (first incident to the as-of day), for the comparison periods. */
  data: { start: Day; end: Day } = covered,
): Trend {
  const covers = opts.covers ?? (() => true);
  const periods = buildPeriods(opts.every, range.start, range.end, covered, opts.weekStart).map((p) => ({
    ...p,
    complete: p.complete && covers(p.start, p.end),
  }));
  const clipped: Window[] = periods.map((p) => ({
    label: p.label,
    start: Math.max(p.start, range.start),
    end: Math.min(p.end, range.end),
  }));
  const comps = periods.map((p) => comparisonWindow(p, opts.every, opts.vs, opts.weekStart));
  const compOk = periods.map(
    (p, i) => p.complete && comps[i]!.start >= data.start && comps[i]!.end <= data.end && covers(comps[i]!.start, comps[i]!.end),
  );
  const main = countWindows(tally, clipped, { leapDay: opts.leapDay });
  const vs = countWindows(tally, comps, { leapDay: opts.leapDay });
  const days = clipped.map((w) => countedDays(w, opts.leapDay));
  const compDays = comps.map((w) => countedDays(w, opts.leapDay));
  const bands = opts.band
    ? trendBands(tally, periods, opts.band, { every: opts.every, weekStart: opts.weekStart, leapDay: opts.leapDay, data, covers })
    : undefined;
  const row = (counts: number[], vsCounts: number[], g: number | 'total'): Omit<TrendRow, 'key'> => {
    const vc = vsCounts.map((c, i) => (compOk[i] ? c : null));
    const out: Omit<TrendRow, 'key'> = {
      counts,
      vsCounts: vc,
      change: counts.map((c, i) => (vc[i] === null || vc[i] === undefined ? null : c - vc[i])),
      pctChange: counts.map((c, i) => (vc[i] === null || vc[i] === undefined ? null : percentChange(vc[i], c))),
    };
    if (opts.z) out.z = counts.map((c, i) => (vc[i] === null || vc[i] === undefined ? null : pairZ(vc[i], compDays[i]!, c, days[i]!)));
    if (bands) out.band = bands(counts, g);
    return out;
  };
  const all: TrendRow[] = groupRows(tally, main.counts, opts.groupBy, (counts, g) => row(counts, vs.counts[g]!, g));
  const groupCount = all.length;
  const lastDone = lastComplete(periods.map((_, i) => compOk[i]!));
  // count: the total over the periods; change and pct: the last period whose change is known.
  const rows = orderRows(
    all,
    opts.sort,
    (r) => ({ count: r.counts.reduce((a, b) => a + b, 0), change: r.change[lastDone], pct: r.pctChange[lastDone] }),
    opts.top,
  );
  return {
    periods: periods.map((p, i) => ({
      label: p.label,
      start: formatDay(p.start),
      end: formatDay(p.end),
      days: days[i]!,
      complete: p.complete,
      vs: { label: comps[i]!.label, start: formatDay(comps[i]!.start), end: formatDay(comps[i]!.end) },
    })),
    groupBy: [...opts.groupBy],
    rows,
    total: row(main.total, vs.total, 'total'),
    rowsCounted: main.rowsCounted,
    rowsOutsideWindows: main.rowsOutsideWindows,
    groupCount,
  };
}

/** Index of the last period whose change is known, or -1. */
export function lastComplete(ok: readonly boolean[]): number {
  for (let i = ok.length - 1; i >= 0; i--) if (ok[i]) return i;
  return -1;
}

const BARS = '▁▂▃▄▅▆▇█';

/** Drawn for a period the data covers only in part: its count is not comparable, so it gets no bar. */
export const PARTIAL_CELL = '·';

/**
 * A sparkline of a series, scaled from its minimum (▁) to its maximum (█)
 * over the complete periods (from 0 when `fromZero`: gaps then show as ▁);
 * a flat series is all ▁. A period that is not
 * `complete` is drawn as {@link PARTIAL_CELL} (a partial month is not a collapse).
 */
export function sparkline(values: readonly number[], complete?: readonly boolean[], fromZero = false): string {
  const whole = values.filter((_, i) => complete?.[i] !== false);
  const min = fromZero ? 0 : Math.min(...whole);
  const max = Math.max(...whole);
  return values
    .map((v, i) =>
      complete?.[i] === false ? PARTIAL_CELL : max === min ? BARS[0] : BARS[Math.min(7, Math.floor(((v - min) / (max - min)) * 8))],
    )
    .join('');
}

/**
 * The first day of the first month holding at least 5% of the fullest month's
 * rows: where the data really starts. A handful of stray early dates (1922 in
 * a 2020 export) would otherwise stretch a default trend over a century.
 */
export function denseStart(allDays: ReadonlyMap<Day, number>): Day {
  const months = new Map<number, number>();
  for (const [day, n] of allDays) {
    const { y, m } = civilFromDay(day);
    const k = y * 12 + m - 1;
    months.set(k, (months.get(k) ?? 0) + n);
  }
  const keys = [...months.keys()].sort((a, b) => a - b);
  const most = Math.max(...months.values());
  const first = keys.find((k) => months.get(k)! * 20 >= most) ?? keys[0]!;
  const firstDay = Math.min(...allDays.keys());
  const start = dayFromCivil(Math.floor(first / 12), (first % 12) + 1, 1);
  return Math.max(start, firstDay);
}

/** Where a default trend starts, and the rows of stray early dates it leaves out. */
export function defaultTrendStart(tally: Tally): { start: Day; strayRows: number } {
  const start = denseStart(tally.allDays);
  let strayRows = 0;
  if (start > tally.minDay) for (const [day, n] of tally.allDays) if (day < start) strayRows += n;
  return { start, strayRows };
}
