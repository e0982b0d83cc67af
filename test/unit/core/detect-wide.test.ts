import { describe, expect, test } from '@jest/globals';
import { firstOfName, resolveRoles } from '../../../src/core/roles/detect.js';

describe('role detection on very wide headers', () => {
  test('firstOfName marks the first column of each name', () => {
    expect(firstOfName(['a', 'b', 'a', 'c', 'b', 'a'])).toEqual([true, true, false, true, false, false]);
  });

  test('100,000 columns: the date and offense columns are found (detection is linear in the columns)', () => {
    const n = 100_000;
    const header = [...Array.from({ length: n }, (_, i) => `c${i}`), 'Occurred Date', 'Offense Category', 'c7'];
    const rows = Array.from({ length: 8 }, (_, r) => [
      ...Array.from({ length: n }, (_, i) => String((i + r) % 7)),
      `2023-01-${String((r % 28) + 1).padStart(2, '0')}`,
      r % 2 ? 'THEFT' : 'ROBBERY',
      'x',
    ]);
    const roles = resolveRoles(header, rows, {}, 'wide.csv');
    expect(roles.names.date).toBe('Occurred Date');
    expect(roles.names.offense).toBe('Offense Category');
    expect(roles.index).toEqual({ date: n, offense: n + 1, area: -1, id: -1 });
  });
});
