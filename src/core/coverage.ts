/**
 * What the data covers of each window (or trend period): the days of it
 * inside the dates the files cover and not after the as-of day, and the rows
 * it holds. A window partly or wholly outside is incomplete; one whose daily
 * volume is far below the other windows' is sparse. Either means its count
 * says more about the export than about crime.
 */
import { InputError } from '../errors.js';
import { civilFromDay, type Day, formatDay, formatLongDay, formatMonthDay, parseIsoDay } from './civil.js';
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
  /** Runs of days inside the data's dates with no rows (between files, or improbably empty) that overlap the window. */
  gaps?: { from: string; to: string }[];
}

/** A daily volume under this share of the other windows' mean is sparse… */
export const SPARSE_SHARE = 0.25;
/** …when the other windows' rate would put at least this many rows in it. */
export const SPARSE_MIN_EXPECTED = 20;

/** A run of empty days inside a file's span is a gap when at least this long (a week)… */
export const GAP_MIN_DAYS = 7;
/** …and when the data's average daily volume would leave it empty with a probability under this. */
export const GAP_CHANCE = 0.001;

/** The dates the files cover, merged: [from, to] ascending, not overlapping. */
export function fileSpans(read: ReadResult): { from: Day; to: Day }[] {
  const spans = read.files.flatMap((f) => (f.span ? [{ ...f.span }] : [])).sort((a, b) => a.from - b.from);
  const out: { from: Day; to: Day }[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to + 1) last.to = Math.max(last.to, s.to);
    else out.push(s);
  }
  return out;
}

/**
 * The runs of empty days inside the spans that the data's volume makes
 * improbable: `rows` over the spans' days is the average daily volume r, and
 * a run of L days with no row is a gap when L >= 7 and exp(-r·L) < 0.001 (at
 * one row a day, a week; at ten, a week still; at one a month, never inside a
 * year). Pure: spans, the days that hold rows, and the row count in.
 */
export function dataGaps(spans: readonly { from: Day; to: Day }[], days: Iterable<Day>, rows: number): { from: Day; to: Day }[] {
  const spanDays = spans.reduce((n, s) => n + s.to - s.from + 1, 0);
  if (spanDays === 0 || rows === 0) return [];
  const r = rows / spanDays;
  // The shortest empty run that is a gap: exp(-r·L) < GAP_CHANCE.
  const minLength = Math.max(GAP_MIN_DAYS, Math.floor(-Math.log(GAP_CHANCE) / r) + 1);
  const sorted = [...days].sort((a, b) => a - b);
  const gaps: { from: Day; to: Day }[] = [];
  let k = 0;
  for (const s of spans) {
    while (k < sorted.length && sorted[k]! < s.from) k++;
    let prev = s.from - 1;
    for (; k < sorted.length && sorted[k]! <= s.to; k++) {
      const d = sorted[k]!;
      if (d - prev - 1 >= minLength) gaps.push({ from: prev + 1, to: d - 1 });
      prev = d;
    }
    if (s.to - prev >= minLength) gaps.push({ from: prev + 1, to: s.to });
  }
  return gaps;
}

/** The spans less the gaps inside them. */
export function splitSpans(spans: readonly { from: Day; to: Day }[], gaps: readonly { from: Day; to: Day }[]): { from: Day; to: Day }[] {
  const out: { from: Day; to: Day }[] = [];
  for (const s of spans) {
    let from = s.from;
    for (const g of gaps) {
      if (g.to < from || g.from > s.to) continue;
      if (g.from > from) out.push({ from, to: g.from - 1 });
      from = g.to + 1;
    }
    if (from <= s.to) out.push({ from, to: s.to });
  }
  return out;
}

/**
 * The dates the data covers: the files' spans, less the improbable runs of
 * empty days inside them ({@link dataGaps}; not for month-only data, whose
 * rows all fall on a month's first day).
 */
export function coveredSpans(read: ReadResult): { from: Day; to: Day }[] {
  const spans = fileSpans(read);
  if (read.monthly) return spans;
  return splitSpans(spans, dataGaps(spans, read.tally.allDays.keys(), read.tally.rowsUsable));
}

