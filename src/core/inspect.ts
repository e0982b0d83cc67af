/**
 * `inspect`: what is in the files. A collector observes every record of every
 * file (all columns, distinct values capped per column) next to the normal
 * ingest, and a report is built from it and the tally. Pure.
 */
import type { Tally } from './aggregate.js';
import { civilFromDay, type Day, dayFromCivil, daysInMonth, formatDay } from './civil.js';
import type { FileSetup } from './ingest.js';
import { areaLikeName, firstOfName, idLikeName, offenseLikeName } from './roles/detect.js';
import { denseStart, sparkline } from './trend.js';
import { type FileInfo, isMissing, SKIP_LABELS, SKIP_REASONS } from './types.js';

/** Distinct values tracked per column; beyond this only the count of filled cells grows. */
export const DISTINCT_CAP = 1000;
/** Distinct ids tracked for rows-per-id; beyond this the id statistics are marked incomplete. */
export const ID_CAP = 2_000_000;
/** Rows whose content is remembered (as a 53-bit hash) to find exact duplicate rows. */
export const DUPLICATE_CAP = 500_000;

interface ColumnStats {
  name: string;
  filled: number;
  empty: number;
  values: Map<string, number>;
  capped: boolean;
  example: string | null;
}

interface FileReport {
  name: string;
  roles: FileSetup['roles']['names'];
  how: { date: string; offense: string };
  preset: string | null;
  dateColumn: string;
  dateFormat: string;
  dateExample: string | null;
  delimiter: string;
  duplicateHeaders: string[];
  idColumn: string | null;
  mapColumn: string | null;
}

export class InspectCollector {
  readonly columns = new Map<string, ColumnStats>();
  readonly files: FileReport[] = [];
  /** id value → rows, for the id column (given or suggested) of each file. */
  private readonly ids = new Map<string, number>();
  idsCapped = false;
  rowsWithoutId = 0;
  private idColumnName: string | null = null;
  /** Whether the id column is only a guess from its name (no id column given or known to the preset). */
  idGuessed = false;
  private readonly rowHashes = new Set<number>();
  /** Rows equal, field for field, to an earlier row (among the first DUPLICATE_CAP remembered). */
  duplicateRows = 0;
  duplicatesCapped = false;

  /** Pass as `observe` to ingest. */
  readonly onFile = (setup: FileSetup): ((fields: readonly string[]) => void) => {
    const header = setup.header;
    const first = firstOfName(header);
    const dups = [...new Set(header.filter((_, i) => !first[i]))];
    const guess = setup.roles.names.id === null && setup.roles.suggestedId === null ? (header.find(idLikeName) ?? null) : null;
    const idName = setup.roles.names.id ?? setup.roles.suggestedId ?? guess;
    if (guess !== null && this.idColumnName === null) this.idGuessed = true;
    const report: FileReport = {
      name: setup.name,
      roles: setup.roles.names,
      how: setup.roles.how,
      preset: setup.roles.preset?.name ?? null,
      dateColumn: setup.roles.names.date,
      dateFormat: setup.dateFormat,
      dateExample: null,
      delimiter: setup.delimiter,
      duplicateHeaders: dups,
      idColumn: idName,
      mapColumn: setup.mapColumn?.name ?? null,
    };
    this.files.push(report);
    if (idName !== null) this.idColumnName ??= idName;
    // One stats object per column name (the first column of a duplicated name wins).
    const stats: (ColumnStats | undefined)[] = header.map((h, i) => {
      if (!first[i]) return undefined;
      let s = this.columns.get(h);
      if (!s) {
        s = { name: h, filled: 0, empty: 0, values: new Map(), capped: false, example: null };
        this.columns.set(h, s);
      }
      return s;
    });
    const di = setup.roles.index.date;
    const ii = idName !== null ? header.indexOf(idName) : -1;
    return (fields) => {
      const n = Math.min(fields.length, stats.length);
      for (let i = 0; i < n; i++) {
        const s = stats[i];
        if (!s) continue;
        const v = fields[i]!.trim();
        if (isMissing(v)) {
          s.empty++;
          continue;
        }
        s.filled++;
        if (s.example === null) s.example = v;
        const c = s.values.get(v);
        if (c !== undefined) s.values.set(v, c + 1);
        else if (s.values.size < DISTINCT_CAP) s.values.set(v, 1);
        else s.capped = true;
      }
      this.seeRow(fields);
      if (report.dateExample === null) {
        const d = fields[di]?.trim();
        if (d) report.dateExample = d;
      }
      if (ii >= 0) {
        const id = fields[ii]?.trim() ?? '';
        if (id === '') this.rowsWithoutId++;
        else {
          const c = this.ids.get(id);
          if (c !== undefined) this.ids.set(id, c + 1);
          else if (this.ids.size < ID_CAP) this.ids.set(id, 1);
          else this.idsCapped = true;
        }
      }
    };
  };

