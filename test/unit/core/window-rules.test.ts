import { describe, expect, test } from '@jest/globals';
import { countWindows, Tally } from '../../../src/core/aggregate.js';
import { formatDay, parseIsoDay } from '../../../src/core/civil.js';
import { compareWindows } from '../../../src/core/compare.js';
import { compstatWindows } from '../../../src/core/compstat.js';
import { buildPeriods, comparisonWindow, periodLabel, periodOf, weekNumber } from '../../../src/core/periods.js';
import { buildTrend, sparkline } from '../../../src/core/trend.js';
import type { Window } from '../../../src/core/types.js';
import { parseLast, parseSpan } from '../../../src/cli/parse.js';
import { buildWindows, countedDays, lastWindows, leapDaysIn, monthCut, type VsMode, weekStartOf } from '../../../src/core/windows.js';

const D = (s: string) => {
  const d = parseIsoDay(s);
  if (d === undefined) throw new Error(`bad date ${s}`);
  return d;
};
const show = (ws: readonly Window[]) => ws.map((w) => `${formatDay(w.start)}..${formatDay(w.end)}`);
const last = (text: string, vs: VsMode, asOf: string) => show(lastWindows(parseLast(text), vs, D(asOf)));

describe('--last', () => {
  test('parses N d/w/m and rejects the rest', () => {
    expect(parseLast('28d')).toEqual({ n: 28, unit: 'd', text: '28d' });
    expect(parseLast(' 4W ')).toEqual({ n: 4, unit: 'w', text: '4w' });
    expect(parseLast('12m')).toEqual({ n: 12, unit: 'm', text: '12m' });
    for (const bad of ['0d', '28', 'd', '3y', '-7d', '1.5m']) expect(() => parseLast(bad)).toThrow(/--last/);
  });

  test.each<[string, VsMode, string, string[]]>([
    // 28 days ending on the as-of day, against the 28 before.
    ['28d', 'prior', '2023-09-30', ['2023-08-06..2023-09-02', '2023-09-03..2023-09-30']],
    // --vs year: the same calendar dates a year earlier.
    ['28d', 'year', '2023-09-30', ['2022-09-03..2022-09-30', '2023-09-03..2023-09-30']],
    // Ending on Feb 29: a year earlier ends Feb 28 (27 days).
    ['28d', 'year', '2024-02-29', ['2023-02-02..2023-02-28', '2024-02-02..2024-02-29']],
    // Holding Feb 29 inside: a year earlier has 27 days.
    ['28d', 'year', '2024-03-01', ['2023-02-03..2023-03-01', '2024-02-03..2024-03-01']],
    // A start on Feb 29 becomes Mar 1 a year earlier.
    ['7d', 'year', '2024-03-06', ['2023-03-01..2023-03-06', '2024-02-29..2024-03-06']],
    // 4w = 28 days, across a leap February.
    ['4w', 'prior', '2024-03-10', ['2024-01-15..2024-02-11', '2024-02-12..2024-03-10']],
    ['7d', 'prior', '2024-01-03', ['2023-12-21..2023-12-27', '2023-12-28..2024-01-03']],
    // Months: from the day after the as-of day back N calendar months.
    ['3m', 'prior', '2023-06-30', ['2023-01-01..2023-03-31', '2023-04-01..2023-06-30']],
    ['3m', 'prior', '2023-03-15', ['2022-09-16..2022-12-15', '2022-12-16..2023-03-15']],
    ['3m', 'year', '2023-06-30', ['2022-04-01..2022-06-30', '2023-04-01..2023-06-30']],
    // Whole months stay whole months a year earlier, both ways round Feb 29.
    ['3m', 'year', '2024-02-29', ['2022-12-01..2023-02-28', '2023-12-01..2024-02-29']],
    ['3m', 'year', '2025-02-28', ['2023-12-01..2024-02-29', '2024-12-01..2025-02-28']],
    ['3m', 'prior', '2024-02-29', ['2023-09-01..2023-11-30', '2023-12-01..2024-02-29']],
    // A start that does not exist (Feb 31) rolls forward to Mar 1.
    ['3m', 'prior', '2023-05-30', ['2022-12-01..2023-02-28', '2023-03-01..2023-05-30']],
    ['12m', 'prior', '2023-12-31', ['2022-01-01..2022-12-31', '2023-01-01..2023-12-31']],
    ['12m', 'year', '2024-06-30', ['2022-07-01..2023-06-30', '2023-07-01..2024-06-30']],
    ['1m', 'prior', '2023-03-31', ['2023-02-01..2023-02-28', '2023-03-01..2023-03-31']],
  ])('--last %s --vs %s as of %s', (text, vs, asOf, expected) => {
    expect(last(text, vs, asOf)).toEqual(expected);
  });

  test('buildWindows takes a last spec', () => {
    const ws = buildWindows({ kind: 'last', last: parseLast('28d'), vs: 'prior' }, D('2023-09-30'));
    expect(ws.map((w) => w.label)).toEqual(['2023-08-06..2023-09-02', '2023-09-03..2023-09-30']);
  });

  test('month-only data: --last 3m at a month end covers whole months, 28d cuts one', () => {
    expect(monthCut(lastWindows(parseLast('3m'), 'year', D('2023-06-30')))).toBeUndefined();
    expect(monthCut(lastWindows(parseLast('28d'), 'prior', D('2023-06-30')))?.day).toBe(D('2023-05-06'));
    expect(monthCut(lastWindows(parseLast('3m'), 'prior', D('2023-06-15')))?.day).toBe(D('2022-12-16'));
  });
});

