/**
 * Options shared by the commands that read incidents, declared once. Value
 * parsers turn bad values into commander's InvalidArgumentError (exit 2).
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { RoleFlags } from '../core/roles/detect.js';
import { BUILTIN_MAPS, parseWhere, type UnmappedPolicy, type WhereClause } from '../core/maps.js';
import { PRESETS } from '../core/roles/presets.js';
import type { GroupDim } from '../core/types.js';
import { UsageError } from '../errors.js';
import { FORMATS, type Format } from '../format/index.js';
import { type Encoding, parseRecordSize } from '../io/input.js';

/** Wraps a parser that throws UsageError so commander reports it as a bad value. */
export function valueParser<T>(fn: (text: string) => T): (text: string) => T {
  return (text) => {
    try {
      return fn(text);
    } catch (e) {
      if (e instanceof UsageError) throw new InvalidArgumentError(e.message);
      throw e;
    }
  };
}

export function parseGroupBy(text: string): GroupDim[] {
  const parts = text.split(',').map((s) => s.trim());
  const ok = parts.every((p) => p === 'offense' || p === 'area') && new Set(parts).size === parts.length;
  if (!ok || parts.length === 0) throw new UsageError(`--by ${text}: expected offense, area or offense,area`);
  return parts as GroupDim[];
}

export function parsePositiveInt(flag: string) {
  return (text: string): number => {
    if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`${flag} ${text}: expected a whole number of 1 or more`);
    return Number(text);
  };
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function checkTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new UsageError(`--tz ${zone}: not a time zone name (e.g. America/New_York, Europe/London, UTC)`);
  }
  return zone;
}

/** Input: files, column roles, dates, encodings. */
export function addInputOptions(cmd: Command): Command {
  return cmd
    .argument('[files...]', 'CSV files (several are pooled; - is standard input; .gz is read as gzip)')
    .option('--date-col <name>', 'column with the date the incident occurred')
    .option('--offense-col <name>', 'column with the offense')
    .option('--area-col <name>', 'column with the area (district, beat, neighborhood…)')
    .option('--id-col <name>', 'count distinct values of this column (incidents) instead of rows')
    .addOption(
      new Option('--preset <name>', 'use a known schema\'s columns (none: detect from the header and values only)').choices([...PRESETS.map((p) => p.name), 'none']),
    )
    .option('--date-format <tokens>', 'date format as date-fns tokens, e.g. "dd/MM/yyyy HH:mm" (default: detected)')
    .option('--tz <zone>', 'convert timestamps that carry a UTC offset to this zone\'s dates', valueParser(checkTimeZone))
    .addOption(new Option('--encoding <name>', 'text encoding of the files').choices(['utf8', 'latin1', 'utf16le']))
    .option('--strict', 'stop with exit 1 at the first row that cannot be used')
    .option('--max-record-size <n>', 'a record (row) of more than n bytes is an error (a quote never closed?); n may be e.g. 128MB or 1GB (default: 64MiB)', valueParser(parseRecordSize))
    .option(
      '--where <cond>',
      'keep only rows where COL=V1,V2 (or COL!=V1,V2); repeatable, all must hold',
      (v: string, prev: WhereClause[] | undefined) => [...(prev ?? []), valueParser(parseWhere)(v)],
    )
    .option('--map <name|file.csv>', `map offense values to categories: a two-column CSV (value,category) or built in: ${Object.keys(BUILTIN_MAPS).join(', ')}`)
    .option('--map-col <name>', 'column the map reads (default: the offense column, or the code column of a known schema for built-in maps)')
    .addOption(new Option('--unmapped <policy>', 'values the map does not cover: keep as they are, group as Other, or drop (default: keep; other for ucr-part1/part1-offense; drop for violent/property)').choices(['keep', 'other', 'drop']));
}

/** How days are counted: leap days (and, for weekly periods, the first day of the week). */
export function addWindowPolicyOptions(cmd: Command, weeks = false): Command {
  cmd.addOption(
    new Option('--leap-day <policy>', 'count Feb 29 like any day (include) or drop it from every window (exclude)')
      .choices(['include', 'exclude'])
      .default('include'),
  );
  if (weeks) {
    cmd.addOption(new Option('--week-start <day>', 'first day of the week').choices(['mon', 'sun']).default('mon'));
  }
  return cmd;
}

/** Grouping, sorting, output format. */
export function addOutputOptions(cmd: Command): Command {
  return cmd
    .option('--by <dims>', 'group by offense, area, or offense,area', valueParser(parseGroupBy), ['offense'] as GroupDim[])
    .addOption(new Option('--sort <key>', 'row order').choices(['count', 'change', 'pct', 'name']).default('count'))
    .option('--top <n>', 'show only the first N rows (the total still covers all)', valueParser(parsePositiveInt('--top')))
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--no-color', 'no colour in the table (also NO_COLOR=1)')
    .option('--raw', 'CSV/TSV: keep text cells that start with = + - @ as they are (no leading \')')
    .option('-o, --output <file>', 'write the report to this file instead of standard output')
    .option('--quiet', 'no notes or warnings on standard error')
    .option('--debug', 'show a stack trace on errors, and how each file was read');
}

export interface InputFlags {
  dateCol?: string;
  offenseCol?: string;
  areaCol?: string;
  idCol?: string;
  preset?: string;
  dateFormat?: string;
  tz?: string;
  encoding?: Encoding;
  strict?: boolean;
  maxRecordSize?: number;
  where?: WhereClause[];
  map?: string;
  mapCol?: string;
  unmapped?: UnmappedPolicy;
}

export interface OutputFlags {
  by: GroupDim[];
  sort: 'count' | 'change' | 'pct' | 'name';
  top?: number;
  format: Format;
  color: boolean;
  raw?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

export function roleFlags(o: InputFlags): RoleFlags {
  const r: RoleFlags = {};
  if (o.dateCol !== undefined) r.date = o.dateCol;
  if (o.offenseCol !== undefined) r.offense = o.offenseCol;
  if (o.areaCol !== undefined) r.area = o.areaCol;
  if (o.idCol !== undefined) r.id = o.idCol;
  if (o.preset !== undefined) r.preset = o.preset;
  return r;
}

export { collect };
