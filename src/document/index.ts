/**
 * Documents: the HTML page and the XLSX workbook of one command or of a
 * report's sections, built from each section's JSON object and grids. The
 * renderers (and their libraries) are loaded only when asked for.
 */
import type { Doc } from './types.js';

export type { Doc, DocSection } from './types.js';

/** The document as bytes (XLSX) or text (HTML). */
export async function renderDocument(format: 'html' | 'xlsx', doc: Doc): Promise<string | Uint8Array> {
  if (format === 'xlsx') return (await import('./xlsx.js')).renderXlsx(doc);
  return (await import('./html.js')).renderHtml(doc);
}
