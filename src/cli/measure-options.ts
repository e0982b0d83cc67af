/**
 * The flags of the measures beside the counts, for compare, trend and
 * compstat: --rollup, --population and --per, --count-col, --weights. What
 * reading needs of them goes in the input flags (see map-notes.ts); rates
 * are worked out by each command's core builder.
 */
import type { Command } from 'commander';
import { DEFAULT_PER, type RateSpec, singlePopulation } from '../core/rates.js';
import type { GroupDim } from '../core/types.js';
import { UsageError } from '../errors.js';
import { readPopulation } from '../io/measure-files.js';
import type { Messages } from './messages.js';
import { valueParser } from './parse.js';
import { unweightedNames } from '../report/measures.js';

export function addMeasureOptions(cmd: Command): Command {
  return cmd
    .option('--rollup', 'with --map: each class as a subtotal row with its offenses beneath it (the total stays the total)')
    .option(
      '--population <n|file>',
      'rates per head beside the counts: one population for the whole input, or a CSV file with the header area,year,population (year optional)',
    )
    .option('--per <n>', 'with --population: the base of the rates (default 100000: per 100,000 residents)', valueParser(parsePer))
    .option('--count-col <col>', 'sum this numeric column instead of counting rows (a signed count: a row of -1 reverses one)')
    .option(
      '--weights <file>',
      'harm sums beside the counts: a CSV file with the header offense,weight (a harm index: harm, not incidents)',
    );
}

/** `--per`: a number above 0. */
export function parsePer(text: string): number {
  const n = Number(text.trim().replace(/[,_]/g, ''));
  if (!/^\s*[\d,_]+(\.\d+)?\s*$/.test(text) || !(n > 0)) {
    throw new UsageError('BAD_VALUE', `--per ${text}: expected a number above 0, e.g. 1000 for rates per 1,000`);
  }
  return n;
}

export interface MeasureFlags {
  population?: string;
  per?: number;
}

/** --population and --per as a command carries them. */
export interface RateFlags {
  /** A number (the whole input) or a file. */
  population?: { n: number } | { file: string };
  per: number;
}

/** The rate flags, checked: --per needs --population; one population for the whole input cannot give rates by area. */
export function rateFlags(f: MeasureFlags, by: readonly GroupDim[]): RateFlags {
  if (f.per !== undefined && f.population === undefined)
    throw new UsageError('FLAG_CONFLICT', '--per sets the base of the rates of --population: give --population too');
  const out: RateFlags = { per: f.per ?? DEFAULT_PER };
  if (f.population === undefined) return out;
  const t = f.population.trim();
  if (/^[+-]?[\d,_.]+$/.test(t)) {
    const n = Number(t.replace(/[,_]/g, ''));
    if (!(n > 0))
      throw new UsageError(
        'BAD_VALUE',
        `--population ${f.population}: a population must be a number above 0 (or a CSV file area,year,population)`,
      );
    if (by.includes('area')) {
      throw new UsageError(
        'FLAG_CONFLICT',
        `--population ${f.population} is one figure for the whole input: rates by area need a file with a population per area (area,year,population)`,
      );
    }
    out.population = { n };
  } else out.population = { file: t };
  return out;
}

/** The rates a command works out, or undefined without --population (a file is read here). */
export function loadRates(f: RateFlags): RateSpec | undefined {
  if (!f.population) return undefined;
  const table = 'n' in f.population ? singlePopulation(f.population.n) : readPopulation(f.population.file);
  return { per: f.per, table };
}

/**
 * Collects the areas and years without a population while a report is
 * built; `flush` gives one warning naming them (their rates are n/a).
 */
export function missingPopulation(rates: RateSpec | undefined, msg: Messages) {
  const missing = new Map<string, Set<number>>();
  return {
    note: (area: string | null | undefined, year: number) => {
      const name = area === undefined ? 'the whole input' : area === null ? '(missing area)' : `"${area}"`;
      let years = missing.get(name);
      if (!years) missing.set(name, (years = new Set()));
      years.add(year);
    },
    flush: () => {
      if (!rates || missing.size === 0) return;
      const list = [...missing].map(([name, years]) => (rates.table.byYear ? `${name} (${[...years].sort().join(', ')})` : name));
      msg.warning(
        null,
        `--population ${rates.table.source} has no population for ${list.join(', ')}: ${missing.size === 1 ? 'its' : 'their'} rates are n/a`,
      );
    },
  };
}

/** --weights: one warning naming the offenses the file gives no weight (their rows add no harm). */
export function warnUnweighted(weights: string | undefined, unweighted: Map<string, number[]> | undefined, msg: Messages): void {
  const names = unweightedNames(unweighted);
  if (weights === undefined || names.length === 0) return;
  msg.warning(
    null,
    `--weights ${weights} gives no weight for ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}: their rows add no harm`,
  );
}
