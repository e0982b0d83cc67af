/**
 * `crimedelta report`: a definition over three real files and six sections
 * gives JSON, XLSX and HTML whose numbers are those of the same sections run
 * as separate commands; the files are read once; a bad definition is exit 2
 * (a missing file exit 1) with FILE:LINE and the key, caught by --check too.
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../helpers/run-cli.js';
import { ROOT } from '../helpers/paths.js';
import { ATLANTA_FILES, INPUT_ARGV, SECTIONS, outputDir, writeAtlanta } from '../helpers/report-fixture.js';
import { parse } from 'csv-parse/sync';

type Obj = Record<string, unknown>;

/** The separate command of each section, as JSON and CSV. */
const separate = SECTIONS.map((s) => {
  const argv = [...s.argv.slice(0, 1), ...ATLANTA_FILES, ...INPUT_ARGV, ...s.argv.slice(1)];
  const json = runCli([...argv, '--format', 'json']);
  const csv = runCli([...argv, '--format', 'csv']);
  return { argv, json: JSON.parse(json.stdout) as Obj, csv: csv.stdout, code: json.code };
});

const made = writeAtlanta('report');
const run = runCli(['report', made.def, '--debug']);

/** A CSV line split into cells. */
function csvCells(line: string): string[] {
  return parse(line, { relax_column_count: true })[0] ?? [''];
}

/** A sheet's rows as the values exceljs reads (1-based columns dropped to 0-based), up to the first empty row. */
function sheetTable(ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  const width = ws.getRow(1).cellCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.cellCount === 0 || (row.values as unknown[]).every((v) => v === undefined || v === null)) break;
    const vals: ExcelJS.CellValue[] = [];
    for (let c = 1; c <= width; c++) vals.push(row.getCell(c).value);
    rows.push(vals);
  }
  return rows;
}

