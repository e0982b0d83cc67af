import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { DayCounts } from '../../../src/core/aggregate.js';

describe('DayCounts', () => {
  test('counts like a Map whatever the order and spread of days', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 19000, max: 19400 }), fc.integer({ min: -50000, max: 80000 })), { maxLength: 3000 }),
        (days) => {
          const c = new DayCounts();
          const m = new Map<number, number>();
          for (const d of days) {
            c.add(d);
            m.set(d, (m.get(d) ?? 0) + 1);
          }
          expect([...c.toMap()].sort((a, b) => a[0] - b[0])).toEqual([...m].sort((a, b) => a[0] - b[0]));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('a dense group grows, and turns back into a Map when its range gets too wide', () => {
    const c = new DayCounts();
    const m = new Map<number, number>();
    const add = (d: number) => {
      c.add(d);
      m.set(d, (m.get(d) ?? 0) + 1);
    };
    for (let i = 0; i < 2000; i++) add(19000 + (i % 300));
    add(18000);
    add(21000);
    for (let i = 0; i < 500; i++) add(17000 + i);
    add(-40000);
    add(19000);
    expect([...c.toMap()].sort((a, b) => a[0] - b[0])).toEqual([...m].sort((a, b) => a[0] - b[0]));
  });
});
