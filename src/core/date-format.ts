/**
 * `--date-format` (date-fns tokens). Common token strings compile to the same
 * fast scanner as a detected layout; anything else is parsed with date-fns
 * `parse()` row by row (slower, but exact for unusual formats).
 */
import { createRequire } from 'node:module';
import { dayFromCivil } from './civil.js';
import { type DateLayout, type DayParser, makeDayParser } from './dates.js';

const DATE_PART = /^(yyyy|yy|MM|M|dd|d)([-/.])(yyyy|yy|MM|M|dd|d)(?:\2(yyyy|yy|MM|M|dd|d))?/;
const TIME_PART = /^(?:(?: |'T')(?:HH|H|hh|h):mm(?::ss(?:\.S+)?)?(?: a)?)?(?:X|XX|XXX|x|xx|xxx)?$/;

/** A layout for a token string the fast scanner understands, or undefined. */
export function layoutFromTokens(tokens: string): DateLayout | undefined {
  const m = DATE_PART.exec(tokens);
  if (!m) return undefined;
  const rest = tokens.slice(m[0].length);
  if (!TIME_PART.test(rest)) return undefined;
  const parts = [m[1]!, m[3]!, m[4]].filter((p): p is string => p !== undefined).map((p) => p[0]);
  const order = parts.join('');
  const orders: Record<string, DateLayout['order']> = { yMd: 'ymd', Mdy: 'mdy', dMy: 'dmy', yM: 'ym' };
  const o = orders[order];
  if (!o) return undefined;
  const yearTok = [m[1], m[3], m[4]].find((p) => p?.startsWith('y'))!;
  return {
    order: o,
    sep: m[2]!,
    yearDigits: yearTok === 'yy' ? 2 : 4,
    padded: !/(^|[^M])M([^M]|$)|(^|[^d])d([^d]|$)/.test(m[0]),
    timeTokens: rest.replace(/X+|x+$/, ''),
    offset: /[Xx]$/.test(rest),
  };
}

/** A row parser for an arbitrary date-fns format; the civil date is taken from the parsed fields. */
export function dateFnsParser(tokens: string): DayParser {
  // A fixed reference date keeps parsing independent of the clock; date-fns
  // builds the value from the written fields in the local zone, and reading the
  // local fields back gives exactly what was written.
  const ref = new Date(2000, 0, 1, 12);
  // Loaded only here: importing date-fns costs about 0.2 s at every start.
  const require = createRequire(import.meta.url);
  const { parse } = require('date-fns/parse') as typeof import('date-fns/parse');
  const { isValid } = require('date-fns/isValid') as typeof import('date-fns/isValid');
  return (text: string) => {
    const d = parse(text, tokens, ref);
    if (!isValid(d)) return NaN;
    return dayFromCivil(d.getFullYear(), d.getMonth() + 1, d.getDate());
  };
}

/** Parser for `--date-format`; fast when the tokens allow it. */
export function parserForTokens(tokens: string, toZone?: (utcMs: number) => number): DayParser {
  const layout = layoutFromTokens(tokens);
  return layout ? makeDayParser(layout, toZone) : dateFnsParser(tokens);
}
