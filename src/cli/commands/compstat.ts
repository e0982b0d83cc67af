/** `crimedelta compstat`: the weekly CompStat sheet. */
import type { Command } from 'commander';
import { type Day, formatDay, formatLongDay, parseIsoDay, weekdayMon0 } from '../../core/civil.js';
import { BLOCKS, type BlockCounts, type BlockName, buildCompstat, type Compstat } from '../../core/compstat.js';
import type { GroupDim } from '../../core/types.js';
import { type LeapDayPolicy, leapDayNote, type WeekStart, windowDatesText } from '../../core/windows.js';
import { InputError } from '../../errors.js';
import type { CellValue, Grid, GridColumn } from '../../format/grid.js';
import { renderGrid, renderJson } from '../../format/index.js';
import { filesText, topLine } from '../caption.js';
import type { CommandSpec } from '../command.js';
import { countedLine, decideAsOf, inputSummary, type ReadResult, readIncidents, warner } from '../read-incidents.js';
import {
  addInputOptions,
  addOutputOptions,
  addWindowPolicyOptions,
  type InputFlags,
  type OutputFlags,
} from '../shared-options.js';
import { SMALL_MARK, significanceMark } from '../../core/compare-stats.js';
import { SMALL_COUNT_THRESHOLD } from '../../core/stats/small-counts.js';
import { formatPValue } from '../../format/cells.js';
import { colorFor } from './compare.js';

interface CompstatFlags extends InputFlags, OutputFlags {
  asOf?: string;
  stats?: boolean | string;
  weekStart: WeekStart;
  leapDay: LeapDayPolicy;
}

const DIM_HEADER: Record<GroupDim, string> = { offense: 'Offense', area: 'Area' };
const DIM_TOTAL: Record<GroupDim, string> = { offense: 'All offenses', area: 'All areas' };
const SHORT: Record<BlockName, string> = { weekToDate: 'WTD', last28Days: '28d', yearToDate: 'YTD', yearToDateVs2YearsEarlier: 'YTD' };
const LONG: Record<BlockName, string> = {
  weekToDate: 'Week to date',
  last28Days: '28 days',
  yearToDate: 'Year to date',
  yearToDateVs2YearsEarlier: 'Year to date',
};
const WEEKDAY = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function compstatJson(c: Compstat, flags: CompstatFlags, asOf: Day, dataThrough: Day, read: ReadResult) {
  return {
    command: 'compstat',
    asOf: formatDay(asOf),
    dataThrough: formatDay(dataThrough),
    weekStart: flags.weekStart,
    leapDay: flags.leapDay,
    blocks: c.blocks,
    groupBy: c.groupBy,
    rows: c.rows.map((r) => ({ key: r.key, ...r.blocks })),
    total: c.total,
    input: inputSummary(read, c.rowsCounted, c.rowsOutsideWindows),
  };
}

