/**
 * compare's monitoring measures on constructed tallies: Wheeler's z per row,
 * the dispersion of each area against the overall change, and p-values
 * adjusted across the rows. The literals come from
 * scripts/monitor-references.py (Python decimal at 60 digits and exact
 * fractions, nothing from crimedelta); agreement to 1e-9.
 */
import { describe, expect, test } from '@jest/globals';
import { Tally } from '../../../src/core/aggregate.js';
import { dayFromCivil } from '../../../src/core/civil.js';
import { type Comparison, compareWindows } from '../../../src/core/compare.js';
import { zMark } from '../../../src/core/compare-monitor.js';
import { holm } from '../../../src/core/stats/index.js';
import type { Window } from '../../../src/core/types.js';

const close = (actual: number | null | undefined, expected: number) => {
  expect(typeof actual).toBe('number');
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1e-6, Math.abs(expected)));
};

const W1: Window = { label: '2022', start: dayFromCivil(2022, 1, 1), end: dayFromCivil(2022, 3, 31) };
const W2: Window = { label: '2023', start: dayFromCivil(2023, 1, 1), end: dayFromCivil(2023, 3, 31) };

/** A tally of areas with `pre` incidents in W1 and `post` in W2 (spread over the first days of each). */
function areas(pre: number[], post: number[]): Tally {
  const t = new Tally(false);
  pre.forEach((n, i) => {
    const g = t.group(`Area ${i + 1}`);
    for (let k = 0; k < n; k++) t.add(g, W1.start + (k % 90));
    for (let k = 0; k < post[i]!; k++) t.add(g, W2.start + (k % 90));
  });
  return t;
}

function run(pre: number[], post: number[], more: Partial<Parameters<typeof compareWindows>[2]> = {}): Comparison {
  return compareWindows(areas(pre, post), [W1, W2], { groupBy: ['area'], sort: 'name', dispersion: true, ...more });
}

const row = (c: Comparison, name: string) => c.rows.find((r) => r.key.area === name)!;

describe('--dispersion: expected = earlier × Σcurrent/Σearlier', () => {
  test('four areas, one far up and one far down', () => {
    const c = run([100, 200, 50, 30], [130, 230, 110, 18], { adjust: 'holm' });
    close(c.dispersion!.ratio, 1.2842105263157895);
    expect(c.dispersion).toMatchObject({ earlier: 380, current: 488 });
    const want: [string, number, number, number, number][] = [
      // area, expected, z, p, Holm-adjusted p across the four
      ['Area 1', 128.42105263157896, 0.13933157329425477, 0.91258609596351969, 0.91258609596351969],
      ['Area 2', 256.84210526315792, -1.6748791052658862, 0.096420772755402603, 0.19284154551080521],
      ['Area 3', 64.21052631578948, 5.7142934179659646, 2.6239997083837772e-7, 1.0495998833535109e-6],
      ['Area 4', 38.526315789473685, -3.3069853121910677, 0.00036669490896290476, 0.0011000847268887142],
    ];
    for (const [name, e, z, p, adj] of want) {
      const d = row(c, name).dispersion!;
      close(d.expected, e);
      close(d.difference, row(c, name).counts[1]! - e);
      close(d.z, z);
      close(d.pValue, p);
      close(d.pAdjusted, adj);
    }
    expect(c.total.dispersion).toBeUndefined();
    expect(c.adjusted).toEqual({ method: 'holm', tests: 4 });
  });

  test('Benjamini–Hochberg across the same four', () => {
    const c = run([100, 200, 50, 30], [130, 230, 110, 18], { adjust: 'bh' });
    close(row(c, 'Area 2').dispersion!.pAdjusted, 0.12856103034053681);
    close(row(c, 'Area 4').dispersion!.pAdjusted, 0.00073338981792580953);
  });

  test('ties: every area changing as the whole does is exactly as expected', () => {
    const c = run([40, 40], [48, 48], { adjust: 'holm' });
    for (const r of c.rows) expect(r.dispersion).toEqual({ expected: 48, difference: 0, z: 0, pValue: 1, pAdjusted: 1 });
  });

  test('a single row is the whole: as expected, whatever its change', () => {
    const c = run([25], [60]);
    close(c.dispersion!.ratio, 2.4);
    expect(c.rows[0]!.dispersion).toMatchObject({ expected: 60, difference: 0, z: 0, pValue: 1 });
  });

  test('zeros: an area with no earlier count has no expected count to be judged against', () => {
    const c = run([10, 0, 5], [12, 4, 5], { adjust: 'holm' });
    close(row(c, 'Area 1').dispersion!.z, -0.53452248382484879);
    close(row(c, 'Area 1').dispersion!.pValue, 0.71691683393268224);
    close(row(c, 'Area 3').dispersion!.pValue, 0.60141655234872193);
    expect(row(c, 'Area 2').dispersion).toMatchObject({ expected: 0, difference: 4, z: null, pValue: null });
    expect(row(c, 'Area 2').dispersion!.pAdjusted).toBeUndefined();
    // Two tests in the family, not three.
    expect(c.adjusted!.tests).toBe(2);
  });

  test('no earlier incidents at all: no ratio', () => {
    const c = run([0, 0], [3, 1]);
    expect(c.dispersion!.ratio).toBeNull();
    expect(c.rows.every((r) => r.dispersion!.z === null)).toBe(true);
  });

  test('per day and unequal windows: the expected count is the same, shown per day as well', () => {
    const long: Window = { label: 'long', start: dayFromCivil(2022, 1, 1), end: dayFromCivil(2022, 6, 29) }; // 180 days
    const t = areas([100, 200, 50, 30], [130, 230, 110, 18]);
    const c = compareWindows(t, [long, W2], { groupBy: ['area'], sort: 'name', dispersion: true, perDay: true });
    close(c.dispersion!.ratio, 1.2842105263157895);
    close(c.dispersion!.ratePerDay, (1.2842105263157895 * 180) / 90);
    close(row(c, 'Area 3').dispersion!.expected, 64.21052631578948);
    close(row(c, 'Area 3').dispersion!.expectedPerDay, 64.21052631578948 / 90);
  });
});

