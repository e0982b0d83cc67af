/** Feeding the byte scanner and comparing it with csv-parse 7, for the scanner tests. */
import { expect } from '@jest/globals';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { CSV_PARSE_OPTIONS } from '../../src/io/input.js';
import { CsvScanner, ScanError } from '../../src/io/scanner/scanner.js';

export type Rec = [fields: string[], fieldCount: number, line: number];
export type Outcome = { records: Rec[]; error?: { code: string; line: number } };

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixtureDir = join(repoRoot, 'fixtures', 'scanner');

/** csv-parse 7 with the options the scanner promises to match. */
export function reference(input: Buffer, delimiter = ','): Outcome {
  try {
    const out = parse(input, { ...CSV_PARSE_OPTIONS, delimiter }) as unknown as { record: string[]; info: { lines: number } }[];
    return { records: out.map((r) => [r.record, r.record.length, r.info.lines]) };
  } catch (e) {
    const err = e as { code?: string; lines?: number };
    // A thrown csv-parse error ends the output; records before it are not returned by the sync API.
    return { records: [], error: { code: String(err.code), line: Number(err.lines) } };
  }
}

/** Reference restricted to projected indices (missing ones are ''). */
export function projectRef(o: Outcome, proj: readonly number[]): Outcome {
  return {
    records: o.records.map(([f, n, l]) => [proj.map((i) => f[i] ?? ''), n, l] as Rec),
    ...(o.error ? { error: o.error } : {}),
  };
}

/** Feed `input` cut at `cuts` (sorted offsets) or in chunks of `chunk` bytes. */
export function scan(
  input: Buffer,
  opts: { chunk?: number; cuts?: number[]; proj?: readonly number[] | null; delimiter?: string; misalign?: number } = {},
): Outcome {
  const s = new CsvScanner({ delimiter: opts.delimiter ?? ',' });
  if (opts.proj !== undefined) s.project(opts.proj);
  const records: Rec[] = [];
  const cb = (f: string[], n: number, l: number): void => {
    records.push([f, n, l]);
  };
  const pieces: Buffer[] = [];
  if (opts.cuts) {
    let prev = 0;
    for (const c of opts.cuts) {
      pieces.push(input.subarray(prev, c));
      prev = c;
    }
    pieces.push(input.subarray(prev));
  } else {
    const size = opts.chunk ?? (input.length || 1);
    for (let i = 0; i < input.length; i += size) pieces.push(input.subarray(i, i + size));
  }
  try {
    for (const p of pieces) {
      // Hand over a copy that is then overwritten, like a reused read buffer;
      // misalign shifts its byte offset (the scanner reads 4-byte words when aligned).
      const shift = opts.misalign ?? 0;
      const copy = Buffer.alloc(p.length + shift).subarray(shift);
      p.copy(copy);
      s.write(copy, cb);
      copy.fill(0x78);
    }
    s.end(cb);
  } catch (e) {
    if (e instanceof ScanError) return { records: [], error: { code: e.code, line: e.line } };
    throw e;
  }
  return { records };
}

/** Compare scanner and csv-parse, ignoring records the scanner delivered before an error. */
export function same(mine: Outcome, ref: Outcome): void {
  if (ref.error || mine.error) {
    expect(mine.error).toEqual(ref.error);
  } else if (JSON.stringify(mine.records) !== JSON.stringify(ref.records)) {
    // deep equality only on a mismatch (it is slow on 40k records), to show the diff
    const i = mine.records.findIndex((r, j) => JSON.stringify(r) !== JSON.stringify(ref.records[j]));
    expect({ index: i, record: mine.records[i], count: mine.records.length }).toEqual({
      index: i,
      record: ref.records[i],
      count: ref.records.length,
    });
  }
}

export const B = (s: string): Buffer => Buffer.from(s, 'utf8');
