import { describe, expect, test } from '@jest/globals';
import { parseWhere } from '../../../src/cli/parse.js';
import { parseCrosswalk } from '../../../src/core/crosswalk.js';
import {
  builtinMap,
  CLASS_SEP,
  type CodeSystem,
  compileMap,
  fileMap,
  type MapContext,
  type OffenseMap,
  OTHER,
} from '../../../src/core/maps.js';

const NIBRS = [
  { code: '09A', offense: 'Murder and Nonnegligent Manslaughter', crimeAgainst: 'Person', part1: 'Homicide' },
  { code: '09B', offense: 'Negligent Manslaughter', crimeAgainst: 'Person', part1: '' },
  { code: '13A', offense: 'Aggravated Assault', crimeAgainst: 'Person', part1: 'Aggravated assault' },
  { code: '13B', offense: 'Simple Assault', crimeAgainst: 'Person', part1: '' },
  { code: '240', offense: 'Motor Vehicle Theft', crimeAgainst: 'Property', part1: 'Motor vehicle theft' },
];

const TEXT: MapContext = { system: undefined, crosswalk: null };

/** The label a map gives a value (undefined: not placed; null: placed outside what the map keeps). */
function label(m: OffenseMap, value: string, system?: CodeSystem, offense = value): string | null | undefined {
  const r = m.place(value, offense, { system, crosswalk: null });
  return r.kind === 'hit' ? r.hit.label : r.kind === 'outside' ? null : undefined;
}

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

describe('built-in maps on codes', () => {
  test('nibrs: code to offense name, case and float suffix ignored', () => {
    const m = builtinMap('nibrs', NIBRS)!;
    expect(label(m, '13a', 'nibrs')).toBe('Aggravated Assault');
    expect(label(m, '240.0', 'nibrs')).toBe('Motor Vehicle Theft');
    expect(label(m, '999', 'nibrs')).toBeUndefined();
  });
  test('nibrs-against', () => {
    expect(label(builtinMap('nibrs-against', NIBRS)!, '240', 'nibrs')).toBe('Property');
  });
  test('ucr-part1 over the three code systems: Violent, Property, Other (a code placed outside Part I), unplaced (not a code)', () => {
    const m = builtinMap('ucr-part1', NIBRS)!;
    expect(label(m, '13A', 'nibrs')).toBe('Violent');
    expect(label(m, '13B', 'nibrs')).toBe(OTHER);
    expect(label(m, '09B', 'nibrs')).toBe(OTHER);
    expect(label(m, '04B', 'chicago-fbi')).toBe('Violent');
    expect(label(m, '06', 'chicago-fbi')).toBe('Property');
    expect(label(m, '08B', 'chicago-fbi')).toBe(OTHER);
    expect(label(m, '01B', 'chicago-fbi')).toBe(OTHER);
    expect(label(m, '110', 'ucr-hundreds')).toBe('Violent');
    expect(label(m, '120', 'ucr-hundreds')).toBe(OTHER); // negligent manslaughter
    expect(label(m, '640', 'ucr-hundreds')).toBe('Property');
    expect(label(m, '900', 'ucr-hundreds')).toBe('Property');
    expect(label(m, '800', 'ucr-hundreds')).toBe(OTHER);
    expect(label(m, '2600', 'ucr-hundreds')).toBe(OTHER);
    expect(label(m, '99', 'ucr-hundreds')).toBeUndefined();
    expect(label(m, 'Q1', 'chicago-fbi')).toBeUndefined();
    expect(m.defaultUnmapped).toBe('mark');
  });
  test('a code that is not one falls back to the offense text', () => {
    const m = builtinMap('violent', NIBRS)!;
    expect(label(m, 'NULL', 'nibrs', 'AGG ASSAULT')).toBe('Aggravated assault');
  });
  test('violent keeps the Part I offense name and drops the rest (outside: null)', () => {
    const m = builtinMap('violent', NIBRS)!;
    expect(label(m, '13A', 'nibrs')).toBe('Aggravated assault');
    expect(label(m, '240', 'nibrs')).toBeNull();
    expect(m.defaultUnmapped).toBe('drop');
    expect(label(builtinMap('property', NIBRS)!, '240', 'nibrs')).toBe('Motor vehicle theft');
    expect(label(builtinMap('part1', NIBRS)!, '240', 'nibrs')).toBe('Motor vehicle theft');
    expect(label(builtinMap('part1', NIBRS)!, '13B', 'nibrs')).toBeNull();
  });
  test('unknown name', () => {
    expect(builtinMap('nope', NIBRS)).toBeUndefined();
  });
});