describe('--stats z on compare rows', () => {
  test("Wheeler's 16 → 25 is z = 2, and the total carries z too", () => {
    const c = compareWindows(areas([16, 4], [25, 9]), [W1, W2], { groupBy: ['area'], sort: 'name', z: true });
    expect(row(c, 'Area 1').z).toBe(2);
    expect(row(c, 'Area 2').z).toBe(2);
    close(c.total.z as number, 2 * (Math.sqrt(34) - Math.sqrt(20)));
  });

  test('three windows: one z per earlier window, and against the pooled mean', () => {
    const W0: Window = { label: '2021', start: dayFromCivil(2021, 1, 1), end: dayFromCivil(2021, 3, 31) };
    const t = new Tally(false);
    const g = t.group('A');
    for (const [w, n] of [
      [W0, 9],
      [W1, 16],
      [W2, 25],
    ] as const)
      for (let k = 0; k < n; k++) t.add(g, w.start + k);
    const c = compareWindows(t, [W0, W1, W2], { groupBy: ['area'], sort: 'name', z: true, baseline: 'mean' });
    expect(c.rows[0]!.z).toEqual([4, 2]);
    // 2022 has 90 days, 2021 90, 2023 90: the pooled mean is 12.5.
    close(c.rows[0]!.zVsMean, 2 * (5 - Math.sqrt(12.5)));
  });

  test('marks: * at |z| ≥ 2, ** at |z| ≥ 3', () => {
    expect([1.99, 2, -2.5, 3, -3.2, null].map(zMark)).toEqual(['', '*', '*', '**', '**', '']);
  });
});

describe('--adjust on the E-test p-values', () => {
  test('each column is one family across all groups, before --top; the total is not adjusted', () => {
    const t = areas([100, 200, 50, 30], [130, 230, 110, 18]);
    const c = compareWindows(t, [W1, W2], { groupBy: ['area'], sort: 'count', top: 2, stats: 'exact', adjust: 'holm' });
    expect(c.rows).toHaveLength(2);
    expect(c.adjusted).toEqual({ method: 'holm', tests: 4 });
    // The family is the four groups (Holm itself is checked in stats/monitor.test.ts), not the two shown.
    const all = compareWindows(t, [W1, W2], { groupBy: ['area'], sort: 'name', stats: 'exact' });
    const want = holm(all.rows.map((r) => r.pValue as number));
    const wantExact = holm(all.rows.map((r) => r.pExact as number));
    for (const r of c.rows) {
      const i = all.rows.findIndex((a) => a.key.area === r.key.area);
      expect(r.pAdjusted).toBe(want[i]);
      expect(r.pExactAdjusted).toBe(wantExact[i]);
      expect(r.pValue).toBe(all.rows[i]!.pValue);
    }
    expect(c.total.pAdjusted).toBeUndefined();
  });
});
