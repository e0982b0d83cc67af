/**
 * A large file is split between two threads at a byte offset: the main thread
 * reads up to the first line start past it, a helper thread counts the rest,
 * and when the split fell inside a quoted field the main thread reads on
 * itself. Whatever the offset, the output must be byte for byte the one of a
 * single thread: counts, skipped rows and their line numbers, errors.
 * CRIMEDELTA_SPLIT_AT forces the split at an offset on a small file; the
 * helper runs from the built CLI (dist/), which `npm test` builds first.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { ROOT } from '../helpers/run-cli.js';

interface Run {
  at: number | null;
  code: number;
  stdout: string;
  stderr: string;
}

interface Replace {
  path: string;
  original: string;
  other: string;
}

function runSplits(args: string[], offsets: number[], replace?: Replace): Run[] {
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'test/helpers/split-driver.mjs'), JSON.stringify({ args, offsets: [null, ...offsets], replace })],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Run[];
}

const DEBUG = /^crimedelta: debug: .*\n/gm;

/**
 * Runs `args` on one thread and split at each offset; expects the same output
 * and returns the --debug lines that say how each split went.
 */
function expectSameAtEverySplit(args: string[], offsets: number[]): string[] {
  const [single, ...splits] = runSplits([...args, '--debug'], offsets);
  expect(single!.stderr).toMatch(/read by scanner\n/);
  const notes: string[] = [];
  for (const s of splits) {
    expect({ at: s.at, code: s.code, stdout: s.stdout, stderr: s.stderr.replace(DEBUG, '') }).toEqual({
      at: s.at,
      code: single!.code,
      stdout: single!.stdout,
      stderr: single!.stderr.replace(DEBUG, ''),
    });
    notes.push(...(s.stderr.match(DEBUG) ?? []));
  }
  return notes;
}

