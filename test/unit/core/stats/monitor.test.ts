/**
 * The monitoring statistics against literal numbers. Wheeler's worked
 * examples (16 → 25 and 4 → 9 give z = 2) are from Wheeler's posts (see
 * /work/shared/reference/statistics.md, E11 and Z1). Every other literal was
 * computed independently by scripts/monitor-references.py: Python's decimal
 * module at 60 digits (Poisson tails as plain sums of e^−μ μ^j / j!) and exact
 * fractions for Holm and Benjamini–Hochberg, from the formulas SciPy
 * (poisson.interval, poisson.ppf) and statsmodels (multipletests holm /
 * fdr_bh, test_poisson exact-c) implement. Agreement is asked to 1e-9.
 */
import { describe, expect, test } from '@jest/globals';
import {
  adjustPValues,
  benjaminiHochberg,
  holm,
  pearsonZ,
  poissonLimits,
  poissonLowerTail,
  poissonQuantile,
  poissonTestPValue,
  poissonUpperTail,
  varianceToMean,
  wheelerZ,
} from '../../../../src/core/stats/index.js';

/** Within 1e-9, relative for values far from 0 (tail probabilities), absolute near it. */
const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1e-6, Math.abs(expected)));

describe("Wheeler's Poisson z = 2(√current − √baseline)", () => {
  test('the worked examples: 16 → 25 and 4 → 9 are z = 2.0', () => {
    expect(wheelerZ(25, 16)).toBe(2);
    expect(wheelerZ(9, 4)).toBe(2);
  });

  test.each([
    // current, baseline, current days, baseline days, z (baseline scaled by days)
    [24, 40, 1, 1, -2.8511516695408048],
    [38, 54, 1, 1, -2.3681104507611157],
    [12, 8, 30, 31, 1.3633364811534898],
    [0, 0, 1, 1, 0],
    [3, 0, 1, 1, 3.4641016151377544],
    [0, 5, 1, 1, -4.4721359549995796],
  ])('%i vs %i (%i vs %i days): z = %f', (c, b, dc, db, z) => {
    close(wheelerZ(c, (b * dc) / db), z);
  });

  test('negative or non-finite counts are refused', () => {
    expect(() => wheelerZ(-1, 3)).toThrow(RangeError);
    expect(() => wheelerZ(1, Number.NaN)).toThrow(RangeError);
  });
});

describe('Holm and Benjamini–Hochberg (statsmodels multipletests holm, fdr_bh)', () => {
  test.each([
    [
      [0.01, 0.04, 0.03, 0.005],
      [0.03, 0.06, 0.06, 0.02],
      [0.02, 0.04, 0.04, 0.02],
    ],
    // ties: equal p-values get equal adjusted values whatever their order
    [
      [0.02, 0.02, 0.5, 0.001],
      [0.06, 0.06, 0.5, 0.004],
      [0.026666666666666668, 0.026666666666666668, 0.5, 0.004],
    ],
    // zeros and ones
    [
      [0, 0.3, 1],
      [0, 0.6, 1],
      [0, 0.45, 1],
    ],
    // a single test is left as it is
    [[0.04], [0.04], [0.04]],
    // capped at 1
    [
      [0.6, 0.7, 0.9],
      [1, 1, 1],
      [0.9, 0.9, 0.9],
    ],
    // the running maximum (Holm) and minimum (BH)
    [
      [0.011, 0.02, 0.029, 0.04, 0.045],
      [0.055, 0.08, 0.087, 0.087, 0.087],
      [0.045, 0.045, 0.045, 0.045, 0.045],
    ],
  ])('%j', (ps, h, b) => {
    holm(ps).forEach((v, i) => close(v, h[i]!));
    benjaminiHochberg(ps).forEach((v, i) => close(v, b[i]!));
    adjustPValues(ps, 'holm').forEach((v, i) => close(v, h[i]!));
    adjustPValues(ps, 'bh').forEach((v, i) => close(v, b[i]!));
    expect(adjustPValues(ps, 'none')).toEqual(ps);
  });

  test('ties in reverse order give the same values (the order of equal p-values does not matter)', () => {
    expect(holm([0.5, 0.02, 0.001, 0.02])).toEqual([0.5, 0.06, 0.004, 0.06]);
  });

  test('no tests, no values; a value outside [0, 1] is refused', () => {
    expect(holm([])).toEqual([]);
    expect(benjaminiHochberg([])).toEqual([]);
    expect(() => holm([1.2])).toThrow(RangeError);
  });
});

