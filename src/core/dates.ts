/**
 * Date formats: detected once per file from sample values, then every row is
 * parsed by a small hand-written scanner for that one format (no regex, no
 * Date object on the hot path). A parsed value is a civil {@link Day}: the date
 * as written in the file, whatever the machine's time zone.
 */
import { type Day, dayFromCivil, isValidCivil } from './civil.js';

export type DateOrder = 'ymd' | 'mdy' | 'dmy' | 'ym';

/** What the detector learned about one date column. */
export interface DateLayout {
  order: DateOrder;
  /** Separator between date parts: `-`, `/` or `.`. */
  sep: string;
  /** 2 or 4 digit years. */
  yearDigits: 2 | 4;
  /** Whether month and day are always written with two digits. */
  padded: boolean;
  /** A time part as date-fns tokens (e.g. ` hh:mm:ss a`), '' when none was seen. */
  timeTokens: string;
  /** Whether values carry a UTC offset or `Z`. */
  offset: boolean;
}

/**
 * A parser for one column: returns the civil day or NaN. With `toZone`,
 * timestamps carrying an offset are first converted to that zone's civil date.
 */
export type DayParser = (text: string) => Day;

/** Two-digit years as POSIX strptime `%y`: 69–99 → 1900s, 00–68 → 2000s. */
export function expandTwoDigitYear(yy: number): number {
  return yy >= 69 ? 1900 + yy : 2000 + yy;
}

/**
 * Character codes the parsers look for. A const enum: tsc writes them as
 * literal numbers, where module constants would cost a check on every read in
 * the hot loops.
 */
/* eslint-disable @typescript-eslint/no-unsafe-enum-comparison -- the members are character codes, compared with charCodeAt's numbers */
const enum Ch {
  ZERO = 48,
  NINE = 57,
  SPACE = 32,
  UPPER_T = 84,
  LOWER_T = 116,
  UPPER_Z = 90,
  LOWER_Z = 122,
  COLON = 58,
  PLUS = 43,
  MINUS = 45,
  DOT = 46,
  UPPER_A = 65,
  UPPER_P = 80,
  LOWER_A = 97,
  LOWER_P = 112,
  UPPER_M = 77,
  LOWER_M = 109,
}

/** Time of day and UTC offset read after the date part; offsetMin NaN when absent. */
interface Clock {
  seconds: number;
  offsetMin: number;
}

/** Reads `[T ]H:MM[:SS[.fff]][ AM|PM][Z|±HH[:MM]]` from position i; undefined when malformed. */
function readClock(s: string, i: number): Clock | undefined {
  const n = s.length;
  if (i >= n) return { seconds: 0, offsetMin: NaN };
  let c = s.charCodeAt(i);
  if (c !== Ch.UPPER_T && c !== Ch.LOWER_T && c !== Ch.SPACE) return undefined;
  i++;
  while (i < n && s.charCodeAt(i) === Ch.SPACE) i++;
  const nums: number[] = [];
  let v = -1;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c >= Ch.ZERO && c <= Ch.NINE) v = (v < 0 ? 0 : v * 10) + (c - Ch.ZERO);
    else if (c === Ch.COLON && v >= 0 && nums.length < 2) {
      nums.push(v);
      v = -1;
    } else break;
  }
  if (v < 0) return undefined;
  nums.push(v);
  if (nums.length < 2) {
    // `HHMM` without a colon is not a time we accept inside a date value.
    return undefined;
  }
  if (i < n && s.charCodeAt(i) === Ch.DOT) {
    i++;
    while (i < n && (c = s.charCodeAt(i)) >= Ch.ZERO && c <= Ch.NINE) i++;
  }
  let h = nums[0]!;
  const mi = nums[1]!;
  const sec = nums[2] ?? 0;
  while (i < n && s.charCodeAt(i) === Ch.SPACE) i++;
  if (i + 1 < n) {
    const a = s.charCodeAt(i);
    const mm = s.charCodeAt(i + 1);
    if ((a === Ch.UPPER_A || a === Ch.LOWER_A || a === Ch.UPPER_P || a === Ch.LOWER_P) && (mm === Ch.UPPER_M || mm === Ch.LOWER_M)) {
      if (h < 1 || h > 12) return undefined;
      if (a === Ch.UPPER_P || a === Ch.LOWER_P) h = h === 12 ? 12 : h + 12;
      else if (h === 12) h = 0;
      i += 2;
      while (i < n && s.charCodeAt(i) === Ch.SPACE) i++;
    }
  }
  // 24:00:00 is the end of the day as written; :60 is a leap second, at the end of a minute.
  if ((h > 23 && !(h === 24 && mi === 0 && sec === 0)) || mi > 59 || sec > 60 || (sec === 60 && mi !== 59)) return undefined;
  let offsetMin = NaN;
  if (i < n) {
    c = s.charCodeAt(i);
    if (c === Ch.UPPER_Z || c === Ch.LOWER_Z) {
      offsetMin = 0;
      i++;
    } else if (c === Ch.PLUS || c === Ch.MINUS) {
      const sign = c === Ch.MINUS ? -1 : 1;
      i++;
      const digits: number[] = [];
      for (; i < n; i++) {
        c = s.charCodeAt(i);
        if (c >= Ch.ZERO && c <= Ch.NINE) digits.push(c - Ch.ZERO);
        else if (c !== Ch.COLON) break;
      }
      if (digits.length !== 2 && digits.length !== 4) return undefined;
      const oh = digits[0]! * 10 + digits[1]!;
      const om = digits.length === 4 ? digits[2]! * 10 + digits[3]! : 0;
      offsetMin = sign * (oh * 60 + om);
    }
  }
  if (i !== n) return undefined;
  return { seconds: h * 3600 + mi * 60 + sec, offsetMin };
}

