/**
 * Property-based tests for issue 7 (hostile input): the whole pipeline runs
 * in-process through main(argv, io) with fake streams, on files made from
 * random text.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/io/output.js';

const dir = mkdtempSync(join(tmpdir(), 'crimedelta-props-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function run(text: string | Buffer, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(dir, `in-${n++}.csv`);
  writeFileSync(file, text);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (b: Buffer) => out.push(b));
  stderr.on('data', (b: Buffer) => err.push(b));
  const io: Io = { stdout, stderr, stdin: Readable.from([]), env: {}, now: () => new Date(2024, 5, 1) };
  const code = await main(['compare', file, ...args], io);
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** Errors are exactly one `crimedelta: ` line (notes and the skipped summary aside), never an internal error. */
function checkOutcome(r: { code: number; stderr: string }): void {
  expect([0, 1]).toContain(r.code);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  if (r.code === 1) {
    const lines = r.stderr.split('\n').filter((l) => l && !/^crimedelta: (note:|warning:|skipped)/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^crimedelta: /);
  }
}

const TOKENS = [
  ',',
  ';',
  '\t',
  '|',
  '"',
  '""',
  '\n',
  '\r\n',
  '\r',
  ' ',
  'a',
  'Robbery',
  'é',
  '\u0000',
  '\u001b[2J',
  '2023-01-05',
  '01/02/2023',
  'date',
  'offense',
  'id',
  '=',
];
const randomText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 300 }).map((t) => t.join(''));
const withHeader = randomText.map((t) => `id,date,offense\n${t}`);

describe('random CSV text never crashes the reader', () => {
  test('any text: a report (exit 0) or one error line (exit 1)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(randomText, withHeader), async (text) => {
        checkOutcome(await run(text, ['--format', 'json']));
      }),
      { numRuns: 150 },
    );
  });

  test('any bytes: a report or one error line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        checkOutcome(await run(Buffer.from(bytes), []));
      }),
      { numRuns: 60 },
    );
  });
});

// Mostly good rows over 2022-2023, with some broken ones.
const OFFENSES = [
  'Robbery',
  'Theft',
  '=SUM(A1)',
  '+1',
  '-Assault',
  '@cmd',
  '\tTab',
  '\rCR',
  'Burglary, residential',
  'say "hi"',
  '\u001b[31mred',
  '\u202eevil',
];
const row = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.tuple(
      fc.integer({ min: 2022, max: 2023 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.constantFrom(...OFFENSES),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('short,row', 'x,not-a-date,Theft', 'y,2023-02-02,', 'z,2023-02-02,Theft,extra') },
);
const csvFile = fc.array(row, { minLength: 1, maxLength: 80 }).map((rows) => {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = rows.map((r, i) =>
    typeof r === 'string' ? r : `C${i},${r[0]}-${String(r[1]).padStart(2, '0')}-${String(r[2]).padStart(2, '0')},${q(r[3])}`,
  );
  // At least one good row, so that a report is possible.
  return ['id,date,offense', 'C-1,2023-06-01,Robbery', ...lines].join('\n') + '\n';
});
const WINDOWS = ['--years', '2022,2023', '--span', 'full', '--quiet'];

describe('reports on random rows', () => {
  test('per-group counts sum to the total (no --id-col), and every row read is accounted for', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, async (text) => {
        const r = await run(text, [...WINDOWS, '--format', 'json']);
        expect(r.code).toBe(0);
        const j = JSON.parse(r.stdout);
        for (let w = 0; w < j.total.counts.length; w++) {
          expect(j.rows.reduce((s: number, row: { counts: number[] }) => s + row.counts[w]!, 0)).toBe(j.total.counts[w]);
        }
        const i = j.input;
        expect(i.rowsCounted + i.rowsOutsideWindows + i.rowsSkipped + i.rowsFiltered + i.rowsUnmapped).toBe(i.rowsRead);
      }),
      { numRuns: 60 },
    );
  });

  test('CSV output re-parses to the same numbers as the JSON output', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, async (text) => {
        const j = JSON.parse((await run(text, [...WINDOWS, '--format', 'json'])).stdout);
        const c = await run(text, [...WINDOWS, '--format', 'csv']);
        // Coverage flag columns (`LABEL coverage`) come last; the numbers are before them.
        const all = parse(c.stdout, { relax_column_count: false });
        const keep = all[0]!.map((h) => !h.endsWith(' coverage'));
        const table = all.map((r) => r.filter((_, i) => keep[i]));
        const body = table.slice(1);
        expect(body).toHaveLength(j.rows.length + 1);
        const expected = [...j.rows, j.total].map((x: { counts: number[]; change: number; pctChange: number | null }) => [
          ...x.counts,
          x.change,
        ]);
        expect(body.map((r) => r.slice(1, -1).map(Number))).toEqual(expected);
        const pcts = [...j.rows, j.total].map((x: { pctChange: number | null }) => x.pctChange);
        body.forEach((r, k) => {
          const cell = r[r.length - 1]!;
          const p = pcts[k];
          if (p === null) expect(cell).toBe('');
          else expect(Math.abs(Number(cell) - p!)).toBeLessThanOrEqual(0.05 + 1e-9);
        });
      }),
      { numRuns: 40 },
    );
  });

  const FORMULA = /^[=+\-@\t\r]/;
  const NUMBER = /^-?\d+(\.\d+)?(e-?\d+)?$/;
  test.each(['csv', 'tsv'])('no %s cell starts a formula; --raw keeps the values as they are', async (format) => {
    await fc.assert(
      fc.asyncProperty(csvFile, async (text) => {
        const r = await run(text, [...WINDOWS, '--format', format]);
        const cells = format === 'csv' ? parse(r.stdout).flat() : r.stdout.split('\n').flatMap((l) => l.split('\t'));
        for (const cell of cells) if (FORMULA.test(cell)) expect(cell).toMatch(NUMBER);
        const raw = await run(text, [...WINDOWS, '--format', 'csv', '--raw']);
        const jr = await run(text, [...WINDOWS, '--format', 'json']);
        // A file with no readable date column is exit 1 with nothing on standard output, in every format.
        expect(jr.code).toBe(r.code);
        if (jr.code !== 0) return;
        const json = JSON.parse(jr.stdout);
        const names = parse(raw.stdout)
          .slice(1, -1)
          .map((row) => row[0]);
        expect(names).toEqual(json.rows.map((x: { key: { offense: string } }) => x.key.offense));
      }),
      { numRuns: 30 },
    );
  });
});
