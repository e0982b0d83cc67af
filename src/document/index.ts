/**
 * Documents: the HTML page and the XLSX workbook of one command or of a
 * report's sections, built from each section's JSON object and grids. The
 * renderers (and their libraries) are loaded only when asked for.
 */
import type { Grid } from '../format/grid.js';

export interface DocSection {
  /** compare, compstat, trend, evaluate or inspect. */
  command: string;
  heading?: string;
  note?: string;
  /** The command's JSON report object (as --format json prints it). */
  json: unknown;
  /** The command's grids, as CSV gets them (plain numbers, flag columns). */
  grids: Grid[];
}

export interface Doc {
  title: string;
  /** Notes of the whole report (the definition's `note`). */
  note?: string;
  sections: DocSection[];
}

/** The document as bytes (XLSX) or text (HTML). */
export async function renderDocument(format: 'html' | 'xlsx', doc: Doc): Promise<string | Uint8Array> {
  if (format === 'xlsx') return (await import('./xlsx.js')).renderXlsx(doc);
  return (await import('./html.js')).renderHtml(doc);
}
