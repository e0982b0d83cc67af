import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { eTestPValue, eTestStatistic, lnGamma, lnPoissonPmf } from '../../../../src/core/stats/e-test.js';

type Alt = 'two-sided' | 'greater' | 'less';

/** |actual − expected| ≤ abs, or within rel relative error. */
function expectClose(actual: number, expected: number, abs = 1e-6, rel = 1e-4): void {
  const ok = Math.abs(actual - expected) <= abs || Math.abs(actual - expected) <= rel * Math.abs(expected);
  if (!ok) throw new Error(`expected ${expected}, got ${actual} (diff ${actual - expected})`);
  expect(ok).toBe(true);
}

/**
 * Direct transcription of K&T eq. 3.5 as SciPy evaluates it (every cell of a
 * box, same T expression), with a much wider box than SciPy's. Independent
 * of the run-finding and log-space bookkeeping of the implementation.
 */
function bruteForce(k1: number, n1: number, k2: number, n2: number, diff: number, alt: Alt): number {
  const lambda2 = (k1 + k2) / (n1 + n2) - (diff * n1) / (n1 + n2);
  if (lambda2 <= 0) return 1;
  const tObs = (k1 / n1 - k2 / n2 - diff) / Math.sqrt(k1 / (n1 * n1) + k2 / (n2 * n2));
  const m1 = n1 * (lambda2 + diff);
  const m2 = n2 * lambda2;
  const hi1 = Math.ceil(m1 + 20 * Math.sqrt(m1) + 60);
  const hi2 = Math.ceil(m2 + 20 * Math.sqrt(m2) + 60);
  let p = 0;
  for (let x1 = 0; x1 <= hi1; x1++) {
    const p1 = Math.exp(lnPoissonPmf(x1, m1));
    for (let x2 = 0; x2 <= hi2; x2++) {
      const lx1 = x1 / n1;
      const lx2 = x2 / n2;
      const t = (lx1 - lx2 - diff) / Math.sqrt(lx1 / n1 + lx2 / n2);
      const hit = alt === 'two-sided' ? Math.abs(t) >= Math.abs(tObs) : alt === 'less' ? t <= tObs : t >= tObs;
      if (hit) p += p1 * Math.exp(lnPoissonPmf(x2, m2));
    }
  }
  return p;
}

