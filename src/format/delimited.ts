/** CSV and TSV: one header row, plain numbers, nothing else on standard output. */
import { plainCell } from './cells.js';
import type { CellValue, Grid } from './grid.js';
import { neutralizeFormula, visible } from './sanitize.js';

export interface DelimitedOptions {
  delimiter: ',' | '\t';
  /** Keep text cells as they are (no formula neutralisation). */
  raw: boolean;
}

function csvQuote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function tsvClean(text: string): string {
  // TSV has no quoting: tabs and line breaks inside a value become spaces.
  return text.replace(/[\t\r\n]/g, ' ');
}

export function renderDelimited(grid: Grid, opts: DelimitedOptions): string {
  const encode = opts.delimiter === ',' ? csvQuote : tsvClean;
  // Formula neutralisation first (it looks at a leading tab or CR), then control
  // characters are made visible so that nothing in a cell can drive a terminal.
  const textCell = (t: string) => encode(opts.raw ? t : visible(neutralizeFormula(t)));
  const line = (cells: CellValue[]) =>
    cells
      .map((v, i) => {
        const kind = grid.columns[i]!.kind;
        return typeof v === 'string' ? textCell(v) : plainCell(v, kind);
      })
      .join(opts.delimiter);
  const out = [grid.columns.map((c) => textCell(c.header)).join(opts.delimiter)];
  for (const r of grid.rows) out.push(line(r));
  if (grid.total) out.push(line(grid.total));
  const more = (grid.more ?? []).map((g) => `\n${renderDelimited(g, opts)}`).join('');
  return out.join('\n') + '\n' + more;
}
