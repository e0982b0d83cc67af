import { describe, expect, test } from '@jest/globals';
import { addMonths, civilFromDay, dayFromCivil, formatDay, parseIsoDay, sameDateInYear, weekdayMon0 } from '../../../src/core/civil.js';

describe('civil day numbers', () => {
  test.each([
    [1970, 1, 1, 0],
    [2000, 3, 1, 11017],
    [2024, 2, 29, 19782],
    [1, 1, 1, -719162],
    [9999, 12, 31, 2932896],
  ])('%i-%i-%i is day %i and back', (y, m, d, day) => {
    expect(dayFromCivil(y, m, d)).toBe(day);
    expect(civilFromDay(day)).toEqual({ y, m, d });
  });

  test('round-trips every day from 1899 to 2101', () => {
    const bad: number[] = [];
    for (let day = dayFromCivil(1899, 1, 1); day <= dayFromCivil(2101, 12, 31); day++) {
      const { y, m, d } = civilFromDay(day);
      if (dayFromCivil(y, m, d) !== day) bad.push(day);
    }
    expect(bad).toEqual([]);
  });

  test('weekday: 2023-09-25 is a Monday, 2023-10-01 a Sunday', () => {
    expect(weekdayMon0(dayFromCivil(2023, 9, 25))).toBe(0);
    expect(weekdayMon0(dayFromCivil(2023, 10, 1))).toBe(6);
  });

  test('Feb 29 in a common year is Feb 28', () => {
    expect(formatDay(sameDateInYear(dayFromCivil(2024, 2, 29), 2023))).toBe('2023-02-28');
  });

  test('month arithmetic clamps to month end', () => {
    expect(formatDay(addMonths(dayFromCivil(2023, 3, 31), -1))).toBe('2023-02-28');
    expect(formatDay(addMonths(dayFromCivil(2023, 12, 16), 3))).toBe('2024-03-16');
  });

  test('parseIsoDay rejects impossible dates', () => {
    expect(parseIsoDay('2023-02-29')).toBeUndefined();
    expect(parseIsoDay('2024-02-29')).toBe(dayFromCivil(2024, 2, 29));
    expect(parseIsoDay('2024-2-9')).toBeUndefined();
  });
});
