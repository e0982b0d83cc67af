/**
 * Window specifications (years and a span of each, explicit ranges, rolling
 * windows) and the inclusive civil-date windows they give for an as-of day.
 */
import {
  type Day,
  civilFromDay,
  dayFromCivil,
  daysInMonth,
  formatDay,
  formatLongDay,
  formatMonthDay,
  sameDateInYear,
  weekdayMon0,
} from './civil.js';
import type { Window } from './types.js';

export interface MonthDay {
  m: number;
  d: number;
}

/** A span inside a year: month-day to month-day; `end` before `start` crosses New Year. */
export type Span = { kind: 'ytd' } | { kind: 'full' } | { kind: 'md'; start: MonthDay; end: MonthDay; text: string };

export type WindowSpec =
  | { kind: 'default' }
  | { kind: 'years'; years: number[]; span?: Span }
  | { kind: 'explicit'; ranges: Array<[Day, Day]> }
  | { kind: 'last'; last: LastSpec; vs: VsMode };

function clampDay(y: number, m: number, d: number): Day {
  return dayFromCivil(y, m, Math.min(d, daysInMonth(y, m)));
}

/** Start day of a month-day in a year; Feb 29 in a common year starts on Mar 1. */
function startDay(y: number, md: MonthDay): Day {
  if (md.d > daysInMonth(y, md.m)) return dayFromCivil(y, md.m, daysInMonth(y, md.m)) + 1;
  return dayFromCivil(y, md.m, md.d);
}

function spanWindow(year: number, span: Span, asOf: Day): Window {
  switch (span.kind) {
    case 'full':
      return { label: String(year), start: dayFromCivil(year, 1, 1), end: dayFromCivil(year, 12, 31) };
    case 'ytd':
      return { label: String(year), start: dayFromCivil(year, 1, 1), end: sameDateInYear(asOf, year) };
    case 'md': {
      const crosses = span.end.m < span.start.m || (span.end.m === span.start.m && span.end.d < span.start.d);
      const startYear = crosses ? year - 1 : year;
      return {
        label: String(year),
        start: startDay(startYear, span.start),
        end: clampDay(year, span.end.m, span.end.d),
      };
    }
  }
}

/**
 * The latest year whose window for `span` ends on or before `coveredTo` (the
 * last day the data covers and the as-of day allow), or undefined when none
 * from `notBefore` on does: with `--span` alone, the last complete span is
 * compared with the one before it.
 */
export function latestCoveredYear(span: Span, asOf: Day, coveredTo: Day, notBefore: number): number | undefined {
  for (let y = civilFromDay(coveredTo).y + 1; y >= notBefore; y--) {
    if (spanWindow(y, span, asOf).end <= coveredTo) return y;
  }
  return undefined;
}

/** Days in an inclusive window. */
export function windowDays(w: Window): number {
  return w.end - w.start + 1;
}

/**
 * The windows for a spec and an as-of day, oldest first for --years and the
 * default, in the order given for --window.
 */
export function buildWindows(spec: WindowSpec, asOf: Day): Window[] {
  const asOfYear = civilFromDay(asOf).y;
  switch (spec.kind) {
    case 'default':
      return [asOfYear - 1, asOfYear].map((y) => spanWindow(y, { kind: 'ytd' }, asOf));
    case 'years': {
      const last = spec.years[spec.years.length - 1]!;
      const span: Span = spec.span ?? (asOf >= dayFromCivil(last, 12, 31) ? { kind: 'full' } : { kind: 'ytd' });
      return spec.years.map((y) => spanWindow(y, span, asOf));
    }
    case 'explicit': {
      const ws = spec.ranges.map(([start, end]) => ({ label: `${formatDay(start)}..${formatDay(end)}`, start, end }));
      const mdKey = (w: Window) =>
        `${formatDay(w.start).slice(5)}|${formatDay(w.end).slice(5)}|${civilFromDay(w.end).y - civilFromDay(w.start).y}`;
      const years = ws.map((w) => civilFromDay(w.end).y);
      if (ws.every((w) => mdKey(w) === mdKey(ws[0]!)) && new Set(years).size === ws.length) {
        ws.forEach((w, i) => (w.label = String(years[i])));
      }
      return ws;
    }
    case 'last':
      return lastWindows(spec.last, spec.vs, asOf);
  }
}

