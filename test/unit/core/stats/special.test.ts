import { describe, expect, test } from '@jest/globals';
import {
  inverseRegularizedBeta,
  inverseRegularizedGammaP,
  lnBinomPmf,
  regularizedBeta,
  regularizedGammaP,
} from '../../../../src/core/stats/special.js';
import * as stats from '../../../../src/core/stats/index.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('incomplete beta and gamma (SciPy 1.17.1 betainc/betaincinv/gammainc/gammaincinv, mpmath for lnBinomPmf)', () => {
  test.each([
    [0.3, 2, 5, 0.5798250000000003],
    [0.5, 300000, 300001, 0.500515032054766],
    [0.9, 0.5, 0.5, 0.7951672353008665],
    [0.02, 11, 22, 1.7925566910185052e-11],
  ])('I_%f(%f, %f)', (x, a, b, expected) => {
    expect(rel(regularizedBeta(x, a, b), expected)).toBeLessThan(1e-12);
  });

  test.each([
    [0.025, 11, 22, 0.18571909171656614],
    [0.975, 12, 21, 0.5319310362802687],
    [0.025, 300000, 310001, 0.4905479306812006],
  ])('betaincinv(%f; %f, %f)', (p, a, b, expected) => {
    expect(rel(inverseRegularizedBeta(p, a, b), expected)).toBeLessThan(1e-13);
  });

  test.each([
    [137, 120, 0.06831528742643078],
    [138, 160, 0.9648215161971953],
    [0.5, 0.2, 0.47291074313446196],
    [1e5, 1.001e5, 0.6244451307044055],
  ])('P(%f, %f)', (a, x, expected) => {
    expect(rel(regularizedGammaP(a, x), expected)).toBeLessThan(1e-12);
  });

  test.each([
    [0.025, 137, 115.02053443379857],
    [0.975, 138, 161.9564046880734],
  ])('gammaincinv(%f; %f)', (p, a, expected) => {
    expect(rel(inverseRegularizedGammaP(p, a), expected)).toBeLessThan(1e-13);
  });

  test('lnBinomPmf', () => {
    expect(rel(lnBinomPmf(3, 10, 0.3), -1.3211512777668886)).toBeLessThan(1e-14);
    expect(rel(lnBinomPmf(5000, 12000, 0.4), -11.82189233993194)).toBeLessThan(1e-13);
  });
});

describe('index re-exports', () => {
  test('the CLI-facing names are there', () => {
    for (const name of [
      'eTestPValue',
      'lnGamma',
      'lnPoissonPmf',
      'conditionalTestPValue',
      'rateRatio',
      'wdd',
      'wddHarm',
      'normalCdf',
      'normalQuantile',
      'percentChange',
      'roundHalfAway',
      'isSmallCount',
    ]) {
      expect(typeof (stats as Record<string, unknown>)[name]).toBe('function');
    }
    expect(stats.SMALL_COUNT_THRESHOLD).toBe(10);
  });
});
