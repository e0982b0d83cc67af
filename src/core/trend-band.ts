/**
 * `trend --band`: beside each complete period, the count expected from its
 * baseline (the periods before it and/or the same dates in earlier years)
 * and the exact Poisson limits around it. Pure.
 */
import { countWindows, type Tally } from './aggregate.js';
import { type BaselineSpec, baselineWindows, judge, sparseBaseline } from './baseline.js';
import type { Day } from './civil.js';
import type { Period } from './periods.js';
import type { Every } from './periods.js';
import type { Window } from './types.js';
import { countedDays, type LeapDayPolicy, type WeekStart } from './windows.js';

/** A period's band: the expected count, the limits, and whether the count is above or below them. */
export interface BandCell {
  expected: number;
  lower: number;
  upper: number;
  outside: 'above' | 'below' | null;
}

export interface BandOptions extends BaselineSpec {
  level: number;
}

export interface BandContext {
  every: Every;
  weekStart: WeekStart;
  leapDay: LeapDayPolicy;
  /** The dates the data can speak for: a baseline period must lie inside them. */
  data: { start: Day; end: Day };
  covers: (start: Day, end: Day) => boolean;
}

/** The bands of every row: call with a group's counts per period and its index (or 'total'). */
export type Bands = (counts: readonly number[], group: number | 'total') => (BandCell | null)[];

/**
 * Builds the bands of the periods: each complete period with at least one
 * baseline period covered by the data gets one; the others get null.
 */
export function trendBands(tally: Tally, periods: readonly Period[], opts: BandOptions, ctx: BandContext): Bands {
  const flat: Window[] = [];
  const index = (w: Window) => {
    let i = flat.findIndex((f) => f.start === w.start && f.end === w.end);
    if (i < 0) i = flat.push(w) - 1;
    return i;
  };
  const perPeriod = periods.map((p) => {
    if (!p.complete) return null;
    const ws = baselineWindows(p, ctx.every, opts, ctx.weekStart).filter(
      (w) => w.start >= ctx.data.start && w.end <= ctx.data.end && ctx.covers(w.start, w.end),
    );
    return ws.length ? ws.map(index) : null;
  });
  const wc = countWindows(tally, flat, { leapDay: ctx.leapDay });
  const days = flat.map((w) => countedDays(w, ctx.leapDay));
  // A baseline period far emptier than the others of its period (all groups) is left out of it.
  for (let i = 0; i < perPeriod.length; i++) {
    const idx = perPeriod[i];
    if (!idx) continue;
    const sparse = sparseBaseline(
      idx.map((k) => wc.total[k]!),
      idx.map((k) => days[k]!),
    );
    const kept = idx.filter((_, j) => !sparse[j]);
    perPeriod[i] = kept.length ? kept : null;
  }
  const periodDays = periods.map((p) => countedDays(p, ctx.leapDay));
  return (counts, group) => {
    const base = group === 'total' ? wc.total : wc.counts[group]!;
    return periods.map((_, i) => {
      const idx = perPeriod[i];
      if (!idx) return null;
      const j = judge(
        counts[i]!,
        idx.map((k) => base[k]!),
        idx.map((k) => days[k]!),
        periodDays[i]!,
        opts.level,
      );
      return { expected: j.expected, lower: j.lower, upper: j.upper, outside: j.outside > 0 ? 'above' : j.outside < 0 ? 'below' : null };
    });
  };
}