describe('--span edges', () => {
  test('jul-jun is a fiscal year labelled by the year it ends in', () => {
    const ws = buildWindows({ kind: 'years', years: [2023, 2024], span: parseSpan('jul-jun') }, D('2024-06-30'));
    expect(show(ws)).toEqual(['2022-07-01..2023-06-30', '2023-07-01..2024-06-30']);
    expect(ws.map((w) => w.label)).toEqual(['2023', '2024']);
  });
  test('jan-feb ends on Feb 29 in a leap year and Feb 28 otherwise', () => {
    const ws = buildWindows({ kind: 'years', years: [2023, 2024], span: parseSpan('jan-feb') }, D('2024-12-31'));
    expect(show(ws)).toEqual(['2023-01-01..2023-02-28', '2024-01-01..2024-02-29']);
    expect(ws.map((w) => countedDays(w, 'include'))).toEqual([59, 60]);
    expect(ws.map((w) => countedDays(w, 'exclude'))).toEqual([59, 59]);
  });
  test('full years across 2023–2024 (year end)', () => {
    const ws = buildWindows({ kind: 'years', years: [2023, 2024], span: parseSpan('full') }, D('2024-12-31'));
    expect(show(ws)).toEqual(['2023-01-01..2023-12-31', '2024-01-01..2024-12-31']);
  });
});

describe('leap days', () => {
  test('leapDaysIn counts Feb 29s, including across centuries', () => {
    expect(leapDaysIn({ label: '', start: D('2020-01-01'), end: D('2024-12-31') })).toBe(2);
    expect(leapDaysIn({ label: '', start: D('1900-01-01'), end: D('1900-12-31') })).toBe(0);
    expect(leapDaysIn({ label: '', start: D('2000-02-29'), end: D('2000-02-29') })).toBe(1);
    expect(leapDaysIn({ label: '', start: D('2024-03-01'), end: D('2025-02-28') })).toBe(0);
  });

  test('--leap-day exclude drops Feb 29 when counting', () => {
    const t = new Tally(false);
    const g = t.group('Theft');
    for (const d of ['2024-02-28', '2024-02-29', '2024-02-29', '2024-03-01', '2023-02-28', '2023-03-01']) t.add(g, D(d));
    const ws: Window[] = [
      { label: '2023', start: D('2023-02-28'), end: D('2023-03-01') },
      { label: '2024', start: D('2024-02-28'), end: D('2024-03-01') },
    ];
    expect(countWindows(t, ws).counts[0]).toEqual([2, 4]);
    const ex = countWindows(t, ws, { leapDay: 'exclude' });
    expect(ex.counts[0]).toEqual([2, 2]);
    expect(ex.rowsOutsideWindows).toBe(2);
    const cmp = compareWindows(t, ws, { groupBy: ['offense'], sort: 'count', leapDay: 'exclude' });
    expect(cmp.windows.map((w) => w.days)).toEqual([2, 2]);
  });

  test('--leap-day exclude also applies to distinct ids', () => {
    const t = new Tally(true);
    const g = t.group('Theft');
    t.add(g, D('2024-02-29'), 'A');
    t.add(g, D('2024-03-01'), 'B');
    const ws: Window[] = [{ label: 'x', start: D('2024-02-01'), end: D('2024-03-31') }];
    expect(countWindows(t, ws, { leapDay: 'exclude' }).total).toEqual([1]);
  });
});

