/**
 * Rows to counts: for each file, read the header and a sample, decide the
 * roles and the date format once, then stream every row into one {@link Tally}.
 * Pure: records arrive as an async iterable; nothing here touches files.
 */
import { InputError } from '../errors.js';
import { KEY_SEP, Tally, type TallyPart } from './aggregate.js';
import { type Day, civilFromDay, dayFromCivil, daysInMonth } from './civil.js';
import { parserForTokens } from './date-format.js';
import { type DateLayout, type DayParser, detectDateLayout, layoutTokens, makeDayParser, zoneDayConverter } from './dates.js';
import { type CodeSystem, compileMap, type OffenseMap, type UnmappedPolicy, type WhereClause } from './maps.js';
import { type ResolvedRoles, type RoleFlags, requireColumn, resolveRoles } from './roles/detect.js';
import { type FileInfo, type GroupDim, SKIP_LABELS, type SkipReason } from './types.js';

export interface RawRecord {
  /** All fields, or the projected ones (see {@link RecordSource.project}). */
  fields: string[];
  /** How many fields the record really has (also when projected). */
  count: number;
  /** 1-based physical line on which the record ends. */
  line: number;
}

/**
 * Receives records: `fields` (all, or the projected ones — a projected index
 * past the end of a short row is ''), the record's true field count and the
 * 1-based physical line on which it ends. `fields` belongs to the callee.
 */
export type RecordCallback = (fields: string[], count: number, line: number) => void;

/** One opened input; sources are opened one at a time, in order. */
export interface RecordSource {
  name: string;
  delimiter: string;
  /** Which reader decodes the file (for tests and --debug). */
  reader?: string;
  /** Bytes of the file read so far, and its size when known (for a progress bar); `helper`: [bytes, rows] read by a helper thread. */
  progress?: { bytesRead: number; totalBytes: number | null; helper?: Float64Array };
  /**
   * Offers the rest of the file to a helper thread that would count a second
   * part with `job` while read() goes on with the first; true when the source
   * may split (it decides while reading, and only for a large file on disk).
   */
  offload?(job: CountJob): boolean;
  /**
   * Once read() has returned false: the helper's counts and the number of
   * lines before its part; null when no helper ran or its part was read here
   * after all (the split was not on a record boundary, or the helper failed).
   */
  helped?(): { part: TallyPart; lineOffset: number } | null;
  /**
   * Lets the source count the rest of the file straight from its bytes, as
   * `counter.fallback` (this file's record counter) would count the records;
   * the source may hand any record back to `fallback`. True when it will.
   */
  countDirect?(job: CountJob, counter: DirectCounter): boolean;
  /** Called once the file is done with (read, or given up on an error): stops a helper thread that may still run. */
  close?(): void;
  /** How the file was read, for --debug: e.g. the split between threads. */
  describe?(): string;
  /**
   * Delivers the next batch of records (possibly none) to `onRecord`;
   * resolves false, delivering nothing, once the input is exhausted.
   */
  read(onRecord: RecordCallback): Promise<boolean>;
  /** From the next record on, deliver only these fields, in this order; null: all. */
  project(indices: readonly number[] | null): void;
}

/** A source over already split records (csv-parse's, a test's), delivered `batch` at a time. */
export function recordSource(
  name: string,
  delimiter: string,
  records: AsyncIterable<{ fields: string[]; line: number }>,
  batch = 256,
): RecordSource {
  const it = records[Symbol.asyncIterator]();
  let proj: readonly number[] | null = null;
  let done = false;
  return {
    name,
    delimiter,
    project: (indices) => {
      proj = indices === null ? null : [...indices];
    },
    async read(onRecord) {
      if (done) return false;
      for (let n = 0; n < batch; n++) {
        const r = await it.next();
        if (r.done) {
          done = true;
          return n > 0;
        }
        const f = r.value.fields;
        const p = proj;
        onRecord(p === null ? f : p.map((i) => f[i] ?? ''), f.length, r.value.line);
      }
      return true;
    },
  };
}