// ~670 kB of Atlanta rows whose address field holds two line breaks inside
// quotes, so that many offsets fall inside a record; two unusable rows at
// three quarters of the file, in the helper's part for most offsets.
const dir = mkdtempSync(path.join(tmpdir(), 'crimedelta-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const source = readFileSync(path.join(ROOT, 'fixtures/scanner/atlanta-2021-quoted-newlines-head.csv'), 'utf8');
const [header, ...rest] = source.split('\n');
const body = rest.join('\n').replace(/\n?$/, '\n').repeat(150);
const at = body.indexOf('\n02', (body.length * 3) >> 2) + 1;
const bad =
  '999,5/20/2021,13/45/2021,x\n' +
  '021140096,5/20/2021,99/19/2021,Wednesday,4,15:20,5/19/2021,15:25,103,1,"x",23F,LARCENY-FROM VEHICLE,Hills Park,D,33.8,-84.4\n';
const text = `${header}\n${body.slice(0, at)}${bad}${body.slice(at)}`;
const lf = path.join(dir, 'split-lf.csv');
const crlf = path.join(dir, 'split-crlf.csv');
writeFileSync(lf, text);
// CR LF everywhere, also inside the quoted fields (each counts as two lines, as in csv-parse), and a BOM.
const crlfText = '\ufeff' + text.replaceAll('\n', '\r\n');
writeFileSync(crlf, crlfText);
// The same rows with a record of 5,000 bytes at three quarters of the file.
const big = path.join(dir, 'split-big-record.csv');
const bigAt = body.indexOf('\n02', (body.length * 3) >> 2) + 1;
const bigLine = `${header}\n${body.slice(0, bigAt)}`.split('\n').length;
writeFileSync(big, `${header}\n${body.slice(0, bigAt)}021999998,5/20/2021,5/19/2021,"${'x'.repeat(5000)}"\n${body.slice(bigAt)}`);
// The same rows with a quote never closed near the end.
const unclosed = path.join(dir, 'split-unclosed.csv');
writeFileSync(unclosed, text + '021999999,5/20/2021,5/19/2021,Wednesday,4,15:20,5/19/2021,15:25,103,1,"1720 MARIETTA\nBLVD,23F\n');

/**
 * Byte offsets past the sample the main thread reads first (250 kB): in pairs,
 * the start of a record (the split succeeds there) and a byte inside the same
 * record, whose next line break is inside its quoted address (the split fails
 * and the main thread reads on).
 */
function offsetsIn(content: string, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = content.indexOf('\n02', 250_000 + i * 50_000) + 1;
    const bytes = Buffer.byteLength(content.slice(0, start));
    out.push(bytes, bytes + 30);
  }
  return out;
}
const offsets = offsetsIn(text, 6);
const crlfOffsets = offsetsIn(crlfText, 6);
// The same rows ending in CR LF, CR and LF in turn (the quoted line breaks stay LF).
const mixed = path.join(dir, 'split-mixed.csv');
let turn = 0;
const mixedText = text.replace(/\n(?=02)/g, () => ['\r\n', '\r', '\n'][turn++ % 3]!);
writeFileSync(mixed, mixedText);

describe('a file split between two threads reads as on one thread', () => {
  test('LF file: counts, skipped rows and their lines; both kinds of split happen', () => {
    const notes = expectSameAtEverySplit(['compare', lf, '--format', 'json'], offsets);
    expect(notes.filter((n) => /counted by a helper thread/.test(n))).toHaveLength(6);
    expect(notes.filter((n) => /fell inside a record, so this thread read on to the end/.test(n))).toHaveLength(6);
  });

  test('CR LF file with a BOM, by area, with --where and a map', () => {
    const notes = expectSameAtEverySplit(
      ['compare', crlf, '--by', 'offense,area', '--where', 'zone!=5', '--map', 'nibrs-against', '--format', 'csv'],
      crlfOffsets,
    );
    expect(notes.some((n) => /counted by a helper thread/.test(n))).toBe(true);
    expect(notes.some((n) => /fell inside a record/.test(n))).toBe(true);
  });

  test('a file whose line endings change from line to line', () => {
    const notes = expectSameAtEverySplit(['compare', mixed, '--by', 'offense,area', '--format', 'csv'], offsetsIn(mixedText, 6));
    expect(notes.some((n) => /counted by a helper thread/.test(n))).toBe(true);
    expect(notes.some((n) => /fell inside a record/.test(n))).toBe(true);
  });

  test('a column with two date layouts (and day/month order decided late): the same counts and note on both threads', () => {
    // 2022 as ISO stamps, 2023 as M/d/yyyy h:mm:ss a, whose first twelve days of January read either way.
    const lines = ['Date,Offense,District'];
    for (let day = 0; day < 730; day++) {
      const t = Date.UTC(2022, 0, 1) + day * 86_400_000;
      const [y, m, d] = new Date(t).toISOString().slice(0, 10).split('-').map(Number) as [number, number, number];
      for (let k = 0; k < 12; k++) {
        const date =
          y === 2022
            ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} ${String(k).padStart(2, '0')}:15:00`
            : `${m}/${d}/${y} ${k + 1}:0${k % 10}:00 ${k % 2 ? 'AM' : 'PM'}`;
        lines.push(`${date},${['THEFT', 'ROBBERY', 'ASSAULT'][(day + k) % 3]},D${k % 2}`);
      }
    }
    lines.push('2023-13-45,THEFT,D1');
    const file = path.join(dir, 'mixed-layouts.csv');
    const text = lines.join('\n') + '\n';
    writeFileSync(file, text);
    // in the ISO part; just before 2023 (the helper meets the undecided days); inside January 2023 (main waits, the helper decides)
    const at = (needle: string) => Buffer.byteLength(text.slice(0, text.indexOf(needle)));
    const notes = expectSameAtEverySplit(
      ['compare', file, '--years', '2022,2023', '--format', 'csv'],
      [at('2022-10-01'), at('1/1/2023'), at('1/6/2023'), at('1/20/2023')],
    );
    expect(notes.filter((n) => /counted by a helper thread/.test(n))).toHaveLength(4);
    const [single] = runSplits(['compare', file, '--years', '2022,2023', '--format', 'csv'], []);
    expect(single!.stdout.split('\n').at(-2)).toBe('All offenses,4380,4380,0,0');
    expect(single!.stderr).toBe(
      `crimedelta: note: ${file}: 2 date layouts in "Date": M/d/yyyy h:mm:ss a in 4,380 rows, yyyy-MM-dd HH:mm:ss in 4,380 rows\n` +
        `crimedelta: warning: skipped 1 of 8,761 rows: 1 unreadable date (first: ${file}:8762 "2023-13-45")\n`,
    );
  });

  test('--strict stops at the unusable row in the helper part with its line', () => {
    const runs = runSplits(['compare', lf, '--strict'], offsets.slice(0, 6));
    expect(runs[0]!.code).toBe(1);
    expect(runs[0]!.stderr).toMatch(/split-lf\.csv:\d+: wrong number of fields/);
    for (const r of runs) expect([r.code, r.stderr]).toEqual([runs[0]!.code, runs[0]!.stderr]);
  });

  test('a quote never closed in the helper part is reported at the same line', () => {
    const runs = runSplits(['compare', unclosed], offsets);
    expect(runs[0]!.code).toBe(1);
    expect(runs[0]!.stderr).toMatch(/split-unclosed\.csv:\d+: malformed CSV: a quote opened/);
    for (const r of runs) expect([r.code, r.stderr]).toEqual([runs[0]!.code, runs[0]!.stderr]);
  });

  test('a record over --max-record-size in the helper part is reported at the same line', () => {
    const runs = runSplits(['compare', big, '--max-record-size', '4000'], offsets);
    expect([runs[0]!.code, runs[0]!.stderr]).toEqual([
      1,
      `crimedelta: ${big}:${bigLine}: a record is larger than 4,000 bytes (the limit; --max-record-size to raise it) — is a quote on that line never closed?\n`,
    ]);
    for (const r of runs) expect([r.at, r.code, r.stderr]).toEqual([r.at, runs[0]!.code, runs[0]!.stderr]);
  });

  test('trend and compstat give the same output split', () => {
    expectSameAtEverySplit(['trend', lf, '--every', 'month', '--format', 'csv'], offsets.slice(0, 5));
    expectSameAtEverySplit(['compstat', lf, '--as-of', '2021-06-27', '--format', 'csv'], offsets.slice(0, 5));
  });

  test('two files in one run: the helper thread counts a part of each', () => {
    const second = path.join(dir, 'split-lf-2.csv');
    writeFileSync(second, text);
    const notes = expectSameAtEverySplit(['compare', lf, second, '--format', 'csv'], offsets.slice(0, 2));
    expect(notes.filter((n) => /split-lf-2\.csv: read by scanner; bytes from \d+ .*counted by a helper thread/.test(n))).toHaveLength(1);
    expect(notes.filter((n) => /split-lf\.csv: read by scanner; bytes from \d+ .*counted by a helper thread/.test(n))).toHaveLength(1);
  });

  test('a file replaced after it was opened: both threads read the file that was opened', () => {
    const at = path.join(dir, 'replaced.csv');
    const half = path.join(dir, 'half.csv');
    writeFileSync(half, text.slice(0, text.indexOf('\n02', text.length >> 1) + 1));
    const args = ['compare', at, '--format', 'json', '--debug'];
    const [reference] = runSplits(args, [], { path: at, original: lf, other: lf });
    const runs = runSplits(args, offsets.slice(0, 4), { path: at, original: lf, other: half });
    expect(reference!.stdout).toContain('"rowsRead": 3752');
    for (const r of runs) {
      expect({ at: r.at, code: r.code, stdout: r.stdout, stderr: r.stderr.replace(DEBUG, '') }).toEqual({
        at: r.at,
        code: 0,
        stdout: reference!.stdout,
        stderr: reference!.stderr.replace(DEBUG, ''),
      });
    }
    expect(runs.filter((r) => /counted by a helper thread/.test(r.stderr))).toHaveLength(2);
  });

  test('a helper thread started but not given a part does not keep the process alive', () => {
    const size = Buffer.byteLength(text);
    for (const [args, env] of [
      [['compare', lf, '--format', 'csv'], { CRIMEDELTA_SPLIT_AT: String(size + 5) }],
      [['compare', lf, '--format', 'csv'], { CRIMEDELTA_SPLIT_AT: String(size - 1) }],
      [['inspect', lf], { CRIMEDELTA_SPLIT_AT: '300000' }],
    ] as const) {
      const run = (extra: Record<string, string>) =>
        spawnSync(process.execPath, [path.join(ROOT, 'dist/bin/crimedelta.js'), ...args], {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 30_000,
          env: { ...process.env, NO_COLOR: '1', ...extra },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      const split = run(env);
      const single = run({ CRIMEDELTA_THREADS: '1' });
      expect([split.status, split.signal, split.stdout, split.stderr]).toEqual([0, null, single.stdout, single.stderr]);
    }
  });
});

describe('a helper given a part with groups by the hundred thousand', () => {
  test('gives it back, and the main thread counts it: same output', () => {
    // 140,000 rows, each its own area: more than 65,536 groups in either part.
    const rows = ['id,date,offense'];
    for (let i = 0; i < 140_000; i++) rows.push(`${i},2023-0${1 + (i % 9)}-1${i % 10},${i % 3 ? 'THEFT' : 'BATTERY'}`);
    const many = path.join(dir, 'many-groups.csv');
    const body = rows.join('\n') + '\n';
    writeFileSync(many, body);
    const [single, split] = runSplits(
      ['compare', many, '--by', 'area', '--area-col', 'id', '--top', '3', '--format', 'csv', '--debug'],
      [body.length >> 1],
    );
    expect(split!.stderr).toMatch(
      /split at byte \d+ but the helper thread did not count it \(more than 65,536 groups\), so this thread read on to the end/,
    );
    expect([split!.code, split!.stdout, split!.stderr.replace(DEBUG, '')]).toEqual([
      single!.code,
      single!.stdout,
      single!.stderr.replace(DEBUG, ''),
    ]);
  });
});
