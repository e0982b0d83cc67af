/** `crimedelta evaluate`: target against control areas, before against after, with the WDD test. */
import type { Command } from 'commander';
import { countWindows, KEY_SEP } from '../../core/aggregate.js';
import { type Coverage, coveredSpans, daysCovered, windowCoverage } from '../../core/coverage.js';
import { type Day, formatDay } from '../../core/civil.js';
import { AREA_SETS, type AreaSetName, type AreaSets, areaSetProblem, evaluateAreas } from '../../core/evaluate.js';
import { type GroupDim, MISSING_KEY, type Window } from '../../core/types.js';
import { closest, didYouMean, onlyCaseMatch } from '../../core/suggest.js';
import type { LeapDayPolicy } from '../../core/windows.js';
import { InputError, UsageError } from '../../errors.js';
import { colorFor, tableWidth } from '../../format/color.js';
import { type Format, renderReport } from '../../format/index.js';
import { coverageWarnings } from '../../report/coverage.js';
import { evaluateGrid, evaluateJson, noEstimateText } from '../../report/evaluate.js';
import type { CommandOptions, CommandSpec } from '../command.js';
import { colorContext, type Messages } from '../messages.js';
import { parseAlpha, parseDateRange, parseList, valueParser } from '../parse.js';
import { readIncidents } from '../read-incidents.js';
import {
  addFormatOptions,
  addInputOptions,
  addRunOptions,
  addWindowPolicyOptions,
  type InputFlags,
  inputFlags,
  type RunFlags,
  runFlags,
} from '../shared-options.js';

interface EvaluateFlags extends RunFlags, InputFlags, AreaSets {
  before: [Day, Day];
  after: [Day, Day];
  alpha: number;
  offense?: string[];
  leapDay: LeapDayPolicy;
  format: Format;
  color: boolean;
  wide?: boolean;
  raw?: boolean;
  output?: string;
}

export interface EvaluateOptions extends CommandOptions {
  input: InputFlags;
  sets: AreaSets;
  before: Window;
  after: Window;
  alpha: number;
  offense?: string[];
  leapDay: LeapDayPolicy;
  format: Format;
  color: boolean;
  wide: boolean;
  raw: boolean;
}

/** The flag that names each set. */
const SET_FLAG: Record<AreaSetName, string> = {
  target: '--target',
  control: '--control',
  displacement: '--displacement',
  displacementControl: '--displacement-control',
};

const areas = (flag: string) => valueParser(parseList(flag, 'area values'));

