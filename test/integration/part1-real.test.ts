/**
 * The built-in Part I maps on the real data sets: a fixed list of values per
 * schema lands in the right class (through the CLI: preset, crosswalk, finer
 * column, code tables), and the --map violent / --map property totals equal
 * an independent classification of the same rows (scripts/check-violent.py,
 * its own table per schema written without data/maps/; the numbers below are
 * its output on fixtures/real, and on the full data sets when
 * CRIMEDELTA_REAL_DATA is set). Dates are counted as written (`--tz
 * as-written`), as the script counts them.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { runCli } from '../helpers/run-cli.js';

type Cls = 'Violent' | 'Property' | 'Other' | '(unmapped)';

/** name, windows, and per class the totals of check-violent.py on fixtures/real and on the full data sets. */
const SETS: [string, string[], { violent: number[]; property: number[] }, { violent: number[]; property: number[] }][] = [
  [
    'sacramento-2006-01',
    ['2006-01-01..2006-01-15', '2006-01-16..2006-01-31'],
    { violent: [5, 5], property: [20, 22] },
    { violent: [172, 175], property: [1155, 1176] },
  ],
  [
    'sacramento-2021',
    ['2021-01-01..2021-03-31', '2021-04-01..2021-06-30'],
    { violent: [3, 2], property: [16, 17] },
    { violent: [616, 759], property: [3805, 3573] },
  ],
  [
    'davis-ca',
    ['2019-01-01..2019-09-30', '2020-01-01..2020-09-30'],
    { violent: [0, 0], property: [27, 29] },
    { violent: [27, 27], property: [896, 1078] },
  ],
  [
    'atlanta-cobra',
    ['2020-01-01..2020-06-30', '2021-01-01..2021-06-30'],
    { violent: [35, 28], property: [83, 124] },
    { violent: [1427, 1690], property: [8244, 9322] },
  ],
  [
    'city-of-london-street',
    ['2019-01-01..2019-09-30', '2020-01-01..2020-09-30', '2021-01-01..2021-09-30'],
    { violent: [2, 2, 0], property: [68, 73, 0] },
    { violent: [117, 61, 80], property: [4054, 2302, 1706] },
  ],
  [
    'nypd-hate-crimes',
    ['2021-01-01..2021-09-30', '2022-01-01..2022-09-30'],
    { violent: [4, 4], property: [1, 1] },
    { violent: [88, 87], property: [6, 13] },
  ],
  [
    'sf-incidents-2018-2022-sample',
    ['2020-01-01..2020-09-30', '2021-01-01..2021-09-30'],
    { violent: [1, 1], property: [8, 5] },
    { violent: [170, 182], property: [1413, 1554] },
  ],
  [
    'sf-incidents-2018-12',
    ['2018-12-01..2018-12-15', '2018-12-16..2018-12-31'],
    { violent: [6, 4], property: [24, 29] },
    { violent: [303, 314], property: [2282, 2545] },
  ],
  [
    'seattle-robbery',
    ['2019-01-01..2019-09-30', '2020-01-01..2020-09-30'],
    { violent: [7, 6], property: [0, 0] },
    { violent: [1147, 1085], property: [0, 0] },
  ],
  [
    'lapd-west-la',
    ['2020-04-01..2020-07-31', '2021-04-01..2021-07-31'],
    { violent: [0, 2], property: [26, 21] },
    { violent: [154, 185], property: [1762, 1653] },
  ],
  [
    'chicago-2014-03',
    ['2014-03-01..2014-03-07', '2014-03-08..2014-03-14'],
    { violent: [6, 7], property: [12, 32] },
    { violent: [216, 310], property: [601, 1343] },
  ],
  [
    'philadelphia-2025-01',
    ['2025-01-01..2025-01-10', '2025-01-11..2025-01-20'],
    { violent: [9, 7], property: [28, 32] },
    { violent: [302, 275], property: [1617, 1702] },
  ],
];

const csvFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => path.join(dir, f));

