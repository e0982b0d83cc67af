/**
 * What the data covers of each window: notes for windows it does not cover,
 * and the error for windows that hold nothing at all.
 */
import { InputError } from '../errors.js';
import { type Day, formatDay, formatLongDay } from './civil.js';
import { dataEnd, type ReadResult } from './ingest.js';
import type { Window } from './types.js';

/**
 * Notes for windows the data does not cover: past the as-of day, past the
 * data's last day, before its first, or entirely outside it.
 */
export function checkCoverage(windows: readonly Window[], read: ReadResult, asOf: Day, asOfGiven: boolean, warn: (m: string) => void): void {
  const { tally } = read;
  const last = dataEnd(read);
  for (const w of windows) {
    if (asOfGiven && w.end > asOf) {
      warn(`window ${w.label} (${formatDay(w.start)}..${formatDay(w.end)}) ends after the as-of day ${formatDay(asOf)}`);
    }
    if (w.end > last && w.start <= last) {
      warn(`window ${w.label} ends ${formatLongDay(w.end)}, after the last date in the data (${formatLongDay(last)}): its count may be incomplete`);
    } else if (w.start < tally.minDay && w.end >= tally.minDay) {
      warn(`window ${w.label} starts ${formatLongDay(w.start)}, before the first date in the data (${formatLongDay(tally.minDay)}): its count may be incomplete`);
    } else if (w.end < tally.minDay || w.start > last) {
      warn(`window ${w.label} (${formatDay(w.start)}..${formatDay(w.end)}) has no data at all: the data runs from ${formatDay(tally.minDay)} to ${formatDay(last)}`);
    }
  }
}

/**
 * A report in which no window holds a row cannot say anything: exit 1. A
 * window holding a tiny share of what the others hold usually means the data
 * barely reaches it (stray old dates), not a real change: say so.
 */
export function checkCounts(labels: readonly string[], totals: readonly number[], read: ReadResult, warn: (m: string) => void): void {
  const most = Math.max(...totals);
  if (most === 0) {
    throw new InputError(
      'NO_DATA_IN_WINDOWS',
      `no incident falls in any window (${labels.join(', ')}); the data runs from ${formatDay(read.tally.minDay)} to ${formatDay(dataEnd(read))}`,
    );
  }
  const fullest = labels[totals.indexOf(most)]!;
  labels.forEach((label, i) => {
    const n = totals[i]!;
    if (n > 0 && n * 50 < most) {
      warn(
        `window ${label} holds ${n.toLocaleString('en-US')} rows against ${most.toLocaleString('en-US')} in ${fullest}: the data probably does not cover it (crimedelta inspect shows the date range)`,
      );
    }
  });
}
