/**
 * Options shared by the commands that read incidents, declared once. Value
 * parsers turn bad values into commander's InvalidArgumentError (exit 2).
 */
import { type Command, Option } from 'commander';
import type { RoleFlags } from '../core/roles/detect.js';
import { BUILTIN_MAPS, type UnmappedPolicy, type WhereClause } from '../core/maps.js';
import { PRESETS } from '../core/roles/presets.js';
import type { GroupDim, SortKey } from '../core/types.js';
import { FORMATS, type Format } from '../format/index.js';
import type { Encoding } from '../io/input.js';
import { FAIL_KINDS, type FailKind, type MessageOptions } from './messages.js';
import {
  checkTimeZone,
  parseFailOn,
  parseGroupBy,
  parseList,
  parsePercent,
  parsePositiveInt,
  parseRecordSize,
  parseWhere,
  valueParser,
} from './parse.js';

/** Input: files, column roles, dates, encodings. */
export function addInputOptions(cmd: Command): Command {
  return cmd
    .argument(
      '[files...]',
      'CSV files (several are pooled; - is standard input, read also when no FILE is given and input is piped; .gz is read as gzip)',
    )
    .option('--sample', 'read the bundled sample (synthetic incidents of a fictional city) instead of FILE')
    .option('--no-header', 'the files have no header row: their first row is data (name the columns with --columns)')
    .option(
      '--columns <names>',
      'with --no-header: the column names, comma-separated (default: column1, column2, …)',
      valueParser(parseList('--columns', 'column names')),
    )
    .option('--date-col <name>', 'column with the date the incident occurred')
    .option('--offense-col <name>', 'column with the offense')
    .option('--area-col <name>', 'column with the area (district, beat, neighborhood…)')
    .option('--id-col <name>', 'count distinct values of this column (incidents) instead of rows')
    .addOption(
      new Option('--preset <name>', "use a known schema's columns (none: detect from the header and values only)").choices([
        ...PRESETS.map((p) => p.name),
        'none',
      ]),
    )
    .option('--date-format <tokens>', 'date format as date-fns tokens, e.g. "dd/MM/yyyy HH:mm" (default: detected)')
    .option(
      '--tz <zone>',
      "count timestamps that carry a UTC offset as this zone's dates (a preset may know its city's zone); as-written: the date written in the stamp",
      valueParser(checkTimeZone),
    )
    .addOption(new Option('--encoding <name>', 'text encoding of the files').choices(['utf8', 'latin1', 'utf16le']))
    .option('--strict', 'stop with exit 1 at the first row that cannot be used')
    .option(
      '--max-record-size <n>',
      'a record (row) of more than n bytes is an error (a quote never closed?); n may be e.g. 128MB or 1GB (default: 64MiB)',
      valueParser(parseRecordSize),
    )
    .option(
      '--where <cond>',
      'keep only rows where COL=V1,V2 (or COL!=V1,V2); repeatable, all must hold',
      (v: string, prev: WhereClause[] | undefined) => [...(prev ?? []), valueParser(parseWhere)(v)],
    )
    .option(
      '--map <name|file.csv>',
      `map offense values to categories: a two-column CSV (value,category) or built in: ${Object.keys(BUILTIN_MAPS).join(', ')}`,
    )
    .option(
      '--map-col <name>',
      'column the map reads (default: the offense column, or the code column of a known schema for built-in maps)',
    )
    .addOption(
      new Option(
        '--unmapped <policy>',
        'values no rule of the map places: keep as they are, group as Other, mark as one (unmapped) row, or drop (default: keep; mark for ucr-part1/part1-offense; drop for violent/property/part1)',
      ).choices(['keep', 'other', 'mark', 'drop']),
    );
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
  cmd
    .option('--by <dims>', 'group by offense, area, or offense,area', valueParser(parseGroupBy), ['offense'] as GroupDim[])
    .addOption(new Option('--sort <key>', 'row order').choices(['count', 'change', 'pct', 'name']).default('count'))
    .option('--top <n>', 'show only the first N rows (the total still covers all)', valueParser(parsePositiveInt('--top')));
  return addFormatOptions(cmd);
}