describe('--per-day and --baseline mean', () => {
  test('rates divide by days; the mean baseline has its own change', () => {
    const t = new Tally(false);
    const g = t.group('Theft');
    const add = (d: string, n: number) => {
      for (let i = 0; i < n; i++) t.add(g, D(d));
    };
    add('2021-02-01', 28);
    add('2022-02-01', 56);
    add('2024-02-01', 58);
    const ws = buildWindows({ kind: 'years', years: [2021, 2022, 2024], span: parseSpan('feb') }, D('2024-12-31'));
    const plain = compareWindows(t, ws, { groupBy: ['offense'], sort: 'count', baseline: 'mean' });
    expect(plain.windows.map((w) => w.days)).toEqual([28, 28, 29]);
    expect(plain.total.baselineMean).toBe(42);
    expect(plain.total.changeVsMean).toBe(16);
    expect(plain.total.pctChangeVsMean).toBeCloseTo((16 / 42) * 100, 10);
    expect(plain.total.change).toEqual([30, 2]);
    const rate = compareWindows(t, ws, { groupBy: ['offense'], sort: 'count', perDay: true, baseline: 'mean' });
    expect(rate.total.rates).toEqual([1, 2, 2]);
    expect(rate.total.baselineMean).toBe(1.5);
    expect(rate.total.change).toEqual([1, 0]);
    expect(rate.total.pctChangeVsMean).toBeCloseTo(33.3333, 3);
  });
});

describe('weeks', () => {
  test('week starts: Monday and Sunday', () => {
    expect(formatDay(weekStartOf(D('2023-01-01'), 'mon'))).toBe('2022-12-26');
    expect(formatDay(weekStartOf(D('2023-01-01'), 'sun'))).toBe('2023-01-01');
    expect(formatDay(weekStartOf(D('2023-01-02'), 'mon'))).toBe('2023-01-02');
    expect(formatDay(weekStartOf(D('2023-01-07'), 'sun'))).toBe('2023-01-01');
  });

  test.each([
    // ISO (Monday weeks, Thursday rule)
    ['2020-12-28', 2020, 53],
    ['2019-12-30', 2020, 1],
    ['2021-01-04', 2021, 1],
    ['2015-12-28', 2015, 53],
    ['2026-12-28', 2026, 53],
    ['2022-01-03', 2022, 1],
    ['2018-12-31', 2019, 1],
    // Sunday weeks (CDC/MMWR epi weeks)
    ['2022-01-02', 2022, 1],
    ['2020-12-27', 2020, 53],
    ['2021-01-03', 2021, 1],
    ['2018-12-30', 2019, 1],
  ])('week starting %s is %i-W%i', (start, year, week) => {
    expect(weekNumber(D(start))).toEqual({ year, week });
  });

  test('Jan 1 2021 (a Friday) lies in ISO week 2020-W53', () => {
    const p = periodOf(D('2021-01-01'), 'week', 'mon');
    expect([formatDay(p.start), formatDay(p.end), periodLabel(p.start, 'week')]).toEqual(['2020-12-28', '2021-01-03', '2020-W53']);
  });
});

