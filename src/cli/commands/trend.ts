/** `crimedelta trend`: counts per group per week, month, quarter or year. */
import { type Command, Option } from 'commander';
import { type Day, civilFromDay, dayFromCivil, formatDay, formatLongDay } from '../../core/civil.js';
import { EVERY, type Every } from '../../core/periods.js';
import { buildTrend, lastComplete, sparkline, type Trend, type TrendVs } from '../../core/trend.js';
import type { GroupDim } from '../../core/types.js';
import {
  checkWholeMonths,
  type LeapDayPolicy,
  leapDayNote,
  parseWindowRange,
  parseYears,
  rangeLabel,
  type WeekStart,
} from '../../core/windows.js';
import { InputError, UsageError } from '../../errors.js';
import type { CellValue, Grid, GridColumn } from '../../format/grid.js';
import { renderGrid, renderJson } from '../../format/index.js';
import type { Io } from '../../io/output.js';
import { filesText, topLine } from '../caption.js';
import type { CommandSpec } from '../command.js';
import { countedLine, decideAsOf, inputSummary, type ReadResult, readIncidents, warner } from '../read-incidents.js';
import {
  addInputOptions,
  addOutputOptions,
  addWindowPolicyOptions,
  type InputFlags,
  type OutputFlags,
  valueParser,
} from '../shared-options.js';
import { colorFor } from './compare.js';

interface TrendFlags extends InputFlags, OutputFlags {
  every: Every;
  window?: [Day, Day];
  years?: number[];
  asOf?: string;
  vs: TrendVs;
  layout: 'wide' | 'long';
  weekStart: WeekStart;
  leapDay: LeapDayPolicy;
}

const DIM_HEADER: Record<GroupDim, string> = { offense: 'Offense', area: 'Area' };
const DIM_TOTAL: Record<GroupDim, string> = { offense: 'All offenses', area: 'All areas' };
const EVERY_WORD: Record<Every, string> = { week: 'Weekly', month: 'Monthly', quarter: 'Quarterly', year: 'Yearly' };
const VS_TEXT: Record<TrendVs, string> = { previous: 'the previous period', year: 'a year earlier' };

/** The JSON report: the compare shape with `periods` in place of `windows`. */
export function trendJson(t: Trend, flags: TrendFlags, asOf: Day, read: ReadResult) {
  return {
    command: 'trend',
    asOf: formatDay(asOf),
    every: flags.every,
    vs: flags.vs,
    ...(flags.every === 'week' ? { weekStart: flags.weekStart } : {}),
    leapDay: flags.leapDay,
    periods: t.periods,
    groupBy: t.groupBy,
    rows: t.rows,
    total: t.total,
    input: inputSummary(read, t.rowsCounted, t.rowsOutsideWindows),
  };
}

function periodHeader(p: Trend['periods'][number]): string {
  return p.complete ? p.label : `${p.label}*`;
}

function footerLines(t: Trend, flags: TrendFlags, read: ReadResult, last: number): string[] {
  const out: string[] = [];
  const incomplete = t.periods.filter((p) => !p.complete);
  if (incomplete.length) {
    out.push(
      `* Incomplete: ${incomplete.map((p) => p.label).join(', ')} ${incomplete.length === 1 ? 'reaches' : 'reach'} outside the dates covered (before the data or the range, or after the as-of day); no change is shown for ${incomplete.length === 1 ? 'it' : 'them'}.`,
    );
  }
  if (flags.every === 'week') out.push(`Weeks start on ${flags.weekStart === 'mon' ? 'Monday (ISO week numbers)' : 'Sunday (epi week numbers)'}.`);
  const idCol = read.files[0]?.roles.id;
  if (idCol) out.push(`Counting distinct "${idCol}" values (incidents), not rows.`);
  const note = leapDayNote(flags.leapDay, t.periods.map((p) => ({ label: p.label, start: parseDayStrict(p.start), end: parseDayStrict(p.end) })));
  if (note) out.push(note);
  const shown = flags.top !== undefined ? topLine(t.rows.length, t.groupCount) : undefined;
  if (shown) out.push(shown);
  out.push(countedLine(read, t.rowsCounted, t.rowsOutsideWindows, 'periods'));
  void last;
  return out;
}

function parseDayStrict(s: string): Day {
  const [y, m, d] = s.split('-').map(Number);
  return dayFromCivil(y!, m!, d!);
}

