/** `crimedelta compare`: counts per group in two or more windows, with change and % change. */
import { type Command, Option } from 'commander';
import { civilFromDay, formatDay } from '../../core/civil.js';
import { compareWindows } from '../../core/compare.js';
import type { StatsMode } from '../../core/compare-stats.js';
import type { AdjustMethod } from '../../core/stats/adjust.js';
import { requireSomeData, windowCoverage } from '../../core/coverage.js';
import { dataEnd } from '../../core/ingest.js';
import { buildWindows, latestCoveredYear, type LeapDayPolicy, leapDayNote, type WindowSpec } from '../../core/windows.js';
import { UsageError } from '../../errors.js';
import { colorFor, tableWidth } from '../../format/color.js';
import { renderReport } from '../../format/index.js';
import { compareGrid, compareJson, statsJsonNote } from '../../report/compare.js';
import { adjustJsonNote, dispersionJsonNote } from '../../report/monitor.js';
import { coverageWarnings } from '../../report/coverage.js';
import type { CommandOptions, CommandSpec } from '../command.js';
import { collect, parseAdjust, parseLast, parseSpan, parseYears, statsChoice, valueParser } from '../parse.js';
import { colorContext, type Messages } from '../messages.js';
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
import { requireWholeMonths, type WindowFlags, windowSpec } from '../windows.js';

interface CompareFlags extends RunFlags, InputFlags, OutputFlags, WindowFlags {
  asOf?: string;
  baseline: 'each' | 'mean';
  perDay?: boolean;
  leapDay: LeapDayPolicy;
  stats?: boolean | string;
  adjust?: AdjustMethod;
  dispersion?: boolean;
  output?: string;
}

export interface CompareOptions extends CommandOptions {
  input: InputFlags;
  out: OutputFlags;
  windows: WindowSpec;
  asOf?: string;
  baseline: 'each' | 'mean';
  perDay: boolean;
  leapDay: LeapDayPolicy;
  stats?: StatsMode;
  /** --stats z: Wheeler's Poisson z. */
  z?: boolean;
  adjust?: AdjustMethod;
  dispersion?: boolean;
}

