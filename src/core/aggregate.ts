/**
 * The one streaming accumulator: rows become counts per group per civil day.
 * Windows and periods are applied afterwards, so memory grows with
 * groups × distinct days (and, with an id column, with distinct ids), never
 * with rows.
 */
import { type Day, civilFromDay } from './civil.js';
import type { OtherOrder, PendingRow } from './date-reader.js';
import type { DateLayout } from './dates.js';
import { type RowPlace, type SkipReason, type Window, SKIP_REASONS } from './types.js';

/** Separates group dimensions inside a key; cannot occur in trimmed CSV text we keep. */
export const KEY_SEP = '\u001f';

/** Largest day range (about 100 years) a group counts in a dense array. */
const MAX_DENSE_SPAN = 36_600;
/** Rows a group collects in a Map before it may switch to a dense array. */
const DENSE_AFTER = 256;

/**
 * Rows per day of one group: a Map while the group is small, then an
 * Int32Array indexed by day − lo over the group's range (one bounds check and
 * one increment per row). A group whose dates spread wider than
 * {@link MAX_DENSE_SPAN} days, or much wider than its row count, stays a Map,
 * so memory stays bounded by groups × days seen.
 */
export class DayCounts {
  private lo = 0;
  private arr: Int32Array | null = null;
  private map: Map<Day, number> | null = new Map();
  private mapRows = 0;
  private sparse = false;

  add(day: Day): void {
    const arr = this.arr;
    if (arr !== null) {
      const i = day - this.lo;
      if (i >= 0 && i < arr.length) {
        arr[i]!++;
        return;
      }
    }
    this.addSlow(day);
  }

  /** Counts `n` rows on one day at once (merging another tally). */
  addMany(day: Day, n: number): void {
    const arr = this.arr;
    if (arr !== null) {
      const i = day - this.lo;
      if (i >= 0 && i < arr.length) {
        arr[i]! += n;
        return;
      }
    }
    this.addSlow(day, n);
  }

  private addSlow(day: Day, n = 1): void {
    if (this.arr !== null) {
      if (this.grow(day)) {
        this.arr[day - this.lo]! += n;
        return;
      }
      this.map = this.toMap();
      this.arr = null;
      this.sparse = true;
    }
    const map = this.map!;
    map.set(day, (map.get(day) ?? 0) + n);
    const before = this.mapRows;
    this.mapRows += n;
    if (!this.sparse && Math.floor(this.mapRows / DENSE_AFTER) > Math.floor(before / DENSE_AFTER)) this.tryDense();
  }

  private tryDense(): void {
    let min = Infinity;
    let max = -Infinity;
    for (const d of this.map!.keys()) {
      if (d < min) min = d;
      if (d > max) max = d;
    }
    const span = max - min + 1;
    if (span > MAX_DENSE_SPAN || span > 16 * this.mapRows) return;
    // A month of margin on each side where the limit allows; never less than the span.
    const len = Math.min(span + 62, MAX_DENSE_SPAN);
    const lo = min - ((len - span) >> 1);
    const arr = new Int32Array(len);
    for (const [d, n] of this.map!) arr[d - lo] = n;
    this.lo = lo;
    this.arr = arr;
    this.map = null;
  }

  /** Widens the dense range to hold `day`; false when it would grow past the limit. */
  private grow(day: Day): boolean {
    const arr = this.arr!;
    const hi = this.lo + arr.length;
    const margin = Math.max(arr.length >> 1, 366);
    const lo = day < this.lo ? day - margin : this.lo;
    const end = day >= hi ? day + margin + 1 : hi;
    if (end - lo > MAX_DENSE_SPAN) return false;
    const next = new Int32Array(end - lo);
    next.set(arr, this.lo - lo);
    this.lo = lo;
    this.arr = next;
    return true;
  }

