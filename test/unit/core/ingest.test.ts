import { describe, expect, test } from '@jest/globals';
import { countWindows } from '../../../src/core/aggregate.js';
import { dayFromCivil } from '../../../src/core/civil.js';
import { compareWindows } from '../../../src/core/compare.js';
import { ingest, type IngestOptions, type RecordSource, recordSource } from '../../../src/core/ingest.js';

function source(name: string, rows: string[][]): () => Promise<RecordSource> {
  function* records(): Generator<{ fields: string[]; line: number }> {
    let line = 0;
    for (const fields of rows) yield { fields, line: ++line };
  }
  return () => Promise.resolve(recordSource(name, ',', toAsync(records())));
}

async function* toAsync<T>(it: Iterable<T>): AsyncGenerator<T> {
  for (const x of it) yield await Promise.resolve(x);
}

const base: IngestOptions = { roles: {}, groupBy: ['offense'], strict: false, warn: () => {} };
const y2023 = [{ label: '2023', start: dayFromCivil(2023, 1, 1), end: dayFromCivil(2023, 12, 31) }];

describe('ingest', () => {
  test('the UTC-offset note quotes a typical value, not a stray one', async () => {
    const warnings: string[] = [];
    const rows = [
      ['date', 'offense'],
      ['0001-01-01 00:00:00+00', 'THEFT'],
      ['2021-03-04 10:00:00+00', 'THEFT'],
      ['2021-06-07 11:00:00+00', 'THEFT'],
      ['2021-09-10 12:00:00+00', 'THEFT'],
    ];
    await ingest([source('utc.csv', rows)], { ...base, warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([
      'utc.csv: dates in "date" carry a UTC offset (e.g. "2021-06-07 11:00:00+00"); counting the date as written: too few times of day to tell UTC from local time — give --tz ZONE if they are UTC',
    ]);
  });

  test('a header name that appears twice refers to its first column', async () => {
    const r = await ingest(
      [
        source('dup.csv', [
          ['DATE OCC', 'DATE OCC', 'Crm Cd Desc'],
          ['10/15/2023 0:00', '45214', 'BURGLARY'],
          ['10/16/2023 0:00', '45215', 'THEFT'],
        ]),
      ],
      { ...base, roles: { date: 'DATE OCC', offense: 'Crm Cd Desc' } },
    );
    expect(r.tally.minDay).toBe(dayFromCivil(2023, 10, 15));
    expect(countWindows(r.tally, y2023).total).toEqual([2]);
  });

  test('--id-col counts distinct ids; the total is distinct overall, less than the sum of groups', async () => {
    const rows = [
      ['id', 'date', 'offense'],
      ['1', '2023-01-01', 'ROBBERY'],
      ['1', '2023-01-01', 'ASSAULT'],
      ['1', '2023-01-01', 'ROBBERY'],
      ['2', '2023-02-01', 'ROBBERY'],
      ['', '2023-03-01', 'ROBBERY'],
      ['', '2023-03-01', 'ROBBERY'],
    ];
    const r = await ingest([source('ids.csv', rows)], { ...base, roles: { id: 'id' } });
    const c = compareWindows(r.tally, [...y2023, { label: '2024', start: dayFromCivil(2024, 1, 1), end: dayFromCivil(2024, 12, 31) }], {
      groupBy: ['offense'],
      sort: 'name',
    });
    expect(c.rows.map((row) => [row.key.offense, row.counts[0]])).toEqual([
      ['ASSAULT', 1],
      ['ROBBERY', 4],
    ]);
    expect(c.total.counts).toEqual([4, 0]);
    expect(c.rowsCounted).toBe(6);
    expect(r.tally.rowsWithoutId).toBe(2);
  });

  test('unusable rows are counted by reason with the first line of each', async () => {
    const rows = [
      ['date', 'offense'],
      ['2023-01-01', 'A'],
      ['', 'A'],
      ['2023-02-30', 'A'],
      ['2023-03-01', '  '],
      ['2023-03-01'],
      ['2023-03-02', 'A'],
    ];
    const r = await ingest([source('bad.csv', rows)], base);
    expect(r.tally.skipped).toEqual({ missingDate: 1, unreadableDate: 1, missingOffense: 1, wrongFieldCount: 1, badCount: 0 });
    expect(r.tally.firstSkip.unreadableDate).toEqual({ file: 'bad.csv', line: 4, value: '2023-02-30' });
    expect(r.tally.rowsRead).toBe(6);
    expect(r.tally.rowsUsable).toBe(2);
  });

  test('--strict stops at the first unusable row with its line', async () => {
    const rows = [
      ['date', 'offense'],
      ['2023-01-01', 'A'],
      ['nope', 'A'],
    ];
    await expect(ingest([source('s.csv', rows)], { ...base, strict: true })).rejects.toThrow('s.csv:3: unreadable date ("nope")');
  });

  test('ambiguous day/month order is an error asking for --date-format', async () => {
    const rows = [
      ['date', 'offense'],
      ['01/02/2023', 'A'],
      ['03/04/2023', 'B'],
    ];
    await expect(ingest([source('amb.csv', rows)], base)).rejects.toThrow(
      /month-first or day-first.*--date-format "MM\/dd\/yyyy" or "dd\/MM\/yyyy"/,
    );
  });

  test('a header-only file, an empty file, and no readable date are input errors', async () => {
    await expect(ingest([source('h.csv', [['date', 'offense']])], base)).rejects.toThrow(/header and nothing else/);
    await expect(ingest([source('e.csv', [])], base)).rejects.toThrow('e.csv is empty');
  });

  test('pooled files: each decides its own layout, one tally', async () => {
    const a = source('a.csv', [
      ['Date', 'Offense'],
      ['01/31/2023', 'A'],
    ]);
    const b = source('b.csv', [
      ['occurred', 'crime type'],
      ['2023-02-01', 'A'],
      ['2023-02-02', 'B'],
    ]);
    const r = await ingest([a, b], base);
    expect(r.files.map((f) => [f.name, f.dateFormat, f.roles.date, f.roles.offense])).toEqual([
      ['a.csv', 'MM/dd/yyyy', 'Date', 'Offense'],
      ['b.csv', 'yyyy-MM-dd', 'occurred', 'crime type'],
    ]);
    expect(countWindows(r.tally, y2023).counts).toEqual([[2], [1]]);
  });
});
