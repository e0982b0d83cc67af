/** The terminal table: cli-table3 borders, chalk colour only when asked. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { direction, humanCell } from './cells.js';
import type { CellValue, Grid } from './grid.js';
import { visible } from './sanitize.js';

export interface TableOptions {
  color: boolean;
}

export function renderTable(grid: Grid, opts: TableOptions): string {
  const chalk = new Chalk({ level: opts.color ? 1 : 0 });
  const aligns = grid.columns.map((c) => (c.kind === 'text' ? 'left' : 'right') as 'left' | 'right');
  const table = new Table({
    head: grid.columns.map((c) => visible(c.header)),
    colAligns: aligns,
    style: { head: [], border: [], compact: false },
  });
  const cells = (row: CellValue[], bold: boolean) =>
    row.map((v, i) => {
      const kind = grid.columns[i]!.kind;
      let text = visible(humanCell(v, kind));
      const dir = direction(v, kind);
      if (dir < 0) text = chalk.green(text);
      else if (dir > 0) text = chalk.red(text);
      return bold ? chalk.bold(text) : text;
    });
  for (const r of grid.rows) table.push(cells(r, false));
  let out = table.toString();
  if (!grid.total && grid.rows.length > 1) out = onlyHeaderRule(out);
  if (grid.total) {
    // cli-table3 has no footer section: render the total as its own row and
    // join it under a rule so it stands apart from the groups.
    const withTotal = new Table({
      head: grid.columns.map((c) => visible(c.header)),
      colAligns: aligns,
      style: { head: [], border: [], compact: false },
    });
    for (const r of grid.rows) withTotal.push(cells(r, false));
    withTotal.push(cells(grid.total, true));
    out = withTotal.toString();
    if (grid.rows.length > 0) out = ruleBeforeLastRow(out);
  }
  const lines = [...grid.caption.map(visible), out, ...grid.footer.map(visible)];
  return lines.join('\n') + '\n';
}

/** Without a total row: no rules between the rows, only the one under the header. */
function onlyHeaderRule(text: string): string {
  const lines = text.split('\n');
  const isRule = (l: string) => l.includes('┼') || l.startsWith('├');
  const first = lines.findIndex(isRule);
  return lines.filter((l, i) => !isRule(l) || i === first).join('\n');
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
