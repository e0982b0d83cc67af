import { describe, expect, test } from '@jest/globals';
import { HOURS_NEEDED, offsetAdvice } from '../../../src/core/file-dates.js';

/** Stamps whose incidents follow a daily cycle lowest at `quietHour` (as written), `n` of them, with this offset text. */
function stamps(n: number, quietHour: number, offset: string): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const h = i % 24;
    // Distance from the quiet hour, around the clock: the nearer, the fewer rows.
    const d = Math.min((h - quietHour + 24) % 24, (quietHour - h + 24) % 24);
    for (let k = 0; k < d + 1 && out.length < n; k++) out.push(`2023-05-0${1 + (k % 9)}T${String(h).padStart(2, '0')}:15:00${offset}`);
  }
  return out;
}

describe('offsetAdvice: what +00 stamps look like', () => {
  test('fewest incidents at 13:00 UTC: a city 8 hours behind UTC, such as Los Angeles', () => {
    expect(offsetAdvice(stamps(1000, 13, '+00'), 'X')).toBe(
      'carry a UTC offset (e.g. "X"); incidents are fewest around 13:00 as written, but crime is lowest around 5–6 a.m. local time: the stamps look like UTC of a city 8 hours behind UTC (such as America/Los_Angeles); counting the date as written — give --tz ZONE to count local days',
    );
  });
  test('fewest at 05:00 as written: the +00 is local time', () => {
    expect(offsetAdvice(stamps(1000, 5, 'Z'), 'X')).toBe(
      'carry a UTC offset (e.g. "X"); incidents are fewest around 05:00 as written, as in local time (crime is lowest around 5–6 a.m.): the stamps look local, so counting the date as written',
    );
  });
  test('fewest at 02:00 UTC: a city 3 hours ahead of UTC (no example zone)', () => {
    expect(offsetAdvice(stamps(1000, 2, '+00:00'), 'X')).toContain('the stamps look like UTC of a city 3 hours ahead of UTC;');
  });
  test('a non-zero offset: the date written is that offset’s own date', () => {
    expect(offsetAdvice(stamps(300, 5, '-05:00'), 'X')).toBe(
      'carry a UTC offset (e.g. "X"); counting the date as written, the local date of that offset (--tz ZONE counts another zone\'s days)',
    );
  });
  test(`fewer than ${HOURS_NEEDED} stamps, or all at midnight: no guess`, () => {
    const few =
      'carry a UTC offset (e.g. "X"); counting the date as written: too few times of day to tell UTC from local time — give --tz ZONE if they are UTC';
    expect(offsetAdvice(stamps(HOURS_NEEDED - 1, 13, '+00'), 'X')).toBe(few);
    expect(offsetAdvice(new Array<string>(500).fill('2023-05-01T00:00:00Z'), 'X')).toBe(few);
  });
});