describe('published E-test examples (reference E1–E15)', () => {
  test('E1: 0/100 vs 3/100, K&T Ex. 1 p = 0.0884; SciPy 0.08837900945483518, stat −√3', () => {
    const p = eTestPValue(0, 100, 3, 100);
    expect(p).toBeCloseTo(0.0884, 4);
    expect(Math.abs(p - 0.08837900945483518)).toBeLessThan(1e-9);
    expect(eTestStatistic(0, 100, 3, 100)).toBeCloseTo(-1.7320508075688772, 14);
  });

  test('E2: 2/100 vs 6/100 p = 0.1749 (K&T Ex. 2); ptools e_test(6,2) = 0.1748748', () => {
    const p = eTestPValue(2, 100, 6, 100);
    expect(p).toBeCloseTo(0.1749, 4);
    expect(Math.abs(p - 0.1748748209437075)).toBeLessThan(1e-9);
    expect(Math.abs(eTestPValue(6, 1, 2, 1) - 0.1748748)).toBeLessThan(5e-8);
  });

  test.each([
    // [k1, n1, k2, n2, diff, alternative, authors' Fortran, SciPy 1.17.1]
    ['E3', 20, 10, 20, 10, 0, 'two-sided', 0.999999756892963, 0.9999999999999927],
    ['E4', 10, 10, 10, 10, 0, 'two-sided', 0.9999998403241203, 0.9999999979388506],
    ['E5', 50, 15, 1, 1, 0.05, 'two-sided', 0.09920321053409643, 0.0992033106930431],
    ['E6', 3, 100, 20, 300, 0, 'two-sided', 0.12202725450896404, 0.12202744803647189],
    ['E7', 3, 12, 4, 20, 0, 'greater', 0.40416087318539173, 0.4041608939582195],
    ['E8', 4, 20, 3, 100, 0, 'greater', 0.008053640402974236, 0.008053687460149835],
    ['E9', 4, 20, 3, 10, 0, 'less', 0.3083216325432898, 0.3083216612208533],
    ['E10', 1, 1, 50, 15, 0, 'less', 0.09322998607245102, 0.09323003745191652],
  ] as const)('%s: Fortran value within 2e-6, SciPy within 1e-9', (_id, k1, n1, k2, n2, diff, alt, fortran, scipy) => {
    const p = eTestPValue(k1, n1, k2, n2, { diff, alternative: alt });
    expect(Math.abs(p - fortran)).toBeLessThan(2e-6);
    expect(Math.abs(p - scipy)).toBeLessThan(1e-9);
  });

  test('E6: differs from the pooled ptools variant (0.16094)', () => {
    expect(Math.abs(eTestPValue(3, 100, 20, 300) - 0.16094)).toBeGreaterThan(0.03);
  });

  test('E11: 25 vs 16, p rounds to 0.165 (SciPy 0.1647963178547279)', () => {
    const p = eTestPValue(25, 1, 16, 1);
    expect(p).toBeCloseTo(0.165, 3);
    expect(Math.abs(p - 0.1647963178547279)).toBeLessThan(1e-9);
  });

  test('E12: 20 vs 10 ~0.069 (SciPy 0.06883178210810925)', () => {
    const p = eTestPValue(20, 1, 10, 1);
    expect(p).toBeCloseTo(0.069, 3);
    expect(Math.abs(p - 0.06883178210810925)).toBeLessThan(1e-9);
  });

  test('E13: 3 vs 0 equals 3/2 vs 0/2 (0.088379)', () => {
    const a = eTestPValue(3, 1, 0, 1);
    const b = eTestPValue(3, 2, 0, 2);
    expect(Math.abs(a - b)).toBeLessThan(1e-14);
    expect(Math.abs(a - 0.08837900945483518)).toBeLessThan(1e-9);
  });

  test('E14: 0 vs 0 gives p = 1 (SciPy), whatever the exposures and alternative', () => {
    expect(eTestPValue(0, 1, 0, 1)).toBe(1);
    expect(eTestPValue(0, 28, 0, 31)).toBe(1);
    expect(eTestPValue(0, 28, 0, 31, { alternative: 'greater' })).toBe(1);
  });

  test('E15: 10000/10000 vs 10000/10000 gives p ≈ 1, never above 1', () => {
    const p = eTestPValue(10000, 10000, 10000, 10000);
    expect(p).toBeLessThanOrEqual(1);
    expect(1 - p).toBeLessThan(1e-6);
  });

  test.each([
    // Reference "beside % change" values (2 significant digits), SciPy 1.17.1 full value.
    [115, 143, 0.082, 0.08150491212349922],
    [50, 55, 0.63, 0.6296361720128149],
    [38, 54, 0.096, 0.09593712835783469],
    [87014, 88203, 0.0045, 0.004504301595751301],
  ])('%i vs %i: p ≈ %f', (c, p0, published, scipy) => {
    const p = eTestPValue(c, 1, p0, 1);
    expect(Math.abs(p - published) / published).toBeLessThan(0.06);
    expect(Math.abs(p - scipy)).toBeLessThan(1e-9);
  });
});

