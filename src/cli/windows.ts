/** The window flags of compare (and the month rule every command applies) in command-line words. */
import { MONTH_ABBR, civilFromDay } from '../core/civil.js';
import type { Window } from '../core/types.js';
import { type LastSpec, monthCut, type Span, type VsMode, type WindowSpec, windowDatesText } from '../core/windows.js';
import { UsageError } from '../errors.js';
import { parseDateRange } from './parse.js';

export interface WindowFlags {
  years?: number[];
  span?: Span;
  /** `--window` texts as given (parsed here, after the checks of which flags go together). */
  window?: string[];
  last?: LastSpec;
  vs?: VsMode;
}

/** The window specification the flags ask for; flags that cannot go together are exit 2. */
export function windowSpec(o: WindowFlags): WindowSpec {
  if (o.last) {
    if (o.window || o.years || o.span) throw new UsageError('FLAG_CONFLICT', '--last cannot be combined with --window, --years or --span');
    return { kind: 'last', last: o.last, vs: o.vs ?? 'prior' };
  }
  if (o.vs) throw new UsageError('FLAG_CONFLICT', '--vs goes with --last (e.g. --last 28d --vs year)');
  if (o.window && (o.years || o.span)) throw new UsageError('FLAG_CONFLICT', '--window cannot be combined with --years or --span');
  if (o.window) {
    if (o.window.length < 2) throw new UsageError('BAD_VALUE', '--window: give two or more windows (repeat the flag)');
    return { kind: 'explicit', ranges: o.window.map(parseDateRange('--window')) };
  }
  if (o.years) return o.span ? { kind: 'years', years: o.years, span: o.span } : { kind: 'years', years: o.years };
  if (o.span) return { kind: 'years', years: [], span: o.span };
  return { kind: 'default' };
}

/** Month-only data: every window must cover whole months (exit 2 naming the month a window cuts). */
export function requireWholeMonths(
  windows: readonly Window[],
  hint = 'use whole months (e.g. --span jan-sep or an --as-of at a month end)',
): void {
  const cut = monthCut(windows);
  if (!cut) return;
  const c = civilFromDay(cut.day);
  throw new UsageError(
    'WHOLE_MONTHS_NEEDED',
    `the data has month-only dates (YYYY-MM), so windows must cover whole months, but window ${cut.window.label} (${windowDatesText(cut.window)}) cuts ${MONTH_ABBR[c.m - 1]} ${c.y}; ${hint}`,
  );
}
