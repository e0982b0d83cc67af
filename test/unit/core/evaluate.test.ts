import { describe, expect, test } from '@jest/globals';
import { KEY_SEP, Tally } from '../../../src/core/aggregate.js';
import { dayFromCivil } from '../../../src/core/civil.js';
import { areaSetProblem, evaluateAreas } from '../../../src/core/evaluate.js';

/** A tally grouped by (offense, area) with n rows on one day per entry. */
function tally(entries: Array<[string, string, number, number]>): Tally {
  const t = new Tally(false);
  for (const [offense, area, day, n] of entries) {
    const g = t.group(offense + KEY_SEP + area);
    for (let i = 0; i < n; i++) t.add(g, day);
  }
  return t;
}

const d = dayFromCivil;
const win = (label: string, a: number, b: number) => ({ label, start: a, end: b });

describe('evaluateAreas', () => {
  // Wheeler & Ratcliffe (2018): control 308→318, treated 207→110, displacement-control 150→140, displacement 178→157.
  const b = d(2017, 6, 1);
  const a = d(2018, 6, 1);
  const t = tally([
    ['Burglary', 'T1', b, 120],
    ['Burglary', 'T2', b, 87],
    ['Burglary', 'T1', a, 60],
    ['Burglary', 'T2', a, 50],
    ['Burglary', 'C1', b, 308],
    ['Burglary', 'C1', a, 318],
    ['Burglary', 'D', b, 178],
    ['Burglary', 'D', a, 157],
    ['Burglary', 'DC', b, 150],
    ['Burglary', 'DC', a, 140],
    ['Theft', 'T1', b, 40],
    ['Theft', 'C1', a, 40],
  ]);
  const base = {
    groupBy: ['offense', 'area'] as const,
    sets: { target: ['T1', 'T2'], control: ['C1'], displacement: ['D'], displacementControl: ['DC'] },
    before: win('before', d(2017, 1, 1), d(2017, 12, 31)),
    after: win('after', d(2018, 1, 1), d(2018, 12, 31)),
    alpha: 0.05,
    offenses: ['Burglary'],
  };

  test('the paper: −118, SE √1568, z −2.97995, 95% CI −195.61…−40.39, p 0.00288', () => {
    const ev = evaluateAreas(t, base);
    expect(ev.sets).toEqual({
      target: { before: 207, after: 110 },
      control: { before: 308, after: 318 },
      displacement: { before: 178, after: 157 },
      displacementControl: { before: 150, after: 140 },
    });
    expect(ev.estimate).toBeCloseTo(-118, 12);
    expect(ev.se).toBeCloseTo(Math.sqrt(1568), 12);
    expect(ev.se).toBeCloseTo(39.5979797464, 9);
    expect(ev.z).toBeCloseTo(-2.979950006, 8);
    expect(ev.ci[0]).toBeCloseTo(-195.6106141636, 8);
    expect(ev.ci[1]).toBeCloseTo(-40.3893858364, 8);
    // scipy: 2 * norm.sf(118 / sqrt(1568))
    expect(ev.pValue).toBeCloseTo(0.0028829543, 9);
    expect(ev.local).toBeCloseTo(-107, 12);
    expect(ev.displacementEffect).toBeCloseTo(-11, 12);
    expect(ev.timeWeights).toEqual([1, 1]);
  });

  test('without the offense filter, Theft counts too; unknown areas are listed as missing', () => {
    const ev = evaluateAreas(t, { ...base, offenses: undefined, sets: { target: ['T1', 'T2', 'T9'], control: ['C1'] } });
    expect(ev.sets.target).toEqual({ before: 247, after: 110 });
    expect(ev.sets.control).toEqual({ before: 308, after: 358 });
    expect(ev.missing).toEqual({ target: ['T9'] });
  });

  test('time weights: before twice as long as after → −20, SE √115 (andrewpwheeler.com 2021-01-09)', () => {
    const tw = tally([
      ['Burglary', 'C', d(2021, 5, 1), 100],
      ['Burglary', 'C', d(2023, 5, 1), 50],
      ['Burglary', 'T', d(2021, 5, 1), 80],
      ['Burglary', 'T', d(2023, 5, 1), 20],
    ]);
    const ev = evaluateAreas(tw, {
      groupBy: ['offense', 'area'],
      sets: { target: ['T'], control: ['C'] },
      before: win('before', d(2021, 1, 1), d(2022, 12, 31)),
      after: win('after', d(2023, 1, 1), d(2023, 12, 31)),
      alpha: 0.05,
    });
    expect(ev.days).toEqual({ before: 730, after: 365 });
    expect(ev.timeWeights).toEqual([2, 1]);
    expect(ev.estimate).toBeCloseTo(-20, 12);
    expect(ev.se).toBeCloseTo(Math.sqrt(115), 12);
    expect(ev.ci[0]).toBeCloseTo(-41.018272155, 8);
    expect(ev.ci[1]).toBeCloseTo(1.018272155, 8);
  });
});

describe('area sets', () => {
  test('an area in two sets, or a lone displacement set, is a problem', () => {
    expect(areaSetProblem({ target: ['A', 'B'], control: ['B'] })).toEqual({ kind: 'overlap', area: 'B', sets: ['target', 'control'] });
    expect(areaSetProblem({ target: ['A'], control: ['B'], displacement: ['C'] })).toEqual({ kind: 'unpaired' });
    expect(areaSetProblem({ target: ['A'], control: ['B'], displacement: ['C'], displacementControl: ['A'] })).toEqual({
      kind: 'overlap',
      area: 'A',
      sets: ['target', 'displacementControl'],
    });
    expect(areaSetProblem({ target: ['A'], control: ['B'] })).toBeUndefined();
  });
});
