import { describe, expect, test } from '@jest/globals';
import { parseWhere } from '../../../src/cli/parse.js';
import { builtinMap, compileMap, fileMap, OTHER } from '../../../src/core/maps.js';

const NIBRS = [
  { code: '13A', offense: 'Aggravated Assault', crimeAgainst: 'Person', part1: 'Aggravated assault' },
  { code: '13B', offense: 'Simple Assault', crimeAgainst: 'Person', part1: '' },
  { code: '240', offense: 'Motor Vehicle Theft', crimeAgainst: 'Property', part1: 'Motor vehicle theft' },
];

describe('parseWhere', () => {
  test('equals with several values, trimmed', () => {
    expect(parseWhere('Primary Type = THEFT, BATTERY')).toEqual({
      column: 'Primary Type',
      negate: false,
      values: ['THEFT', 'BATTERY'],
      text: 'Primary Type = THEFT, BATTERY',
    });
  });
  test('not equals', () => {
    expect(parseWhere('District!=011')).toMatchObject({ column: 'District', negate: true, values: ['011'] });
  });
  test('a value may contain =', () => {
    expect(parseWhere('Note=a=b')).toMatchObject({ column: 'Note', values: ['a=b'] });
  });
  test('no operator or no column is a usage error', () => {
    expect(() => parseWhere('District')).toThrow(/COLUMN=VALUE/);
    expect(() => parseWhere('=x')).toThrow(/COLUMN=VALUE/);
  });
});

describe('built-in maps', () => {
  test('nibrs: code to offense name, case and float suffix ignored', () => {
    const m = builtinMap('nibrs', NIBRS)!;
    expect(m.lookup('13a', 'nibrs')).toBe('Aggravated Assault');
    expect(m.lookup('240.0', 'nibrs')).toBe('Motor Vehicle Theft');
    expect(m.lookup('999', 'nibrs')).toBeUndefined();
  });
  test('nibrs-against', () => {
    expect(builtinMap('nibrs-against', NIBRS)!.lookup('240', 'nibrs')).toBe('Property');
  });
  test('ucr-part1 over the three code systems', () => {
    const m = builtinMap('ucr-part1', NIBRS)!;
    expect(m.lookup('13A', 'nibrs')).toBe('Violent');
    expect(m.lookup('13B', 'nibrs')).toBeUndefined();
    expect(m.lookup('04B', 'chicago-fbi')).toBe('Violent');
    expect(m.lookup('06', 'chicago-fbi')).toBe('Property');
    expect(m.lookup('08B', 'chicago-fbi')).toBeUndefined();
    expect(m.lookup('110', 'ucr-hundreds')).toBe('Violent');
    expect(m.lookup('120', 'ucr-hundreds')).toBeUndefined(); // negligent manslaughter
    expect(m.lookup('640', 'ucr-hundreds')).toBe('Property');
    expect(m.lookup('900', 'ucr-hundreds')).toBe('Property');
    expect(m.lookup('800', 'ucr-hundreds')).toBeUndefined();
    expect(m.lookup('2600', 'ucr-hundreds')).toBeUndefined();
    expect(m.defaultUnmapped).toBe('other');
  });
  test('violent keeps the Part I offense name and drops the rest by default', () => {
    const m = builtinMap('violent', NIBRS)!;
    expect(m.lookup('13A', 'nibrs')).toBe('Aggravated assault');
    expect(m.lookup('240', 'nibrs')).toBeUndefined();
    expect(m.defaultUnmapped).toBe('drop');
    expect(builtinMap('property', NIBRS)!.lookup('240', 'nibrs')).toBe('Motor vehicle theft');
  });
  test('unknown name', () => {
    expect(builtinMap('nope', NIBRS)).toBeUndefined();
  });
});

describe('file maps and policies', () => {
  const m = fileMap('m.csv', [
    ['value', 'category'],
    [' THEFT ', 'Property'],
    ['ROBBERY', 'Violent'],
  ]);
  test('header row skipped, values trimmed', () => {
    expect(m.lookup('THEFT', undefined)).toBe('Property');
    expect(m.lookup('value', undefined)).toBeUndefined();
  });
  test('keep, other, drop', () => {
    expect(compileMap(m, undefined, 'keep')('ARSON')).toBe('ARSON');
    expect(compileMap(m, undefined, 'other')('ARSON')).toBe(OTHER);
    expect(compileMap(m, undefined, 'drop')('ARSON')).toBeNull();
    expect(compileMap(m, undefined, 'drop')('ROBBERY')).toBe('Violent');
  });
  test('a value listed under two categories: the last one, and a note naming the value and rows', () => {
    const twice = fileMap('twice.csv', [
      ['THEFT', 'Property'],
      ['ROBBERY', 'Violent'],
      ['THEFT', 'Larceny'],
      ['ROBBERY', 'Violent'],
    ]);
    expect(twice.lookup('THEFT', undefined)).toBe('Larceny');
    expect(twice.notes).toEqual([
      '--map twice.csv: "THEFT" is listed under "Property" (row 1) and under "Larceny" (row 3); the last one is used',
    ]);
    expect(m.notes).toEqual([]);
  });
  test('a row without a category is an input error', () => {
    expect(() => fileMap('bad.csv', [['THEFT']])).toThrow(/two non-empty columns/);
  });
});
