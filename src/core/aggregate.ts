/**
 * The one streaming accumulator: rows become counts per group per civil day.
 * Windows and periods are applied afterwards, so memory grows with
 * groups × distinct days (and, with an id column, with distinct ids), never
 * with rows.
 */
import { type Day, civilFromDay } from './civil.js';
import { type RowPlace, type SkipReason, type Window, SKIP_REASONS } from './types.js';

/** Separates group dimensions inside a key; cannot occur in trimmed CSV text we keep. */
export const KEY_SEP = '\u001f';

export class Tally {
  /** Group keys in first-seen order; parts joined by {@link KEY_SEP}. */
  readonly groups: string[] = [];
  private readonly groupIndex = new Map<string, number>();
  /** Per group: rows per day. */
  readonly byDay: Map<Day, number>[] = [];
  /** All groups: rows per day. */
  readonly allDays = new Map<Day, number>();
  /** With an id column: id → flat pairs [group, day, group, day, …] without repeats. */
  readonly ids: Map<string, number[]> | null;
  rowsRead = 0;
  /** Rows left out by --where. */
  rowsFiltered = 0;
  /** Rows dropped because the map does not cover their value (--unmapped drop). */
  rowsUnmapped = 0;
  readonly skipped: Record<SkipReason, number> = {
    missingDate: 0,
    unreadableDate: 0,
    missingOffense: 0,
    wrongFieldCount: 0,
  };
  readonly firstSkip: Partial<Record<SkipReason, RowPlace & { value?: string }>> = {};
  minDay = Infinity;
  maxDay = -Infinity;
  rowsWithoutId = 0;
  private anonymous = 0;

  constructor(countIds: boolean) {
    this.ids = countIds ? new Map() : null;
  }

  /** Index of a group key, adding it on first sight. */
  group(key: string): number {
    let g = this.groupIndex.get(key);
    if (g === undefined) {
      g = this.groups.length;
      this.groups.push(key);
      this.groupIndex.set(key, g);
      this.byDay.push(new Map());
    }
    return g;
  }

  /** Counts one usable row. `id` is '' when the row has none. */
  add(g: number, day: Day, id?: string): void {
    const m = this.byDay[g]!;
    m.set(day, (m.get(day) ?? 0) + 1);
    this.allDays.set(day, (this.allDays.get(day) ?? 0) + 1);
    if (day < this.minDay) this.minDay = day;
    if (day > this.maxDay) this.maxDay = day;
    if (this.ids) {
      let key = id ?? '';
      if (key === '') {
        // A row without an id cannot be matched with another: it is its own incident.
        this.rowsWithoutId++;
        key = `\u0000${this.anonymous++}`;
      }
      const pairs = this.ids.get(key);
      if (!pairs) this.ids.set(key, [g, day]);
      else {
        for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === g && pairs[i + 1] === day) return;
        pairs.push(g, day);
      }
    }
  }

  skip(reason: SkipReason, place: RowPlace, value?: string): void {
    this.skipped[reason]++;
    if (!this.firstSkip[reason]) this.firstSkip[reason] = value === undefined ? { ...place } : { ...place, value };
  }

  get rowsSkipped(): number {
    return SKIP_REASONS.reduce((s, r) => s + this.skipped[r], 0);
  }

  /** Rows with a usable date and offense (before windows). */
  get rowsUsable(): number {
    let n = 0;
    for (const c of this.allDays.values()) n += c;
    return n;
  }
}

export interface WindowCounts {
  /** counts[group][window] */
  counts: number[][];
  /** Total per window: the sum of groups, or distinct ids with an id column. */
  total: number[];
  /** Rows whose day falls in at least one window. */
  rowsCounted: number;
  /** Usable rows whose day falls in no window. */
  rowsOutsideWindows: number;
}

function inWindow(day: Day, w: Window): boolean {
  return day >= w.start && day <= w.end;
}

export interface CountOptions {
  /** `exclude`: Feb 29 is in no window (its rows count as outside the windows). */
  leapDay?: 'include' | 'exclude';
}

function leapDay(day: Day): boolean {
  const c = civilFromDay(day);
  return c.m === 2 && c.d === 29;
}

/** Counts per group per window; under an id column, distinct ids. */
export function countWindows(tally: Tally, windows: readonly Window[], opts: CountOptions = {}): WindowCounts {
  if (opts.leapDay === 'exclude') {
    const inner = (day: Day, w: Window) => !leapDay(day) && inWindow(day, w);
    return countWith(tally, windows, inner);
  }
  return countWith(tally, windows, inWindow);
}

function countWith(tally: Tally, windows: readonly Window[], inWindow: (day: Day, w: Window) => boolean): WindowCounts {
  const nw = windows.length;
  const counts = tally.groups.map(() => new Array<number>(nw).fill(0));
  const total = new Array<number>(nw).fill(0);
  if (tally.ids) {
    const hit = new Set<number>();
    for (const pairs of tally.ids.values()) {
      for (let w = 0; w < nw; w++) {
        const win = windows[w]!;
        hit.clear();
        for (let i = 0; i < pairs.length; i += 2) if (inWindow(pairs[i + 1]!, win)) hit.add(pairs[i]!);
        if (hit.size === 0) continue;
        total[w]!++;
        for (const g of hit) counts[g]![w]!++;
      }
    }
  } else {
    tally.byDay.forEach((days, g) => {
      const row = counts[g]!;
      for (const [day, n] of days) {
        for (let w = 0; w < nw; w++) if (inWindow(day, windows[w]!)) row[w]! += n;
      }
    });
    for (const row of counts) for (let w = 0; w < nw; w++) total[w]! += row[w]!;
  }
  let rowsCounted = 0;
  let usable = 0;
  for (const [day, n] of tally.allDays) {
    usable += n;
    if (windows.some((w) => inWindow(day, w))) rowsCounted += n;
  }
  return { counts, total, rowsCounted, rowsOutsideWindows: usable - rowsCounted };
}
