/** `crimedelta evaluate`: target against control areas, before against after, with the WDD test. */
import { type Command, Option } from 'commander';
import { KEY_SEP } from '../../core/aggregate.js';
import { formatDay, formatLongDay, parseIsoDay } from '../../core/civil.js';
import {
  AREA_SETS,
  type AreaSetName,
  type AreaSets,
  checkAreaSets,
  type Evaluation,
  evaluateAreas,
  parseAreaList,
  SET_FLAG,
} from '../../core/evaluate.js';
import { SKIP_REASONS, type GroupDim, type Window } from '../../core/types.js';
import { type LeapDayPolicy, leapDayNote } from '../../core/windows.js';
import { InputError, UsageError } from '../../errors.js';
import { FORMATS, type Format, renderGrid, renderJson } from '../../format/index.js';
import type { Grid } from '../../format/grid.js';
import type { CommandSpec } from '../command.js';
import { filesText } from '../caption.js';
import { type ReadResult, readIncidents, warner } from '../read-incidents.js';
import { addInputOptions, addWindowPolicyOptions, type InputFlags, valueParser } from '../shared-options.js';
import { colorFor } from './compare.js';

interface EvaluateFlags extends InputFlags {
  target: string[];
  control: string[];
  displacement?: string[];
  displacementControl?: string[];
  before: [number, number];
  after: [number, number];
  alpha: number;
  offense?: string[];
  leapDay: LeapDayPolicy;
  format: Format;
  color: boolean;
  raw?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

const SET_TITLE: Record<AreaSetName, string> = {
  target: 'Target',
  control: 'Control',
  displacement: 'Displacement',
  displacementControl: 'Displacement control',
};

function parseRange(flag: string) {
  return (text: string): [number, number] => {
    const m = /^(.+?)\.\.(.+)$/.exec(text.trim());
    const a = m ? parseIsoDay(m[1]!) : undefined;
    const b = m ? parseIsoDay(m[2]!) : undefined;
    if (a === undefined || b === undefined) throw new UsageError(`${flag} ${text}: expected two dates as YYYY-MM-DD..YYYY-MM-DD`);
    if (b < a) throw new UsageError(`${flag} ${text}: the window ends before it starts`);
    return [a, b];
  };
}

export function parseAlpha(text: string): number {
  const a = Number(text);
  if (!/^\s*(0?\.\d+|\d+(\.\d+)?(e-?\d+)?)\s*$/i.test(text) || !(a > 0 && a < 1)) {
    throw new UsageError(`--alpha ${text}: expected a number between 0 and 1, e.g. 0.05 for a 95% interval`);
  }
  return a;
}

const list = (flag: string) => (text: string) => parseAreaList(flag, text);

/** The JSON report, keys as in the SPEC. */
export function evaluateJson(ev: Evaluation, windows: Window[], read: ReadResult, flags: EvaluateFlags) {
  const { tally } = read;
  const skipped: Record<string, number> = {};
  for (const r of SKIP_REASONS) if (tally.skipped[r] > 0) skipped[r] = tally.skipped[r];
  const days = [ev.days.before, ev.days.after];
  const out: Record<string, unknown> = {
    command: 'evaluate',
    windows: windows.map((w, i) => ({ label: w.label, start: formatDay(w.start), end: formatDay(w.end), days: days[i] })),
    areaColumn: read.files[0]?.roles.area ?? null,
    areas: Object.fromEntries(AREA_SETS.filter((s) => flags[s]).map((s) => [s, flags[s]])),
    offenses: flags.offense ?? null,
  };
  for (const s of AREA_SETS) if (ev.sets[s]) out[s] = ev.sets[s];
  Object.assign(out, {
    estimate: ev.estimate,
    se: ev.se,
    z: ev.z,
    pValue: ev.pValue,
    ci: ev.ci,
    alpha: ev.alpha,
    local: { estimate: ev.local, se: ev.localSe },
    displacementEffect: ev.displacementEffect === null ? null : { estimate: ev.displacementEffect, se: ev.displacementSe },
    timeWeights: ev.timeWeights,
    method: 'weighted displacement difference (Wheeler & Ratcliffe 2018), normal approximation to Poisson counts',
    input: {
      files: read.fileNames,
      rowsRead: tally.rowsRead,
      rowsSkipped: tally.rowsSkipped,
      skipped,
      countDistinct: read.files[0]?.roles.id ?? null,
      dateRange: { min: formatDay(tally.minDay), max: formatDay(tally.maxDay) },
    },
  });
  return out;
}

function num(x: number, digits: number): string {
  const r = Number(x.toFixed(digits));
  return (r < 0 ? '\u2212' : '') + Math.abs(r).toFixed(digits);
}

export function evaluateGrid(ev: Evaluation, windows: Window[], read: ReadResult, flags: EvaluateFlags): Grid {
  const [before, after] = windows as [Window, Window];
  const when = (w: Window, d: number) => `${formatLongDay(w.start)} – ${formatLongDay(w.end)} (${d.toLocaleString('en-US')} days)`;
  const rows = AREA_SETS.filter((s) => ev.sets[s]).map((s) => {
    const c = ev.sets[s]!;
    return [`${SET_TITLE[s]}: ${flags[s]!.join(', ')}`, c.before, c.after, c.after - c.before];
  });
  const conf = Math.round((1 - ev.alpha) * 1000) / 10;
  const footer: string[] = [];
  if (ev.timeWeights[0] !== 1) {
    footer.push(
      `Windows of unequal length: before counts weighted by ${ev.days.after}/${ev.days.before} days; the estimate is in incidents per after-window.`,
    );
  }
  const idCol = read.files[0]?.roles.id;
  if (idCol) footer.push(`Counting distinct "${idCol}" values (incidents), not rows.`);
  if (flags.offense) footer.push(`Offenses counted: ${flags.offense.join(', ')}.`);
  const note = leapDayNote(flags.leapDay, windows);
  if (note) footer.push(note);
  footer.push(`Local effect (target − control): ${num(ev.local, 2)}, SE ${num(ev.localSe, 2)}.`);
  if (ev.displacementEffect !== null) {
    footer.push(`Displacement effect (displacement − displacement control): ${num(ev.displacementEffect, 2)}, SE ${num(ev.displacementSe!, 2)}.`);
  }
  footer.push(
    `WDD ${num(ev.estimate, 2)}, SE ${num(ev.se, 2)}, z ${num(ev.z, 3)}, p ${formatP(ev.pValue)}, ${conf}% CI ${num(ev.ci[0], 2)} to ${num(ev.ci[1], 2)}.`,
  );
  footer.push('Weighted displacement difference (Wheeler & Ratcliffe 2018): negative = fewer incidents in the target (and buffer) than control would predict.');
  return {
    caption: [
      `After ${when(after, ev.days.after)} vs before ${when(before, ev.days.before)} · ${filesText(read.fileNames)} (${read.tally.rowsRead.toLocaleString('en-US')} rows)`,
    ],
    columns: [
      { header: 'Areas', kind: 'text' },
      { header: 'Before', kind: 'count' },
      { header: 'After', kind: 'count' },
      { header: 'Change', kind: 'change' },
    ],
    rows,
    footer,
  };
}

/** Three significant digits, never 0. */
function formatP(p: number): string {
  return p < 1e-15 ? '<1e-15' : String(Number(p.toPrecision(3)));
}

export const evaluateCommand: CommandSpec = {
  name: 'evaluate',
  summary: 'a place-based intervention: target against control areas, before against after, with the WDD test',
  configure(cmd: Command) {
    addInputOptions(cmd);
    cmd
      .requiredOption('--target <areas>', 'area values where the intervention happened, comma-separated', valueParser(list('--target')))
      .requiredOption('--control <areas>', 'comparable untouched area values, comma-separated', valueParser(list('--control')))
      .option('--displacement <areas>', 'buffer area values where crime could move to (needs --displacement-control)', valueParser(list('--displacement')))
      .option('--displacement-control <areas>', 'control area values for the buffer', valueParser(list('--displacement-control')))
      .requiredOption('--before <a..b>', 'the period before: YYYY-MM-DD..YYYY-MM-DD (inclusive)', valueParser(parseRange('--before')))
      .requiredOption('--after <a..b>', 'the period after: YYYY-MM-DD..YYYY-MM-DD (inclusive)', valueParser(parseRange('--after')))
      .option('--alpha <a>', '1 − confidence level of the interval', valueParser(parseAlpha), 0.05)
      .option('--offense <values>', 'count only these offense values (comma-separated, exact match)', valueParser(list('--offense')));
    addWindowPolicyOptions(cmd);
    cmd
      .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
      .option('--no-color', 'no colour in the table (also NO_COLOR=1)')
      .option('--raw', 'CSV/TSV: keep text cells that start with = + - @ as they are (no leading \')')
      .option('--quiet', 'no notes or warnings on standard error')
      .option('--debug', 'show a stack trace on errors, and how each file was read');
    cmd.addHelpText(
      'after',
      `
Counts incidents in each set of areas (values of the area column) in the
before and after windows and reports the weighted displacement difference of
Wheeler & Ratcliffe (2018): estimate, standard error, z, two-sided p-value and
a ${'95'}% interval (--alpha 0.1 for 90%). A negative estimate means fewer
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
  async run(files, raw, io) {
    const flags = raw as unknown as EvaluateFlags;
    const sets: AreaSets = { target: flags.target, control: flags.control };
    if (flags.displacement) sets.displacement = flags.displacement;
    if (flags.displacementControl) sets.displacementControl = flags.displacementControl;
    checkAreaSets(sets);
    const before: Window = { label: 'before', start: flags.before[0], end: flags.before[1] };
    const after: Window = { label: 'after', start: flags.after[0], end: flags.after[1] };
    if (before.end >= after.start && after.end >= before.start) {
      throw new UsageError('--before and --after overlap: an incident cannot be both before and after');
    }
    const warn = warner(io, flags.quiet);
    const groupBy: GroupDim[] = flags.offense ? ['offense', 'area'] : ['area'];
    const read = await readIncidents(files, flags, groupBy, io, false);
    const ev = evaluateAreas(read.tally, {
      groupBy,
      sets,
      before,
      after,
      alpha: flags.alpha,
      leapDay: flags.leapDay,
      ...(flags.offense ? { offenses: flags.offense } : {}),
    });
    const areaCol = read.files[0]?.roles.area ?? 'area';
    for (const s of AREA_SETS) {
      const m = ev.missing[s];
      if (!m) continue;
      const quoted = m.map((a) => JSON.stringify(a)).join(', ');
      if (m.length === sets[s]!.length) {
        throw new InputError(`${SET_FLAG[s]}: none of its areas (${quoted}) occurs in column "${areaCol}"; check the spelling (values are matched exactly)`);
      }
      warn(`${SET_FLAG[s]}: ${quoted} never occurs in column "${areaCol}" (values are matched exactly)`);
    }
    if (flags.offense) {
      const seen = new Set(read.tally.groups.map((k) => k.split(KEY_SEP)[0]));
      const unknown = flags.offense.filter((o) => !seen.has(o));
      if (unknown.length === flags.offense.length) throw new InputError(`--offense: none of ${unknown.map((o) => JSON.stringify(o)).join(', ')} occurs in the data`);
      if (unknown.length) warn(`--offense: ${unknown.map((o) => JSON.stringify(o)).join(', ')} never occurs in the data`);
    }
    for (const w of [before, after]) {
      if (w.end > read.tally.maxDay || w.start < read.tally.minDay) {
        warn(`the ${w.label} window ${formatDay(w.start)}..${formatDay(w.end)} reaches beyond the data (${formatDay(read.tally.minDay)}..${formatDay(read.tally.maxDay)}): its counts may be incomplete`);
      }
    }
    if (flags.format === 'json') return renderJson(evaluateJson(ev, [before, after], read, flags));
    return renderGrid(flags.format, evaluateGrid(ev, [before, after], read, flags), {
      color: await colorFor(flags, io),
      raw: flags.raw === true,
    });
  },
};
