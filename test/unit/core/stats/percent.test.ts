import { describe, expect, test } from '@jest/globals';
import { percentChange, roundHalfAway } from '../../../../src/core/stats/percent.js';
import { isSmallCount, SMALL_COUNT_THRESHOLD } from '../../../../src/core/stats/small-counts.js';

const pct1 = (base: number, current: number, decimals: number): number => {
  const p = percentChange(base, current);
  if (p === null) throw new Error('base 0');
  return roundHalfAway(p, decimals);
};

describe('published percent changes (reference P1–P7), rounded as published', () => {
  test.each([
    // LAPD YTD 2006 vs 2005, whole percent (current, prior, published)
    ['Homicide', 414, 432, -4],
    ['Rape', 771, 826, -7],
    ['Robbery', 12300, 11534, 7],
    ['Agg assault', 12459, 13599, -8],
    ['Total violent', 25944, 26391, -2],
    ['Burglary', 17107, 18661, -8],
    ['Auto theft', 21049, 23065, -9],
    ['BTFV', 25392, 28493, -11],
    ['Pers/other theft', 23930, 26668, -10],
    ['Total property', 87478, 96887, -10],
    ['Total Part I', 113422, 123278, -8],
  ])('P1 %s: %i vs %i → %i%%', (_name, current, prior, published) => {
    expect(pct1(prior, current, 0)).toBe(published);
  });

  test('P1 exact values (2 decimals): −4.17, −6.66, 6.64, −8.38, −1.69, −8.33, −8.74, −10.88, −10.27, −9.71, −7.99', () => {
    const pairs: [number, number][] = [
      [414, 432],
      [771, 826],
      [12300, 11534],
      [12459, 13599],
      [25944, 26391],
      [17107, 18661],
      [21049, 23065],
      [25392, 28493],
      [23930, 26668],
      [87478, 96887],
      [113422, 123278],
    ];
    expect(pairs.map(([c, p]) => pct1(p, c, 2))).toEqual([-4.17, -6.66, 6.64, -8.38, -1.69, -8.33, -8.74, -10.88, -10.27, -9.71, -7.99]);
  });

  test.each([
    ['P2 Bronx YTD index crime', 87014, 88203, 1, -1.3],
    ['P3 rape, Nov', 115, 143, 1, -19.6],
    ['P4 shootings, Nov', 50, 55, 1, -9.1],
    ['P5 weekly 7 majors', 2905, 2977, 1, -2.4],
    ['P6 homicides', 236, 246, 2, -4.07],
    ['P6 shootings', 700, 799, 1, -12.4],
    ['P7 Sacramento homicides, "down 30%"', 38, 54, 0, -30],
  ])('%s: %i vs %i → %f', (_name, current, prior, decimals, published) => {
    expect(pct1(prior, current, decimals)).toBe(published);
  });

  test('unrounded values match the reference "Exact" column', () => {
    expect(percentChange(88203, 87014)).toBeCloseTo(-1.348, 3);
    expect(percentChange(143, 115)).toBeCloseTo(-19.58, 3);
    expect(percentChange(55, 50)).toBeCloseTo(-9.091, 3);
    expect(percentChange(2977, 2905)).toBeCloseTo(-2.4185, 4);
    expect(percentChange(246, 236)).toBeCloseTo(-4.065, 4);
    expect(percentChange(799, 700)).toBeCloseTo(-12.3905, 4);
    expect(percentChange(54, 38)).toBeCloseTo(-29.63, 2);
  });

  test('P8 (loose): 82 vs 74 is +10.8%, which the article truncated to "up 10 percent"', () => {
    expect(pct1(74, 82, 1)).toBe(10.8);
    expect(pct1(74, 82, 0)).toBe(11);
  });
});

describe('percentChange', () => {
  test('base 0 gives null, not 100 or Infinity', () => {
    expect(percentChange(0, 5)).toBeNull();
    expect(percentChange(0, 0)).toBeNull();
  });

  test('no rounding, and exact where the true value is a short decimal', () => {
    expect(percentChange(3, 4)).toBe(100 / 3);
    expect(percentChange(400, 399)).toBe(-0.25);
    expect(percentChange(8, 7)).toBe(-12.5);
    expect(percentChange(10, 0)).toBe(-100);
    expect(percentChange(5, 5)).toBe(0);
  });

  test('a half-way percent rounds away from zero', () => {
    // −0.25% and +0.25%, 1 decimal
    expect(pct1(400, 399, 1)).toBe(-0.3);
    expect(pct1(400, 401, 1)).toBe(0.3);
    // −12.5% to 0 decimals
    expect(pct1(8, 7, 0)).toBe(-13);
  });
});

describe('roundHalfAway', () => {
  test.each([
    [-6.05, 1, -6.1],
    [0.15, 1, 0.2],
    [1.005, 2, 1.01],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [0.5, 0, 1],
    [1.45, 1, 1.5],
    [-1.45, 1, -1.5],
    [1.44999, 1, 1.4],
    [0.05, 1, 0.1],
    [9.995, 2, 10],
    [99.95, 1, 100],
    [123.456, 0, 123],
    [123.456, 2, 123.46],
    [2.675, 2, 2.68],
    [1e-7, 2, 0],
    [5e-7, 6, 0.000001],
    [4.9e-7, 6, 0],
    [1.23e21, 1, 1.23e21],
    [12, 3, 12],
    [0.1 + 0.2, 1, 0.3],
  ])('roundHalfAway(%p, %i) = %p', (x, d, expected) => {
    expect(roundHalfAway(x, d)).toBe(expected);
  });

  test('never returns −0', () => {
    expect(Object.is(roundHalfAway(-0.04, 1), 0)).toBe(true);
    expect(Object.is(roundHalfAway(-0, 1), 0)).toBe(true);
  });

  test('non-finite values pass through, bad decimals throw', () => {
    expect(roundHalfAway(Infinity, 1)).toBe(Infinity);
    expect(roundHalfAway(Number.NaN, 1)).toBeNaN();
    expect(() => roundHalfAway(1, -1)).toThrow(RangeError);
    expect(() => roundHalfAway(1, 1.5)).toThrow(RangeError);
  });

  test('matches toFixed wherever toFixed has no half-way ambiguity', () => {
    for (let i = 0; i < 2000; i++) {
      const x = (i * 7.31 - 7000) / 97;
      const scaled = Math.abs(x * 100);
      if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6) continue;
      expect(roundHalfAway(x, 2)).toBe(Number(x.toFixed(2)));
    }
  });
});

describe('small-count rule', () => {
  test('threshold is 10', () => {
    expect(SMALL_COUNT_THRESHOLD).toBe(10);
  });

  test.each([
    [[4, 7], true],
    [[0, 0], true],
    [[9, 9], true],
    [[9, 10], false],
    [[3, 12], false],
    [[10, 10], false],
    [[0], true],
    [[], false],
  ])('isSmallCount(%p) = %p', (counts, expected) => {
    expect(isSmallCount(counts)).toBe(expected);
  });
});
