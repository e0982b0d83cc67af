/**
 * How reports show the measures beside the counts: --rollup (class rows,
 * members indented in tables, `level` and `parent` columns in CSV/TSV,
 * `level`/`parent` keys in JSON), --population rates, --weights harm sums and
 * --count-col, in every format.
 */
import { perLabel, type RateSpec } from '../core/rates.js';
import type { HarmOut, PerCapitaOut } from '../core/row-measures.js';
import type { Tier } from '../core/rollup.js';
import type { CellValue, GridColumn } from '../format/grid.js';

/** What a report shows besides the counts. */
export interface MeasureView {
  rollup?: boolean;
  rates?: RateSpec;
  /** --count-col: the column summed. */
  countCol?: string;
  /** --weights: the file. */
  weights?: string;
}

/** The view of a command's input flags and rates. */
export function measureView(input: { rollup?: boolean; countCol?: string; weights?: string }, rates: RateSpec | undefined): MeasureView {
  return {
    ...(input.rollup ? { rollup: true } : {}),
    ...(rates ? { rates } : {}),
    ...(input.countCol !== undefined ? { countCol: input.countCol } : {}),
    ...(input.weights !== undefined ? { weights: input.weights } : {}),
  };
}

/** How a member row's label is set off under its class: indented in a table, an arrow in Markdown. */
export type Indent = 'table' | 'md' | 'none';

/** The label cells of a row: under --rollup, an offense row's label is indented beneath its class (human formats). */
export function tierLabels(labels: string[], row: Partial<Tier>, indent: Indent): string[] {
  if (row.level !== 'offense' || indent === 'none') return labels;
  const mark = indent === 'table' ? '  ' : '↳ ';
  return labels.map((l, i) => (i === 0 ? `${mark}${l}` : l));
}

/** CSV/TSV under --rollup: `level` and `parent`, right after the group columns. */
export function tierColumns(view: MeasureView, human: boolean): GridColumn[] {
  return view.rollup && !human
    ? [
        { header: 'level', kind: 'text' },
        { header: 'parent', kind: 'text' },
      ]
    : [];
}

/** A row's `level` and `parent` cells (the total row: empty). */
export function tierCells(view: MeasureView, human: boolean, row: Partial<Tier> | null): CellValue[] {
  if (!view.rollup || human) return [];
  return row?.level ? [row.level, row.parent ?? ''] : ['', ''];
}

type Change = number | null | (number | null)[];
const list = (v: Change): (number | null)[] => (Array.isArray(v) ? v : [v]);

/** Columns and cells for a measure with one value per window and changes against the earlier windows (as the counts have). */
interface Extra {
  columns: GridColumn[];
  cells(r: { perCapita?: PerCapitaOut; harm?: HarmOut }): CellValue[];
}

function changeHeaders(earlier: readonly string[], suffix: string): GridColumn[] {
  if (earlier.length === 1) {
    return [
      { header: `Change ${suffix}`, kind: 'rateChange' },
      { header: `% ${suffix}`, kind: 'pct' },
    ];
  }
  return earlier.flatMap((l): GridColumn[] => [
    { header: `Change ${suffix} vs ${l}`, kind: 'rateChange' },
    { header: `% ${suffix} vs ${l}`, kind: 'pct' },
  ]);
}

function interleave(change: Change, pct: Change): CellValue[] {
  const c = list(change);
  const p = list(pct);
  return c.flatMap((x, i) => [x, p[i] ?? null]);
}

/** The rate and harm columns of a report over `labels` (its windows), with their cells. */
export function measureExtras(view: MeasureView, labels: readonly string[]): Extra {
  const columns: GridColumn[] = [];
  const earlier = labels.slice(0, -1);
  const rate = view.rates ? `/${perLabel(view.rates.per)}` : '';
  if (view.rates) {
    for (const l of labels) columns.push({ header: `${l} ${rate}`, kind: 'rate' });
    columns.push(...changeHeaders(earlier, rate));
  }
  if (view.weights !== undefined) {
    for (const l of labels) columns.push({ header: `${l} harm`, kind: 'rate' });
    columns.push(...changeHeaders(earlier, 'harm'));
  }
  return {
    columns,
    cells: (r) => {
      const out: CellValue[] = [];
      if (view.rates) {
        const pc = r.perCapita;
        out.push(
          ...labels.map((_, i) => pc?.rate[i] ?? null),
          ...(pc ? interleave(pc.change, pc.pctChange) : changeHeaders(earlier, '').map(() => null)),
        );
      }
      if (view.weights !== undefined) {
        const h = r.harm;
        out.push(
          ...labels.map((_, i) => h?.sum[i] ?? null),
          ...(h ? interleave(h.change, h.pctChange) : changeHeaders(earlier, '').map(() => null)),
        );
      }
      return out;
    },
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** The footer lines that say what the measures are. */
export function measureFooter(view: MeasureView, unweighted?: Map<string, number[]>): string[] {
  const out: string[] = [];
  if (view.rollup) out.push('--rollup: each class row is the subtotal of the offenses beneath it; the total covers every row counted.');
  if (view.countCol !== undefined) out.push(`Counts are sums of the column "${view.countCol}" (--count-col), not rows.`);
  if (view.rates) {
    const t = view.rates.table;
    out.push(
      `Rates per ${fmt(view.rates.per)} residents (--population ${t.source}): count × ${fmt(view.rates.per)} ÷ population; change and % change of the rates.`,
    );
    if (t.byYear) out.push('Each window uses the population of the year it ends in.');
  }
  if (view.weights !== undefined) {
    out.push(`Harm: the sum of the weights in ${view.weights} over the rows (--weights), not incidents.`);
    const names = unweightedNames(unweighted);
    if (names.length) out.push(`No weight for ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}: their rows add no harm.`);
  }
  return out;
}

/** The offenses without a weight, quoted, most rows first. */
export function unweightedNames(unweighted: Map<string, number[]> | undefined): string[] {
  return [...(unweighted ?? [])]
    .map(([name, rows]) => [name, rows.reduce((a, b) => a + b, 0)] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([name, n]) => `"${name}" (${fmt(n)} rows)`);
}

/** The JSON keys of the measures, beside `groupBy`. */
export function measureJson(view: MeasureView, unweighted?: Map<string, number[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (view.rollup) out.rollup = true;
  if (view.countCol !== undefined) out.countColumn = view.countCol;
  if (view.rates) out.perCapita = { per: view.rates.per, population: view.rates.table.source, byYear: view.rates.table.byYear };
  if (view.weights !== undefined) {
    out.harm = { weights: view.weights, unweighted: [...(unweighted ?? [])].map(([offense, rows]) => ({ offense, rows })) };
  }
  return out;
}