/** `Jan 1 – Sep 30` when every window covers the same month-days, otherwise undefined. */
export function sharedSpanText(windows: readonly Window[]): string | undefined {
  const key = (w: Window) => `${formatMonthDay(w.start)}|${formatMonthDay(w.end)}`;
  const first = windows[0];
  if (!first) return undefined;
  const same = windows.every((w) => key(w) === key(first)) || windows.every((w) => sameModuloLeap(w, first));
  if (!same) return undefined;
  const last = windows[windows.length - 1]!;
  return `${formatMonthDay(last.start)} – ${formatMonthDay(last.end)}`;
}

/** Feb 28 and Feb 29 ends count as the same span end (leap years). */
function sameModuloLeap(a: Window, b: Window): boolean {
  const ca = civilFromDay(a.end);
  const cb = civilFromDay(b.end);
  const endSame = ca.m === cb.m && (ca.d === cb.d || (ca.m === 2 && ca.d >= 28 && cb.d >= 28));
  return endSame && formatMonthDay(a.start) === formatMonthDay(b.start);
}

/** `Jan 1 – Sep 30, 2023` (or across years `Dec 16, 2022 – Mar 15, 2023`). */
export function windowDatesText(w: Window): string {
  const a = civilFromDay(w.start);
  const b = civilFromDay(w.end);
  if (w.start === w.end) return formatLongDay(w.start);
  if (a.y === b.y) return `${formatMonthDay(w.start)} – ${formatMonthDay(w.end)}, ${b.y}`;
  return `${formatLongDay(w.start)} – ${formatLongDay(w.end)}`;
}

/**
 * Month-only data (`YYYY-MM`) can be compared only over whole months: the
 * first window that cuts a month, and the day where it does; undefined when
 * every window covers whole months.
 */
export function monthCut(windows: readonly Window[]): { window: Window; day: Day } | undefined {
  for (const w of windows) {
    const a = civilFromDay(w.start);
    const b = civilFromDay(w.end);
    const day = a.d !== 1 ? w.start : b.d !== daysInMonth(b.y, b.m) ? w.end : undefined;
    if (day !== undefined) return { window: w, day };
  }
  return undefined;
}

// --- Rolling windows (--last) -------------------------------------------------

export type LastUnit = 'd' | 'w' | 'm';
export type VsMode = 'prior' | 'year';

/** A parsed `--last`: `28d`, `7d`, `4w`, `3m`, `12m`. */
export interface LastSpec {
  n: number;
  unit: LastUnit;
  text: string;
}

/**
 * The day `months` calendar months before `day` (or after, when positive), as a
 * window start: a day that does not exist in the target month (Feb 30, Apr 31…)
 * rolls forward to the first day of the next month, as Feb 29 does for --span.
 */
export function monthsBackStart(day: Day, months: number): Day {
  const { y, m, d } = civilFromDay(day);
  const idx = y * 12 + (m - 1) - months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  return d > daysInMonth(ny, nm) ? dayFromCivil(ny, nm, daysInMonth(ny, nm)) + 1 : dayFromCivil(ny, nm, d);
}

/** The start of a rolling window of `last` ending on `end` (inclusive). */
export function lastStart(last: LastSpec, end: Day): Day {
  switch (last.unit) {
    case 'd':
      return end - last.n + 1;
    case 'w':
      return end - 7 * last.n + 1;
    case 'm':
      // From the day after the end back N calendar months: as of Jun 30, 3m is Apr 1–Jun 30.
      return monthsBackStart(end + 1, last.n);
  }
}