export const evaluateCommand: CommandSpec<EvaluateOptions> = {
  name: 'evaluate',
  summary: 'a place-based intervention: target against control areas, before against after, with the WDD test',
  configure(cmd: Command) {
    addInputOptions(cmd);
    cmd
      .requiredOption('--target <areas>', 'area values where the intervention happened, comma-separated', areas('--target'))
      .requiredOption('--control <areas>', 'comparable untouched area values, comma-separated', areas('--control'))
      .option(
        '--displacement <areas>',
        'buffer area values where crime could move to (needs --displacement-control)',
        areas('--displacement'),
      )
      .option('--displacement-control <areas>', 'control area values for the buffer', areas('--displacement-control'))
      .requiredOption('--before <a..b>', 'the period before: YYYY-MM-DD..YYYY-MM-DD (inclusive)', valueParser(parseDateRange('--before')))
      .requiredOption('--after <a..b>', 'the period after: YYYY-MM-DD..YYYY-MM-DD (inclusive)', valueParser(parseDateRange('--after')))
      .option('--alpha <a>', '1 − confidence level of the interval', valueParser(parseAlpha), 0.05)
      .option('--offense <values>', 'count only these offense values (comma-separated, exact match)', areas('--offense'));
    addWindowPolicyOptions(cmd);
    addFormatOptions(cmd);
    addRunOptions(cmd);
    cmd.addHelpText(
      'after',
      `
Counts incidents in each set of areas (values of the area column) in the
before and after windows and reports the weighted displacement difference of
Wheeler & Ratcliffe (2018): estimate, standard error, z, two-sided p-value and
a 95% interval (--alpha 0.1 for 90%). A negative estimate means fewer
incidents in the target (and displacement buffer) than the control areas
predict. Windows of unequal length are weighted by their length in days.
The sets must not overlap (exit 2); an area value that never occurs in the
data is a warning, and a set none of whose areas occur is an error (exit 1).

Examples:
  crimedelta evaluate incidents.csv --area-col Neighborhood \\
    --target "Oak Park,Del Paso Heights" --control "Land Park,Curtis Park" \\
    --before 2021-01-01..2021-12-31 --after 2022-01-01..2022-12-31
  crimedelta evaluate incidents.csv --area-col beat --offense Burglary \\
    --target "Beat 11,Beat 12" --control "Beat 21,Beat 22" \\
    --displacement "Beat 13" --displacement-control "Beat 23" \\
    --before 2017-01-01..2017-12-31 --after 2018-01-01..2018-12-31 --format json`,
    );
    return cmd;
  },
  options(files, cmd) {
    const f = cmd.opts<EvaluateFlags>();
    const sets: AreaSets = { target: f.target, control: f.control };
    if (f.displacement) sets.displacement = f.displacement;
    if (f.displacementControl) sets.displacementControl = f.displacementControl;
    const problem = areaSetProblem(sets);
    if (problem?.kind === 'unpaired')
      throw new UsageError('FLAG_CONFLICT', '--displacement and --displacement-control go together: give both or neither');
    if (problem?.kind === 'overlap') {
      throw new UsageError(
        'AREA_SETS_OVERLAP',
        `area "${problem.area}" is in both ${SET_FLAG[problem.sets[0]]} and ${SET_FLAG[problem.sets[1]]}: the sets must not overlap`,
      );
    }
    const before: Window = { label: 'before', start: f.before[0], end: f.before[1] };
    const after: Window = { label: 'after', start: f.after[0], end: f.after[1] };
    if (before.end >= after.start && after.end >= before.start) {
      throw new UsageError('FLAG_CONFLICT', '--before and --after overlap: an incident cannot be both before and after');
    }
    const o: EvaluateOptions = {
      files,
      output: f.output,
      ...runFlags(f),
      input: inputFlags(f),
      sets,
      before,
      after,
      alpha: f.alpha,
      leapDay: f.leapDay,
      format: f.format,
      color: f.color,
      wide: f.wide === true,
      raw: f.raw === true,
    };
    if (f.offense) o.offense = f.offense;
    return o;
  },
  async run(o, io, msg: Messages) {
    const groupBy: GroupDim[] = o.offense ? ['offense', 'area'] : ['area'];
    const read = await readIncidents(o.files, o.input, groupBy, io, msg);
    if (o.offense && !read.groupBy.includes('offense')) {
      throw new InputError('NO_OFFENSE_COLUMN', '--offense needs an offense column, and the data has none; name it with --offense-col');
    }
    const { before, after } = o;
    // Values are matched exactly, or in the data's spelling when only the case differs (with a note).
    const areaAt = groupBy.indexOf('area');
    const areasSeen = [...new Set(read.tally.groups.map((k) => k.split(KEY_SEP)[areaAt]!))];
    const spelled = (flag: string, values: readonly string[], seen: readonly string[]) =>
      values.map((v) => {
        const m = seen.includes(v) ? undefined : onlyCaseMatch(v, seen);
        if (m === undefined) return v;
        msg.note(`${flag}: "${v}" matches "${m}" in the data, which differs only in case: counting "${m}"`);
        return m;
      });
    const sets: AreaSets = { ...o.sets };
    for (const s of AREA_SETS) if (sets[s]) sets[s] = spelled(SET_FLAG[s], sets[s], areasSeen);
    const offensesSeen = o.offense ? [...new Set(read.tally.groups.map((k) => k.split(KEY_SEP)[0]!))] : [];
    const offense = o.offense ? spelled('--offense', o.offense, offensesSeen) : undefined;
    const spans = coveredSpans(read);
    const noData = (['before', 'after'] as const).filter(
      (_, i) => daysCovered([before, after][i]!, spans, read.tally.maxDay, o.leapDay) === 0,
    );
    const ev = evaluateAreas(read.tally, {
      noData,
      groupBy,
      sets,
      before,
      after,
      alpha: o.alpha,
      leapDay: o.leapDay,
      ...(offense ? { offenses: offense } : {}),
    });
    const areaCol = read.files[0]?.roles.area ?? 'area';
    const near = (v: string, seen: readonly string[]) =>
      didYouMean(
        closest(
          v,
          seen.filter((x) => x !== MISSING_KEY),
        ),
      );
    for (const s of AREA_SETS) {
      const m = ev.missing[s];
      if (!m) continue;
      const quoted = m.map((a) => `${JSON.stringify(a)}${near(a, areasSeen)}`).join(', ');
      if (m.length === sets[s]!.length) {
        throw new InputError('UNKNOWN_AREA', `${SET_FLAG[s]}: none of its areas (${quoted}) occurs in column "${areaCol}"`);
      }
      msg.warning('unmatched', `${SET_FLAG[s]}: ${quoted} never occurs in column "${areaCol}"`);
    }
    if (offense) {
      const unknown = offense.filter((x) => !offensesSeen.includes(x));
      const quoted = unknown.map((x) => `${JSON.stringify(x)}${near(x, offensesSeen)}`).join(', ');
      if (unknown.length === offense.length) throw new InputError('UNKNOWN_OFFENSE', `--offense: none of ${quoted} occurs in the data`);
      if (unknown.length) msg.warning('unmatched', `--offense: ${quoted} never occurs in the data`);
    }
    const totals = countWindows(read.tally, [before, after], { leapDay: o.leapDay }).total;
    const cover = windowCoverage([before, after], totals, [ev.days.before, ev.days.after], read, read.tally.maxDay, o.leapDay) as [
      Coverage,
      Coverage,
    ];
    const named = [before, after].map((w, i) => ({
      label: w.label,
      start: formatDay(w.start),
      end: formatDay(w.end),
      days: i ? ev.days.after : ev.days.before,
      coverage: cover[i]!,
    }));
    for (const w of coverageWarnings(named)) msg.warning(w.kind, w.text);
    if (noData.length) msg.warning('incomplete', noEstimateText(noData, [before, after]));
    const flags = { ...sets, offense, leapDay: o.leapDay, coverage: cover };
    return renderReport(
      o.format,
      { json: () => evaluateJson(ev, [before, after], read, flags), grid: () => evaluateGrid(ev, [before, after], read, flags) },
      { color: await colorFor(o, colorContext(io)), raw: o.raw, width: tableWidth(o, colorContext(io)) },
    );
  },
};
