/** `crimedelta alerts`: the groups whose latest complete period is outside the Poisson limits expected from a baseline. */
import { type Command, Option } from 'commander';
import { ALERT_EVERY, type AlertEvery, buildAlerts } from '../../core/alerts.js';
import { formatDay, formatLongDay } from '../../core/civil.js';
import { coveredSpans, daysCovered } from '../../core/coverage.js';
import { dataEnd } from '../../core/ingest.js';
import type { GroupDim } from '../../core/types.js';
import type { WeekStart } from '../../core/windows.js';
import { InputError, UsageError } from '../../errors.js';
import { colorFor, tableWidth } from '../../format/color.js';
import { type Format, renderReport } from '../../format/index.js';
import { alertsGrid, alertsJson, incompleteText } from '../../report/alerts.js';
import type { CommandOptions, CommandSpec } from '../command.js';
import { colorContext, type Messages } from '../messages.js';
import { parseGroupBy, parseLevel, parseNonNegative, parsePositiveInt, valueParser } from '../parse.js';
import { decideAsOf, readIncidents } from '../read-incidents.js';
import {
  addFormatOptions,
  addInputOptions,
  addRunOptions,
  type InputFlags,
  inputFlags,
  type RunFlags,
  runFlags,
} from '../shared-options.js';

/** Labels in a message: the first few and how many more. */
function listed(labels: readonly string[], max = 4): string {
  return labels.length <= max ? labels.join(', ') : `${labels.slice(0, max).join(', ')} and ${labels.length - max} more`;
}

/** Previous periods in the baseline when neither --baseline nor --seasonal is given. */
export const DEFAULT_BASELINE = 8;

interface AlertsFlags extends RunFlags, InputFlags {
  every: AlertEvery;
  baseline?: number;
  seasonal?: number;
  asOf?: string;
  by: GroupDim[];
  minCount: number;
  level: number;
  weekStart: WeekStart;
  format: Format;
  color: boolean;
  wide?: boolean;
  raw?: boolean;
  output?: string;
}

export interface AlertsOptions extends CommandOptions {
  input: InputFlags;
  every: AlertEvery;
  previous: number;
  seasonal: number;
  asOf?: string;
  by: GroupDim[];
  minCount: number;
  level: number;
  weekStart: WeekStart;
  format: Format;
  color: boolean;
  wide: boolean;
  raw: boolean;
  /** --fail-on alerts: exit 1 after writing the report when any group is outside its limits. */
  failOnAlerts: boolean;
}

