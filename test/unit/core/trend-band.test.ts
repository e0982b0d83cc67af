/**
 * trend --band and --stats z on a constructed tally: two a day, then a month
 * of four a day. Limits are the independent literals of
 * scripts/monitor-references.py (SciPy poisson.interval's formula, decimal sums).
 */
import { describe, expect, test } from '@jest/globals';
import { Tally } from '../../../src/core/aggregate.js';
import { dayFromCivil } from '../../../src/core/civil.js';
import { buildTrend } from '../../../src/core/trend.js';

const D = (y: number, m: number, d: number) => dayFromCivil(y, m, d);

// Theft: 2 a day from Jan 1 to Aug 31, 2023; 4 a day in September.
const t = new Tally(false);
const g = t.group('Theft');
for (let d = D(2023, 1, 1); d <= D(2023, 9, 30); d++) for (let k = 0; k < (d >= D(2023, 9, 1) ? 4 : 2); k++) t.add(g, d);
const range = { start: D(2023, 1, 1), end: D(2023, 9, 30) };
const base = { every: 'month', vs: 'previous', weekStart: 'mon', leapDay: 'include', groupBy: ['offense'], sort: 'count' } as const;

describe('trend --band', () => {
  test('each complete period with a covered baseline gets its expectation and limits', () => {
    const tr = buildTrend(t, range, range, { ...base, band: { previous: 2, seasonal: 0, level: 0.99 } });
    const band = tr.rows[0]!.band!;
    // January has no month before it in the data; February only January (December 2022 is not covered).
    expect(band[0]).toBeNull();
    expect(band[1]).toEqual({ expected: 56, lower: 38, upper: 76, outside: null });
    // March: Jan + Feb = 118 in 59 days, 2 a day × 31 days = 62 (limits 43–83).
    expect(band[2]).toEqual({ expected: 62, lower: 43, upper: 83, outside: null });
    // September: Jul + Aug = 124 in 62 days → 60 expected (limits 41–81), 120 observed: above.
    expect(band[8]).toEqual({ expected: 60, lower: 41, upper: 81, outside: 'above' });
    expect(tr.total.band![8]).toEqual(band[8]);
  });

  test('a seasonal baseline before the data gives no band', () => {
    const tr = buildTrend(t, range, range, { ...base, band: { previous: 0, seasonal: 1, level: 0.99 } });
    expect(tr.rows[0]!.band!.every((b) => b === null)).toBe(true);
  });
});

describe('trend --band and stray early dates', () => {
  test('a baseline period far emptier than the others is left out', () => {
    // The same tally and one stray row on Jan 1, 2022: September 2022 is inside the data but holds nothing.
    const s = new Tally(false);
    const h = s.group('Theft');
    s.add(h, D(2022, 1, 1));
    for (let d = D(2023, 1, 1); d <= D(2023, 9, 30); d++) for (let k = 0; k < (d >= D(2023, 9, 1) ? 4 : 2); k++) s.add(h, d);
    const data = { start: D(2022, 1, 1), end: D(2023, 9, 30) };
    const tr = buildTrend(s, range, range, { ...base, band: { previous: 2, seasonal: 1, level: 0.99 } }, data);
    // September: July and August (60 expected, as above), not (124 + 0) / 92 × 30 = 40.4 with September 2022.
    expect(tr.rows[0]!.band![8]).toEqual({ expected: 60, lower: 41, upper: 81, outside: 'above' });
  });
});

describe('trend --stats z', () => {
  test('September against August: 2(√120 − √(62 × 30/31))', () => {
    const tr = buildTrend(t, range, range, { ...base, z: true });
    const z = tr.rows[0]!.z!;
    expect(z[0]).toBeNull();
    expect(z[8]).toBeCloseTo(2 * (Math.sqrt(120) - Math.sqrt((62 * 30) / 31)), 12);
    // February (28 days) against January (31): the same daily rate is z = 0.
    expect(z[1]).toBeCloseTo(0, 12);
  });
});