describe('E-test against SciPy 1.17.1 poisson_means_test (two-sided, diff 0)', () => {
  // Expected values come from SciPy 1.17.1 `scipy.stats.poisson_means_test(k1, n1, k2, n2).pvalue`,
  // random counts 0..600 (seed 20261127) with window lengths in days as exposures.
  const table: [number, number, number, number, number][] = [
    [37, 273, 52, 274, 0.11578549278323572],
    [267, 28, 311, 28, 0.06728045060625966],
    [309, 365, 318, 366, 0.7423544896023891],
    [150, 31, 111, 30, 0.031217664319973144],
    [9, 7, 12, 7, 0.5300384585217106],
    [242, 90, 307, 92, 0.011723004036527294],
    [274, 1, 332, 1, 0.018499518102773657],
    [88, 30, 129, 31, 0.01069426239129554],
    [165, 273, 164, 274, 0.9240320069463659],
    [34, 28, 91, 28, 2.2427372409717442e-7],
    [5, 365, 6, 366, 0.8057189525248557],
    [41, 31, 43, 30, 0.7165887901778751],
    [501, 7, 460, 7, 0.1861996502848473],
    [28, 90, 0, 92, 3.74227413456905e-9],
    [457, 1, 507, 1, 0.10738830618516909],
    [529, 30, 581, 31, 0.3110930736807872],
    [8, 273, 15, 274, 0.15067476010113673],
    [35, 28, 35, 28, 0.9999999999113229],
    [487, 365, 527, 366, 0.22550150969478],
    [246, 31, 286, 30, 0.0348964347715052],
    [523, 7, 484, 7, 0.21930922161936087],
    [393, 90, 453, 92, 0.08114115357286993],
    [8, 1, 4, 1, 0.2624549180001014],
    [281, 30, 317, 31, 0.282900035006828],
    [523, 273, 480, 274, 0.15703046173583937],
    [468, 28, 488, 28, 0.5181189704099197],
    [241, 365, 217, 366, 0.25035536157612825],
    [521, 31, 528, 30, 0.4552286776222],
    [3, 7, 8, 7, 0.14070886922309583],
    [98, 90, 119, 92, 0.20634591549912257],
    [321, 1, 347, 1, 0.3148413209448487],
    [81, 30, 83, 31, 0.9533917229201158],
    [172, 273, 185, 274, 0.5150086438865901],
    [84, 28, 33, 28, 1.7273807419746316e-6],
    [0, 365, 1, 366, 0.4822130208999969],
    [303, 31, 251, 30, 0.06794252852531331],
    [339, 7, 335, 7, 0.8783157541116609],
    [259, 90, 230, 92, 0.12042290405970177],
    [12, 1, 0, 1, 0.0001473761116347145],
    [320, 30, 274, 31, 0.02238829981603012],
    [15, 273, 15, 274, 0.9651815412489775],
    [303, 28, 243, 28, 0.010215153949521088],
    [232, 365, 284, 366, 0.023813344151041877],
    [263, 31, 215, 30, 0.06592122016108494],
    [101, 7, 82, 7, 0.16126325816574313],
    [41, 90, 97, 92, 2.4637592842143588e-6],
    [9, 1, 1, 1, 0.008939048142047504],
    [78, 30, 63, 31, 0.14618813635292632],
  ];

  test.each(table)('%i/%i vs %i/%i → %f', (k1, n1, k2, n2, expected) => {
    const p = eTestPValue(k1, n1, k2, n2);
    expectClose(p, expected);
    // In fact much tighter: SciPy's box drops at most ~1e-10.
    expect(Math.abs(p - expected)).toBeLessThan(1e-9);
  });

  test('swapping the two samples leaves the two-sided p unchanged', () => {
    for (const [k1, n1, k2, n2] of table) {
      expect(Math.abs(eTestPValue(k2, n2, k1, n1) - eTestPValue(k1, n1, k2, n2))).toBeLessThan(1e-12);
    }
  });
});

