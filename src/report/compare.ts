/** The compare report: the comparison as JSON, and as a grid for table, md, csv and tsv. */
import type { ReadResult } from '../core/ingest.js';
import type { Comparison } from '../core/compare.js';
import { EXACT_CONVENTION, type RateRatioOut, SMALL_MARK, type StatsMode, significanceMark } from '../core/compare-stats.js';
import { SMALL_COUNT_THRESHOLD } from '../core/stats/index.js';
import { formatPValue } from '../format/cells.js';
import type { CellValue, Grid, GridColumn } from '../format/grid.js';
import { topLine, windowsCaption } from './caption.js';
import { coverageColumns, coverageFootnotes, windowHeader } from './coverage.js';
import { countedLine, idLine, inputSummary } from './input.js';
import { groupColumns, keyCells, totalCells } from './labels.js';
import {
  type Indent,
  measureExtras,
  measureFooter,
  measureJson,
  type MeasureView,
  tierCells,
  tierColumns,
  tierLabels,
} from './measures.js';

/** The JSON report, keys in the SPEC's order. */
export function compareJson(cmp: Comparison, asOf: string, read: ReadResult, extra: Record<string, unknown> = {}, view: MeasureView = {}) {
  return {
    command: 'compare',
    asOf,
    windows: cmp.windows,
    groupBy: cmp.groupBy,
    ...extra,
    ...measureJson(view, cmp.unweighted),
    rows: cmp.rows,
    total: cmp.total,
    input: inputSummary(read, cmp.rowsCounted, cmp.rowsOutsideWindows),
  };
}

/** The comparison as a grid for table, md, csv and tsv. */
export interface GridExtras {
  perDay?: boolean;
  /** --stats: p-value columns (and exact-test and rate-ratio columns with 'exact'). */
  stats?: StatsMode;
  /** Table and md: marks beside p-values and names; CSV/TSV: plain p and `small` columns. */
  human?: boolean;
  baseline?: 'each' | 'mean';
  /** Footer lines added before the "Counted" line (e.g. the leap-day policy). */
  notes?: string[];
  /** --rollup, --population, --weights, --count-col. */
  view?: MeasureView;
  /** How offense rows are set off under their class (--rollup, human formats). */
  indent?: Indent;
}