export const compareCommand: CommandSpec<CompareOptions> = {
  name: 'compare',
  summary: 'counts per group in two or more windows, with change and % change (the main job)',
  configure(cmd: Command) {
    addInputOptions(cmd);
    cmd
      .option('--years <list>', 'years to compare: 2022,2023 or 2021..2023', valueParser(parseYears))
      .option(
        '--span <span>',
        'part of each year: jan-sep, 01-15..06-30, ytd, full (default with --years: full, or ytd when the last year is not over)',
        valueParser(parseSpan),
      )
      .option('--window <a..b>', 'an explicit inclusive window YYYY-MM-DD..YYYY-MM-DD (repeat: two or more)', collect)
      .option('--last <n>', 'rolling windows: the last 28d, 7d, 4w, 3m, 12m… to the as-of day', valueParser(parseLast))
      .addOption(
        new Option('--vs <what>', 'with --last: against the window before (prior) or the same dates a year earlier (year)')
          .choices(['prior', 'previous', 'year'])
          .argParser((v) => (v === 'previous' ? 'prior' : v)),
      )
      .option('--as-of <date>', 'the as-of day: YYYY-MM-DD, today or yesterday (default: the latest incident date)');
    addWindowPolicyOptions(cmd);
    cmd
      .addOption(
        new Option('--baseline <how>', 'with three or more windows: each earlier window, or the mean of the earlier ones')
          .choices(['each', 'mean'])
          .default('each'),
      )
      .option('--per-day', 'compare daily rates (count ÷ days) instead of counts')
      .option(
        '--stats [list]',
        'add the E-test p-value of current vs each earlier window (p, * p<0.05, ** p<0.01) and mark small counts (†); "--stats exact" adds the exact conditional test and the rate ratio with its 95% interval; "--stats z" gives Wheeler\'s Poisson z-score 2(√current − √earlier) instead (* |z| ≥ 2, ** |z| ≥ 3); "--stats exact,z" both',
      )
      .option(
        '--adjust <method>',
        'adjust the p-values across the rows of the table: holm (family-wise error), bh (Benjamini-Hochberg, false discovery rate) or none (the default: each p-value answers its own row)',
        valueParser(parseAdjust),
      )
      .option(
        '--dispersion',
        "hold each group against the overall change: expected = its earlier count × all groups' current/earlier, the difference, z = (observed − expected)/√expected and an exact Poisson p",
      );
    addOutputOptions(cmd);
    addRunOptions(cmd);
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
  crimedelta compare incidents.csv --last 28d --stats exact,z --adjust holm
  crimedelta compare incidents.csv --years 2022,2023 --by area --dispersion
  crimedelta compare incidents.csv.gz --id-col "Incident ID" --format csv > report.csv
  zcat incidents.csv.gz | crimedelta compare - --as-of yesterday --format json`,
    );
    return cmd;
  },
  options(files, cmd) {
    const f = cmd.opts<CompareFlags>();
    const stats = statsChoice(f.stats, files);
    const adjust = f.adjust === 'none' ? undefined : f.adjust;
    if (adjust && !stats?.mode && !f.dispersion) {
      throw new UsageError('FLAG_CONFLICT', `--adjust ${adjust} adjusts p-values: give --stats (or --stats exact) or --dispersion too`);
    }
    const o: CompareOptions = {
      files,
      output: f.output,
      ...runFlags(f),
      input: inputFlags(f),
      out: outputFlags(f),
      windows: windowSpec(f),
      baseline: f.baseline,
      perDay: f.perDay === true,
      leapDay: f.leapDay,
    };
    if (f.asOf !== undefined) o.asOf = f.asOf;
    if (stats?.mode) o.stats = stats.mode;
    if (stats?.z) o.z = true;
    if (f.adjust) o.adjust = f.adjust;
    if (f.dispersion) o.dispersion = true;
    return o;
  },
  async run(o, io, msg: Messages) {
    const read = await readIncidents(o.files, o.input, o.out.by, io, msg);
    const w = o.windows;
    const usesAsOf =
      w.kind === 'default' || w.kind === 'last' || (w.kind === 'years' && (w.years.length === 0 || !w.span || w.span.kind === 'ytd'));
    const asOf = decideAsOf(o.asOf, read, io, msg, usesAsOf);
    let spec = o.windows;
    if (spec.kind === 'years' && spec.years.length === 0) {
      // --span alone: the last span the data covers to its end, and the one before.
      const coveredTo = Math.min(dataEnd(read), asOf);
      const asOfYear = civilFromDay(asOf).y;
      const y = (spec.span && latestCoveredYear(spec.span, asOf, coveredTo, civilFromDay(read.tally.minDay).y)) ?? asOfYear;
      if (y !== asOfYear) {
        msg.note(
          `--span without --years: comparing ${y} with ${y - 1}, the last year whose span the data covers to its end (it runs to ${formatDay(dataEnd(read))}); give --years to choose`,
        );
      }
      spec = { ...spec, years: [y - 1, y] };
    }
    const windows = buildWindows(spec, asOf);
    if (read.monthly)
      requireWholeMonths(
        windows,
        spec.kind === 'last' ? 'use --last in months (e.g. --last 3m) with an --as-of at a month end' : undefined,
      );
    if (o.baseline === 'mean' && windows.length < 3) {
      throw new UsageError(
        'TOO_FEW_WINDOWS',
        `--baseline mean needs three or more windows (got ${windows.length}); e.g. --years 2020..2023`,
      );
    }
    const cmp = compareWindows(read.tally, windows, {
      groupBy: read.groupBy,
      sort: o.out.sort,
      ...(o.out.top !== undefined ? { top: o.out.top } : {}),
      leapDay: o.leapDay,
      perDay: o.perDay,
      baseline: o.baseline,
      ...(o.stats ? { stats: o.stats } : {}),
      ...(o.z ? { z: true } : {}),
      ...(o.adjust ? { adjust: o.adjust } : {}),
      ...(o.dispersion ? { dispersion: true } : {}),
    });
    requireSomeData(
      cmp.windows.map((w) => w.label),
      cmp.total.counts,
      read,
    );
    const cover = windowCoverage(
      windows,
      cmp.total.counts,
      cmp.windows.map((w) => w.days),
      read,
      asOf,
      o.leapDay,
    );
    cmp.windows.forEach((w, i) => (w.coverage = cover[i]!));
    for (const w of coverageWarnings(cmp.windows)) msg.warning(w.kind, w.text);
    const extra: Record<string, unknown> = { leapDay: o.leapDay };
    if (o.perDay) extra.perDay = true;
    if (o.baseline === 'mean') extra.baseline = 'mean';
    if (o.stats || o.z) extra.stats = statsJsonNote(o.stats, o.z === true);
    if (cmp.adjusted) extra.adjust = adjustJsonNote(cmp.adjusted);
    if (cmp.dispersion) extra.dispersion = dispersionJsonNote(cmp.dispersion);
    const note = leapDayNote(o.leapDay, windows);
    const human = o.out.format === 'table' || o.out.format === 'md';
    return renderReport(
      o.out.format,
      {
        json: () => compareJson(cmp, formatDay(asOf), read, extra),
        grid: () =>
          compareGrid(cmp, read, o.out.top, {
            perDay: o.perDay,
            baseline: o.baseline,
            notes: note ? [note] : [],
            ...(o.stats ? { stats: o.stats } : {}),
            ...(o.z ? { z: true } : {}),
            human,
          }),
      },
      { color: await colorFor(o.out, colorContext(io)), raw: o.out.raw === true, width: tableWidth(o.out, colorContext(io)) },
    );
  },
};
