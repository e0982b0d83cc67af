import { describe, expect, test } from '@jest/globals';
import { conditionalTestPValue, poissonRateInterval, rateRatio } from '../../../../src/core/stats/exact.js';

function expectRel(actual: number, expected: number, rel: number): void {
  const err = Math.abs(actual - expected) / Math.abs(expected);
  if (!(err <= rel)) throw new Error(`expected ${expected}, got ${actual} (relative error ${err})`);
  expect(err).toBeLessThanOrEqual(rel);
}

describe('published C-test and rate-ratio examples (reference C1–C4)', () => {
  test('C1: 209/40 vs 230/60, statext doubling p 0.001466 (0.0014665); minlike 0.0012857', () => {
    const doubling = conditionalTestPValue(209, 40, 230, 60, { convention: 'doubling' });
    const minlike = conditionalTestPValue(209, 40, 230, 60);
    expect(Math.abs(doubling - 0.0014665)).toBeLessThan(5e-8);
    expect(Math.abs(minlike - 0.0012857)).toBeLessThan(5e-8);
    // SciPy 1.17.1 binomtest(209, 439, 0.4).pvalue and the doubled binomial tail
    expectRel(minlike, 0.0012857334626378153, 1e-10);
    expectRel(doubling, 0.001466469111860386, 1e-10);
  });

  test('C2: K&T examples, 0 vs 3 p = 0.25; 2 vs 6 p = 0.2891 (both conventions)', () => {
    for (const convention of ['minlike', 'doubling'] as const) {
      expect(Math.abs(conditionalTestPValue(0, 100, 3, 100, { convention }) - 0.25)).toBeLessThan(1e-14);
      expect(Math.abs(conditionalTestPValue(2, 100, 6, 100, { convention }) - 0.2890625)).toBeLessThan(1e-14);
    }
  });

  test('C3: poisson.test(c(11, 21), c(800, 3011)): p 0.0796686, RR 1.9714881, CI 0.8584264–4.2772659', () => {
    expect(Math.abs(conditionalTestPValue(11, 800, 6 + 8 + 7, 1083 + 1050 + 878) - 0.0796686)).toBeLessThan(5e-8);
    const rr = rateRatio(11, 800, 21, 3011);
    expect(Math.abs(rr.ratio - 1.9714881)).toBeLessThan(5e-8);
    expect(Math.abs(rr.low - 0.8584264)).toBeLessThan(5e-8);
    expect(Math.abs(rr.high - 4.2772659)).toBeLessThan(5e-8);
    // Expected count for k1 under H0, N·p0 = 32·800/3811.
    expect(Math.abs((32 * 800) / 3811 - 6.717397)).toBeLessThan(5e-7);
  });

  test('C4: poisson.test(137, 24.19893): rate 5.661407, Garwood CI 4.753125–6.692709', () => {
    const ci = poissonRateInterval(137, 24.19893);
    expect(Math.abs(ci.rate - 5.661407)).toBeLessThan(5e-7);
    expect(Math.abs(ci.low - 4.753125)).toBeLessThan(5e-7);
    expect(Math.abs(ci.high - 6.692709)).toBeLessThan(5e-7);
    // SciPy 1.17.1 chi2.ppf(0.025, 274)/2/T and chi2.ppf(0.975, 276)/2/T
    expectRel(ci.low, 4.75312480484875, 1e-12);
    expectRel(ci.high, 6.692709334176073, 1e-12);
  });
});