describe('report over three real files, six sections', () => {
  test('runs, writes HTML, XLSX and JSON, and reads each file once', () => {
    expect(run.code).toBe(0);
    for (const f of ['report.html', 'report.xlsx', 'report.json']) expect(statSync(join(made.dir, f)).size).toBeGreaterThan(1000);
    // --debug names each file as it is read: three files, three reads, for six sections.
    const reads = run.stderr.split('\n').filter((l) => / read by /.test(l));
    expect(reads).toHaveLength(3);
    for (const f of ATLANTA_FILES) expect(reads.filter((l) => l.includes(f))).toHaveLength(1);
    // The separate commands read them once each.
    expect(separate.every((s) => s.code === 0)).toBe(true);
  });

  test('each section of the JSON equals its command run alone', () => {
    const j = JSON.parse(readFileSync(join(made.dir, 'report.json'), 'utf8')) as { title: string; sections: Obj[] };
    expect(j.title).toBe('Atlanta COBRA sample');
    expect(j.sections.map((s) => s.command)).toEqual(['compstat', 'compare', 'compare', 'trend', 'inspect', 'evaluate']);
    expect(j.sections[2]!.heading).toBe('Year to date by beat');
    expect(j.sections[2]!.note).toBe('The twelve beats with the most incidents.');
    j.sections.forEach((s, i) => expect(s.report).toEqual(separate[i]!.json));
  });

  test('every XLSX table cell equals the CSV of the command run alone; types and formats as documented', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(made.dir, 'report.xlsx'));
    const names = book.worksheets.map((w) => w.name);
    const sheetOf = ['CompStat', 'Year to date by offense', 'Year to date by beat', '4. trend', '5. inspect', 'Beats 505 and 206'];
    expect(names).toEqual(['About', ...sheetOf.slice(0, 5), '5. inspect 2', '5. inspect 3', '5. inspect 4', sheetOf[5]]);
    SECTIONS.forEach((_, i) => {
      const ws = book.getWorksheet(sheetOf[i])!;
      const sheet = sheetTable(ws);
      const lines = separate[i]!.csv.split('\n\n')[0]!.trim().split('\n').map(csvCells);
      // The total row is after a blank row in the sheet: read it from there.
      const hasTotal = lines.length > sheet.length;
      const rows = hasTotal ? [...sheet, ws.getRow(sheet.length + 2).values as ExcelJS.CellValue[]] : sheet;
      if (hasTotal) rows[rows.length - 1] = (rows[rows.length - 1] as ExcelJS.CellValue[]).slice(1);
      expect(rows).toHaveLength(lines.length);
      const header = lines[0]!;
      expect(rows[0]).toEqual(header);
      lines.slice(1).forEach((cells, r) => {
        cells.forEach((text, c) => {
          const v = rows[r + 1]![c] ?? null;
          if (text === '') expect(v).toBeNull();
          else if (/^-?\d+(\.\d+)?(e-?\d+)?$/.test(text) && typeof v === 'number') {
            const pct = / %|^% |%$|% vs/.test(header[c]!);
            // CSV rounds a % change to one decimal; the workbook holds the fraction.
            if (pct) expect(Math.round(v * 1000) / 10).toBeCloseTo(Number(text), 9);
            else expect(v).toBe(Number(text));
          } else if (v instanceof Date) expect(v.toISOString().slice(0, 10)).toBe(text);
          // CSV puts ' before text that a spreadsheet would run; the workbook keeps the text as it is.
          else expect(v).toBe(text.replace(/^'(?=[=+\-@])/, ''));
        });
      });
      // The header row is frozen and filtered.
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
    });
    // Types and formats, on the compare section (exact values from its JSON).
    const cmp = separate[1]!.json as {
      rows: { key: { offense: string }; counts: number[]; change: number; pctChange: number | null; pValue: number }[];
    };
    const ws = book.getWorksheet('Year to date by offense')!;
    const head = (ws.getRow(1).values as string[]).slice(1);
    const col = (h: string) => head.indexOf(h) + 1;
    cmp.rows.forEach((r, k) => {
      const row = ws.getRow(k + 2);
      expect(row.getCell(1).value).toBe(r.key.offense);
      expect(row.getCell(col('2020')).value).toBe(r.counts[0]);
      expect(row.getCell(col('2020')).numFmt).toBe('#,##0');
      expect(row.getCell(col('Change')).value).toBe(r.change);
      const pct = row.getCell(col('% Change'));
      if (r.pctChange === null) expect(pct.value).toBeNull();
      else {
        expect(pct.value).toBeCloseTo(r.pctChange / 100, 14);
        expect(pct.numFmt).toBe('+0.0%;-0.0%;0.0%');
      }
      expect(row.getCell(col('p')).value).toBe(r.pValue);
    });
    // Evaluate: the estimate below the counts, as numbers.
    const ev = separate[5]!.json as { estimate: number; se: number; z: number; pValue: number; ci: number[] };
    const evSheet = book.getWorksheet('Beats 505 and 206')!;
    const wdd = evSheet.getRows(1, evSheet.rowCount)!.find((r) => r.getCell(1).value === 'WDD')!;
    expect([2, 3, 4, 5, 6, 7].map((c) => wdd.getCell(c).value)).toEqual([ev.estimate, ev.se, ev.z, ev.pValue, ev.ci[0], ev.ci[1]]);
    // Beats (area codes) are text, even when they look like numbers.
    const beats = book.getWorksheet('Year to date by beat')!;
    expect(beats.getRow(2).getCell(1).value).toBe('505');
    expect(beats.getRow(2).getCell(1).numFmt).toBe('@');
    // About: the as-of day is a date; windows with their dates; rows read.
    const about = book.getWorksheet('About')!;
    const cells = new Map<string, ExcelJS.CellValue>();
    about.eachRow((row) => {
      const k = row.getCell(1).value;
      if (typeof k === 'string' && !cells.has(k)) cells.set(k, row.getCell(2).value);
    });
    expect(cells.get('As of')).toEqual(new Date(Date.UTC(2021, 5, 30)));
    expect(cells.get('Rows read')).toBe(510);
    expect(cells.get('Rows skipped')).toBe(1);
    const windowRow = about.getRows(1, about.rowCount)!.find((r) => r.getCell(1).value === '' || r.getCell(2).value === '2021');
    expect(windowRow).toBeTruthy();
  });

  test('HTML: self-contained (no script, no external reference), real tables with header scope, a chart per section', () => {
    const html = readFileSync(join(made.dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(http|src="http/i);
    expect(html).not.toMatch(/href="http/);
    expect((html.match(/<section /g) ?? []).length).toBe(6);
    expect((html.match(/<th scope="col"/g) ?? []).length).toBeGreaterThan(30);
    expect((html.match(/<figure class="chart"/g) ?? []).length).toBe(7);
    expect(html).toContain('<title id=');
    expect(html).toContain('@media print');
  });
});

describe('report definitions that are wrong', () => {
  const dir = outputDir('report-errors');
  const good = readFileSync(join(ROOT, 'fixtures/report/sample.yaml'), 'utf8');
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const cases: [string, string, number, RegExp][] = [
    [
      'misspelled key',
      good.replace('span: jan-sep', 'spam: jan-sep'),
      2,
      /^crimedelta: .*misspelled-key\.yaml:10: unknown key `spam` in sections\[1\]\.compare — did you mean `span`\?\n$/,
    ],
    [
      'wrong type',
      good.replace('stats: true', 'stats: [1, 2]'),
      2,
      /wrong-type\.yaml:11: `stats` \(sections\[1\]\.compare\.stats\): expected true or false or a string, got a list\n$/,
    ],
    [
      'bad value',
      good.replace('every: month', 'every: fortnight'),
      2,
      /bad-value\.yaml:14: `every` \(sections\[2\]\.trend\.every\): expected one of "week", "month", "quarter", "year"\n$/,
    ],
    ['missing file', good.replace('sample: true', 'files: [no-such.csv]'), 1, /missing-file\.yaml:3: files: no-such\.csv: no such file\n$/],
    [
      'flag conflict',
      good.replace('span: jan-sep', 'span: jan-sep\n      last: 28d'),
      2,
      /flag-conflict\.yaml:8: section 2 \(compare\): --last cannot be combined with --window, --years or --span\n$/,
    ],
  ];
  test.each(cases)('%s: exit code, FILE:LINE and key, also with --check', (name, text, code, message) => {
    const p = write(`${name.replace(/ /g, '-')}.yaml`, text);
    for (const extra of [[], ['--check']]) {
      const r = runCli(['report', p, ...extra]);
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  test('--check validates without reading data; a good definition says what it holds', () => {
    const r = runCli(['report', join(ROOT, 'fixtures/report/sample.yaml'), '--check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /sample\.yaml: valid — 4 sections \(compstat, compare, trend, inspect\) on the bundled sample; output: standard output \(table\)\n$/,
    );
    expect(r.stderr).toBe('');
  });

  test('--fail-on fails the run with no output written, and the old report is kept', () => {
    const old = write('kept.html', 'last week');
    const def = write(
      'fail.yaml',
      'title: Year to date\ninput: {sample: true}\nas-of: "2023-10-15"\nsections:\n  - compare: {}\n  - trend: {every: month}\noutput: [kept.html]\nfail-on: incomplete\n',
    );
    const r = runCli(['report', def]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is incomplete.*\(--fail-on incomplete\)/);
    expect(readFileSync(old, 'utf8')).toBe('last week');
    // The command line overrides the definition: --as-of moves the week back, and the run passes.
    const r2 = runCli(['report', def, '--as-of', '2023-09-30']);
    expect(r2.code).toBe(0);
    expect(readFileSync(old, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(existsSync(join(dir, 'kept.html'))).toBe(true);
  });
});
