import { describe, expect, test } from '@jest/globals';
import { dayFromCivil } from '../../../src/core/civil.js';
import { ADOPT_AFTER, DateReader, PENDING_CAP, type PendingRow } from '../../../src/core/date-reader.js';
import { detectDateLayout, makeDayParser } from '../../../src/core/dates.js';

function readerFor(values: string[], adopt = true) {
  const det = detectDateLayout(values);
  if (det.kind !== 'ok') throw new Error(det.kind);
  return new DateReader(makeDayParser(det.layout, undefined), det.layout, undefined, [], adopt);
}

/** Feeds raw dates through the reader as a counter would: read, or wait; returns what was read and given up. */
function feed(reader: DateReader, raws: string[]) {
  const read: [number, number][] = [];
  const gaveUp: number[] = [];
  const row = (raw: string, line: number): PendingRow => ({ fields: [raw], count: 1, line, raw });
  const count = (r: PendingRow) => {
    const day = reader.parse(r.raw);
    if (Number.isNaN(day)) reader.wait(r, count, (g) => gaveUp.push(g.line));
    else read.push([r.line, day]);
  };
  raws.forEach((raw, i) => count(row(raw, i + 1)));
  reader.finish(count, (g) => gaveUp.push(g.line));
  return { read: read.sort((a, b) => a[0] - b[0]), gaveUp };
}

describe('DateReader: a second layout in the same column', () => {
  test('rows of a second layout wait, then count once enough of them show it', () => {
    const reader = readerFor(['2023-01-05']);
    const raws = ['2023-01-05', '2023-01-06', '1/13/2023', '1/14/2023', '1/15/2023', '1/16/2023', '1/17/2023', '2023-01-07'];
    const r = feed(reader, raws);
    expect(r.gaveUp).toEqual([]);
    expect(r.read.map(([line]) => line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.read[2]).toEqual([3, dayFromCivil(2023, 1, 13)]);
    expect(reader.uses(8)).toEqual([
      { tokens: 'M/d/yyyy', rows: 5 },
      { tokens: 'yyyy-MM-dd', rows: 3 },
    ]);
  });

  test('a few typos are not a layout: fewer than ADOPT_AFTER values stay unreadable', () => {
    const reader = readerFor(['2023-01-05']);
    const r = feed(reader, ['2023-01-05', '13/45/2023', '1/15/2023', '2023-01-06']);
    expect(ADOPT_AFTER).toBe(5);
    expect(r.gaveUp).toEqual([2, 3]);
    expect(reader.uses(2)).toEqual([]);
  });

  test('day/month order stays open until a value decides it, and the waiting rows are read that way', () => {
    const reader = readerFor(['2023-01-05']);
    const ambiguous = ['1/5/2023', '2/6/2023', '3/7/2023', '4/8/2023', '5/9/2023', '6/10/2023'];
    const r = feed(reader, [...ambiguous, '1/25/2023']);
    expect(r.gaveUp).toEqual([]);
    expect(r.read[0]).toEqual([1, dayFromCivil(2023, 1, 5)]);
    expect(r.read[6]).toEqual([7, dayFromCivil(2023, 1, 25)]);
  });

  test('undecided day/month order is given up on at the end, never guessed', () => {
    const reader = readerFor(['2023-01-05']);
    const r = feed(reader, ['1/5/2023', '2/6/2023', '3/7/2023', '4/8/2023', '5/9/2023', '6/10/2023']);
    expect(r.gaveUp).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('with --date-format (adopt off) nothing else is tried', () => {
    const reader = readerFor(['2023-01-05'], false);
    expect(reader.adopt).toBe(false);
  });

  test('memory stays bounded: past the cap the oldest waiting rows are given up', () => {
    const reader = readerFor(['2023-01-05']);
    const raws = Array.from({ length: PENDING_CAP + 10 }, (_, i) => `junk${i}`);
    const r = feed(reader, raws);
    expect(r.gaveUp).toHaveLength(raws.length);
    expect(r.read).toEqual([]);
  });
});