/**
 * Reads the numeric date fields: up to three runs of digits separated by `sep`.
 * Returns the index just past the date part, or -1.
 */
function readDateParts(s: string, sep: number, out: number[]): number {
  const n = s.length;
  let i = 0;
  let k = 0;
  let v = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= Ch.ZERO && c <= Ch.NINE) {
      v = v * 10 + (c - Ch.ZERO);
      digits++;
      if (digits > 4) return -1;
    } else if (c === sep && digits > 0 && k < 2) {
      out[k++] = v;
      out[3 + k - 1] = digits;
      v = 0;
      digits = 0;
    } else break;
  }
  if (digits === 0) return -1;
  out[k] = v;
  out[3 + k] = digits;
  out[6] = k + 1;
  return i;
}

/**
 * A timestamp's civil day in an IANA zone. Cached per UTC quarter hour when
 * the zone's day is the same at both ends of it; a quarter hour holding the
 * zone's midnight (on a quarter hour in today's zones, anywhere in historical
 * ones such as Africa/Monrovia's −0:44:30) is computed for the instant itself.
 */
export function zoneDayConverter(zone: string): (utcMs: number) => Day {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hourCycle: 'h23',
  });
  const dayAt = (ms: number): Day => {
    const parts = fmt.formatToParts(new Date(ms));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    return dayFromCivil(get('year'), get('month'), get('day'));
  };
  const cache = new Map<number, Day>();
  const QUARTER = 15 * 60 * 1000;
  const MIXED = NaN;
  return (utcMs) => {
    const q = Math.floor(utcMs / QUARTER);
    let day = cache.get(q);
    if (day === undefined) {
      const first = dayAt(q * QUARTER);
      day = first === dayAt(q * QUARTER + QUARTER - 1) ? first : MIXED;
      if (cache.size > 200_000) cache.clear();
      cache.set(q, day);
    }
    return Number.isNaN(day) ? dayAt(utcMs) : day;
  };
}

/**
 * Builds the per-row parser for a detected layout. Values that do not follow
 * the layout return NaN (the row is counted as an unreadable date).
 */
export function makeDayParser(layout: DateLayout, toZone?: (utcMs: number) => Day): DayParser {
  const general = makeGeneralParser(layout, toZone);
  const fixed = fixedDayReader(layout);
  return fixed === null ? general : makeFixedParser(fixed, general);
}

