/** The one registry of output formats. */
import type { Grid } from './grid.js';
import { renderDelimited } from './delimited.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';
import { escapeJsonUnsafe } from './sanitize.js';

export const FORMATS = ['table', 'csv', 'tsv', 'json', 'md', 'html', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];
/** The formats a text grid renders to. */
export type GridFormat = Exclude<Format, 'json' | 'html' | 'xlsx'>;
/** The formats written as a document (to a file only): built from a command's JSON and grids together. */
export const DOCUMENT_FORMATS: readonly Format[] = ['html', 'xlsx'];

/**
 * A command's report for a document format (HTML, XLSX): its JSON object and
 * its grids (typed cells, as CSV gets them), rendered by src/document.
 */
export interface Piece {
  kind: 'piece';
  format: 'html' | 'xlsx';
  json: unknown;
  grids: Grid[];
}

/** What a command's run gives: the text for standard output or -o, or a piece of a document. */
export type CommandOutput = string | Piece;

/** A piece for the document formats; `grids` as CSV gets them (plain p-values, flag columns). */
export function piece(format: 'html' | 'xlsx', json: unknown, grids: Grid[]): Piece {
  return { kind: 'piece', format, json, grids };
}

export interface RenderOptions {
  color: boolean;
  raw: boolean;
  /** The terminal width a table is fitted to; null or absent: not fitted. */
  width?: number | null;
}

/** Renders a grid in a non-JSON format (JSON renders each command's report object). */
export function renderGrid(format: GridFormat, grid: Grid, opts: RenderOptions): string {
  switch (format) {
    case 'table':
      return renderTable(grid, { color: opts.color, width: opts.width ?? null });
    case 'md':
      return renderMarkdown(grid);
    case 'csv':
      return renderDelimited(grid, { delimiter: ',', raw: opts.raw });
    case 'tsv':
      return renderDelimited(grid, { delimiter: '\t', raw: opts.raw });
  }
}

/**
 * JSON with two-space indent and a final newline. Control characters from the
 * data are escaped (`\u001b`, `\u009b`, `\u202e`…): the values stay exact,
 * and printing the JSON on a terminal is safe.
 */
export function renderJson(value: unknown): string {
  return escapeJsonUnsafe(JSON.stringify(value, null, 2)) + '\n';
}

/** A report in the asked format: JSON from its object, the other formats from its grid (built only when needed). */
export function renderReport(format: Format, report: { json: () => unknown; grid: () => Grid }, opts: RenderOptions): CommandOutput {
  if (format === 'html' || format === 'xlsx') return piece(format, report.json(), [report.grid()]);
  return format === 'json' ? renderJson(report.json()) : renderGrid(format, report.grid(), opts);
}