export function compareGrid(cmp: Comparison, read: ReadResult, top: number | undefined, extras: GridExtras = {}): Grid {
  const ws = cmp.windows;
  const perDay = extras.perDay === true;
  const mean = extras.baseline === 'mean';
  const changeKind = perDay ? 'rateChange' : 'change';
  const view = extras.view ?? {};
  const columns: GridColumn[] = groupColumns(cmp.groupBy);
  columns.push(...tierColumns(view, extras.human === true));
  for (const w of ws)
    columns.push({ header: windowHeader(w, perDay ? `${w.label} /day` : w.label, extras.human === true), kind: perDay ? 'rate' : 'count' });
  const earlier = ws.slice(0, -1);
  const stats = extras.stats;
  const human = extras.human === true;
  // p (and exact) columns after each change pair; `suffix` is '' with two windows.
  const statColumns = (suffix: string) => {
    if (!stats) return;
    columns.push({ header: `p${suffix}`, kind: 'pvalue' });
    if (stats === 'exact') {
      columns.push(
        { header: `p exact${suffix}`, kind: 'pvalue' },
        { header: `RR${suffix}`, kind: 'ratio' },
        { header: `RR low${suffix}`, kind: 'ratio' },
        { header: `RR high${suffix}`, kind: 'ratio' },
      );
    }
  };
  if (mean) {
    columns.push(
      { header: perDay ? 'Mean of earlier /day' : 'Mean of earlier', kind: 'rate' },
      { header: 'Change vs mean', kind: 'rateChange' },
      { header: '% vs mean', kind: 'pct' },
    );
    statColumns(' vs mean');
  } else if (earlier.length === 1) {
    columns.push({ header: 'Change', kind: changeKind }, { header: '% Change', kind: 'pct' });
    statColumns('');
  } else {
    for (const w of earlier) {
      columns.push({ header: `Change vs ${w.label}`, kind: changeKind }, { header: `% vs ${w.label}`, kind: 'pct' });
      statColumns(` vs ${w.label}`);
    }
  }
  const measured = measureExtras(
    view,
    ws.map((w) => w.label),
  );
  columns.push(...measured.columns);
  if (stats && !human) columns.push({ header: 'small', kind: 'count' });
  // CSV/TSV: a flag column per window the data does not fully cover.
  const flags = coverageColumns(human ? [] : ws);
  columns.push(...flags.columns);
  const all = <T>(v: T | T[] | undefined): (T | undefined)[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  // Human formats: the p-value with its stars, padded so that the digits line up.
  const pCell = (p: number | undefined): CellValue =>
    p === undefined ? null : human ? `${formatPValue(p)}${significanceMark(p).padEnd(2, ' ')}` : p;
  const statCells = (p: number | undefined, pExact: number | undefined, rr: RateRatioOut | undefined): CellValue[] => {
    if (!stats) return [];
    const out: CellValue[] = [pCell(p)];
    if (stats === 'exact') out.push(pCell(pExact), rr?.ratio ?? null, rr?.low ?? null, rr?.high ?? null);
    return out;
  };
  const tail = (r: Omit<Comparison['rows'][number], 'key'>): CellValue[] => {
    const out: CellValue[] = [...(perDay && r.rates ? r.rates : r.counts)];
    if (mean) {
      out.push(r.baselineMean ?? null, r.changeVsMean ?? null, r.pctChangeVsMean ?? null);
      out.push(...statCells(r.pValueVsMean, r.pExactVsMean, r.rateRatioVsMean));
    } else {
      const ch = Array.isArray(r.change) ? r.change : [r.change];
      const pc = Array.isArray(r.pctChange) ? r.pctChange : [r.pctChange];
      const pv = all(r.pValue);
      const pe = all(r.pExact);
      const rr = all(r.rateRatio);
      ch.forEach((c, i) => out.push(c, pc[i] ?? null, ...statCells(pv[i], pe[i], rr[i])));
    }
    out.push(...measured.cells(r));
    if (stats && !human) out.push(r.smallCounts ? 1 : 0);
    if (!human) out.push(...flags.cells);
    return out;
  };
  // Human formats: the small-count mark beside the row's name (its last group cell).
  const labelled = (labels: string[], small: boolean | undefined): string[] =>
    stats && human && small ? labels.map((l, i) => (i === labels.length - 1 ? `${l} ${SMALL_MARK}` : l)) : labels;
  const rows = cmp.rows.map((r) => [
    ...tierLabels(labelled(keyCells(cmp.groupBy, r.key), r.smallCounts), r, extras.indent ?? 'none'),
    ...tierCells(view, human, r),
    ...tail(r),
  ]);
  const totalLabel = [...labelled(totalCells(cmp.groupBy), cmp.total.smallCounts), ...tierCells(view, human, null)];
  const { tally } = read;
  const footer: string[] = [...idLine(read)];
  if (perDay) footer.push("Daily rates: each count divided by its window's length in days (--per-day).");
  if (mean) footer.push(`The current window against the mean of the ${earlier.length} earlier windows (--baseline mean).`);
  footer.push(...coverageFootnotes(ws));
  footer.push(...(extras.notes ?? []));
  footer.push(...measureFooter(view, cmp.unweighted));
  if (stats) footer.push(...statsFooter(stats, mean, cmp.rows.some((r) => r.smallCounts) || cmp.total.smallCounts === true));
  const shown = top !== undefined ? topLine(cmp.rows.length, cmp.groupCount) : undefined;
  if (shown) footer.push(shown);
  footer.push(countedLine(read, cmp.rowsCounted, cmp.rowsOutsideWindows, 'windows'));
  return {
    caption: [windowsCaption(ws, read.fileNames, tally.rowsRead, perDay)],
    columns,
    rows,
    total: [...totalLabel, ...tail(cmp.total)],
    footer,
  };
}

/** The footer lines that name the tests; the † line only when a row carries the mark. */
export function statsFooter(stats: StatsMode, pooled = false, anySmall = true): string[] {
  const lines = ['p: two-sided Poisson E-test, Krishnamoorthy & Thomson 2004; window lengths as exposures. * p < 0.05, ** p < 0.01.'];
  if (pooled) lines.push('p vs mean: the current window against the earlier windows pooled (their counts over their days).');
  if (stats === 'exact') {
    lines.push(
      `p exact: exact conditional (binomial) test, two-sided ${EXACT_CONVENTION}; RR: rate ratio current/earlier per day with its exact 95% interval (Clopper-Pearson, as R poisson.test).`,
    );
  }
  if (anySmall) lines.push(`${SMALL_MARK} every count under ${SMALL_COUNT_THRESHOLD}: the % change and p-value say little.`);
  return lines;
}

/** What JSON says about the tests it reports. */
export function statsJsonNote(stats: StatsMode): Record<string, unknown> {
  const out: Record<string, unknown> = {
    test: 'two-sided Poisson E-test (Krishnamoorthy & Thomson 2004), window lengths in days as exposures',
    smallCountThreshold: SMALL_COUNT_THRESHOLD,
  };
  if (stats === 'exact') {
    out.exactTest = `exact conditional (binomial) test, two-sided ${EXACT_CONVENTION}`;
    out.rateRatio = 'current/earlier rate per day, exact 95% interval (Clopper-Pearson)';
  }
  return out;
}
