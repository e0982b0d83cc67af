/** The compare report: the comparison as JSON, and as a grid for table, md, csv and tsv. */
import type { ReadResult } from '../core/ingest.js';
import type { Comparison, ComparisonRow } from '../core/compare.js';
import { EXACT_CONVENTION, SMALL_MARK, type StatsMode } from '../core/compare-stats.js';
import { SMALL_COUNT_THRESHOLD } from '../core/stats/index.js';
import type { CellValue, Grid, GridColumn } from '../format/grid.js';
import { topLine, windowsCaption } from './caption.js';
import { coverageColumns, coverageFootnotes, windowHeader } from './coverage.js';
import { countedLine, idLine, inputSummary } from './input.js';
import { groupColumns, keyCells, totalCells } from './labels.js';
import {
  adjustCaption,
  adjustFooter,
  type CellSpec,
  dispersionCaption,
  dispersionColumns,
  dispersionFooter,
  pairColumns,
  Z_CAVEAT,
  Z_FOOTER,
  Z_JSON,
} from './monitor.js';

/** The JSON report, keys in the SPEC's order. */
export function compareJson(cmp: Comparison, asOf: string, read: ReadResult, extra: Record<string, unknown> = {}) {
  return {
    command: 'compare',
    asOf,
    windows: cmp.windows,
    groupBy: cmp.groupBy,
    ...extra,
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
  /** --stats z: a z column after each change pair. */
  z?: boolean;
  /** Table and md: marks beside p-values and names; CSV/TSV: plain p and `small` columns. */
  human?: boolean;
  baseline?: 'each' | 'mean';
  /** Footer lines added before the "Counted" line (e.g. the leap-day policy). */
  notes?: string[];
}

type Row = Omit<ComparisonRow, 'key'>;

/** The columns after the counts: change, % change and the statistics, per earlier window or against their mean. */
function changeColumns(cmp: Comparison, extras: GridExtras): CellSpec[] {
  const perDay = extras.perDay === true;
  const opts = { stats: extras.stats, z: extras.z === true, human: extras.human === true, adjusted: cmp.adjusted !== undefined };
  const earlier = cmp.windows.slice(0, -1);
  if (extras.baseline === 'mean') {
    return [
      { header: perDay ? 'Mean of earlier /day' : 'Mean of earlier', kind: 'rate', cell: (r) => r.baselineMean ?? null },
      { header: 'Change vs mean', kind: 'rateChange', cell: (r) => r.changeVsMean ?? null },
      { header: '% vs mean', kind: 'pct', cell: (r) => r.pctChangeVsMean ?? null },
      ...pairColumns(' vs mean', 'mean', opts),
    ];
  }
  const changeKind = perDay ? 'rateChange' : 'change';
  const nth = <T>(v: T | T[], i: number): T | undefined => (Array.isArray(v) ? v[i] : v);
  return earlier.flatMap((w, i): CellSpec[] => {
    const suffix = earlier.length === 1 ? '' : ` vs ${w.label}`;
    return [
      { header: earlier.length === 1 ? 'Change' : `Change vs ${w.label}`, kind: changeKind, cell: (r) => nth(r.change, i) ?? null },
      { header: earlier.length === 1 ? '% Change' : `% vs ${w.label}`, kind: 'pct', cell: (r) => nth(r.pctChange, i) ?? null },
      ...pairColumns(suffix, i, opts),
    ];
  });
}

export function compareGrid(cmp: Comparison, read: ReadResult, top: number | undefined, extras: GridExtras = {}): Grid {
  const ws = cmp.windows;
  const perDay = extras.perDay === true;
  const mean = extras.baseline === 'mean';
  const stats = extras.stats;
  const human = extras.human === true;
  const specs: CellSpec[] = ws.map((w, i) => ({
    header: windowHeader(w, perDay ? `${w.label} /day` : w.label, human),
    kind: perDay ? 'rate' : 'count',
    cell: (r: Row) => (perDay && r.rates ? r.rates[i]! : r.counts[i]!),
  }));
  specs.push(...changeColumns(cmp, extras));
  if (cmp.dispersion) specs.push(...dispersionColumns({ perDay, human, adjusted: cmp.adjusted !== undefined }));
  if (stats && !human) specs.push({ header: 'small', kind: 'count', cell: (r) => (r.smallCounts ? 1 : 0) });
  // CSV/TSV: a flag column per window the data does not fully cover.
  const flags = coverageColumns(human ? [] : ws);
  const columns: GridColumn[] = [...groupColumns(cmp.groupBy), ...specs.map(({ header, kind }) => ({ header, kind })), ...flags.columns];
  const tail = (r: Row): CellValue[] => [...specs.map((s) => s.cell(r)), ...(human ? [] : flags.cells)];
  // Human formats: the small-count mark beside the row's name (its last group cell).
  const labelled = (labels: string[], small: boolean | undefined): string[] =>
    stats && human && small ? labels.map((l, i) => (i === labels.length - 1 ? `${l} ${SMALL_MARK}` : l)) : labels;
  const rows = cmp.rows.map((r) => [...labelled(keyCells(cmp.groupBy, r.key), r.smallCounts), ...tail(r)]);
  const totalLabel = labelled(totalCells(cmp.groupBy), cmp.total.smallCounts);
  const { tally } = read;
  const footer: string[] = [...idLine(read)];
  if (perDay) footer.push("Daily rates: each count divided by its window's length in days (--per-day).");
  if (mean) footer.push(`The current window against the mean of the ${ws.length - 1} earlier windows (--baseline mean).`);
  footer.push(...coverageFootnotes(ws));
  footer.push(...(extras.notes ?? []));
  if (stats) footer.push(...statsFooter(stats, mean, cmp.rows.some((r) => r.smallCounts) || cmp.total.smallCounts === true));
  if (extras.z) footer.push(Z_FOOTER, Z_CAVEAT);
  if (cmp.dispersion) footer.push(...dispersionFooter());
  if (cmp.adjusted) footer.push(adjustFooter(cmp.adjusted.method));
  const shown = top !== undefined ? topLine(cmp.rows.length, cmp.groupCount) : undefined;
  if (shown) footer.push(shown);
  footer.push(countedLine(read, cmp.rowsCounted, cmp.rowsOutsideWindows, 'windows'));
  const caption = [windowsCaption(ws, read.fileNames, tally.rowsRead, perDay)];
  if (cmp.dispersion) caption.push(dispersionCaption(cmp.dispersion, perDay, ws.length > 2));
  if (cmp.adjusted) caption.push(adjustCaption(cmp.adjusted, cmp.groupCount, cmp.rows.length));
  return { caption, columns, rows, total: [...totalLabel, ...tail(cmp.total)], footer };
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
export function statsJsonNote(stats: StatsMode | undefined, z = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (stats) {
    out.test = 'two-sided Poisson E-test (Krishnamoorthy & Thomson 2004), window lengths in days as exposures';
    out.smallCountThreshold = SMALL_COUNT_THRESHOLD;
  }
  if (stats === 'exact') {
    out.exactTest = `exact conditional (binomial) test, two-sided ${EXACT_CONVENTION}`;
    out.rateRatio = 'current/earlier rate per day, exact 95% interval (Clopper-Pearson)';
  }
  if (z) out.z = Z_JSON;
  return out;
}
