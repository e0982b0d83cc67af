/**
 * Rows to counts, in stages for each file: sample its header and first
 * records, plan how its rows count (roles, date parser, filters, map, the
 * columns to decode), count every row into one {@link Tally}; then explain an
 * empty result. Pure: sources are handed in; nothing here touches files.
 */
import { InputError, UsageError } from '../errors.js';
import { Tally } from './aggregate.js';
import { type Day, civilFromDay, dayFromCivil, daysInMonth } from './civil.js';
import { type CountJob, fileCounters, type RowPlan, type SkipRow, strictError, whereValue } from './count-rule.js';
import { DateReader } from './date-reader.js';
import { type DateLayout, detectDateLayout, zoneDayConverter } from './dates.js';
import { type FileDates, fileDates, MAX_SAMPLE, TZ_AS_WRITTEN, type ZoneSource } from './file-dates.js';
import { type CodeSystem, compileMap, type OffenseMap, type UnmappedPolicy, type WhereClause } from './maps.js';
import type { RawRecord, RecordSource } from './records.js';
import { type ResolvedRoles, type RoleFlags, requireColumn, resolveRoles } from './roles/detect.js';
import { closest, didYouMean, onlyCaseMatch } from './suggest.js';
import { type FileInfo, type GroupDim, isMissing, MISSING_KEY, type RecordCallback, SKIP_LABELS, type SkipReason } from './types.js';

export interface IngestOptions {
  roles: RoleFlags;
  /** The files have no header row: their columns are these names (or `column1`, `column2`…). */
  noHeader?: { names?: readonly string[] };
  /** date-fns tokens from --date-format. */
  dateFormat?: string;
  /** `--tz`: the zone whose civil day counts, for values with a UTC offset. */
  tz?: string;
  groupBy: readonly GroupDim[];
  strict: boolean;
  /** Called for each note meant for standard error. */
  warn: (message: string) => void;
  /** Called for each warning (what the reader of the table must know); notes when absent. */
  warning?: (message: string) => void;
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
  if (roles.index.offense < 0 && m.column === undefined) {
    throw new InputError(
      'NO_OFFENSE_COLUMN',
      `--map needs an offense column, and ${file} has none; name it with --offense-col, or the column the map reads with --map-col`,
    );
  }
  const systemOf = (name: string) => roles.preset?.codes?.find((c) => c.column === name)?.system;
  if (m.column !== undefined) {
    const index = requireColumn(header, m.column, '--map-col', file);
    return { index, system: systemOf(m.column) };
  }
  if (!m.map.systems) return { index: roles.index.offense, system: undefined };
  const code = roles.preset?.codes?.find((c) => m.map.systems!.includes(c.system) && header.includes(c.column));
  if (code) return { index: header.indexOf(code.column), system: code.system };
  const off = roles.names.offense!;
  opts.warn(
    `${file}: --map ${m.map.name} reads offense codes, and no code column of a known schema was found; reading "${off}" as NIBRS codes — name the code column with --map-col`,
  );
  return { index: roles.index.offense, system: systemOf(off) };
}

export interface IngestResult {
  tally: Tally;
  /** The grouping the counts have: the one asked for, without offense when the files have no offense column. */
  groupBy: GroupDim[];
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
  return read.monthly ? monthEnd(read.tally.maxDay) : read.tally.maxDay;
}

function monthEnd(day: Day): Day {
  const c = civilFromDay(day);
  return dayFromCivil(c.y, c.m, daysInMonth(c.y, c.m));
}

/** Records sampled before roles and dates are decided. */
const FIRST_SAMPLE = 1000;

/** What the run has gathered so far, across files. */
interface Run {
  opts: IngestOptions;
  tally: Tally;
  files: FileInfo[];
  resolved: ResolvedRoles[];
  /** Date layouts decided for earlier files (an ambiguous file follows them). */
  layouts: DateLayout[];
  monthly: boolean;
  /** Day converters by zone name, made once per run. */
  zones: Map<string, (utcMs: number) => Day>;
  /** How many sources the run reads (a header-only file is worth a note only among several). */
  sources: number;
  /** Whether the files have an offense column (decided by the first file with rows; all must agree). */
  hasOffense?: { value: boolean; file: string };
}