function totals(files: string[], windows: string[], map: string): number[] {
  const r = runCli([
    'compare',
    ...files,
    ...windows.flatMap((w) => ['--window', w]),
    '--map',
    map,
    '--tz',
    'as-written',
    '--format',
    'json',
    '--quiet',
  ]);
  expect({ code: r.code, stderr: r.stderr.split('\n').filter((l) => / error: /.test(l)) }).toEqual({ code: 0, stderr: [] });
  return (JSON.parse(r.stdout) as { total: { counts: number[] } }).total.counts;
}

describe('--map violent and --map property: totals equal an independent classification', () => {
  test.each(SETS)('%s (fixtures/real)', (name, windows, fixture) => {
    const files = csvFiles(path.join('fixtures/real', name));
    expect({ violent: totals(files, windows, 'violent'), property: totals(files, windows, 'property') }).toEqual(fixture);
  });
  const real = process.env.CRIMEDELTA_REAL_DATA;
  if (real) {
    test.each(SETS.filter(([name]) => existsSync(path.join(real, name))))('%s (CRIMEDELTA_REAL_DATA)', (name, windows, _f, full) => {
      const files = csvFiles(path.join(real, name));
      expect({ violent: totals(files, windows, 'violent'), property: totals(files, windows, 'property') }).toEqual(full);
    });
  } else {
    test.skip('full data sets: set CRIMEDELTA_REAL_DATA to the folder of the real data sets to check them too', () => undefined);
  }
});

/** Per data set: values of the column the map reads and the class each must land in. */
const VALUES: [string, [string, Cls][]][] = [
  [
    'sacramento-2021',
    [
      ['245(A)(1)AWDW-NON-FIREARM', 'Violent'],
      ['211 PC ROBBERY-PURSE SNATCH', 'Violent'],
      ['246 PC SHOOT OCCUP DWELL/VEH', 'Violent'],
      ['459 PC BURGLARY:VEHICLE', 'Property'],
      ['10851(A)VC TAKE VEH W/O OWNER', 'Property'],
      ['243(B) PC BATTERY EMERG PERSON', 'Other'],
      ['11350(A) POSS CONTROLLED SUBST', 'Other'],
    ],
  ],
  [
    'sacramento-2006-01',
    [
      ['215(A) PC    CARJACKING', 'Violent'],
      ['243(D) PC BATT/CIVILIAN W/INJ', 'Violent'],
      ['459 PC  BURGLARY BUSINESS', 'Property'],
      ['1708 US   THEFT OF MAIL', 'Property'],
      ['11364 HS POSS DRUG PARAPH', 'Other'],
    ],
  ],
  [
    'sf-incidents-2018-12',
    [
      ['Assault, Aggravated, W/ Other Weapon', 'Violent'],
      ['Shoplifting, Force against Agent', 'Violent'],
      ['Burglary, Vehicle (Arrest made)', 'Property'],
      ['Vehicle, Stolen, Auto', 'Property'],
      ['Vehicle, Recovered, Auto', 'Other'],
      ['Stolen Property, Possession with Knowledge, Receiving', 'Other'],
    ],
  ],
  [
    'chicago-2014-03',
    [
      ['04A', 'Violent'],
      ['04B', 'Violent'],
      ['03', 'Violent'],
      ['05', 'Property'],
      ['26', 'Other'],
    ],
  ],
  [
    'lapd-west-la',
    [
      ['ASSAULT WITH DEADLY WEAPON, AGGRAVATED ASSAULT', 'Violent'],
      ['INTIMATE PARTNER - AGGRAVATED ASSAULT', 'Violent'],
      ['BURGLARY FROM VEHICLE', 'Property'],
      ['BIKE - STOLEN', 'Property'],
      ['INTIMATE PARTNER - SIMPLE ASSAULT', 'Other'],
      ['OTHER ASSAULT', 'Other'],
    ],
  ],
  [
    'city-of-london-street',
    [
      ['Robbery', 'Violent'],
      ['Vehicle crime', 'Property'],
      ['Shoplifting', 'Property'],
      ['Anti-social behaviour', 'Other'],
      // Homicide, violence with and without injury, stalking: no finer column decides.
      ['Violence and sexual offences', '(unmapped)'],
      ['Criminal damage and arson', '(unmapped)'],
    ],
  ],
  [
    'nypd-hate-crimes',
    [
      ['ASSAULT 2,1,UNCLASSIFIED', 'Violent'],
      ['ROBBERY,OPEN AREA UNCLASSIFIED', 'Violent'],
      ['LARCENY,GRAND FROM PERSON,UNCL', 'Property'],
      ['ASSAULT 3', 'Other'],
      ['AGGRAVATED HARASSMENT 1', 'Other'],
    ],
  ],
  ['seattle-robbery', [['120', 'Violent']]],
  [
    'philadelphia-2025-01',
    [
      ['100', 'Violent'],
      ['400', 'Violent'],
      ['600', 'Property'],
      ['900', 'Property'],
      ['2600', 'Other'],
    ],
  ],
  [
    'atlanta-cobra',
    [
      ['440', 'Violent'],
      ['315', 'Violent'],
      ['522', 'Property'],
      ['730', 'Property'],
    ],
  ],
  [
    'davis-ca',
    [
      ['Battery With GBI', 'Violent'],
      ['Robbery:First Degree', 'Violent'],
      ['Burglary (Vehicle)', 'Property'],
      ['Battery On Person', 'Other'],
      ['Sexual Battery: Unwill Vic', 'Other'],
    ],
  ],
];

