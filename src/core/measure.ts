/**
 * What a row adds besides its count of one: `--count-col` (the row adds the
 * number in a column: a signed count, where −1 reverses an earlier row) and
 * `--weights` (the row adds a harm weight for its offense). Neither is summed
 * while reading: a row's count value and weight are written into its group
 * key as a tag, the tally counts rows per tagged group as always, and the
 * sums are made once, after counting, in one fixed order ({@link collapse}).
 * So both readers and a helper thread, which only count rows, give the same
 * sums to the last digit, and the row accounting stays in rows.
 */
import { countWindows, type CountOptions, type Tally, type WindowCounts } from './aggregate.js';
import { CLASS_SEP } from './maps.js';
import type { Window } from './types.js';

/** Separates a group key from its tag (count value and weight). */
export const TAG_SEP = '\u001c';

/** `--weights`: the weight of each offense or class, as plain data (a helper thread gets it too). */
export interface MeasureSpec {
  /** [name, weight]: names compared trimmed and without case. */
  weights?: readonly (readonly [string, number])[];
}

/** A count column's value as a number; undefined when it is not one (empty, text, `1,000`). */
export function parseCount(text: string): number | undefined {
  const t = text.trim();
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The tag of a row: `c` and its count value (with --count-col), then `;w`
 * and its weight, or `;w?` and the offense when no weight is given for it
 * (with --weights). null: the count value is not a number (the row is skipped).
 * The weight is looked up by the value the map read (the finest), then by
 * `names`, what the map made of the row (its label, its member and class
 * under --rollup), then by the offense value (a coarser category, when the
 * map read a finer column).
 */
export type Tagger = (offense: string, mapValue: string, names: readonly string[], countText: string) => string | null;

export function measureTagger(spec: MeasureSpec | undefined, countCol: boolean): Tagger | null {
  const weights = spec?.weights ? new Map(spec.weights.map(([k, w]) => [k.trim().toLowerCase(), w])) : null;
  if (!countCol && !weights) return null;
  const memo = new Map<string, string>();
  const weightTag = (offense: string, mapValue: string, names: readonly string[]): string => {
    const key = `${offense}\u0000${mapValue}\u0000${names.join('\u0000')}`;
    let tag = memo.get(key);
    if (tag === undefined) {
      let w: number | undefined;
      for (const n of [mapValue, ...names, offense]) {
        w = weights!.get(n.trim().toLowerCase());
        if (w !== undefined) break;
      }
      // No weight: the offense is kept in the tag, to name it in the report.
      tag = w === undefined ? `;w?${offense}` : `;w${w}`;
      if (memo.size < 100_000) memo.set(key, tag);
    }
    return tag;
  };
  return (offense, mapValue, names, countText) => {
    let tag = '';
    if (countCol) {
      const n = parseCount(countText);
      if (n === undefined) return null;
      tag = `c${n}`;
    }
    if (weights) tag += weightTag(offense, mapValue, names);
    return tag;
  };
}

/** The names a map label stands for, for the weights: under --rollup the member and the class, else the label. */
export function labelNames(label: string): string[] {
  const i = label.indexOf(CLASS_SEP);
  return i < 0 ? [label] : [label.slice(i + 1), label.slice(0, i)];
}

/**
 * A tagged group key read back: the group's key, the count each row adds, and
 * its weight (null: none given, `unweighted` names the offense; undefined: no --weights).
 */
export function readTag(key: string): { key: string; value: number; weight: number | null | undefined; unweighted?: string } {
  const i = key.indexOf(TAG_SEP);
  if (i < 0) return { key, value: 1, weight: undefined };
  const tag = key.slice(i + 1);
  const m = /^(?:c([^;]*))?(?:;w(\?)?(.*))?$/s.exec(tag)!;
  const value = m[1] !== undefined ? Number(m[1]) : 1;
  if (m[2] === '?') return { key: key.slice(0, i), value, weight: null, unweighted: m[3]! };
  return { key: key.slice(0, i), value, weight: m[3] === undefined ? undefined : Number(m[3]) };
}

/** Counts per group per window with the tags summed: what the reports show. */
export interface GroupCounts extends WindowCounts {
  /** The groups' keys, untagged, in the order rows were first seen. */
  groups: string[];
  /** --weights: harm per group per window (null: none of the group's rows has a weight), and its total. */
  harm?: (number | null)[][];
  harmTotal?: number[];
  /** --weights: rows per window of each offense that has no weight. */
  unweighted?: Map<string, number[]>;
}

/**
 * Counts per window, the tagged groups of each key summed: count × value
 * (and × weight for harm), added in the order the tally first saw the
 * tagged groups — the same order for every reader and split.
 */
export function collapse(tally: Tally, windows: readonly Window[], opts: CountOptions = {}): GroupCounts {
  const wc = countWindows(tally, windows, opts);
  if (!tally.groups.some((g) => g.includes(TAG_SEP))) return { ...wc, groups: tally.groups };
  const nw = windows.length;
  const index = new Map<string, number>();
  const groups: string[] = [];
  const counts: number[][] = [];
  const harm: number[][] = [];
  const hasWeight: boolean[] = [];
  const unweighted = new Map<string, number[]>();
  let weighted = false;
  tally.groups.forEach((tagged, g) => {
    const t = readTag(tagged);
    let i = index.get(t.key);
    if (i === undefined) {
      i = groups.push(t.key) - 1;
      index.set(t.key, i);
      counts.push(new Array<number>(nw).fill(0));
      harm.push(new Array<number>(nw).fill(0));
      hasWeight.push(false);
    }
    const rows = wc.counts[g]!;
    if (t.weight !== undefined) weighted = true;
    if (typeof t.weight === 'number') hasWeight[i] = true;
    for (let w = 0; w < nw; w++) {
      counts[i]![w]! += rows[w]! * t.value;
      if (typeof t.weight === 'number') harm[i]![w]! += rows[w]! * t.value * t.weight;
      else if (t.weight === null) {
        const u = unweighted.get(t.unweighted!) ?? new Array<number>(nw).fill(0);
        u[w]! += rows[w]!;
        unweighted.set(t.unweighted!, u);
      }
    }
  });
  const total = new Array<number>(nw).fill(0);
  for (const row of counts) for (let w = 0; w < nw; w++) total[w]! += row[w]!;
  const out: GroupCounts = { ...wc, groups, counts, total };
  if (weighted) {
    out.harm = harm.map((row, i) => (hasWeight[i] ? row : row.map(() => null)));
    out.harmTotal = total.map((_, w) => harm.reduce((s, row) => s + row[w]!, 0));
    out.unweighted = unweighted;
  }
  return out;
}
