import { describe, expect, test } from '@jest/globals';
import { parseFailOn, parseGroupBy, parseList, parsePercent, parseSpan, parseWhere } from '../../../src/cli/parse.js';

describe('--where values', () => {
  test.each([
    ['Type=A,B', ['A', 'B'], false],
    ['Type!= a , b ', ['a', 'b'], true],
    ['Type="Theft, petty",Robbery', ['Theft, petty', 'Robbery'], false],
    ['Type=Theft\\, petty', ['Theft, petty'], false],
    ['T="say ""hi"""', ['say "hi"'], false],
    ['T=', [''], false],
    ['Incident Category=Burglary,Assault', ['Burglary', 'Assault'], false],
  ])('%s', (text, values, negate) => {
    const w = parseWhere(text);
    expect(w.values).toEqual(values);
    expect(w.negate).toBe(negate);
  });
  test('an unclosed quote is a usage error', () => {
    expect(() => parseWhere('T="open')).toThrow('--where T="open: a quote is never closed');
  });
});

describe('other values', () => {
  test('--span takes the en dash of the captions', () => {
    expect(parseSpan('Jan–Sep')).toEqual(parseSpan('jan-sep'));
  });
  test('--fail-on and --max-skipped', () => {
    expect(parseFailOn('incomplete, Sparse')).toEqual(['incomplete', 'sparse']);
    expect(parsePercent('--max-skipped')('2.5%')).toBe(2.5);
    expect(() => parsePercent('--max-skipped')('-1')).toThrow('expected a percentage');
  });
  test('lists drop empties and repeats', () => {
    expect(parseList('--target')(' A , B,,A ')).toEqual(['A', 'B']);
    expect(() => parseList('--target', 'area values')(' , ')).toThrow('--target: give one or more area values separated by commas');
  });
});

describe('--by', () => {
  test.each([
    ['offense', ['offense']],
    ['area,offense', ['area', 'offense']],
  ])('%s', (text, dims) => expect(parseGroupBy(text)).toEqual(dims));
  test.each([
    [
      'district',
      '--by district: expected offense, area or offense,area — to group by a column of that name (or another: crimedelta inspect lists them), give --area-col district --by area',
    ],
    [
      'offense,Police District',
      "--by offense,Police District: expected offense, area or offense,area — to group by a column of that name (or another: crimedelta inspect lists them), give --area-col 'Police District' --by offense,area",
    ],
    ['area,beat', '--by area,beat: expected offense, area or offense,area'],
    ['offense,offense', '--by offense,offense: expected offense, area or offense,area'],
  ])('%s is a usage error with the flags to use', (text, message) => expect(() => parseGroupBy(text)).toThrow(message));
});