/** Reads every source into one tally. */
export async function ingest(sources: ReadonlyArray<() => Promise<RecordSource>>, opts: IngestOptions): Promise<IngestResult> {
  const run: Run = {
    opts,
    tally: new Tally(opts.roles.id !== undefined),
    files: [],
    resolved: [],
    layouts: [],
    monthly: false,
    zones: new Map(),
    sources: sources.length,
  };
  for (const open of sources) {
    const src = await open();
    try {
      const sample = await sampleFile(src, opts.noHeader);
      if (!opts.noHeader) checkHeader(src.name, sample.header, opts.warning ?? opts.warn);
      if (sample.records.length === 0) {
        // Nothing to detect from; the header alone adds no rows to the report.
        if (run.sources > 1) opts.warn(`${src.name} has a header and no rows`);
        run.files.push({
          name: src.name,
          roles: { date: '', offense: '', area: null, id: opts.roles.id ?? null },
          dateFormat: '',
          delimiter: src.delimiter,
          rowsRead: 0,
        });
        continue;
      }
      const plan = await planFile(src, sample, run);
      await countFile(src, sample, plan, run);
    } finally {
      src.close?.();
    }
  }
  explainEmpty(run.tally, run.files, opts.where ?? []);
  const groupBy = run.hasOffense?.value === false ? opts.groupBy.filter((d) => d !== 'offense') : [...opts.groupBy];
  return { tally: run.tally, groupBy, files: run.files, monthly: run.monthly, resolved: run.resolved };
}

/** A file's header and its first records, growing on demand. */
interface FileSample {
  header: string[];
  records: RawRecord[];
  exhausted: boolean;
  fill(upTo: number): Promise<void>;
}

/** Reads the header and the first records of a file (with `noHeader`, the header is made up and the first record is data). */
async function sampleFile(src: RecordSource, noHeader?: IngestOptions['noHeader']): Promise<FileSample> {
  const records: RawRecord[] = [];
  const collect: RecordCallback = (fields, count, line) => {
    records.push({ fields, count, line });
  };
  const sample: FileSample = {
    header: [],
    records,
    exhausted: false,
    async fill(upTo) {
      while (!sample.exhausted && records.length < upTo) {
        if (!(await src.read(collect))) sample.exhausted = true;
      }
    },
  };
  await sample.fill(1);
  if (records.length === 0) throw new InputError('EMPTY_INPUT', `${src.name} is empty`);
  if (noHeader) {
    const width = records[0]!.count;
    const names = noHeader.names ?? Array.from({ length: width }, (_, i) => `column${i + 1}`);
    if (names.length !== width) {
      throw new UsageError('BAD_VALUE', `--columns names ${names.length} columns and the first row of ${src.name} has ${width} fields`);
    }
    sample.header = [...names];
  } else sample.header = records.shift()!.fields.map((h) => h.trim());
  await sample.fill(FIRST_SAMPLE);
  return sample;
}

/** A header row that is really data (a headerless export): say so, with the flags that read it. */
function checkHeader(file: string, header: readonly string[], warn: (m: string) => void): void {
  const data = header.find((h) => h !== '' && (/^-?\d+([.,]\d+)?$/.test(h) || detectDateLayout([h]).kind !== 'none'));
  if (data === undefined) return;
  warn(
    `the first row of ${file} looks like data, not a header (it holds "${data}"): if the file has no header, give --no-header and name the columns with --columns NAME,NAME,…`,
  );
}

/** How one file's records count, decided from its sample. */
interface FilePlan {
  roles: ResolvedRoles;
  dates: FileDates;
  /** The columns decoded from here on (the plan's slots index into them); all of them for an observer. */
  cols: number[];
  plan: RowPlan;
  mapFn: ((value: string) => string | null) | null;
  mapCol: { index: number; system: CodeSystem | undefined } | null;
  unmapped: UnmappedPolicy;
  observer: ((fields: readonly string[]) => void) | undefined;
}

/**
 * The --where values as the data spells them: a value with no exact match in
 * the sample but exactly one that differs only in case takes that spelling
 * (with a note); several such spellings (ambiguous) or none leave it as given.
 */
function sampleSpelling(values: readonly string[], index: number, sample: FileSample, flag: string, note: (m: string) => void): string[] {
  const seen = new Set<string>();
  for (const r of sample.records) {
    const v = r.fields[index]?.trim();
    if (v !== undefined && !isMissing(v)) seen.add(v);
  }
  return values.map((v) => {
    if (isMissing(v)) return v;
    const match = onlyCaseMatch(v, seen);
    if (match === undefined) return v;
    note(`${flag}: "${v}" matches "${match}" in the data, which differs only in case: counting "${match}"`);
    return match;
  });
}

