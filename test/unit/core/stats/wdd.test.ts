import { describe, expect, test } from '@jest/globals';
import { wdd, wddHarm } from '../../../../src/core/stats/wdd.js';

const close = (actual: number | null, expected: number, tol: number): void => {
  if (actual === null) throw new Error('expected a number, got null');
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);
};

describe('published WDD examples (reference W1–W7)', () => {
  test('W1: C(20,20) T(20,10), α = 0.1: local −10, SE 8.3666, Z −1.195229, 90% CI −23.761833…3.761833', () => {
    const r = wdd({ control: { before: 20, after: 20 }, target: { before: 20, after: 10 }, alpha: 0.1 });
    close(r.local, -10, 1e-12);
    close(r.localSe, 8.3666, 5e-5);
    close(r.se, Math.sqrt(70), 1e-12);
    close(r.z, -1.195229, 5e-7);
    close(r.ci[0], -23.761833, 5e-7);
    close(r.ci[1], 3.761833, 5e-7);
    expect(r.displacement).toBeNull();
    expect(r.displacementSe).toBeNull();
    expect(r.alpha).toBe(0.1);
  });

  test('W2: paper numbers, α = 0.05: local −107 (SE 30.708), disp −11 (SE 25), total −118, SE √1568, Z −2.98, CI −196…−40', () => {
    const r = wdd({
      control: { before: 308, after: 318 },
      target: { before: 207, after: 110 },
      displacementControl: { before: 150, after: 140 },
      displacement: { before: 178, after: 157 },
    });
    close(r.local, -107, 1e-12);
    close(r.localSe, 30.708, 5e-4);
    close(r.displacement, -11, 1e-12);
    close(r.displacementSe, 25, 1e-12);
    close(r.estimate, -118, 1e-12);
    close(r.se, Math.sqrt(1568), 1e-12);
    close(r.se, 39.598, 5e-4);
    close(r.z, -2.97995, 5e-6);
    expect(r.z.toFixed(2)).toBe('-2.98');
    close(r.ci[0], -195.61, 5e-3);
    close(r.ci[1], -40.39, 5e-3);
    expect(Math.round(r.ci[0])).toBe(-196);
    expect(Math.round(r.ci[1])).toBe(-40);
    // SciPy 1.17.1: 2·norm.sf(118/√1568)
    close(r.pValue, 0.0028829543049806376, 1e-15);
  });

  test('W3: C(100,50) T(80,20), time weights (2,1): −20, SE √115 ≈ 10.7238, CI −41.018…1.018; unweighted −10, SE √250', () => {
    const base = { control: { before: 100, after: 50 }, target: { before: 80, after: 20 } };
    const r = wdd({ ...base, timeWeights: [2, 1] });
    close(r.estimate, -20, 1e-12);
    close(r.se, Math.sqrt(115), 1e-12);
    close(r.se, 10.7238, 5e-5);
    close(r.ci[0], -41.018, 5e-4);
    close(r.ci[1], 1.018, 5e-4);
    const u = wdd(base);
    close(u.estimate, -10, 1e-12);
    close(u.se, Math.sqrt(250), 1e-12);
    close(u.se, 15.8, 0.05);
  });

  test('W4: W2 with area weights (0.9, 1.2, 1.6, 1.5): −99.69444444, 35.4280755, Z −2.813995483, CI −169.1321965…−30.25669241', () => {
    const r = wdd({
      control: { before: 308, after: 318 },
      target: { before: 207, after: 110 },
      displacementControl: { before: 150, after: 140 },
      displacement: { before: 178, after: 157 },
      areaWeights: [0.9, 1.2, 1.6, 1.5],
    });
    close(r.estimate, -99.69444444, 5e-9);
    close(r.se, 35.4280755, 5e-8);
    close(r.z, -2.813995483, 5e-10);
    close(r.ci[0], -169.1321965, 5e-8);
    close(r.ci[1], -30.25669241, 5e-9);
  });

  test('W5: harm-weighted five crimes, weights (3,2,5,7,10): H −1721, SE 304.1036, Z −5.659256, CI −2317.032…−1124.968', () => {
    const crimes: [number, number, number, number, number][] = [
      // control before, after; target before, after; harm weight
      [133, 91, 130, 74, 3],
      [388, 305, 327, 202, 2],
      [148, 97, 398, 190, 5],
      [86, 64, 144, 92, 7],
      [94, 67, 183, 96, 10],
    ];
    const items = crimes.map(([c0, c1, t0, t1, weight]) => {
      const r = wdd({ control: { before: c0, after: c1 }, target: { before: t0, after: t1 } });
      return { estimate: r.estimate, se: r.se, weight };
    });
    const h = wddHarm({ items });
    close(h.estimate, -1721, 1e-9);
    close(h.se, 304.1036, 5e-5);
    close(h.z, -5.659256, 5e-7);
    close(h.ci[0], -2317.032, 5e-4);
    close(h.ci[1], -1124.968, 5e-4);
    expect(h.alpha).toBe(0.05);
    expect(h.pValue).toBeGreaterThan(0);
    expect(h.pValue).toBeLessThan(2e-8);
  });

  test('W6: C(100,90) T(100,80): WDD −10, standard error 19 (19.235)', () => {
    const r = wdd({ control: { before: 100, after: 90 }, target: { before: 100, after: 80 } });
    close(r.estimate, -10, 1e-12);
    close(r.se, 19.235, 5e-4);
    expect(Math.round(r.se)).toBe(19);
  });

  test('W7: C(0,20) T(0,10), no pre period: Z −1.8257, two-tailed p ~0.068 (0.06789)', () => {
    const r = wdd({ control: { before: 0, after: 20 }, target: { before: 0, after: 10 } });
    close(r.z, -1.8257, 5e-5);
    close(r.pValue, 0.068, 5e-4);
    // SciPy 1.17.1: 2·norm.sf(10/√30)
    close(r.pValue, 0.06788915486182899, 1e-15);
  });
});

