/** `crimedelta trend`: counts per group per week, month, quarter or year. */
import { type Command, Option } from 'commander';
import { type Day, dayFromCivil, formatDay, parseIsoDay } from '../../core/civil.js';
import { EVERY, type Every } from '../../core/periods.js';
import { coveredSpans, daysCovered, windowCoverage } from '../../core/coverage.js';
import { buildTrend, defaultTrendStart, type TrendVs } from '../../core/trend.js';
import type { BandOptions } from '../../core/trend-band.js';
import { type LeapDayPolicy, rangeLabel, type WeekStart } from '../../core/windows.js';
import { InputError, UsageError } from '../../errors.js';
import { colorFor, tableWidth } from '../../format/color.js';
import { renderReport } from '../../format/index.js';
import { coverageWarnings } from '../../report/coverage.js';
import { trendJson, trendLongGrid, trendWideGrid } from '../../report/trend.js';
import type { CommandOptions, CommandSpec } from '../command.js';
import { colorContext, type Messages } from '../messages.js';
import { parseDateRange, parseLevel, parsePositiveInt, parseTrendStats, parseYears, valueParser } from '../parse.js';
import { decideAsOf, readIncidents } from '../read-incidents.js';
import {
  addInputOptions,
  addRunOptions,
  addOutputOptions,
  addWindowPolicyOptions,
  type InputFlags,
  inputFlags,
  type OutputFlags,
  outputFlags,
  type RunFlags,
  runFlags,
} from '../shared-options.js';
import { requireWholeMonths } from '../windows.js';

interface TrendFlags extends RunFlags, InputFlags, OutputFlags {
  every: Every;
  window?: [Day, Day];
  years?: number[];
  asOf?: string;
  vs: TrendVs;
  layout: 'wide' | 'long';
  weekStart: WeekStart;
  leapDay: LeapDayPolicy;
  output?: string;
  stats?: 'z';
  band?: boolean;
  baseline?: number;
  seasonal?: number;
  level?: number;
}

/** Periods before in the band's baseline when neither --baseline nor --seasonal is given. */
const DEFAULT_BAND_BASELINE = 8;

export interface TrendOptions extends CommandOptions {
  input: InputFlags;
  out: OutputFlags;
  every: Every;
  /** The dates to cover: `--window`, or Jan 1 to Dec 31 of `--years`; undefined: from where the data is dense to the as-of day. */
  range?: { start: Day; end: Day };
  asOf?: string;
  vs: TrendVs;
  layout: 'wide' | 'long';
  weekStart: WeekStart;
  leapDay: LeapDayPolicy;
  /** --stats z: Wheeler's z of each period against its comparison period. */
  z?: boolean;
  /** --band: the expected count and Poisson limits beside each period. */
  band?: BandOptions;
}

