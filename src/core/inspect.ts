/**
 * `inspect`: what is in the files. A collector observes every record of every
 * file (all columns, distinct values capped per column) next to the normal
 * ingest, and a report is built from it and the tally. Pure.
 */
import type { Tally } from './aggregate.js';
import { formatDay } from './civil.js';
import type { FileSetup } from './ingest.js';
import { firstOfName } from './roles/detect.js';
import { isMissing, SKIP_LABELS, SKIP_REASONS } from './types.js';

/** Distinct values tracked per column; beyond this only the count of filled cells grows. */
export const DISTINCT_CAP = 1000;
/** Distinct ids tracked for rows-per-id; beyond this the id statistics are marked incomplete. */
export const ID_CAP = 2_000_000;

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

  /** Pass as `observe` to ingest. */
  readonly onFile = (setup: FileSetup): ((fields: readonly string[]) => void) => {
    const header = setup.header;
    const first = firstOfName(header);
    const dups = [...new Set(header.filter((_, i) => !first[i]))];
    const idName = setup.roles.names.id ?? setup.roles.suggestedId;
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
    rowsPerId =
      idStats.idsRepeated === 0
        ? `one row per "${idStats.column}": counting rows counts incidents`
        : `${idStats.idsRepeated.toLocaleString('en-US')} "${idStats.column}" values have several rows (up to ${idStats.maxRowsPerId}): rows are offenses, victims or arrests rather than incidents; add --id-col ${shellQuote(idStats.column)} to count distinct incidents`;
  }
  const duplicateHeaders = [...new Set(c.files.flatMap((f) => f.duplicateHeaders))];
  return {
    command: 'inspect',
    files: c.files.map((f) => ({
      name: f.name,
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
    ids: idStats,
    rowsPerId,
    columns,
    offenses: offenses.slice(0, opts.top),
    offenseCount: offenses.length,
    areas: areaStats ? top(areaStats.values, opts.top) : [],
    areaCount: areaStats ? areaStats.values.size : 0,
    compareFlags: flags.join(' '),
  };
}

export type InspectReport = ReturnType<typeof inspectReport>;

export function skipLabel(reason: string): string {
  return (SKIP_LABELS as Record<string, string>)[reason] ?? reason;
}
