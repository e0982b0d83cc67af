/** `crimedelta compare`: counts per group in two or more windows, with change and % change. */
import type { Command } from 'commander';
import { type Comparison, compareWindows } from '../../core/compare.js';
import { EXACT_CONVENTION, type RateRatioOut, SMALL_MARK, type StatsMode, significanceMark } from '../../core/compare-stats.js';
import { SMALL_COUNT_THRESHOLD } from '../../core/stats/index.js';
import { formatPValue } from '../../format/cells.js';
import { type Day, civilFromDay, formatDay, formatLongDay } from '../../core/civil.js';
import type { GroupDim, Window } from '../../core/types.js';
import {
  buildWindows,
  checkWholeMonths,
  type LastSpec,
  type LeapDayPolicy,
  leapDayNote,
  parseLast,
  parseSpan,
  parseWindowRange,
  parseYears,
  type Span,
  type VsMode,
  type WindowSpec,
} from '../../core/windows.js';
import { existsSync } from 'node:fs';
import { Option } from 'commander';
import { InputError, UsageError } from '../../errors.js';
import type { CellValue, Grid, GridColumn } from '../../format/grid.js';
import { renderGrid, renderJson } from '../../format/index.js';
import { loadColor } from '../../format/table.js';
import type { Io } from '../../io/output.js';
import { topLine, windowsCaption } from '../caption.js';
import type { CommandSpec } from '../command.js';
import { countedLine, dataEnd, decideAsOf, inputSummary, type ReadResult, readIncidents, warner } from '../read-incidents.js';
import {
  addInputOptions,
  addOutputOptions,
  addWindowPolicyOptions,
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
  last?: LastSpec;
  vs?: VsMode;
  baseline: 'each' | 'mean';
  perDay?: boolean;
  leapDay: LeapDayPolicy;
  stats?: boolean | string;
}

const DIM_HEADER: Record<GroupDim, string> = { offense: 'Offense', area: 'Area' };
const DIM_TOTAL: Record<GroupDim, string> = { offense: 'All offenses', area: 'All areas' };

export function windowSpec(o: { years?: number[]; span?: Span; window?: string[]; last?: LastSpec; vs?: VsMode }): WindowSpec {
  if (o.last) {
    if (o.window || o.years || o.span) throw new UsageError('--last cannot be combined with --window, --years or --span');
    return { kind: 'last', last: o.last, vs: o.vs ?? 'prior' };
  }
  if (o.vs) throw new UsageError('--vs goes with --last (e.g. --last 28d --vs year)');
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
  /** Table and md: marks beside p-values and names; CSV/TSV: plain p and `small` columns. */
  human?: boolean;
  baseline?: 'each' | 'mean';
  /** Footer lines added before the "Counted" line (e.g. the leap-day policy). */
  notes?: string[];
}

export function compareGrid(cmp: Comparison, read: ReadResult, top: number | undefined, extras: GridExtras = {}): Grid {
  const ws = cmp.windows;
  const perDay = extras.perDay === true;
  const mean = extras.baseline === 'mean';
  const changeKind = perDay ? 'rateChange' : 'change';
  const columns: GridColumn[] = cmp.groupBy.map((d) => ({ header: DIM_HEADER[d], kind: 'text' }));
  for (const w of ws) columns.push({ header: perDay ? `${w.label} /day` : w.label, kind: perDay ? 'rate' : 'count' });
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
      { header: perDay ? "Mean of earlier /day" : "Mean of earlier", kind: 'rate' },
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
  if (stats && !human) columns.push({ header: 'small', kind: 'count' });
  const all = <T,>(v: T | T[] | undefined): (T | undefined)[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
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
    if (stats && !human) out.push(r.smallCounts ? 1 : 0);
    return out;
  };
  // Human formats: the small-count mark beside the row's name (its last group cell).
  const labelled = (labels: string[], small: boolean | undefined): string[] =>
    stats && human && small ? labels.map((l, i) => (i === labels.length - 1 ? `${l} ${SMALL_MARK}` : l)) : labels;
  const rows = cmp.rows.map((r) => [...labelled(cmp.groupBy.map((d) => r.key[d] ?? ''), r.smallCounts), ...tail(r)]);
  const totalLabel = labelled(cmp.groupBy.map((d, i) => (i === 0 ? DIM_TOTAL[d] : '')), cmp.total.smallCounts);
  const { tally } = read;
  const footer: string[] = [];
  const idCol = read.files[0]?.roles.id;
  if (idCol) footer.push(`Counting distinct "${idCol}" values (incidents), not rows.`);
  if (perDay) footer.push('Daily rates: each count divided by its window\'s length in days (--per-day).');
  if (mean) footer.push(`The current window against the mean of the ${earlier.length} earlier windows (--baseline mean).`);
  footer.push(...(extras.notes ?? []));
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
  const lines = [
    'p: two-sided Poisson E-test, Krishnamoorthy & Thomson 2004; window lengths as exposures. * p < 0.05, ** p < 0.01.',
  ];
  if (pooled) lines.push('p vs mean: the current window against the earlier windows pooled (their counts over their days).');
  if (stats === 'exact') {
    lines.push(
      `p exact: exact conditional (binomial) test, two-sided ${EXACT_CONVENTION}; RR: rate ratio current/earlier per day with its exact 95% interval (Clopper-Pearson, as R poisson.test).`,
    );
  }
  if (anySmall) lines.push(`${SMALL_MARK} every count under ${SMALL_COUNT_THRESHOLD}: the % change and p-value say little.`);
  return lines;
}

