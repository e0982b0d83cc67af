/** A Markdown table for reports and issues. */
import { humanCell } from './cells.js';
import type { CellValue, Grid } from './grid.js';
import { visible } from './sanitize.js';

/**
 * Text from the data is shown, never run: backslash escapes for what Markdown
 * would read as a table cell end, HTML, an image or link, emphasis or code.
 */
export function mdText(text: string): string {
  return visible(text).replace(/[\\|<>![\]*`]/g, '\\$&');
}

export function renderMarkdown(grid: Grid): string {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const cells = (r: CellValue[], bold: boolean) =>
    r.map((v, i) => {
      const t = mdText(humanCell(v, grid.columns[i]!.kind)).trim();
      return bold && t !== '' ? `**${t}**` : t;
    });
  const out: string[] = [];
  for (const c of grid.caption) out.push(`${mdText(c)}  `);
  if (grid.caption.length) out.push('');
  out.push(row(grid.columns.map((c) => mdText(c.header))));
  out.push(row(grid.columns.map((c) => (c.kind === 'text' ? ':---' : '---:'))));
  for (const r of grid.rows) out.push(row(cells(r, false)));
  if (grid.total) out.push(row(cells(grid.total, true)));
  if (grid.footer.length) {
    out.push('');
    for (const f of grid.footer) out.push(`${mdText(f)}  `);
  }
  return out.join('\n') + '\n';
}
