/**
 * The measures a row may carry beside its counts: rates per head
 * (--population) and harm sums (--weights), each with its change and %
 * change between windows, as the counts have.
 */
import { type PerCapitaValues, perCapita, type RateArea, type RateSpec } from './rates.js';
import { percentChange } from './stats/percent.js';

type Change = number | null | (number | null)[];

/** current − earlier and the % change, against each earlier value (a single value with two windows); null where either is null. */
export function nullableChanges(values: readonly (number | null)[]): { change: Change; pctChange: Change } {
  const cur = values[values.length - 1] ?? null;
  const earlier = values.slice(0, -1);
  const change = earlier.map((e) => (e === null || cur === null ? null : cur - e));
  const pct = earlier.map((e) => (e === null || cur === null ? null : percentChange(e, cur)));
  return earlier.length === 1 ? { change: change[0]!, pctChange: pct[0]! } : { change, pctChange: pct };
}

/** A row's rates per head: the population each window used, the rate, and the change and % change of the rate. */
export interface PerCapitaOut extends PerCapitaValues {
  change: Change;
  pctChange: Change;
}

/** A row's harm: the weighted sum per window (null: no weight for its offense), and its change and % change. */
export interface HarmOut {
  sum: (number | null)[];
  change: Change;
  pctChange: Change;
}

/** What a builder needs for the measures beside the counts. */
export interface RowMeasureSpec {
  rates?: RateSpec;
  /** Hears of each area (undefined: the whole input; null: a missing area) and year without a population. */
  missing?: (area: string | null | undefined, year: number) => void;
}

export function perCapitaOut(
  counts: readonly number[],
  years: readonly number[],
  area: RateArea,
  spec: RateSpec,
  missing?: RowMeasureSpec['missing'],
): PerCapitaOut {
  const v = perCapita(counts, years, area, spec, missing);
  return { ...v, ...nullableChanges(v.rate) };
}

export function harmOut(sum: readonly (number | null)[]): HarmOut {
  return { sum: [...sum], ...nullableChanges(sum) };
}

/**
 * The area a row's rates use: its own area when the rows are by area (null:
 * a missing area value), else the whole input (undefined). The total of rows
 * by area (a key without an area) uses `areas`, the areas of the rows.
 */
export function rateArea(key: { area?: string | null }, byArea: boolean, areas?: readonly (string | null)[]): RateArea {
  if (!byArea) return undefined;
  if (!('area' in key)) return areas ?? undefined;
  return key.area ?? null;
}

/** The distinct areas of rows by area, for the total's population. */
export function areasOf(rows: readonly { key: { area?: string | null } }[]): (string | null)[] {
  return [...new Set(rows.map((r) => r.key.area ?? null))];
}