/** The output format, colour, width, formula safety and -o: every command's (`text` words a flag differently). */
export function addFormatOptions(cmd: Command, text: { noColor?: string; raw?: string } = {}): Command {
  return cmd
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--no-color', text.noColor ?? 'no colour in the table (also NO_COLOR=1)')
    .option('--wide', 'table on a terminal: the whole table on one line per row (not fitted to its width)')
    .option('--raw', text.raw ?? "CSV/TSV: keep text cells that start with = + - @ as they are (no leading ')")
    .option(
      '-o, --output <file>',
      'write the report to this file instead of standard output (atomically: a failed run keeps the old file)',
    );
}

/**
 * What may fail the run, and what is said on standard error. `afterReport`
 * names extra --fail-on kinds that fail the run after the report is written
 * (alerts), with what they mean.
 */
export function addRunOptions(cmd: Command, afterReport?: { kinds: readonly string[]; help: string }): Command {
  const extra = afterReport?.kinds ?? [];
  return cmd
    .option(
      '--fail-on <kinds>',
      `turn these warnings into exit 1 with no report written: ${FAIL_KINDS.join(', ')} (comma list, repeatable)${afterReport ? `; ${afterReport.help}` : ''}`,
      (v: string, prev: FailKind[] | undefined) => [...(prev ?? []), ...valueParser((t) => parseFailOn(t, extra))(v)],
    )
    .option(
      '--max-skipped <pct>',
      'fail (exit 1, no report) when more than this % of the rows read cannot be used',
      valueParser(parsePercent('--max-skipped')),
    )
    .option('--quiet', 'no notes on standard error (warnings and errors are still shown)')
    .option('--debug', 'show the error code and a stack trace on errors, and how each file was read');
}

export interface InputFlags {
  sample?: boolean;
  /** false with --no-header. */
  header?: boolean;
  columns?: string[];
  quiet?: boolean;
  debug?: boolean;
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
  /** --rollup, --count-col, --weights (declared by measure-options.ts for compare, trend and compstat). */
  rollup?: boolean;
  countCol?: string;
  weights?: string;
}

export interface OutputFlags {
  by: GroupDim[];
  sort: SortKey;
  top?: number;
  format: Format;
  color: boolean;
  wide?: boolean;
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

/** The input flags alone (what readIncidents takes), from a command's parsed flags. */
export function inputFlags(f: InputFlags): InputFlags {
  const out: InputFlags = {};
  for (const k of INPUT_KEYS) if (f[k] !== undefined) (out as Record<string, unknown>)[k] = f[k];
  if (f.header === false) out.header = false;
  return out;
}

const INPUT_KEYS = [
  'sample',
  'columns',
  'dateCol',
  'offenseCol',
  'areaCol',
  'idCol',
  'preset',
  'dateFormat',
  'tz',
  'encoding',
  'maxRecordSize',
  'strict',
  'where',
  'map',
  'mapCol',
  'unmapped',
  'rollup',
  'countCol',
  'weights',
  'quiet',
  'debug',
] as const;

/** The grouping and output flags alone, from a command's parsed flags. */
export function outputFlags(f: OutputFlags): OutputFlags {
  const out: OutputFlags = { by: f.by, sort: f.sort, format: f.format, color: f.color };
  if (f.top !== undefined) out.top = f.top;
  if (f.raw) out.raw = true;
  if (f.wide) out.wide = true;
  if (f.quiet) out.quiet = true;
  if (f.debug) out.debug = true;
  return out;
}

/** The flags of --fail-on, --max-skipped and --quiet, for the run's messages. */
export interface RunFlags {
  failOn?: FailKind[];
  maxSkipped?: number;
  quiet?: boolean;
}

export function runFlags(f: RunFlags): MessageOptions {
  const out: MessageOptions = {};
  if (f.quiet) out.quiet = true;
  if (f.failOn?.length) out.failOn = [...new Set(f.failOn)];
  if (f.maxSkipped !== undefined) out.maxSkipped = f.maxSkipped;
  return out;
}
