/**
 * Counting straight from the scanner's bytes: the same result as
 * {@link rowCounter} on decoded records, without a string or an array per row.
 *
 * - The values of the columns that decide a row's group or filter (offense,
 *   area, map code, --where columns) are interned by their raw bytes: a new
 *   value is decoded, trimmed and looked at once; a value seen before costs a
 *   hash of its bytes and one table probe. What a value means (its trimmed
 *   text, whether --where keeps it) and which group a combination of values
 *   falls in are cached by value number.
 * - Dates with the fixed-position shapes of the string fast path
 *   (`MM/dd/yyyy`, `yyyy-MM-dd`, `dd.MM.yyyy`, optionally ` hh:mm:ss AM`) are
 *   read from the bytes; any other value is decoded, trimmed and given to the
 *   file's date parser, as on the string path.
 * - A column with too many distinct values to intern (an id, a free-text
 *   column in --where) makes the counter hand over to the string path for the
 *   rest of the file.
 */
import type { Tally } from '../../core/aggregate.js';
import { type DayParser, fixedDayReader } from '../../core/dates.js';
import { type CountJob, type DirectCounter, groupKeyOf, SEEN_CAP, type SkipRow, whereValue } from '../../core/count-rule.js';
import { labelNames, measureTagger, TAG_SEP } from '../../core/measure.js';
import { isMissing } from '../../core/types.js';
import { type FieldSink, K_COMPLEX, K_QUOTED } from './scanner.js';

/** Decodes a field exactly as the scanner does for a decoded record. */
export type FieldDecoder = (buf: Buffer, start: number, end: number, kind: number) => string;

/** Distinct values one column may intern before the counter gives up. */
const MAX_VALUES = 1 << 16;
/** Distinct values of a --count-col column (its number is the top 5 bits of a combination's key). */
const MAX_COUNT_VALUES = 32;
/** Bytes of interned values one column may keep before the counter gives up. */
const MAX_ARENA = 8 << 20;

/** Raw byte strings → small numbers, 0, 1, 2, … in order of first sight. */
export class ByteInterner {
  constructor(private readonly maxValues = MAX_VALUES) {}

  private slots = new Int32Array(1024); // value number + 1; 0 = empty
  private mask = 1023;
  private hashes = new Int32Array(256);
  private offsets = new Int32Array(257);
  private arena = new Uint8Array(4096);
  size = 0;

  /** The number of buf[s, e), or -1 when the limits are reached. */
  intern(buf: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = s; i < e; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
    const len = e - s;
    const mask = this.mask;
    const slots = this.slots;
    const arena = this.arena;
    const offsets = this.offsets;
    let p = h & mask;
    for (;;) {
      const v = slots[p] as number;
      if (v === 0) break;
      const id = v - 1;
      if (this.hashes[id] === h) {
        const o = offsets[id] as number;
        if ((offsets[id + 1] as number) - o === len) {
          let j = 0;
          while (j < len && arena[o + j] === buf[s + j]) j++;
          if (j === len) return id;
        }
      }
      p = (p + 1) & mask;
    }
    return this.add(buf, s, e, h, p);
  }

  private add(buf: Uint8Array, s: number, e: number, h: number, p: number): number {
    const id = this.size;
    const at = this.offsets[id] as number;
    const len = e - s;
    if (id >= this.maxValues || at + len > MAX_ARENA) return -1;
    if (id + 2 > this.hashes.length) {
      const hs = new Int32Array(this.hashes.length * 2);
      hs.set(this.hashes);
      this.hashes = hs;
      const os = new Int32Array(hs.length + 1);
      os.set(this.offsets);
      this.offsets = os;
    }
    if (at + len > this.arena.length) {
      const a = new Uint8Array(Math.max(this.arena.length * 2, at + len));
      a.set(this.arena);
      this.arena = a;
    }
    this.arena.set(buf.subarray(s, e), at);
    this.hashes[id] = h;
    this.offsets[id + 1] = at + len;
    this.slots[p] = id + 1;
    this.size = id + 1;
    if (this.size * 2 > this.mask) this.rehash();
    return id;
  }

