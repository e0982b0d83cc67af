/** Tally.project: counting grouped by more dimensions, then merging, equals counting with the fewer (ids included). */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { countWindows, KEY_SEP, Tally } from '../../../src/core/aggregate.js';

const rowArb = fc.record({
  offense: fc.constantFrom('Theft', 'Robbery', 'Arson'),
  area: fc.constantFrom('North', 'South', '011'),
  day: fc.integer({ min: 19000, max: 19060 }),
  id: fc.constantFrom('', 'a', 'b', 'c', 'd', 'e'),
});

function tallyOf(
  rows: { offense: string; area: string; day: number; id: string }[],
  key: (r: { offense: string; area: string }) => string,
  ids: boolean,
) {
  const t = new Tally(ids);
  for (const r of rows) {
    t.rowsRead++;
    t.add(t.group(key(r)), r.day, r.id);
  }
  return t;
}

describe('Tally.project', () => {
  test.each([false, true])('by offense,area projected to offense, area or nothing equals a direct count (ids: %s)', (ids) => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 60 }), (rows) => {
        const both = tallyOf(rows, (r) => r.offense + KEY_SEP + r.area, ids);
        const windows = [
          { label: 'a', start: 19000, end: 19029 },
          { label: 'b', start: 19030, end: 19060 },
        ];
        const cases: [(k: string) => string, (r: { offense: string; area: string }) => string][] = [
          [(k) => k.split(KEY_SEP)[0]!, (r) => r.offense],
          [(k) => k.split(KEY_SEP)[1]!, (r) => r.area],
          [() => '', () => ''],
          [(k) => k.split(KEY_SEP).reverse().join(KEY_SEP), (r) => r.area + KEY_SEP + r.offense],
        ];
        for (const [keyOf, direct] of cases) {
          const p = both.project(keyOf);
          const d = tallyOf(rows, direct, ids);
          expect(p.groups).toEqual(d.groups);
          expect(countWindows(p, windows)).toEqual(countWindows(d, windows));
          expect([p.rowsRead, p.rowsUsable, p.minDay, p.maxDay, p.rowsWithoutId]).toEqual([
            d.rowsRead,
            d.rowsUsable,
            d.minDay,
            d.maxDay,
            d.rowsWithoutId,
          ]);
        }
      }),
    );
  });
});