// The fast path below writes character codes as literals (0x30 '0', 0x20
// space, 0x3a ':', 0x61 'a', 0x70 'p', 0x6d 'm'): it runs once per row.

/** Two ASCII digits at i as a number, or -1. */
function two(b: Uint8Array, i: number): number {
  const x = (b[i] as number) - 0x30;
  const y = (b[i + 1] as number) - 0x30;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1;
}

/** Reads the civil day of the bytes b[s, e), or NaN when they do not have the layout's exact fixed shape. */
export type FixedDayReader = (b: Uint8Array, s: number, e: number) => Day;

/**
 * The fast path for padded layouts with four-digit years: the date is read
 * at fixed offsets (`yyyy-MM-dd`, `MM/dd/yyyy`, `dd.MM.yyyy`), and a
 * `hh:mm:ss AM` clock is checked at fixed offsets too. Anything else is NaN,
 * for the general parser to decide, so results are the same. Null for
 * layouts without a fixed shape. Both readers (decoded text and raw bytes)
 * use this one.
 */
export function fixedDayReader(layout: DateLayout): FixedDayReader | null {
  if (!layout.padded || layout.yearDigits !== 4 || layout.order === 'ym') return null;
  const sep = layout.sep.charCodeAt(0);
  const ymd = layout.order === 'ymd';
  const mdy = layout.order === 'mdy';
  // date part: ymd: yyyy S MM S dd; mdy / dmy: xx S xx S yyyy
  const s1 = ymd ? 4 : 2;
  const s2 = ymd ? 7 : 5;
  const ampm = layout.timeTokens === ' hh:mm:ss a';
  return (b, s, e) => {
    const n = e - s;
    if (n !== 10 && !(ampm && n === 22)) return NaN;
    if (b[s + s1] !== sep || b[s + s2] !== sep) return NaN;
    let y: number;
    let m: number;
    let d: number;
    if (ymd) {
      const hi = two(b, s);
      const lo = two(b, s + 2);
      if (hi < 0 || lo < 0) return NaN;
      y = hi * 100 + lo;
      m = two(b, s + 5);
      d = two(b, s + 8);
    } else {
      const hi = two(b, s + 6);
      const lo = two(b, s + 8);
      if (hi < 0 || lo < 0) return NaN;
      y = hi * 100 + lo;
      const x = two(b, s);
      const z = two(b, s + 3);
      m = mdy ? x : z;
      d = mdy ? z : x;
    }
    if (m < 0 || d < 0 || !isValidCivil(y, m, d)) return NaN;
    if (n === 22) {
      // " hh:mm:ss AM"; a leap second (:60) goes to the general parser
      if (b[s + 10] !== 0x20 || b[s + 13] !== 0x3a || b[s + 16] !== 0x3a || b[s + 19] !== 0x20) return NaN;
      const h = two(b, s + 11);
      const mi = two(b, s + 14);
      const sec = two(b, s + 17);
      const a = (b[s + 20] as number) | 0x20;
      const mm = (b[s + 21] as number) | 0x20;
      if (h < 1 || h > 12 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || (a !== 0x61 && a !== 0x70) || mm !== 0x6d) return NaN;
    }
    return dayFromCivil(y, m, d);
  };
}

/** The fixed-position reader for decoded text: the value's code units go through a small scratch buffer. */
function makeFixedParser(read: FixedDayReader, general: DayParser): DayParser {
  // A Buffer, as the scanner hands the bytes reader: one kind of array keeps its element reads monomorphic.
  const scratch = Buffer.alloc(22);
  return (text: string): Day => {
    const n = text.length;
    if (n !== 10 && n !== 22) return general(text);
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      // not ASCII: not the fixed shape (and a byte would wrap)
      if (c > 0x7f) return general(text);
      scratch[i] = c;
    }
    const day = read(scratch, 0, n);
    return day === day ? day : general(text);
  };
}

