/** The terminal table: cli-table3 borders, chalk colour only when asked. */
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

/** cli-table3's own measure of a cell's width on the terminal (ANSI colour codes stripped, wide characters counted twice); loaded on first use. */
let strlen: ((s: string) => number) | undefined;
function tableStrlen(s: string): number {
  strlen ??= (createRequire(import.meta.url)('cli-table3/src/utils.js') as { strlen: (s: string) => number }).strlen;
  return strlen(s);
}

/** chalk, once {@link loadColor} has loaded it (an ES module that a run without colour never needs). */
let chalkModule: typeof import('chalk') | undefined;

/** Loads chalk; a table rendered with `color: true` is coloured only after this. */
export async function loadColor(): Promise<void> {
  chalkModule ??= await import('chalk');
}

/** Width on the terminal; plain text below U+1100 (no wide or zero-width characters) is its length. */
export function cellWidth(text: string): number {
  return /^[\u0020-\u007e\u00a0-\u02ff\u0370-\u10ff\u2010-\u2027\u2030-\u205e\u2190-\u23ff\u2400-\u2426\u2500-\u25ff]*$/.test(text)
    ? text.length
    : tableStrlen(text);
}

/**
 * Draws rows (the first is the header) as one box, with a rule above each row
 * whose index is in `rulesBefore` (by default: between every two rows).
 */
export function drawBox(rows: string[][], aligns: Align[], rulesBefore?: ReadonlySet<number>): string {
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
    if (k > 0 && (!rulesBefore || rulesBefore.has(k))) out.push(rule);
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

/** Stands in for chalk when it is not loaded: no colour. */
const NO_CHALK = {
  Chalk: class {
    constructor(_opts: { level: number }) {}
    green = (t: string) => t;
    red = (t: string) => t;
    bold = (t: string) => t;
  },
};

export function renderTable(grid: Grid, opts: TableOptions): string {
  const chalk = new (chalkModule ?? NO_CHALK).Chalk({ level: opts.color ? 1 : 0 });
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
  // A rule under the header, and one above the total row to set it apart.
  const rules = new Set([1]);
  if (grid.total && grid.rows.length > 0) rules.add(all.length - 1);
  const out = drawBox(all, aligns, rules);
  const lines = [...grid.caption.map(text), out, ...grid.footer.map(text)];
  return lines.join('\n') + '\n';
}
