/** `crimedelta compare`: counts per group in two or more windows, with change and % change. */
import type { Command } from 'commander';
import { type Comparison, compareWindows } from '../../core/compare.js';
import { civilFromDay, formatDay, formatLongDay } from '../../core/civil.js';
import { SKIP_REASONS, type GroupDim } from '../../core/types.js';
import {
  buildWindows,
  checkWholeMonths,
  parseSpan,
  parseWindowRange,
  parseYears,
  type Span,
  type WindowSpec,
} from '../../core/windows.js';
import { UsageError } from '../../errors.js';
import type { CellValue, Grid, GridColumn } from '../../format/grid.js';
import { renderGrid, renderJson } from '../../format/index.js';
import type { Io } from '../../io/output.js';
import { windowsCaption } from '../caption.js';
import type { CommandSpec } from '../command.js';
import { decideAsOf, type ReadResult, readIncidents, warner } from '../read-incidents.js';
import {
  addInputOptions,
  addOutputOptions,
  collect,
  type InputFlags,
  type OutputFlags,
  valueParser,
} from '../shared-options.js';

interface CompareFlags extends InputFlags, OutputFlags {
  years?: number[];
  span?: Span;
  window?: string[];
  asOf?: string;
}

const DIM_HEADER: Record<GroupDim, string> = { offense: 'Offense', area: 'Area' };
const DIM_TOTAL: Record<GroupDim, string> = { offense: 'All offenses', area: 'All areas' };

export function windowSpec(o: { years?: number[]; span?: Span; window?: string[] }): WindowSpec {
  if (o.window && (o.years || o.span)) throw new UsageError('--window cannot be combined with --years or --span');
  if (o.window) {
    if (o.window.length < 2) throw new UsageError('--window: give two or more windows (repeat the flag)');
    return { kind: 'explicit', ranges: o.window.map(parseWindowRange) };
  }
  if (o.years) return o.span ? { kind: 'years', years: o.years, span: o.span } : { kind: 'years', years: o.years };
  if (o.span) return { kind: 'years', years: [], span: o.span };
  return { kind: 'default' };
}

/** The JSON report, keys in the SPEC's order. */
export function compareJson(cmp: Comparison, asOf: string, read: ReadResult) {
  const { tally } = read;
  const skipped: Record<string, number> = {};
  for (const r of SKIP_REASONS) if (tally.skipped[r] > 0) skipped[r] = tally.skipped[r];
  return {
    command: 'compare',
    asOf,
    windows: cmp.windows,
    groupBy: cmp.groupBy,
    rows: cmp.rows.map((r) => ({ key: r.key, counts: r.counts, change: r.change, pctChange: r.pctChange })),
    total: cmp.total,
    input: {
      files: read.fileNames,
      rowsRead: tally.rowsRead,
      rowsCounted: cmp.rowsCounted,
      rowsOutsideWindows: cmp.rowsOutsideWindows,
      rowsSkipped: tally.rowsSkipped,
      skipped,
      rowsFiltered: tally.rowsFiltered,
      rowsUnmapped: tally.rowsUnmapped,
      map: read.mapName,
      countDistinct: read.files[0]?.roles.id ?? null,
      dateRange: { min: formatDay(tally.minDay), max: formatDay(tally.maxDay) },
    },
  };
}

/** The comparison as a grid for table, md, csv and tsv. */
export function compareGrid(cmp: Comparison, read: ReadResult, top: number | undefined): Grid {
  const ws = cmp.windows;
  const columns: GridColumn[] = cmp.groupBy.map((d) => ({ header: DIM_HEADER[d], kind: 'text' }));
  for (const w of ws) columns.push({ header: w.label, kind: 'count' });
  const earlier = ws.slice(0, -1);
  if (earlier.length === 1) {
    columns.push({ header: 'Change', kind: 'change' }, { header: '% Change', kind: 'pct' });
  } else {
    for (const w of earlier) {
      columns.push({ header: `Change vs ${w.label}`, kind: 'change' }, { header: `% vs ${w.label}`, kind: 'pct' });
    }
  }
  const tail = (r: Omit<Comparison['rows'][number], 'key'>): CellValue[] => {
    const out: CellValue[] = [...r.counts];
    const ch = Array.isArray(r.change) ? r.change : [r.change];
    const pc = Array.isArray(r.pctChange) ? r.pctChange : [r.pctChange];
    ch.forEach((c, i) => out.push(c, pc[i] ?? null));
    return out;
  };
  const rows = cmp.rows.map((r) => [...cmp.groupBy.map((d) => r.key[d] ?? ''), ...tail(r)]);
  const totalLabel = cmp.groupBy.map((d, i) => (i === 0 ? DIM_TOTAL[d] : ''));
  const { tally } = read;
  const footer: string[] = [];
  const idCol = read.files[0]?.roles.id;
  if (idCol) footer.push(`Counting distinct "${idCol}" values (incidents), not rows.`);
  if (top !== undefined && cmp.groupCount > cmp.rows.length) {
    footer.push(`Showing ${cmp.rows.length} of ${cmp.groupCount} groups; the total covers all.`);
  }
  const fmt = (n: number) => n.toLocaleString('en-US');
  const counted = [`${fmt(cmp.rowsCounted)} rows in the windows`];
  if (cmp.rowsOutsideWindows) counted.push(`${fmt(cmp.rowsOutsideWindows)} outside them`);
  if (tally.rowsSkipped) counted.push(`${fmt(tally.rowsSkipped)} skipped (see standard error)`);
  if (tally.rowsFiltered) counted.push(`${fmt(tally.rowsFiltered)} left out by --where`);
  if (tally.rowsUnmapped) counted.push(`${fmt(tally.rowsUnmapped)} dropped by --map`);
  footer.push(`Counted ${counted.join(', ')}.`);
  return {
    caption: [windowsCaption(ws, read.fileNames, tally.rowsRead)],
    columns,
    rows,
    total: [...totalLabel, ...tail(cmp.total)],
    footer,
  };
}