/** Decides roles, the date parser, filters, the map and the projection of one file. */
async function planFile(src: RecordSource, sample: FileSample, run: Run): Promise<FilePlan> {
  const { opts } = run;
  const { header } = sample;
  const roles = resolveRoles(
    header,
    sample.records.map((r) => r.fields),
    opts.roles,
    src.name,
  );
  for (const n of roles.notes) opts.warn(n);
  const byArea = opts.groupBy.includes('area');
  if (byArea && roles.index.area < 0) {
    throw new InputError(
      'NO_AREA_COLUMN',
      `--by area needs an area column, and none was found in ${src.name}; name it with --area-col (columns: ${header.join(', ')})`,
    );
  }
  const hasOffense = roles.index.offense >= 0;
  run.hasOffense ??= { value: hasOffense, file: src.name };
  if (run.hasOffense.value !== hasOffense) {
    const [yes, no] = hasOffense ? [src.name, run.hasOffense.file] : [run.hasOffense.file, src.name];
    throw new InputError(
      'NO_OFFENSE_COLUMN',
      `${yes} has an offense column and ${no} has none: read them separately, or name the offense column of each with --offense-col`,
    );
  }
  const dates = await decideDates(src.name, sample, roles, run);
  run.monthly ||= dates.monthly;
  run.resolved.push(roles);

  // Filters and the map compile to column indices and set/map lookups, once per file.
  const wheres = (opts.where ?? []).map((w, clause) => {
    const index = requireColumn(header, w.column, `--where ${w.text}`, src.name);
    return { index, negate: w.negate, values: sampleSpelling(w.values, index, sample, `--where ${w.text}`, opts.warn), clause };
  });
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
    width: header.length,
    date: slot(roles.index.date),
    offense: slot(roles.index.offense),
    area: byArea ? slot(roles.index.area) : -1,
    id: slot(roles.index.id),
    map: slot(mapCol?.index ?? -1),
    wheres: wheres.map((w) => ({ ...w, index: slot(w.index) })),
    byOffense: opts.groupBy.includes('offense') && hasOffense,
    areaFirst: opts.groupBy[0] === 'area',
  };
  return { roles, dates, cols, plan, mapFn, mapCol, unmapped, observer };
}

/** Where the zone of one file's offset dates comes from: --tz, else its preset's zone. */
function zoneSource(tz: string | undefined, roles: ResolvedRoles): ZoneSource {
  if (tz === TZ_AS_WRITTEN) return { zone: null, from: 'as-written' };
  if (tz !== undefined) return { zone: tz, from: 'flag' };
  const preset = roles.preset;
  if (preset?.zone !== undefined) return { zone: preset.zone, from: 'preset', preset: preset.name };
  return { zone: null, from: 'none' };
}

function converter(run: Run, zone: string): (utcMs: number) => Day {
  let c = run.zones.get(zone);
  if (!c) run.zones.set(zone, (c = zoneDayConverter(zone)));
  return c;
}

/** The date parser of one file, growing its sample while the day/month order is open. */
async function decideDates(name: string, sample: FileSample, roles: ResolvedRoles, run: Run): Promise<FileDates> {
  const di = roles.index.date;
  const width = sample.header.length;
  for (;;) {
    const values: string[] = [];
    for (const r of sample.records) {
      if (r.count !== width) continue; // skipped as wrong number of fields
      const v = r.fields[di]?.trim();
      if (v !== undefined && !isMissing(v)) values.push(v);
    }
    const dates = fileDates(
      { name, column: roles.names.date, values, rows: sample.records.length, exhausted: sample.exhausted },
      {
        ...(run.opts.dateFormat !== undefined ? { dateFormat: run.opts.dateFormat } : {}),
        zone: zoneSource(run.opts.tz, roles),
        toZone: (zone: string) => converter(run, zone),
        previous: run.layouts,
        warn: run.opts.warn,
      },
    );
    if (dates !== 'more') return dates;
    await sample.fill(Math.min(MAX_SAMPLE, sample.records.length * 10 + FIRST_SAMPLE));
  }
}

