/** The evaluate report: the WDD and the counts behind it, as JSON and as a grid. */
import { countOf } from './labels.js';
import { formatDay, formatLongDay } from '../core/civil.js';
import { AREA_SETS, type AreaSetName, type AreaSets, type Evaluation } from '../core/evaluate.js';
import type { Coverage } from '../core/coverage.js';
import type { ReadResult } from '../core/ingest.js';
import { SKIP_REASONS, type Window } from '../core/types.js';
import { type LeapDayPolicy, leapDayNote, windowDatesText } from '../core/windows.js';
import type { Grid } from '../format/grid.js';
import { filesText } from './caption.js';
import { type CoveredWindow, coverageFootnotes, windowHeader } from './coverage.js';
import { idLine } from './input.js';

/** The evaluate flags a report shows, and what the data covers of the before and after windows. */
export interface EvaluateReportFlags extends AreaSets {
  offense?: string[] | undefined;
  leapDay: LeapDayPolicy;
  coverage?: [Coverage, Coverage];
}

/** The before and after windows as reports carry them. */
function covered(ev: Evaluation, windows: Window[], flags: EvaluateReportFlags): CoveredWindow[] {
  const days = [ev.days.before, ev.days.after];
  return windows.map((w, i) => ({
    label: w.label,
    start: formatDay(w.start),
    end: formatDay(w.end),
    days: days[i]!,
    ...(flags.coverage ? { coverage: flags.coverage[i]! } : {}),
  }));
}

const SET_TITLE: Record<AreaSetName, string> = {
  target: 'Target',
  control: 'Control',
  displacement: 'Displacement',
  displacementControl: 'Displacement control',
};

/** The JSON report, keys as in the SPEC. */
export function evaluateJson(ev: Evaluation, windows: Window[], read: ReadResult, flags: EvaluateReportFlags) {
  const { tally } = read;
  const skipped: Record<string, number> = {};
  for (const r of SKIP_REASONS) if (tally.skipped[r] > 0) skipped[r] = tally.skipped[r];
  const out: Record<string, unknown> = {
    command: 'evaluate',
    windows: covered(ev, windows, flags),
    areaColumn: read.files[0]?.roles.area ?? null,
    areas: Object.fromEntries(AREA_SETS.filter((s) => flags[s]).map((s) => [s, flags[s]])),
    offenses: flags.offense ?? null,
  };
  for (const s of AREA_SETS) if (ev.sets[s]) out[s] = ev.sets[s];
  // A window the data covers none of: no estimate, and nothing that looks like one.
  const none = ev.noData.length > 0;
  Object.assign(out, {
    estimate: none ? null : ev.estimate,
    se: none ? null : ev.se,
    z: none ? null : ev.z,
    pValue: none ? null : ev.pValue,
    ci: none ? null : ev.ci,
    alpha: ev.alpha,
    local: none ? null : { estimate: ev.local, se: ev.localSe },
    displacementEffect: none || ev.displacementEffect === null ? null : { estimate: ev.displacementEffect, se: ev.displacementSe },
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

export function evaluateGrid(ev: Evaluation, windows: Window[], read: ReadResult, flags: EvaluateReportFlags): Grid {
  const cw = covered(ev, windows, flags);
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
  footer.push(...idLine(read));
  if (flags.offense) footer.push(`Offenses counted: ${flags.offense.join(', ')}.`);
  const note = leapDayNote(flags.leapDay, windows);
  if (note) footer.push(note);
  if (ev.noData.length) footer.push(`${noEstimateText(ev.noData, windows)}.`);
  else {
    footer.push(`Local effect (target − control): ${num(ev.local, 2)}, SE ${num(ev.localSe, 2)}.`);
    if (ev.displacementEffect !== null) {
      footer.push(
        `Displacement effect (displacement − displacement control): ${num(ev.displacementEffect, 2)}, SE ${num(ev.displacementSe!, 2)}.`,
      );
    }
    footer.push(
      `WDD ${num(ev.estimate, 2)}, SE ${num(ev.se, 2)}, z ${num(ev.z, 3)}, p ${formatP(ev.pValue)}, ${conf}% CI ${num(ev.ci[0], 2)} to ${num(ev.ci[1], 2)}.`,
    );
  }
  footer.push(...coverageFootnotes(cw));
  footer.push(
    'Weighted displacement difference (Wheeler & Ratcliffe 2018): negative = fewer incidents in the target (and buffer) than control would predict.',
  );
  return {
    caption: [
      `After ${when(after, ev.days.after)} vs before ${when(before, ev.days.before)} · ${filesText(read.fileNames)} (${countOf(read.tally.rowsRead, 'row')})`,
    ],
    columns: [
      { header: 'Areas', kind: 'text' },
      { header: windowHeader(cw[0]!, 'Before', true), kind: 'count' },
      { header: windowHeader(cw[1]!, 'After', true), kind: 'count' },
      { header: 'Change', kind: 'change' },
    ],
    rows,
    footer,
    more: [estimateGrid(ev)],
  };
}

/** The estimate as a table (what CSV, TSV and XLSX carry besides the counts): WDD, local and displacement effects. */
function estimateGrid(ev: Evaluation): Grid {
  const conf = Math.round((1 - ev.alpha) * 1000) / 10;
  const rows: Grid['rows'] = [['WDD', ev.estimate, ev.se, ev.z, ev.pValue, ev.ci[0], ev.ci[1]]];
  rows.push(['Local effect (target − control)', ev.local, ev.localSe, null, null, null, null]);
  if (ev.displacementEffect !== null) {
    rows.push([
      'Displacement effect (displacement − displacement control)',
      ev.displacementEffect,
      ev.displacementSe,
      null,
      null,
      null,
      null,
    ]);
  }
  return {
    caption: [],
    columns: [
      { header: 'Estimate', kind: 'text' },
      { header: 'Value', kind: 'ratio' },
      { header: 'SE', kind: 'ratio' },
      { header: 'z', kind: 'ratio' },
      { header: 'p', kind: 'pvalue' },
      { header: `CI ${conf}% low`, kind: 'ratio' },
      { header: `CI ${conf}% high`, kind: 'ratio' },
    ],
    rows,
    footer: [],
  };
}

/** Why there is no estimate: the windows the data covers none of. */
export function noEstimateText(noData: readonly ('before' | 'after')[], windows: readonly Window[]): string {
  const named = noData.map((n) => {
    const w = windows[n === 'before' ? 0 : 1]!;
    return `the ${n} window (${windowDatesText(w)})`;
  });
  return `WDD n/a: the data covers none of the days of ${named.join(' or ')}, so its counts are zeros of the export, not of crime, and no estimate, z or p-value is given`;
}

/** Three significant digits, never 0. */
function formatP(p: number): string {
  return p < 1e-15 ? '<1e-15' : String(Number(p.toPrecision(3)));
}
