import { describe, expect, test } from '@jest/globals';
import { dataGaps, GAP_MIN_DAYS, holes, splitSpans } from '../../../src/core/coverage.js';
import { dayFromCivil } from '../../../src/core/civil.js';

const d = (y: number, m: number, day: number) => dayFromCivil(y, m, day);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('dataGaps: improbable runs of empty days inside the spans', () => {
  test('ten rows a day through June, then one row in November: July 1 to November 14 is a gap', () => {
    const span = { from: d(2022, 1, 1), to: d(2023, 11, 15) };
    const days = [...range(d(2022, 1, 1), d(2023, 6, 30)), d(2023, 11, 15)];
    const gaps = dataGaps([span], days, days.length * 10);
    expect(gaps).toEqual([{ from: d(2023, 7, 1), to: d(2023, 11, 14) }]);
    expect(splitSpans([span], gaps)).toEqual([
      { from: d(2022, 1, 1), to: d(2023, 6, 30) },
      { from: d(2023, 11, 15), to: d(2023, 11, 15) },
    ]);
    expect(holes(splitSpans([span], gaps))).toEqual([{ from: d(2023, 7, 1), to: d(2023, 11, 14) }]);
  });

  test('a run is a gap only from a week on, however busy the data', () => {
    expect(GAP_MIN_DAYS).toBe(7);
    const span = { from: 0, to: 99 };
    const six = range(0, 99).filter((x) => x < 40 || x > 45);
    expect(dataGaps([span], six, 100_000)).toEqual([]);
    const seven = range(0, 99).filter((x) => x < 40 || x > 46);
    expect(dataGaps([span], seven, 100_000)).toEqual([{ from: 40, to: 46 }]);
  });

  test('at r rows a day, a run of L days is a gap when exp(-r·L) < 0.001', () => {
    // 0.1 a day: L must exceed ln(1000)/0.1 = 69.08 days.
    const span = { from: 0, to: 999 };
    const withRun = (L: number) => range(0, 999).filter((x) => x < 500 || x >= 500 + L);
    expect(dataGaps([span], withRun(69), 100)).toEqual([]);
    expect(dataGaps([span], withRun(70), 100)).toEqual([{ from: 500, to: 569 }]);
  });

  test('a small file stays as it is; spans are looked at one by one', () => {
    // 3 rows a year: a run would have to last 843 days.
    expect(dataGaps([{ from: 0, to: 364 }], [0, 100, 364], 3)).toEqual([]);
    // Between two spans is no gap of theirs (the spans already leave it out).
    const spans = [
      { from: 0, to: 9 },
      { from: 100, to: 109 },
    ];
    expect(dataGaps(spans, [...range(0, 9), ...range(100, 109)], 200)).toEqual([]);
    expect(holes(spans)).toEqual([{ from: 10, to: 99 }]);
  });
});
