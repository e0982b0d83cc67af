/** The CompStat report: the sheet as JSON, and as a grid. */
import { type Day, formatDay, formatLongDay, parseIsoDay, weekdayMon0 } from '../core/civil.js';
import { SMALL_MARK, significanceMark } from '../core/compare-stats.js';
import { BLOCKS, type BlockCounts, type BlockName, type Compstat } from '../core/compstat.js';
import type { ReadResult } from '../core/ingest.js';
import { SMALL_COUNT_THRESHOLD } from '../core/stats/small-counts.js';
import { type LeapDayPolicy, leapDayNote, type WeekStart, windowDatesText } from '../core/windows.js';
import { formatPValue } from '../format/cells.js';
import type { CellValue, Grid, GridColumn } from '../format/grid.js';
import { filesText, topLine } from './caption.js';
import { coverageColumns, coverageFootnotes, windowHeader } from './coverage.js';
import { countedLine, idLine, inputSummary } from './input.js';
import { countOf, groupColumns, keyCells, totalCells } from './labels.js';
import { Z_CAVEAT, zCell } from './monitor.js';

/** The compstat flags a report shows. */
export interface CompstatReportFlags {
  stats: boolean;
  /** --stats z: a z column per block. */
  z?: boolean;
  weekStart: WeekStart;
  leapDay: LeapDayPolicy;
  top?: number;
}

const SHORT: Record<BlockName, string> = { weekToDate: 'WTD', last28Days: '28d', yearToDate: 'YTD', yearToDateVs2YearsEarlier: 'YTD' };
const LONG: Record<BlockName, string> = {
  weekToDate: 'Week to date',
  last28Days: '28 days',
  yearToDate: 'Year to date',
  yearToDateVs2YearsEarlier: 'Year to date',
};
const WEEKDAY = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function compstatJson(c: Compstat, flags: CompstatReportFlags, asOf: Day, dataThrough: Day, read: ReadResult) {
  return {
    command: 'compstat',
    asOf: formatDay(asOf),
    dataThrough: formatDay(dataThrough),
    weekStart: flags.weekStart,
    leapDay: flags.leapDay,
    ...(flags.z
      ? {
          stats: { z: "Wheeler's Poisson z-score 2(sqrt(current) - sqrt(earlier)), the earlier count scaled to the current window's days" },
        }
      : {}),
    blocks: c.blocks,
    groupBy: c.groupBy,
    rows: c.rows.map((r) => ({ key: r.key, ...r.blocks })),
    total: c.total,
    input: inputSummary(read, c.rowsCounted, c.rowsOutsideWindows),
  };
}

