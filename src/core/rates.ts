/**
 * Rates per head: a count × `per` ÷ the population of the row's area (or of
 * the whole input) in the year its window ends in. Nothing is rounded here.
 */

/** The base of a rate when --per is not given: per 100,000 residents. */
export const DEFAULT_PER = 100_000;

/** One row of a population file. `area` '' or `*` is the whole input; `year` null when the file has no year column. */
export interface PopulationEntry {
  area: string;
  year: number | null;
  population: number;
  line: number;
}

export interface PopulationTable {
  /** The file, or the number given to --population. */
  source: string;
  byYear: boolean;
  /**
   * The population of `area` (undefined: the whole input) in `year`;
   * undefined when the table has none (an area or a year it does not list).
   */
  of(area: string | undefined, year: number): number | undefined;
  /**
   * The population of the whole of `areas` (the areas of the rows, null a
   * missing area) in `year`: the row `*` when the table has one, else the sum
   * of the areas' populations; undefined when one of them has none.
   */
  ofAreas(areas: readonly (string | null)[], year: number): number | undefined;
}

/**
 * Whose population a row's rate uses: an area (null: a missing area value),
 * the whole input (undefined), or the whole of the areas listed (the total of
 * rows by area).
 */
export type RateArea = string | null | undefined | readonly (string | null)[];

const WHOLE = new Set(['', '*']);

/**
 * The table of a population file. The whole input is the row with area `*`
 * (or empty) for the year, else the sum of the areas listed for it. A second
 * row for the same area and year is an error (`err` makes it, given
 * `LINE: message`).
 */
export function populationTable(
  source: string,
  byYear: boolean,
  entries: readonly PopulationEntry[],
  err: (message: string) => Error,
): PopulationTable {
  const byKey = new Map<string, PopulationEntry>();
  const key = (area: string, year: number | null) => `${year ?? ''}\u0000${WHOLE.has(area) ? '*' : area}`;
  for (const e of entries) {
    const k = key(e.area, e.year);
    const before = byKey.get(k);
    if (before) {
      const what = WHOLE.has(e.area) ? 'the whole input' : `"${e.area}"`;
      throw err(`${e.line}: ${what}${e.year !== null ? ` in ${e.year}` : ''} is listed twice (first on line ${before.line})`);
    }
    byKey.set(k, e);
  }
  const sums = new Map<number | null, number>();
  for (const e of entries) if (!WHOLE.has(e.area)) sums.set(e.year, (sums.get(e.year) ?? 0) + e.population);
  return {
    source,
    byYear,
    of(area, year) {
      const y = byYear ? year : null;
      if (area === undefined) return byKey.get(key('*', y))?.population ?? sums.get(y);
      if (WHOLE.has(area)) return undefined;
      return byKey.get(key(area, y))?.population;
    },
    ofAreas(areas, year) {
      const y = byYear ? year : null;
      const whole = byKey.get(key('*', y))?.population;
      if (whole !== undefined) return whole;
      let sum = 0;
      for (const a of areas) {
        const p = a === null || WHOLE.has(a) ? undefined : byKey.get(key(a, y))?.population;
        if (p === undefined) return undefined;
        sum += p;
      }
      return sum;
    },
  };
}

/** `--population N`: one figure for the whole input, every year. */
export function singlePopulation(n: number): PopulationTable {
  return { source: String(n), byYear: false, of: (area) => (area === undefined ? n : undefined), ofAreas: () => n };
}

export interface RateSpec {
  per: number;
  table: PopulationTable;
}

/** The population used in each window, and the rate (null where there is no population). */
export interface PerCapitaValues {
  population: (number | null)[];
  rate: (number | null)[];
}

/**
 * The rates of one row: `area` is whose population it uses (see RateArea),
 * `years` the year each window ends in. `missing` hears of each area and
 * year without a population (undefined: the whole input, for a total).
 */
export function perCapita(
  counts: readonly number[],
  years: readonly number[],
  area: RateArea,
  spec: RateSpec,
  missing?: (area: string | null | undefined, year: number, window: number) => void,
): PerCapitaValues {
  const population = years.map((y, i) => {
    const list = Array.isArray(area) ? (area as readonly (string | null)[]) : null;
    const p = list ? spec.table.ofAreas(list, y) : area === null ? undefined : spec.table.of(area as string | undefined, y);
    if (p === undefined) missing?.(list ? undefined : (area as string | null | undefined), y, i);
    return p ?? null;
  });
  const rate = counts.map((c, i) => {
    const p = population[i];
    return p === null || p === undefined ? null : (c * spec.per) / p;
  });
  return { population, rate };
}

/** How a base is written in a column header: 100k, 1k, 1M, or the number. */
export function perLabel(per: number): string {
  if (per >= 1000 && per % 1_000_000 === 0) return `${per / 1_000_000}M`;
  if (per >= 1000 && per % 1000 === 0) return `${per / 1000}k`;
  return String(per);
}