/** The days between the covered spans (between files, or gaps inside one), as from/to pairs. */
export function holes(spans: readonly { from: Day; to: Day }[]): { from: Day; to: Day }[] {
  return spans.slice(1).map((s, i) => ({ from: spans[i]!.to + 1, to: s.from - 1 }));
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
  const empty = holes(spans);
  const perDay = read.tally.rowsUsable / Math.max(1, spanDays);
  const complete = windows.map((_, i) => (days[i]! - covered[i]!) * perDay < 1);
  return windows.map((_, i) => {
    const others = windows.map((__, j) => j).filter((j) => j !== i && complete[j] && days[j]! > 0);
    const rate = others.length ? others.reduce((s, j) => s + rows[j]! / days[j]!, 0) / others.length : 0;
    const expected = rate * days[i]!;
    const sparse = expected >= SPARSE_MIN_EXPECTED && rows[i]! < SPARSE_SHARE * expected;
    const c: Coverage = { complete: complete[i]!, sparse, dataFrom, dataTo, daysCovered: covered[i]!, rows: rows[i]! };
    if (others.length) c.expectedRows = Math.round(expected * 10) / 10;
    const w = windows[i]!;
    const inside = empty.filter((g) => g.from <= w.end && g.to >= w.start);
    if (inside.length) c.gaps = inside.map((g) => ({ from: formatDay(g.from), to: formatDay(g.to) }));
    return c;
  });
}

/** One line for a window that is incomplete or sparse (for a warning and a table footnote), or undefined. */
export function coverageProblem(
  w: Window,
  c: Coverage,
  days: number,
): { kind: 'incomplete' | 'sparse'; text: string; alsoSparse?: true } | undefined {
  const name = `${w.label} (${windowDatesText(w)})`;
  const sparseText = (expected: number) =>
    `${c.rows.toLocaleString('en-US')} ${c.rows === 1 ? 'row' : 'rows'} where the other windows' daily volume would put ${Math.round(expected).toLocaleString('en-US')}`;
  if (!c.complete) {
    const gaps = (c.gaps ?? []).map((g) => `from ${rangeText(parseIsoDay(g.from)!, parseIsoDay(g.to)!)}`);
    const listed = gaps.length > 3 ? [...gaps.slice(0, 2), `${gaps.length - 2} other runs of days`] : gaps;
    const noRows =
      listed.length === 0
        ? ''
        : `the data has no rows ${listed.length === 1 ? listed[0] : `${listed.slice(0, -1).join(', ')} and ${listed[listed.length - 1]}`}`;
    if (c.daysCovered === 0) {
      const from = parseIsoDay(c.dataFrom)!;
      const to = parseIsoDay(c.dataTo)!;
      // Inside the data's dates and in no gap: the window lies after the as-of day.
      const inside = w.start >= from && w.end <= to;
      const where =
        inside && noRows
          ? noRows
          : inside
            ? `it lies after the as-of day (the data runs from ${formatLongDay(from)} to ${formatLongDay(to)})`
            : `the data runs from ${formatLongDay(from)} to ${formatLongDay(to)}`;
      return { kind: 'incomplete', text: `${name} has no data: ${where}` };
    }
    const text = `${name} is incomplete: the data covers ${c.daysCovered.toLocaleString('en-US')} of its ${days.toLocaleString('en-US')} days${noRows ? ` (${noRows.replace(/^the data /, 'it ')})` : ''}`;
    // Far below the others even on the days it covers: both are said (and --fail-on either fails).
    const onCovered = ((c.expectedRows ?? 0) * c.daysCovered) / Math.max(1, days);
    if (onCovered >= SPARSE_MIN_EXPECTED && c.rows < SPARSE_SHARE * onCovered) {
      return { kind: 'incomplete', text: `${text}, and sparse on those days: ${sparseText(onCovered)}`, alsoSparse: true };
    }
    return { kind: 'incomplete', text };
  }
  if (c.sparse)
    return { kind: 'sparse', text: `${name} is sparse: ${sparseText(c.expectedRows ?? 0)} (late reports, or a partial export?)` };
  return undefined;
}

/** `Jul 1 to Nov 14, 2023`, the year said once when both days share it. */
function rangeText(from: Day, to: Day): string {
  const same = civilFromDay(from).y === civilFromDay(to).y;
  return `${same ? formatMonthDay(from) : formatLongDay(from)} to ${formatLongDay(to)}`;
}

/** No window holds a row: nothing to report (exit 1). */
export function requireSomeData(labels: readonly string[], totals: readonly number[], read: ReadResult): void {
  if (Math.max(0, ...totals) > 0) return;
  throw new InputError(
    'NO_DATA_IN_WINDOWS',
    `no incident falls in any window (${labels.join(', ')}); the data runs from ${formatDay(read.tally.minDay)} to ${formatDay(dataEnd(read))}`,
  );
}
