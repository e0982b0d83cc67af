/**
 * What the tool does to the user's files: a failed write leaves the old
 * report, `-o` never overwrites an input, the same file named twice is read
 * once, and the default as-of day does not depend on the machine's zone.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { CLI, ROOT, runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'crimedelta-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = path.join(dir, 'f.csv');
copyFileSync(path.join(ROOT, 'fixtures/basic-two-years.csv'), data);
const original = readFileSync(data, 'utf8');
const SKIPPED =
  'crimedelta: warning: skipped 3 of 26 rows: 1 unreadable date (first: f.csv:23 "13/45/2023 10:00:00 PM"); 1 no offense (first: f.csv:24); 1 wrong number of fields (first: f.csv:25)\n';

function sh(script: string, env: Record<string, string> = {}) {
  const r = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CLI, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('-o writes atomically', () => {
  test('a write that fails (file size limit) leaves the old report as it was and no temporary file', () => {
    writeFileSync(path.join(dir, 'report.json'), 'last week\n');
    const big = sh(
      `ulimit -f 2; node "$CLI" compare ${JSON.stringify(path.join(ROOT, 'fixtures/sample-incidents.csv'))} --by offense,area --format json -o report.json --quiet`,
    );
    expect(big).toEqual({
      code: 1,
      stdout: '',
      stderr: 'crimedelta: cannot write the report to report.json: the file would be larger than allowed (file size limit)\n',
    });
    expect(readFileSync(path.join(dir, 'report.json'), 'utf8')).toBe('last week\n');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  test('a write that succeeds replaces the report and keeps its mode', () => {
    const out = path.join(dir, 'ok.csv');
    writeFileSync(out, 'old\n', { mode: 0o600 });
    const r = sh(`node "$CLI" compare f.csv --format csv --quiet -o ok.csv`);
    expect(r).toEqual({ code: 0, stdout: '', stderr: SKIPPED });
    expect(readFileSync(out, 'utf8')).toMatch(/^Offense,2022,2023,Change,% Change\n/);
    expect(sh('stat -c %a ok.csv').stdout).toBe('600\n');
  });
});

describe('-o never overwrites an input', () => {
  linkSync(data, path.join(dir, 'hard.csv'));
  symlinkSync('f.csv', path.join(dir, 'sym.csv'));
  test.each([
    ['the same name', 'node "$CLI" compare f.csv -o f.csv', 'f.csv', 'f.csv'],
    ['another path to it', 'node "$CLI" compare f.csv -o ./f.csv', './f.csv', 'f.csv'],
    ['a hard link', 'node "$CLI" compare f.csv -o hard.csv', 'hard.csv', 'f.csv'],
    ['a symbolic link', 'node "$CLI" compare sym.csv -o f.csv', 'f.csv', 'sym.csv'],
    ['standard input redirected from it', 'node "$CLI" compare -o f.csv < f.csv', 'f.csv', 'standard input'],
    [
      'a gzip input among several',
      `node "$CLI" compare f.csv ${JSON.stringify(path.join(ROOT, 'fixtures/basic-two-years.csv.gz'))} -o hard.csv`,
      'hard.csv',
      'f.csv',
    ],
  ])('%s: exit 2, the data untouched', (_name, script, out, input) => {
    expect(sh(script)).toEqual({
      code: 2,
      stdout: '',
      stderr: `crimedelta: -o ${out} is also an input (${input}): the report would overwrite the data; write it to another file\n`,
    });
    expect(readFileSync(data, 'utf8')).toBe(original);
  });

  test('an output that cannot be written is refused before any input is read', () => {
    // The input is missing: the output error comes first, so nothing was read.
    expect(sh(`node "$CLI" compare missing.csv -o ''`)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'crimedelta: -o/--output needs a file name\n',
    });
    expect(sh(`node "$CLI" compare missing.csv -o no/such/folder.csv`)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'crimedelta: cannot write the report to no/such/folder.csv: no such file or folder (no/such)\n',
    });
    expect(sh(`node "$CLI" compare missing.csv -o .`)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'crimedelta: cannot write the report to .: it is a folder\n',
    });
  });
});

describe('the same file named twice is read once', () => {
  test.each([
    ['a hard link', 'f.csv hard.csv', 'hard.csv is the same file as f.csv'],
    ['two paths', 'f.csv ./f.csv', './f.csv is the same file as f.csv'],
    ['a symbolic link', 'sym.csv f.csv', 'f.csv is the same file as sym.csv'],
  ])('%s', (_name, files, note) => {
    const r = sh(`node "$CLI" compare ${files} --format csv`);
    expect(r.stdout.split('\n').at(-2)).toBe('All offenses,10,11,1,10');
    expect(r.stderr.split('\n')[0]).toBe(`crimedelta: note: ${note}: read once`);
    expect(r.code).toBe(0);
  });

  test('- and /dev/stdin', () => {
    const r = sh(`cat f.csv | node "$CLI" compare - /dev/stdin --format csv`);
    expect(r.stdout.split('\n').at(-2)).toBe('All offenses,10,11,1,10');
    expect(r.stderr).toBe(`crimedelta: note: /dev/stdin is the same file as stdin: read once\n${SKIPPED.replaceAll('f.csv:', 'stdin:')}`);
  });
});

describe('the default as-of day', () => {
  test('does not depend on the machine zone when the data reaches today', () => {
    const now = new Date();
    const utc = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const iso = (days: number) => new Date(utc + days * 86_400_000).toISOString().slice(0, 10);
    // Yesterday, today and tomorrow (UTC) are past or present somewhere on Earth; two days ahead is future everywhere.
    const file = path.join(dir, 'today.csv');
    writeFileSync(file, `date,offense\n${iso(-800)},A\n${iso(-1)},A\n${iso(0)},A\n${iso(1)},A\n${iso(2)},A\n`);
    const asOf = ['America/Adak', 'UTC', 'Pacific/Kiritimati'].map((TZ) => {
      const r = runCli(['compare', file, '--format', 'json'], { env: { TZ } });
      return { asOf: JSON.parse(r.stdout).asOf, stderr: r.stderr };
    });
    const expected = {
      asOf: iso(1),
      stderr: `crimedelta: warning: 1 row is dated in the future (after ${iso(1)}, today's date somewhere on Earth; latest ${iso(2)}); the as-of day is the latest date before them — give --as-of to choose\n`,
    };
    expect(asOf).toEqual([expected, expected, expected]);
  });
});
