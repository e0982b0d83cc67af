import { describe, expect, test } from '@jest/globals';
import { formatPValue, humanCell, plainCell, roundHalfAway } from '../../../src/format/cells.js';
import { neutralizeFormula, visible } from '../../../src/format/sanitize.js';

describe('rounding half away from zero', () => {
  test.each([
    [-6.0606, 1, -6.1],
    [-6.05, 1, -6.1],
    [6.05, 1, 6.1],
    [0.15, 1, 0.2],
    [1.15, 1, 1.2],
    [-1.15, 1, -1.2],
    [1.005, 2, 1.01],
    [-0.04, 1, 0],
    [-17.99970174, 1, -18],
    [12.5, 0, 13],
    [-12.5, 0, -13],
  ])('%f at %i decimals → %f', (x, d, r) => {
    expect(roundHalfAway(x, d)).toBe(r);
  });
  // Published figures (../shared/reference/statistics.md P1–P7), recomputed from the counts.
  test.each([
    [88203, 87014, '−1.3%'],
    [143, 115, '−19.6%'],
    [55, 50, '−9.1%'],
    [2977, 2905, '−2.4%'],
    [54, 38, '−29.6%'],
    [11534, 12300, '+6.6%'],
  ])('%i → %i prints %s', (base, cur, text) => {
    expect(humanCell(((cur - base) / base) * 100, 'pct')).toBe(text);
  });
});

describe('cells', () => {
  test('human: separators, signs, n/a, no negative zero', () => {
    expect(humanCell(20117, 'count')).toBe('20,117');
    expect(humanCell(-3621, 'change')).toBe('−3,621');
    expect(humanCell(294, 'change')).toBe('+294');
    expect(humanCell(0, 'change')).toBe('0');
    expect(humanCell(null, 'pct')).toBe('n/a');
    expect(humanCell(-0.04, 'pct')).toBe('0.0%');
  });
  test('plain: no separators, no %, empty n/a, ASCII minus', () => {
    expect(plainCell(20117, 'count')).toBe('20117');
    expect(plainCell(-3621, 'change')).toBe('-3621');
    expect(plainCell(-6.0606, 'pct')).toBe('-6.1');
    expect(plainCell(null, 'pct')).toBe('');
  });
  test('p-values are never printed as 0', () => {
    expect(formatPValue(0)).toBe('<1e-15');
    expect(formatPValue(0.0884)).toBe('0.088');
    expect(formatPValue(0.00045)).toBe('4.5e-4');
  });
});

describe('sanitize', () => {
  test('formula-like text gets a leading quote; other text is unchanged', () => {
    expect(['=1+2', '+1', '-x', '@SUM(A1)', '\tx', '\rx', 'Robbery', '1-2'].map(neutralizeFormula)).toEqual([
      "'=1+2",
      "'+1",
      "'-x",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      'Robbery',
      '1-2',
    ]);
  });
  test('control characters become visible symbols', () => {
    expect(visible('a\u001b[31mb\u0000c\u007f\u009b\u202e')).toBe('a\u241b[31mb\u2400c\u2421<U+009B><U+202E>');
  });
});
