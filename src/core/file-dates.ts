/** Each file's date parser, decided once from a sample of its date column. */
import { InputError } from '../errors.js';
import type { Day } from './civil.js';
import { type DateSpec, dateParser } from './count-rule.js';
import { type DateLayout, type DayParser, detectDateLayout, layoutTokens } from './dates.js';

/** Rows sampled before an ambiguous day/month order is given up on. */
export const MAX_SAMPLE = 50_000;

export interface FileDates {
  parse: DayParser;
  spec: DateSpec;
  tokens: string;
  monthly: boolean;
}

/** The date values sampled from one file. */
export interface DateSample {
  name: string;
  column: string;
  /** Trimmed, non-empty values of the date column, from rows of the right width. */
  values: string[];
  /** Rows in the sample. */
  rows: number;
  /** The sample is the whole file. */
  exhausted: boolean;
}

/** What the run brings to the decision: --date-format, --tz, the layouts of earlier files. */
export interface DateContext {
  dateFormat?: string;
  toZone?: (utcMs: number) => Day;
  /** Layouts decided for earlier files (an ambiguous file follows them); this file's is added. */
  previous: DateLayout[];
  warn: (message: string) => void;
}

/**
 * Decides the date parser for one file from its sample, or 'more' when a
 * bigger sample is needed (nothing to decide from yet, or day/month order
 * still open).
 */
export function fileDates(sample: DateSample, ctx: DateContext): FileDates | 'more' {
  const { name, column, values, rows: sampleRows, exhausted } = sample;
  const { toZone, previous } = ctx;
  const opts = ctx;
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
    opts.warn(
      `${name}: dates such as "${det.example}" read ${prior.order === 'mdy' ? 'month-first' : 'day-first'}, as in the file before it`,
    );
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
