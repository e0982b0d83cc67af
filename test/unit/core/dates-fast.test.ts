import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { type DateLayout, makeDayParser, makeGeneralParser } from '../../../src/core/dates.js';

const layouts: DateLayout[] = [
  { order: 'mdy', sep: '/', yearDigits: 4, padded: true, timeTokens: ' hh:mm:ss a', offset: false },
  { order: 'dmy', sep: '.', yearDigits: 4, padded: true, timeTokens: '', offset: false },
  { order: 'ymd', sep: '-', yearDigits: 4, padded: true, timeTokens: "'T'HH:mm:ss", offset: false },
  { order: 'ymd', sep: '/', yearDigits: 4, padded: true, timeTokens: '', offset: true },
];

// Values near the fast shapes: every character may be swapped for a nearby one.
const base = [
  '01/31/2023 11:59:59 PM',
  '02/29/2024 12:00:00 am',
  '31.12.2023',
  '2023-02-28',
  '2023/13/01',
  '2023-01-01T10:00:00',
  '00/00/0000 00:00:00 AM',
];
const mutate = fc
  .tuple(
    fc.constantFrom(...base),
    fc.array(fc.tuple(fc.nat(25), fc.constantFrom('0', '1', '9', '/', '-', '.', ' ', ':', 'A', 'P', 'M', 'x', '')), { maxLength: 3 }),
  )
  .map(([s, edits]) => {
    let t = s;
    for (const [i, c] of edits) t = t.slice(0, i) + c + t.slice(i + 1);
    return t;
  });

describe('fixed-position date fast path', () => {
  test.each(layouts.map((l) => [JSON.stringify(l), l] as const))('same day as the general parser: %s', (_, layout) => {
    const fast = makeDayParser(layout);
    const general = makeGeneralParser(layout);
    fc.assert(
      fc.property(fc.oneof(mutate, fc.string({ maxLength: 24 })), (s) => {
        expect(fast(s)).toBe(general(s));
      }),
      { numRuns: 3000 },
    );
  });
});
