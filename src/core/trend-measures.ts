/**
 * Trend rows with their measures: counts, rates per head and harm per
 * period, each against its comparison period (the previous one, or a year
 * earlier).
 */
import type { Counted } from './counted.js';
import type { RateSpec } from './rates.js';
import { perCapita, type RateArea } from './rates.js';
import type { CountedRow, Tier } from './rollup.js';
import { rateArea, type RowMeasureSpec } from './row-measures.js';
import { percentChange } from './stats/percent.js';

/** A measure per period beside its comparison value, and the change and % change where both are known. */
export interface PeriodValues {
  vs: (number | null)[];
  change: (number | null)[];
  pctChange: (number | null)[];
}

/** `ok[i]`: period i and its comparison are both complete (else no change). */
export function periodChanges(values: readonly (number | null)[], vs: readonly (number | null)[], ok: readonly boolean[]): PeriodValues {
  const v = vs.map((x, i) => (ok[i] ? x : null));
  const both = (i: number) => v[i] !== null && v[i] !== undefined && values[i] !== null && values[i] !== undefined;
  return {
    vs: v,
    change: values.map((x, i) => (both(i) ? x! - v[i]! : null)),
    pctChange: values.map((x, i) => (both(i) ? percentChange(v[i]!, x!) : null)),
  };
}

export interface TrendPerCapita {
  population: (number | null)[];
  rate: (number | null)[];
  vsPopulation: (number | null)[];
  vsRate: (number | null)[];
  change: (number | null)[];
  pctChange: (number | null)[];
}

export interface TrendHarm {
  sum: (number | null)[];
  vsSum: (number | null)[];
  change: (number | null)[];
  pctChange: (number | null)[];
}

/** The comparison row of each row: the same key (and level) among the rows counted over the comparison periods. */
export function matchRows(vs: Counted): (r: CountedRow & Partial<Tier>) => CountedRow | undefined {
  const id = (r: CountedRow & Partial<Tier>) => JSON.stringify([r.level ?? '', r.key]);
  const index = new Map<string, CountedRow>();
  for (const r of [...vs.members, ...vs.classes]) index.set(id(r), r);
  return (r) => index.get(id(r));
}

/** A trend row's rates: per period, per comparison period (with the population of the year each ends in), and their change. */
export function trendPerCapita(
  counts: readonly number[],
  vsCounts: readonly number[],
  years: { main: readonly number[]; vs: readonly number[] },
  area: RateArea,
  rates: RateSpec,
  ok: readonly boolean[],
  missing?: RowMeasureSpec['missing'],
): TrendPerCapita {
  const m = perCapita(counts, years.main, area, rates, missing);
  const v = perCapita(vsCounts, years.vs, area, rates, (a, y, i) => {
    if (ok[i]) missing?.(a, y);
  });
  const c = periodChanges(m.rate, v.rate, ok);
  return { population: m.population, rate: m.rate, vsPopulation: v.population, vsRate: c.vs, change: c.change, pctChange: c.pctChange };
}

export function trendHarm(sum: readonly (number | null)[], vsSum: readonly (number | null)[], ok: readonly boolean[]): TrendHarm {
  const c = periodChanges(sum, vsSum, ok);
  return { sum: [...sum], vsSum: c.vs, change: c.change, pctChange: c.pctChange };
}

export { rateArea };
