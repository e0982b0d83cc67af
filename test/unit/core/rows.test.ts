import { describe, expect, test } from '@jest/globals';
import { orderRows, type SortMeasure } from '../../../src/core/rows.js';

type Row = { key: { offense: string }; m: SortMeasure };
const rows = (): Row[] => [
  { key: { offense: 'Burglary' }, m: { count: 5, change: -2, pct: -28.6 } },
  { key: { offense: 'Arson' }, m: { count: 2, change: 2, pct: null } },
  { key: { offense: 'Robbery' }, m: { count: 5, change: 1, pct: 25 } },
  { key: { offense: 'Assault' }, m: { count: 9, change: -3, pct: -25 } },
];
const names = (r: Row[]) => r.map((x) => x.key.offense);

describe('orderRows', () => {
  test.each([
    ['count', ['Assault', 'Burglary', 'Robbery', 'Arson']],
    ['change', ['Assault', 'Arson', 'Burglary', 'Robbery']],
    ['pct', ['Burglary', 'Assault', 'Robbery', 'Arson']],
    ['name', ['Arson', 'Assault', 'Burglary', 'Robbery']],
  ] as const)('--sort %s: largest first, n/a last, ties by name', (sort, expected) => {
    expect(names(orderRows(rows(), sort, (r) => r.m))).toEqual(expected);
  });
  test('--top keeps the first N after ordering', () => {
    expect(names(orderRows(rows(), 'count', (r) => r.m, 2))).toEqual(['Assault', 'Burglary']);
  });
});