describe('periods', () => {
  test('month, quarter and year bounds and labels', () => {
    const m = periodOf(D('2024-02-10'), 'month');
    expect([formatDay(m.start), formatDay(m.end), periodLabel(m.start, 'month')]).toEqual(['2024-02-01', '2024-02-29', '2024-02']);
    const q = periodOf(D('2023-12-31'), 'quarter');
    expect([formatDay(q.start), formatDay(q.end), periodLabel(q.start, 'quarter')]).toEqual(['2023-10-01', '2023-12-31', '2023-Q4']);
    const y = periodOf(D('2024-07-01'), 'year');
    expect([formatDay(y.start), formatDay(y.end), periodLabel(y.start, 'year')]).toEqual(['2024-01-01', '2024-12-31', '2024']);
  });

  test('periods overlapping a range, with incomplete ends flagged', () => {
    const ps = buildPeriods('month', D('2023-01-15'), D('2023-04-10'), { start: D('2023-01-15'), end: D('2023-04-10') });
    expect(ps.map((p) => [p.label, p.complete])).toEqual([
      ['2023-01', false],
      ['2023-02', true],
      ['2023-03', true],
      ['2023-04', false],
    ]);
    const weeks = buildPeriods('week', D('2020-12-21'), D('2021-01-10'), { start: D('2020-12-21'), end: D('2021-01-10') });
    expect(weeks.map((p) => p.label)).toEqual(['2020-W52', '2020-W53', '2021-W01']);
    expect(weeks.every((p) => p.complete)).toBe(true);
  });

  test('comparison periods: previous and a year earlier', () => {
    const p = (s: string, e: string) => ({ label: '', start: D(s), end: D(e) });
    const cw = (w: Window) => `${formatDay(w.start)}..${formatDay(w.end)}`;
    expect(cw(comparisonWindow(p('2024-03-01', '2024-03-31'), 'month', 'previous'))).toBe('2024-02-01..2024-02-29');
    expect(cw(comparisonWindow(p('2024-02-01', '2024-02-29'), 'month', 'year'))).toBe('2023-02-01..2023-02-28');
    expect(cw(comparisonWindow(p('2024-01-01', '2024-03-31'), 'quarter', 'year'))).toBe('2023-01-01..2023-03-31');
    expect(cw(comparisonWindow(p('2021-01-04', '2021-01-10'), 'week', 'previous'))).toBe('2020-12-28..2021-01-03');
    // A week a year earlier: the same calendar dates one year back.
    expect(cw(comparisonWindow(p('2021-01-04', '2021-01-10'), 'week', 'year'))).toBe('2020-01-04..2020-01-10');
    expect(cw(comparisonWindow(p('2024-02-26', '2024-03-03'), 'week', 'year'))).toBe('2023-02-26..2023-03-03');
  });

  test('buildTrend counts per period and gives change only between complete periods', () => {
    const t = new Tally(false);
    const g = t.group('Theft');
    for (const [d, n] of [
      ['2023-01-20', 1],
      ['2023-02-05', 2],
      ['2023-03-05', 5],
      ['2023-04-02', 3],
    ] as const) {
      for (let i = 0; i < n; i++) t.add(g, D(d));
    }
    const range = { start: D('2023-01-20'), end: D('2023-04-02') };
    const tr = buildTrend(t, range, range, {
      every: 'month',
      vs: 'previous',
      weekStart: 'mon',
      leapDay: 'include',
      groupBy: ['offense'],
      sort: 'count',
    });
    expect(tr.periods.map((p) => [p.label, p.complete, p.days])).toEqual([
      ['2023-01', false, 12],
      ['2023-02', true, 28],
      ['2023-03', true, 31],
      ['2023-04', false, 2],
    ]);
    expect(tr.total.counts).toEqual([1, 2, 5, 3]);
    expect(tr.total.change).toEqual([null, null, 3, null]);
    expect(tr.total.pctChange).toEqual([null, null, 150, null]);
  });

  test('sparkline runs from ▁ at the minimum to █ at the maximum', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([5, 5, 5])).toBe('▁▁▁');
    expect(sparkline([10, 0, 10])).toBe('█▁█');
  });
});

describe('compstat windows', () => {
  test('as of Wed Mar 4 2020 (leap year)', () => {
    const bs = compstatWindows(D('2020-03-04'), 'mon');
    expect(bs.map((b) => [b.name, ...show(b.windows)])).toEqual([
      ['weekToDate', '2019-03-02..2019-03-04', '2020-03-02..2020-03-04'],
      ['last28Days', '2019-02-06..2019-03-04', '2020-02-06..2020-03-04'],
      ['yearToDate', '2019-01-01..2019-03-04', '2020-01-01..2020-03-04'],
      ['yearToDateVs2YearsEarlier', '2018-01-01..2018-03-04', '2020-01-01..2020-03-04'],
    ]);
  });
  test('Sunday weeks, and an as-of day of Feb 28 after a leap year stays Feb 28 for YTD', () => {
    const bs = compstatWindows(D('2025-02-28'), 'sun');
    expect(show(bs[0]!.windows)).toEqual(['2024-02-23..2024-02-28', '2025-02-23..2025-02-28']);
    expect(show(bs[2]!.windows)).toEqual(['2024-01-01..2024-02-28', '2025-01-01..2025-02-28']);
  });
  test('week to date across New Year', () => {
    const bs = compstatWindows(D('2025-01-01'), 'mon');
    expect(show(bs[0]!.windows)).toEqual(['2023-12-30..2024-01-01', '2024-12-30..2025-01-01']);
    expect(show(bs[2]!.windows)).toEqual(['2024-01-01..2024-01-01', '2025-01-01..2025-01-01']);
  });
});