export interface IngestOptions {
  roles: RoleFlags;
  /** date-fns tokens from --date-format. */
  dateFormat?: string;
  /** `--tz`: the zone whose civil day counts, for values with a UTC offset. */
  tz?: string;
  groupBy: readonly GroupDim[];
  strict: boolean;
  /** Called for each warning meant for standard error. */
  warn: (message: string) => void;
  /** `--where` conditions (AND). */
  where?: readonly WhereClause[];
  /** `--map`: applied to the offense value, or to `column` / the preset's code column. */
  map?: { map: OffenseMap; column?: string; unmapped?: UnmappedPolicy };
  /**
   * Called once per file when its roles and dates are decided; may return an
   * observer that sees every record with all its fields (used by `inspect`).
   */
  observe?: (setup: FileSetup) => ((fields: readonly string[]) => void) | undefined;
  /** Called after every batch of records with the source and the rows read so far (all files). */
  onBatch?: (source: RecordSource, rowsRead: number) => void;
}

/** What was decided for one file before its rows are read. */
export interface FileSetup {
  name: string;
  header: readonly string[];
  roles: ResolvedRoles;
  dateFormat: string;
  delimiter: string;
  /** The column the map reads and the code system assumed, when a map is given. */
  mapColumn: { name: string; system: CodeSystem | undefined } | null;
}

/** Picks the column a map reads in one file. */
function mapColumnFor(
  opts: IngestOptions,
  header: readonly string[],
  roles: ResolvedRoles,
  file: string,
): { index: number; system: CodeSystem | undefined } | null {
  const m = opts.map;
  if (!m) return null;
  const systemOf = (name: string) => roles.preset?.codes?.find((c) => c.column === name)?.system;
  if (m.column !== undefined) {
    const index = requireColumn(header, m.column, '--map-col', file);
    return { index, system: systemOf(m.column) };
  }
  if (!m.map.systems) return { index: roles.index.offense, system: undefined };
  const code = roles.preset?.codes?.find((c) => m.map.systems!.includes(c.system) && header.includes(c.column));
  if (code) return { index: header.indexOf(code.column), system: code.system };
  const off = roles.names.offense;
  opts.warn(
    `${file}: --map ${m.map.name} reads offense codes, and no code column of a known schema was found; reading "${off}" as NIBRS codes — name the code column with --map-col`,
  );
  return { index: roles.index.offense, system: systemOf(off) };
}

export interface IngestResult {
  tally: Tally;
  files: FileInfo[];
  /** True when any file has month-only dates (`YYYY-MM`). */
  monthly: boolean;
  resolved: ResolvedRoles[];
}

/** What a command read: the counts, and the names its report shows. */
export interface ReadResult extends IngestResult {
  fileNames: string[];
  usedSample: boolean;
  /** The --map argument, or null. */
  mapName: string | null;
}

/** The last day the data covers: its latest date, or the end of that month for month-only data. */
export function dataEnd(read: IngestResult): Day {
  if (!read.monthly) return read.tally.maxDay;
  const c = civilFromDay(read.tally.maxDay);
  return dayFromCivil(c.y, c.m, daysInMonth(c.y, c.m));
}

const FIRST_SAMPLE = 1000;
const MAX_SAMPLE = 50_000;

function describeDelimiter(d: string): string {
  return d === '\t' ? 'tab' : d === ',' ? 'comma' : d === ';' ? 'semicolon' : d === '|' ? 'pipe' : JSON.stringify(d);
}

export { describeDelimiter };

/** How a file's dates are read: a detected layout, or --date-format tokens. Plain data. */
export type DateSpec = { layout: DateLayout } | { tokens: string };

/** The row parser for a date spec. */
export function dateParser(spec: DateSpec, toZone?: (utcMs: number) => Day): DayParser {
  return 'tokens' in spec ? parserForTokens(spec.tokens, toZone) : makeDayParser(spec.layout, toZone);
}

interface FileDates {
  parse: DayParser;
  spec: DateSpec;
  tokens: string;
  monthly: boolean;
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
  wheres: { index: number; negate: boolean; values: string[] }[];
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
  /** `--map` by its argument (the helper loads it again), the code system and the policy. */
  map?: { name: string; system: CodeSystem | undefined; unmapped: UnmappedPolicy };
  strict: boolean;
}

/** What a source needs to count records without delivering them (see {@link RecordSource.countDirect}). */
export interface DirectCounter {
  tally: Tally;
  skip: SkipRow;
  parse: DayParser;
  mapFn: ((value: string) => string | null) | null;
  fallback: RecordCallback;
}

/** A row that cannot be used: with --strict, the error; else counted. */
export type SkipRow = (reason: SkipReason, line: number, value?: string) => void;