  /** Calls fn for each day with rows (days ascending when dense), without building a Map. */
  forEach(fn: (day: Day, n: number) => void): void {
    const arr = this.arr;
    if (arr === null) {
      for (const [d, n] of this.map!) fn(d, n);
      return;
    }
    const lo = this.lo;
    for (let i = 0; i < arr.length; i++) if (arr[i] !== 0) fn(lo + i, arr[i]!);
  }

  /** The counts as a Map (days ascending when dense). */
  toMap(): Map<Day, number> {
    if (this.arr === null) return new Map(this.map);
    const m = new Map<Day, number>();
    const arr = this.arr;
    for (let i = 0; i < arr.length; i++) if (arr[i] !== 0) m.set(this.lo + i, arr[i]!);
    return m;
  }
}

/**
 * The counts of part of a file, as plain data: what a helper thread sends
 * back to be merged with {@link Tally.absorb}. Lines are relative to the
 * part's first line.
 */
export interface TallyPart {
  groups: string[];
  /** Per group: [day, rows, day, rows, …]. */
  days: number[][];
  rowsRead: number;
  rowsFiltered: number;
  rowsUnmapped: number;
  /** Per --where: values seen in its column. */
  whereSeen: string[][];
  /** Date layouts the part adopted besides the file's first, with the rows each read. */
  layouts?: { layout: DateLayout; rows: number }[];
  /** Rows whose date no layout of the part reads, for the whole file's layouts to try (lines relative to the part). */
  pending?: PendingRow[];
  /** Values the part gave up on because they only fit the day/month order opposite to the one in use. */
  otherOrder?: OtherOrder | null;
  skipped: Record<SkipReason, number>;
  firstSkip: Partial<Record<SkipReason, { line: number; value?: string }>>;
  /** The first and last day of the part's rows, counted or dropped by the map. */
  extent: [number, number];
  /** --map: rows per value no rule placed, and [value, outcome, class, rule] per value met. */
  unplaced: [string, number][];
  placements: [string, string, string, string][];
}

/** Distinct values whose placement by --map a tally keeps (for notes and listings). */
const PLACEMENTS_CAP = 10_000;

/** What --map made of a value: its label (or `(dropped)`, `(unmapped)`), its class, and the rule that decided. */
export interface Placed {
  outcome: string;
  cls: string;
  rule: string;
}

