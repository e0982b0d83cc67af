/**
 * Rates per head (--population, --per), roll-up class rows (--rollup), and the
 * sums of --count-col and --weights, on literal numbers.
 */
import { describe, expect, test } from '@jest/globals';
import { Tally } from '../../../src/core/aggregate.js';
import { CLASS_SEP } from '../../../src/core/maps.js';
import { collapse, measureTagger, parseCount, readTag, TAG_SEP } from '../../../src/core/measure.js';
import { perCapita, perLabel, populationTable, type PopulationEntry, singlePopulation } from '../../../src/core/rates.js';
import { classRows, orderTiers, splitClass } from '../../../src/core/rollup.js';
import { harmOut, nullableChanges, perCapitaOut } from '../../../src/core/row-measures.js';
import { periodChanges } from '../../../src/core/trend-measures.js';

const err = (m: string) => new Error(m);
const entry = (area: string, year: number | null, population: number, line: number): PopulationEntry => ({ area, year, population, line });

describe('rates per head', () => {
  test('count × per ÷ population, per window, nothing rounded', () => {
    const spec = { per: 100_000, table: singlePopulation(524_943) };
    const r = perCapita([616, 759], [2021, 2021], undefined, spec);
    expect(r.population).toEqual([524_943, 524_943]);
    expect(r.rate).toEqual([(616 * 100_000) / 524_943, (759 * 100_000) / 524_943]);
    expect(r.rate[0]).toBeCloseTo(117.346074, 6);
  });
  test('--per 1000 changes the base', () => {
    const r = perCapita([50], [2020], undefined, { per: 1000, table: singlePopulation(20_000) });
    expect(r.rate).toEqual([2.5]);
  });
  test('each window uses the population of the year it ends in, per area', () => {
    const table = populationTable(
      'pop.csv',
      true,
      [entry('North', 2020, 40_000, 2), entry('North', 2021, 50_000, 3), entry('South', 2020, 10_000, 4), entry('South', 2021, 8_000, 5)],
      err,
    );
    const spec = { per: 100_000, table };
    expect(perCapita([20, 30], [2020, 2021], 'North', spec).rate).toEqual([50, 60]);
    expect(perCapita([5, 4], [2020, 2021], 'South', spec).rate).toEqual([50, 50]);
    // The whole input: the sum of the areas of the year.
    expect(perCapita([25, 34], [2020, 2021], undefined, spec)).toEqual({ population: [50_000, 58_000], rate: [50, 3_400_000 / 58_000] });
  });
  test('a row * (or an empty area) is the whole input, and wins over the sum of the areas', () => {
    const table = populationTable('pop.csv', false, [entry('*', null, 1_000_000, 2), entry('North', null, 400_000, 3)], err);
    expect(table.of(undefined, 2020)).toBe(1_000_000);
    expect(table.of('North', 2020)).toBe(400_000);
    expect(table.of('*', 2020)).toBeUndefined();
  });
  test('an area or year without a population: null rate, and the caller hears of it', () => {
    const table = populationTable('pop.csv', true, [entry('North', 2021, 50_000, 2)], err);
    const heard: unknown[] = [];
    const r = perCapita([10, 20], [2020, 2021], 'North', { per: 100_000, table }, (a, y, i) => heard.push([a, y, i]));
    expect(r).toEqual({ population: [null, 50_000], rate: [null, 40] });
    expect(heard).toEqual([['North', 2020, 0]]);
    expect(perCapita([3], [2021], 'West', { per: 100_000, table }).rate).toEqual([null]);
    // A row with no area value: no population.
    expect(perCapita([3], [2021], null, { per: 100_000, table }).rate).toEqual([null]);
  });
  test('the total of rows by area: the row *, else the sum of the areas of the rows, else n/a (an area without a population)', () => {
    const rows = [entry('North', 2021, 50_000, 2), entry('South', 2021, 30_000, 3), entry('East', 2021, 1_000, 4)];
    const spec = { per: 100_000, table: populationTable('pop.csv', true, rows, err) };
    expect(perCapita([40], [2021], ['North', 'South'], spec)).toEqual({ population: [80_000], rate: [50] });
    const heard: unknown[] = [];
    expect(perCapita([40], [2021], ['North', 'West'], spec, (a, y) => heard.push([a, y])).rate).toEqual([null]);
    expect(perCapita([40], [2021], ['North', null], spec).rate).toEqual([null]);
    expect(heard).toEqual([[undefined, 2021]]);
    const withWhole = { per: 100_000, table: populationTable('pop.csv', true, [...rows, entry('*', 2021, 200_000, 5)], err) };
    expect(perCapita([40], [2021], ['North', 'West'], withWhole).rate).toEqual([20]);
  });
  test('an area listed twice for a year is an error naming both lines', () => {
    expect(() => populationTable('pop.csv', true, [entry('North', 2021, 1, 2), entry('North', 2021, 2, 7)], err)).toThrow(
      '7: "North" in 2021 is listed twice (first on line 2)',
    );
  });
  test('change and % change of the rates', () => {
    const out = perCapitaOut([50, 60], [2020, 2021], undefined, { per: 1000, table: singlePopulation(10_000) });
    expect(out.rate).toEqual([5, 6]);
    expect(out.change).toBe(1);
    expect(out.pctChange).toBe(20);
    expect(nullableChanges([null, 4])).toEqual({ change: null, pctChange: null });
    expect(nullableChanges([2, 4, 5])).toEqual({ change: [3, 1], pctChange: [150, 25] });
  });
  test('column labels of the base', () => {
    expect([perLabel(100_000), perLabel(1000), perLabel(1_000_000), perLabel(250)]).toEqual(['100k', '1k', '1M', '250']);
  });
  test('trend: each period against its comparison period, only where both are complete', () => {
    expect(periodChanges([10, 12, 9], [8, 10, 12], [true, true, false])).toEqual({
      vs: [8, 10, null],
      change: [2, 2, null],
      pctChange: [25, 20, null],
    });
  });
});

