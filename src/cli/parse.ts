/**
 * Flag values to typed values: every parser here reads the text of one flag
 * and throws a UsageError naming the flag (commander reports it, exit 2).
 */
import { existsSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { type Day, daysInMonth, parseIsoDay } from '../core/civil.js';
import type { StatsMode } from '../core/compare-stats.js';
import type { AdjustMethod } from '../core/stats/adjust.js';
import type { WhereClause } from '../core/maps.js';
import { shellQuote } from '../core/inspect.js';
import type { GroupDim } from '../core/types.js';
import type { LastSpec, LastUnit, Span } from '../core/windows.js';
import { UsageError } from '../errors.js';
import { FAIL_KINDS, type FailKind } from './messages.js';

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

/** Collects a repeatable flag's values. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function parseGroupBy(text: string): GroupDim[] {
  const parts = text.split(',').map((s) => s.trim());
  const ok = parts.every((p) => p === 'offense' || p === 'area') && new Set(parts).size === parts.length;
  if (!ok || parts.length === 0) {
    // A column name where a role was expected: say how to group by that column.
    const other = parts.filter((p) => p !== 'offense' && p !== 'area' && p !== '');
    const hint =
      other.length === 1 && !parts.includes('area') && new Set(parts).size === parts.length
        ? ` — to group by a column of that name (or another: crimedelta inspect lists them), give --area-col ${shellQuote(other[0]!)} --by ${parts.map((p) => (p === other[0] ? 'area' : p)).join(',')}`
        : '';
    throw new UsageError('BAD_VALUE', `--by ${text}: expected offense, area or offense,area${hint}`);
  }
  return parts;
}

export function parsePositiveInt(flag: string) {
  return (text: string): number => {
    if (!/^\d+$/.test(text.trim()) || Number(text) < 1)
      throw new UsageError('BAD_VALUE', `${flag} ${text}: expected a whole number of 1 or more`);
    return Number(text);
  };
}

export function checkTimeZone(zone: string): string {
  if (zone === 'as-written') return zone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new UsageError('BAD_VALUE', `--tz ${zone}: not a time zone name (e.g. America/New_York, Europe/London, UTC) nor as-written`);
  }
  return zone;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthNumber(text: string): number | undefined {
  const t = text.toLowerCase();
  if (t.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.startsWith(t));
  return i < 0 ? undefined : i + 1;
}

/** `--span`: `ytd`, `full`, `jan-sep`, `jul-jun`, `mar`, `01-15..06-30`. */
export function parseSpan(text: string): Span {
  // The captions write spans with an en dash (Jan–Sep): that is accepted too.
  const t = text
    .trim()
    .toLowerCase()
    .replace(/\s*[\u2013\u2014]\s*/g, '-');
  if (t === 'ytd') return { kind: 'ytd' };
  if (t === 'full' || t === 'year') return { kind: 'full' };
  const md = /^(\d{1,2})-(\d{1,2})\.\.(\d{1,2})-(\d{1,2})$/.exec(t);
  if (md) {
    const start = { m: Number(md[1]), d: Number(md[2]) };
    const end = { m: Number(md[3]), d: Number(md[4]) };
    for (const x of [start, end]) {
      if (x.m < 1 || x.m > 12 || x.d < 1 || x.d > daysInMonth(2000, x.m)) {
        throw new UsageError(
          'BAD_VALUE',
          `--span ${text}: ${String(x.m).padStart(2, '0')}-${String(x.d).padStart(2, '0')} is not a day of the year`,
        );
      }
    }
    return { kind: 'md', start, end, text: t };
  }
  const months = /^([a-z]+)(?:-([a-z]+))?$/.exec(t);
  if (months) {
    const a = monthNumber(months[1]!);
    const b = months[2] === undefined ? a : monthNumber(months[2]);
    if (a !== undefined && b !== undefined) {
      // d: 31 stands for "the last day of the end month" and is clamped per year.
      return { kind: 'md', start: { m: a, d: 1 }, end: { m: b, d: 31 }, text: t };
    }
  }
  throw new UsageError('BAD_VALUE', `--span ${text}: expected ytd, full, a month range such as jan-sep, or MM-DD..MM-DD`);
}

/** `--years`: `2022,2023` or `2021..2023`; `min` years at least. */
export function parseYears(text: string, min = 2): number[] {
  const t = text.trim();
  const range = /^(\d{4})\.\.(\d{4})$/.exec(t);
  let years: number[];
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    if (b < a) throw new UsageError('BAD_VALUE', `--years ${text}: the range ends before it starts`);
    years = [];
    for (let y = a; y <= b; y++) years.push(y);
  } else if (/^\d{4}(,\s*\d{4})*$/.test(t)) {
    years = t.split(',').map((s) => Number(s.trim()));
  } else {
    throw new UsageError('BAD_VALUE', `--years ${text}: expected years such as 2022,2023 or 2021..2023`);
  }
  years = [...new Set(years)].sort((a, b) => a - b);
  if (years.length < min) throw new UsageError('BAD_VALUE', `--years ${text}: give two or more years to compare`);
  return years;
}