describe('built-in maps on text values', () => {
  const violent = builtinMap('violent', NIBRS)!;
  const part1 = builtinMap('part1-offense', NIBRS)!;
  test.each([
    ['HOMICIDE', 'Homicide'],
    ['ROBBERY', 'Robbery'],
    ['AGG ASSAULT', 'Aggravated assault'],
    ['ASSAULT - AGGRAVATED', 'Aggravated assault'],
    ['ASSAULT 1ST DEGREE', 'Aggravated assault'],
    ['Aggravated Assault', 'Aggravated assault'],
    ['Murder & Nonnegligent Manslaughter', 'Homicide'],
    ['RAPE', 'Rape'],
    ['FORCIBLE SEX OFFENSES', 'Rape'],
    ['ATTEMPTED ROBBERY', 'Robbery'],
    ['ATTEMPTED MURDER', 'Aggravated assault'],
    ['CARJACKING', 'Robbery'],
    ['FELONIOUS ASSAULT', 'Aggravated assault'],
    ['agg-aslt-police-weapon', 'Aggravated assault'],
    ['AGG. ASSAULT', 'Aggravated assault'],
    ['Asslt W/Dangerous Weapon', 'Aggravated assault'],
    ['AGG ASLT STRANGLE/SUFFOCATE', 'Aggravated assault'],
    ['SEXUAL ASSAULT W/ OBJECT', 'Rape'],
    ['ROBBERY - CARJACKING', 'Robbery'],
  ])('%s → %s (violent)', (value, offense) => {
    expect(label(violent, value)).toBe(offense);
  });
  test.each([
    ['SIMPLE ASSAULT'],
    ['BURGLARY'],
    ['JUSTIFIABLE HOMICIDE'],
    ['MANSLAUGHTER BY NEGLIGENCE'],
    ['STATUTORY RAPE'],
    ['INTIMIDATION'],
    ['ASSAULT BY CONTACT'],
    ['COMMON ASSAULT'],
    ['Fondling'],
    ['public-disorder'],
  ])('%s is not violent', (value) => {
    expect(label(violent, value)).toBeNull();
  });
  test.each([
    ['BURGLARY', 'Burglary'],
    ['BURGLARY OF VEHICLE', 'Larceny-theft'],
    ['LARCENY', 'Larceny-theft'],
    ['Theft From Motor Vehicle', 'Larceny-theft'],
    ['AUTO THEFT', 'Motor vehicle theft'],
    ['STOLEN VEHICLE', 'Motor vehicle theft'],
    ['BIKE - STOLEN', 'Larceny-theft'],
    ['ARSON', 'Arson'],
    ['IDENTITY THEFT', OTHER],
    ['RECOVERED STOLEN VEHICLE', OTHER],
    ['VANDALISM', OTHER],
  ])('%s → %s (part1-offense)', (value, offense) => {
    expect(label(part1, value)).toBe(offense);
  });
  test('a value no rule places is not guessed: ASSAULT (aggravated or simple), SEXUAL ASSAULT, or words no rule knows', () => {
    for (const v of ['ASSAULT', 'BATTERY', 'SEXUAL ASSAULT', 'MISC REPORT', 'ZZZ']) {
      const r = violent.place(v, v, TEXT);
      expect(r.kind).toBe('unplaced');
    }
    const r = violent.place('ASSAULT', 'ASSAULT', TEXT);
    expect(r).toEqual({ kind: 'unplaced', value: 'ASSAULT', rule: 'words: assault or battery: aggravated or simple' });
  });
  test('the rule that placed a value is given', () => {
    const r = violent.place('AGG ASSAULT', 'AGG ASSAULT', TEXT);
    expect(r).toEqual({
      kind: 'hit',
      hit: { label: 'Aggravated assault', cls: 'Violent', member: 'Aggravated assault', rule: 'words: aggravated assault' },
    });
  });
});

