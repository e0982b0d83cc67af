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

describe('DayCounts keeps every row whatever the span of its days', () => {
  const check = (days: number[]) => {
    const c = new DayCounts();
    const m = new Map<number, number>();
    for (const d of days) {
      c.add(d);
      m.set(d, (m.get(d) ?? 0) + 1);
    }
    let total = 0;
    c.forEach((_, n) => (total += n));
    expect(total).toBe(days.length);
    expect([...c.toMap()].sort((a, b) => a[0] - b[0])).toEqual([...m].sort((a, b) => a[0] - b[0]));
  };

  test('a stray date a century before the rest (spans at the dense limit)', () => {
    // 1923-01-01 and then 40 rows a day from 2023-01-01: the span reaches 36,570–36,600 days
    // while the rows are packed, where the array used to come out up to 31 days short.
    for (const end of [36_565, 36_570, 36_585, 36_599, 36_600, 36_601, 36_640]) {
      const days = [0];
      for (let d = end - 89; d <= end; d++) for (let k = 0; k < 40; k++) days.push(d);
      check(days);
    }
  });

  test('random spans from one day to 150 years, first and last days at random', () => {
    fc.assert(
      fc.property(
        // spans near the dense limit (about 100 years) are drawn often
        fc.oneof(fc.integer({ min: 1, max: 150 * 366 }), fc.integer({ min: 36_400, max: 36_800 })),
        fc.integer({ min: -30_000, max: 30_000 }),
        fc.integer({ min: 1, max: 4000 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (span, first, rows, seed) => {
          let x = seed;
          const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff) / 0x80000000;
          const days = [first, first + span - 1];
          for (let i = 0; i < rows; i++) days.push(first + Math.floor(rnd() * span));
          // sometimes the extreme days come last
          if (seed % 2) days.reverse();
          check(days);
        },
      ),
      { numRuns: 100 },
    );
  });
});