/** An inclusive date range `A..B` for `flag` (`--window`, `--before`, `--after`). */
export function parseDateRange(flag: string) {
  return (text: string): [Day, Day] => {
    const m = /^(.+?)\.\.(.+)$/.exec(text.trim());
    const a = m ? parseIsoDay(m[1]!) : undefined;
    const b = m ? parseIsoDay(m[2]!) : undefined;
    if (a === undefined || b === undefined) {
      const bad = m ? [m[1]!, m[2]!].find((x) => parseIsoDay(x) === undefined && /^\d{4}-\d{2}-\d{2}$/.test(x.trim())) : undefined;
      throw new UsageError(
        'BAD_VALUE',
        bad !== undefined
          ? `${flag} ${text}: ${bad.trim()} is not a day of the calendar`
          : `${flag} ${text}: expected two dates as YYYY-MM-DD..YYYY-MM-DD`,
      );
    }
    if (b < a) throw new UsageError('BAD_VALUE', `${flag} ${text}: the window ends before it starts`);
    return [a, b];
  };
}

/** `--as-of`: a date, `today` or `yesterday` (relative to `today`). */
export function parseAsOf(text: string, today: Day): Day {
  const t = text.trim().toLowerCase();
  if (t === 'today') return today;
  if (t === 'yesterday') return today - 1;
  const d = parseIsoDay(t);
  if (d === undefined) throw new UsageError('BAD_VALUE', `--as-of ${text}: expected YYYY-MM-DD, today or yesterday`);
  return d;
}

/** `--last N(d|w|m)`. */
export function parseLast(text: string): LastSpec {
  const m = /^(\d{1,4})\s*([dwm])$/.exec(text.trim().toLowerCase());
  const n = m ? Number(m[1]) : 0;
  if (!m || n < 1) {
    throw new UsageError('BAD_VALUE', `--last ${text}: expected a number of days, weeks or months such as 28d, 7d, 4w, 3m or 12m`);
  }
  return { n, unit: m[2] as LastUnit, text: `${n}${m[2]}` };
}

/**
 * `--where COL=V1,V2` or `COL!=V`; values are trimmed. A value holding a
 * comma is written in double quotes (`"Theft, petty"`, a quote inside as
 * `""`) or with the comma escaped (`Theft\, petty`).
 */
export function parseWhere(text: string): WhereClause {
  const m = /^(.*?)(!=|=)(.*)$/s.exec(text);
  if (!m || m[1]!.trim() === '') {
    throw new UsageError('BAD_VALUE', `--where ${text}: expected COLUMN=VALUE[,VALUE…] or COLUMN!=VALUE[,VALUE…]`);
  }
  return { column: m[1]!.trim(), negate: m[2] === '!=', values: splitValues(m[3]!, text), text };
}

/** Comma-separated values, with "quoted" values and \, escapes. */
function splitValues(list: string, text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (quoted) {
      if (c === '"' && list[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur.trim() === '') {
      quoted = true;
      wasQuoted = true;
      cur = '';
    } else if (c === '\\' && list[i + 1] === ',') {
      cur += ',';
      i++;
    } else if (c === ',') {
      out.push(wasQuoted ? cur : cur.trim());
      cur = '';
      wasQuoted = false;
    } else cur += c;
  }
  if (quoted) throw new UsageError('BAD_VALUE', `--where ${text}: a quote is never closed`);
  out.push(wasQuoted ? cur : cur.trim());
  return out;
}

/** A comma-separated list of `what` for `flag`, trimmed, without empties or repeats. */
export function parseList(flag: string, what = 'values') {
  return (text: string): string[] => {
    const parts = [
      ...new Set(
        text
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      ),
    ];
    if (parts.length === 0) throw new UsageError('BAD_VALUE', `${flag}: give one or more ${what} separated by commas`);
    return parts;
  };
}

/** `--alpha`: strictly between 0 and 1. */
export function parseAlpha(text: string): number {
  const a = Number(text);
  if (!/^\s*(0?\.\d+|\d+(\.\d+)?(e-?\d+)?)\s*$/i.test(text) || !(a > 0 && a < 1)) {
    throw new UsageError('BAD_VALUE', `--alpha ${text}: expected a number between 0 and 1, e.g. 0.05 for a 95% interval`);
  }
  return a;
}

/** What `--stats` asks for: a p-value test (the E-test, or with it the exact test) and/or Wheeler's z. */
export interface StatsChoice {
  mode?: StatsMode;
  z: boolean;
}

/**
 * `--stats [list]`: absent → undefined, bare → the E-test; otherwise a comma
 * list of `etest`, `exact` (the E-test and the exact test) and `z`, e.g.
 * `--stats z` or `--stats exact,z`. `exact: false` leaves `exact` out (compstat).
 * commander takes the word after a bare --stats as its value, so a file name
 * found there is put back among the files.
 */
export function statsChoice(value: boolean | string | undefined, files: string[], exact = true): StatsChoice | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return { mode: 'etest', z: false };
  const words = value
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w !== '');
  const known = (w: string) => w === 'etest' || w === 'e-test' || w === 'z' || (exact && w === 'exact');
  if (words.length > 0 && words.every(known)) {
    const out: StatsChoice = { z: words.includes('z') };
    if (words.includes('exact')) out.mode = 'exact';
    else if (words.some((w) => w === 'etest' || w === 'e-test')) out.mode = 'etest';
    return out;
  }
  if (value === '-' || existsSync(value)) {
    files.unshift(value);
    return { mode: 'etest', z: false };
  }
  throw new UsageError(
    'BAD_VALUE',
    exact
      ? `--stats ${value}: expected nothing (the E-test), exact, z, or a list such as exact,z`
      : `--stats ${value}: expected nothing (the E-test), z, or etest,z`,
  );
}