describe('crosswalks', () => {
  const cw = parseCrosswalk('x.csv', [
    ['value', 'offense', 'note'],
    ['HOMICIDE', '(mixed)', 'attempts inside'],
    ['187(A) HOMICIDE', 'Homicide', ''],
    ['664/187(A) ATTEMPTED HOMICIDE', 'Aggravated assault', 'attempted murder'],
    ['Vehicle crime', 'Property', 'theft of or from a vehicle'],
    ['SIMPLE ASSAULT', 'Other', ''],
    ['ASSAULT', 'Aggravated assault', 'this schema files only aggravated assaults here'],
  ]);
  const ctx: MapContext = { system: undefined, crosswalk: cw };
  const m = builtinMap('ucr-part1', NIBRS)!;
  const part1 = builtinMap('part1-offense', NIBRS)!;
  test('looked up trimmed, runs of spaces as one, case ignored', () => {
    expect(cw.lookup(' 187(a)  homicide ')).toMatchObject({ offense: 'Homicide', cls: 'Violent' });
    expect(cw.size).toBe(6);
  });
  test('the crosswalk wins over the word rules', () => {
    const r = m.place('ASSAULT', 'ASSAULT', ctx);
    expect(r).toMatchObject({
      kind: 'hit',
      hit: { label: 'Violent', rule: 'crosswalk x.csv "ASSAULT": this schema files only aggravated assaults here' },
    });
  });
  test('a (mixed) category is settled by the finer value the map reads', () => {
    expect(m.place('664/187(A) ATTEMPTED HOMICIDE', 'HOMICIDE', ctx)).toMatchObject({ kind: 'hit', hit: { label: 'Violent' } });
    expect(part1.place('664/187(A) ATTEMPTED HOMICIDE', 'HOMICIDE', ctx)).toMatchObject({
      kind: 'hit',
      hit: { label: 'Aggravated assault' },
    });
    // an unknown description under a mixed category: the word rules on it, never the category's words
    expect(part1.place('187 MURDER 2ND', 'HOMICIDE', ctx)).toMatchObject({ kind: 'hit', hit: { label: 'Homicide' } });
    expect(part1.place('X-99', 'HOMICIDE', ctx)).toEqual({
      kind: 'unplaced',
      value: 'X-99',
      rule: 'crosswalk x.csv "HOMICIDE": attempts inside',
    });
  });
  test('a class without an offense: the value is its own offense under the class', () => {
    expect(part1.place('Vehicle crime', 'Vehicle crime', ctx)).toMatchObject({
      kind: 'hit',
      hit: { label: 'Vehicle crime', cls: 'Property' },
    });
  });
  test('bad rows are errors naming the line', () => {
    expect(() =>
      parseCrosswalk('y.csv', [
        ['value', 'offense'],
        ['A', 'Mayhem'],
      ]),
    ).toThrow(/crosswalks\/y\.csv:2: "Mayhem" is not a Part I offense/);
    expect(() =>
      parseCrosswalk('y.csv', [
        ['value', 'offense'],
        ['A', 'Other'],
        ['a', 'Other'],
      ]),
    ).toThrow(/y\.csv:3: "a" is listed twice/);
    expect(() => parseCrosswalk('y.csv', [['v', 'o']])).toThrow(/expected the header value,offense,note/);
  });
});