function caption(t: Trend, flags: TrendFlags, range: { start: Day; end: Day }, read: ReadResult): string {
  const first = t.periods[0]!;
  const last = t.periods[t.periods.length - 1]!;
  const span = first === last ? first.label : `${first.label} – ${last.label}`;
  return [
    `${EVERY_WORD[flags.every]} · ${span} (${t.periods.length} ${t.periods.length === 1 ? 'period' : 'periods'}) · ${formatLongDay(range.start)} – ${formatLongDay(range.end)}`,
    `${filesText(read.fileNames)} (${read.tally.rowsRead.toLocaleString('en-US')} rows)`,
  ].join(' · ');
}

/** Wide: one row per group, one column per period, a sparkline, the last known change. */
export function trendWideGrid(t: Trend, flags: TrendFlags, range: { start: Day; end: Day }, read: ReadResult, spark: boolean): Grid {
  const columns: GridColumn[] = t.groupBy.map((d) => ({ header: DIM_HEADER[d], kind: 'text' }));
  for (const p of t.periods) columns.push({ header: periodHeader(p), kind: 'count' });
  if (spark) columns.push({ header: 'Trend', kind: 'text' });
  const last = lastComplete(t.total.vsCounts.map((v) => v !== null));
  if (last >= 0) columns.push({ header: 'Change', kind: 'change' }, { header: '% Change', kind: 'pct' });
  const tail = (r: Omit<Trend['rows'][number], 'key'>): CellValue[] => {
    const out: CellValue[] = [...r.counts];
    if (spark) out.push(sparkline(r.counts));
    if (last >= 0) out.push(r.change[last] ?? null, r.pctChange[last] ?? null);
    return out;
  };
  const footer = footerLines(t, flags, read, last);
  if (last >= 0) {
    const p = t.periods[last]!;
    const vsText = flags.vs === 'year' && flags.every === 'week' ? `${p.vs.start}..${p.vs.end}` : p.vs.label;
    footer.unshift(`Change: ${p.label} against ${vsText} (${VS_TEXT[flags.vs]}).`);
  }
  return {
    caption: [caption(t, flags, range, read)],
    columns,
    rows: t.rows.map((r) => [...t.groupBy.map((d) => r.key[d] ?? ''), ...tail(r)]),
    total: [...t.groupBy.map((d, i) => (i === 0 ? DIM_TOTAL[d] : '')), ...tail(t.total)],
    footer,
  };
}

/** Long: one row per group and period, with the count it is compared with and the change. */
export function trendLongGrid(t: Trend, flags: TrendFlags, range: { start: Day; end: Day }, read: ReadResult): Grid {
  const columns: GridColumn[] = t.groupBy.map((d) => ({ header: DIM_HEADER[d], kind: 'text' }));
  columns.push(
    { header: 'Period', kind: 'text' },
    { header: 'Start', kind: 'text' },
    { header: 'End', kind: 'text' },
    { header: 'Complete', kind: 'text' },
    { header: 'Count', kind: 'count' },
    { header: flags.vs === 'year' ? 'Year earlier' : 'Previous', kind: 'count' },
    { header: 'Change', kind: 'change' },
    { header: '% Change', kind: 'pct' },
  );
  const rows: CellValue[][] = [];
  const add = (key: string[], r: Omit<Trend['rows'][number], 'key'>) =>
    t.periods.forEach((p, i) =>
      rows.push([...key, p.label, p.start, p.end, p.complete ? 'yes' : 'no', r.counts[i]!, r.vsCounts[i] ?? null, r.change[i] ?? null, r.pctChange[i] ?? null]),
    );
  for (const r of t.rows) add(t.groupBy.map((d) => r.key[d] ?? ''), r);
  add(t.groupBy.map((d, i) => (i === 0 ? DIM_TOTAL[d] : '')), t.total);
  return { caption: [caption(t, flags, range, read)], columns, rows, footer: footerLines(t, flags, read, -1) };
}

/** `--years` for trend: like compare's, but one year is enough. */
function parseTrendYears(text: string): number[] {
  return /^\s*\d{4}\s*$/.test(text) ? [Number(text.trim())] : parseYears(text);
}

