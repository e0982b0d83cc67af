/**
 * Counting from the scanner's bytes (byte-counter.ts) against counting the
 * decoded records with the string path's rowCounter: the same scanner, the
 * same plan, random CSV text in random chunks; the tallies (groups, days,
 * skipped rows and their first lines, filtered and unmapped rows) and the
 * --strict errors must be identical, also when the byte counter gives up
 * part-way (a column with more distinct values than it interns). Also with
 * a built-in map on text values (its rules, --rollup labels, unplaced values),
 * --count-col (signed and non-numeric counts) and --weights.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { Tally } from '../../../src/core/aggregate.js';
import { type CountJob, dateParser, recordCounter, rowCounter, type RowPlan, type SkipRow } from '../../../src/core/count-rule.js';
import type { RecordCallback } from '../../../src/core/types.js';
import { builtinMap, compileMap, fileMap, type UnmappedPolicy } from '../../../src/core/maps.js';
import type { MeasureSpec } from '../../../src/core/measure.js';
import type { DateLayout } from '../../../src/core/dates.js';
import { ByteInterner, byteRowCounter } from '../../../src/io/scanner/byte-counter.js';
import { CsvScanner } from '../../../src/io/scanner/scanner.js';

const MDY_AMPM: DateLayout = { order: 'mdy', sep: '/', yearDigits: 4, padded: true, timeTokens: ' hh:mm:ss a', offset: false };
const YMD: DateLayout = { order: 'ymd', sep: '-', yearDigits: 4, padded: true, timeTokens: '', offset: false };
const DMY_UNPADDED: DateLayout = { order: 'dmy', sep: '.', yearDigits: 4, padded: false, timeTokens: '', offset: false };

const dates = fc.constantFrom(
  '01/02/2023 10:00:00 PM',
  '12/31/2023 01:13:43 am',
  '02/29/2024 12:00:00 PM',
  '02/29/2023 12:00:00 PM',
  '13/01/2023 10:00:00 PM',
  '01/02/2023 13:00:00 PM',
  '01/02/2023 10:60:00 PM',
  '01/02/2023 10:00:00 XM',
  '01/02/2023',
  ' 01/02/2023',
  '"01/02/2023 10:00:00 PM"',
  '"01/02/""2023"',
  '1/2/2023',
  '2023-01-05',
  '2023-02-30',
  '0999-12-31',
  '1969-12-31',
  '5.1.2023',
  '31.12.2023',
  '',
  ' ',
  'nope',
  '01/02/2023 10:00:00 PMX',
);
const cell = fc.oneof(
  fc.constantFrom(
    'THEFT',
    'BATTERY',
    ' THEFT ',
    '',
    ' ',
    'x',
    'a,b',
    '"q"',
    'a"b',
    '"a""b"',
    '"line\nbreak"',
    'é',
    '"x"y',
    '東京',
    'ROBBERY',
    '"THEFT"',
  ),
  fc.string({ maxLength: 4 }),
);
const countCell = fc.oneof(
  fc.constantFrom('1', '-1', '2', '0', '', 'x', '1.0', ' 3 ', '+1', '1e2', '0.5', '"-1"', 'NULL'),
  fc.string({ maxLength: 3 }),
);
const offenseCell = fc.oneof(cell, fc.constantFrom('AGG ASSAULT', 'SIMPLE ASSAULT', 'ASSAULT', 'HOMICIDE', 'BURGLARY', 'VEHICLE STOLEN'));
const row = fc.tuple(dates, offenseCell, cell, cell, countCell, fc.array(cell, { maxLength: 2 }));

interface Config {
  layout: DateLayout;
  byArea: boolean;
  areaFirst: boolean;
  byOffense: boolean;
  where: boolean;
  map: UnmappedPolicy | null;
  mapOnCode: boolean;
  /** The built-in ucr-part1 map (text rules) instead of the file map. */
  builtin: boolean;
  rollup: boolean;
  countCol: boolean;
  weights: boolean;
  strict: boolean;
  maxValues: number;
}