/** trend's `--stats`: only `z` (trend has no p-values). */
export function parseTrendStats(text: string): 'z' {
  if (text.trim().toLowerCase() === 'z') return 'z';
  throw new UsageError('BAD_VALUE', `--stats ${text}: trend has one statistic, z (Wheeler's Poisson z-score)`);
}

/** `--adjust`: holm, bh (also fdr, benjamini-hochberg) or none. */
export function parseAdjust(text: string): AdjustMethod {
  const t = text.trim().toLowerCase();
  if (t === 'holm' || t === 'none') return t;
  if (t === 'bh' || t === 'fdr' || t === 'fdr_bh' || t === 'benjamini-hochberg') return 'bh';
  throw new UsageError('BAD_VALUE', `--adjust ${text}: expected holm (family-wise), bh (Benjamini-Hochberg, false discovery rate) or none`);
}

/** `--level`: a confidence level strictly between 0 and 1 (`99%` is 0.99). */
export function parseLevel(text: string): number {
  const t = text.trim();
  const pct = t.endsWith('%');
  const n = Number(pct ? t.slice(0, -1) : t);
  const level = pct ? n / 100 : n;
  if (t === '' || t === '%' || !Number.isFinite(n) || !(level > 0 && level < 1)) {
    throw new UsageError('BAD_VALUE', `--level ${text}: expected a level between 0 and 1, e.g. 0.99 (or 99%)`);
  }
  return level;
}

/** A number of 0 or more for `flag` (e.g. `--min-count`). */
export function parseNonNegative(flag: string) {
  return (text: string): number => {
    const n = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(n) || n < 0)
      throw new UsageError('BAD_VALUE', `${flag} ${text}: expected a number of 0 or more`);
    return n;
  };
}

/**
 * --max-record-size: a number of bytes, or with a unit as in GNU tools: k, M,
 * G alone or with iB are powers of 1024, with B powers of 1000 (128MB is
 * 128,000,000 bytes, 64MiB or 64M is 67,108,864); from 1 byte to 1 GiB.
 */
export function parseRecordSize(text: string): number {
  const m = /^\s*(\d+)\s*(?:([kmg])(i?b)?|(b))?\s*$/i.exec(text);
  let n = NaN;
  if (m) {
    const power = m[2] === undefined ? 0 : 'kmg'.indexOf(m[2].toLowerCase()) + 1;
    const base = m[3]?.toLowerCase() === 'b' ? 1000 : 1024;
    n = Number(m[1]) * base ** power;
  }
  if (!Number.isInteger(n) || n < 1 || n > 1 << 30) {
    throw new UsageError(
      'BAD_VALUE',
      `--max-record-size ${text}: expected a size from 1 byte to 1 GiB, e.g. 128MB, 1GB or a number of bytes`,
    );
  }
  return n;
}

/** `--fail-on`: a comma list of warning kinds (and, for a command that has them, `extra` kinds such as alerts). */
export function parseFailOn(text: string, extra: readonly string[] = []): FailKind[] {
  const kinds = text
    .split(',')
    .map((k) => k.trim().toLowerCase())
    .filter((k) => k !== '');
  const allowed: readonly string[] = [...FAIL_KINDS, ...extra];
  const bad = kinds.find((k) => !allowed.includes(k));
  if (bad !== undefined || kinds.length === 0) {
    throw new UsageError('BAD_VALUE', `--fail-on ${text}: expected one or more of ${allowed.join(', ')}`);
  }
  return kinds as FailKind[];
}

/** A percentage from 0 to 100, for `flag`. */
export function parsePercent(flag: string) {
  return (text: string): number => {
    const t = text.trim().replace(/%$/, '');
    const n = Number(t);
    if (t === '' || !Number.isFinite(n) || n < 0 || n > 100)
      throw new UsageError('BAD_VALUE', `${flag} ${text}: expected a percentage from 0 to 100`);
    return n;
  };
}