/** The general per-row parser (exported for the differential test of the fixed-position fast path). */
export function makeGeneralParser(layout: DateLayout, toZone?: (utcMs: number) => Day): DayParser {
  const sep = layout.sep.charCodeAt(0);
  const parts = [0, 0, 0, 0, 0, 0, 0];
  const { order } = layout;
  return (text: string): Day => {
    const end = readDateParts(text, sep, parts);
    if (end < 0) return NaN;
    const count = parts[6]!;
    let y: number;
    let m: number;
    let d: number;
    if (order === 'ym') {
      if (count !== 2 || parts[3] !== 4) return NaN;
      y = parts[0]!;
      m = parts[1]!;
      d = 1;
    } else {
      if (count !== 3) return NaN;
      if (order === 'ymd') {
        if (parts[3] !== 4) return NaN;
        y = parts[0]!;
        m = parts[1]!;
        d = parts[2]!;
      } else {
        const yd = parts[5]!;
        // The year is written with the layout's digits: `06` in a yyyy column is not 2006.
        if (yd !== layout.yearDigits) return NaN;
        y = yd === 2 ? expandTwoDigitYear(parts[2]!) : parts[2]!;
        if (order === 'mdy') {
          m = parts[0]!;
          d = parts[1]!;
        } else {
          d = parts[0]!;
          m = parts[1]!;
        }
      }
    }
    if (!isValidCivil(y, m, d)) return NaN;
    const day = dayFromCivil(y, m, d);
    if (end === text.length) return day;
    const clock = readClock(text, end);
    if (!clock) return NaN;
    if (toZone && !Number.isNaN(clock.offsetMin)) {
      return toZone((day * 86400 + clock.seconds - clock.offsetMin * 60) * 1000);
    }
    return day;
  };
}

/** The layout written as date-fns tokens, e.g. `MM/dd/yyyy hh:mm:ss a`. */
export function layoutTokens(layout: DateLayout): string {
  const y = layout.yearDigits === 2 ? 'yy' : 'yyyy';
  const M = layout.padded ? 'MM' : 'M';
  const d = layout.padded ? 'dd' : 'd';
  const s = layout.sep;
  let date: string;
  switch (layout.order) {
    case 'ym':
      date = `yyyy${s}MM`;
      break;
    case 'ymd':
      date = `yyyy${s}${M}${s}${d}`;
      break;
    case 'mdy':
      date = `${M}${s}${d}${s}${y}`;
      break;
    case 'dmy':
      date = `${d}${s}${M}${s}${y}`;
      break;
  }
  return date + layout.timeTokens + (layout.offset ? 'X' : '');
}

