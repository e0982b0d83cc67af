/**
 * Issue "Nothing lost", through the built CLI on both readers (the byte
 * scanner and CRIMEDELTA_READER=csv-parse): a file joined from sources with
 * different line endings loses no rows; a record larger than the limit
 * (--max-record-size) is one line on standard error and exit 1, not memory
 * without bound.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { parseRecordSize } from '../../src/cli/parse.js';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'crimedelta-nothing-lost-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const READERS = [
  ['scanner', {}],
  ['csv-parse', { CRIMEDELTA_READER: 'csv-parse' }],
] as const;

const WINDOWS = ['--window', '2023-01-05..2023-01-05', '--window', '2023-01-06..2023-01-06', '--format', 'csv'];

describe('line endings mixed in one file', () => {
  // The reproduction: a CR LF part (header and one row) joined to
  // 1,000 LF rows; one of them has an unreadable date, on line 502.
  const lf = Array.from({ length: 1000 }, (_, i) => (i === 499 ? '2023-13-45,Theft\n' : '2023-01-06,Theft\n')).join('');
  const file = path.join(dir, 'joined.csv');
  writeFileSync(file, 'Date,Offense\r\n2023-01-05,Theft\r\n' + lf);

  test.each(READERS)('%s: every row read, the bad one named by its line', (_reader, env) => {
    const r = runCli(['compare', file, ...WINDOWS], { env });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 0,
      stdout:
        'Offense,2023-01-05..2023-01-05,2023-01-06..2023-01-06,Change,% Change,2023-01-05..2023-01-05 coverage\n' +
        'Theft,1,999,998,99800,sparse\n' +
        'All offenses,1,999,998,99800,sparse\n',
      stderr:
        `crimedelta: warning: skipped 1 of 1,001 rows: 1 unreadable date (first: ${file}:502 "2023-13-45")\n` +
        "crimedelta: warning: window 2023-01-05..2023-01-05 (Jan 5, 2023) is sparse: 1 row where the other windows' daily volume would put 999 (late reports, or a partial export?)\n",
    });
  });

  test.each(READERS)('%s: CR, LF and CR LF lines in turn, CR only at the end', (_reader, env) => {
    const rows = ['Date,Offense', '2023-01-05,Theft', '2023-01-06,"Car\r\ntheft"', '2023-01-06,Theft', '2023-01-06,Arson'];
    const eols = ['\r', '\n', '\r\n', '\r', '\r'];
    const mixed = path.join(dir, 'turns.csv');
    writeFileSync(mixed, rows.map((row, i) => row + eols[i]).join(''));
    const r = runCli(['compare', mixed, ...WINDOWS, '--sort', 'name'], { env });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 0,
      stdout:
        'Offense,2023-01-05..2023-01-05,2023-01-06..2023-01-06,Change,% Change\n' +
        'Arson,0,1,1,\n' +
        'Car␍␊theft,0,1,1,\n' +
        'Theft,1,1,0,0\n' +
        'All offenses,1,3,2,200\n',
      stderr: '',
    });
  });
});

describe('a quote never closed after empty lines', () => {
  const file = path.join(dir, 'open-after-blank.csv');
  writeFileSync(file, 'Date,Offense\n2023-01-05,Theft\n\n\r\n2023-01-06,"Theft\n2023-01-06,Theft\n');

  test.each(READERS)('%s: names the line where the record with the quote starts', (_reader, env) => {
    const r = runCli(['compare', file], { env });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: `crimedelta: ${file}:5: malformed CSV: a quote opened in the record on line 5 is never closed (the file ends inside it at line 6); check the quotes on that line\n`,
    });
  });
});

describe('--max-record-size', () => {
  // A header, two rows, then a quote opened on line 4 and never closed.
  const open = path.join(dir, 'open-quote.csv');
  writeFileSync(open, 'Date,Offense\n2023-01-05,Theft\n\n2023-01-06,"Theft\n' + '2023-01-06,Theft\n'.repeat(200));
  // A header and then 5,000 zero bytes, gzipped: one endless record on line 2.
  const zeros = path.join(dir, 'zeros.csv.gz');
  writeFileSync(zeros, gzipSync(Buffer.concat([Buffer.from('Date,Offense\n'), Buffer.alloc(5000)])));

  test.each(READERS)('%s: a record over the limit is one line and exit 1, naming where it starts', (_reader, env) => {
    const r = runCli(['compare', open, '--max-record-size', '1000'], { env });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: `crimedelta: ${open}:4: a record is larger than 1,000 bytes (the limit; --max-record-size to raise it) — is a quote on that line never closed?\n`,
    });
  });

  test.each(READERS)('%s: an endless record in a gzip file', (_reader, env) => {
    const r = runCli(['compare', zeros, '--max-record-size', '1KiB'], { env });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: `crimedelta: ${zeros}:2: a record is larger than 1 KiB (the limit; --max-record-size to raise it) — is a quote on that line never closed?\n`,
    });
  });

  test.each([
    [
      '0',
      'crimedelta: --max-record-size 0: expected a size from 1 byte to 1 GiB, e.g. 128MB, 1GB or a number of bytes (see crimedelta compare --help)\n',
    ],
    [
      '12 apples',
      'crimedelta: --max-record-size 12 apples: expected a size from 1 byte to 1 GiB, e.g. 128MB, 1GB or a number of bytes (see crimedelta compare --help)\n',
    ],
    [
      '2GB',
      'crimedelta: --max-record-size 2GB: expected a size from 1 byte to 1 GiB, e.g. 128MB, 1GB or a number of bytes (see crimedelta compare --help)\n',
    ],
  ])('a bad size (%j) is exit 2 with one line', (size, stderr) => {
    const r = runCli(['compare', open, '--max-record-size', size]);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 2, stdout: '', stderr });
  });

  test('sizes: a byte count, or k/M/G with B (powers of 1000) or iB or nothing (powers of 1024)', () => {
    expect(
      ['1', '1000', '5000000', '128MB', '128 MB', '1GB', '1gb', '64MiB', '64M', '64m', '16k', '16KB', '16KiB', '1G', '1GiB', '500B'].map(
        parseRecordSize,
      ),
    ).toEqual([
      1,
      1000,
      5_000_000,
      128_000_000,
      128_000_000,
      1e9,
      1e9,
      64 << 20,
      64 << 20,
      64 << 20,
      16 << 10,
      16_000,
      16 << 10,
      1 << 30,
      1 << 30,
      500,
    ]);
    for (const bad of ['', '0', '-1', '1.5GB', '2GiB', '1073741825', 'MB', '12 apples', '1e6'])
      expect(() => parseRecordSize(bad)).toThrow(/expected a size/);
  });
});