describe('E-test with large counts', () => {
  // Third column: SciPy 1.17.1 poisson_means_test (took 0.2–7.5 s there).
  // SciPy stops at the 1e-10 quantiles, so it misses up to ~2e-10. Fourth
  // column: an independent brute force in numpy over every cell out to the
  // 1e-40 quantiles, summed in log space with scipy.stats.poisson.logpmf and
  // scipy.special.logsumexp (null = not run). poisson.logpmf itself carries
  // ~1e-10 relative error at these counts (x·ln μ − lnΓ(x+1) cancellation), so
  // the agreement asked for is 1e-9 relative (observed: up to 4e-10).
  test.each([
    [100000, 365, 101000, 366, 0.1058178851321479, 0.10581788533035617],
    [250000, 365, 249000, 366, 0.01722037927572958, 0.01722037947399323],
    [87014, 1, 88203, 1, 0.004504301595751301, 0.004504301791332753],
    [20000, 28, 20500, 28, 0.012972398421639005, null],
    [5000, 31, 5200, 30, 0.00027855659426936463, null],
  ])('%i/%i vs %i/%i matches SciPy', (k1, n1, k2, n2, scipy, wide) => {
    const p = eTestPValue(k1, n1, k2, n2);
    expectClose(p, scipy);
    expect(Math.abs(p - scipy)).toBeLessThan(5e-10);
    if (wide !== null) expect(Math.abs(p - wide)).toBeLessThan(1e-9 * wide);
  });

  test('300000 vs 310000 matches the wide brute force 1.5578662766389382e-37 to 1e-9 relative', () => {
    const p = eTestPValue(300000, 1, 310000, 1);
    expect(Math.abs(p - 1.5578662766389382e-37) / 1.5578662766389382e-37).toBeLessThan(1e-9);
  });
});

describe('tiny p-values are not 0', () => {
  test('0 vs 100 is 2.060627862267899e-29 (wide brute force) where SciPy returns 0', () => {
    const p = eTestPValue(0, 1, 100, 1);
    expect(Math.abs(p - 2.060627862267899e-29)).toBeLessThan(1e-12 * 2.06e-29);
  });

  test('0 vs 10000 underflows to the smallest double, not 0', () => {
    expect(eTestPValue(0, 1, 10000, 1)).toBe(Number.MIN_VALUE);
  });
});

describe('E-test agrees with a brute-force transcription of K&T eq. 3.5', () => {
  test('random small cases with diff and all alternatives', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.constantFrom(1, 7, 28, 31, 0.5, 2.5),
        fc.constantFrom(1, 7, 30, 28, 0.7),
        fc.constantFrom(0, 0, 0.05, 0.3, 1),
        fc.constantFrom<Alt>('two-sided', 'greater', 'less'),
        (k1, k2, n1, n2, diff, alt) => {
          const fast = eTestPValue(k1, n1, k2, n2, { diff, alternative: alt });
          const slow = bruteForce(k1, n1, k2, n2, diff, alt);
          return Math.abs(fast - slow) <= 1e-12 + 1e-10 * slow;
        },
      ),
      { seed: 424242, numRuns: 150 },
    );
  });
});

describe('input validation', () => {
  test.each([
    [-1, 1, 1, 1],
    [1.5, 1, 1, 1],
    [1, 0, 1, 1],
    [1, 1, 1, -2],
    [1, 1, 1, Number.NaN],
  ])('eTestPValue(%p, %p, %p, %p) throws', (k1, n1, k2, n2) => {
    expect(() => eTestPValue(k1, n1, k2, n2)).toThrow(RangeError);
  });

  test('negative diff throws', () => {
    expect(() => eTestPValue(1, 1, 1, 1, { diff: -0.1 })).toThrow(RangeError);
  });
});

describe('lnGamma and lnPoissonPmf', () => {
  test.each([
    // mpmath loggamma, 50 digits
    [0.1, 2.252712651734206],
    [0.5, 0.5723649429247001],
    [1, 0],
    [2, 0],
    [2.5, 0.2846828704729192],
    [7.3, 7.147892523022248],
    [100.5, 361.4355404677776],
    [300000, 3483455.9392614355],
  ])('lnGamma(%f)', (x, expected) => {
    expect(Math.abs(lnGamma(x) - expected)).toBeLessThanOrEqual(2e-14 * Math.max(1, Math.abs(expected)));
  });

  test.each([
    // mpmath: −μ + x ln μ − ln x!
    [0, 3, -3],
    [5, 3, -2.2944302994414976],
    [300000, 310000, -170.27786079054047],
    [310000, 300000, -172.0861777174224],
    [12, 0.01, -75.25925672751899],
  ])('lnPoissonPmf(%i, %f)', (x, m, expected) => {
    expect(Math.abs(lnPoissonPmf(x, m) - expected)).toBeLessThan(1e-13 * Math.abs(expected));
  });
});