export const alertsCommand: CommandSpec<AlertsOptions> = {
  name: 'alerts',
  summary: 'the groups whose latest complete week, 28 days or month is outside the Poisson limits expected from a baseline',
  configure(cmd: Command) {
    addInputOptions(cmd);
    cmd
      .addOption(
        new Option('--every <period>', 'period length: a calendar week, 28 days ending on the as-of day, or a calendar month')
          .choices([...ALERT_EVERY])
          .default('week'),
      )
      .option(
        '--baseline <n>',
        `expect from the mean of the n periods before (default: ${DEFAULT_BASELINE} when --seasonal is not given)`,
        valueParser(parsePositiveInt('--baseline')),
      )
      .option(
        '--seasonal <k>',
        'expect from the same dates in each of the k previous years (with --baseline: from both)',
        valueParser(parsePositiveInt('--seasonal')),
      )
      .option('--as-of <date>', 'the as-of day: YYYY-MM-DD, today or yesterday (default: the latest incident date)')
      .option('--by <dims>', 'group by offense, area, or offense,area', valueParser(parseGroupBy), ['offense'] as GroupDim[])
      .option('--min-count <n>', 'do not judge groups whose expected count is under n', valueParser(parseNonNegative('--min-count')), 5)
      .option('--level <p>', 'confidence level of the limits, between 0 and 1', valueParser(parseLevel), 0.99)
      .addOption(new Option('--week-start <day>', 'first day of the week').choices(['mon', 'sun']).default('mon'));
    addFormatOptions(cmd);
    addRunOptions(cmd, {
      kinds: ['alerts'],
      help: 'alerts: exit 1 AFTER writing the report when any group is outside its limits, with one line "N alerts" on standard error',
    });
    cmd.addHelpText(
      'after',
      `
Each group's count in the latest complete period is held against its expected
count (the baseline's daily rate times the period's days) and the exact Poisson
limits around it; only the groups outside their limits are listed. A period
holding the as-of day that the data does not cover to its end is named and not
judged. When counts vary more than Poisson counts do (see the baseline
variance/mean), the limits are too narrow: read the alerts with that in mind.

Examples:
  crimedelta alerts incidents.csv
  crimedelta alerts incidents.csv --every 28d --by offense,area --baseline 6
  crimedelta alerts incidents.csv --every month --seasonal 3 --level 0.95
  crimedelta alerts incidents.csv --as-of yesterday --format csv --fail-on alerts >> alerts.csv`,
    );
    return cmd;
  },
  options(files, cmd) {
    const f = cmd.opts<AlertsFlags>();
    const failOn = (f.failOn ?? []) as string[];
    const o: AlertsOptions = {
      files,
      output: f.output,
      ...runFlags({ ...f, failOn: f.failOn?.filter((k) => (k as string) !== 'alerts') }),
      input: inputFlags(f),
      every: f.every,
      previous: f.baseline ?? (f.seasonal === undefined ? DEFAULT_BASELINE : 0),
      seasonal: f.seasonal ?? 0,
      by: f.by,
      minCount: f.minCount,
      level: f.level,
      weekStart: f.weekStart,
      format: f.format,
      color: f.color,
      wide: f.wide === true,
      raw: f.raw === true,
      failOnAlerts: failOn.includes('alerts'),
    };
    if (f.asOf !== undefined) o.asOf = f.asOf;
    return o;
  },
  async run(o, io, msg: Messages) {
    const read = await readIncidents(o.files, o.input, o.by, io, msg);
    if (read.monthly && o.every !== 'month') {
      throw new UsageError(
        'WHOLE_MONTHS_NEEDED',
        `the data has month-only dates (YYYY-MM), so it cannot be judged by ${o.every === 'week' ? 'week' : '28 days'}; use --every month`,
      );
    }
    const asOf = decideAsOf(o.asOf, read, io, msg);
    const { tally } = read;
    const through = Math.min(asOf, dataEnd(read));
    const spans = coveredSpans(read);
    const covers = (start: number, end: number) => daysCovered({ label: '', start, end }, spans, through, 'include') >= end - start + 1;
    const a = buildAlerts(tally, asOf, through, tally.minDay, { ...o, groupBy: read.groupBy, covers });
    const period = { start: a.period.start, end: a.period.end };
    if (period.start < formatDay(tally.minDay) || period.end > formatDay(through)) {
      throw new InputError(
        'NO_DATA_IN_WINDOWS',
        `no complete ${o.every === '28d' ? '28-day period' : o.every} to judge: the data covers ${formatLongDay(tally.minDay)} to ${formatLongDay(through)}`,
      );
    }
    if (a.baseline.periods.length === 0) {
      throw new InputError(
        'NO_DATA_IN_WINDOWS',
        `no baseline period for ${a.period.label} is covered by the data (it starts ${formatLongDay(tally.minDay)}): give a smaller --baseline or --seasonal`,
      );
    }
    if (a.incomplete) msg.note(`${incompleteText(a.incomplete)} Judging ${a.period.label}.`);
    if (a.baseline.uncovered.length) {
      msg.warning(
        'incomplete',
        `${a.baseline.uncovered.length} of the baseline periods (${listed(a.baseline.uncovered.map((p) => p.label))}) ${a.baseline.uncovered.length === 1 ? 'is' : 'are'} not covered by the data: ${a.period.label} is judged against the other ${a.baseline.periods.length}`,
      );
    }
    if (a.baseline.sparse.length) {
      const n = a.baseline.sparse.length;
      msg.warning(
        'sparse',
        `${n} of the baseline periods (${listed(a.baseline.sparse.map((p) => p.label))}) ${n === 1 ? 'holds' : 'hold'} far fewer rows than the others (stray dates, or a partial export?): left out, ${a.period.label} is judged against the other ${a.baseline.periods.length}`,
      );
    }
    if (o.failOnAlerts && a.alerts.length) msg.failAfterReport(`${a.alerts.length} ${a.alerts.length === 1 ? 'alert' : 'alerts'}`);
    const human = o.format === 'table' || o.format === 'md';
    return renderReport(
      o.format,
      { json: () => alertsJson(a, formatDay(asOf), read), grid: () => alertsGrid(a, read, human) },
      { color: await colorFor(o, colorContext(io)), raw: o.raw, width: tableWidth(o, colorContext(io)) },
    );
  },
};