describe('file maps and policies', () => {
  const m = fileMap('m.csv', [
    ['value', 'category'],
    [' THEFT ', 'Property'],
    ['ROBBERY', 'Violent'],
    ['LITTER', '(dropped)'],
    ['ODD', '(unmapped)'],
  ]);
  const apply = (policy: 'keep' | 'other' | 'mark' | 'drop', v: string, rollup = false) =>
    compileMap(m, TEXT, policy, { rollup }).apply(v, v);
  test('header row skipped, values trimmed; (dropped) drops, (unmapped) leaves the value unplaced', () => {
    expect(label(m, 'THEFT')).toBe('Property');
    expect(label(m, 'value')).toBeUndefined();
    expect(label(m, 'LITTER')).toBeNull();
    expect(label(m, 'ODD')).toBeUndefined();
  });
  test('keep, other, mark, drop', () => {
    expect(apply('keep', 'ARSON')).toBe('ARSON');
    expect(apply('other', 'ARSON')).toBe(OTHER);
    expect(apply('mark', 'ARSON')).toBe('(unmapped)');
    expect(apply('drop', 'ARSON')).toBeNull();
    expect(apply('drop', 'ROBBERY')).toBe('Violent');
    expect(apply('keep', 'LITTER')).toBeNull();
  });
  test('--rollup labels: class, separator, member (the value a file map read)', () => {
    expect(apply('keep', 'ROBBERY', true)).toBe(`Violent${CLASS_SEP}ROBBERY`);
    expect(apply('mark', 'ARSON', true)).toBe(`(unmapped)${CLASS_SEP}ARSON`);
  });
  test('a class column groups categories under --rollup', () => {
    const three = fileMap('c.csv', [
      ['value', 'category', 'class'],
      ['HOMICIDE', 'Homicide', 'Violent'],
      ['AGG ASSAULT', 'Aggravated assault', 'Violent'],
    ]);
    expect(compileMap(three, TEXT, 'keep', { rollup: true }).apply('AGG ASSAULT', 'AGG ASSAULT')).toBe(
      `Violent${CLASS_SEP}Aggravated assault`,
    );
    expect(compileMap(three, TEXT, 'keep').apply('AGG ASSAULT', 'AGG ASSAULT')).toBe('Aggravated assault');
  });
  test('the compiled map says which value no rule placed, and records each value once', () => {
    const seen: string[] = [];
    const c = compileMap(m, TEXT, 'mark', { record: (v, outcome, cls, rule) => seen.push(`${v}|${outcome}|${cls}|${rule}`) });
    c.apply('ARSON', 'ARSON');
    expect(c.lastUnplaced).toBe('ARSON');
    c.apply('THEFT', 'THEFT');
    expect(c.lastUnplaced).toBeUndefined();
    c.apply('ARSON', 'ARSON');
    expect(seen).toEqual(['ARSON|(unmapped)|(unmapped)|not in m.csv', 'THEFT|Property|Property|--map m.csv row 2']);
  });
  test('a value listed under two categories: the last one, and a note naming the value and rows', () => {
    const twice = fileMap('twice.csv', [
      ['THEFT', 'Property'],
      ['ROBBERY', 'Violent'],
      ['THEFT', 'Larceny'],
      ['ROBBERY', 'Violent'],
    ]);
    expect(label(twice, 'THEFT')).toBe('Larceny');
    expect(twice.notes).toEqual([
      '--map twice.csv: "THEFT" is listed under "Property" (row 1) and under "Larceny" (row 3); the last one is used',
    ]);
    expect(m.notes).toEqual([]);
  });
  test('a row without a category is an input error', () => {
    expect(() => fileMap('bad.csv', [['THEFT']])).toThrow(/two non-empty columns/);
  });
});