const config = fc.record({
  layout: fc.constantFrom(MDY_AMPM, YMD, DMY_UNPADDED),
  byArea: fc.boolean(),
  areaFirst: fc.boolean(),
  byOffense: fc.boolean(),
  where: fc.boolean(),
  map: fc.constantFrom(null, 'keep', 'other', 'mark', 'drop'),
  mapOnCode: fc.boolean(),
  builtin: fc.boolean(),
  rollup: fc.boolean(),
  countCol: fc.boolean(),
  weights: fc.boolean(),
  strict: fc.boolean(),
  maxValues: fc.constantFrom(65536, 4, 1),
});

const WEIGHTS: MeasureSpec = {
  weights: [
    ['THEFT', 2],
    ['battery', 0.5],
    ['Violent', 10],
    ['Homicide', 1000],
  ],
};

/** Columns: 0 id, 1 date, 2 offense, 3 area, 4 code, 5 count, then extra (ragged) ones. */
function jobFor(c: Config): CountJob {
  // Projection in an order unlike the columns', as ingest builds it.
  const cols = [1, 2, 3, 4, 5];
  const plan: RowPlan = {
    width: 6,
    date: 0,
    offense: 1,
    area: c.byArea ? 2 : -1,
    id: -1,
    map: c.map !== null ? (c.mapOnCode ? 3 : 1) : -1,
    count: c.countCol ? 4 : -1,
    wheres: c.where ? [{ index: 2, negate: true, values: ['x', 'é'], clause: 0 }] : [],
    byOffense: c.byArea ? c.byOffense : true,
    areaFirst: c.areaFirst,
  };
  return { cols, plan, dates: { layout: c.layout }, strict: c.strict, ...(c.weights ? { measure: WEIGHTS } : {}) };
}

type Outcome = { part: ReturnType<Tally['export']>; minDay: number; maxDay: number; usable: number } | { error: string };

function count(text: Buffer, chunks: number[], c: Config, direct: boolean): Outcome {
  const job = jobFor(c);
  const tally = new Tally(false);
  const parse = dateParser(job.dates);
  const map = fileMap('m.csv', [
    ['THEFT', 'Property'],
    ['BATTERY', 'Person'],
    ['a"b', 'Odd'],
  ]);
  const builtin = builtinMap('ucr-part1', [
    { code: '13A', offense: 'Aggravated Assault', crimeAgainst: 'Person', part1: 'Aggravated assault' },
  ])!;
  const mapFn =
    c.map !== null
      ? compileMap(c.builtin ? builtin : map, { system: undefined, crosswalk: null }, c.map, {
          rollup: c.rollup,
          record: (v, o, cls, r) => tally.notePlacement(v, o, cls, r),
        })
      : null;
  const skip: SkipRow = (reason, line, value) => {
    if (c.strict) throw new Error(`${reason} at ${line} ${value ?? ''}`);
    tally.skip(reason, { file: 'f', line }, value);
  };
  const take: RecordCallback = rowCounter(job.plan, parse, mapFn, tally, skip, job.measure);
  const recount: RecordCallback = recordCounter(job.plan, parse, mapFn, tally, skip, job.measure);
  const scanner = new CsvScanner({ delimiter: ',' });
  scanner.project(job.cols);
  if (direct) scanner.sink = byteRowCounter(job, { tally, skip, parse, mapFn, fallback: take, recount }, scanner.decodeField, c.maxValues);
  try {
    let at = 0;
    for (const n of chunks) {
      if (at >= text.length) break;
      scanner.write(text.subarray(at, Math.min(text.length, at + n)), take);
      at += n;
    }
    if (at < text.length) scanner.write(text.subarray(at), take);
    scanner.end(take);
  } catch (e) {
    return { error: (e as Error).message };
  }
  return { part: tally.export(), minDay: tally.minDay, maxDay: tally.maxDay, usable: tally.rowsUsable };
}