/** Counts the sample's records, then the rest of the file (which the source may count from its bytes, or split). */
async function countFile(src: RecordSource, sample: FileSample, fp: FilePlan, run: Run): Promise<void> {
  const { opts, tally } = run;
  const { plan, cols, observer, mapFn, dates } = fp;
  const name = src.name;
  const before = { read: tally.rowsRead, filtered: tally.rowsFiltered, skipped: { ...tally.skipped } };
  tally.startFile();
  if (!observer) src.project(cols);
  const skip: SkipRow = (reason, line, value) => {
    if (opts.strict) throw strictError(reason, name, line, value);
    tally.skip(reason, { file: name, line }, value);
  };
  // A column may hold more than one date layout: the reader adopts the others as they turn up.
  const reader = new DateReader(
    dates.parse,
    'layout' in dates.spec ? dates.spec.layout : null,
    dates.zone === null ? undefined : converter(run, dates.zone),
    run.layouts,
    opts.dateFormat === undefined,
  );
  const counters = fileCounters(plan, reader, mapFn, tally, skip, opts.strict);
  const count = counters.count;
  const take: RecordCallback = observer
    ? (f, n, line) => {
        observer(f);
        count(f, n, line);
      }
    : count;
  for (const rec of sample.records) {
    const f = rec.fields;
    take(observer ? f : cols.map((c) => f[c] ?? ''), rec.count, rec.line);
  }
  sample.records.length = 0;
  // The rest of the file: a source may count it itself (not for inspect's
  // observer, nor for ids, which are matched across the whole file).
  if (!observer && tally.ids === null && !sample.exhausted) {
    const job: CountJob = {
      cols,
      plan,
      dates: dates.spec,
      ...(dates.zone !== null ? { tz: dates.zone } : {}),
      ...(opts.map && fp.mapCol ? { map: { name: opts.map.map.name, system: fp.mapCol.system, unmapped: fp.unmapped } } : {}),
      strict: opts.strict,
    };
    src.countRest?.(job, { tally, skip, parse: reader.parse, mapFn, fallback: count, recount: counters.recount });
  }
  opts.onBatch?.(src, tally.rowsRead);
  let exhausted = sample.exhausted;
  while (!exhausted) {
    if (!(await src.read(take))) exhausted = true;
    opts.onBatch?.(src, tally.rowsRead);
  }
  const elsewhere = src.countedElsewhere?.();
  if (elsewhere) tally.absorb(elsewhere.part, name, elsewhere.lineOffset);
  // Layouts the other part adopted read this part's waiting rows too, and the other way round.
  for (const l of elsewhere?.part.layouts ?? []) reader.adoptLayout(l.layout, l.rows);
  counters.finish((elsewhere?.part.pending ?? []).map((r) => ({ ...r, line: r.line + elsewhere!.lineOffset })));
  const datesRead =
    tally.rowsRead -
    before.read -
    (tally.rowsFiltered - before.filtered) -
    (['wrongFieldCount', 'missingDate', 'unreadableDate'] as const).reduce((n, r) => n + tally.skipped[r] - before.skipped[r], 0);
  const layouts = reader.uses(datesRead);
  if (layouts.length > 1) {
    opts.warn(
      `${name}: ${layouts.length} date layouts in "${fp.roles.names.date}": ${layouts.map((l) => `${l.tokens} in ${l.rows.toLocaleString('en-US')} ${l.rows === 1 ? 'row' : 'rows'}`).join(', ')}`,
    );
  }
  run.files.push({
    name,
    roles: fp.roles.names,
    dateFormat: dates.tokens,
    delimiter: src.delimiter,
    rowsRead: tally.rowsRead - before.read,
    ...(layouts.length > 1 ? { dateLayouts: layouts } : {}),
    ...(tally.fileMax >= tally.fileMin
      ? { span: { from: tally.fileMin, to: dates.monthly ? monthEnd(tally.fileMax) : tally.fileMax } }
      : {}),
    reading: src.describe?.() ?? src.reader ?? 'records',
  });
}

/** The --where values no row holds, each with the closest values that exist. */
function unmatchedWhere(tally: Tally, where: readonly WhereClause[]): string[] {
  return where.flatMap((w, clause) => {
    const seen = tally.whereSeen[clause] ?? new Set<string>();
    const spelled = [...seen].filter((v) => v !== MISSING_KEY);
    return w.values
      .filter((v) => !seen.has(whereValue(v)) && onlyCaseMatch(v, spelled) === undefined)
      .map((v) => `--where ${w.text}: no row has "${v}" in column "${w.column}"${didYouMean(closest(v, spelled))}`);
  });
}

/** Nothing usable was read: the error that says why (nothing there, everything filtered, or every row unusable). */
function explainEmpty(tally: Tally, files: readonly FileInfo[], where: readonly WhereClause[]): void {
  if (tally.rowsUsable > 0) return;
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
    const unmatched = tally.rowsFiltered ? unmatchedWhere(tally, where) : [];
    if (unmatched.length > 0) {
      throw new InputError('NOTHING_LEFT', `no row left to count: ${unmatched.join('; ')} (${n(tally.rowsRead)} rows read, all left out)`);
    }
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

// The record and counting types, for the readers that still import them from here.
export type { RawRecord, RecordSource } from './records.js';
export type { RecordCallback } from './types.js';
export { recordSource } from './records.js';
export type { CountJob, DirectCounter, RowPlan, SkipRow, DateSpec } from './count-rule.js';
export { dateParser, groupKeyOf, rowCounter, SEEN_CAP, strictError, whereValue } from './count-rule.js';
