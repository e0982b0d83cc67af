/**
 * argv → typed options, for every flag of every command: the wiring between
 * commander, the value parsers and each command's options() (nothing is read
 * or run). Bad values are exit-2 errors before any input is touched.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, test } from '@jest/globals';
import { CommanderError } from 'commander';
import type { CommandOptions } from '../../../src/cli/command.js';
import { buildProgram, type Invocation } from '../../../src/cli/program.js';
import { dayFromCivil } from '../../../src/core/civil.js';
import { UsageError } from '../../../src/errors.js';
import type { Io } from '../../../src/io/output.js';

const io: Io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {}, now: () => new Date(0) };

async function optionsOf(argv: string[]): Promise<CommandOptions> {
  let inv: Invocation | undefined;
  await buildProgram(io, (i) => (inv = i)).parseAsync(argv, { from: 'user' });
  if (!inv) throw new Error('no command ran');
  return inv.spec.options(inv.files, inv.cmd);
}

const D = (y: number, m: number, d: number) => dayFromCivil(y, m, d);
const F = 'f.csv';

const INPUT: [string[], object][] = [
  [['--date-col', 'When'], { input: { dateCol: 'When' } }],
  [['--offense-col', 'What'], { input: { offenseCol: 'What' } }],
  [['--area-col', 'Beat'], { input: { areaCol: 'Beat' } }],
  [['--id-col', 'Case'], { input: { idCol: 'Case' } }],
  [['--preset', 'chicago'], { input: { preset: 'chicago' } }],
  [['--date-format', 'dd/MM/yyyy'], { input: { dateFormat: 'dd/MM/yyyy' } }],
  [['--tz', 'America/Chicago'], { input: { tz: 'America/Chicago' } }],
  [['--encoding', 'latin1'], { input: { encoding: 'latin1' } }],
  [['--max-record-size', '1MB'], { input: { maxRecordSize: 1_000_000 } }],
  [['--strict'], { input: { strict: true } }],
  [
    ['--where', 'District=011,008', '--where', 'Type!=X'],
    {
      input: {
        where: [
          { column: 'District', negate: false, values: ['011', '008'], text: 'District=011,008' },
          { column: 'Type', negate: true, values: ['X'], text: 'Type!=X' },
        ],
      },
    },
  ],
  [['--map', 'violent', '--map-col', 'Code', '--unmapped', 'other'], { input: { map: 'violent', mapCol: 'Code', unmapped: 'other' } }],
  [['--quiet', '--debug'], { input: { quiet: true, debug: true }, quiet: true }],
  [['--sample'], { input: { sample: true } }],
  [['--fail-on', 'incomplete,sparse', '--fail-on', 'unmatched'], { failOn: ['incomplete', 'sparse', 'unmatched'] }],
  [['--fail-on', 'skipped', '--max-skipped', '2.5'], { failOn: ['skipped'], maxSkipped: 2.5 }],
  [['-o', 'out.csv'], { output: 'out.csv' }],
];

const OUTPUT: [string[], object][] = [
  [['--by', 'offense,area'], { out: { by: ['offense', 'area'] } }],
  [['--by', 'area'], { out: { by: ['area'] } }],
  [['--sort', 'pct', '--top', '5'], { out: { sort: 'pct', top: 5 } }],
  [['--format', 'csv', '--raw', '--no-color'], { out: { format: 'csv', raw: true, color: false } }],
  [[], { out: { by: ['offense'], sort: 'count', format: 'table', color: true } }],
];

const ALERTS: [string[], object][] = [
  [
    [],
    {
      every: 'week',
      previous: 8,
      seasonal: 0,
      by: ['offense'],
      minCount: 5,
      level: 0.99,
      weekStart: 'mon',
      format: 'table',
      color: true,
      raw: false,
      failOnAlerts: false,
    },
  ],
  [['--every', '28d', '--baseline', '6'], { every: '28d', previous: 6, seasonal: 0 }],
  [['--every', 'month', '--seasonal', '3'], { every: 'month', previous: 0, seasonal: 3 }],
  [['--baseline', '4', '--seasonal', '2'], { previous: 4, seasonal: 2 }],
  [['--as-of', '2023-10-01', '--by', 'offense,area'], { asOf: '2023-10-01', by: ['offense', 'area'] }],
  [['--min-count', '0', '--level', '95%'], { minCount: 0, level: 0.95 }],
  [['--level', '0.9'], { level: 0.9 }],
  [['--week-start', 'sun', '--format', 'json', '--raw', '--no-color'], { weekStart: 'sun', format: 'json', raw: true, color: false }],
  [['--fail-on', 'alerts,incomplete'], { failOnAlerts: true, failOn: ['incomplete'] }],
  [['--fail-on', 'alerts'], { failOnAlerts: true }],
];

const cases: Record<string, [string[], object][]> = {
  compare: [
    ...INPUT,
    ...OUTPUT,
    [[], { windows: { kind: 'default' }, baseline: 'each', perDay: false, leapDay: 'include' }],
    [
      ['--years', '2021..2023', '--span', 'jan-sep'],
      {
        windows: {
          kind: 'years',
          years: [2021, 2022, 2023],
          span: { kind: 'md', start: { m: 1, d: 1 }, end: { m: 9, d: 31 }, text: 'jan-sep' },
        },
      },
    ],
    [['--span', 'ytd'], { windows: { kind: 'years', years: [], span: { kind: 'ytd' } } }],
    [
      ['--window', '2022-01-01..2022-03-31', '--window', '2023-01-01..2023-03-31'],
      {
        windows: {
          kind: 'explicit',
          ranges: [
            [D(2022, 1, 1), D(2022, 3, 31)],
            [D(2023, 1, 1), D(2023, 3, 31)],
          ],
        },
      },
    ],
    [['--last', '28d', '--vs', 'year'], { windows: { kind: 'last', last: { n: 28, unit: 'd', text: '28d' }, vs: 'year' } }],
    [['--last', '3m', '--vs', 'previous'], { windows: { kind: 'last', last: { n: 3, unit: 'm', text: '3m' }, vs: 'prior' } }],
    [['--as-of', 'yesterday'], { asOf: 'yesterday' }],
    [['--leap-day', 'exclude'], { leapDay: 'exclude' }],
    [['--years', '2020..2023', '--baseline', 'mean', '--per-day'], { baseline: 'mean', perDay: true }],
    [['--stats'], { stats: 'etest' }],
    [['--stats', 'exact'], { stats: 'exact' }],
    [['--stats', 'z'], { z: true }],
    [['--stats', 'exact,z'], { stats: 'exact', z: true }],
    [['--stats', 'etest, Z'], { stats: 'etest', z: true }],
    [['--stats', '--adjust', 'holm'], { stats: 'etest', adjust: 'holm' }],
    [['--dispersion', '--adjust', 'fdr'], { dispersion: true, adjust: 'bh' }],
    [['--stats', 'z', '--adjust', 'none'], { z: true, adjust: 'none' }],
  ],
  trend: [
    ...INPUT,
    ...OUTPUT,
    [[], { every: 'month', vs: 'previous', layout: 'wide', weekStart: 'mon', leapDay: 'include' }],
    [
      ['--every', 'week', '--week-start', 'sun', '--vs', 'year', '--layout', 'long'],
      { every: 'week', weekStart: 'sun', vs: 'year', layout: 'long' },
    ],
    [['--window', '2023-01-01..2023-03-31'], { range: { start: D(2023, 1, 1), end: D(2023, 3, 31) } }],
    [['--years', '2023'], { range: { start: D(2023, 1, 1), end: D(2023, 12, 31) } }],
    [['--years', '2021,2022'], { range: { start: D(2021, 1, 1), end: D(2022, 12, 31) } }],
    [['--as-of', '2023-06-30', '--leap-day', 'exclude'], { asOf: '2023-06-30', leapDay: 'exclude' }],
    [['--stats', 'z'], { z: true }],
    [['--band'], { band: { previous: 8, seasonal: 0, level: 0.99 } }],
    [['--band', '--baseline', '12', '--level', '0.95'], { band: { previous: 12, seasonal: 0, level: 0.95 } }],
    [['--band', '--seasonal', '3'], { band: { previous: 0, seasonal: 3, level: 0.99 } }],
    [['--band', '--baseline', '4', '--seasonal', '2'], { band: { previous: 4, seasonal: 2, level: 0.99 } }],
  ],
  compstat: [
    ...INPUT,
    ...OUTPUT,
    [[], { stats: false, weekStart: 'mon', leapDay: 'include' }],
    [
      ['--stats', '--week-start', 'sun', '--as-of', 'today', '--leap-day', 'exclude'],
      { stats: true, weekStart: 'sun', asOf: 'today', leapDay: 'exclude' },
    ],
    [['--stats', 'z'], { stats: false, z: true }],
    [['--stats', 'etest,z'], { stats: true, z: true }],
  ],
  inspect: [
    ...INPUT,
    [[], { top: 10, format: 'table', raw: false }],
    [['--top', '25', '--format', 'json', '--raw', '--no-color'], { top: 25, format: 'json', raw: true }],
  ],
  evaluate: [
    ...INPUT,
    [[], { sets: { target: ['A', 'B'], control: ['C'] }, alpha: 0.05, leapDay: 'include', format: 'table', color: true, raw: false }],
    [
      ['--displacement', 'D', '--displacement-control', 'E'],
      { sets: { target: ['A', 'B'], control: ['C'], displacement: ['D'], displacementControl: ['E'] } },
    ],
    [['--alpha', '0.1', '--offense', 'Burglary,Robbery'], { alpha: 0.1, offense: ['Burglary', 'Robbery'] }],
    [['--format', 'json', '--raw', '--no-color', '--leap-day', 'exclude'], { format: 'json', raw: true, color: false, leapDay: 'exclude' }],
  ],
  alerts: [...INPUT, ...ALERTS],
};

const EVALUATE = ['--target', 'A, B,A', '--control', 'C', '--before', '2021-01-01..2021-12-31', '--after', '2022-01-01..2022-12-31'];

describe.each(Object.keys(cases))('%s', (command) => {
  test.each(cases[command]!.map(([args, expected]) => [args.join(' ') || '(no flags)', args, expected] as const))(
    '%s',
    async (_name, args, expected) => {
      const extra = command === 'evaluate' ? EVALUATE : [];
      const opts = await optionsOf([command, F, ...extra, ...args]);
      expect(opts).toMatchObject({ files: [F], ...expected });
    },
  );
});

describe('bad values and flags that do not go together are exit 2 before anything is read', () => {
  test.each([
    [['compare', F, '--years', '2023'], /give two or more years/],
    [['compare', F, '--span', 'jan-foo'], /--span jan-foo/],
    [['compare', F, '--last', '0d'], /--last 0d/],
    [['compare', F, '--by', 'district'], /--by district/],
    [['compare', F, '--top', '0'], /--top 0/],
    [['compare', F, '--fail-on', 'nothing'], /--fail-on nothing: expected one or more of incomplete, sparse, skipped, unmatched/],
    [['compare', F, '--max-skipped', '120'], /--max-skipped 120: expected a percentage/],
    [['compare', F, '--max-record-size', '2GiB'], /--max-record-size 2GiB/],
    [['compare', F, '--tz', 'Mars/Olympus'], /not a time zone/],
    [['compare', F, '--where', '=x'], /--where =x/],
    [['compare', F, '--last', '28d', '--years', '2022,2023'], /--last cannot be combined/],
    [['compare', F, '--vs', 'year'], /--vs goes with --last/],
    [['compare', F, '--window', '2023-01-01..2023-02-01'], /two or more windows/],
    [['compare', F, '--window', '2023-02-01..2023-01-01', '--window', '2024-01-01..2024-02-01'], /ends before it starts/],
    [['compare', F, '--stats', 'nonsense'], /--stats nonsense/],
    [['compare', F, '--stats', 'z,exxact'], /--stats z,exxact: expected nothing \(the E-test\), exact, z/],
    [['compare', F, '--adjust', 'foo'], /--adjust foo: expected holm \(family-wise\), bh/],
    [['compare', F, '--adjust', 'holm'], /--adjust holm adjusts p-values: give --stats/],
    [['compare', F, '--stats', 'z', '--adjust', 'bh'], /--adjust bh adjusts p-values/],
    [['trend', F, '--window', '2023-01-01..2023-02-01', '--years', '2023'], /--window cannot be combined with --years/],
    [['compstat', F, '--stats', 'exact'], /--stats exact: expected nothing \(the E-test\), z, or etest,z/],
    [['trend', F, '--baseline', '8'], /--baseline goes with --band/],
    [['trend', F, '--level', '0.9'], /--level goes with --band/],
    [['trend', F, '--band', '--baseline', '0'], /--baseline 0: expected a whole number of 1 or more/],
    [['trend', F, '--band', '--level', '2'], /--level 2: expected a level between 0 and 1/],
    [['trend', F, '--stats', 'exact'], /--stats exact: trend has one statistic, z/],
    [['alerts', F, '--baseline', '0'], /--baseline 0: expected a whole number of 1 or more/],
    [['alerts', F, '--seasonal', '0'], /--seasonal 0: expected a whole number of 1 or more/],
    [['alerts', F, '--level', '2'], /--level 2: expected a level between 0 and 1/],
    [['alerts', F, '--level', '0'], /--level 0: expected a level between 0 and 1/],
    [['alerts', F, '--min-count', '-1'], /--min-count -1: expected a number of 0 or more/],
    [['alerts', F, '--every', 'day'], /--every/],
    [['alerts', F, '--fail-on', 'alert'], /--fail-on alert: expected one or more of incomplete, sparse, skipped, unmatched, alerts/],
    [['compare', F, '--fail-on', 'alerts'], /--fail-on alerts: expected one or more of incomplete, sparse, skipped, unmatched$/],
    [['evaluate', F, ...EVALUATE, '--alpha', '1.5'], /--alpha 1.5/],
    [['evaluate', F, ...EVALUATE, '--displacement', 'D'], /go together/],
    [
      ['evaluate', F, '--target', 'A', '--control', 'A', '--before', '2021-01-01..2021-12-31', '--after', '2022-01-01..2022-12-31'],
      /in both --target and --control/,
    ],
    [
      ['evaluate', F, '--target', 'A', '--control', 'B', '--before', '2021-01-01..2021-12-31', '--after', '2021-06-01..2022-12-31'],
      /overlap/,
    ],
  ])('%j', async (argv, message) => {
    const err = await optionsOf(argv).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err instanceof UsageError || err instanceof CommanderError).toBe(true);
    expect((err as Error).message).toMatch(message);
    if (err instanceof CommanderError) expect(err.exitCode).not.toBe(0);
    else expect((err as UsageError).exitCode).toBe(2);
  });
});
