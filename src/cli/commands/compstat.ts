/** `crimedelta compstat`: the weekly CompStat sheet. */
import type { Command } from 'commander';
import { formatLongDay, parseIsoDay } from '../../core/civil.js';
import { buildCompstat } from '../../core/compstat.js';
import type { LeapDayPolicy, WeekStart } from '../../core/windows.js';
import { InputError } from '../../errors.js';
import { colorFor } from '../../format/color.js';
import { renderReport } from '../../format/index.js';
import { compstatGrid, compstatJson } from '../../report/compstat.js';
import type { CommandOptions, CommandSpec } from '../command.js';
import { colorContext, type Messages } from '../messages.js';
import { decideAsOf, readIncidents } from '../read-incidents.js';
import { addInputOptions, addRunOptions, addOutputOptions, addWindowPolicyOptions, type InputFlags, inputFlags, type OutputFlags, outputFlags, type RunFlags, runFlags } from '../shared-options.js';

interface CompstatFlags extends RunFlags, InputFlags, OutputFlags {
  asOf?: string;
  stats?: boolean;
  weekStart: WeekStart;
  leapDay: LeapDayPolicy;
  output?: string;
}

export interface CompstatOptions extends CommandOptions {
  input: InputFlags;
  out: OutputFlags;
  asOf?: string;
  stats: boolean;
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
      .option('--stats', 'add the E-test p-value of each block (p, * p<0.05, ** p<0.01) and mark small year-to-date counts (†)');
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
  crimedelta compstat incidents.csv --by area --week-start sun --format csv`,
    );
    return cmd;
  },
  options(files, cmd) {
    const f = cmd.opts<CompstatFlags>();
    const o: CompstatOptions = {
      files,
      output: f.output,
      ...runFlags(f),
      input: inputFlags(f),
      out: outputFlags(f),
      stats: f.stats === true,
      weekStart: f.weekStart,
      leapDay: f.leapDay,
    };
    if (f.asOf !== undefined) o.asOf = f.asOf;
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
    if (tally.maxDay < asOf) {
      msg.warning('incomplete', `the data ends ${formatLongDay(tally.maxDay)}, before the as-of day ${formatLongDay(asOf)}: the current windows may be incomplete`);
    }
    const c = buildCompstat(tally, asOf, {
      weekStart: o.weekStart,
      leapDay: o.leapDay,
      groupBy: o.out.by,
      sort: o.out.sort,
      ...(o.out.top !== undefined ? { top: o.out.top } : {}),
      stats: o.stats,
    });
    const earliest = Math.min(...c.blocks.map((b) => parseIsoDay(b.windows[0].start)!));
    if (earliest < tally.minDay) {
      msg.warning('incomplete', `the data starts ${formatLongDay(tally.minDay)}, after the start of the earliest comparison window (${formatLongDay(earliest)}): those counts may be incomplete`);
    }
    const flags = { stats: o.stats, weekStart: o.weekStart, leapDay: o.leapDay, ...(o.out.top !== undefined ? { top: o.out.top } : {}) };
    const human = o.out.format === 'table' || o.out.format === 'md';
    return renderReport(
      o.out.format,
      { json: () => compstatJson(c, flags, asOf, dataThrough, read), grid: () => compstatGrid(c, flags, asOf, dataThrough, read, human) },
      { color: await colorFor(o.out, colorContext(io)), raw: o.out.raw === true },
    );
  },
};