export function compstatGrid(c: Compstat, flags: CompstatReportFlags, asOf: Day, dataThrough: Day, read: ReadResult, human: boolean): Grid {
  const stats = flags.stats;
  const columns: GridColumn[] = groupColumns(c.groupBy);
  for (const b of c.blocks) {
    const [prev, cur] = b.windows;
    const short = b.name === 'yearToDateVs2YearsEarlier' ? `YTD vs ${prev.label}` : SHORT[b.name];
    if (b.name === 'yearToDateVs2YearsEarlier') {
      columns.push(
        { header: windowHeader(prev, `YTD ${prev.label}`, human), kind: 'count' },
        { header: `YTD % vs ${prev.label}`, kind: 'pct' },
      );
    } else {
      columns.push(
        { header: windowHeader(cur, `${short} ${cur.label}`, human), kind: 'count' },
        { header: windowHeader(prev, `${short} ${prev.label}`, human), kind: 'count' },
        { header: `${short} %`, kind: 'pct' },
      );
    }
    if (stats) columns.push({ header: `${short} p`, kind: 'pvalue' });
    if (flags.z) columns.push({ header: `${short} z`, kind: 'ratio' });
  }
  if (stats && !human) columns.push({ header: 'small', kind: 'count' });
  // CSV/TSV: a flag column per window the data does not fully cover, named with its block.
  const flagged = human ? { columns: [], cells: [] } : coverageColumns(blockWindows(c));
  columns.push(...flagged.columns);
  // Human formats: the p-value with its stars, padded so that the digits line up.
  const pCell = (p: number | undefined): CellValue =>
    p === undefined ? null : human ? `${formatPValue(p)}${significanceMark(p).padEnd(2, ' ')}` : p;
  const tail = (bc: BlockCounts): CellValue[] => {
    const out: CellValue[] = [];
    for (const name of BLOCKS) {
      const p = bc[name];
      if (name === 'yearToDateVs2YearsEarlier') out.push(p.counts[0], p.pctChange);
      else out.push(p.counts[1], p.counts[0], p.pctChange);
      if (stats) out.push(pCell(p.pValue));
      if (flags.z) out.push(zCell(p.z, human));
    }
    if (stats && !human) out.push(bc.yearToDate.smallCounts ? 1 : 0);
    out.push(...flagged.cells);
    return out;
  };
  // The small-count mark follows the year-to-date pair, the sheet's main comparison.
  const labels = (bc: BlockCounts, names: string[]): string[] =>
    stats && human && bc.yearToDate.smallCounts ? names.map((l, i) => (i === names.length - 1 ? `${l} ${SMALL_MARK}` : l)) : names;
  const asOfText = `${formatLongDay(asOf)} (${WEEKDAY[weekdayMon0(asOf)]})`;
  const cap = [
    `CompStat as of ${asOfText} · data through ${formatLongDay(dataThrough)} · ${filesText(read.fileNames)} (${countOf(read.tally.rowsRead, 'row')})`,
  ];
  for (const b of c.blocks) {
    const [prev, cur] = b.windows;
    const w = (x: { label: string; start: string; end: string }) => ({
      label: x.label,
      start: parseIsoDay(x.start)!,
      end: parseIsoDay(x.end)!,
    });
    const days = prev.days === cur.days ? '' : ` (${cur.days} vs ${prev.days} days)`;
    const name = b.name === 'yearToDateVs2YearsEarlier' ? `${LONG[b.name]} vs two years earlier` : LONG[b.name];
    if (b.name === 'yearToDateVs2YearsEarlier') cap.push(`${name}: ${windowDatesText(w(prev))}${days}`);
    else cap.push(`${name}: ${windowDatesText(w(cur))} vs ${windowDatesText(w(prev))}${days}`);
  }
  const footer: string[] = [
    ...coverageFootnotes(blockWindows(c)),
    `Weeks start on ${flags.weekStart === 'mon' ? 'Monday' : 'Sunday'}; a year earlier is the same calendar dates one year back.`,
  ];
  const flat = c.blocks.flatMap((b) => b.windows).map((x) => ({ label: x.label, start: parseIsoDay(x.start)!, end: parseIsoDay(x.end)! }));
  const note = leapDayNote(flags.leapDay, flat);
  if (note) footer.push(note);
  footer.push(...idLine(read));
  if (stats) {
    footer.push(
      "p: two-sided Poisson E-test (Krishnamoorthy & Thomson 2004) of each block's current window against its earlier one, window lengths as exposures. * p < 0.05, ** p < 0.01.",
    );
    if (human && [...c.rows.map((r) => r.blocks), c.total].some((b) => b.yearToDate.smallCounts))
      footer.push(`${SMALL_MARK} both year-to-date counts under ${SMALL_COUNT_THRESHOLD}: the % change and p-value say little.`);
  }
  if (flags.z)
    footer.push(
      "z: Wheeler's Poisson z-score 2(√current − √earlier) of each block, the earlier count scaled to the current window's days. * |z| ≥ 2, ** |z| ≥ 3.",
      Z_CAVEAT,
    );
  const shown = flags.top !== undefined ? topLine(c.rows.length, c.groupCount) : undefined;
  if (shown) footer.push(shown);
  footer.push(countedLine(read, c.rowsCounted, c.rowsOutsideWindows, 'windows'));
  return {
    caption: cap,
    columns,
    rows: c.rows.map((r) => [...labels(r.blocks, keyCells(c.groupBy, r.key)), ...tail(r.blocks)]),
    total: [...labels(c.total, totalCells(c.groupBy)), ...tail(c.total)],
    footer,
  };
}

/** Every window of the sheet once, labelled with its block (for coverage footnotes and flag columns). */
function blockWindows(c: Compstat) {
  const seen = new Set<string>();
  return c.blocks.flatMap((b) =>
    b.windows.flatMap((w) => {
      const key = `${w.start}|${w.end}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ ...w, label: `${b.name === 'yearToDateVs2YearsEarlier' ? 'YTD' : SHORT[b.name]} ${w.label}` }];
    }),
  );
}
