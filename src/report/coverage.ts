/** How reports show coverage: a mark beside a window's header, a footnote, and flag columns in CSV/TSV. */
import { type Coverage, coverageProblem } from '../core/coverage.js';
import { parseIsoDay } from '../core/civil.js';
import { windowDatesText } from '../core/windows.js';
import type { CellValue, GridColumn } from '../format/grid.js';

/** The mark beside the header of an incomplete or sparse window. */
export const COVERAGE_MARK = '\u26a0';

/** A window as reports carry it: its label, ISO dates, counted days and coverage. */
export interface CoveredWindow {
  label: string;
  start: string;
  end: string;
  days: number;
  coverage?: Coverage;
}

function problem(w: CoveredWindow) {
  if (!w.coverage) return undefined;
  return coverageProblem({ label: w.label, start: parseIsoDay(w.start)!, end: parseIsoDay(w.end)! }, w.coverage, w.days);
}

/** The header of a window's column: its label, marked when its coverage is a problem (human formats only). */
export function windowHeader(w: CoveredWindow, text: string, human: boolean): string {
  return human && problem(w) ? `${text} ${COVERAGE_MARK}` : text;
}

/** The problems of the windows, a run of two or more adjacent windows with no data for the same reason said once. */
function problems(windows: readonly CoveredWindow[], what: string): { kind: 'incomplete' | 'sparse'; text: string }[] {
  const out: { kind: 'incomplete' | 'sparse'; text: string }[] = [];
  const run: CoveredWindow[] = [];
  let reason = '';
  const flush = () => {
    if (run.length === 1) out.push({ kind: 'incomplete', text: `${what} ${problem(run[0]!)!.text}` });
    else if (run.length > 1) {
      const first = run[0]!;
      const last = run[run.length - 1]!;
      const names = run.length === 2 ? `${first.label} and ${last.label}` : `${first.label} \u2026 ${last.label}`;
      const dates = windowDatesText({ label: '', start: parseIsoDay(first.start)!, end: parseIsoDay(last.end)! });
      const text = `${names} (${dates}: ${run.length} ${what}s) have no data: ${reason.replace(/^it falls/, 'they fall')}`;
      out.push({ kind: 'incomplete', text: `${what}s ${text}` });
    }
    run.length = 0;
  };
  for (const w of windows) {
    const p = problem(w);
    const empty = p && w.coverage!.daysCovered === 0 ? p.text.slice(p.text.indexOf(' has no data: ') + 14) : undefined;
    const prev = run[run.length - 1];
    const adjacent = prev !== undefined && parseIsoDay(w.start)! === parseIsoDay(prev.end)! + 1;
    if (empty === undefined || !adjacent || empty !== reason) flush();
    if (empty !== undefined) {
      reason = empty;
      run.push(w);
    } else if (p) out.push({ kind: p.kind, text: `${what} ${p.text}` });
  }
  flush();
  return out;
}

/** Footnotes for the windows whose coverage is a problem. */
export function coverageFootnotes(windows: readonly CoveredWindow[], what = 'window'): string[] {
  return problems(windows, what).map((p) => `${COVERAGE_MARK} ${p.text.slice(what.length).replace(/^s? /, '')}.`);
}

/** The warnings to give on standard error, with their --fail-on kind. */
export function coverageWarnings(windows: readonly CoveredWindow[], what = 'window'): { kind: 'incomplete' | 'sparse'; text: string }[] {
  return problems(windows, what);
}

/**
 * CSV/TSV: one column per window whose coverage is a problem, headed
 * `LABEL coverage`, holding `incomplete` or `sparse` on every row, so that a
 * spreadsheet sees it. No column when every window is fine.
 */
export function coverageColumns(windows: readonly CoveredWindow[]): { columns: GridColumn[]; cells: CellValue[] } {
  const flagged = windows.flatMap((w) => {
    const p = problem(w);
    return p ? [{ w, kind: p.kind }] : [];
  });
  return {
    columns: flagged.map(({ w }) => ({ header: `${w.label} coverage`, kind: 'text' as const })),
    cells: flagged.map(({ kind }) => kind),
  };
}