describe('roll-up class rows', () => {
  const row = (cls: string, offense: string, counts: number[], harm?: (number | null)[]) => ({
    key: { offense: cls + CLASS_SEP + offense },
    counts,
    ...(harm ? { harm } : {}),
  });
  test('a label splits into class and member', () => {
    expect(splitClass({ offense: `Violent${CLASS_SEP}Robbery` })).toEqual({ cls: 'Violent', member: { offense: 'Robbery' } });
    expect(splitClass({ offense: 'Robbery' })).toEqual({ cls: 'Robbery', member: { offense: 'Robbery' } });
  });
  test('a class row is the sum of its members, counts and harm; members keep their class as parent', () => {
    const { classes, members } = classRows([
      row('Violent', 'Robbery', [208, 228], [75_920, 83_220]),
      row('Property', 'Burglary', [584, 507], [null, null]),
      row('Violent', 'Homicide', [0, 2], [0, 10_950]),
      row('Violent', 'Aggravated assault', [408, 529], [297_840, 386_170]),
    ]);
    expect(classes).toEqual([
      { key: { offense: 'Violent' }, counts: [616, 759], harm: [373_760, 480_340], level: 'class', parent: null },
      { key: { offense: 'Property' }, counts: [584, 507], harm: [null, null], level: 'class', parent: null },
    ]);
    expect(members.map((m) => [m.key.offense, m.level, m.parent])).toEqual([
      ['Robbery', 'offense', 'Violent'],
      ['Burglary', 'offense', 'Property'],
      ['Homicide', 'offense', 'Violent'],
      ['Aggravated assault', 'offense', 'Violent'],
    ]);
  });
  test('by area: one class row per class and area', () => {
    const r = (cls: string, off: string, area: string, n: number) => ({ key: { offense: cls + CLASS_SEP + off, area }, counts: [n] });
    const { classes } = classRows([r('Violent', 'Robbery', 'N', 1), r('Violent', 'Homicide', 'S', 2), r('Violent', 'Rape', 'N', 4)]);
    expect(classes.map((c) => [c.key, c.counts])).toEqual([
      [{ offense: 'Violent', area: 'N' }, [5]],
      [{ offense: 'Violent', area: 'S' }, [2]],
    ]);
  });
  test('order: classes sorted, each followed by its members sorted within it and cut to --top', () => {
    const { classes, members } = classRows([
      row('Violent', 'Robbery', [228]),
      row('Property', 'Burglary', [507]),
      row('Property', 'Larceny-theft', [2287]),
      row('Violent', 'Homicide', [2]),
      row('Violent', 'Aggravated assault', [529]),
      row('Property', 'Arson', [37]),
    ]);
    const measure = (r: { counts: number[] }) => ({ count: r.counts[0]!, change: null, pct: null });
    const out = orderTiers(classes, members, 'count', measure, 2);
    expect(out.map((r) => [r.key.offense, r.counts[0]])).toEqual([
      ['Property', 2831],
      ['Larceny-theft', 2287],
      ['Burglary', 507],
      ['Violent', 759],
      ['Aggravated assault', 529],
      ['Robbery', 228],
    ]);
  });
});

