/**
 * The XLSX workbook (exceljs): a sheet per section table and an About sheet.
 * Cells keep their types: counts are numbers with a thousands format, a %
 * change is a fraction with a percent format (10.1% is 0.101), p-values are
 * numbers, n/a is an empty cell, ISO dates are dates, and text from the data
 * (area and offense codes, `=…` values) is text, never a number or a formula.
 */
import ExcelJS from 'exceljs';
import { parseIsoDay, civilFromDay } from '../core/civil.js';
import type { CellValue, ColumnKind, Grid } from '../format/grid.js';
import { humanCell } from '../format/cells.js';
import { type SectionFacts, sectionFacts, sectionTitle } from './facts.js';
import type { Doc } from './types.js';

/** Number formats by column kind (positive;negative;zero). */
export const NUM_FORMATS: Record<Exclude<ColumnKind, 'text'>, string> = {
  count: '#,##0',
  change: '+#,##0;-#,##0;0',
  pct: '+0.0%;-0.0%;0.0%',
  rate: '#,##0.00',
  rateChange: '+#,##0.00;-#,##0.00;0.00',
  pvalue: 'General',
  ratio: '0.00',
};

export const DATE_FORMAT = 'yyyy-mm-dd';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO civil date as the Date exceljs writes as that day (midnight UTC: the serial does not depend on the zone). */
export function isoDate(text: string): Date | null {
  if (!ISO_DAY.test(text)) return null;
  const d = parseIsoDay(text);
  if (d === undefined || d === null) return null;
  const c = civilFromDay(d);
  return new Date(Date.UTC(c.y, c.m - 1, c.d));
}

/** A sheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the book. */
function sheetName(wanted: string, used: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim()
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}

/** A cell's value in the workbook: text stays text, numbers per kind, null empty. */
function cellValue(v: CellValue, kind: ColumnKind): { value: ExcelJS.CellValue; numFmt?: string } {
  if (v === null || v === '') return { value: null };
  if (typeof v === 'string') {
    if (kind === 'text') {
      const d = isoDate(v);
      if (d) return { value: d, numFmt: DATE_FORMAT };
    }
    return { value: v, numFmt: '@' };
  }
  if (kind === 'text') return { value: v };
  return { value: kind === 'pct' ? v / 100 : v, numFmt: NUM_FORMATS[kind] };
}

/** Shown width of a cell, for the column widths. */
function shownWidth(v: CellValue, kind: ColumnKind): number {
  return v === null ? 3 : humanCell(v, kind).length;
}

function addGridSheet(book: ExcelJS.Workbook, name: string, grid: Grid, heading: string): void {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const kinds = grid.columns.map((c) => c.kind);
  const header = ws.addRow(grid.columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((c) => {
    c.border = { bottom: { style: 'thin' } };
    c.alignment = { vertical: 'bottom', wrapText: true };
  });
  const widths = grid.columns.map((c) => Math.min(40, c.header.length));
  const put = (cells: readonly CellValue[], bold: boolean) => {
    const row = ws.addRow([]);
    cells.forEach((v, i) => {
      const kind = kinds[i] ?? 'text';
      const { value, numFmt } = cellValue(v, kind);
      const cell = row.getCell(i + 1);
      cell.value = value;
      if (numFmt) cell.numFmt = numFmt;
      if (bold) cell.font = { bold: true };
      widths[i] = Math.max(widths[i] ?? 0, shownWidth(v, kind));
    });
  };
  for (const r of grid.rows) put(r, false);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, grid.columns.length) } };
  if (grid.total) {
    // The total below a blank row: sorting or filtering the table leaves it in place.
    ws.addRow([]);
    put(grid.total, true);
  }
  // Tables that go with this one (evaluate's estimate): below it, each with its header row.
  for (const m of grid.more ?? []) {
    ws.addRow([]);
    const h = ws.addRow(m.columns.map((c) => c.header));
    h.font = { bold: true };
    for (const r of m.rows) {
      const row = ws.addRow([]);
      r.forEach((v, i) => {
        const kind = m.columns[i]?.kind ?? 'text';
        const { value, numFmt } = cellValue(v, kind);
        row.getCell(i + 1).value = value;
        if (numFmt) row.getCell(i + 1).numFmt = numFmt;
        widths[i] = Math.max(widths[i] ?? 0, Math.min(30, shownWidth(v, kind)));
      });
    }
  }
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = Math.max(8, Math.min(50, w + 2))));
  const notes = [heading, ...grid.caption, ...grid.footer];
  ws.addRow([]);
  for (const line of notes) {
    const row = ws.addRow([]);
    row.getCell(1).value = line;
    row.getCell(1).numFmt = '@';
  }
}