export const trendCommand: CommandSpec = {
  name: 'trend',
  summary: 'counts per group per week, month, quarter or year, with change against the previous period or a year earlier',
  configure(cmd: Command) {
    addInputOptions(cmd);
    cmd
      .addOption(new Option('--every <period>', 'period length').choices([...EVERY]).default('month'))
      .option('--window <a..b>', 'the dates to cover, YYYY-MM-DD..YYYY-MM-DD (default: all the data up to the as-of day)', valueParser(parseWindowRange))
      .option('--years <list>', 'the years to cover: 2023, 2022,2023 or 2021..2023 (Jan 1 of the first to Dec 31 of the last)', valueParser(parseTrendYears))
      .option('--as-of <date>', 'the last day counted: YYYY-MM-DD, today or yesterday (default: the latest incident date)')
      .addOption(new Option('--vs <what>', 'change against the previous period or the same period a year earlier').choices(['previous', 'prior', 'year']).default('previous').argParser((v) => (v === 'prior' ? 'previous' : v)))
      .addOption(new Option('--layout <layout>', 'wide: a column per period; long: a row per group and period').choices(['wide', 'long']).default('wide'));
    addWindowPolicyOptions(cmd, true);
    addOutputOptions(cmd);
    cmd.addHelpText(
      'after',
      `
Periods are calendar weeks, months, quarters or years. A period that reaches
outside the dates covered (before the first incident or the --window, or after
the as-of day) is marked * and gets no change.

Examples:
  crimedelta trend incidents.csv --every month --years 2022,2023
  crimedelta trend incidents.csv --every week --window 2023-01-01..2023-03-31 --vs year
  crimedelta trend 2019-*.csv --every quarter --format csv > quarters.csv
  crimedelta trend incidents.csv --every month --layout long --format csv`,
    );
    return cmd;
  },
  async run(files, raw, io: Io) {
    const flags = raw as unknown as TrendFlags;
    if (flags.window && flags.years) throw new UsageError('--window cannot be combined with --years');
    const warn = warner(io, flags.quiet);
    const read = await readIncidents(files, flags, flags.by, io, true);
    const asOf = decideAsOf(flags.asOf, read, io, warn);
    const { tally } = read;
    let range: { start: Day; end: Day };
    if (flags.window) range = { start: flags.window[0], end: flags.window[1] };
    else if (flags.years) range = { start: dayFromCivil(flags.years[0]!, 1, 1), end: dayFromCivil(flags.years[flags.years.length - 1]!, 12, 31) };
    else {
      const start = denseStart(tally.allDays);
      if (start > tally.minDay) {
        let before = 0;
        for (const [day, n] of tally.allDays) if (day < start) before += n;
        warn(
          `the trend starts ${formatDay(start)}: ${before.toLocaleString('en-US')} rows dated from ${formatDay(tally.minDay)} are too sparse to chart (stray early dates); give --window to include them`,
        );
      }
      range = { start, end: asOf };
    }
    if (range.end > asOf) range = { ...range, end: asOf };
    if (range.end < range.start) {
      throw new InputError(`nothing to count: the as-of day ${formatDay(asOf)} comes before the start of the range ${formatDay(range.start)}`);
    }
    if (read.monthly) {
      if (flags.every === 'week') {
        throw new UsageError('the data has month-only dates (YYYY-MM), so it cannot be counted by week; use --every month, quarter or year');
      }
      checkWholeMonths([{ label: rangeLabel(range.start, range.end), start: range.start, end: range.end }], 'give whole months to --window and an --as-of at a month end');
    }
    const covered = { start: Math.max(range.start, tally.minDay), end: range.end };
    const t = buildTrend(tally, range, covered, {
      every: flags.every,
      vs: flags.vs,
      weekStart: flags.weekStart,
      leapDay: flags.leapDay,
      groupBy: flags.by,
      sort: flags.sort,
      ...(flags.top !== undefined ? { top: flags.top } : {}),
    }, { start: tally.minDay, end: asOf });
    if (flags.format === 'json') return renderJson(trendJson(t, flags, asOf, read));
    const grid =
      flags.layout === 'long'
        ? trendLongGrid(t, flags, range, read)
        : trendWideGrid(t, flags, range, read, flags.format === 'table' || flags.format === 'md');
    return renderGrid(flags.format, grid, { color: await colorFor(flags, io), raw: flags.raw === true });
  },
};

export { civilFromDay };

/**
 * The first day of the first month holding at least 5% of the fullest month's
 * rows: where the data really starts. A handful of stray early dates (1922 in
 * a 2020 export) would otherwise stretch a default trend over a century.
 */
export function denseStart(allDays: ReadonlyMap<Day, number>): Day {
  const months = new Map<number, number>();
  for (const [day, n] of allDays) {
    const { y, m } = civilFromDay(day);
    const k = y * 12 + m - 1;
    months.set(k, (months.get(k) ?? 0) + n);
  }
  const keys = [...months.keys()].sort((a, b) => a - b);
  const most = Math.max(...months.values());
  const first = keys.find((k) => months.get(k)! * 20 >= most) ?? keys[0]!;
  const firstDay = Math.min(...allDays.keys());
  const start = dayFromCivil(Math.floor(first / 12), (first % 12) + 1, 1);
  return Math.max(start, firstDay);
}
