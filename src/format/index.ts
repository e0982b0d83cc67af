/** The one registry of output formats. */
import type { Grid } from './grid.js';
import { renderDelimited } from './delimited.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';
import { escapeJsonUnsafe } from './sanitize.js';

export const FORMATS = ['table', 'csv', 'tsv', 'json', 'md'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  color: boolean;
  raw: boolean;
  /** The terminal width a table is fitted to; null or absent: not fitted. */
  width?: number | null;
}

/** Renders a grid in a non-JSON format (JSON renders each command's report object). */
export function renderGrid(format: Exclude<Format, 'json'>, grid: Grid, opts: RenderOptions): string {
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
export function renderReport(format: Format, report: { json: () => unknown; grid: () => Grid }, opts: RenderOptions): string {
  return format === 'json' ? renderJson(report.json()) : renderGrid(format, report.grid(), opts);
}
