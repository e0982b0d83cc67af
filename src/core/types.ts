import type { Day } from './civil.js';

export type GroupDim = 'offense' | 'area';

/** Row order: by count, by size of the change or % change, or by name. */
export type SortKey = 'count' | 'change' | 'pct' | 'name';

/** A comparison window: inclusive civil dates [start, end]. */
export interface Window {
  label: string;
  start: Day;
  end: Day;
}

export type SkipReason = 'missingDate' | 'unreadableDate' | 'missingOffense' | 'wrongFieldCount' | 'badCount';

export const SKIP_REASONS: readonly SkipReason[] = ['missingDate', 'unreadableDate', 'missingOffense', 'wrongFieldCount', 'badCount'];

export const SKIP_LABELS: Record<SkipReason, string> = {
  missingDate: 'no date',
  unreadableDate: 'unreadable date',
  missingOffense: 'no offense',
  wrongFieldCount: 'wrong number of fields',
  badCount: 'count not a number (--count-col)',
};

/** Where a row was read: file name and 1-based line. */
export interface RowPlace {
  file: string;
  line: number;
}

/** What one file turned out to be, for captions, warnings and `inspect`. */
export interface FileInfo {
  name: string;
  roles: { date: string; offense: string | null; area: string | null; id: string | null };
  dateFormat: string;
  delimiter: string;
  rowsRead: number;
  /** The date layouts of a column that holds several, with the rows each read. */
  dateLayouts?: { tokens: string; rows: number }[];
  /** The file's first and last incident day (undefined when it has no usable row). */
  span?: { from: Day; to: Day };
  /** How the file was read (shown by --debug): the reader, and a split between threads if any. */
  reading?: string;
}

/**
 * Receives records: `fields` (all, or the projected ones — a projected index
 * past the end of a short row is ''), the record's true field count and the
 * 1-based physical line on which it ends. `fields` belongs to the callee.
 */
export type RecordCallback = (fields: string[], count: number, line: number) => void;

/** Cell values that mean "no value", compared case-insensitively after trimming (besides the empty string). */
const MISSING_TOKENS = new Set(['null', 'na', 'n/a', '(null)']);

/** Whether a trimmed cell value is missing: empty, NULL, null, NA, N/A or (null). */
export function isMissing(v: string): boolean {
  return v === '' || (v.length <= 6 && MISSING_TOKENS.has(v.toLowerCase()));
}

/** A missing value inside a group key: never equal to a value from the data. */
export const MISSING_KEY = '\u001e';

/** How a missing group value is shown in text formats (JSON has null). */
export const MISSING_LABEL = '(missing)';