export const trendCommand: CommandSpec<TrendOptions> = {
  name: 'trend',
  summary: 'counts per group per week, month, quarter or year, with change against the previous period or a year earlier',
  configure(cmd: Command) {
    addInputOptions(cmd);
    cmd
      .addOption(new Option('--every <period>', 'period length').choices([...EVERY]).default('month'))
      .option(
        '--window <a..b>',
        'the dates to cover, YYYY-MM-DD..YYYY-MM-DD (default: all the data up to the as-of day)',
        valueParser(parseDateRange('--window')),
      )
      .option(
        '--years <list>',
        'the years to cover: 2023, 2022,2023 or 2021..2023 (Jan 1 of the first to Dec 31 of the last)',
        valueParser((t) => parseYears(t, 1)),
      )
      .option('--as-of <date>', 'the last day counted: YYYY-MM-DD, today or yesterday (default: the latest incident date)')
      .addOption(
        new Option('--vs <what>', 'change against the previous period or the same period a year earlier')
          .choices(['previous', 'prior', 'year'])
          .default('previous')
          .argParser((v) => (v === 'prior' ? 'previous' : v)),
      )
      .addOption(
        new Option('--layout <layout>', 'wide: a column per period; long: a row per group and period')
          .choices(['wide', 'long'])
          .default('wide'),
      )
      .option(
        '--stats <z>',
        "z: add Wheeler's Poisson z-score 2(√count − √earlier) of each period against the one it is compared with (* |z| ≥ 2, ** |z| ≥ 3)",
        valueParser(parseTrendStats),
      )
      .option(
        '--band',
        'beside each complete period, the count expected from its baseline and the exact Poisson limits around it (▲ above, ▼ below; numbers in JSON and --layout long)',
      )
      .option(
        '--baseline <n>',
        `with --band: expect from the n periods before (default: ${DEFAULT_BAND_BASELINE} when --seasonal is not given)`,
        valueParser(parsePositiveInt('--baseline')),
      )
      .option(
        '--seasonal <k>',
        'with --band: expect from the same dates in each of the k previous years',
        valueParser(parsePositiveInt('--seasonal')),
      )
      .option('--level <p>', 'with --band: confidence level of the limits (default: 0.99)', valueParser(parseLevel));
    addWindowPolicyOptions(cmd, true);
    addOutputOptions(cmd);
    addRunOptions(cmd);
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
  crimedelta trend incidents.csv --every month --layout long --format csv
  crimedelta trend incidents.csv --every week --band --seasonal 2 --stats z`,
    );
    return cmd;
  },
  options(files, cmd) {
    const f = cmd.opts<TrendFlags>();
    if (f.window && f.years) throw new UsageError('FLAG_CONFLICT', '--window cannot be combined with --years');
    const bandFlag = ['baseline', 'seasonal', 'level'].find((k) => f[k as 'baseline' | 'seasonal' | 'level'] !== undefined);
    if (bandFlag && !f.band) throw new UsageError('FLAG_CONFLICT', `--${bandFlag} goes with --band (e.g. trend --band --${bandFlag} …)`);
    const o: TrendOptions = {
      files,
      output: f.output,
      ...runFlags(f),
      input: inputFlags(f),
      out: outputFlags(f),
      every: f.every,
      vs: f.vs,
      layout: f.layout,
      weekStart: f.weekStart,
      leapDay: f.leapDay,
    };
    if (f.window) o.range = { start: f.window[0], end: f.window[1] };
    else if (f.years) o.range = { start: dayFromCivil(f.years[0]!, 1, 1), end: dayFromCivil(f.years[f.years.length - 1]!, 12, 31) };
    if (f.asOf !== undefined) o.asOf = f.asOf;
    if (f.stats === 'z') o.z = true;
    if (f.band) {
      o.band = {
        previous: f.baseline ?? (f.seasonal === undefined ? DEFAULT_BAND_BASELINE : 0),
        seasonal: f.seasonal ?? 0,
        level: f.level ?? 0.99,
      };
    }
    return o;
  },
  async run(o, io, msg: Messages) {
    const warn = msg.note;
    const read = await readIncidents(o.files, o.input, o.out.by, io, msg);
    const asOf = decideAsOf(o.asOf, read, io, msg, !o.range || o.range.end >= read.tally.maxDay);
    const { tally } = read;
    let range = o.range;
    if (!range) {
      const { start, strayRows } = defaultTrendStart(tally);
      if (strayRows > 0) {
        warn(
          `the trend starts ${formatDay(start)}: ${strayRows.toLocaleString('en-US')} rows dated from ${formatDay(tally.minDay)} are too sparse to chart (stray early dates); give --window to include them`,
        );
      }
      range = { start, end: asOf };
    }
    if (range.end > asOf) range = { ...range, end: asOf };
    if (range.end < range.start) {
      throw new InputError(
        'NO_DATA_IN_WINDOWS',
        `nothing to count: the as-of day ${formatDay(asOf)} comes before the start of the range ${formatDay(range.start)}`,
      );
    }
    if (read.monthly) {
      if (o.every === 'week') {
        throw new UsageError(
          'WHOLE_MONTHS_NEEDED',
          'the data has month-only dates (YYYY-MM), so it cannot be counted by week; use --every month, quarter or year',
        );
      }
      requireWholeMonths(
        [{ label: rangeLabel(range.start, range.end), start: range.start, end: range.end }],
        'give whole months to --window and an --as-of at a month end',
      );
    }
    const covered = { start: Math.max(range.start, tally.minDay), end: range.end };
    const spans = coveredSpans(read);
    const r0 = range;
    const t = buildTrend(
      tally,
      range,
      covered,
      {
        every: o.every,
        vs: o.vs,
        weekStart: o.weekStart,
        leapDay: o.leapDay,
        groupBy: read.groupBy,
        sort: o.out.sort,
        ...(o.out.top !== undefined ? { top: o.out.top } : {}),
        covers: (start, end) => daysCovered({ label: '', start, end }, spans, asOf, 'include') >= end - start + 1,
        ...(o.z ? { z: true } : {}),
        ...(o.band ? { band: o.band } : {}),
      },
      { start: tally.minDay, end: asOf },
    );
    // What the data covers of each period: sparse periods are judged against the complete ones.
    const clipped = t.periods.map((p) => ({
      label: p.label,
      start: Math.max(parseIsoDay(p.start)!, r0.start),
      end: Math.min(parseIsoDay(p.end)!, r0.end),
    }));
    const cover = windowCoverage(
      clipped,
      t.total.counts,
      t.periods.map((p) => p.days),
      read,
      asOf,
      o.leapDay,
    );
    t.periods.forEach((p, i) => {
      // A period the trend already counts as complete (inside the range) keeps that word; sparse is new.
      p.coverage = { ...cover[i]!, complete: p.complete };
    });
    // Partial first and last periods are expected; a sparse period, or a gap inside the trend, is not.
    const inner = t.periods.filter((p, i) => p.coverage?.sparse || (!p.complete && i > 0 && i < t.periods.length - 1));
    for (const w of coverageWarnings(inner, 'period')) msg.warning(w.kind, w.text);
    const flags = {
      every: o.every,
      vs: o.vs,
      weekStart: o.weekStart,
      leapDay: o.leapDay,
      ...(o.out.top !== undefined ? { top: o.out.top } : {}),
      ...(o.z ? { z: true } : {}),
      ...(o.band ? { band: o.band } : {}),
    };
    const human = o.out.format === 'table' || o.out.format === 'md';
    const r = range;
    return renderReport(
      o.out.format,
      {
        json: () => trendJson(t, flags, asOf, read),
        grid: () => (o.layout === 'long' ? trendLongGrid(t, flags, r, read, human) : trendWideGrid(t, flags, r, read, human)),
      },
      { color: await colorFor(o.out, colorContext(io)), raw: o.out.raw === true, width: tableWidth(o.out, colorContext(io)) },
    );
  },
};
