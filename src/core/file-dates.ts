/** Each file's date parser, decided once from a sample of its date column. */
import { InputError } from '../errors.js';
import type { Day } from './civil.js';
import { type DateSpec, dateParser } from './count-rule.js';
import { type DateLayout, type DayParser, detectDateLayout, layoutTokens } from './dates.js';

/** Rows sampled before an ambiguous day/month order is given up on. */
export const MAX_SAMPLE = 50_000;

export interface FileDates {
  /** The zone the file's offset dates are counted in (null: the day as written). */
  zone: string | null;
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

/** `--tz as-written`: dates with a UTC offset count on the day written, with no note and no preset zone. */
export const TZ_AS_WRITTEN = 'as-written';

/** Where the zone of a file's offset dates comes from. */
export type ZoneSource =
  { zone: string; from: 'flag' } | { zone: string; from: 'preset'; preset: string } | { zone: null; from: 'as-written' | 'none' };

/** What the run brings to the decision: --date-format, --tz, the layouts of earlier files. */
export interface DateContext {
  dateFormat?: string;
  /** The zone of dates that carry a UTC offset, and where it comes from. */
  zone: ZoneSource;
  /** The day converter of a zone. */
  toZone: (zone: string) => (utcMs: number) => Day;
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
  const { previous } = ctx;
  const zone = ctx.zone.zone;
  const toZone = zone === null ? undefined : ctx.toZone(zone);
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
    return { zone, parse, spec, tokens: opts.dateFormat, monthly: /^y+[-/.]M+$/.test(opts.dateFormat) };
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
  if (layout.offset) {
    const example = typicalValue(values, parse);
    const z = ctx.zone;
    if (z.from === 'preset') {
      opts.warn(
        `${name}: dates in "${column}" carry a UTC offset (e.g. "${example}"); counting days in ${z.zone}, the zone of the ${z.preset} preset (--tz as-written keeps the day written in the stamp)`,
      );
    } else if (z.from === 'none') opts.warn(`${name}: dates in "${column}" ${offsetAdvice(values, example)}`);
  }
  return { zone, parse, spec, tokens: layoutTokens(layout), monthly: layout.order === 'ym' };
}

/** A stamp's written hour and its offset in minutes (NaN when the value has no time or no offset). */
const STAMP = /[T ](\d{1,2}):\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Stamps with a time of day needed before the quietest hour says anything. */
export const HOURS_NEEDED = 200;

/** The hour at which crime is fewest, in local time (it is lowest around 5–6 a.m. everywhere). */
const QUIETEST_LOCAL_HOUR = 5;

/** Zones to name for a UTC offset in whole hours (an example, not a guess of the city). */
const ZONE_EXAMPLES: Record<number, string> = {
  [-10]: 'Pacific/Honolulu',
  [-9]: 'America/Anchorage',
  [-8]: 'America/Los_Angeles',
  [-7]: 'America/Denver or America/Los_Angeles in summer',
  [-6]: 'America/Chicago',
  [-5]: 'America/New_York or America/Chicago in summer',
  [-4]: 'America/New_York in summer',
  [-3]: 'America/Sao_Paulo',
  [0]: 'Europe/London',
  [1]: 'Europe/Paris or Europe/London in summer',
  [2]: 'Europe/Paris in summer',
  [8]: 'Asia/Singapore',
  [9]: 'Asia/Tokyo',
  [10]: 'Australia/Sydney',
};

/**
 * What to say about dates with a UTC offset when no zone is known: with a
 * non-zero offset the date written is already that offset's local date; with
 * `Z`/`+00` the hour at which incidents are fewest tells local time (around
 * 5 a.m.) from UTC (5 a.m. shifted by the city's offset).
 */
export function offsetAdvice(values: readonly string[], example: string): string {
  const hours = new Array<number>(24).fill(0);
  let zero = 0;
  let nonZero = 0;
  for (const v of values) {
    const m = STAMP.exec(v);
    if (!m) continue;
    const off = m[2]!.toUpperCase();
    if (off === 'Z' || /^[+-]00:?(00)?$/.test(off)) {
      zero++;
      hours[Number(m[1]) % 24]!++;
    } else nonZero++;
  }
  const head = `carry a UTC offset (e.g. "${example}")`;
  const counting = 'counting the date as written';
  if (nonZero > zero) return `${head}; ${counting}, the local date of that offset (--tz ZONE counts another zone's days)`;
  const timed = hours.reduce((a, b) => a + b, 0);
  if (timed < HOURS_NEEDED || hours[0] === timed) {
    return `${head}; ${counting}: too few times of day to tell UTC from local time — give --tz ZONE if they are UTC`;
  }
  // The quietest hour, over three-hour windows (one quiet hour of a small sample is noise).
  let best = 0;
  let least = Infinity;
  for (let h = 0; h < 24; h++) {
    const n = hours[(h + 23) % 24]! + hours[h]! + hours[(h + 1) % 24]!;
    if (n < least) {
      least = n;
      best = h;
    }
  }
  const at = `${String(best).padStart(2, '0')}:00`;
  const shift = ((((QUIETEST_LOCAL_HOUR - best) % 24) + 36) % 24) - 12;
  if (Math.abs(shift) <= 2) {
    return `${head}; incidents are fewest around ${at} as written, as in local time (crime is lowest around 5–6 a.m.): the stamps look local, so ${counting}`;
  }
  const zones = ZONE_EXAMPLES[shift];
  return `${head}; incidents are fewest around ${at} as written, but crime is lowest around 5–6 a.m. local time: the stamps look like UTC of a city ${Math.abs(shift)} hours ${shift < 0 ? 'behind' : 'ahead of'} UTC${zones ? ` (such as ${zones})` : ''}; ${counting} — give --tz ZONE to count local days`;
}

/** A value to quote as an example: the readable one with the median date (not a stray 0001-01-01). */
function typicalValue(values: readonly string[], parse: DayParser): string {
  const read = values.map((v) => ({ v, day: parse(v) })).filter((x) => !Number.isNaN(x.day));
  if (read.length === 0) return values[0] ?? '';
  read.sort((a, b) => a.day - b.day);
  return read[read.length >> 1]!.v;
}
