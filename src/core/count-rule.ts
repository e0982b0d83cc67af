/**
 * The counting rule: how one record becomes a count, a skipped row, a
 * filtered row or an unmapped one, decided once per file as a plan (plain
 * data, so that a helper thread counts exactly as the main one does). The
 * decoded-text counter here and the raw-bytes counter (io/byte-counter.ts)
 * both build group keys with {@link groupKeyOf} and read fixed-shape dates with
 * dates.ts's one fixed reader.
 */
import { InputError } from '../errors.js';
import { KEY_SEP, type Tally } from './aggregate.js';
import type { Day } from './civil.js';
import { parserForTokens } from './date-format.js';
import { type DateLayout, type DayParser, makeDayParser } from './dates.js';
import type { CodeSystem, CompiledMap, UnmappedPolicy } from './maps.js';
import { labelNames, type MeasureSpec, measureTagger, TAG_SEP } from './measure.js';
import type { DateReader, PendingRow } from './date-reader.js';
import { isMissing, MISSING_KEY, type RecordCallback, SKIP_LABELS, type SkipReason } from './types.js';

/** How a file's dates are read: a detected layout, or --date-format tokens. Plain data. */
export type DateSpec = { layout: DateLayout } | { tokens: string };

/** The row parser for a date spec. */
export function dateParser(spec: DateSpec, toZone?: (utcMs: number) => Day): DayParser {
  return 'tokens' in spec ? parserForTokens(spec.tokens, toZone) : makeDayParser(spec.layout, toZone);
}

/**
 * How one file's projected records become counts, decided once per file.
 * Plain data, so that a helper thread counts exactly as the main one does.
 */
export interface RowPlan {
  /** Fields a usable record has (the header's). */
  width: number;
  /** Slots in the projected record; -1 when not read. */
  date: number;
  offense: number;
  area: number;
  id: number;
  map: number;
  /** --count-col: the slot of the count column, -1 when rows count one each. */
  count: number;
  /** --where conditions: the slot read, whether negated, the values, and which --where (for the values seen). */
  wheres: { index: number; negate: boolean; values: string[]; clause: number }[];
  byOffense: boolean;
  areaFirst: boolean;
}

/** Everything a helper needs to count part of a file as {@link ingest} would. Plain data. */
export interface CountJob {
  /** The projection: the file's columns that the plan's slots refer to. */
  cols: number[];
  plan: RowPlan;
  dates: DateSpec;
  tz?: string;
  /** `--map` by its argument (the helper loads it again with the crosswalk of the file's preset), the code system and the policy. */
  map?: MapJob;
  /** --weights (and, through the plan's count slot, --count-col). */
  measure?: MeasureSpec;
  strict: boolean;
}

/** A file's map as plain data. */
export interface MapJob {
  name: string;
  system: CodeSystem | undefined;
  unmapped: UnmappedPolicy;
  /** The file's preset, whose crosswalk the built-in maps read. */
  preset?: string;
  rollup?: boolean;
}

/** What a source needs to count records without delivering them (see {@link RecordSource.countDirect}). */
export interface DirectCounter {
  tally: Tally;
  skip: SkipRow;
  parse: DayParser;
  mapFn: CompiledMap | null;
  fallback: RecordCallback;
  /** Counts a record again without reading it anew (rowsRead unchanged): where a row whose date cannot be read goes. */
  recount: RecordCallback;
}

/** A row whose date no layout reads yet: its fields, field count, line and the date as written. */
export type Unreadable = (fields: string[], count: number, line: number, raw: string) => void;

/**
 * The group key of a row from its (mapped) offense and its area: the area
 * alone, the offense alone, both in the order of --by, or '' (one group)
 * when neither is grouped by. A missing area (empty, NULL, NA…) is
 * {@link MISSING_KEY}, never merged with a value from the data.
 */
export function groupKeyOf(plan: RowPlan): (offense: string, area: string) => string {
  const { byOffense, areaFirst } = plan;
  const a = (area: string) => (isMissing(area) ? MISSING_KEY : area);
  if (plan.area < 0) return byOffense ? (offense) => offense : () => '';
  if (!byOffense) return (_offense, area) => a(area);
  return areaFirst ? (offense, area) => a(area) + KEY_SEP + offense : (offense, area) => offense + KEY_SEP + a(area);
}

/** Distinct values of a --where column kept for the "matches nothing" check. */
export const SEEN_CAP = 10_000;

/** A --where value as compared: a missing value (empty, NULL, NA…) is one value, whichever way it is written. */
export function whereValue(v: string): string {
  return isMissing(v) ? MISSING_KEY : v;
}

/** A row that cannot be used: with --strict, the error; else counted. */
export type SkipRow = (reason: SkipReason, line: number, value?: string) => void;