export class Tally {
  /** Group keys in first-seen order; parts joined by {@link KEY_SEP}. */
  readonly groups: string[] = [];
  private readonly groupIndex = new Map<string, number>();
  /** Per group: rows per day, as counted. */
  private readonly counts: DayCounts[] = [];
  private cachedByDay: Map<Day, number>[] | null = null;
  private cachedAllDays: Map<Day, number> | null = null;
  private usable = 0;
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
    badCount: 0,
  };
  readonly firstSkip: Partial<Record<SkipReason, RowPlace & { value?: string }>> = {};
  /** The first and last day of the file being read (see {@link startFile}). */
  fileMin = Infinity;
  fileMax = -Infinity;
  /** The first and last day of the files before it (only the current file's are updated per row). */
  private earlierMin = Infinity;
  private earlierMax = -Infinity;
  rowsWithoutId = 0;
  private anonymous = 0;
  /** Per --where: the distinct values its column held (capped by the counters), to name values that match nothing. */
  readonly whereSeen: Set<string>[] = [];
  /** --map: rows per value that no rule placed (whatever --unmapped did with them). */
  readonly unplaced = new Map<string, number>();
  /** --map: per distinct value met, what became of it (a label, `(dropped)` or `(unmapped)`), its class and the rule that decided. */
  readonly placements = new Map<string, Placed>();

  constructor(countIds: boolean) {
    this.ids = countIds ? new Map() : null;
  }

  /** The set of values seen in the column of --where number `clause`. */
  whereValues(clause: number): Set<string> {
    return (this.whereSeen[clause] ??= new Set());
  }

  /** Index of a group key, adding it on first sight. */
  group(key: string): number {
    let g = this.groupIndex.get(key);
    if (g === undefined) {
      g = this.groups.length;
      this.groups.push(key);
      this.groupIndex.set(key, g);
      this.counts.push(new DayCounts());
    }
    return g;
  }

  /** Calls fn for each group's days with rows (no Map is built). */
  forEachDay(fn: (g: number, day: Day, n: number) => void): void {
    this.counts.forEach((c, g) => c.forEach((day, n) => fn(g, day, n)));
  }

  /** Per group: rows per day (built on demand, after counting). */
  get byDay(): Map<Day, number>[] {
    if (this.cachedByDay === null) this.cachedByDay = this.counts.map((c) => c.toMap());
    return this.cachedByDay;
  }

  /** All groups: rows per day (built on demand, after counting). */
  get allDays(): Map<Day, number> {
    if (this.cachedAllDays === null) {
      const all = new Map<Day, number>();
      for (const m of this.byDay) for (const [d, n] of m) all.set(d, (all.get(d) ?? 0) + n);
      this.cachedAllDays = all;
    }
    return this.cachedAllDays;
  }

  /** Counts one usable row. `id` is '' when the row has none. */
  add(g: number, day: Day, id?: string): void {
    this.counts[g]!.add(day);
    this.usable++;
    this.cachedByDay = null;
    this.cachedAllDays = null;
    if (day < this.fileMin) this.fileMin = day;
    if (day > this.fileMax) this.fileMax = day;
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

  /** A new file: its first and last day are tracked from here ({@link fileMin}, {@link fileMax}). */
  startFile(): void {
    this.earlierMin = this.minDay;
    this.earlierMax = this.maxDay;
    this.fileMin = Infinity;
    this.fileMax = -Infinity;
  }

  /** The first day counted (Infinity when none). */
  get minDay(): Day {
    return Math.min(this.earlierMin, this.fileMin);
  }

  /** The last day counted (-Infinity when none). */
  get maxDay(): Day {
    return Math.max(this.earlierMax, this.fileMax);
  }

  /**
   * A row with a readable date that the map dropped: the data still covers
   * its day (a file with no violent offense on a day has 0 violent offenses
   * that day), so it counts in the first and last day.
   */
  noteDay(day: Day): void {
    if (day < this.fileMin) this.fileMin = day;
    if (day > this.fileMax) this.fileMax = day;
  }

  /** A row whose value no rule of the map placed. */
  unplacedRow(value: string): void {
    this.unplaced.set(value, (this.unplaced.get(value) ?? 0) + 1);
  }

  /** What the map made of a value (the first word on it stands). */
  notePlacement(value: string, outcome: string, cls: string, rule: string): void {
    if (!this.placements.has(value) && this.placements.size < PLACEMENTS_CAP) this.placements.set(value, { outcome, cls, rule });
  }

  skip(reason: SkipReason, place: RowPlace, value?: string): void {
    this.skipped[reason]++;
    if (!this.firstSkip[reason]) this.firstSkip[reason] = value === undefined ? { ...place } : { ...place, value };
  }

  /** This tally's counts as plain data (it must not count ids). */
  export(): TallyPart {
    if (this.ids) throw new Error('Tally.export: a tally of ids cannot be split');
    const firstSkip: TallyPart['firstSkip'] = {};
    for (const r of SKIP_REASONS) {
      const f = this.firstSkip[r];
      if (f) firstSkip[r] = f.value === undefined ? { line: f.line } : { line: f.line, value: f.value };
    }
    return {
      groups: [...this.groups],
      days: this.counts.map((c) => {
        const flat: number[] = [];
        for (const [d, n] of c.toMap()) flat.push(d, n);
        return flat;
      }),
      rowsRead: this.rowsRead,
      rowsFiltered: this.rowsFiltered,
      rowsUnmapped: this.rowsUnmapped,
      whereSeen: this.whereSeen.map((s) => (s ? [...s] : [])),
      skipped: { ...this.skipped },
      firstSkip,
      extent: [this.fileMin, this.fileMax],
      unplaced: [...this.unplaced],
      placements: [...this.placements].map(([v, p]) => [v, p.outcome, p.cls, p.rule]),
    };
  }

  /**
   * Adds the counts of a later part of `file` whose line 1 is line
   * `lineOffset + 1` of the file: the result is what counting the part's rows
   * here, in order, would have given (new groups come after the ones seen).
   */
  absorb(part: TallyPart, file: string, lineOffset: number): void {
    if (this.ids) throw new Error('Tally.absorb: a tally of ids cannot be merged');
    part.groups.forEach((key, i) => {
      const g = this.group(key);
      const flat = part.days[i]!;
      const c = this.counts[g]!;
      for (let j = 0; j < flat.length; j += 2) {
        const day = flat[j]!;
        const n = flat[j + 1]!;
        c.addMany(day, n);
        this.usable += n;
        if (day < this.fileMin) this.fileMin = day;
        if (day > this.fileMax) this.fileMax = day;
      }
    });
    this.cachedByDay = null;
    this.cachedAllDays = null;
    if (part.extent[0] <= part.extent[1]) {
      this.noteDay(part.extent[0]);
      this.noteDay(part.extent[1]);
    }
    this.rowsRead += part.rowsRead;
    this.rowsFiltered += part.rowsFiltered;
    this.rowsUnmapped += part.rowsUnmapped;
    for (const [v, n] of part.unplaced) this.unplaced.set(v, (this.unplaced.get(v) ?? 0) + n);
    for (const [v, outcome, cls, rule] of part.placements) this.notePlacement(v, outcome, cls, rule);
    part.whereSeen.forEach((values, clause) => {
      const seen = this.whereValues(clause);
      for (const v of values) seen.add(v);
    });
    for (const r of SKIP_REASONS) {
      this.skipped[r] += part.skipped[r];
      const f = part.firstSkip[r];
      if (f && !this.firstSkip[r]) {
        this.firstSkip[r] =
          f.value === undefined ? { file, line: f.line + lineOffset } : { file, line: f.line + lineOffset, value: f.value };
      }
    }
  }

  /**
   * The same rows grouped by fewer dimensions: each group key becomes
   * `keyOf(key)` and the day counts (or, with an id column, the id's
   * group-day pairs) of groups that become one are merged. The result is what
   * counting the rows with that grouping gives, group order included (a
   * projected key first appears with the first group that projects to it).
   */
  project(keyOf: (key: string) => string): Tally {
    const t = new Tally(this.ids !== null);
    const to = this.groups.map((k) => t.group(keyOf(k)));
    this.counts.forEach((c, g) => {
      const into = t.counts[to[g]!]!;
      c.forEach((day, n) => into.addMany(day, n));
    });
    if (this.ids && t.ids) {
      for (const [id, pairs] of this.ids) {
        const out: number[] = [];
        for (let i = 0; i < pairs.length; i += 2) {
          const g = to[pairs[i]!]!;
          const day = pairs[i + 1]!;
          let seen = false;
          for (let j = 0; j < out.length; j += 2) if (out[j] === g && out[j + 1] === day) seen = true;
          if (!seen) out.push(g, day);
        }
        t.ids.set(id, out);
      }
    }
    t.usable = this.usable;
    t.rowsRead = this.rowsRead;
    t.rowsFiltered = this.rowsFiltered;
    t.rowsUnmapped = this.rowsUnmapped;
    t.rowsWithoutId = this.rowsWithoutId;
    t.anonymous = this.anonymous;
    for (const r of SKIP_REASONS) t.skipped[r] = this.skipped[r];
    for (const r of SKIP_REASONS) if (this.firstSkip[r]) t.firstSkip[r] = { ...this.firstSkip[r] };
    this.whereSeen.forEach((s, i) => (t.whereSeen[i] = new Set(s)));
    t.fileMin = this.fileMin;
    t.fileMax = this.fileMax;
    t.earlierMin = this.earlierMin;
    t.earlierMax = this.earlierMax;
    return t;
  }

  get rowsSkipped(): number {
    return SKIP_REASONS.reduce((s, r) => s + this.skipped[r], 0);
  }

  /** Rows with a usable date and offense (before windows). */
  get rowsUsable(): number {
    return this.usable;
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
  /** With `parents` and an id column: distinct ids per parent per window. */
  parentCounts?: number[][];
}

function inWindow(day: Day, w: Window): boolean {
  return day >= w.start && day <= w.end;
}

export interface CountOptions {
  /** `exclude`: Feb 29 is in no window (its rows count as outside the windows). */
  leapDay?: 'include' | 'exclude';
  /** With an id column: each group's parent (-1: none) and how many parents, for distinct ids per parent (--rollup classes). */
  parents?: { of: readonly number[]; n: number };
}

function leapDay(day: Day): boolean {
  const c = civilFromDay(day);
  return c.m === 2 && c.d === 29;
}

/** Counts per group per window; under an id column, distinct ids. */
export function countWindows(tally: Tally, windows: readonly Window[], opts: CountOptions = {}): WindowCounts {
  if (opts.leapDay === 'exclude') {
    const inner = (day: Day, w: Window) => !leapDay(day) && inWindow(day, w);
    return countWith(tally, windows, inner, opts.parents);
  }
  return countWith(tally, windows, inWindow, opts.parents);
}

function countWith(
  tally: Tally,
  windows: readonly Window[],
  inWindow: (day: Day, w: Window) => boolean,
  parents?: CountOptions['parents'],
): WindowCounts {
  const nw = windows.length;
  const counts = tally.groups.map(() => new Array<number>(nw).fill(0));
  const total = new Array<number>(nw).fill(0);
  if (tally.ids) {
    const hit = new Set<number>();
    const hitParents = new Set<number>();
    const parentCounts = parents ? Array.from({ length: parents.n }, () => new Array<number>(nw).fill(0)) : undefined;
    for (const pairs of tally.ids.values()) {
      for (let w = 0; w < nw; w++) {
        const win = windows[w]!;
        hit.clear();
        for (let i = 0; i < pairs.length; i += 2) if (inWindow(pairs[i + 1]!, win)) hit.add(pairs[i]!);
        if (hit.size === 0) continue;
        total[w]!++;
        for (const g of hit) counts[g]![w]!++;
        if (parentCounts) {
          hitParents.clear();
          for (const g of hit) if (parents!.of[g]! >= 0) hitParents.add(parents!.of[g]!);
          for (const p of hitParents) parentCounts[p]![w]!++;
        }
      }
    }
    let rowsCounted = 0;
    let usable = 0;
    for (const [day, n] of tally.allDays) {
      usable += n;
      if (windows.some((w) => inWindow(day, w))) rowsCounted += n;
    }
    return { counts, total, rowsCounted, rowsOutsideWindows: usable - rowsCounted, ...(parentCounts ? { parentCounts } : {}) };
  }
  // Straight from the per-group day counts: no Map of days is built.
  let rowsCounted = 0;
  let usable = 0;
  tally.forEachDay((g, day, n) => {
    const row = counts[g]!;
    usable += n;
    let hit = false;
    for (let w = 0; w < nw; w++) {
      if (inWindow(day, windows[w]!)) {
        row[w]! += n;
        hit = true;
      }
    }
    if (hit) rowsCounted += n;
  });
  for (const row of counts) for (let w = 0; w < nw; w++) total[w]! += row[w]!;
  return { counts, total, rowsCounted, rowsOutsideWindows: usable - rowsCounted };
}