describe('inspect --map ucr-part1 on the real files: values land in their class, with the rule named', () => {
  test.each(VALUES)('%s', (name, expected) => {
    const r = runCli(['inspect', ...csvFiles(path.join('fixtures/real', name)), '--map', 'ucr-part1', '--format', 'csv', '--quiet']);
    expect(r.code).toBe(0);
    const rows = parse<Record<string, string>>(r.stdout, { columns: true });
    expect(Object.keys(rows[0]!)).toEqual(['value', 'category', 'class', 'rows', 'rule']);
    const byValue = new Map(rows.map((row) => [row.value!, row]));
    for (const [value, cls] of expected) {
      const row = byValue.get(value);
      expect([value, row?.class]).toEqual([value, cls]);
      expect(row!.rule).not.toBe('');
    }
  });
});

describe('the word rules on values of schemas with no crosswalk', () => {
  test('a generic file: codes none, text categories placed by words, ASSAULT left unplaced and listed', () => {
    const csv = [
      'date,offense',
      '2023-01-01,AGG ASSAULT',
      '2023-01-02,ASSAULT - AGGRAVATED',
      '2023-01-03,ASSAULT 1ST DEGREE',
      '2023-01-04,Murder',
      '2023-01-05,SIMPLE ASSAULT',
      '2023-01-07,ASSAULT',
      '2023-01-08,BURGLARY - RESIDENCE',
      '2023-01-09,Theft from motor vehicle',
      '2023-01-10,VEHICLE THEFT',
      '',
    ].join('\n');
    const r = runCli(
      [
        'compare',
        '-',
        '--window',
        '2023-01-01..2023-01-05',
        '--window',
        '2023-01-06..2023-01-10',
        '--map',
        'ucr-part1',
        '--rollup',
        '--format',
        'csv',
      ],
      {
        input: csv,
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'Offense,level,parent,2023-01-01..2023-01-05,2023-01-06..2023-01-10,Change,% Change',
      'Property,class,,0,3,3,',
      'Burglary,offense,Property,0,1,1,',
      'Larceny-theft,offense,Property,0,1,1,',
      'Motor vehicle theft,offense,Property,0,1,1,',
      '(unmapped),class,,0,1,1,',
      'ASSAULT,offense,(unmapped),0,1,1,',
      'Other,class,,1,0,-1,-100',
      'SIMPLE ASSAULT,offense,Other,1,0,-1,-100',
      'Violent,class,,4,0,-4,-100',
      'Aggravated assault,offense,Violent,3,0,-3,-100',
      'Homicide,offense,Violent,1,0,-1,-100',
      'All offenses,,,5,4,-1,-20',
      '',
    ]);
    expect(r.stderr).toContain(
      '"AGG ASSAULT" → Violent (aggravated assault); "ASSAULT - AGGRAVATED" → Violent (aggravated assault); "ASSAULT 1ST DEGREE" → Violent (aggravated assault)',
    );
    expect(r.stderr).toContain('no rule places a value (1 row, counted as (unmapped)): "ASSAULT" (1)');
  });
});
