/**
 * End to end on the trimmed real samples (fixtures/real): counts with no column
 * flags, inspect, --where, --map, encodings. Expected numbers were computed
 * independently with Python's csv module (scripts/count-real.py fixtures/real
 * and the one-off counts noted in fixtures/README.md).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { ROOT, runCli } from '../helpers/run-cli.js';

const env = { NO_COLOR: '1', TZ: process.env.TZ ?? 'UTC' };
const files = (ds: string) =>
  readdirSync(join(ROOT, 'fixtures/real', ds))
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => `fixtures/real/${ds}/${f}`);
const json = (args: string[]) => {
  const r = runCli(args, { env });
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};

// dataset, windows, totals, rowsRead, usable, date col, offense col, min, max
const CASES: [string, string[], number[], number, number, string, string, string, string][] = [
  [
    'sacramento-2006-01',
    ['2006-01-01..2006-01-15', '2006-01-16..2006-01-31'],
    [71, 78],
    149,
    149,
    'cdatetime',
    'crimedescr',
    '2006-01-01',
    '2006-01-31',
  ],
  [
    'sacramento-2021',
    ['2021-01-01..2021-03-31', '2021-04-01..2021-06-30'],
    [35, 38],
    150,
    150,
    'Occurence_Date',
    'Offense_Category',
    '2021-01-01',
    '2021-12-31',
  ],
  ['davis-ca', ['2019-01-01..2019-09-30', '2020-01-01..2020-09-30'], [27, 30], 149, 149, 'DateOpened', 'Group', '2016-01-25', '2021-02-25'],
  [
    'atlanta-cobra',
    ['2020-01-01..2020-06-30', '2021-01-01..2021-06-30'],
    [118, 152],
    510,
    509,
    'occur_date',
    'UC2_Literal',
    '1929-10-09',
    '2021-07-20',
  ],
  [
    'city-of-london-street',
    ['2019-01-01..2019-09-30', '2020-01-01..2020-09-30'],
    [124, 133],
    257,
    257,
    'Month',
    'Crime type',
    '2019-01-01',
    '2020-01-31',
  ],
  [
    'nypd-hate-crimes',
    ['2021-01-01..2021-09-30', '2022-01-01..2022-09-30'],
    [33, 36],
    141,
    141,
    'Record Create Date',
    'Offense Description',
    '2019-02-27',
    '2022-12-04',
  ],
  [
    'sf-incidents-2018-2022-sample',
    ['2020-01-01..2020-09-30', '2021-01-01..2021-09-30'],
    [23, 26],
    150,
    150,
    'Incident Date',
    'Incident Category',
    '2018-01-07',
    '2022-04-29',
  ],
  [
    'sf-incidents-2018-12',
    ['2018-12-01..2018-12-15', '2018-12-16..2018-12-31'],
    [76, 73],
    149,
    149,
    'Incident Datetime',
    'Incident Category',
    '2018-12-01',
    '2018-12-30',
  ],
  [
    'seattle-robbery',
    ['2019-01-01..2019-09-30', '2020-01-01..2020-09-30'],
    [7, 6],
    149,
    149,
    'Offense Start DateTime',
    'Offense Parent Group',
    '2008-02-11',
    '2021-08-21',
  ],
  [
    'lapd-west-la',
    ['2020-04-01..2020-07-31', '2021-04-01..2021-07-31'],
    [40, 39],
    149,
    149,
    'DATE OCC',
    'Crm Cd Desc',
    '2020-03-16',
    '2021-07-30',
  ],
  [
    'chicago-2014-03',
    ['2014-03-01..2014-03-07', '2014-03-08..2014-03-14'],
    [40, 103],
    149,
    149,
    'Date',
    'Primary Type',
    '2014-02-28',
    '2014-03-15',
  ],
  [
    'philadelphia-2025-01',
    ['2025-01-01..2025-01-10', '2025-01-11..2025-01-20'],
    [71, 69],
    149,
    149,
    'dispatch_date',
    'text_general_code',
    '2024-12-31',
    '2025-01-21',
  ],
];

describe.each(CASES)('%s', (ds, windows, totals, rowsRead, usable, date, offense, min, max) => {
  test('compare with no column flags', () => {
    const out = json(['compare', ...files(ds), ...windows.flatMap((w) => ['--window', w]), '--format', 'json', '--quiet']);
    expect(out.total.counts).toEqual(totals);
    expect(out.input.rowsRead).toBe(rowsRead);
    expect(out.input.rowsRead - out.input.rowsSkipped).toBe(usable);
  });
  test('inspect names the columns and the date range', () => {
    const out = json(['inspect', ...files(ds), '--format', 'json', '--quiet']);
    expect(out.roles).toMatchObject({ date, offense });
    expect(out.dateRange).toEqual({ min, max });
    expect(out.rowsRead).toBe(rowsRead);
    expect(out.rowsSkipped).toBe(rowsRead - usable);
    expect(out.offenses.length).toBeGreaterThan(0);
    expect(out.columns.find((c: { name: string }) => c.name === date).role).toBe('date');
  });
});

describe('inspect details', () => {
  test('LAPD: duplicate header warned, one row per DR_NO', () => {
    const r = runCli(['inspect', ...files('lapd-west-la'), '--format', 'json'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/duplicate column names: "DATE OCC"/);
    const out = JSON.parse(r.stdout);
    expect(out.duplicateHeaders).toEqual(['DATE OCC']);
    expect(out.ids).toMatchObject({ column: 'DR_NO', distinct: 149, idsRepeated: 0 });
    expect(out.compareFlags).toBe("--date-col 'DATE OCC' --offense-col 'Crm Cd Desc' --area-col 'AREA NAME'");
  });
  test('Atlanta: the NULL/NA date is a missing date, reported with its line', () => {
    const out = json(['inspect', ...files('atlanta-cobra'), '--format', 'json', '--quiet']);
    expect(out.skipped).toEqual({ missingDate: 1 });
    expect(out.firstSkipped.missingDate.line).toBeGreaterThan(1);
  });
  test('table format is human-readable', () => {
    const r = runCli(['inspect', ...files('chicago-2014-03')], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Date: "Date" \(preset chicago\), format MM\/dd\/yyyy hh:mm:ss a/);
    expect(r.stdout).toMatch(/Same columns for compare: --date-col Date --offense-col 'Primary Type' --area-col District/);
  });
});

describe('--where and --map', () => {
  const chicago = [
    ...files('chicago-2014-03'),
    '--window',
    '2014-03-01..2014-03-07',
    '--window',
    '2014-03-08..2014-03-14',
    '--format',
    'json',
    '--quiet',
  ];
  test('COL=V1,V2', () => {
    const out = json(['compare', ...chicago, '--where', 'Primary Type=THEFT, BATTERY']);
    expect(out.total.counts).toEqual([13, 47]);
    expect(out.input.rowsFiltered).toBe(87);
  });
  test('COL!=V and AND of several', () => {
    const out = json(['compare', ...chicago, '--where', 'Primary Type!=THEFT', '--where', 'District=011,008']);
    expect(out.total.counts).toEqual([5, 8]);
    expect(out.input.rowsFiltered).toBe(136);
  });
  test('unknown column: exit 1 listing the columns', () => {
    const r = runCli(['compare', ...files('chicago-2014-03'), '--where', 'Distric=011'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^crimedelta: no column "Distric" .*its columns are: "ID", "Case Number"/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  test('bad --where syntax is a usage error', () => {
    expect(runCli(['compare', ...files('chicago-2014-03'), '--where', 'District'], { env }).code).toBe(2);
  });
  test('built-in ucr-part1 on Philadelphia ucr_general', () => {
    const out = json([
      'compare',
      ...files('philadelphia-2025-01'),
      '--window',
      '2025-01-01..2025-01-10',
      '--window',
      '2025-01-11..2025-01-20',
      '--map',
      'ucr-part1',
      '--format',
      'json',
      '--quiet',
    ]);
    const by = Object.fromEntries(out.rows.map((r: { key: { offense: string }; counts: number[] }) => [r.key.offense, r.counts]));
    expect(by).toEqual({ Other: [34, 30], Property: [28, 32], Violent: [9, 7] });
  });
  test('built-in violent on Atlanta (NIBRS ibr_code and old UCR_Number), others dropped and counted', () => {
    const out = json([
      'compare',
      ...files('atlanta-cobra'),
      '--years',
      '2020,2021',
      '--span',
      'jan-jun',
      '--map',
      'violent',
      '--format',
      'json',
      '--quiet',
    ]);
    expect(out.total.counts).toEqual([35, 28]);
    expect(out.input.rowsUnmapped).toBe(407);
    expect(out.input.map).toBe('violent');
  });
  test('map file with --unmapped drop', () => {
    const r = runCli(
      [
        'compare',
        ...files('city-of-london-street'),
        '--window',
        '2019-01-01..2019-01-31',
        '--window',
        '2020-01-01..2020-01-31',
        '--map',
        'fixtures/maps/london-theft.csv',
        '--unmapped',
        'drop',
        '--format',
        'json',
      ],
      { env },
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.rows.map((x: { key: { offense: string } }) => x.key.offense)).toEqual(['Theft']);
    expect(out.input.rowsUnmapped).toBe(134);
    expect(out.total.counts[0] + out.total.counts[1]).toBe(123);
    expect(r.stderr).toMatch(/134 rows dropped/);
  });
  test('--unmapped without --map is a usage error', () => {
    expect(runCli(['compare', ...files('chicago-2014-03'), '--unmapped', 'drop'], { env }).code).toBe(2);
  });
});

describe('encodings', () => {
  const args = (f: string, extra: string[] = []) => [
    'compare',
    f,
    ...extra,
    '--years',
    '2023,2024',
    '--span',
    'jan',
    '--format',
    'csv',
    '--quiet',
  ];
  const expected = "Offense,2023,2024,Change,% Change\nDégradation,2,1,-1,-50\nVol à l'étalage,1,0,-1,-100\nAll offenses,3,1,-2,-66.7\n";
  test('--encoding latin1', () => {
    expect(runCli(args('fixtures/encodings/latin1.csv', ['--encoding', 'latin1']), { env }).stdout).toBe(expected);
  });
  test('UTF-16 LE with BOM', () => {
    expect(runCli(args('fixtures/encodings/utf16le-bom.csv'), { env }).stdout).toBe(expected);
  });
  test('UTF-16 BE with BOM', () => {
    expect(runCli(args('fixtures/encodings/utf16be-bom.csv'), { env }).stdout).toBe(expected);
  });
});
