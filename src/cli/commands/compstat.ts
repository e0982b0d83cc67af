/** `crimedelta compstat`: the weekly CompStat sheet. */
import type { Command } from 'commander';
import { parseIsoDay } from '../../core/civil.js';
import { BLOCK_WORDS, buildCompstat } from '../../core/compstat.js';
import { windowCoverage } from '../../core/coverage.js';
import type { LeapDayPolicy, WeekStart } from '../../core/windows.js';
import { InputError } from '../../errors.js';
import { colorFor, tableWidth } from '../../format/color.js';
import { renderReport } from '../../format/index.js';
import { compstatGrid, compstatJson } from '../../report/compstat.js';
import { coverageWarnings } from '../../report/coverage.js';
import type { CommandOptions, CommandSpec } from '../command.js';
import { colorContext, type Messages } from '../messages.js';
import { statsChoice } from '../parse.js';
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

interface CompstatFlags extends RunFlags, InputFlags, OutputFlags {
  asOf?: string;
  stats?: boolean | string;
  weekStart: WeekStart;
  leapDay: LeapDayPolicy;
  output?: string;
}

export interface CompstatOptions extends CommandOptions {
  input: InputFlags;
  out: OutputFlags;
  asOf?: string;
  stats: boolean;
  /** --stats z: Wheeler's z per block. */
  z?: boolean;
  weekStart: WeekStart;
  leapDay: LeapDayPolicy;
}

export const compstatCommand: CommandSpec<CompstatOptions> = {
  name: 'compstat',
  summary: 'the weekly CompStat sheet: week to date, last 28 days and year to date, each against a year earlier',
  configure(cmd: Command) {
    addInputOptions(cmd);
    cmd
      .option('--as-of <date>', 'the as-of day: YYYY-MM-DD, today or yesterday (default: the latest incident date)')
      .option(
        '--stats [list]',
        'add the E-test p-value of each block (p, * p<0.05, ** p<0.01) and mark small year-to-date counts (†); "--stats z" gives Wheeler\'s Poisson z-score instead (* |z| ≥ 2, ** |z| ≥ 3), "--stats etest,z" both',
      );
    addWindowPolicyOptions(cmd, true);
    addOutputOptions(cmd);
    addRunOptions(cmd);
    cmd.addHelpText(
      'after',
      `
For each offense (and the total): week to date (from the start of the as-of
day's week), the 28 days ending on the as-of day, and year to date, each
against the same dates a year earlier, then year to date against two years
earlier. Needs daily dates (not month-only YYYY-MM data).

Examples:
  crimedelta compstat incidents.csv --as-of 2023-09-30
  crimedelta compstat incidents.csv --by area --week-start sun --format csv
  crimedelta compstat incidents.csv --stats etest,z`,
    );
    return cmd;
  },
  options(files, cmd) {
    const f = cmd.opts<CompstatFlags>();
    const stats = statsChoice(f.stats, files, false);
    const o: CompstatOptions = {
      files,
      output: f.output,
      ...runFlags(f),
      input: inputFlags(f),
      out: outputFlags(f),
      stats: stats?.mode !== undefined,
      weekStart: f.weekStart,
      leapDay: f.leapDay,
    };
    if (f.asOf !== undefined) o.asOf = f.asOf;
    if (stats?.z) o.z = true;
    return o;
  },
  async run(o, io, msg: Messages) {
    const read = await readIncidents(o.files, o.input, o.out.by, io, msg);
    if (read.monthly) {
      throw new InputError(
        'DAILY_DATES_NEEDED',
        'compstat needs daily dates, but the data has month-only dates (YYYY-MM): week-to-date and 28-day windows would cut months; use compare --last 3m or trend --every month instead',
      );
    }
    const asOf = decideAsOf(o.asOf, read, io, msg);
    const { tally } = read;
    const dataThrough = Math.min(asOf, tally.maxDay);
    const c = buildCompstat(tally, asOf, {
      weekStart: o.weekStart,
      leapDay: o.leapDay,
      groupBy: read.groupBy,
      sort: o.out.sort,
      ...(o.out.top !== undefined ? { top: o.out.top } : {}),
      stats: o.stats,
      ...(o.z ? { z: true } : {}),
    });
    // Each block's pair: what the data covers of it (sparse judged within the pair).
    for (const b of c.blocks) {
      const ws = b.windows.map((w) => ({ label: w.label, start: parseIsoDay(w.start)!, end: parseIsoDay(w.end)! }));
      const rows = b.windows.map((_, i) => c.total[b.name].counts[i]!);
      const cover = windowCoverage(
        ws,
        rows,
        b.windows.map((w) => w.days),
        read,
        asOf,
        o.leapDay,
      );
      b.windows.forEach((w, i) => (w.coverage = cover[i]!));
      for (const w of coverageWarnings(b.windows, `${BLOCK_WORDS[b.name]} window`)) msg.warning(w.kind, w.text);
    }
    const flags = {
      stats: o.stats,
      ...(o.z ? { z: true } : {}),
      weekStart: o.weekStart,
      leapDay: o.leapDay,
      ...(o.out.top !== undefined ? { top: o.out.top } : {}),
    };
    const human = o.out.format === 'table' || o.out.format === 'md';
    return renderReport(
      o.out.format,
      { json: () => compstatJson(c, flags, asOf, dataThrough, read), grid: () => compstatGrid(c, flags, asOf, dataThrough, read, human) },
      { color: await colorFor(o.out, colorContext(io)), raw: o.out.raw === true, width: tableWidth(o.out, colorContext(io)) },
    );
  },
};