/** The per-record counting step of one file: each record read becomes a count, a skip or a filtered row. */
export function rowCounter(
  plan: RowPlan,
  parse: DayParser,
  mapFn: CompiledMap | null,
  tally: Tally,
  skip: SkipRow,
  measure?: MeasureSpec,
  unreadable?: Unreadable,
): RecordCallback {
  const recount = recordCounter(plan, parse, mapFn, tally, skip, measure, unreadable);
  return (f, count, line) => {
    tally.rowsRead++;
    recount(f, count, line);
  };
}

/**
 * The counting step without the read: a record already counted in rowsRead
 * becomes a count, a skip, a filtered or unmapped row, or (with `unreadable`)
 * waits because no layout reads its date yet.
 */
export function recordCounter(
  plan: RowPlan,
  parse: DayParser,
  mapFn: CompiledMap | null,
  tally: Tally,
  skip: SkipRow,
  measure?: MeasureSpec,
  unreadable?: Unreadable,
): RecordCallback {
  const { width, date: di, offense: oi, area: ai, id: ii, map: mi, count: ci } = plan;
  const groupKey = groupKeyOf(plan);
  const tagger = measureTagger(measure, ci >= 0);
  const wheres = plan.wheres.map((w) => ({
    index: w.index,
    negate: w.negate,
    values: new Set(w.values.map(whereValue)),
    seen: tally.whereValues(w.clause),
  }));
  const nw = wheres.length;
  const byArea = ai >= 0;
  return (f, count, line) => {
    if (count !== width) return skip('wrongFieldCount', line);
    for (let w = 0; w < nw; w++) {
      const c = wheres[w]!;
      const v = whereValue(f[c.index]!.trim());
      if (c.seen.size < SEEN_CAP) c.seen.add(v);
      if (c.values.has(v) === c.negate) {
        tally.rowsFiltered++;
        return;
      }
    }
    const rawDate = f[di]!.trim();
    if (isMissing(rawDate)) return skip('missingDate', line);
    const day = parse(rawDate);
    if (Number.isNaN(day)) return unreadable ? unreadable(f, count, line, rawDate) : skip('unreadableDate', line, rawDate);
    // No offense column: every row counts, in one group (or by area).
    const offense = oi >= 0 ? f[oi]!.trim() : '';
    if (oi >= 0 && isMissing(offense)) return skip('missingOffense', line);
    let label = offense;
    let code = offense;
    if (mapFn) {
      if (mi !== oi) code = f[mi]!.trim();
      const mapped = mapFn.apply(code, offense);
      if (mapFn.lastUnplaced !== undefined) tally.unplacedRow(mapFn.lastUnplaced);
      if (mapped === null) {
        tally.rowsUnmapped++;
        tally.noteDay(day);
        return;
      }
      label = mapped;
    }
    let key = groupKey(label, byArea ? f[ai]!.trim() : '');
    if (tagger) {
      const countText = ci >= 0 ? f[ci]!.trim() : '';
      const tag = tagger(offense, code, mapFn ? labelNames(label) : [], countText);
      if (tag === null) return skip('badCount', line, countText);
      key += TAG_SEP + tag;
    }
    const id = ii >= 0 ? f[ii]!.trim() : undefined;
    tally.add(tally.group(key), day, id !== undefined && isMissing(id) ? '' : id);
  };
}

/** The one-line error for a row that cannot be used, under --strict. */
export function strictError(reason: SkipReason, file: string, line: number, value?: string): InputError {
  return new InputError('UNUSABLE_ROW', skipMessage(reason, file, line, value));
}

function skipMessage(reason: SkipReason, file: string, line: number, value?: string): string {
  const what = SKIP_LABELS[reason] + (value !== undefined ? ` ("${value}")` : '');
  return `${file}:${line}: ${what}; the row cannot be used (--strict stops at the first such row)`;
}

/** The counters of one file: a record read (count), counted again (recount), and the end of the file (finish). */
export interface FileCounters {
  count: RecordCallback;
  recount: RecordCallback;
  /** Reads what waits for a date layout (with `extra` rows from elsewhere), then gives up the rest as unreadable. */
  finish(extra?: readonly PendingRow[]): void;
}

/**
 * The counting steps of one file, with `reader` holding rows whose date no
 * layout reads yet until another layout turns up (not under --strict, which
 * stops at the first unreadable date).
 */
export function fileCounters(
  plan: RowPlan,
  reader: DateReader,
  mapFn: CompiledMap | null,
  tally: Tally,
  skip: SkipRow,
  strict: boolean,
  measure?: MeasureSpec,
): FileCounters {
  const again = (r: PendingRow) => recount(r.fields, r.count, r.line);
  const giveUp = (r: PendingRow) => skip('unreadableDate', r.line, r.raw);
  const unreadable: Unreadable | undefined =
    reader.adopt && !strict ? (fields, count, line, raw) => reader.wait({ fields, count, line, raw }, again, giveUp) : undefined;
  const recount = recordCounter(plan, reader.parse, mapFn, tally, skip, measure, unreadable);
  return {
    count: (f, n, line) => {
      tally.rowsRead++;
      recount(f, n, line);
    },
    recount,
    finish: (extra = []) => reader.finish(again, giveUp, extra),
  };
}
