/**
 * What the data covers of each window (or trend period): the days of it
 * inside the dates the files cover and not after the as-of day, and the rows
 * it holds. A window partly or wholly outside is incomplete; one whose daily
 * volume is far below the other windows' is sparse. Either means its count
 * says more about the export than about crime.
 */
import { InputError } from '../errors.js';
import { type Day, formatDay, formatLongDay, parseIsoDay } from './civil.js';
import { dataEnd, type ReadResult } from './ingest.js';
import type { Window } from './types.js';
import { type LeapDayPolicy, leapDaysIn, windowDatesText } from './windows.js';

/** The coverage of one window, as JSON shows it. */
export interface Coverage {
  /**
   * Every day of the window is inside the dates the data covers (and not after
   * the as-of day), or so nearly that the days left out would be expected to
   * hold less than one row at the data's average daily volume (a small file's
   * first incident a few days into a year does not make that year incomplete).
   */
  complete: boolean;
  /** Its daily volume is under a quarter of the other windows' mean (where that means 20 rows or more). */
  sparse: boolean;
  /** The first and last date of the data (all files). */
  dataFrom: string;
  dataTo: string;
  /** Days of the window the data covers. */
  daysCovered: number;
  /** Rows (incidents, with --id-col) counted in the window, all groups. */
  rows: number;
  /** The rows the other complete windows' daily volume would put in it (absent when there is no other). */
  expectedRows?: number;
}

/** A daily volume under this share of the other windows' mean is sparse… */
export const SPARSE_SHARE = 0.25;
/** …when the other windows' rate would put at least this many rows in it. */
export const SPARSE_MIN_EXPECTED = 20;

/** The dates the files cover, merged: [from, to] ascending, not overlapping. */
export function coveredSpans(read: ReadResult): { from: Day; to: Day }[] {
  const spans = read.files.flatMap((f) => (f.span ? [{ ...f.span }] : [])).sort((a, b) => a.from - b.from);
  const out: { from: Day; to: Day }[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to + 1) last.to = Math.max(last.to, s.to);
    else out.push(s);
  }
  return out;
}

/** Days of a window inside the spans and not after `until` (Feb 29 left out under --leap-day exclude). */
export function daysCovered(w: Window, spans: readonly { from: Day; to: Day }[], until: Day, leapDay: LeapDayPolicy): number {
  let n = 0;
  for (const s of spans) {
    const start = Math.max(w.start, s.from);
    const end = Math.min(w.end, s.to, until);
    if (end < start) continue;
    const part = { label: '', start, end };
    n += end - start + 1 - (leapDay === 'exclude' ? leapDaysIn(part) : 0);
  }
  return n;
}

/**
 * The coverage of each window: `rows` its total count, `days` its counted
 * days. Sparse is judged against the complete windows other than itself.
 */
export function windowCoverage(
  windows: readonly Window[],
  rows: readonly number[],
  days: readonly number[],
  read: ReadResult,
  asOf: Day,
  leapDay: LeapDayPolicy,
): Coverage[] {
  const spans = coveredSpans(read);
  const dataFrom = formatDay(read.tally.minDay);
  const dataTo = formatDay(dataEnd(read));
  const covered = windows.map((w) => daysCovered(w, spans, asOf, leapDay));
  const spanDays = spans.reduce((n, s) => n + s.to - s.from + 1, 0);
  const perDay = read.tally.rowsUsable / Math.max(1, spanDays);
  const complete = windows.map((_, i) => (days[i]! - covered[i]!) * perDay < 1);
  return windows.map((_, i) => {
    const others = windows.map((__, j) => j).filter((j) => j !== i && complete[j] && days[j]! > 0);
    const rate = others.length ? others.reduce((s, j) => s + rows[j]! / days[j]!, 0) / others.length : 0;
    const expected = rate * days[i]!;
    const sparse = expected >= SPARSE_MIN_EXPECTED && rows[i]! < SPARSE_SHARE * expected;
    const c: Coverage = { complete: complete[i]!, sparse, dataFrom, dataTo, daysCovered: covered[i]!, rows: rows[i]! };
    if (others.length) c.expectedRows = Math.round(expected * 10) / 10;
    return c;
  });
}

/** One line for a window that is incomplete or sparse (for a warning and a table footnote), or undefined. */
export function coverageProblem(w: Window, c: Coverage, days: number): { kind: 'incomplete' | 'sparse'; text: string } | undefined {
  const name = `${w.label} (${windowDatesText(w)})`;
  if (!c.complete) {
    if (c.daysCovered === 0) {
      const from = parseIsoDay(c.dataFrom)!;
      const to = parseIsoDay(c.dataTo)!;
      const where =
        w.start >= from && w.end <= to
          ? 'it falls in a gap between the dates of the files'
          : `the data runs from ${formatLongDay(from)} to ${formatLongDay(to)}`;
      return { kind: 'incomplete', text: `${name} has no data: ${where}` };
    }
    return {
      kind: 'incomplete',
      text: `${name} is incomplete: the data covers ${c.daysCovered.toLocaleString('en-US')} of its ${days.toLocaleString('en-US')} days`,
    };
  }
  if (c.sparse) {
    const expected = c.expectedRows ?? 0;
    return {
      kind: 'sparse',
      text: `${name} is sparse: ${c.rows.toLocaleString('en-US')} ${c.rows === 1 ? 'row' : 'rows'} where the other windows' daily volume would put ${Math.round(expected).toLocaleString('en-US')} (late reports, or a partial export?)`,
    };
  }
  return undefined;
}

/** No window holds a row: nothing to report (exit 1). */
export function requireSomeData(labels: readonly string[], totals: readonly number[], read: ReadResult): void {
  if (Math.max(0, ...totals) > 0) return;
  throw new InputError(
    'NO_DATA_IN_WINDOWS',
    `no incident falls in any window (${labels.join(', ')}); the data runs from ${formatDay(read.tally.minDay)} to ${formatDay(dataEnd(read))}`,
  );
}