export function useColor(flags: { color: boolean; format: string }, io: Io): boolean {
  return flags.format === 'table' && flags.color && io.stdout.isTTY === true && !io.env.NO_COLOR;
}

export const compareCommand: CommandSpec = {
  name: 'compare',
  summary: 'counts per group in two or more windows, with change and % change (the main job)',
  configure(cmd: Command) {
    addInputOptions(cmd);
    cmd
      .option('--years <list>', 'years to compare: 2022,2023 or 2021..2023', valueParser(parseYears))
      .option('--span <span>', 'part of each year: jan-sep, 01-15..06-30, ytd, full (default with --years: full, or ytd when the last year is not over)', valueParser(parseSpan))
      .option('--window <a..b>', 'an explicit inclusive window YYYY-MM-DD..YYYY-MM-DD (repeat: two or more)', collect)
      .option('--as-of <date>', 'the as-of day: YYYY-MM-DD, today or yesterday (default: the latest incident date)');
    addOutputOptions(cmd);
    cmd.addHelpText(
      'after',
      `
Windows: with no window flags, year to date (Jan 1 to the as-of day) this year
against the same dates last year. The first window is the baseline, the last is
current; with three or more, each earlier window gets its own change columns.

Examples:
  crimedelta compare incidents.csv --years 2022,2023 --span jan-sep
  crimedelta compare 2019-*.csv 2020-*.csv --years 2019..2021 --span jan-sep --by area
  crimedelta compare incidents.csv --window 2023-01-01..2023-03-31 --window 2024-01-01..2024-03-31
  crimedelta compare incidents.csv.gz --id-col "Incident ID" --format csv > report.csv
  zcat incidents.csv.gz | crimedelta compare - --as-of yesterday --format json`,
    );
    return cmd;
  },
  async run(files, raw, io) {
    const flags = raw as unknown as CompareFlags;
    const spec = windowSpec(flags);
    const warn = warner(io, flags.quiet);
    const read = await readIncidents(files, flags, flags.by, io, true);
    const asOf = decideAsOf(flags.asOf, read, io, warn);
    const fullSpec: WindowSpec =
      spec.kind === 'years' && spec.years.length === 0
        ? { ...spec, years: defaultYears(asOf) }
        : spec;
    const windows = buildWindows(fullSpec, asOf);
    if (read.monthly) checkWholeMonths(windows);
    const { tally } = read;
    for (const w of windows) {
      if (w.end > tally.maxDay && w.start <= tally.maxDay) {
        warn(`window ${w.label} ends ${formatLongDay(w.end)}, after the last date in the data (${formatLongDay(tally.maxDay)}): its count may be incomplete`);
      } else if (w.start < tally.minDay && w.end >= tally.minDay) {
        warn(`window ${w.label} starts ${formatLongDay(w.start)}, before the first date in the data (${formatLongDay(tally.minDay)}): its count may be incomplete`);
      } else if (w.end < tally.minDay || w.start > tally.maxDay) {
        warn(`window ${w.label} (${formatDay(w.start)}..${formatDay(w.end)}) has no data at all: the data runs from ${formatDay(tally.minDay)} to ${formatDay(tally.maxDay)}`);
      }
    }
    const cmp = compareWindows(tally, windows, {
      groupBy: flags.by,
      sort: flags.sort,
      ...(flags.top !== undefined ? { top: flags.top } : {}),
    });
    if (flags.format === 'json') return renderJson(compareJson(cmp, formatDay(asOf), read));
    return renderGrid(flags.format, compareGrid(cmp, read, flags.top), {
      color: useColor(flags, io),
      raw: flags.raw === true,
    });
  },
};

function defaultYears(asOf: number): number[] {
  const y = civilFromDay(asOf).y;
  return [y - 1, y];
}
