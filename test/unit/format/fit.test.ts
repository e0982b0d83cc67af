import { describe, expect, test } from '@jest/globals';
import { boxWidth, clipCaption, clipToWidth, fitPlan, wrapLine } from '../../../src/format/fit.js';

const len = (s: string) => s.length;

describe('fitPlan', () => {
  test('a table that fits stays as it is', () => {
    expect(fitPlan(['text', 'count'], [10, 5], 80)).toEqual({ widths: [10, 5], boxes: [[0, 1]] });
  });

  test('a long label is shortened until the one box fits', () => {
    const plan = fitPlan(['text', 'count', 'count'], [40, 5, 5], 40);
    expect(plan).toEqual({ widths: [20, 5, 5], boxes: [[0, 1, 2]] });
    expect(boxWidth(plan.widths)).toBe(40);
  });

  test('of two labels the wider is shortened first', () => {
    expect(fitPlan(['text', 'text', 'count'], [30, 20, 5], 50)).toEqual({ widths: [17, 18, 5], boxes: [[0, 1, 2]] });
  });

  test('a wide table folds into boxes that repeat the labels, a % staying beside its change', () => {
    expect(fitPlan(['text', 'count', 'count', 'change', 'pct'], [30, 10, 10, 10, 10], 60)).toEqual({
      widths: [24, 10, 10, 10, 10],
      boxes: [
        [0, 1, 2],
        [0, 3, 4],
      ],
    });
  });

  test('labels are shortened further when a box could not hold a column beside them', () => {
    const plan = fitPlan(['text', 'count', 'count', 'change', 'pct'], [30, 10, 10, 10, 10], 40);
    expect(plan).toEqual({
      widths: [23, 10, 10, 10, 10],
      boxes: [
        [0, 1],
        [0, 2],
        [0, 3],
        [0, 4],
      ],
    });
    for (const box of plan.boxes) expect(boxWidth(box.map((i) => plan.widths[i]!))).toBeLessThanOrEqual(40);
  });
});

describe('wrapLine', () => {
  test('wraps between words', () => {
    expect(wrapLine('one two three four', 9, len)).toEqual(['one two', 'three', 'four']);
  });
  test('a word longer than the line stays whole', () => {
    expect(wrapLine('a 1234567890 b', 5, len)).toEqual(['a', '1234567890', 'b']);
  });
  test('a short line is returned as it is', () => {
    expect(wrapLine('short', 80, len)).toEqual(['short']);
  });
});

describe('clipCaption and clipToWidth', () => {
  test('a caption over 1,000 characters is cut between words', () => {
    const long = 'word '.repeat(300).trim();
    const cut = clipCaption(long);
    expect(cut).toHaveLength(996);
    expect(cut.endsWith('word \u2026')).toBe(true);
    expect(clipCaption('short caption')).toBe('short caption');
  });
  test('a cell is cut to its width with an ellipsis', () => {
    expect(clipToWidth('abcdefgh', 5, len)).toBe('abcd\u2026');
    expect(clipToWidth('abc', 5, len)).toBe('abc');
  });
});
