import { describe, expect, test } from '@jest/globals';
import { dayFromCivil, formatDay } from '../../../src/core/civil.js';
import { parseDateRange, parseSpan, parseYears } from '../../../src/cli/parse.js';
import { buildWindows, monthCut } from '../../../src/core/windows.js';

const parseWindowRange = parseDateRange('--window');

const iso = (ws: { label: string; start: number; end: number }[]) =>
  ws.map((w) => `${w.label}: ${formatDay(w.start)}..${formatDay(w.end)}`);

describe('buildWindows', () => {
  test('default: year to date against the same dates last year', () => {
    expect(iso(buildWindows({ kind: 'default' }, dayFromCivil(2023, 9, 30)))).toEqual([
      '2022: 2022-01-01..2022-09-30',
      '2023: 2023-01-01..2023-09-30',
    ]);
  });
  test('as of Feb 29: last year ends Feb 28', () => {
    expect(iso(buildWindows({ kind: 'default' }, dayFromCivil(2024, 2, 29)))).toEqual([
      '2023: 2023-01-01..2023-02-28',
      '2024: 2024-01-01..2024-02-29',
    ]);
  });
  test('--years with --span jan-sep', () => {
    const spec = { kind: 'years' as const, years: parseYears('2021..2023'), span: parseSpan('jan-sep') };
    expect(iso(buildWindows(spec, dayFromCivil(2023, 12, 31)))).toEqual([
      '2021: 2021-01-01..2021-09-30',
      '2022: 2022-01-01..2022-09-30',
      '2023: 2023-01-01..2023-09-30',
    ]);
  });
  test('jan-feb ends on Feb 29 in a leap year', () => {
    const spec = { kind: 'years' as const, years: [2023, 2024], span: parseSpan('jan-feb') };
    expect(iso(buildWindows(spec, dayFromCivil(2024, 12, 31)))).toEqual(['2023: 2023-01-01..2023-02-28', '2024: 2024-01-01..2024-02-29']);
  });
  test('a span that crosses New Year is labelled by the year it ends in', () => {
    const spec = { kind: 'years' as const, years: [2022, 2023], span: parseSpan('jul-jun') };
    expect(iso(buildWindows(spec, dayFromCivil(2023, 12, 31)))).toEqual(['2022: 2021-07-01..2022-06-30', '2023: 2022-07-01..2023-06-30']);
  });
  test('MM-DD..MM-DD; an end of 02-29 is Feb 28 in a common year', () => {
    const spec = { kind: 'years' as const, years: [2023, 2024], span: parseSpan('01-15..02-29') };
    expect(iso(buildWindows(spec, dayFromCivil(2024, 12, 31)))).toEqual(['2023: 2023-01-15..2023-02-28', '2024: 2024-01-15..2024-02-29']);
  });
  test('--years without --span: full years when the last is over, else year to date', () => {
    const spec = { kind: 'years' as const, years: [2022, 2023] };
    expect(iso(buildWindows(spec, dayFromCivil(2023, 12, 31)))[1]).toBe('2023: 2023-01-01..2023-12-31');
    expect(iso(buildWindows(spec, dayFromCivil(2023, 6, 30)))[1]).toBe('2023: 2023-01-01..2023-06-30');
  });
  test('explicit windows keep their order; same month-days in different years are labelled by year', () => {
    const spec = {
      kind: 'explicit' as const,
      ranges: [parseWindowRange('2022-01-01..2022-03-31'), parseWindowRange('2023-01-01..2023-03-31')],
    };
    expect(iso(buildWindows(spec, 0))).toEqual(['2022: 2022-01-01..2022-03-31', '2023: 2023-01-01..2023-03-31']);
    const odd = {
      kind: 'explicit' as const,
      ranges: [parseWindowRange('2023-03-02..2023-03-29'), parseWindowRange('2023-02-02..2023-03-01')],
    };
    expect(iso(buildWindows(odd, 0))).toEqual([
      '2023-03-02..2023-03-29: 2023-03-02..2023-03-29',
      '2023-02-02..2023-03-01: 2023-02-02..2023-03-01',
    ]);
  });
});

describe('flag values', () => {
  test.each(['2023', '2023,abc', '2023..2021'])('--years %s is a usage error', (v) => {
    expect(() => parseYears(v)).toThrow(/--years/);
  });
  test.each(['foo', 'jan-foo', '13-01..02-01', '02-30..03-01'])('--span %s is a usage error', (v) => {
    expect(() => parseSpan(v)).toThrow(/--span/);
  });
  test('--window that ends before it starts', () => {
    expect(() => parseWindowRange('2023-09-30..2023-01-01')).toThrow('ends before it starts');
  });
});

describe('month-only data', () => {
  test('windows must cover whole months', () => {
    expect(monthCut([{ label: '2023', start: dayFromCivil(2023, 1, 1), end: dayFromCivil(2023, 9, 30) }])).toBeUndefined();
    expect(monthCut([{ label: '2023', start: dayFromCivil(2023, 1, 1), end: dayFromCivil(2023, 9, 15) }])?.day).toBe(
      dayFromCivil(2023, 9, 15),
    );
  });
});