export function compstatGrid(
  c: Compstat,
  flags: CompstatFlags,
  asOf: Day,
  dataThrough: Day,
  read: ReadResult,
  human: boolean,
): Grid {
  const stats = flags.stats !== undefined;
  const columns: GridColumn[] = c.groupBy.map((d) => ({ header: DIM_HEADER[d], kind: 'text' }));
  for (const b of c.blocks) {
    const [prev, cur] = b.windows;
    const short = b.name === 'yearToDateVs2YearsEarlier' ? `YTD vs ${prev.label}` : SHORT[b.name];
    if (b.name === 'yearToDateVs2YearsEarlier') {
      columns.push({ header: `YTD ${prev.label}`, kind: 'count' }, { header: `YTD % vs ${prev.label}`, kind: 'pct' });
    } else {
      columns.push(
        { header: `${short} ${cur.label}`, kind: 'count' },
        { header: `${short} ${prev.label}`, kind: 'count' },
        { header: `${short} %`, kind: 'pct' },
      );
    }
    if (stats) columns.push({ header: `${short} p`, kind: 'pvalue' });
  }
  if (stats && !human) columns.push({ header: 'small', kind: 'count' });
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
    }
    if (stats && !human) out.push(bc.yearToDate.smallCounts ? 1 : 0);
    return out;
  };
  // The small-count mark follows the year-to-date pair, the sheet's main comparison.
  const labels = (bc: BlockCounts, names: string[]): string[] =>
    stats && human && bc.yearToDate.smallCounts ? names.map((l, i) => (i === names.length - 1 ? `${l} ${SMALL_MARK}` : l)) : names;
  const asOfText = `${formatLongDay(asOf)} (${WEEKDAY[weekdayMon0(asOf)]})`;
  const cap = [
    `CompStat as of ${asOfText} · data through ${formatLongDay(dataThrough)} · ${filesText(read.fileNames)} (${read.tally.rowsRead.toLocaleString('en-US')} rows)`,
  ];
  for (const b of c.blocks) {
    const [prev, cur] = b.windows;
    const w = (x: { label: string; start: string; end: string }) => ({ label: x.label, start: parseIsoDay(x.start)!, end: parseIsoDay(x.end)! });
    const days = prev.days === cur.days ? '' : ` (${cur.days} vs ${prev.days} days)`;
    const name = b.name === 'yearToDateVs2YearsEarlier' ? `${LONG[b.name]} vs two years earlier` : LONG[b.name];
    if (b.name === 'yearToDateVs2YearsEarlier') cap.push(`${name}: ${windowDatesText(w(prev))}${days}`);
    else cap.push(`${name}: ${windowDatesText(w(cur))} vs ${windowDatesText(w(prev))}${days}`);
  }
  const footer: string[] = [`Weeks start on ${flags.weekStart === 'mon' ? 'Monday' : 'Sunday'}; a year earlier is the same calendar dates one year back.`];
  const flat = c.blocks.flatMap((b) => b.windows).map((x) => ({ label: x.label, start: parseIsoDay(x.start)!, end: parseIsoDay(x.end)! }));
  const note = leapDayNote(flags.leapDay, flat);
  if (note) footer.push(note);
  const idCol = read.files[0]?.roles.id;
  if (idCol) footer.push(`Counting distinct "${idCol}" values (incidents), not rows.`);
  if (stats) {
    footer.push(
      'p: two-sided Poisson E-test (Krishnamoorthy & Thomson 2004) of each block\'s current window against its earlier one, window lengths as exposures. * p < 0.05, ** p < 0.01.',
    );
    if (human && [...c.rows.map((r) => r.blocks), c.total].some((b) => b.yearToDate.smallCounts)) footer.push(`${SMALL_MARK} both year-to-date counts under ${SMALL_COUNT_THRESHOLD}: the % change and p-value say little.`);
  }
  const shown = flags.top !== undefined ? topLine(c.rows.length, c.groupCount) : undefined;
  if (shown) footer.push(shown);
  footer.push(countedLine(read, c.rowsCounted, c.rowsOutsideWindows, 'windows'));
  return {
    caption: cap,
    columns,
    rows: c.rows.map((r) => [...labels(r.blocks, c.groupBy.map((d) => r.key[d] ?? '')), ...tail(r.blocks)]),
    total: [...labels(c.total, c.groupBy.map((d, i) => (i === 0 ? DIM_TOTAL[d] : ''))), ...tail(c.total)],
    footer,
  };
}

export const compstatCommand: CommandSpec = {
  name: 'compstat',
  summary: 'the weekly CompStat sheet: week to date, last 28 days and year to date, each against a year earlier',
  configure(cmd: Command) {
    addInputOptions(cmd);
    cmd
      .option('--as-of <date>', 'the as-of day: YYYY-MM-DD, today or yesterday (default: the latest incident date)')
      .option('--stats', 'add the E-test p-value of each block (p, * p<0.05, ** p<0.01) and mark small year-to-date counts (†)');
    addWindowPolicyOptions(cmd, true);
    addOutputOptions(cmd);
    cmd.addHelpText(
      'after',
      `
For each offense (and the total): week to date (from the start of the as-of
day's week), the 28 days ending on the as-of day, and year to date, each
against the same dates a year earlier, then year to date against two years
earlier. Needs daily dates (not month-only YYYY-MM data).

Examples:
  crimedelta compstat incidents.csv --as-of 2023-09-30
  crimedelta compstat incidents.csv --by area --week-start sun --format csv`,
    );
    return cmd;
  },
  async run(files, raw, io) {
    const flags = raw as unknown as CompstatFlags;
    const warn = warner(io, flags.quiet);
    const read = await readIncidents(files, flags, flags.by, io, true);
    if (read.monthly) {
      throw new InputError(
        'compstat needs daily dates, but the data has month-only dates (YYYY-MM): week-to-date and 28-day windows would cut months; use compare --last 3m or trend --every month instead',
      );
    }
    const asOf = decideAsOf(flags.asOf, read, io, warn);
    const { tally } = read;
    const dataThrough = Math.min(asOf, tally.maxDay);
    if (tally.maxDay < asOf) {
      warn(`the data ends ${formatLongDay(tally.maxDay)}, before the as-of day ${formatLongDay(asOf)}: the current windows may be incomplete`);
    }
    const c = buildCompstat(tally, asOf, {
      weekStart: flags.weekStart,
      leapDay: flags.leapDay,
      groupBy: flags.by,
      sort: flags.sort,
      ...(flags.top !== undefined ? { top: flags.top } : {}),
      stats: flags.stats !== undefined,
    });
    const earliest = Math.min(...c.blocks.map((b) => parseIsoDay(b.windows[0].start)!));
    if (earliest < tally.minDay) {
      warn(`the data starts ${formatLongDay(tally.minDay)}, after the start of the earliest comparison window (${formatLongDay(earliest)}): those counts may be incomplete`);
    }
    if (flags.format === 'json') return renderJson(compstatJson(c, flags, asOf, dataThrough, read));
    const human = flags.format === 'table' || flags.format === 'md';
    return renderGrid(flags.format, compstatGrid(c, flags, asOf, dataThrough, read, human), { color: await colorFor(flags, io), raw: flags.raw === true });
  },
};
