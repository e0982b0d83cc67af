/**
 * The errors a run can end with. Each carries a stable code (shown by
 * `--debug`, listed in docs/errors.md) and its exit code: 2 when the command
 * line or a definition is wrong, 1 when the input cannot give a report.
 */

/** Every code, what it means and what to do; docs/errors.md is generated from this table. */
export const ERROR_CODES = {
  // exit 2: the command line is wrong
  UNKNOWN_COMMAND: { exit: 2, means: 'no such command', todo: 'run crimedelta --help for the commands' },
  UNKNOWN_FLAG: { exit: 2, means: 'a flag the command does not have', todo: 'run crimedelta COMMAND --help for its flags' },
  MISSING_FLAG: { exit: 2, means: 'a required flag or a flag value is missing', todo: 'give the flag named in the message' },
  BAD_VALUE: {
    exit: 2,
    means: 'a flag value cannot be read (a date, a span, a number, a choice)',
    todo: 'write the value as the message shows',
  },
  FLAG_CONFLICT: {
    exit: 2,
    means: 'flags that cannot be used together, or one that needs another',
    todo: 'drop one of them, or add the one it needs',
  },
  OUTPUT_IS_INPUT: { exit: 2, means: '-o names one of the input files', todo: 'write the report to another file' },
  WHOLE_MONTHS_NEEDED: {
    exit: 2,
    means: 'month-only data (YYYY-MM) and a window or period that cuts a month',
    todo: 'use whole months: a month span, --last in months, an --as-of at a month end',
  },
  TOO_FEW_WINDOWS: { exit: 2, means: '--baseline mean with fewer than three windows', todo: 'give three or more years or windows' },
  NO_INPUT: {
    exit: 2,
    means: 'no FILE, standard input is a terminal, and no --sample',
    todo: 'give CSV files, pipe CSV data in, or add --sample',
  },
  BAD_DEFINITION: {
    exit: 2,
    means: 'a report definition that is not valid: YAML, an unknown key, a wrong type or value, a section without its command',
    todo: 'fix the key on the line named (crimedelta report --check DEFINITION checks without reading data)',
  },
  AREA_SETS_OVERLAP: { exit: 2, means: 'an area value is in two of the evaluate area sets', todo: 'put each area in one set only' },
  // exit 1: the input cannot give a report
  EMPTY_INPUT: {
    exit: 1,
    means: 'a file or standard input holds no bytes (no input rows)',
    todo: 'check the file or the command that should have written it',
  },
  NO_SUCH_FILE: { exit: 1, means: 'a named file does not exist', todo: 'check the path' },
  UNREADABLE_FILE: {
    exit: 1,
    means: 'a file cannot be read (permission, a folder, an I/O error)',
    todo: 'check the path and its permissions',
  },
  BAD_GZIP: { exit: 1, means: 'gzip data that is truncated or corrupt', todo: 'download or compress the file again' },
  MALFORMED_CSV: {
    exit: 1,
    means: 'CSV that cannot be split into records (a quote never closed)',
    todo: 'fix the quotes on the line named',
  },
  RECORD_TOO_LARGE: {
    exit: 1,
    means: 'a record larger than --max-record-size (usually a quote never closed)',
    todo: 'fix the quotes, or raise --max-record-size',
  },
  NO_ROWS: { exit: 1, means: 'a header and no rows', todo: 'check the export' },
  NO_SUCH_COLUMN: {
    exit: 1,
    means: 'a column named by a flag or a preset is not in the header',
    todo: 'use one of the columns the message lists',
  },
  NO_DATE_COLUMN: { exit: 1, means: 'no column can be told to hold the incident date', todo: 'name it with --date-col' },
  NO_OFFENSE_COLUMN: { exit: 1, means: 'no column can be told to hold the offense', todo: 'name it with --offense-col' },
  NO_AREA_COLUMN: { exit: 1, means: 'grouping or evaluating by area without an area column', todo: 'name it with --area-col' },
  NOT_DATES: {
    exit: 1,
    means: 'the date column holds no dates, or none matching --date-format',
    todo: 'name the date column with --date-col, or give --date-format',
  },
  AMBIGUOUS_DATE_FORMAT: {
    exit: 1,
    means: 'dates that can be month-first or day-first, and no row decides',
    todo: 'give --date-format "MM/dd/yyyy" or "dd/MM/yyyy"',
  },
  NO_USABLE_ROWS: { exit: 1, means: 'no row has a readable date and offense', todo: 'run crimedelta inspect to see the columns and dates' },
  NOTHING_LEFT: { exit: 1, means: 'every row was left out by --where or --map', todo: 'check the values (crimedelta inspect lists them)' },
  NO_DATA_IN_WINDOWS: {
    exit: 1,
    means: 'no incident falls in any window or period',
    todo: 'choose windows inside the dates the data covers',
  },
  DAILY_DATES_NEEDED: { exit: 1, means: 'a command that needs daily dates on month-only data', todo: 'use compare or trend by month' },
  UNKNOWN_AREA: {
    exit: 1,
    means: 'none of the areas of an evaluate set occurs in the data',
    todo: 'check the spelling against crimedelta inspect',
  },
  UNKNOWN_OFFENSE: {
    exit: 1,
    means: 'none of the --offense values occurs in the data',
    todo: 'check the spelling against crimedelta inspect',
  },
  UNUSABLE_ROW: {
    exit: 1,
    means: '--strict and a row that cannot be used',
    todo: 'fix the row named, or drop --strict to skip and count such rows',
  },
  BAD_MAP: { exit: 1, means: 'a --map file that cannot be read as value,category rows', todo: 'fix the map file' },
  BAD_WEIGHTS: {
    exit: 1,
    means: 'a --weights file that cannot be read as offense,weight rows (a weight that is not a number of 0 or more)',
    todo: 'fix the line named',
  },
  BAD_POPULATION: {
    exit: 1,
    means: 'a --population file that cannot be read as area,year,population rows (a population of 0, negative or not a number)',
    todo: 'fix the line named',
  },
  WRITE_FAILED: {
    exit: 1,
    means: 'the report cannot be written (the old -o file is kept)',
    todo: 'check the path, the permissions and the free space',
  },
  INTERNAL: {
    exit: 1,
    means: 'a bug in crimedelta ("internal error")',
    todo: 'report it with the output of the same command with --debug',
  },
} as const satisfies Record<string, { exit: 1 | 2; means: string; todo: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export type CodeOf<X extends 1 | 2> = { [K in ErrorCode]: (typeof ERROR_CODES)[K]['exit'] extends X ? K : never }[ErrorCode];

export abstract class CrimedeltaError extends Error {
  abstract readonly exitCode: 1 | 2;
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The command line (or a report definition) is wrong: exit 2. */
export class UsageError extends CrimedeltaError {
  readonly exitCode = 2;
  override name = 'UsageError';
  constructor(code: CodeOf<2>, message: string) {
    super(code, message);
  }
}

/** The input cannot give a report: exit 1. */
export class InputError extends CrimedeltaError {
  readonly exitCode = 1;
  override name = 'InputError';
  constructor(code: CodeOf<1>, message: string) {
    super(code, message);
  }
}

export function isCrimedeltaError(e: unknown): e is CrimedeltaError {
  return e instanceof CrimedeltaError;
}