  private rehash(): void {
    const cap = (this.mask + 1) * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    for (let id = 0; id < this.size; id++) {
      let p = (this.hashes[id] as number) & mask;
      while (slots[p] !== 0) p = (p + 1) & mask;
      slots[p] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** A growable cache of small non-negative numbers by value number; -1 = not yet known. */
class NumberCache {
  private arr = new Int32Array(256).fill(-1);
  get(i: number): number {
    return i < this.arr.length ? (this.arr[i] as number) : -1;
  }
  set(i: number, v: number): void {
    if (i >= this.arr.length) {
      let cap = this.arr.length;
      while (cap <= i) cap *= 2;
      const a = new Int32Array(cap).fill(-1);
      a.set(this.arr);
      this.arr = a;
    }
    this.arr[i] = v;
  }
}

/** What {@link dayReader} returns for a date no layout reads: the row goes to the decoded path, which may wait for a layout. */
const UNREADABLE = Infinity;

/**
 * The day of a row's date field: read at fixed positions in the bytes when it
 * has that shape, else decoded and given to the file's date parser; NaN when
 * the row is skipped (a missing date, counted through `skip`), UNREADABLE
 * when no layout reads it.
 */
function dayReader(job: CountJob, dateCol: number, parse: DayParser, skip: SkipRow, decode: FieldDecoder) {
  const fixedDay = 'layout' in job.dates ? fixedDayReader(job.dates.layout) : null;
  return (buf: Buffer, fStart: Int32Array, fEnd: Int32Array, fKind: Uint8Array, line: number): number => {
    let s = fStart[dateCol]!;
    let e = fEnd[dateCol]!;
    const kind = fKind[dateCol]!;
    if (kind === K_QUOTED) {
      s++;
      e--;
    }
    const day = kind !== K_COMPLEX && fixedDay !== null ? fixedDay(buf, s, e) : NaN;
    if (day === day) return day;
    const raw = decode(buf, fStart[dateCol]!, fEnd[dateCol]!, kind).trim();
    if (isMissing(raw)) {
      skip('missingDate', line);
      return NaN;
    }
    const parsed = parse(raw);
    return Number.isNaN(parsed) ? UNREADABLE : parsed;
  };
}

type TextOf = (k: number, buf: Buffer, fStart: Int32Array, fEnd: Int32Array, fKind: Uint8Array) => string;

/** Whether a row passes the --where conditions, decided once per value number of each column. */
function whereFilter(job: CountJob, tally: Tally, at: (slot: number) => number, ids: Int32Array, text: TextOf) {
  const wheres = job.plan.wheres.map((w) => ({
    at: at(w.index),
    negate: w.negate,
    values: new Set(w.values.map(whereValue)),
    keep: new NumberCache(),
    seen: tally.whereValues(w.clause),
  }));
  const nw = wheres.length;
  return (buf: Buffer, fStart: Int32Array, fEnd: Int32Array, fKind: Uint8Array): boolean => {
    for (let w = 0; w < nw; w++) {
      const c = wheres[w]!;
      const id = ids[c.at]!;
      let keep = c.keep.get(id);
      if (keep < 0) {
        const v = whereValue(text(c.at, buf, fStart, fEnd, fKind));
        if (c.seen.size < SEEN_CAP) c.seen.add(v);
        keep = c.values.has(v) === c.negate ? 0 : 1;
        c.keep.set(id, keep);
      }
      if (keep === 0) return false;
    }
    return true;
  };
}

/** Group results besides a group index (the smallest is BAD_COUNT: caches store result − BAD_COUNT ≥ 0). */
const MISSING_OFFENSE = -1;
const UNMAPPED = -2;
const BAD_COUNT = -3;

/** Where the values that decide a row's group sit among the interned slots (-1: not read). */
interface GroupSlots {
  offAt: number;
  areaAt: number;
  mapAt: number;
  countAt: number;
}

type SlotText = (k: number, buf: Buffer, fStart: Int32Array, fEnd: Int32Array, fKind: Uint8Array) => string;

/**
 * The group of a row's values (offense, map code, area, count), as the
 * string path decides it: a group index, or MISSING_OFFENSE / UNMAPPED /
 * BAD_COUNT; `unplaced()` then gives the value no rule of the map placed.
 * Called once per combination of values.
 */
function groupResolver(job: CountJob, counter: DirectCounter, text: SlotText, s: GroupSlots) {
  const { tally, mapFn } = counter;
  const groupKey = groupKeyOf(job.plan);
  const tagger = measureTagger(job.measure, s.countAt >= 0);
  let lastUnplaced: string | undefined;
  const resolve = (buf: Buffer, fStart: Int32Array, fEnd: Int32Array, fKind: Uint8Array): number => {
    lastUnplaced = undefined;
    // No offense column: every row counts (in one group, or by area).
    const offense = s.offAt >= 0 ? text(s.offAt, buf, fStart, fEnd, fKind) : '';
    if (s.offAt >= 0 && isMissing(offense)) return MISSING_OFFENSE;
    let label = offense;
    let code = offense;
    if (mapFn) {
      if (s.mapAt !== s.offAt) code = text(s.mapAt, buf, fStart, fEnd, fKind);
      const mapped = mapFn.apply(code, offense);
      lastUnplaced = mapFn.lastUnplaced;
      if (mapped === null) return UNMAPPED;
      label = mapped;
    }
    let key = groupKey(label, s.areaAt >= 0 ? text(s.areaAt, buf, fStart, fEnd, fKind) : '');
    if (tagger) {
      const countText = s.countAt >= 0 ? text(s.countAt, buf, fStart, fEnd, fKind) : '';
      const tag = tagger(offense, code, mapFn ? labelNames(label) : [], countText);
      if (tag === null) return BAD_COUNT;
      key += TAG_SEP + tag;
    }
    return tally.group(key);
  };
  return { resolve, unplaced: () => lastUnplaced };
}

/**
 * The counting sink for one file (or one part of it): `job` as for a helper
 * thread; `parse` the file's date parser, `mapFn` the compiled map,
 * `fallback` the string path's counter for this file, used for every record
 * once the sink gives up; `maxValues` the distinct values per column before
 * it does (smaller in tests).
 */
export function byteRowCounter(job: CountJob, counter: DirectCounter, decode: FieldDecoder, maxValues = MAX_VALUES): FieldSink {
  const { tally, skip, parse, mapFn, fallback, recount } = counter;
  const { plan, cols } = job;
  const { width } = plan;
  const byArea = plan.area >= 0;
  // Interned columns: each projected slot read for its value, once per row.
  const slots = [plan.offense, plan.area, plan.map, plan.count, ...plan.wheres.map((w) => w.index)].filter(
    (j, i, a) => j >= 0 && a.indexOf(j) === i,
  );
  const nInterned = slots.length;
  const interners = slots.map((j) => new ByteInterner(j === plan.count ? Math.min(maxValues, MAX_COUNT_VALUES) : maxValues));
  const colOf = Int32Array.from(slots, (j) => cols[j]!);
  /** Per interned slot: the trimmed text of each value number. */
  const texts: string[][] = slots.map(() => []);
  const ids = new Int32Array(nInterned);
  const at = (slot: number) => slots.indexOf(slot);
  const offAt = at(plan.offense);
  const areaAt = byArea ? at(plan.area) : -1;
  const mapAt = mapFn ? at(plan.map) : -1;
  const countAt = plan.count >= 0 ? at(plan.count) : -1;
  const readDay = dayReader(job, cols[plan.date]!, parse, skip, decode);
  const nw = plan.wheres.length;
  const kept = whereFilter(job, tally, at, ids, (k, buf, fStart, fEnd, fKind) => text(k, buf, fStart, fEnd, fKind));
  // Group of (offense, map code, area, count) value numbers; the common case
  // (offense alone) is an array, the others a Map on the numbers packed in one
  // double (16 bits each, 5 for the count: under 2^53).
  const simple = !byArea && mapAt < 0 && countAt < 0;
  const groupOfOffense = new NumberCache();
  const groupOfTuple = new Map<number, number>();
  // --map: the value no rule placed, per combination that has one.
  const unplacedOf = new Map<number, string>();

  const text = (k: number, buf: Buffer, fStart: Int32Array, fEnd: Int32Array, fKind: Uint8Array): string => {
    const id = ids[k]!;
    let t = texts[k]![id];
    if (t === undefined) {
      const c = colOf[k]!;
      t = decode(buf, fStart[c]!, fEnd[c]!, fKind[c]!).trim();
      texts[k]![id] = t;
    }
    return t;
  };

  const { resolve, unplaced } = groupResolver(job, counter, text, { offAt, areaAt, mapAt, countAt });

  /** A record's projected fields as text (those after `lastKept` were not read). */
  const fieldsOf = (buf: Buffer, fStart: Int32Array, fEnd: Int32Array, fKind: Uint8Array, lastKept: number): string[] =>
    cols.map((c) => (c <= lastKept ? decode(buf, fStart[c]!, fEnd[c]!, fKind[c]!) : ''));

  return (buf, fStart, fEnd, fKind, count, lastKept, line) => {
    if (count !== width) {
      tally.rowsRead++;
      skip('wrongFieldCount', line);
      return true;
    }
    for (let k = 0; k < nInterned; k++) {
      const c = colOf[k]!;
      const id = interners[k]!.intern(buf, fStart[c]!, fEnd[c]!);
      if (id < 0) {
        // The rest of the file goes through the string path, starting with this record.
        fallback(fieldsOf(buf, fStart, fEnd, fKind, lastKept), count, line);
        return false;
      }
      ids[k] = id;
    }
    tally.rowsRead++;
    if (nw > 0 && !kept(buf, fStart, fEnd, fKind)) {
      tally.rowsFiltered++;
      return true;
    }
    const day = readDay(buf, fStart, fEnd, fKind, line);
    if (day !== day) return true;
    if (day === UNREADABLE) {
      // Counted as read: the decoded path takes it from here (it may wait for another date layout).
      recount(fieldsOf(buf, fStart, fEnd, fKind, lastKept), count, line);
      return true;
    }
    let g: number;
    let key: number;
    if (simple) {
      key = offAt >= 0 ? ids[offAt]! : 0;
      const known = groupOfOffense.get(key);
      if (known < 0) {
        g = resolve(buf, fStart, fEnd, fKind);
        groupOfOffense.set(key, g - BAD_COUNT);
        const u = unplaced();
        if (u !== undefined) unplacedOf.set(key, u);
      } else g = known + BAD_COUNT;
    } else {
      key =
        (offAt >= 0 ? ids[offAt]! : 0) +
        (mapAt >= 0 ? ids[mapAt]! * 65536 : 0) +
        (areaAt >= 0 ? ids[areaAt]! * 4294967296 : 0) +
        (countAt >= 0 ? ids[countAt]! * 281474976710656 : 0);
      let r = groupOfTuple.get(key);
      if (r === undefined) {
        r = resolve(buf, fStart, fEnd, fKind);
        groupOfTuple.set(key, r);
        const u = unplaced();
        if (u !== undefined) unplacedOf.set(key, u);
      }
      g = r;
    }
    if (g === MISSING_OFFENSE) {
      skip('missingOffense', line);
      return true;
    }
    if (unplacedOf.size > 0) {
      const u = unplacedOf.get(key);
      if (u !== undefined) tally.unplacedRow(u);
    }
    if (g === UNMAPPED) {
      tally.rowsUnmapped++;
      tally.noteDay(day);
      return true;
    }
    if (g === BAD_COUNT) {
      skip('badCount', line, text(countAt, buf, fStart, fEnd, fKind));
      return true;
    }
    tally.add(g, day);
    return true;
  };
}
