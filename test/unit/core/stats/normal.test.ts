import { describe, expect, test } from '@jest/globals';
import { erfc, normalCdf, normalQuantile, normalSf } from '../../../../src/core/stats/normal.js';

describe('normalCdf', () => {
  // mpmath ncdf at 40 digits.
  test.each([
    [-37, 5.725571222524577e-300],
    [-30, 4.906713927148187e-198],
    [-20, 2.7536241186062337e-89],
    [-10, 7.619853024160525e-24],
    [-8.5, 9.479534822203318e-18],
    [-5, 2.866515718791939e-7],
    [-3, 0.0013498980316300946],
    [-2.5, 0.006209665325776135],
    [-1.959963984540054, 0.025000000000000012],
    [-1, 0.15865525393145705],
    [-0.5, 0.3085375387259869],
    [0, 0.5],
    [0.3, 0.6179114221889527],
    [1, 0.8413447460685429],
    [1.6448536269514722, 0.95],
    [2, 0.9772498680518208],
    [3, 0.9986501019683699],
    [5, 0.9999997133484281],
    [8, 0.9999999999999993],
  ])('Φ(%f) = %f', (z, expected) => {
    const got = normalCdf(z);
    // Relative accuracy in the lower tail, absolute elsewhere.
    expect(Math.abs(got - expected)).toBeLessThanOrEqual(Math.max(1e-13 * expected, 1e-16));
  });

  test('the upper tail keeps relative precision: 1 − Φ(10) = 7.619853024160525e-24', () => {
    expect(Math.abs(normalSf(10) - 7.619853024160525e-24) / 7.619853024160525e-24).toBeLessThan(1e-13);
  });

  test('erfc is continuous across the series/continued-fraction switch at 2', () => {
    // mpmath erfc(2) = 0.004677734981047265837930743632747
    expect(Math.abs(erfc(2) - 0.004677734981047266) / 0.004677734981047266).toBeLessThan(1e-14);
    expect(Math.abs(erfc(2 - 1e-12) - erfc(2))).toBeLessThan(1e-13);
  });

  test('symmetry Φ(z) + Φ(−z) = 1', () => {
    for (const z of [0.1, 0.7, 1.3, 2.2, 3.9]) expect(Math.abs(normalCdf(z) + normalCdf(-z) - 1)).toBeLessThan(2e-16);
  });
});

describe('normalQuantile', () => {
  // mpmath: −√2·erfinv(1 − 2p) on the exact double p (findroot on ncdf for 1e-300).
  test.each([
    [1e-300, -37.0470962993612],
    [1e-100, -21.273453560965326],
    [1e-20, -9.262340089798407],
    [1e-10, -6.361340902404057],
    [1e-5, -4.264890793922825],
    [0.001, -3.0902323061678136],
    [0.02425, -1.972961051311885],
    [0.025, -1.9599639845400543],
    [0.05, -1.6448536269514726],
    [0.1, -1.2815515655446004],
    [0.3, -0.5244005127080408],
    [0.5, 0],
    [0.7, 0.5244005127080407],
    [0.9, 1.2815515655446006],
    [0.95, 1.6448536269514722],
    [0.975, 1.9599639845400538],
    [0.999, 3.090232306167813],
    [0.9999999999, 6.361340889697422],
  ])('Φ⁻¹(%f) = %f', (p, expected) => {
    expect(Math.abs(normalQuantile(p) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
  });

  test('edges', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
  });

  test('round trip Φ(Φ⁻¹(p)) = p', () => {
    for (const p of [1e-12, 0.0123, 0.2, 0.5, 0.61, 0.8, 0.987]) {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThanOrEqual(2e-15 * Math.max(p, 0.1));
    }
  });
});
