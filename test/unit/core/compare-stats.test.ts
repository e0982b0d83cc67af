import { describe, expect, test } from '@jest/globals';
import { pairStats, rowStats, significanceMark } from '../../../src/core/compare-stats.js';

// Expected p-values from SciPy 1.17: scipy.stats.poisson_means_test(k_cur, days_cur, k_earlier, days_earlier).pvalue
// and scipy.stats.binomtest(k_cur, k_cur + k_earlier, 0.5) (minlike) with its exact (Clopper-Pearson) interval.
const close = (actual: number, expected: number) => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.max(1e-9, 1e-7 * Math.abs(expected)));
};

describe('pairStats (E-test, current vs earlier, days as exposures)', () => {
  test.each([
    // earlier k, days, current k, days, SciPy p
    [40, 273, 24, 273, 0.04567152726493652],
    [5, 273, 3, 273, 0.5233556671479034],
    [2, 273, 0, 273, 0.19733036288761105],
    [143, 31, 115, 30, 0.13810336553881608],
    [8, 31, 12, 30, 0.34556840850619724],
    [40, 273, 30, 274, 0.2278862939051462],
    [5, 273, 0, 274, 0.01975697608456474],
    [1500, 273, 1400, 274, 0.05055395746318769],
  ])('%i/%i days → %i/%i days: p = %f', (kE, dE, kC, dC, p) => {
    close(pairStats(kE, dE, kC, dC, 'etest').pValue!, p);
  });

  test('0 vs 0 is p = 1; a tiny p is never 0', () => {
    expect(pairStats(0, 274, 0, 273, 'etest').pValue).toBe(1);
    const tiny = pairStats(2000, 273, 1500, 273, 'etest').pValue;
    expect(tiny).toBeGreaterThan(0);
    expect(tiny).toBeLessThan(1e-15);
  });

  test('exact: minlike conditional p and the rate ratio current/earlier with its exact 95% interval', () => {
    const s = pairStats(40, 273, 24, 273, 'exact');
    close(s.pExact!, 0.05994118956699923);
    expect(s.rateRatio!.ratio).toBeCloseTo(0.6, 12);
    close(s.rateRatio!.low!, 0.34598364578063145);
    close(s.rateRatio!.high!, 1.0198900183910278);
    const z = pairStats(2, 273, 0, 273, 'exact');
    expect(z.pExact).toBeCloseTo(0.5, 12);
    expect(z.rateRatio).toEqual({ ratio: 0, low: 0, high: expect.any(Number) });
    close(z.rateRatio!.high!, 5.324555320337796);
    // Earlier 0: ratio and upper limit are infinite, reported as null.
    expect(pairStats(0, 273, 3, 273, 'exact').rateRatio).toMatchObject({ ratio: null, high: null });
  });
});

describe('rowStats', () => {
  test('two windows: scalars, and the small-count flag', () => {
    const r = rowStats([5, 3], [273, 273], 'etest');
    close(r.pValue as number, 0.5233556671479034);
    expect(r.smallCounts).toBe(true);
    expect(rowStats([9, 10], [1, 1], 'etest').smallCounts).toBe(false);
  });

  test('three windows: one p per earlier window, and the pooled p for --baseline mean', () => {
    const r = rowStats([5, 3, 0], [273, 273, 274], 'etest', true);
    const [a, b] = r.pValue as number[];
    close(a!, 0.01975697608456474);
    close(b!, 0.03236640715875225);
    // scipy poisson_means_test(0, 274, 8, 546)
    close(r.pValueVsMean!, 0.011999204785268816);
    expect(r.pExact).toBeUndefined();
  });

  test('a window with no counted day gives p = 1 instead of an error', () => {
    expect(pairStats(3, 0, 4, 1, 'etest').pValue).toBe(1);
  });
});

test('significance marks', () => {
  expect([0.009, 0.01, 0.049, 0.05, 0.5].map(significanceMark)).toEqual(['**', '*', '*', '', '']);
});

describe('windows the data covers none of', () => {
  test('a pair with such a window has no p-value, no exact test and no rate ratio', () => {
    expect(pairStats(0, 274, 27798, 273, 'etest', true)).toEqual({ pValue: null });
    expect(pairStats(0, 274, 27798, 273, 'exact', true)).toEqual({
      pValue: null,
      pExact: null,
      rateRatio: { ratio: null, low: null, high: null },
    });
  });

  test('rowStats: only the pairs involving the empty window are null; the pooled test too', () => {
    const s = rowStats([0, 40, 24], [273, 273, 273], 'etest', true, [true, false, false]);
    const [p0, p1] = s.pValue as (number | null)[];
    expect(p0).toBeNull();
    close(p1!, 0.04567152726493652);
    expect(s.pValueVsMean).toBeNull();
    const cur = rowStats([40, 24], [273, 273], 'etest', false, [false, true]);
    expect(cur.pValue).toBeNull();
    // A zero count in a window the data covers is evidence: tested as before.
    close(rowStats([2, 0], [273, 273], 'etest', false, [false, false]).pValue as number, 0.19733036288761105);
  });
});
