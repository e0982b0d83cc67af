/**
 * Detection on trimmed samples of every real schema (fixtures/real): with the
 * presets and with detection alone (--preset none), the right columns and
 * date format.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { detectDateLayout, layoutTokens } from '../../../src/core/dates.js';
import { resolveRoles } from '../../../src/core/roles/detect.js';

function load(path: string): { header: string[]; sample: string[][] } {
  const rows = parse(readFileSync(`fixtures/real/${path}`), { bom: true, relax_column_count: true });
  return { header: rows[0]!.map((h) => h.trim()), sample: rows.slice(1) };
}

// path, preset, date, offense, area, date-fns tokens, offense by detection alone (when it differs)
const CASES: [string, string, string, string, string | null, string, string?][] = [
  ['sacramento-2006-01/SacramentocrimeJanuary2006.csv', 'sacramento-2006', 'cdatetime', 'crimedescr', 'district', 'M/d/yy H:mm'],
  [
    'sacramento-2021/Sacramento_Crime_Data_From_Two_Years_Ago.csv',
    'sacramento',
    'Occurence_Date',
    'Offense_Category',
    'Police_District',
    'yyyy/MM/dd HH:mm:ssX',
  ],
  ['davis-ca/crime.csv', 'davis', 'DateOpened', 'Group', null, 'M/d/yyyy hh:mm:ss a'],
  ['atlanta-cobra/COBRA-2020-OldRMS-09292020.csv', 'atlanta-cobra', 'occur_date', 'UC2_Literal', 'neighborhood', 'M/d/yyyy'],
  ['atlanta-cobra/COBRA-2020(NEW RMS 9-30 12-31).csv', 'atlanta-cobra', 'occur_date', 'UC2_Literal', 'neighborhood', 'M/d/yyyy'],
  ['atlanta-cobra/COBRA-2021.csv', 'atlanta-cobra', 'occur_date', 'UC2_Literal', 'neighborhood', 'M/d/yyyy'],
  ['city-of-london-street/2019-01-city-of-london-street.csv', 'police-uk', 'Month', 'Crime type', 'LSOA name', 'yyyy-MM'],
  [
    'nypd-hate-crimes/NYPD_Hate_Crimes.csv',
    'nypd-hate-crimes',
    'Record Create Date',
    'Offense Description',
    'Patrol Borough Name',
    'MM/dd/yyyy',
    'Offense Category',
  ],
  [
    'sf-incidents-2018-2022-sample/Police_Department_Incident_Reports__2018_to_Present.csv',
    'sf-date-time',
    'Incident Date',
    'Incident Category',
    'Police District',
    'M/d/yyyy',
  ],
  [
    'sf-incidents-2018-12/Police_Department_Incident_Reports__2018_to_Present.csv',
    'sf',
    'Incident Datetime',
    'Incident Category',
    'Police District',
    'yyyy/MM/dd hh:mm:ss a',
  ],
  [
    'seattle-robbery/SPD_Crime_Data__2008-Present.csv',
    'seattle',
    'Offense Start DateTime',
    'Offense Parent Group',
    'Precinct',
    'MM/dd/yyyy hh:mm:ss a',
  ],
  ['lapd-west-la/Crime_Data_from_2020_to_Present.csv', 'lapd', 'DATE OCC', 'Crm Cd Desc', 'AREA NAME', 'M/d/yyyy H:mm'],
  ['chicago-2014-03/Crimes_-_2001_to_present.csv', 'chicago', 'Date', 'Primary Type', 'District', 'MM/dd/yyyy hh:mm:ss a'],
  ['philadelphia-2025-01/incidents_part1_part2.csv', 'philadelphia', 'dispatch_date', 'text_general_code', 'dc_dist', 'yyyy-MM-dd'],
];

describe.each(CASES)('%s', (path, preset, date, offense, area, tokens, detectedOffense) => {
  const { header, sample } = load(path);
  test('preset matched from the header', () => {
    const r = resolveRoles(header, sample, {}, path);
    expect(r.preset?.name).toBe(preset);
    expect(r.names).toMatchObject({ date, offense, area });
    expect(r.index.date).toBe(header.indexOf(date));
  });
  test('detection alone finds the date column and format', () => {
    const r = resolveRoles(header, sample, { preset: 'none' }, path);
    expect(r.names.date).toBe(date);
    expect(r.names.offense).toBe(detectedOffense ?? offense);
    const values = sample.map((row) => row[r.index.date]!.trim()).filter((v) => v !== '');
    const det = detectDateLayout(values);
    expect(det.kind).toBe('ok');
    if (det.kind === 'ok') expect(layoutTokens(det.layout)).toBe(tokens);
    // never silent: when there was a choice, a note says which column and how to change it
    if (r.notes.length) expect(r.notes.join('\n')).toMatch(/use --(date|offense)-col/);
  });
});

describe('explicit flags win over presets', () => {
  test('--offense-col and --date-col', () => {
    const { header, sample } = load('chicago-2014-03/Crimes_-_2001_to_present.csv');
    const r = resolveRoles(header, sample, { offense: 'Description', date: 'Updated On' }, 'c');
    expect(r.names).toMatchObject({ date: 'Updated On', offense: 'Description', area: 'District' });
    expect(r.how).toEqual({ date: 'flag', offense: 'flag' });
  });
  test('--preset forces one, and a missing column names the columns there are', () => {
    const { header, sample } = load('chicago-2014-03/Crimes_-_2001_to_present.csv');
    expect(() => resolveRoles(header, sample, { preset: 'lapd' }, 'c.csv')).toThrow(/no column "DATE OCC".*its columns are/);
  });
  test('LAPD: the first of the two DATE OCC columns (not the Excel serial) is the date', () => {
    const { header, sample } = load('lapd-west-la/Crime_Data_from_2020_to_Present.csv');
    const r = resolveRoles(header, sample, { preset: 'none' }, 'l');
    expect(r.index.date).toBe(2);
    expect(sample[0]![3]).toMatch(/^\d{5}$/);
    expect(detectDateLayout(sample.map((s) => s[3]!)).kind).toBe('none');
  });
  test('suggested id is not applied', () => {
    const { header, sample } = load('sf-incidents-2018-12/Police_Department_Incident_Reports__2018_to_Present.csv');
    const r = resolveRoles(header, sample, {}, 's');
    expect(r.names.id).toBeNull();
    expect(r.suggestedId).toBe('Incident ID');
  });
});