describe('--count-col and --weights', () => {
  test('a count value: signed numbers and decimals; anything else is not a count', () => {
    expect(['1', '-1', '+2', ' 3 ', '0.5', '1e2', '.5'].map(parseCount)).toEqual([1, -1, 2, 3, 0.5, 100, 0.5]);
    expect(['', 'x', '1,000', 'NULL', '1-'].map(parseCount)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
  test('tags: the count value, the weight by the value the map read, the map label, then the offense', () => {
    const tag = measureTagger(
      {
        weights: [
          ['Aggravated assault', 730],
          ['HOMICIDE', 5475],
          ['burglary', 40],
        ],
      },
      true,
    )!;
    expect(tag('AGG ASSAULT', 'AGG ASSAULT', ['Aggravated assault'], '-1')).toBe('c-1;w730');
    // The offense column says HOMICIDE, the finer value an attempted murder: the map's label decides first.
    expect(tag('HOMICIDE', '664/187 ATTEMPTED MURDER', ['Aggravated assault'], '1')).toBe('c1;w730');
    expect(tag('BURGLARY', 'BURGLARY', [], '2')).toBe('c2;w40');
    expect(tag('VANDALISM', 'VANDALISM', [], '1')).toBe('c1;w?VANDALISM');
    expect(tag('BURGLARY', 'BURGLARY', [], 'two')).toBeNull();
    expect(readTag(`Robbery${TAG_SEP}c-1;w365`)).toEqual({ key: 'Robbery', value: -1, weight: 365 });
    expect(readTag(`X${TAG_SEP};w?X`)).toEqual({ key: 'X', value: 1, weight: null, unweighted: 'X' });
    expect(measureTagger(undefined, false)).toBeNull();
  });
  test('collapse: counts are sums of the count values, harm the sums of count × weight; unweighted offenses listed', () => {
    const t = new Tally(false);
    const add = (key: string, day: number, n = 1) => {
      for (let i = 0; i < n; i++) t.add(t.group(key), day);
    };
    add(`Robbery${TAG_SEP}c1;w365`, 10, 3);
    add(`Robbery${TAG_SEP}c-1;w365`, 11, 1);
    add(`Homicide${TAG_SEP}c1;w5475`, 12, 1);
    add(`Robbery${TAG_SEP}c1;w365`, 40, 2);
    add(`Vandalism${TAG_SEP}c2;w?Vandalism`, 41, 2);
    const windows = [
      { label: 'a', start: 0, end: 29 },
      { label: 'b', start: 30, end: 59 },
    ];
    const gc = collapse(t, windows);
    expect(gc.groups).toEqual(['Robbery', 'Homicide', 'Vandalism']);
    expect(gc.counts).toEqual([
      [2, 2],
      [1, 0],
      [0, 4],
    ]);
    expect(gc.total).toEqual([3, 6]);
    expect(gc.harm).toEqual([[730, 730], [5475, 0], null].map((r, i) => r ?? gc.harm![i]!.map(() => null)));
    expect(gc.harmTotal).toEqual([6205, 730]);
    expect([...gc.unweighted!]).toEqual([['Vandalism', [0, 2]]]);
  });
  test('harm change', () => {
    expect(harmOut([6205, 730])).toEqual({ sum: [6205, 730], change: -5475, pctChange: ((730 - 6205) / 6205) * 100 });
  });
});
