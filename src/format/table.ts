/** The terminal table: cli-table3 borders, chalk colour only when asked. */
import { Chalk } from 'chalk';
import { createRequire } from 'node:module';
import { direction, humanCell } from './cells.js';
import type { CellValue, Grid } from './grid.js';
import { clip, visible } from './sanitize.js';

export interface TableOptions {
  color: boolean;
}

/**
 * The box is drawn here, the way cli-table3 draws it (same characters, one
 * space of padding, widths measured by cli-table3's own strlen): cli-table3's
 * layout takes time quadratic in the number of rows (200,000 rows never
 * finish), copies them with Function#apply (a stack overflow), and spends
 * tens of microseconds on every cell. test/unit/format/table.test.ts checks
 * that both draw the same.
 */
type Align = 'left' | 'right';

/** cli-table3's own measure of a cell's width on the terminal (ANSI colour codes stripped, wide characters counted twice). */
const tableStrlen = (createRequire(import.meta.url)('cli-table3/src/utils.js') as { strlen: (s: string) => number }).strlen;

/** Width on the terminal; plain text below U+1100 (no wide or zero-width characters) is its length. */
export function cellWidth(text: string): number {
  return /^[\u0020-\u007e\u00a0-\u02ff\u0370-\u10ff\u2010-\u2027\u2030-\u205e\u2190-\u23ff\u2400-\u2426\u2500-\u25ff]*$/.test(text)
    ? text.length
    : tableStrlen(text);
}

/** Draws rows (the first is the header) as one box with a rule between every two rows. */
export function drawBox(rows: string[][], aligns: Align[]): string {
  const widths: number[] = [];
  const measured = rows.map((r) =>
    r.map((cell, i) => {
      const w = cellWidth(cell);
      widths[i] = Math.max(widths[i] ?? 0, w);
      return w;
    }),
  );
  const line = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const rule = line('├', '┼', '┤');
  const out: string[] = [line('┌', '┬', '┐')];
  rows.forEach((r, k) => {
    if (k > 0) out.push(rule);
    const cells = widths.map((w, i) => {
      const cell = r[i] ?? '';
      const gap = ' '.repeat(w - (measured[k]![i] ?? 0));
      return aligns[i] === 'right' ? ` ${gap}${cell} ` : ` ${cell}${gap} `;
    });
    out.push(`│${cells.join('│')}│`);
  });
  out.push(line('└', '┴', '┘'));
  return out.join('\n');
}

export function renderTable(grid: Grid, opts: TableOptions): string {
  const chalk = new Chalk({ level: opts.color ? 1 : 0 });
  const aligns = grid.columns.map((c): Align => (c.kind === 'text' ? 'left' : 'right'));
  // Text from the data is shown without control characters and cut to MAX_CELL
  // characters (a 5 MB value would otherwise make a 5 MB wide table).
  const text = (t: string) => clip(visible(t));
  const cells = (row: CellValue[], bold: boolean) =>
    row.map((v, i) => {
      const kind = grid.columns[i]!.kind;
      let t = text(humanCell(v, kind));
      const dir = direction(v, kind);
      if (dir < 0) t = chalk.green(t);
      else if (dir > 0) t = chalk.red(t);
      return bold ? chalk.bold(t) : t;
    });
  const all: string[][] = [grid.columns.map((c) => text(c.header))];
  for (const r of grid.rows) all.push(cells(r, false));
  if (grid.total) all.push(cells(grid.total, true));
  const drawn = drawBox(all, aligns);
  // cli-table3 has no footer section: the total is the last row, set apart by a rule.
  const out = grid.total && grid.rows.length > 0 ? ruleBeforeLastRow(drawn) : drawn;
  const lines = [...grid.caption.map(text), out, ...grid.footer.map(text)];
  return lines.join('\n') + '\n';
}

/**
 * cli-table3 draws a rule only under the header; tables without `compact`
 * draw one between every row. We draw rules between every row, then keep only
 * the header rule and the one above the total.
 */
function ruleBeforeLastRow(text: string): string {
  const lines = text.split('\n');
  const isRule = (l: string) => l.includes('┼') || l.startsWith('├');
  const rules = lines.map((l, i) => (isRule(l) ? i : -1)).filter((i) => i >= 0);
  const keep = new Set([rules[0], rules[rules.length - 1]]);
  return lines.filter((l, i) => !isRule(l) || keep.has(i)).join('\n');
}