  /** Counts a row equal to an earlier one (a 53-bit hash of its fields; remembered up to DUPLICATE_CAP rows). */
  private seeRow(fields: readonly string[]): void {
    let h1 = 0x811c9dc5 | 0;
    let h2 = 0x01000193 | 0;
    for (const f of fields) {
      for (let i = 0; i < f.length; i++) {
        const c = f.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      }
      h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
      h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
    }
    const key = (h1 >>> 0) * 2 ** 21 + ((h2 >>> 0) & 0x1fffff);
    if (this.rowHashes.has(key)) this.duplicateRows++;
    else if (this.rowHashes.size < DUPLICATE_CAP) this.rowHashes.add(key);
    else this.duplicatesCapped = true;
  }

  /** Rows per id: how many ids, how many repeat, the most rows one id has. */
  idStats() {
    if (this.idColumnName === null) return null;
    let rows = 0;
    let repeated = 0;
    let max = 0;
    const histogram: Record<string, number> = {};
    for (const n of this.ids.values()) {
      rows += n;
      if (n > 1) repeated++;
      if (n > max) max = n;
      const k = n >= 5 ? '5+' : String(n);
      histogram[k] = (histogram[k] ?? 0) + 1;
    }
    return {
      column: this.idColumnName,
      distinct: this.ids.size,
      rowsWithId: rows,
      rowsWithoutId: this.rowsWithoutId,
      idsRepeated: repeated,
      maxRowsPerId: max,
      idsByRowCount: histogram,
      complete: !this.idsCapped,
    };
  }
}

function top(values: Map<string, number>, n: number): { value: string; count: number }[] {
  return [...values]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([value, count]) => ({ value, count }));
}

