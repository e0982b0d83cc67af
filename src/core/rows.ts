/**
 * What the report builders (compare, trend, compstat) share: one row per
 * group that was counted, keyed by its dimensions, and one ordering rule.
 */
import { KEY_SEP } from './aggregate.js';
import { type GroupDim, MISSING_KEY, type SortKey } from './types.js';

/** A row's group: its value in each grouped dimension, null when the data has none (a missing area). */
export type GroupKey = Partial<Record<GroupDim, string | null>>;

/**
 * One row per group whose counts are not all 0: `build` gets the group's
 * counts (`counts[g]`) and its index and returns the rest of the row.
 */
export function groupRows<R>(
  tally: { readonly groups: readonly string[] },
  counts: readonly number[][],
  groupBy: readonly GroupDim[],
  build: (counts: number[], g: number) => R,
): (R & { key: GroupKey })[] {
  const rows: (R & { key: GroupKey })[] = [];
  // Not grouped at all (no offense column): the total is the only row.
  if (groupBy.length === 0) return rows;
  tally.groups.forEach((text, g) => {
    const c = counts[g]!;
    if (c.every((n) => n === 0)) return;
    const parts = text.split(KEY_SEP);
    const key: GroupKey = {};
    groupBy.forEach((dim, i) => (key[dim] = parts[i] === MISSING_KEY ? null : parts[i]!));
    rows.push({ key, ...build(c, g) });
  });
  return rows;
}

/** The numbers a row is ordered by; null or undefined change and % change sort last. */
export interface SortMeasure {
  count: number;
  change: number | null | undefined;
  pct: number | null | undefined;
}

/**
 * Orders rows, largest first: `count` by the measure's count, `change` and
 * `pct` by their size (n/a last), `name` alphabetically; ties fall back to the
 * name so the order is deterministic. Then keeps the first `top` rows.
 */
export function orderRows<R extends { key: GroupKey }>(rows: R[], sort: SortKey, measure: (r: R) => SortMeasure, top?: number): R[] {
  const size = (v: number | null | undefined) => (v === null || v === undefined ? -1 : Math.abs(v));
  const by = (a: SortMeasure, b: SortMeasure): number =>
    sort === 'count'
      ? b.count - a.count
      : sort === 'change'
        ? size(b.change) - size(a.change)
        : sort === 'pct'
          ? size(b.pct) - size(a.pct)
          : 0;
  // A missing value sorts after every name.
  const name = (r: R) =>
    Object.values(r.key)
      .map((v) => v ?? '\uffff')
      .join(KEY_SEP);
  rows.sort((a, b) => by(measure(a), measure(b)) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
  return top === undefined ? rows : rows.slice(0, top);
}