function isMonthStart(day: Day): boolean {
  return civilFromDay(day).d === 1;
}

function isMonthEnd(day: Day): boolean {
  const c = civilFromDay(day);
  return c.d === daysInMonth(c.y, c.m);
}

/**
 * The same calendar dates `years` years earlier. A window of whole months
 * stays whole months (Dec 1–Feb 28, 2025 → Dec 1–Feb 29, 2024) unless
 * `keepWholeMonths` is false. Otherwise each end keeps
 * its month and day; Feb 29 as an end becomes Feb 28, as a start Mar 1, so the
 * year-earlier window never holds a day the current window has no twin for.
 */
export function shiftYears(w: Window, years: number, label?: string, keepWholeMonths = true): Window {
  const s = civilFromDay(w.start);
  const e = civilFromDay(w.end);
  const sy = s.y - years;
  const ey = e.y - years;
  const start = s.d > daysInMonth(sy, s.m) ? dayFromCivil(sy, s.m, daysInMonth(sy, s.m)) + 1 : dayFromCivil(sy, s.m, s.d);
  const end =
    keepWholeMonths && isMonthStart(w.start) && isMonthEnd(w.end) ? dayFromCivil(ey, e.m, daysInMonth(ey, e.m)) : sameDateInYear(w.end, ey);
  return { label: label ?? rangeLabel(start, end), start, end };
}

/** `2023-09-03..2023-09-30` */
export function rangeLabel(start: Day, end: Day): string {
  return `${formatDay(start)}..${formatDay(end)}`;
}

/**
 * `--last` windows: the earlier window first, then the current one ending on
 * the as-of day. `prior` is the window of the same rule ending the day before
 * the current one starts (for months: the N calendar months before); `year`
 * is the same calendar dates a year earlier ({@link shiftYears}).
 */
export function lastWindows(last: LastSpec, vs: VsMode, asOf: Day): Window[] {
  const start = lastStart(last, asOf);
  const current: Window = { label: rangeLabel(start, asOf), start, end: asOf };
  if (vs === 'year') return [shiftYears(current, 1), current];
  const pend = start - 1;
  const pstart = lastStart(last, pend);
  return [{ label: rangeLabel(pstart, pend), start: pstart, end: pend }, current];
}

// --- Leap days ------------------------------------------------------------------

export type LeapDayPolicy = 'include' | 'exclude';

/** Feb 29s inside an inclusive window. */
export function leapDaysIn(w: Window): number {
  let n = 0;
  const a = civilFromDay(w.start).y;
  const b = civilFromDay(w.end).y;
  for (let y = a; y <= b; y++) {
    if (daysInMonth(y, 2) !== 29) continue;
    const d = dayFromCivil(y, 2, 29);
    if (d >= w.start && d <= w.end) n++;
  }
  return n;
}

/** Days a window counts under a leap-day policy. */
export function countedDays(w: Window, leapDay: LeapDayPolicy): number {
  return windowDays(w) - (leapDay === 'exclude' ? leapDaysIn(w) : 0);
}

/** The caption/footer line naming the policy in force. */
export function leapDayNote(policy: LeapDayPolicy, windows: readonly Window[]): string | undefined {
  const any = windows.some((w) => leapDaysIn(w) > 0);
  if (policy === 'exclude')
    return any
      ? 'Feb 29 excluded from every window (--leap-day exclude).'
      : 'Leap day: excluded (--leap-day exclude); no window holds a Feb 29.';
  return any ? 'Feb 29 counted like any other day (--leap-day include).' : undefined;
}

// --- Weeks ----------------------------------------------------------------------

export type WeekStart = 'mon' | 'sun';

/** The first day of the week holding `day`. */
export function weekStartOf(day: Day, ws: WeekStart): Day {
  const mon0 = weekdayMon0(day);
  const back = ws === 'mon' ? mon0 : (mon0 + 1) % 7;
  return day - back;
}
