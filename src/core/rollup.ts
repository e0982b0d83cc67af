/**
 * --rollup: each class of a map as a subtotal row with its offenses beneath
 * it. The map labels a row `class CLASS_SEP offense`; here the rows are split
 * into member rows and one class row per class (and per area, when the rows
 * are also by area), ordered class by class, members within their class.
 */
import { CLASS_SEP } from './maps.js';
import { type GroupKey, orderRows, type SortMeasure } from './rows.js';
import type { SortKey } from './types.js';

/** Where a row sits under --rollup: a class subtotal, or an offense under its class (`parent`). */
export interface Tier {
  level: 'class' | 'offense';
  parent: string | null;
}

/** A row's class and its key as an offense of that class. */
export function splitClass(key: GroupKey): { cls: string; member: GroupKey } {
  const text = key.offense ?? '';
  const i = text.indexOf(CLASS_SEP);
  if (i < 0) return { cls: text, member: key };
  return { cls: text.slice(0, i), member: { ...key, offense: text.slice(i + 1) } };
}

/** Rows with their counts, before the measures are worked out. */
export interface CountedRow {
  key: GroupKey;
  counts: number[];
  harm?: (number | null)[] | undefined;
}

/** A class's identity among the class rows: the class and the other grouped values. */
function classId(cls: string, key: GroupKey): string {
  return JSON.stringify([cls, key.area ?? null]);
}

/**
 * The member rows (keys without the class) and a class row per class, whose
 * counts and harm are the sums of its members' (in the members' order), or
 * `distinct(cls, key)` when given (distinct incidents under --id-col).
 */
export function classRows<R extends CountedRow>(
  rows: readonly R[],
  distinct?: (cls: string, key: GroupKey) => number[] | undefined,
): { classes: (CountedRow & Tier)[]; members: (R & Tier)[] } {
  const classes = new Map<string, CountedRow & Tier>();
  const members = rows.map((r) => {
    const { cls, member } = splitClass(r.key);
    const id = classId(cls, member);
    let found = classes.get(id);
    if (!found) {
      const key: GroupKey = { ...member, offense: cls };
      found = { key, counts: r.counts.map(() => 0), level: 'class', parent: null };
      if (r.harm) found.harm = r.harm.map(() => null);
      classes.set(id, found);
    }
    const c = found;
    r.counts.forEach((n, w) => (c.counts[w]! += n));
    r.harm?.forEach((h, w) => {
      if (h !== null) c.harm![w] = (c.harm![w] ?? 0) + h;
    });
    return { ...r, key: member, level: 'offense' as const, parent: cls };
  });
  if (distinct) {
    for (const c of classes.values()) {
      const d = distinct(c.key.offense ?? '', c.key);
      if (d) c.counts = d;
    }
  }
  return { classes: [...classes.values()], members };
}

/**
 * The rows in roll-up order: classes ordered as rows are (`sort`), each
 * followed by its members ordered the same way and cut to `top` (the class
 * row still covers all its members).
 */
export function orderTiers<R extends { key: GroupKey; parent?: string | null }>(
  classes: R[],
  members: R[],
  sort: SortKey,
  measure: (r: R) => SortMeasure,
  top?: number,
): R[] {
  const byClass = new Map<string, R[]>();
  for (const m of members) {
    const id = classId(m.parent ?? '', m.key);
    let list = byClass.get(id);
    if (!list) byClass.set(id, (list = []));
    list.push(m);
  }
  const out: R[] = [];
  for (const c of orderRows(classes, sort, measure)) {
    out.push(c);
    out.push(...orderRows(byClass.get(classId(c.key.offense ?? '', c.key)) ?? [], sort, measure, top));
  }
  return out;
}
