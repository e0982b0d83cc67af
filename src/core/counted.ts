/**
 * The rows a report builder starts from: counts per group per window (with
 * --count-col and --weights summed, see measure.ts), and under --rollup the
 * class rows beside the offense rows (see rollup.ts).
 */
import { KEY_SEP, type Tally } from './aggregate.js';
import { CLASS_SEP } from './maps.js';
import { collapse } from './measure.js';
import { classRows, type CountedRow, type Tier } from './rollup.js';
import { type GroupKey, groupRows } from './rows.js';
import { type GroupDim, MISSING_KEY, type Window } from './types.js';
import type { LeapDayPolicy } from './windows.js';

export interface Counted {
  /** One row per group (under --rollup: the offenses, with their class as parent). */
  members: (CountedRow & Partial<Tier>)[];
  /** --rollup: one row per class. */
  classes: (CountedRow & Tier)[];
  total: CountedRow;
  rowsCounted: number;
  rowsOutsideWindows: number;
  /** --weights: rows per window of the groups whose offense has no weight. */
  unweighted?: Map<string, number[]>;
}

/** The class and area of each group (a tally key), numbered, for distinct ids per class. */
function classParents(groups: readonly string[], groupBy: readonly GroupDim[]) {
  const oi = groupBy.indexOf('offense');
  const ai = groupBy.indexOf('area');
  const index = new Map<string, number>();
  const of = groups.map((g) => {
    const parts = g.split(KEY_SEP);
    const offense = parts[oi] ?? '';
    const cls = offense.includes(CLASS_SEP) ? offense.slice(0, offense.indexOf(CLASS_SEP)) : offense;
    const area = ai >= 0 ? parts[ai] : undefined;
    const id = parentId(cls, area === MISSING_KEY ? null : (area ?? null));
    let n = index.get(id);
    if (n === undefined) index.set(id, (n = index.size));
    return n;
  });
  return { of, index };
}

function parentId(cls: string, area: string | null): string {
  return JSON.stringify([cls, area]);
}

/** Counts per row and window for a report: the groups, and under `rollup` their classes. */
export function countedRows(
  tally: Tally,
  windows: readonly Window[],
  groupBy: readonly GroupDim[],
  opts: { leapDay: LeapDayPolicy; rollup?: boolean },
): Counted {
  const parents = opts.rollup && tally.ids ? classParents(tally.groups, groupBy) : undefined;
  const gc = collapse(tally, windows, {
    leapDay: opts.leapDay,
    ...(parents ? { parents: { of: parents.of, n: parents.index.size } } : {}),
  });
  const rows: CountedRow[] = groupRows(gc, gc.counts, groupBy, (counts, g) => (gc.harm ? { counts, harm: gc.harm[g] } : { counts }));
  const total: CountedRow = { key: {}, counts: gc.total, ...(gc.harmTotal ? { harm: gc.harmTotal } : {}) };
  const out = {
    total,
    rowsCounted: gc.rowsCounted,
    rowsOutsideWindows: gc.rowsOutsideWindows,
    ...(gc.unweighted ? { unweighted: gc.unweighted } : {}),
  };
  if (!opts.rollup) return { members: rows, classes: [], ...out };
  const distinct = parents
    ? (cls: string, key: GroupKey) => gc.parentCounts?.[parents.index.get(parentId(cls, key.area ?? null))!]
    : undefined;
  const { classes, members } = classRows(rows, distinct);
  return { members, classes, ...out };
}
