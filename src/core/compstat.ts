/**
 * The CompStat sheet: week to date, the last 28 days and year to date, each
 * against the same dates a year earlier, and year to date against two years
 * earlier. Pure: the as-of day and the week start are arguments.
 */
import { countWindows, type Tally } from './aggregate.js';
import { type GroupKey, groupRows, orderRows } from './rows.js';
import { pairStats } from './compare-stats.js';
import { pairZ } from './compare-monitor.js';
import { type Day, civilFromDay, dayFromCivil, formatDay } from './civil.js';
import type { Coverage } from './coverage.js';
import { isSmallCount } from './stats/small-counts.js';
import { percentChange } from './stats/percent.js';
import type { GroupDim, Window } from './types.js';
import { countedDays, type LeapDayPolicy, shiftYears, type WeekStart, weekStartOf } from './windows.js';

export const BLOCKS = ['weekToDate', 'last28Days', 'yearToDate', 'yearToDateVs2YearsEarlier'] as const;
export type BlockName = (typeof BLOCKS)[number];

/** Each block in words. */
export const BLOCK_WORDS: Record<BlockName, string> = {
  weekToDate: 'week-to-date',
  last28Days: '28-day',
  yearToDate: 'year-to-date',
  yearToDateVs2YearsEarlier: 'year-to-date (two years earlier)',
};

export interface BlockWindows {
  name: BlockName;
  /** [earlier, current] */
  windows: [Window, Window];
}

/** The four window pairs for an as-of day. */
export function compstatWindows(asOf: Day, ws: WeekStart): BlockWindows[] {
  const y = civilFromDay(asOf).y;
  const mk = (start: Day): Window => ({ label: String(y), start, end: asOf });
  const ly = (w: Window, n: number): Window => {
    const s = shiftYears(w, n, undefined, false);
    return { ...s, label: String(civilFromDay(s.end).y) };
  };
  const wtd = mk(weekStartOf(asOf, ws));
  const d28 = mk(asOf - 27);
  const ytd = mk(dayFromCivil(y, 1, 1));
  return [
    { name: 'weekToDate', windows: [ly(wtd, 1), wtd] },
    { name: 'last28Days', windows: [ly(d28, 1), d28] },
    { name: 'yearToDate', windows: [ly(ytd, 1), ytd] },
    { name: 'yearToDateVs2YearsEarlier', windows: [ly(ytd, 2), ytd] },
  ];
}

export interface PairCounts {
  counts: [number, number];
  change: number;
  pctChange: number | null;
  /** With --stats: the E-test p of current vs a year earlier, window lengths as exposures. */
  pValue?: number;
  /** With --stats: both counts are under the small-count threshold. */
  smallCounts?: boolean;
  /** With --stats z: Wheeler's z, 2(√current − √earlier scaled to the current window's days). */
  z?: number | null;
}

export type BlockCounts = Record<BlockName, PairCounts>;

export interface CompstatRow {
  key: GroupKey;
  blocks: BlockCounts;
}

export interface CompstatWindowOut {
  label: string;
  start: string;
  end: string;
  days: number;
  /** What the data covers of the window (set by the command once it knows the data's dates). */
  coverage?: Coverage;
}

export interface Compstat {
  blocks: { name: BlockName; windows: [CompstatWindowOut, CompstatWindowOut] }[];
  groupBy: GroupDim[];
  rows: CompstatRow[];
  total: BlockCounts;
  rowsCounted: number;
  rowsOutsideWindows: number;
  groupCount: number;
}

export interface CompstatOptions {
  weekStart: WeekStart;
  leapDay: LeapDayPolicy;
  groupBy: readonly GroupDim[];
  sort: 'count' | 'change' | 'pct' | 'name';
  top?: number;
  /** Add the E-test p-value and the small-count flag to every pair. */
  stats?: boolean;
  /** Add Wheeler's z to every pair. */
  z?: boolean;
}

function pair(a: number, b: number, days: [number, number], opts: CompstatOptions): PairCounts {
  const out: PairCounts = { counts: [a, b], change: b - a, pctChange: percentChange(a, b) };
  if (opts.stats) {
    out.pValue = pairStats(a, days[0], b, days[1], 'etest').pValue;
    out.smallCounts = isSmallCount([a, b]);
  }
  if (opts.z) out.z = pairZ(a, days[0], b, days[1]);
  return out;
}

export function buildCompstat(tally: Tally, asOf: Day, opts: CompstatOptions): Compstat {
  const blocks = compstatWindows(asOf, opts.weekStart);
  // Distinct windows, in block order: each block's pair indexes into this list.
  const flat: Window[] = [];
  const idx = blocks.map((b) =>
    b.windows.map((w) => {
      let i = flat.findIndex((f) => f.start === w.start && f.end === w.end);
      if (i < 0) i = flat.push(w) - 1;
      return i;
    }),
  );
  const wc = countWindows(tally, flat, { leapDay: opts.leapDay });
  const days = blocks.map((b) => b.windows.map((w) => countedDays(w, opts.leapDay)) as [number, number]);
  const blockCounts = (counts: readonly number[]): BlockCounts => {
    const out = {} as BlockCounts;
    blocks.forEach((b, i) => (out[b.name] = pair(counts[idx[i]![0]!]!, counts[idx[i]![1]!]!, days[i]!, opts)));
    return out;
  };
  const all: CompstatRow[] = groupRows(tally, wc.counts, opts.groupBy, (counts) => ({ blocks: blockCounts(counts) }));
  const groupCount = all.length;
  // Rows are ordered by the year-to-date block, the sheet's main comparison.
  const rows = orderRows(
    all,
    opts.sort,
    ({ blocks: { yearToDate: y } }) => ({ count: y.counts[1], change: y.change, pct: y.pctChange }),
    opts.top,
  );
  const out = (w: Window): CompstatWindowOut => ({
    label: w.label,
    start: formatDay(w.start),
    end: formatDay(w.end),
    days: countedDays(w, opts.leapDay),
  });
  return {
    blocks: blocks.map((b) => ({ name: b.name, windows: [out(b.windows[0]), out(b.windows[1])] })),
    groupBy: [...opts.groupBy],
    rows,
    total: blockCounts(wc.total),
    rowsCounted: wc.rowsCounted,
    rowsOutsideWindows: wc.rowsOutsideWindows,
    groupCount,
  };
}
