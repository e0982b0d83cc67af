/** How reports show coverage: a mark beside a window's header, a footnote, and flag columns in CSV/TSV. */
import { type Coverage, coverageProblem } from '../core/coverage.js';
import { parseIsoDay } from '../core/civil.js';
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

/** Footnotes for the windows whose coverage is a problem. */
export function coverageFootnotes(windows: readonly CoveredWindow[]): string[] {
  return windows.flatMap((w) => {
    const p = problem(w);
    return p ? [`${COVERAGE_MARK} ${p.text}.`] : [];
  });
}

/** The warnings to give on standard error, with their --fail-on kind. */
export function coverageWarnings(windows: readonly CoveredWindow[], what = 'window'): { kind: 'incomplete' | 'sparse'; text: string }[] {
  return windows.flatMap((w) => {
    const p = problem(w);
    return p ? [{ kind: p.kind, text: `${what} ${p.text}` }] : [];
  });
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
