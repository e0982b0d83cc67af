/**
 * The alerts core: which period is judged, which periods make its baseline,
 * and a count against the expectation from them. Limits and p-values are the
 * independent literals of scripts/monitor-references.py.
 */
import { describe, expect, test } from '@jest/globals';
import { Tally } from '../../../src/core/aggregate.js';
import { buildAlerts, periodToJudge } from '../../../src/core/alerts.js';
import { baselineWindows, expectedCount, judge, sparseBaseline } from '../../../src/core/baseline.js';
import { dayFromCivil, formatDay } from '../../../src/core/civil.js';

const D = (y: number, m: number, d: number) => dayFromCivil(y, m, d);
const iso = (w: { start: number; end: number }) => `${formatDay(w.start)}..${formatDay(w.end)}`;

describe('the period judged', () => {
  test('a month the data covers to its end is judged', () => {
    const r = periodToJudge(D(2023, 9, 30), D(2023, 9, 30), 'month', 'mon');
    expect(iso(r.period)).toBe('2023-09-01..2023-09-30');
    expect(r.incomplete).toBeNull();
  });

  test('the month holding the as-of day, not covered to its end, is named and skipped', () => {
    const r = periodToJudge(D(2023, 10, 1), D(2023, 10, 1), 'month', 'mon');
    expect(r.period.label).toBe('2023-09');
    expect(r.incomplete!.label).toBe('2023-10');
  });

  test('weeks: the week holding the as-of day when it ends on it (Sunday), else the one before', () => {
    expect(periodToJudge(D(2023, 10, 1), D(2023, 10, 1), 'week', 'mon').period.label).toBe('2023-W39');
    const r = periodToJudge(D(2023, 10, 4), D(2023, 10, 4), 'week', 'mon');
    expect(r.period.label).toBe('2023-W39');
    expect(iso(r.incomplete!)).toBe('2023-10-02..2023-10-08');
    // Sunday weeks: Oct 1, 2023 starts one.
    expect(iso(periodToJudge(D(2023, 9, 30), D(2023, 9, 30), 'week', 'sun').period)).toBe('2023-09-24..2023-09-30');
  });

  test('28 days end on the as-of day; when the data stops before it, the block before is judged', () => {
    expect(iso(periodToJudge(D(2023, 10, 1), D(2023, 10, 1), '28d', 'mon').period)).toBe('2023-09-04..2023-10-01');
    const r = periodToJudge(D(2023, 10, 1), D(2023, 9, 20), '28d', 'mon');
    expect(iso(r.period)).toBe('2023-08-07..2023-09-03');
    expect(iso(r.incomplete!)).toBe('2023-09-04..2023-10-01');
  });
});

describe('baseline periods', () => {
  const sep = { label: '2023-09', start: D(2023, 9, 1), end: D(2023, 9, 30) };

  test('the previous months, then the same month in earlier years', () => {
    const ws = baselineWindows(sep, 'month', { previous: 2, seasonal: 2 });
    expect(ws.map((w) => [w.label, w.source])).toEqual([
      ['2023-08', 'previous'],
      ['2023-07', 'previous'],
      ['2022-09', 'seasonal'],
      ['2021-09', 'seasonal'],
    ]);
  });

  test('a period that is both a previous one and a seasonal one is listed once', () => {
    const ws = baselineWindows(sep, 'month', { previous: 12, seasonal: 1 });
    expect(ws).toHaveLength(12);
    expect(ws[11]!.label).toBe('2022-09');
  });

  test('weeks a year earlier are the same dates; 28 days step back by 28', () => {
    const w39 = { label: '2023-W39', start: D(2023, 9, 25), end: D(2023, 10, 1) };
    expect(baselineWindows(w39, 'week', { previous: 1, seasonal: 1 }).map(iso)).toEqual([
      '2023-09-18..2023-09-24',
      '2022-09-25..2022-10-01',
    ]);
    const d28 = { label: 'x', start: D(2023, 9, 4), end: D(2023, 10, 1) };
    expect(baselineWindows(d28, '28d', { previous: 2, seasonal: 0 }).map(iso)).toEqual([
      '2023-08-07..2023-09-03',
      '2023-07-10..2023-08-06',
    ]);
  });
});

describe('a count against its baseline', () => {
  test('the expectation is the pooled daily rate × the days of the period', () => {
    // 62 in July (31 days) and 60 in June (30 days): 2 a day; September has 30 days.
    expect(expectedCount([62, 60], [31, 30], 30)).toBe(60);
    expect(expectedCount([], [], 30)).toBe(0);
  });

  test('limits, z and p (literals: 122 against 60 at 99%, and 3 against 12.5)', () => {
    const j = judge(122, [60, 60, 60, 60, 60, 60, 60, 60], [28, 28, 28, 28, 28, 28, 28, 28], 28, 0.99);
    expect(j).toMatchObject({ expected: 60, lower: 41, upper: 81, outside: 1, varianceToMean: 0 });
    expect(Math.abs(j.pValue - 2.9566838667532235e-12)).toBeLessThan(1e-21);
    const low = judge(3, [25, 25], [14, 14], 7, 0.99);
    expect(low.expected).toBe(12.5);
    expect(low).toMatchObject({ lower: 4, upper: 22, outside: -1 });
    expect(Math.abs(low.pValue - 0.0031091156860221345)).toBeLessThan(1e-12);
    expect(judge(12, [10, 14], [7, 7], 7, 0.99).outside).toBe(0);
  });
});