/** Quotes a flag value for a POSIX shell when it needs it. */
export function shellQuote(v: string): string {
  return /^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

export interface InspectOptions {
  top: number;
  /** Whether --date-format was given (then the flags repeat it). */
  dateFormatGiven: boolean;
  /** The last day the data covers (the end of the month for month-only data). */
  lastDay: number;
  /** What the reader learned of each file: its span and date layouts. */
  files: readonly FileInfo[];
}

/** Longest span, in months, shown month by month; longer spans are shown by year. */
export const MONTHLY_UP_TO = 36;

/**
 * Rows per month (per year when the data spans more than {@link MONTHLY_UP_TO}
 * months), from where the data really starts; a period the data covers only
 * in part is marked incomplete. Stray early dates are counted apart.
 */
export function rowsByPeriod(allDays: ReadonlyMap<Day, number>, lastDay: Day) {
  if (allDays.size === 0) return { unit: 'month' as const, periods: [], strayEarlyRows: 0, sparkline: '' };
  const start = denseStart(allDays);
  const s = civilFromDay(start);
  const e = civilFromDay(lastDay);
  const months = (e.y - s.y) * 12 + e.m - s.m + 1;
  const unit = months > MONTHLY_UP_TO ? ('year' as const) : ('month' as const);
  const keyOf = (day: Day) => {
    const c = civilFromDay(day);
    return unit === 'year' ? c.y : c.y * 12 + c.m - 1;
  };
  const first = keyOf(start);
  const last = keyOf(lastDay);
  const rows = new Array<number>(last - first + 1).fill(0);
  let strayEarlyRows = 0;
  for (const [day, n] of allDays) {
    if (day < start) strayEarlyRows += n;
    else if (day <= lastDay) rows[keyOf(day) - first]! += n;
  }
  const periods = rows.map((n, i) => {
    const k = first + i;
    const y = unit === 'year' ? k : Math.floor(k / 12);
    const m = unit === 'year' ? 1 : (k % 12) + 1;
    const from = dayFromCivil(y, m, 1);
    const to = unit === 'year' ? dayFromCivil(y, 12, 31) : dayFromCivil(y, m, daysInMonth(y, m));
    const period = unit === 'year' ? String(y) : `${y}-${String(m).padStart(2, '0')}`;
    return { period, rows: n, complete: from >= start && to <= lastDay };
  });
  return {
    unit,
    periods,
    strayEarlyRows,
    sparkline: sparkline(
      periods.map((p) => p.rows),
      periods.map((p) => p.complete),
      true,
    ),
  };
}

/** Other columns whose names say offense, with their number of distinct values (the one in use excluded). */
function offenseCandidates(c: InspectCollector, using: string | null) {
  return [...c.columns.values()]
    .filter((s) => s.name !== using && offenseLikeName(s.name) && !areaLikeName(s.name) && s.values.size > 1)
    .map((s) => ({ column: s.name, distinct: s.values.size, distinctCapped: s.capped }));
}

/** The inspect report (JSON shape; the human formats render from it). */
export function inspectReport(c: InspectCollector, tally: Tally, opts: InspectOptions) {
  const first = c.files[0]!;
  const roles = first.roles;
  const idStats = c.idStats();
  const skipped: Record<string, number> = {};
  const firstSkipped: Record<string, { file: string; line: number; value?: string }> = {};
  for (const r of SKIP_REASONS) {
    if (tally.skipped[r] > 0) {
      skipped[r] = tally.skipped[r];
      firstSkipped[r] = tally.firstSkip[r]!;
    }
  }
  const offenses = (roles.offense === null ? [] : tally.groups)
    .map((g, i) => {
      let n = 0;
      for (const v of tally.byDay[i]!.values()) n += v;
      return { value: g, count: n };
    })
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  const areaStats = roles.area !== null ? c.columns.get(roles.area) : undefined;
  const roleOf = (name: string): string | null => {
    if (name === roles.date) return 'date';
    if (name === roles.offense) return 'offense';
    if (name === roles.area) return 'area';
    if (name === roles.id) return 'id';
    if (name === first.idColumn) return 'id (suggested)';
    if (name === first.mapColumn) return 'map code';
    return null;
  };
  const columns = [...c.columns.values()].map((s) => ({
    name: s.name,
    role: roleOf(s.name),
    filled: s.filled,
    empty: s.empty,
    distinct: s.values.size,
    distinctCapped: s.capped,
    example: s.example,
    top: top(s.values, 3),
  }));
  const flags: string[] = [`--date-col ${shellQuote(roles.date)}`];
  if (roles.offense !== null) flags.push(`--offense-col ${shellQuote(roles.offense)}`);
  if (roles.area !== null) flags.push(`--area-col ${shellQuote(roles.area)}`);
  if (roles.id !== null) flags.push(`--id-col ${shellQuote(roles.id)}`);
  if (opts.dateFormatGiven) flags.push(`--date-format ${shellQuote(first.dateFormat)}`);
  let rowsPerId: string | null = null;
  if (idStats) {
    const f = (n: number) => n.toLocaleString('en-US');
    const applied = roles.id === idStats.column;
    rowsPerId =
      idStats.idsRepeated === 0
        ? `one row per "${idStats.column}": counting rows counts incidents`
        : `${f(idStats.rowsWithId)} rows, ${f(idStats.distinct)} distinct "${idStats.column}" (${f(idStats.idsRepeated)} with several rows, up to ${idStats.maxRowsPerId}): rows are offenses, victims or arrests rather than incidents; ${applied ? 'each id is counted once' : `use --id-col ${shellQuote(idStats.column)} to count distinct incidents`}`;
  }
  const duplicateHeaders = [...new Set(c.files.flatMap((f) => f.duplicateHeaders))];
  return {
    command: 'inspect',
    files: c.files.map((f, i) => ({
      name: f.name,
      dateRange: spanOf(opts.files[i]),
      dateLayouts: opts.files[i]?.dateLayouts ?? null,
      preset: f.preset,
      roles: f.roles,
      detectedBy: f.how,
      dateFormat: f.dateFormat,
      dateExample: f.dateExample,
      delimiter: f.delimiter,
      duplicateHeaders: f.duplicateHeaders,
    })),
    preset: first.preset,
    roles,
    suggestedId: roles.id === null ? first.idColumn : null,
    dateFormat: first.dateFormat,
    dateExample: first.dateExample,
    dateRange: {
      min: Number.isFinite(tally.minDay) ? formatDay(tally.minDay) : null,
      max: Number.isFinite(opts.lastDay) ? formatDay(opts.lastDay) : null,
    },
    rowsRead: tally.rowsRead,
    rowsUsable: tally.rowsUsable,
    rowsSkipped: tally.rowsSkipped,
    skipped,
    firstSkipped,
    rowsFiltered: tally.rowsFiltered,
    rowsUnmapped: tally.rowsUnmapped,
    duplicateHeaders,
    rowsByPeriod: rowsByPeriod(tally.allDays, opts.lastDay),
    duplicateRows: c.duplicateRows,
    duplicateRowsComplete: !c.duplicatesCapped,
    ids: idStats,
    idGuessed: c.idGuessed,
    rowsPerId,
    offenseCandidates: offenseCandidates(c, roles.offense),
    columns,
    offenses: offenses.slice(0, opts.top),
    offenseCount: offenses.length,
    areas: areaStats ? top(areaStats.values, opts.top) : [],
    areaCount: areaStats ? areaStats.values.size : 0,
    compareFlags: flags.join(' '),
  };
}

function spanOf(f: FileInfo | undefined): { min: string; max: string } | null {
  return f?.span ? { min: formatDay(f.span.from), max: formatDay(f.span.to) } : null;
}

export type InspectReport = ReturnType<typeof inspectReport>;

export function skipLabel(reason: string): string {
  return (SKIP_LABELS as Record<string, string>)[reason] ?? reason;
}