export function useColor(flags: { color: boolean; format: string }, io: Io): boolean {
  return flags.format === 'table' && flags.color && io.stdout.isTTY === true && !io.env.NO_COLOR;
}

/** {@link useColor}, with chalk loaded when the answer is yes. */
export async function colorFor(flags: { color: boolean; format: string }, io: Io): Promise<boolean> {
  const on = useColor(flags, io);
  if (on) await loadColor();
  return on;
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
      .option('--last <n>', 'rolling windows: the last 28d, 7d, 4w, 3m, 12m… to the as-of day', valueParser(parseLast))
      .addOption(new Option('--vs <what>', 'with --last: against the window before (prior) or the same dates a year earlier (year)').choices(['prior', 'previous', 'year']).argParser((v) => (v === 'previous' ? 'prior' : v)))
      .option('--as-of <date>', 'the as-of day: YYYY-MM-DD, today or yesterday (default: the latest incident date)');
    addWindowPolicyOptions(cmd);
    cmd
      .addOption(new Option('--baseline <how>', 'with three or more windows: each earlier window, or the mean of the earlier ones').choices(['each', 'mean']).default('each'))
      .option('--per-day', 'compare daily rates (count ÷ days) instead of counts')
      .option('--stats [exact]', 'add the E-test p-value of current vs each earlier window (p, * p<0.05, ** p<0.01) and mark small counts (†); "--stats exact" adds the exact conditional test and the rate ratio with its 95% interval');
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
  crimedelta compare incidents.csv --last 28d --vs year --as-of 2023-09-30
  crimedelta compare incidents.csv --years 2020..2023 --span jan-sep --baseline mean
  crimedelta compare incidents.csv.gz --id-col "Incident ID" --format csv > report.csv
  zcat incidents.csv.gz | crimedelta compare - --as-of yesterday --format json`,
    );
    return cmd;
  },
  async run(files, raw, io) {
    const flags = raw as unknown as CompareFlags;
    const stats = statsMode(flags.stats, files);
    const spec = windowSpec(flags);
    const warn = warner(io, flags.quiet);
    const read = await readIncidents(files, flags, flags.by, io, true);
    const asOf = decideAsOf(flags.asOf, read, io, warn);
    const fullSpec: WindowSpec =
      spec.kind === 'years' && spec.years.length === 0
        ? { ...spec, years: defaultYears(asOf) }
        : spec;
    const windows = buildWindows(fullSpec, asOf);
    if (read.monthly) {
      checkWholeMonths(
        windows,
        spec.kind === 'last'
          ? 'use --last in months (e.g. --last 3m) with an --as-of at a month end'
          : undefined,
      );
    }
    if (flags.baseline === 'mean' && windows.length < 3) {
      throw new UsageError(`--baseline mean needs three or more windows (got ${windows.length}); e.g. --years 2020..2023`);
    }
    const { tally } = read;
    checkCoverage(windows, read, asOf, flags.asOf !== undefined, warn);
    const cmp = compareWindows(tally, windows, {
      groupBy: flags.by,
      sort: flags.sort,
      ...(flags.top !== undefined ? { top: flags.top } : {}),
      leapDay: flags.leapDay,
      perDay: flags.perDay === true,
      baseline: flags.baseline,
      ...(stats ? { stats } : {}),
    });
    checkCounts(cmp.windows.map((w) => w.label), cmp.total.counts, read, warn);
    const extra: Record<string, unknown> = { leapDay: flags.leapDay };
    if (flags.perDay) extra.perDay = true;
    if (flags.baseline === 'mean') extra.baseline = 'mean';
    if (stats) extra.stats = statsJsonNote(stats);
    if (flags.format === 'json') return renderJson(compareJson(cmp, formatDay(asOf), read, extra));
    const note = leapDayNote(flags.leapDay, windows);
    const grid = compareGrid(cmp, read, flags.top, {
      perDay: flags.perDay === true,
      baseline: flags.baseline,
      notes: note ? [note] : [],
      ...(stats ? { stats } : {}),
      human: flags.format === 'table' || flags.format === 'md',
    });
    return renderGrid(flags.format, grid, {
      color: await colorFor(flags, io),
      raw: flags.raw === true,
    });
  },
};

/**
 * The --stats value: absent → none, bare → 'etest', `exact` → 'exact'.
 * commander takes the word after a bare --stats as its value, so a file
 * name found there is put back among the files.
 */
export function statsMode(value: boolean | string | undefined, files: string[]): StatsMode | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return 'etest';
  const v = value.trim().toLowerCase();
  if (v === 'exact') return 'exact';
  if (v === 'etest' || v === 'e-test') return 'etest';
  if (value === '-' || existsSync(value)) {
    files.unshift(value);
    return 'etest';
  }
  throw new UsageError(`--stats ${value}: expected nothing (the E-test) or exact`);
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

function defaultYears(asOf: number): number[] {
  const y = civilFromDay(asOf).y;
  return [y - 1, y];
}

/**
 * Notes for windows the data does not cover: past the as-of day, past the
 * data's last day, before its first, or entirely outside it.
 */
export function checkCoverage(windows: readonly Window[], read: ReadResult, asOf: Day, asOfGiven: boolean, warn: (m: string) => void): void {
  const { tally } = read;
  const last = dataEnd(read);
  for (const w of windows) {
    if (asOfGiven && w.end > asOf) {
      warn(`window ${w.label} (${formatDay(w.start)}..${formatDay(w.end)}) ends after the as-of day ${formatDay(asOf)}`);
    }
    if (w.end > last && w.start <= last) {
      warn(`window ${w.label} ends ${formatLongDay(w.end)}, after the last date in the data (${formatLongDay(last)}): its count may be incomplete`);
    } else if (w.start < tally.minDay && w.end >= tally.minDay) {
      warn(`window ${w.label} starts ${formatLongDay(w.start)}, before the first date in the data (${formatLongDay(tally.minDay)}): its count may be incomplete`);
    } else if (w.end < tally.minDay || w.start > last) {
      warn(`window ${w.label} (${formatDay(w.start)}..${formatDay(w.end)}) has no data at all: the data runs from ${formatDay(tally.minDay)} to ${formatDay(last)}`);
    }
  }
}

/**
 * A report in which no window holds a row cannot say anything: exit 1. A
 * window holding a tiny share of what the others hold usually means the data
 * barely reaches it (stray old dates), not a real change: say so.
 */
export function checkCounts(labels: readonly string[], totals: readonly number[], read: ReadResult, warn: (m: string) => void): void {
  const most = Math.max(...totals);
  if (most === 0) {
    throw new InputError(
      `no incident falls in any window (${labels.join(', ')}); the data runs from ${formatDay(read.tally.minDay)} to ${formatDay(dataEnd(read))}`,
    );
  }
  const fullest = labels[totals.indexOf(most)]!;
  labels.forEach((label, i) => {
    const n = totals[i]!;
    if (n > 0 && n * 50 < most) {
      warn(
        `window ${label} holds ${n.toLocaleString('en-US')} rows against ${most.toLocaleString('en-US')} in ${fullest}: the data probably does not cover it (crimedelta inspect shows the date range)`,
      );
    }
  });
}