/** The per-record counting step of one file: each record read becomes a count, a skip or a filtered row. */
export function rowCounter(
  plan: RowPlan,
  parse: DayParser,
  mapFn: ((value: string) => string | null) | null,
  tally: Tally,
  skip: SkipRow,
): RecordCallback {
  const { width, date: di, offense: oi, area: ai, id: ii, map: mi, byOffense, areaFirst } = plan;
  const wheres = plan.wheres.map((w) => ({ index: w.index, negate: w.negate, values: new Set(w.values) }));
  const nw = wheres.length;
  const byArea = ai >= 0;
  return (f, count, line) => {
    tally.rowsRead++;
    if (count !== width) return skip('wrongFieldCount', line);
    for (let w = 0; w < nw; w++) {
      const c = wheres[w]!;
      if (c.values.has(f[c.index]!.trim()) === c.negate) {
        tally.rowsFiltered++;
        return;
      }
    }
    const rawDate = f[di]!.trim();
    if (rawDate === '') return skip('missingDate', line);
    const day = parse(rawDate);
    if (Number.isNaN(day)) return skip('unreadableDate', line, rawDate);
    let offense = f[oi]!.trim();
    if (offense === '') return skip('missingOffense', line);
    if (mapFn) {
      const code = mi === oi ? offense : f[mi]!.trim();
      const mapped = mapFn(code === '' ? offense : code);
      if (mapped === null) {
        tally.rowsUnmapped++;
        return;
      }
      offense = mapped;
    }
    let key: string;
    if (byArea) {
      const area = f[ai]!.trim() || '(blank)';
      key = !byOffense ? area : areaFirst ? area + KEY_SEP + offense : offense + KEY_SEP + area;
    } else key = offense;
    tally.add(tally.group(key), day, ii >= 0 ? f[ii]!.trim() : undefined);
  };
}

/** The one-line error for a row that cannot be used, under --strict. */
export function strictError(reason: SkipReason, file: string, line: number, value?: string): InputError {
  return new InputError('UNUSABLE_ROW', skipMessage(reason, file, line, value));
}

/** Decides the date parser for one file from its sample. */
function fileDates(
  name: string,
  column: string,
  values: string[],
  opts: IngestOptions,
  previous: DateLayout[],
  sampleRows: number,
  exhausted: boolean,
  toZone: ((utcMs: number) => Day) | undefined,
): FileDates | 'more' {
  if (opts.dateFormat !== undefined) {
    const spec: DateSpec = { tokens: opts.dateFormat };
    const parse = dateParser(spec, toZone);
    if (values.length > 0 && !values.slice(0, 200).some((v) => !Number.isNaN(parse(v)))) {
      throw new InputError(
        'NOT_DATES',
        `no value in column "${column}" of ${name} matches --date-format "${opts.dateFormat}" (e.g. "${values[0]}")`,
      );
    }
    return { parse, spec, tokens: opts.dateFormat, monthly: /^y+[-/.]M+$/.test(opts.dateFormat) };
  }
  if (values.length === 0) {
    if (!exhausted) return 'more';
    throw new InputError('NOT_DATES', `no row of ${name} has a date in column "${column}"`);
  }
  const det = detectDateLayout(values);
  if (det.kind === 'none') {
    throw new InputError(
      'NOT_DATES',
      `the values of column "${column}" in ${name} do not look like dates (e.g. ${det.examples
        .map((e) => JSON.stringify(e))
        .join(', ')}); name the date column with --date-col or give --date-format`,
    );
  }
  let layout: DateLayout;
  if (det.kind === 'ambiguous') {
    if (!exhausted && sampleRows < MAX_SAMPLE) return 'more';
    const prior = previous.find((p) => (p.order === 'mdy' || p.order === 'dmy') && p.sep === det.sep);
    if (!prior) {
      const s = det.sep;
      throw new InputError(
        'AMBIGUOUS_DATE_FORMAT',
        `dates in column "${column}" of ${name} such as "${det.example}" can be month-first or day-first, and none of the first ${sampleRows.toLocaleString('en-US')} rows decides; give --date-format "MM${s}dd${s}yyyy" or "dd${s}MM${s}yyyy"`,
      );
    }
    layout = { ...prior };
    opts.warn(`${name}: dates such as "${det.example}" read ${prior.order === 'mdy' ? 'month-first' : 'day-first'}, as in the file before it`);
  } else {
    layout = det.layout;
    if (det.note) opts.warn(`${name}: ${det.note}`);
  }
  previous.push(layout);
  const spec: DateSpec = { layout };
  const parse = dateParser(spec, toZone);
  if (layout.offset && !toZone) {
    opts.warn(
      `${name}: dates in "${column}" carry a UTC offset (e.g. "${typicalValue(values, parse)}"); counting the date as written — give --tz ZONE to count local days`,
    );
  }
  return { parse, spec, tokens: layoutTokens(layout), monthly: layout.order === 'ym' };
}

