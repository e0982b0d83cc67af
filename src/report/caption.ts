/** Caption lines shared by the report tables. */
import { countOf } from './labels.js';
import type { WindowOut } from '../core/compare.js';
import { civilFromDay, parseIsoDay } from '../core/civil.js';
import { sharedSpanText, windowDatesText } from '../core/windows.js';

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** `a.csv`, `a.csv, b.csv`, or `36 files`. */
export function filesText(names: readonly string[]): string {
  return names.length <= 3 ? names.join(', ') : `${names.length} files`;
}

/** `Jan 1 – Sep 30 · 2023 vs 2022 · incidents.csv (48,211 rows)` */
export function windowsCaption(windows: readonly WindowOut[], files: readonly string[], rowsRead: number, alwaysDays = false): string {
  const ws = windows.map((w) => ({ label: w.label, start: parseIsoDay(w.start)!, end: parseIsoDay(w.end)! }));
  const current = ws[ws.length - 1]!;
  const earlier = ws.slice(0, -1).reverse();
  const span = sharedSpanText(ws);
  // "Jan 1 – Sep 30 · 2023 vs 2022" only when each window lies inside its labelled
  // year; a fiscal span (Jul–Jun) names its full dates so the years are plain.
  const labelsOnly = span !== undefined && ws.every((w) => /^\d{4}$/.test(w.label) && civilFromDay(w.start).y === Number(w.label));
  const parts: string[] = [];
  if (labelsOnly) {
    parts.push(span, `${current.label} vs ${earlier.map((w) => w.label).join(', ')}`);
  } else {
    parts.push(`${windowDatesText(current)} vs ${earlier.map(windowDatesText).join(', ')}`);
  }
  const days = windows.map((w) => w.days);
  if (alwaysDays || new Set(days).size > 1) parts.push(`${[...days].reverse().map(fmt).join(' vs ')} days`);
  parts.push(`${filesText(files)} (${countOf(rowsRead, 'row')})`);
  return parts.join(' · ');
}

/** `Showing 10 of 1,117 groups; the total covers all.` when --top cut the list, else undefined. */
export function topLine(shown: number, groups: number): string | undefined {
  return groups > shown ? `Showing ${fmt(shown)} of ${fmt(groups)} groups; the total covers all.` : undefined;
}