describe('a count against a known Poisson mean', () => {
  test.each([
    // k, mean, P[X ≤ k], P[X ≥ k], two-sided p (doubling)
    [20, 10, 0.99841173933814198, 0.0034543419758568078, 0.0069086839517136156],
    [3, 12.5, 0.0015545578430110672, 0.99965854540310828, 0.0031091156860221345],
    [0, 4, 0.018315638888734179, 1, 0.036631277777468357],
    [30, 15, 0.99980268685031171, 0.00041844966832768697, 0.00083689933665537393],
    [140, 140, 0.52245734867054927, 0.51123936439282047, 1],
    [1, 0.5, 0.90979598956895014, 0.39346934028736658, 0.78693868057473315],
    [5, 20, 7.1908840528428925e-5, 0.9999830552560699, 0.00014381768105685785],
    [171, 140, 0.99512192227644591, 0.0061165563880189637, 0.012233112776037927],
    [2, 0.3, 0.9964005068169105, 0.036936313113766772, 0.073872626227533544],
  ])('%i against mean %f', (k, mean, lower, upper, p) => {
    close(poissonLowerTail(k, mean), lower);
    close(poissonUpperTail(k, mean), upper);
    close(poissonTestPValue(k, mean), p);
  });

  test('a mean of 0: 0 is certain, anything else impossible', () => {
    expect(poissonTestPValue(0, 0)).toBe(1);
    expect(poissonTestPValue(3, 0)).toBe(0);
    expect(poissonLowerTail(0, 0)).toBe(1);
    expect(poissonUpperTail(1, 0)).toBe(0);
  });

  test.each([
    // mean, level, lower, upper (SciPy poisson.interval)
    [10, 0.99, 3, 19],
    [12.5, 0.99, 4, 22],
    [0.3, 0.99, 0, 2],
    [140, 0.99, 110, 171],
    [1000, 0.95, 938, 1062],
    [15, 0.99, 6, 26],
    [20.625, 0.99, 10, 33],
    [0, 0.99, 0, 0],
  ])('limits of Poisson(%f) at %f: [%i, %i]', (mean, level, lower, upper) => {
    expect(poissonLimits(mean, level)).toEqual({ lower, upper });
  });

  test('the limits and the test agree: just outside is p ≤ 1 − level, on the limit is p > 1 − level', () => {
    expect(poissonTestPValue(172, 140)).toBeLessThanOrEqual(0.01);
    expect(poissonTestPValue(171, 140)).toBeGreaterThan(0.01);
    expect(poissonTestPValue(109, 140)).toBeLessThanOrEqual(0.01);
    expect(poissonTestPValue(110, 140)).toBeGreaterThan(0.01);
  });

  test('quantiles are the smallest k whose lower tail reaches q', () => {
    expect(poissonQuantile(0.5, 140)).toBe(140);
    expect(poissonLowerTail(poissonQuantile(0.995, 140), 140)).toBeGreaterThanOrEqual(0.995);
    expect(poissonLowerTail(poissonQuantile(0.995, 140) - 1, 140)).toBeLessThan(0.995);
    expect(() => poissonLimits(10, 1)).toThrow(RangeError);
  });
});

describe('dispersion: the observed count against baseline × the overall ratio', () => {
  // The expected count and the ratio are formed by the caller (src/core/dispersion.ts); here the measures.
  test.each([
    // baseline, observed, expected (= baseline × Σcurrent/Σbaseline), z, p
    [100, 130, 128.42105263157896, 0.13933157329425477, 0.91258609596351969],
    [200, 230, 256.84210526315792, -1.6748791052658862, 0.096420772755402603],
    [50, 110, 64.21052631578948, 5.7142934179659646, 2.6239997083837772e-7],
    [30, 18, 38.526315789473685, -3.3069853121910677, 0.00036669490896290476],
    [10, 12, 14, -0.53452248382484879, 0.71691683393268224],
    [5, 5, 7, -0.75592894601845451, 0.60141655234872193],
    [40, 48, 48, 0, 1],
  ])('%i → %i, expected %f', (_b, o, e, z, p) => {
    close(pearsonZ(o, e), z);
    close(poissonTestPValue(o, e), p);
  });
});

describe('variance-to-mean ratio of a baseline', () => {
  test.each([
    [[10, 12, 8, 10], 0.26666666666666666],
    [[3, 3, 3], 0],
    [[0, 0, 6, 0], 6],
    [[5, 15], 5],
  ])('%j → %f', (xs, r) => close(varianceToMean(xs)!, r));

  test('one value or a mean of 0 has none', () => {
    expect(varianceToMean([7])).toBeNull();
    expect(varianceToMean([0, 0])).toBeNull();
  });
});