describe('WDD edge cases and validation', () => {
  test('all counts 0: estimate 0, se 0, z 0, p 1', () => {
    const r = wdd({ control: { before: 0, after: 0 }, target: { before: 0, after: 0 } });
    expect(r.estimate).toBe(0);
    expect(r.se).toBe(0);
    expect(r.z).toBe(0);
    expect(r.pValue).toBe(1);
    expect(r.ci).toEqual([0, 0]);
  });

  test('default alpha is 0.05 (95%)', () => {
    const r = wdd({ control: { before: 20, after: 20 }, target: { before: 20, after: 10 } });
    expect(r.alpha).toBe(0.05);
    close(r.ci[1] - r.estimate, 1.959963984540054 * Math.sqrt(70), 1e-12);
  });

  test('displacement without its control throws', () => {
    expect(() => wdd({ control: { before: 1, after: 1 }, target: { before: 1, after: 1 }, displacement: { before: 1, after: 1 } })).toThrow(
      RangeError,
    );
  });

  test.each([
    [{ control: { before: -1, after: 1 }, target: { before: 1, after: 1 } }],
    [{ control: { before: 1, after: 1 }, target: { before: 1, after: Number.NaN } }],
    [{ control: { before: 1, after: 1 }, target: { before: 1, after: 1 }, timeWeights: [0, 1] as [number, number] }],
    [{ control: { before: 1, after: 1 }, target: { before: 1, after: 1 }, alpha: 1 }],
  ])('invalid input %# throws', (input) => {
    expect(() => wdd(input)).toThrow(RangeError);
  });

  test('wddHarm rejects an empty list', () => {
    expect(() => wddHarm({ items: [] })).toThrow(RangeError);
  });
});

describe('WDD p-value floor', () => {
  test('an overwhelming change gives the smallest double, not 0', () => {
    const r = wdd({ control: { before: 100000, after: 100000 }, target: { before: 100000, after: 0 } });
    expect(r.pValue).toBe(Number.MIN_VALUE);
  });
});