describe('buildAlerts on a small tally', () => {
  // Two groups, one a day from Jan 2 2023 (a Monday) for 10 weeks; B has 5 a day in the last week.
  const t = new Tally(false);
  const a = t.group('A');
  const b = t.group('B');
  const first = D(2023, 1, 2);
  for (let d = 0; d < 70; d++) {
    t.add(a, first + d);
    for (let k = 0; k < (d >= 63 ? 5 : 1); k++) t.add(b, first + d);
  }
  const last = first + 69;
  const opts = {
    every: 'week' as const,
    weekStart: 'mon' as const,
    level: 0.99,
    minCount: 5,
    groupBy: ['offense' as const],
    previous: 8,
    seasonal: 0,
  };

  test('B is out, A within; the counts of the footer', () => {
    const r = buildAlerts(t, last, last, first, opts);
    expect(r.period.label).toBe('2023-W10');
    expect(r.alerts.map((x) => [x.key.offense, x.observed, x.expected, x.direction])).toEqual([['B', 35, 7, 'up']]);
    expect(r).toMatchObject({ groupsJudged: 2, groupsWithin: 1, groupsBelowMinCount: 0, medianVarianceToMean: 0 });
  });

  test('--min-count above the expectations: nothing is judged', () => {
    const r = buildAlerts(t, last, last, first, { ...opts, minCount: 8 });
    expect(r).toMatchObject({ groupsJudged: 0, groupsBelowMinCount: 2, alerts: [] });
  });

  test('baseline periods before the data are left out and named', () => {
    const r = buildAlerts(t, last, last, first, { ...opts, previous: 12 });
    expect(r.baseline.periods).toHaveLength(9);
    expect(r.baseline.uncovered.map((p) => p.label)).toEqual(['2022-W52', '2022-W51', '2022-W50']);
  });
});

describe('sparse baseline periods (stray early dates) are left out', () => {
  test('a period under a quarter of the others mean daily volume, where that is 20 rows or more', () => {
    // Others at 30 a week: 7 is under 7.5 (a quarter) and left out, 8 is kept.
    expect(sparseBaseline([30, 30, 7, 30], [7, 7, 7, 7])).toEqual([false, false, true, false]);
    expect(sparseBaseline([30, 30, 8, 30], [7, 7, 7, 7])).toEqual([false, false, false, false]);
    // The others' mean of daily rates, not of counts: 60 in 14 days and 30 in 7 are both 30 a week.
    expect(sparseBaseline([60, 30, 0], [14, 7, 7])).toEqual([false, false, true]);
    // Under 20 expected rows nothing is sparse (small data varies too much to tell).
    expect(sparseBaseline([19, 19, 0], [7, 7, 7])).toEqual([false, false, false]);
    expect(sparseBaseline([0], [7])).toEqual([false]);
    expect(sparseBaseline([], [])).toEqual([]);
  });

  test('the same dates in earlier years that hold only stray rows do not pull the expectation down', () => {
    // A: 10 a day through 2022 and the first week of 2023; 2019 holds one stray row (Jan 1), 2020 and 2021 none.
    const t = new Tally(false);
    const g = t.group('A');
    t.add(g, D(2019, 1, 1));
    for (let d = D(2022, 1, 1); d <= D(2023, 1, 8); d++) for (let k = 0; k < 10; k++) t.add(g, d);
    const opts = {
      every: 'week' as const,
      weekStart: 'mon' as const,
      level: 0.99,
      minCount: 5,
      groupBy: ['offense' as const],
      previous: 0,
      seasonal: 4,
    };
    const r = buildAlerts(t, D(2023, 1, 8), D(2023, 1, 8), D(2019, 1, 1), opts);
    expect(r.period.label).toBe('2023-W01');
    const spans = (ps: { start: string; end: string }[]) => ps.map((p) => `${p.start}..${p.end}`);
    expect(spans(r.baseline.periods)).toEqual(['2022-01-02..2022-01-08']);
    expect(spans(r.baseline.sparse)).toEqual(['2021-01-02..2021-01-08', '2020-01-02..2020-01-08', '2019-01-02..2019-01-08']);
    expect(r.baseline.uncovered).toEqual([]);
    expect(r.alerts).toEqual([]);
    expect(r).toMatchObject({ groupsJudged: 1, groupsWithin: 1, rowsCounted: 140 });
  });
});