const SHAPE =
  /^(\d{1,4})([-/.])(\d{1,2})(?:\2(\d{1,4}))?(?:([T ])\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(\s*[AaPp][Mm])?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** The outcome of looking at a column's values. */
export type DateDetection =
  | { kind: 'ok'; layout: DateLayout; matched: number; seen: number; note?: string }
  | { kind: 'ambiguous'; sep: string; example: string; seen: number; layoutFor: (order: 'mdy' | 'dmy') => DateLayout }
  | { kind: 'none'; seen: number; examples: string[] };

interface ShapeTally {
  shape: 'ym' | 'ymd' | 'xy';
  sep: string;
  count: number;
  example: string;
  padded: boolean;
  yearDigits: 2 | 4;
  twoDigitYears: number;
  firstOver12: number;
  secondOver12: number;
  timeTokens: Map<string, number>;
  offset: number;
}

/**
 * Decides one layout for a column from sample values (already trimmed, empty
 * ones left out). Day-first against month-first is decided only by a value
 * whose first or second part is over 12; otherwise the result is `ambiguous`.
 */
export function detectDateLayout(values: readonly string[]): DateDetection {
  const tallies = new Map<string, ShapeTally>();
  let seen = 0;
  const misses: string[] = [];
  for (const v of values) {
    seen++;
    const m = SHAPE.exec(v);
    if (!m) {
      if (misses.length < 3) misses.push(v);
      continue;
    }
    const [, a, sep, b, c, tsep, hh, , ss, ampm, off] = m as unknown as (string | undefined)[];
    let order: ShapeTally['shape'];
    if (c === undefined) {
      if (a!.length !== 4 || tsep !== undefined) continue;
      order = 'ym';
    } else if (a!.length === 4) order = 'ymd';
    else if (a!.length <= 2 && (c.length === 4 || c.length === 2)) order = 'xy';
    else continue;
    const key = `${order}${sep}`;
    let t = tallies.get(key);
    if (!t) {
      t = {
        shape: order,
        sep: sep!,
        count: 0,
        example: v,
        padded: true,
        yearDigits: 4,
        twoDigitYears: 0,
        firstOver12: 0,
        secondOver12: 0,
        timeTokens: new Map(),
        offset: 0,
      };
      tallies.set(key, t);
    }
    t.count++;
    if (order === 'xy') {
      if (Number(a) > 12) t.firstOver12++;
      if (Number(b) > 12) t.secondOver12++;
      if (a!.length === 1 || b!.length === 1) t.padded = false;
      if (c!.length === 2) t.twoDigitYears++;
    } else if (order === 'ymd' && (b!.length === 1 || c!.length === 1)) t.padded = false;
    if (hh !== undefined) {
      const h = ampm ? (hh.length === 1 ? 'h' : 'hh') : hh.length === 1 ? 'H' : 'HH';
      const tok = `${tsep === 'T' ? "'T'" : ' '}${h}:mm${ss !== undefined ? ':ss' : ''}${ampm ? ' a' : ''}`;
      t.timeTokens.set(tok, (t.timeTokens.get(tok) ?? 0) + 1);
    }
    if (off) t.offset++;
  }
  let best: [string, ShapeTally] | undefined;
  for (const e of tallies) if (!best || e[1].count > best[1].count) best = e;
  if (!best || best[1].count < Math.max(1, seen * 0.5)) return { kind: 'none', seen, examples: misses };
  const t = best[1];
  const sep = t.sep;
  let order: DateOrder;
  let note: string | undefined;
  if (t.shape === 'ym') order = 'ym';
  else if (t.shape === 'ymd') order = 'ymd';
  else if (t.firstOver12 > 0 && t.secondOver12 > 0) {
    order = t.secondOver12 >= t.firstOver12 ? 'mdy' : 'dmy';
    const other = order === 'mdy' ? t.firstOver12 : t.secondOver12;
    const main = order === 'mdy' ? t.secondOver12 : t.firstOver12;
    // A stray typo is just an unreadable row; a real share of both orders is worth saying.
    if (other >= 3 && other * 20 >= main) {
      note = `${other} of the sampled dates only fit ${order === 'mdy' ? 'day-first' : 'month-first'} and ${main} only fit ${order === 'mdy' ? 'month-first' : 'day-first'}: reading them ${order === 'mdy' ? 'month-first' : 'day-first'}; the others count as unreadable (give --date-format to choose)`;
    }
  } else if (t.secondOver12 > 0) order = 'mdy';
  else if (t.firstOver12 > 0) order = 'dmy';
  else return { kind: 'ambiguous', sep, example: t.example, seen, layoutFor: (o) => shapeLayout(t, o) };
  return note === undefined
    ? { kind: 'ok', layout: shapeLayout(t, order), matched: t.count, seen }
    : { kind: 'ok', layout: shapeLayout(t, order), matched: t.count, seen, note };
}

/** The layout of a shape seen in the values, read in `order`. */
function shapeLayout(t: ShapeTally, order: DateOrder): DateLayout {
  let timeTokens = '';
  let most = 0;
  for (const [tok, n] of t.timeTokens) if (n > most) [timeTokens, most] = [tok, n];
  // Hours written both as `0:00` and `23:50` are unpadded hours (H), whichever is commoner.
  const unpadded = timeTokens.replace(/HH|hh/, (h) => h[0]!);
  if (unpadded !== timeTokens && t.timeTokens.has(unpadded)) timeTokens = unpadded;
  // Two-digit and four-digit years: the commoner wins; the others count as unreadable.
  if (t.twoDigitYears * 2 > t.count) t.yearDigits = 2;
  return {
    order,
    sep: t.sep,
    yearDigits: order === 'ymd' || order === 'ym' ? 4 : t.yearDigits,
    padded: order === 'ym' ? true : t.padded,
    timeTokens,
    offset: t.offset > 0,
  };
}