describe('byte counter', () => {
  test('counts random CSV exactly as the string path does', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 60 }),
        config,
        fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        (rows, c, chunks, nl) => {
          const lines = rows.map(([d, o, a, code, n, extra], i) => [String(i), d, o, a, code, n, ...extra].join(','));
          const text = Buffer.from(lines.join(nl) + nl);
          const byString = count(text, chunks, c, false);
          const byBytes = count(text, chunks, c, true);
          expect(byBytes).toEqual(byString);
        },
      ),
      { numRuns: 1500 },
    );
  });

  test('an example with every outcome, by value', () => {
    const text = Buffer.from(
      [
        '1,01/02/2023 10:00:00 PM,THEFT,N,THEFT,1',
        '2,"01/03/2023 10:00:00 PM", THEFT ,N,THEFT,1',
        '3,01/03/2023,"BATTERY",S,BATTERY,1',
        '4,,THEFT,N,THEFT,1',
        '5,13/03/2023,THEFT,N,THEFT,1',
        '6,01/04/2023,,N,,1',
        '7,01/04/2023,THEFT,x,THEFT,1',
        '8,01/04/2023,ARSON,N,ARSON,1',
        '9,01/04/2023,THEFT',
      ].join('\n') + '\n',
    );
    const c: Config = {
      layout: MDY_AMPM,
      byArea: true,
      areaFirst: false,
      byOffense: true,
      where: true,
      map: 'drop',
      mapOnCode: true,
      builtin: false,
      rollup: false,
      countCol: false,
      weights: false,
      strict: false,
      maxValues: 65536,
    };
    const out = count(text, [], c, true);
    expect(out).toEqual({
      part: {
        groups: ['Property\u001fN', 'Person\u001fS'],
        days: [
          [19359, 1, 19360, 1],
          [19360, 1],
        ],
        rowsRead: 9,
        rowsFiltered: 1,
        rowsUnmapped: 1,
        // the values seen in the --where column (area!=x), for the "matches nothing" check
        whereSeen: [['N', 'S', 'x']],
        skipped: { missingDate: 1, unreadableDate: 1, missingOffense: 1, wrongFieldCount: 1, badCount: 0 },
        firstSkip: {
          missingDate: { line: 4 },
          unreadableDate: { line: 5, value: '13/03/2023' },
          missingOffense: { line: 6 },
          wrongFieldCount: { line: 9 },
        },
        // ARSON is not in the map: dropped (--unmapped drop), and listed with its rows; its day is still covered
        extent: [19359, 19361],
        unplaced: [['ARSON', 1]],
        placements: [
          ['THEFT', 'Property', 'Property', '--map m.csv row 1'],
          ['BATTERY', 'Person', 'Person', '--map m.csv row 2'],
          ['ARSON', '(unmapped)', '(unmapped)', 'not in m.csv'],
        ],
      },
      minDay: 19359,
      maxDay: 19361,
      usable: 3,
    });
    expect(count(text, [], c, false)).toEqual(out);
  });
});

describe('ByteInterner', () => {
  test('numbers byte strings in order of first sight, through table growth', () => {
    const t = new ByteInterner();
    const words = Array.from({ length: 5000 }, (_, i) => Buffer.from(`v${i % 2500}`));
    const ids = words.map((w) => t.intern(w, 0, w.length));
    expect(ids.slice(0, 3)).toEqual([0, 1, 2]);
    expect(ids.slice(2500, 2503)).toEqual([0, 1, 2]);
    expect(ids[4999]).toBe(2499);
    expect(t.size).toBe(2500);
    const empty = Buffer.alloc(0);
    expect(t.intern(empty, 0, 0)).toBe(2500);
    expect(t.intern(Buffer.from('xv1y'), 1, 3)).toBe(1);
  });

  test('reports -1 past its limit', () => {
    const t = new ByteInterner(2);
    const b = Buffer.from('abc');
    expect([t.intern(b, 0, 1), t.intern(b, 1, 2), t.intern(b, 0, 1), t.intern(b, 2, 3)]).toEqual([0, 1, 0, -1]);
  });
});