/** A value to quote as an example: the readable one with the median date (not a stray 0001-01-01). */
function typicalValue(values: readonly string[], parse: DayParser): string {
  const read = values.map((v) => ({ v, day: parse(v) })).filter((x) => !Number.isNaN(x.day));
  if (read.length === 0) return values[0] ?? '';
  read.sort((a, b) => a.day - b.day);
  return read[read.length >> 1]!.v;
}

function skipMessage(reason: SkipReason, file: string, line: number, value?: string): string {
  const what = SKIP_LABELS[reason] + (value !== undefined ? ` ("${value}")` : '');
  return `${file}:${line}: ${what}; the row cannot be used (--strict stops at the first such row)`;
}

/** Reads every source into one tally. */
export async function ingest(
  sources: ReadonlyArray<() => Promise<RecordSource>>,
  opts: IngestOptions,
): Promise<IngestResult> {
  const tally = new Tally(opts.roles.id !== undefined);
  const files: FileInfo[] = [];
  const resolvedAll: ResolvedRoles[] = [];
  const layouts: DateLayout[] = [];
  let monthly = false;
  const byOffense = opts.groupBy.includes('offense');
  const byArea = opts.groupBy.includes('area');
  const areaFirst = opts.groupBy[0] === 'area';
  const toZone = opts.tz !== undefined ? zoneDayConverter(opts.tz) : undefined;

  for (const open of sources) {
    const src = await open();
    try {
      const buffer: RawRecord[] = [];
      const collect: RecordCallback = (fields, count, line) => {
        buffer.push({ fields, count, line });
      };
      let exhausted = false;
      const fill = async (upTo: number) => {
        while (!exhausted && buffer.length < upTo) {
          if (!(await src.read(collect))) exhausted = true;
        }
      };
      await fill(1);
      const first = buffer.shift();
      if (first === undefined) throw new InputError('EMPTY_INPUT', `${src.name} is empty`);
      const header = first.fields.map((h) => h.trim());
      const width = header.length;
      await fill(FIRST_SAMPLE);
      if (buffer.length === 0) {
        // Nothing to detect from; the header alone adds no rows to the report.
        if (sources.length > 1) opts.warn(`${src.name} has a header and no rows`);
        files.push({
          name: src.name,
          roles: { date: '', offense: '', area: null, id: opts.roles.id ?? null },
          dateFormat: '',
          delimiter: src.delimiter,
          rowsRead: 0,
        });
        continue;
      }
      const roles = resolveRoles(
        header,
        buffer.map((r) => r.fields),
        opts.roles,
        src.name,
      );
      for (const n of roles.notes) opts.warn(n);
      if (byArea && roles.index.area < 0) {
        throw new InputError(
          'NO_AREA_COLUMN',
          `--by area needs an area column, and none was found in ${src.name}; name it with --area-col (columns: ${header.join(', ')})`,
        );
      }
      const di = roles.index.date;
      let dates: FileDates | 'more';
      for (;;) {
        const values: string[] = [];
        for (const r of buffer) {
          if (r.count !== width) continue; // skipped as wrong number of fields
          const v = r.fields[di]?.trim();
          if (v) values.push(v);
        }
        dates = fileDates(src.name, roles.names.date, values, opts, layouts, buffer.length, exhausted, toZone);
        if (dates !== 'more') break;
        await fill(Math.min(MAX_SAMPLE, buffer.length * 10 + FIRST_SAMPLE));
      }
      monthly ||= dates.monthly;
      resolvedAll.push(roles);

      // Filters and the map compile to column indices and set/map lookups, once per file.
      const wheres = (opts.where ?? []).map((w) => ({
        index: requireColumn(header, w.column, `--where ${w.text}`, src.name),
        negate: w.negate,
        values: [...w.values],
      }));
      const mapCol = mapColumnFor(opts, header, roles, src.name);
      const unmapped = opts.map ? (opts.map.unmapped ?? opts.map.map.defaultUnmapped) : 'keep';
      const mapFn = opts.map && mapCol ? compileMap(opts.map.map, mapCol.system, unmapped) : null;
      const observer = opts.observe?.({
        name: src.name,
        header,
        roles,
        dateFormat: dates.tokens,
        delimiter: src.delimiter,
        mapColumn: mapCol ? { name: header[mapCol.index]!, system: mapCol.system } : null,
      });

      // Only the columns read below are decoded from here on (all of them for an observer).
      const cols: number[] = [];
      const slot = (col: number): number => {
        if (col < 0) return -1;
        if (observer) return col;
        let j = cols.indexOf(col);
        if (j < 0) j = cols.push(col) - 1;
        return j;
      };
      const plan: RowPlan = {
        width,
        date: slot(di),
        offense: slot(roles.index.offense),
        area: byArea ? slot(roles.index.area) : -1,
        id: slot(roles.index.id),
        map: slot(mapCol?.index ?? -1),
        wheres: wheres.map((w) => ({ ...w, index: slot(w.index) })),
        byOffense,
        areaFirst,
      };
      if (!observer) src.project(cols);

      const name = src.name;
      const rowsBefore = tally.rowsRead;
      const skip: SkipRow = (reason, line, value) => {
        if (opts.strict) throw strictError(reason, name, line, value);
        tally.skip(reason, { file: name, line }, value);
      };
      const count = rowCounter(plan, dates.parse, mapFn, tally, skip);
      const take: RecordCallback = observer
        ? (f, n, line) => {
            observer(f);
            count(f, n, line);
          }
        : count;
      for (const rec of buffer) {
        const f = rec.fields;
        take(observer ? f : cols.map((c) => f[c] ?? ''), rec.count, rec.line);
      }
      buffer.length = 0;
      // The rest of the file: a source may count it from its bytes, and split a
      // large file on disk with a helper thread (neither for inspect's observer,
      // nor for ids, which are matched across the whole file).
      if (!observer && tally.ids === null && !exhausted) {
        const job: CountJob = {
          cols,
          plan,
          dates: dates.spec,
          ...(opts.tz !== undefined ? { tz: opts.tz } : {}),
          ...(opts.map && mapCol ? { map: { name: opts.map.map.name, system: mapCol.system, unmapped } } : {}),
          strict: opts.strict,
        };
        src.countDirect?.(job, { tally, skip, parse: dates.parse, mapFn, fallback: count });
        src.offload?.(job);
      }
      opts.onBatch?.(src, tally.rowsRead);
      while (!exhausted) {
        if (!(await src.read(take))) exhausted = true;
        opts.onBatch?.(src, tally.rowsRead);
      }
      const helped = src.helped?.();
      if (helped) tally.absorb(helped.part, name, helped.lineOffset);
      files.push({
        name,
        roles: roles.names,
        dateFormat: dates.tokens,
        delimiter: src.delimiter,
        rowsRead: tally.rowsRead - rowsBefore,
        reading: src.describe?.() ?? src.reader ?? 'records',
      });
    } finally {
      src.close?.();
    }
  }
  if (tally.rowsUsable === 0) {
    const n = (x: number) => x.toLocaleString('en-US');
    const why = (Object.keys(tally.skipped) as SkipReason[])
      .filter((r) => tally.skipped[r] > 0)
      .map((r) => `${n(tally.skipped[r])} with ${SKIP_LABELS[r]}`)
      .join(', ');
    const removed: string[] = [];
    if (tally.rowsFiltered) removed.push(`${n(tally.rowsFiltered)} left out by --where`);
    if (tally.rowsUnmapped) removed.push(`${n(tally.rowsUnmapped)} dropped by --map`);
    if (removed.length && tally.rowsRead > 0) {
      const check = [tally.rowsFiltered ? 'the --where values' : '', tally.rowsUnmapped ? 'the map' : ''].filter(Boolean).join(' and ');
      throw new InputError(
        'NOTHING_LEFT',
        `no row left to count: ${n(tally.rowsRead)} rows read, ${[...removed, why].filter(Boolean).join(', ')}; check ${check} (crimedelta inspect shows the values there are)`,
      );
    }
    throw new InputError(
      tally.rowsRead === 0 ? 'NO_ROWS' : 'NO_USABLE_ROWS',
      tally.rowsRead === 0
        ? `no rows: ${files.map((f) => f.name).join(', ')} ${files.length === 1 ? 'has' : 'have'} a header and nothing else`
        : `no row with a readable date and offense (${n(tally.rowsRead)} rows read: ${why})`,
    );
  }
  return { tally, files, monthly, resolved: resolvedAll };
}
