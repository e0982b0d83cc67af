/** Reads the files of --weights (offense,weight) and --population (area,year,population). */
import { type PopulationTable, populationTable } from '../core/rates.js';
import { InputError } from '../errors.js';
import { readCsvRows } from './small-files.js';

/** The index of each named column in a header, or an error naming the columns needed. */
function columns(
  header: readonly string[] | undefined,
  names: readonly string[],
  optional: readonly string[],
  what: string,
  code: 'BAD_WEIGHTS' | 'BAD_POPULATION',
) {
  const h = (header ?? []).map((c) => c.trim().toLowerCase());
  const at = Object.fromEntries([...names, ...optional].map((n) => [n, h.indexOf(n)]));
  const missing = names.filter((n) => at[n]! < 0);
  if (missing.length) {
    throw new InputError(
      code,
      `${what}: the first row must be the header ${[...names, ...optional.map((o) => `[${o}]`)].join(',')} (no column ${missing.join(', ')})`,
    );
  }
  return at as Record<string, number>;
}

/** A number as written in these files: digits with an optional sign, decimals and thousands commas. */
function number(text: string): number {
  const t = text.trim().replace(/(?<=\d),(?=\d{3}\b)/g, '');
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t) ? Number(t) : NaN;
}

/** `--weights FILE`: header `offense,weight`; each weight a number (0 allowed, not negative). */
export function readWeights(path: string): [string, number][] {
  const what = `--weights ${path}`;
  const rows = readCsvRows(path, `--weights ${path}`, 'BAD_WEIGHTS', { trim: true });
  const at = columns(rows[0], ['offense', 'weight'], [], what, 'BAD_WEIGHTS');
  const out: [string, number][] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((r, i) => {
    const line = i + 2;
    const name = r[at.offense!]?.trim() ?? '';
    const w = number(r[at.weight!] ?? '');
    if (name === '') throw new InputError('BAD_WEIGHTS', `${what}:${line}: no offense`);
    if (!Number.isFinite(w) || w < 0) {
      throw new InputError(
        'BAD_WEIGHTS',
        `${what}:${line}: the weight of "${name}" must be a number of 0 or more (got "${r[at.weight!] ?? ''}")`,
      );
    }
    const key = name.toLowerCase();
    if (seen.has(key)) throw new InputError('BAD_WEIGHTS', `${what}:${line}: "${name}" is listed twice (first on line ${seen.get(key)})`);
    seen.set(key, line);
    out.push([name, w]);
  });
  if (out.length === 0) throw new InputError('BAD_WEIGHTS', `${what}: no offense,weight rows`);
  return out;
}

/**
 * `--population FILE`: header `area,year,population` (year optional). A
 * population of 0, negative or not a number is an error naming its line.
 */
export function readPopulation(path: string): PopulationTable {
  const what = `--population ${path}`;
  const rows = readCsvRows(path, `--population ${path}`, 'BAD_POPULATION', { trim: true });
  const at = columns(rows[0], ['area', 'population'], ['year'], what, 'BAD_POPULATION');
  const byYear = at.year! >= 0;
  const entries = rows.slice(1).map((r, i) => {
    const line = i + 2;
    const area = r[at.area!]?.trim() ?? '';
    const raw = r[at.population!] ?? '';
    const population = number(raw);
    if (!Number.isFinite(population) || population <= 0) {
      throw new InputError(
        'BAD_POPULATION',
        `${what}:${line}: the population of ${area === '' ? 'the whole input' : `"${area}"`} must be a number above 0 (got "${raw.trim()}")`,
      );
    }
    let year: number | null = null;
    if (byYear) {
      const y = (r[at.year!] ?? '').trim();
      if (!/^\d{4}$/.test(y)) throw new InputError('BAD_POPULATION', `${what}:${line}: the year must be four digits (got "${y}")`);
      year = Number(y);
    }
    return { area, year, population, line };
  });
  if (entries.length === 0) throw new InputError('BAD_POPULATION', `${what}: no area,population rows`);
  return populationTable(path, byYear, entries, (m) => new InputError('BAD_POPULATION', `${what}:${m}`));
}
