/**
 * Calendar periods for `trend`: weeks (Monday or Sunday start, ISO-style
 * week-year numbering), months, quarters, years. Pure civil-day arithmetic.
 */
import { type Day, civilFromDay, dayFromCivil, daysInMonth, formatDay } from './civil.js';
import type { Window } from './types.js';
import { shiftYears, type WeekStart, weekStartOf } from './windows.js';

export const EVERY = ['week', 'month', 'quarter', 'year'] as const;
export type Every = (typeof EVERY)[number];

export interface Period extends Window {
  /** False when the period reaches outside the dates covered (before the data or the range, after the as-of day). */
  complete: boolean;
}

/** First and last day of the period holding `day`. */
export function periodOf(day: Day, every: Every, ws: WeekStart = 'mon'): { start: Day; end: Day } {
  const { y, m } = civilFromDay(day);
  switch (every) {
    case 'week': {
      const start = weekStartOf(day, ws);
      return { start, end: start + 6 };
    }
    case 'month':
      return { start: dayFromCivil(y, m, 1), end: dayFromCivil(y, m, daysInMonth(y, m)) };
    case 'quarter': {
      const q0 = Math.floor((m - 1) / 3) * 3 + 1;
      return { start: dayFromCivil(y, q0, 1), end: dayFromCivil(y, q0 + 2, daysInMonth(y, q0 + 2)) };
    }
    case 'year':
      return { start: dayFromCivil(y, 1, 1), end: dayFromCivil(y, 12, 31) };
  }
}

/**
 * Week-year and week number of the week starting on `start`: the week belongs
 * to the year holding its fourth day, and week 1 is the first such week. With
 * Monday weeks this is ISO 8601 (the Thursday rule: Dec 28 2020 is 2020-W53,
 * Dec 30 2019 is 2020-W01); with Sunday weeks it is the CDC/MMWR epi week.
 */
export function weekNumber(start: Day): { year: number; week: number } {
  const fourth = start + 3;
  const year = civilFromDay(fourth).y;
  return { year, week: Math.floor((fourth - dayFromCivil(year, 1, 1)) / 7) + 1 };
}

/** `2023-W07`, `2023-02`, `2023-Q1`, `2023`. */
export function periodLabel(start: Day, every: Every): string {
  const { y, m } = civilFromDay(start);
  switch (every) {
    case 'week': {
      const w = weekNumber(start);
      return `${w.year}-W${String(w.week).padStart(2, '0')}`;
    }
    case 'month':
      return formatDay(start).slice(0, 7);
    case 'quarter':
      return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    case 'year':
      return String(y);
  }
}

/**
 * The periods that overlap [first, last], oldest first, each flagged complete
 * when it lies inside `covered` (the dates the counts can speak for).
 */
export function buildPeriods(every: Every, first: Day, last: Day, covered: { start: Day; end: Day }, ws: WeekStart = 'mon'): Period[] {
  const out: Period[] = [];
  let day = first;
  while (day <= last) {
    const p = periodOf(day, every, ws);
    out.push({
      label: periodLabel(p.start, every),
      start: p.start,
      end: p.end,
      complete: p.start >= covered.start && p.end <= covered.end,
    });
    day = p.end + 1;
  }
  return out;
}

/**
 * What a period is compared with: the period before it (`previous`), or a year
 * earlier (`year`): the same month, quarter or year one year back, and for a
 * week the same calendar dates one year back (which is not a whole week of
 * that year's numbering).
 */
export function comparisonWindow(p: Window, every: Every, vs: 'previous' | 'year', ws: WeekStart = 'mon'): Window {
  if (vs === 'previous') {
    const q = periodOf(p.start - 1, every, ws);
    return { label: periodLabel(q.start, every), start: q.start, end: q.end };
  }
  if (every === 'week') return shiftYears(p, 1);
  const start = shiftYears(p, 1).start;
  const q = periodOf(start, every, ws);
  return { label: periodLabel(q.start, every), start: q.start, end: q.end };
}
