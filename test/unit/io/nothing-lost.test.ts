/**
 * Issue "Nothing lost", through the built CLI on both readers (the byte
 * scanner and CRIMEDELTA_READER=csv-parse): a file joined from sources with
 * different line endings loses no rows.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { runCli } from '../../helpers/run-cli.js';

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
        'Offense,2023-01-05..2023-01-05,2023-01-06..2023-01-06,Change,% Change\n' +
        'Theft,1,999,998,99800\n' +
        'All offenses,1,999,998,99800\n',
      stderr:
        `crimedelta: skipped 1 of 1,001 rows: 1 unreadable date (first: ${file}:502 "2023-13-45")\n` +
        'crimedelta: note: window 2023-01-05..2023-01-05 holds 1 rows against 999 in 2023-01-06..2023-01-06: the data probably does not cover it (crimedelta inspect shows the date range)\n',
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
