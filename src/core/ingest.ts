/**
 * Rows to counts: for each file, read the header and a sample, decide the
 * roles and the date format once, then stream every row into one {@link Tally}.
 * Pure: records arrive as an async iterable; nothing here touches files.
 */
import { InputError } from '../errors.js';
import { KEY_SEP, Tally } from './aggregate.js';
import type { Day } from './civil.js';
import { parserForTokens } from './date-format.js';
import { type DateLayout, type DayParser, detectDateLayout, layoutTokens, makeDayParser } from './dates.js';
import { type CodeSystem, type CompiledWhere, compileMap, type OffenseMap, type UnmappedPolicy, type WhereClause } from './maps.js';
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
  /** Bytes of the file read so far, and its size when known (for a progress bar). */
  progress?: { bytesRead: number; totalBytes: number | null };
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
  /** Converts an instant to the civil day in --tz; used only for values with an offset. */
  toZone?: (utcMs: number) => Day;
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

const FIRST_SAMPLE = 1000;
const MAX_SAMPLE = 50_000;

function describeDelimiter(d: string): string {
  return d === '\t' ? 'tab' : d === ',' ? 'comma' : d === ';' ? 'semicolon' : d === '|' ? 'pipe' : JSON.stringify(d);
}

export { describeDelimiter };

interface FileDates {
  parse: DayParser;
  tokens: string;
  monthly: boolean;
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
): FileDates | 'more' {
  if (opts.dateFormat !== undefined) {
    const parse = parserForTokens(opts.dateFormat, opts.toZone);
    if (values.length > 0 && !values.slice(0, 200).some((v) => !Number.isNaN(parse(v)))) {
      throw new InputError(
        `no value in column "${column}" of ${name} matches --date-format "${opts.dateFormat}" (e.g. "${values[0]}")`,
      );
    }
    return { parse, tokens: opts.dateFormat, monthly: /^y+[-/.]M+$/.test(opts.dateFormat) };
  }
  if (values.length === 0) {
    if (!exhausted) return 'more';
    throw new InputError(`no row of ${name} has a date in column "${column}"`);
  }
  const det = detectDateLayout(values);
  if (det.kind === 'none') {
    throw new InputError(
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
  if (layout.offset && !opts.toZone) {
    opts.warn(
      `${name}: dates in "${column}" carry a UTC offset (e.g. "${values[0]}"); counting the date as written — give --tz ZONE to count local days`,
    );
  }
  return { parse: makeDayParser(layout, opts.toZone), tokens: layoutTokens(layout), monthly: layout.order === 'ym' };
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

  for (const open of sources) {
    const src = await open();
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
    if (first === undefined) throw new InputError(`${src.name} is empty`);
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
      dates = fileDates(src.name, roles.names.date, values, opts, layouts, buffer.length, exhausted);
      if (dates !== 'more') break;
      await fill(Math.min(MAX_SAMPLE, buffer.length * 10 + FIRST_SAMPLE));
    }
    monthly ||= dates.monthly;
    resolvedAll.push(roles);

    // Filters and the map compile to column indices and set/map lookups, once per file.
    const wheres: CompiledWhere[] = (opts.where ?? []).map((w) => ({
      index: requireColumn(header, w.column, `--where ${w.text}`, src.name),
      negate: w.negate,
      values: new Set(w.values),
    }));
    const mapCol = mapColumnFor(opts, header, roles, src.name);
    const mapFn =
      opts.map && mapCol ? compileMap(opts.map.map, mapCol.system, opts.map.unmapped ?? opts.map.map.defaultUnmapped) : null;
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
    const di2 = slot(di);
    const oi = slot(roles.index.offense);
    const ai = byArea ? slot(roles.index.area) : -1;
    const ii = slot(roles.index.id);
    const mi = slot(mapCol?.index ?? -1);
    const wheresAt = wheres.map((w) => ({ ...w, index: slot(w.index) }));
    if (!observer) src.project(cols);

    const parse = dates.parse;
    const name = src.name;
    const rowsBefore = tally.rowsRead;
    const skip = (reason: SkipReason, line: number, value?: string) => {
      if (opts.strict) throw new InputError(skipMessage(reason, name, line, value));
      tally.skip(reason, { file: name, line }, value);
    };
    const nw = wheresAt.length;
    const take: RecordCallback = (f, count, line) => {
      tally.rowsRead++;
      if (observer) observer(f);
      if (count !== width) return skip('wrongFieldCount', line);
      for (let w = 0; w < nw; w++) {
        const c = wheresAt[w]!;
        if (c.values.has(f[c.index]!.trim()) === c.negate) {
          tally.rowsFiltered++;
          return;
        }
      }
      const rawDate = f[di2]!.trim();
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
    for (const rec of buffer) {
      const f = rec.fields;
      take(observer ? f : cols.map((c) => f[c] ?? ''), rec.count, rec.line);
    }
    buffer.length = 0;
    opts.onBatch?.(src, tally.rowsRead);
    while (!exhausted) {
      if (!(await src.read(take))) exhausted = true;
      opts.onBatch?.(src, tally.rowsRead);
    }
    files.push({
      name,
      roles: roles.names,
      dateFormat: dates.tokens,
      delimiter: src.delimiter,
      rowsRead: tally.rowsRead - rowsBefore,
    });
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
        `no row left to count: ${n(tally.rowsRead)} rows read, ${[...removed, why].filter(Boolean).join(', ')}; check ${check} (crimedelta inspect shows the values there are)`,
      );
    }
    throw new InputError(
      tally.rowsRead === 0
        ? `no rows: ${files.map((f) => f.name).join(', ')} ${files.length === 1 ? 'has' : 'have'} a header and nothing else`
        : `no row with a readable date and offense (${n(tally.rowsRead)} rows read: ${why})`,
    );
  }
  return { tally, files, monthly, resolved: resolvedAll };
}
