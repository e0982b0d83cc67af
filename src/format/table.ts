/** The terminal table: cli-table3 borders, chalk colour only when asked. */
import { createRequire } from 'node:module';
import { direction, humanCell } from './cells.js';
import type { CellValue, Grid } from './grid.js';
import { clipCaption, clipToWidth, fitPlan, wrapLine } from './fit.js';
import { clip, visible } from './sanitize.js';

export interface TableOptions {
  color: boolean;
  /** The terminal's width: the table is fitted to it (labels shortened, columns folded); null: one line per row, whatever its length. */
  width?: number | null;
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
  const kinds = grid.columns.map((c) => c.kind);
  const aligns = kinds.map((k): Align => (k === 'text' ? 'left' : 'right'));
  // Text from the data is shown without control characters and cut to MAX_CELL
  // characters (a 5 MB value would otherwise make a 5 MB wide table).
  const text = (t: string) => clip(visible(t));
  const plain: string[][] = [grid.columns.map((c) => text(c.header))];
  const dirs: number[][] = [grid.columns.map(() => 0)];
  const addRow = (row: CellValue[]) => {
    plain.push(row.map((v, i) => text(humanCell(v, kinds[i]!))));
    dirs.push(row.map((v, i) => direction(v, kinds[i]!)));
  };
  for (const r of grid.rows) addRow(r);
  if (grid.total) addRow(grid.total);
  const totalRow = grid.total ? plain.length - 1 : -1;
  const widths = grid.columns.map((_, i) => Math.max(...plain.map((r) => cellWidth(r[i] ?? ''))));
  const width = opts.width ?? null;
  const plan = width === null ? { widths, boxes: [grid.columns.map((_, i) => i)] } : fitPlan(kinds, widths, width);
  const cell = (k: number, i: number) => {
    let t = plain[k]![i] ?? '';
    if (cellWidth(t) > plan.widths[i]!) t = clipToWidth(t, plan.widths[i]!, cellWidth);
    if (k === 0) return t;
    const dir = dirs[k]![i]!;
    if (dir < 0) t = chalk.green(t);
    else if (dir > 0) t = chalk.red(t);
    return k === totalRow ? chalk.bold(t) : t;
  };
  // A rule under the header, and one above the total row to set it apart.
  const rules = new Set([1]);
  if (grid.total && grid.rows.length > 0) rules.add(plain.length - 1);
  const boxes = plan.boxes.map((cols) =>
    drawBox(
      plain.map((_, k) => cols.map((i) => cell(k, i))),
      cols.map((i) => aligns[i]!),
      rules,
    ),
  );
  const line = (t: string) => (width === null ? [clipCaption(visible(t))] : wrapLine(visible(t), width, cellWidth));
  const lines = [...grid.caption.flatMap(line), boxes.join('\n\n'), ...grid.footer.flatMap(line)];
  return lines.join('\n') + '\n';
}