function addAbout(book: ExcelJS.Workbook, doc: Doc, facts: SectionFacts[]): void {
  const ws = book.addWorksheet('About');
  ws.getColumn(1).width = 22;
  ws.getColumn(2).width = 40;
  for (const c of [3, 4, 5, 6]) ws.getColumn(c).width = 14;
  const text = (label: string, value: string | number | Date | null, fmt?: string) => {
    const row = ws.addRow([label]);
    row.getCell(1).font = { bold: true };
    const cell = row.getCell(2);
    cell.value = value;
    if (fmt) cell.numFmt = fmt;
    else if (typeof value === 'string') cell.numFmt = '@';
    return row;
  };
  const title = ws.addRow([doc.title]);
  title.font = { bold: true, size: 14 };
  if (doc.note) text('Note', doc.note);
  text('Made by', doc.generator);
  const asOfs = [...new Set(facts.map((f) => f.asOf).filter((a): a is string => a !== null))];
  if (asOfs.length === 1) text('As of', isoDate(asOfs[0]!), DATE_FORMAT);
  doc.sections.forEach((s, i) => {
    const f = facts[i]!;
    ws.addRow([]);
    const h = ws.addRow([sectionTitle(s, i)]);
    h.font = { bold: true, size: 12 };
    text('Command', s.command);
    if (s.note) text('Note', s.note);
    if (f.asOf && asOfs.length !== 1) text('As of', isoDate(f.asOf), DATE_FORMAT);
    if (f.files.length) text('Files', f.files.join(', '));
    const counts: [string, number | null][] = [
      ['Rows read', f.rowsRead],
      ['Rows counted', f.rowsCounted],
      ['Rows skipped', f.rowsSkipped],
      ['Rows left out (--where)', f.rowsFiltered],
      ['Rows dropped (--map)', f.rowsUnmapped],
    ];
    for (const [label, n] of counts)
      if (n !== null && (n > 0 || label === 'Rows read' || label === 'Rows counted')) text(label, n, '#,##0');
    if (f.windows.length) {
      const head = ws.addRow(['Window', 'Label', 'From', 'To', 'Days', 'Coverage']);
      head.font = { bold: true };
      for (const w of f.windows) {
        const row = ws.addRow([w.block, w.label, isoDate(w.start), isoDate(w.end), w.days, w.coverage || 'complete']);
        row.getCell(1).numFmt = '@';
        row.getCell(2).numFmt = '@';
        row.getCell(3).numFmt = DATE_FORMAT;
        row.getCell(4).numFmt = DATE_FORMAT;
      }
    }
    const lines = s.grids.flatMap((g) => [...g.caption, ...g.footer]);
    for (const line of lines) text('', line);
  });
}

export async function renderXlsx(doc: Doc): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'crimedelta';
  // A fixed date: the same report gives the same workbook.
  book.created = new Date(Date.UTC(2000, 0, 1));
  book.modified = book.created;
  const used = new Set<string>(['about']);
  const facts = doc.sections.map(sectionFacts);
  // About first: what the book holds and how it was counted.
  addAbout(book, doc, facts);
  doc.sections.forEach((s, i) => {
    const title = sectionTitle(s, i);
    s.grids.forEach((g, k) => addGridSheet(book, sheetName(k === 0 ? title : `${title} ${k + 1}`, used), g, title));
  });
  const buf = await book.xlsx.writeBuffer();
  return new Uint8Array(buf);
}
