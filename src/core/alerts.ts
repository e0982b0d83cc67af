/**
 * `alerts`: for each group, is the latest complete period (week, 28 days or
 * month) outside the exact Poisson limits expected from its baseline? Only
 * complete periods are judged: the period holding the as-of day, when the
 * data does not cover it to its end, is named and skipped. Pure.
 */
import { countWindows, type Tally } from './aggregate.js';
import {
  type BaselineSpec,
  baselineWindows,
  type Judged,
  judge,
  median,
  type PeriodOut,
  periodOut,
  previousPeriod,
  sparseBaseline,
} from './baseline.js';
import type { Day } from './civil.js';
import { periodLabel, periodOf } from './periods.js';
import { type GroupKey, groupRows } from './rows.js';
import type { GroupDim, Window } from './types.js';
import { rangeLabel, type WeekStart } from './windows.js';

export const ALERT_EVERY = ['week', '28d', 'month'] as const;
export type AlertEvery = (typeof ALERT_EVERY)[number];

export interface AlertOptions extends BaselineSpec {
  every: AlertEvery;
  weekStart: WeekStart;
  /** Confidence level of the limits, in (0, 1). */
  level: number;
  /** Groups whose expected count is below this are not judged. */
  minCount: number;
  groupBy: readonly GroupDim[];
  /** Whether the data covers every day from start to end (no gap between files); absent: no gaps. */
  covers?: (start: Day, end: Day) => boolean;
}

export interface AlertRow extends Judged {
  key: GroupKey;
  direction: 'up' | 'down';
  /** The baseline counts, in the order of `baseline.periods`. */
  baselineCounts: number[];
}

export interface Alerts {
  every: AlertEvery;
  /** The period judged. */
  period: PeriodOut;
  /** The period holding the as-of day when the data does not cover it to its end: named, not judged. */
  incomplete: PeriodOut | null;
  baseline: BaselineSpec & {
    periods: PeriodOut[];
    /** Baseline periods left out because the data does not cover them. */
    uncovered: PeriodOut[];
    /** Baseline periods left out because they hold far fewer rows (all groups) than the others (stray dates, a partial export). */
    sparse: PeriodOut[];
  };
  level: number;
  minCount: number;
  groupBy: GroupDim[];
  /** The groups outside their limits, the most surprising first. */
  alerts: AlertRow[];
  /** Groups judged (expected count at least minCount), within their limits, and not judged. */
  groupsJudged: number;
  groupsWithin: number;
  groupsBelowMinCount: number;
  /** The median variance-to-mean ratio of the judged groups' baselines (null when none has one). */
  medianVarianceToMean: number | null;
  rowsCounted: number;
  rowsOutsideWindows: number;
}

/** The period of `every` that holds `day`: a calendar week or month, or the 28 days of the block (counted back from `anchor`) holding it. */
function periodHolding(day: Day, every: AlertEvery, ws: WeekStart, anchor: Day): Window {
  if (every === '28d') {
    const end = anchor - 28 * Math.floor((anchor - day) / 28);
    return { label: rangeLabel(end - 27, end), start: end - 27, end };
  }
  const p = periodOf(day, every, ws);
  return { label: periodLabel(p.start, every), start: p.start, end: p.end };
}

/**
 * The period to judge: the one holding the as-of day when the data covers it
 * to its end, else the latest one that ends by `through` (the last day the
 * data covers, not after the as-of day); and the skipped one, if any.
 */
export function periodToJudge(asOf: Day, through: Day, every: AlertEvery, ws: WeekStart): { period: Window; incomplete: Window | null } {
  const holding = periodHolding(asOf, every, ws, asOf);
  if (holding.end <= through) return { period: holding, incomplete: null };
  let p = previousPeriod(holding, every, ws);
  while (p.end > through) p = previousPeriod(p, every, ws);
  return { period: p, incomplete: holding };
}

/** The alerts for the period ending by `through`, judged against its baseline; `dataStart` is the first day the data covers. */
export function buildAlerts(tally: Tally, asOf: Day, through: Day, dataStart: Day, opts: AlertOptions): Alerts {
  const { period, incomplete } = periodToJudge(asOf, through, opts.every, opts.weekStart);
  const covers = opts.covers ?? (() => true);
  const all = baselineWindows(period, opts.every, opts, opts.weekStart);
  const covered = all.filter((w) => w.start >= dataStart && w.end <= through && covers(w.start, w.end));
  const uncovered = all.filter((w) => !covered.includes(w));
  let wc = countWindows(tally, [period, ...covered]);
  const sparse = sparseBaseline(
    wc.total.slice(1),
    covered.map((w) => w.end - w.start + 1),
  );
  const baseline = covered.filter((_, i) => !sparse[i]);
  if (baseline.length < covered.length) wc = countWindows(tally, [period, ...baseline]);
  const periodDays = period.end - period.start + 1;
  const days = baseline.map((w) => w.end - w.start + 1);
  let below = 0;
  let judged = 0;
  const vmrs: number[] = [];
  const rows = groupRows(tally, wc.counts, opts.groupBy, (counts) => {
    const j = judge(counts[0]!, counts.slice(1), days, periodDays, opts.level);
    return { ...j, direction: j.observed >= j.expected ? ('up' as const) : ('down' as const), baselineCounts: counts.slice(1) };
  }).filter((r) => {
    if (baseline.length === 0 || r.expected < opts.minCount) {
      below++;
      return false;
    }
    judged++;
    if (r.varianceToMean !== null) vmrs.push(r.varianceToMean);
    return true;
  });
  const name = (r: AlertRow) => Object.values(r.key).map((v) => v ?? '\uffff');
  const alerts = rows
    .filter((r) => r.outside !== 0)
    .sort((a, b) => a.pValue - b.pValue || Math.abs(b.z) - Math.abs(a.z) || (name(a).join() < name(b).join() ? -1 : 1));
  return {
    every: opts.every,
    period: periodOut(period),
    incomplete: incomplete ? periodOut(incomplete) : null,
    baseline: {
      previous: opts.previous,
      seasonal: opts.seasonal,
      periods: baseline.map(periodOut),
      uncovered: uncovered.map(periodOut),
      sparse: covered.filter((_, i) => sparse[i]).map(periodOut),
    },
    level: opts.level,
    minCount: opts.minCount,
    groupBy: [...opts.groupBy],
    alerts,
    groupsJudged: judged,
    groupsWithin: judged - alerts.length,
    groupsBelowMinCount: below,
    medianVarianceToMean: median(vmrs),
    rowsCounted: wc.rowsCounted,
    rowsOutsideWindows: wc.rowsOutsideWindows,
  };
}
