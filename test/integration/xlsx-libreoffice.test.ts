/**
 * The XLSX workbook opened by a real spreadsheet program: LibreOffice
 * (headless, `soffice --convert-to csv`; .ci/run installs it) reads counts
 * and % changes as numbers, keeps the leading zeros of area codes, and runs
 * no formula from the data.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { outputDir } from '../helpers/report-fixture.js';
import { parse } from 'csv-parse/sync';

const SOFFICE = process.env.CRIMEDELTA_SOFFICE ?? '/usr/bin/soffice';
const haveOffice = existsSync(SOFFICE);
if (!haveOffice) {
  console.warn(
    `\n${'!'.repeat(78)}\n!! SKIPPED: the XLSX LibreOffice tests: no soffice at ${SOFFICE}\n!! (apt-get install libreoffice-calc-nogui, or set CRIMEDELTA_SOFFICE; .ci/run installs it)\n${'!'.repeat(78)}\n`,
  );
}
const maybe = haveOffice ? describe : describe.skip;

/** Converts every sheet of a workbook to CSV with LibreOffice: full values (not as shown; a percent keeps its % sign), formulas as their results; returns sheet name → rows. */
function convert(xlsx: string, dir: string): Map<string, string[][]> {
  // Tokens: separator, quote, UTF-8, first line, -, -, -, -, contents as shown: no, formulas: no, -, every sheet (-1).
  const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
  const r = spawnSync(
    SOFFICE,
    ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', filter, '--outdir', dir, xlsx],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  expect(r.status).toBe(0);
  const base = xlsx.replace(/^.*\//, '').replace(/\.xlsx$/, '');
  const out = new Map<string, string[][]>();
  for (const f of readdirSync(dir)) {
    if (!f.startsWith(`${base}-`) || !f.endsWith('.csv')) continue;
    const rows = readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map(splitCsv);
    out.set(f.slice(base.length + 1, -4), rows);
  }
  return out;
}

/** A CSV line split into cells. */
function splitCsv(line: string): string[] {
  return parse(line, { relax_column_count: true })[0] ?? [''];
}

maybe('XLSX in LibreOffice', () => {
  const dir = outputDir('xlsx-libreoffice');

  test('area codes keep their zeros; counts and % changes are numbers', () => {
    const xlsx = join(dir, 'chicago.xlsx');
    const args = [
      'compare',
      'fixtures/real/chicago-2014-03/Crimes_-_2001_to_present.csv',
      '--area-col',
      'District',
      '--by',
      'area',
      '--window',
      '2014-03-01..2014-03-07',
      '--window',
      '2014-03-08..2014-03-14',
    ];
    expect(runCli([...args, '--format', 'xlsx', '-o', xlsx]).code).toBe(0);
    const json = JSON.parse(runCli([...args, '--format', 'json']).stdout) as {
      rows: { key: { area: string | null }; counts: number[]; change: number; pctChange: number | null }[];
    };
    const sheets = convert(xlsx, dir);
    expect([...sheets.keys()].sort()).toEqual(['1. compare', 'About']);
    const rows = sheets.get('1. compare')!;
    expect(rows[0]!.slice(0, 5)).toEqual(['Area', '2014-03-01..2014-03-07', '2014-03-08..2014-03-14', 'Change', '% Change']);
    json.rows.forEach((r, i) => {
      const cells = rows[i + 1]!;
      // "011", not 11.
      expect(cells[0]).toBe(r.key.area ?? '(missing)');
      expect(cells.slice(1, 4).map(Number)).toEqual([...r.counts, r.change]);
      if (r.pctChange === null) expect(cells[4]).toBe('');
      else {
        // A percent cell: LibreOffice writes its full value with the % sign (0.35 as 35%), a number either way.
        expect(cells[4]).toMatch(/^-?\d+(\.\d+)?%$/);
        expect(Number(cells[4]!.slice(0, -1)) / 100).toBeCloseTo(r.pctChange / 100, 12);
      }
    });
    expect(json.rows.some((r) => /^0\d/.test(r.key.area ?? ''))).toBe(true);
  }, 180_000);

  test('text from the data that looks like a formula stays text', async () => {
    const xlsx = join(dir, 'formulas.xlsx');
    const args = ['compare', join(ROOT, 'fixtures/formula-and-control.csv'), '--years', '2022,2023', '--format', 'xlsx', '-o', xlsx];
    expect(runCli(args).code).toBe(0);
    // exceljs: no cell of the book is a formula.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    let formulas = 0;
    book.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void (c.type === ExcelJS.ValueType.Formula && formulas++))));
    expect(formulas).toBe(0);
    // LibreOffice: the text as written (a formula would have been computed).
    const labels = convert(xlsx, dir)
      .get('1. compare')!
      .map((r) => r[0]);
    expect(labels).toEqual(expect.arrayContaining(['=HYPERLINK("http://x")', '+1 Robbery', '-Assault', '@SUM(A1)']));
  }, 180_000);
});