describe('C-test against SciPy 1.17.1', () => {
  // Expected: SciPy 1.17.1 binomtest(k1, k1+k2, p0).pvalue (minlike) and
  // min(1, 2·min(binom.cdf(k1, N, p0), binom.sf(k1−1, N, p0))) (doubling),
  // p0 = r·n1/(r·n1 + n2).
  test.each([
    [3, 28, 2, 28, 1, 1.0, 1.0],
    [7, 365, 1, 366, 1, 0.038807229036230795, 0.06971604826706831],
    [2, 31, 4, 30, 1, 0.4457595882374765, 0.6570196824040117],
    [2, 28, 7, 28, 1, 0.1796875, 0.1796875],
    [7, 40, 5, 1, 1, 5.922326927581451e-6, 1.1844653855162902e-5],
    [8, 31, 8, 1, 1, 9.346053871289817e-9, 1.8692107742579634e-8],
    [5, 28, 8, 366, 1, 0.0014361403876699279, 0.0028722807753398557],
    [3, 28, 2, 30, 1, 0.6774924700707892, 0.9353960619173503],
    [3, 40, 6, 366, 1, 0.051012498349013835, 0.10202499669802767],
    [7, 31, 2, 30, 1, 0.18021652053394024, 0.19635959570740846],
    [5, 40, 1, 60, 1, 0.04096000000000001, 0.08192000000000002],
    [5, 365, 8, 366, 1, 0.5810593915486018, 0.5844980585840529],
    [173, 28, 211, 28, 1, 0.05886478519100829, 0.05886478519100829],
    [412, 365, 380, 366, 1, 0.24118479795610645, 0.2542581194641811],
    [96, 31, 140, 30, 0.5, 0.03336967244400094, 0.040003017503691944],
    [250, 90, 210, 92, 2.0, 1.5493950616552886e-7, 1.98732512966407e-7],
    [600, 273, 540, 274, 1, 0.06636846543789911, 0.07038616759548874],
    [33, 7, 12, 7, 1.5, 0.06965224038361248, 0.0892612664451418],
  ])('%i/%i vs %i/%i, ratio %f', (k1, n1, k2, n2, ratio, minlike, doubling) => {
    expectRel(conditionalTestPValue(k1, n1, k2, n2, { ratio }), minlike, 1e-9);
    expectRel(conditionalTestPValue(k1, n1, k2, n2, { ratio, convention: 'doubling' }), doubling, 1e-9);
  });

  test('0 vs 0 gives 1', () => {
    expect(conditionalTestPValue(0, 28, 0, 31)).toBe(1);
    expect(conditionalTestPValue(0, 28, 0, 31, { convention: 'doubling' })).toBe(1);
  });

  test('an extreme case where SciPy underflows to 0 stays positive', () => {
    const p = conditionalTestPValue(184, 1, 26, 60);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-290);
  });

  test('large counts (100000/365 vs 101000/366) agree with the E-test scale of evidence', () => {
    const p = conditionalTestPValue(100000, 365, 101000, 366);
    expect(p).toBeGreaterThan(0.1);
    expect(p).toBeLessThan(0.11);
  });

  test('invalid inputs throw', () => {
    expect(() => conditionalTestPValue(-1, 1, 1, 1)).toThrow(RangeError);
    expect(() => conditionalTestPValue(1, 1, 1, 1, { ratio: 0 })).toThrow(RangeError);
    expect(() => rateRatio(1, 1, 1, 1, 1.2)).toThrow(RangeError);
  });
});

describe('rate ratio with the exact interval', () => {
  // SciPy 1.17.1 binomtest(k1, N).proportion_ci(method='exact') mapped by
  // p/(1−p)·n2/n1 (the first row is reference C1).
  test.each([
    [209, 40, 230, 60, 1.1247761521669237, 1.6510333242674602],
    [173, 28, 211, 28, 0.6666790074626808, 1.0072489677742866],
    [412, 365, 380, 366, 0.9434091452924002, 1.2531234719115987],
    [96, 31, 140, 30, 0.5063830710236983, 0.8665524841990296],
    [600, 273, 540, 274, 0.9911222734786487, 1.2550020283853127],
    [33, 7, 12, 7, 1.3840931128903573, 5.847405494169516],
  ])('%i/%i vs %i/%i', (k1, n1, k2, n2, low, high) => {
    const rr = rateRatio(k1, n1, k2, n2);
    expectRel(rr.ratio, k1 / n1 / (k2 / n2), 1e-15);
    expectRel(rr.low, low, 1e-9);
    expectRel(rr.high, high, 1e-9);
  });

  test('1/40 vs 57/60: lower limit 0.0006549138252503328 (mpmath), where SciPy is off by 2.6e-10', () => {
    expectRel(rateRatio(1, 40, 57, 60).low, 0.0006549138252503328, 1e-12);
  });

  test('k1 = 0: ratio 0, lower limit 0, upper limit from pU = 1 − 0.025^(1/7)', () => {
    const rr = rateRatio(0, 1, 7, 1);
    expect(rr.ratio).toBe(0);
    expect(rr.low).toBe(0);
    // pU = 1 − 0.025^(1/7) exactly for k1 = 0, so high = pU/(1 − pU).
    const pU = 1 - Math.pow(0.025, 1 / 7);
    expectRel(rr.high, pU / (1 - pU), 1e-13);
  });

  test('k2 = 0: ratio and upper limit Infinity, lower limit finite', () => {
    const rr = rateRatio(5, 1, 0, 1);
    expect(rr.ratio).toBe(Infinity);
    expect(rr.high).toBe(Infinity);
    // pL = 0.025^(1/5) exactly for k2 = 0.
    const pL = Math.pow(0.025, 1 / 5);
    expectRel(rr.low, pL / (1 - pL), 1e-13);
  });

  test('0 vs 0: ratio NaN, interval [0, Infinity]', () => {
    const rr = rateRatio(0, 28, 0, 28);
    expect(rr.ratio).toBeNaN();
    expect(rr.low).toBe(0);
    expect(rr.high).toBe(Infinity);
  });

  test('a 90% interval is narrower than the 95% one', () => {
    const a = rateRatio(30, 28, 20, 28, 0.1);
    const b = rateRatio(30, 28, 20, 28);
    expect(a.low).toBeGreaterThan(b.low);
    expect(a.high).toBeLessThan(b.high);
  });

  test('Garwood interval for 0 events: [0, −ln(0.025)/T]', () => {
    const ci = poissonRateInterval(0, 10);
    expect(ci.low).toBe(0);
    expectRel(ci.high, -Math.log(0.025) / 10, 1e-13);
  });
});
