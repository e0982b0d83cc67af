import { describe, expect, test } from '@jest/globals';
import { dayFromCivil } from '../../../src/core/civil.js';
import { rowsByPeriod } from '../../../src/core/inspect.js';
import { areaLikeName, idLikeName } from '../../../src/core/roles/detect.js';

const d = dayFromCivil;

describe('rowsByPeriod: what the data covers, month by month', () => {
  test('months from the first to the last day; partial months marked; a gap is a 0 month', () => {
    const days = new Map<number, number>([
      [d(2023, 1, 15), 10],
      [d(2023, 2, 1), 20],
      [d(2023, 2, 28), 20],
      [d(2023, 4, 30), 30],
    ]);
    const r = rowsByPeriod(days, d(2023, 4, 30));
    expect(r.unit).toBe('month');
    expect(r.periods).toEqual([
      { period: '2023-01', rows: 10, complete: false },
      { period: '2023-02', rows: 40, complete: true },
      { period: '2023-03', rows: 0, complete: true },
      { period: '2023-04', rows: 30, complete: true },
    ]);
    // Scaled from 0: the empty month is the lowest bar, the partial one a dot.
    expect(r.sparkline).toBe('·█▁▇');
    expect(r.strayEarlyRows).toBe(0);
  });
  test('more than 36 months are shown by year; stray early dates are counted apart', () => {
    const days = new Map<number, number>([
      [d(1922, 2, 17), 1],
      [d(2018, 1, 1), 100],
      [d(2019, 6, 1), 100],
      [d(2020, 6, 1), 100],
      [d(2021, 3, 1), 50],
    ]);
    const r = rowsByPeriod(days, d(2021, 3, 1));
    expect(r.unit).toBe('year');
    expect(r.periods).toEqual([
      { period: '2018', rows: 100, complete: true },
      { period: '2019', rows: 100, complete: true },
      { period: '2020', rows: 100, complete: true },
      { period: '2021', rows: 50, complete: false },
    ]);
    expect(r.strayEarlyRows).toBe(1);
  });
  test('no rows: no periods', () => {
    expect(rowsByPeriod(new Map(), Number.NaN)).toEqual({ unit: 'month', periods: [], strayEarlyRows: 0, sparkline: '' });
  });
});

describe('column names inspect guesses from', () => {
  test.each([
    ['IncidentNum', true],
    ['incident_number', true],
    ['Case Number', true],
    ['CaseNumber', true],
    ['DR_NO', true],
    ['id', true],
    ['Incident ID', true],
    ['Victims', false],
  ])('%s is an id-like name: %s', (name, want) => expect(idLikeName(name)).toBe(want));
  test.each([
    ['LSOA code', true],
    ['Police District', true],
    ['beat', true],
    ['Crime type', false],
    ['IUCR', false],
  ])('%s is an area-like name: %s', (name, want) => expect(areaLikeName(name)).toBe(want));
});
