import { describe, expect, test } from '@jest/globals';
import { dayFromCivil, formatDay } from '../../../src/core/civil.js';
import { denseStart } from '../../../src/core/trend.js';

describe('denseStart: where a default trend begins', () => {
  test('stray early dates are left out: the first month with 5% of the fullest month', () => {
    const days = new Map<number, number>([
      [dayFromCivil(1922, 2, 17), 1],
      [dayFromCivil(2019, 6, 3), 4],
      [dayFromCivil(2020, 1, 15), 100],
      [dayFromCivil(2020, 2, 10), 80],
    ]);
    expect(formatDay(denseStart(days))).toBe('2020-01-01');
  });
  test('dense data starts on its first day, not the first of its month', () => {
    const days = new Map<number, number>([
      [dayFromCivil(2021, 10, 5), 30],
      [dayFromCivil(2021, 11, 5), 30],
    ]);
    expect(formatDay(denseStart(days))).toBe('2021-10-05');
  });
});
