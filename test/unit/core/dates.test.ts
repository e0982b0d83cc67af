import { describe, expect, test } from '@jest/globals';
import { dayFromCivil, formatDay } from '../../../src/core/civil.js';
import { layoutFromTokens, parserForTokens } from '../../../src/core/date-format.js';
import { detectDateLayout, layoutTokens, makeDayParser, zoneDayConverter } from '../../../src/core/dates.js';

function detect(values: string[]) {
  const d = detectDateLayout(values);
  if (d.kind !== 'ok') throw new Error(`not ok: ${d.kind}`);
  return d.layout;
}

describe('detectDateLayout', () => {
  test.each([
    [['2023-01-05', '2023-12-31'], 'yyyy-MM-dd'],
    [['2023-01-05T14:32:00', '2023-12-31T01:02:03'], "yyyy-MM-dd'T'HH:mm:ss"],
    [['2021/01/01 09:08:00+00', '2021/12/31 23:59:00+00'], 'yyyy/MM/dd HH:mm:ssX'],
    [['2025-01-07 02:45:00+00'], 'yyyy-MM-dd HH:mm:ssX'],
    [['2018/12/01 12:25:00 AM', '2018/12/31 11:59:00 PM'], 'yyyy/MM/dd hh:mm:ss a'],
    [['03/15/2014 12:00:00 AM', '02/28/2014 11:59:00 PM'], 'MM/dd/yyyy hh:mm:ss a'],
    [['1/1/06 0:00', '1/31/06 23:50'], 'M/d/yy H:mm'],
    [['10/15/2020 0:00', '1/2/2020 0:00'], 'M/d/yyyy H:mm'],
    [['1/25/2016 12:00:00 AM', '12/13/2016 12:00:00 AM'], 'M/d/yyyy hh:mm:ss a'],
    [['2019-01', '2021-11'], 'yyyy-MM'],
    [['25/12/2023', '01/02/2023'], 'dd/MM/yyyy'],
    [['31.01.2023 10:00', '01.02.2023 11:00'], 'dd.MM.yyyy HH:mm'],
  ])('%j → %s', (values, tokens) => {
    expect(layoutTokens(detect(values))).toBe(tokens);
  });

  test('slash dates that never exceed 12 are ambiguous, never guessed', () => {
    const d = detectDateLayout(['01/02/2023', '03/04/2023', '12/11/2023']);
    expect(d).toMatchObject({ kind: 'ambiguous', sep: '/', example: '01/02/2023', seen: 3 });
    // read in a given order once something else decides it
    if (d.kind === 'ambiguous') expect(layoutTokens(d.layoutFor('dmy'))).toBe('dd/MM/yyyy');
  });

  test('text that is not a date', () => {
    expect(detectDateLayout(['ROBBERY', 'THEFT', '44119']).kind).toBe('none');
  });

  test('a stray day-first typo does not change a month-first column', () => {
    const values = [...Array.from({ length: 50 }, (_, i) => `01/${String(13 + (i % 15))}/2023`), '13/01/2023'];
    const d = detectDateLayout(values);
    expect(d.kind === 'ok' && d.layout.order).toBe('mdy');
    expect(d.kind === 'ok' && d.note).toBeUndefined();
  });
});

describe('makeDayParser: the civil date as written', () => {
  const mdy = makeDayParser(detect(['03/15/2014 12:00:00 AM']));
  test.each([
    ['03/15/2014 12:00:00 AM', '2014-03-15'],
    ['03/15/2014 11:59:59 PM', '2014-03-15'],
    ['3/5/2014', '2014-03-05'],
    ['02/29/2024 01:00:00 PM', '2024-02-29'],
  ])('%s → %s', (text, iso) => {
    expect(formatDay(mdy(text))).toBe(iso);
  });
  test.each(['02/29/2023', '13/01/2023', '03/15/2014 13:00:00 PM', '03/15/2014 garbage', '', '2014-03-15'])('%j is unreadable', (text) => {
    expect(mdy(text)).toBeNaN();
  });

  test('two-digit years follow strptime %y (69–99 → 1900s)', () => {
    const p = makeDayParser(detect(['1/1/06 0:00', '1/31/06 23:50']));
    expect(formatDay(p('1/1/06 0:00'))).toBe('2006-01-01');
    expect(formatDay(p('1/1/69 0:00'))).toBe('1969-01-01');
    expect(formatDay(p('1/1/68 0:00'))).toBe('2068-01-01');
  });

  test('an offset is ignored without --tz: the written date counts', () => {
    const p = makeDayParser(detect(['2021/01/01 07:59:00+00']));
    expect(formatDay(p('2021/01/01 07:59:00+00'))).toBe('2021-01-01');
  });

  test("with --tz, offset timestamps move to the zone's civil date (DST both sides)", () => {
    const layout = detect(['2021/01/01 07:59:00+00']);
    const la = makeDayParser(layout, zoneDayConverter('America/Los_Angeles'));
    expect(formatDay(la('2021/01/01 07:59:00+00'))).toBe('2020-12-31');
    expect(formatDay(la('2021/01/01 08:00:00+00'))).toBe('2021-01-01');
    expect(formatDay(la('2021/07/01 06:59:00+00'))).toBe('2021-06-30');
    expect(formatDay(la('2021/07/01 07:00:00+00'))).toBe('2021-07-01');
    const ny = makeDayParser(detect(['2025-01-07 02:45:00+05:30']), zoneDayConverter('Asia/Kolkata'));
    expect(formatDay(ny('2025-01-07 02:45:00+05:30'))).toBe('2025-01-07');
    expect(formatDay(ny('2025-01-06 20:00:00Z'))).toBe('2025-01-07');
  });
});

describe('--date-format tokens', () => {
  test('common tokens compile to the fast scanner', () => {
    expect(layoutFromTokens('dd/MM/yyyy HH:mm')).toMatchObject({ order: 'dmy', sep: '/', yearDigits: 4 });
    expect(layoutFromTokens('yyyy-MM')).toMatchObject({ order: 'ym' });
    expect(layoutFromTokens('MMM d, yyyy')).toBeUndefined();
  });
  test('unusual tokens go through date-fns', () => {
    const p = parserForTokens('MMM d, yyyy');
    expect(formatDay(p('Jan 5, 2023'))).toBe('2023-01-05');
    expect(p('Foo 5, 2023')).toBeNaN();
    expect(parserForTokens('dd/MM/yyyy')('05/01/2023')).toBe(dayFromCivil(2023, 1, 5));
  });
});

describe('zoneDayConverter', () => {
  const formats = new Map<string, Intl.DateTimeFormat>();
  const exact = (zone: string, ms: number) => {
    let f = formats.get(zone);
    if (!f)
      formats.set(zone, (f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })));
    const [y, m, d] = f.format(new Date(ms)).split('-').map(Number);
    return dayFromCivil(y!, m!, d!);
  };

  test('an offset that is not a quarter hour (Africa/Monrovia, −0:44:30 in 1970)', () => {
    const toDay = zoneDayConverter('Africa/Monrovia');
    expect(formatDay(toDay(Date.parse('1970-06-15T00:44:45Z')))).toBe('1970-06-15');
    expect(formatDay(toDay(Date.parse('1970-06-15T00:44:15Z')))).toBe('1970-06-14');
    expect(formatDay(toDay(Date.parse('1970-06-15T00:30:00Z')))).toBe('1970-06-14');
  });

  test('equals the zone database every minute or so around local midnight, in zones with odd historical offsets', () => {
    for (const zone of [
      'Africa/Monrovia',
      'Europe/Amsterdam',
      'Asia/Kolkata',
      'America/St_Johns',
      'Pacific/Chatham',
      'Asia/Kathmandu',
      'America/Los_Angeles',
    ]) {
      const toDay = zoneDayConverter(zone);
      for (const year of [1915, 1935, 1970, 2021]) {
        const base = Date.UTC(year, 5, 15);
        for (let s = -2 * 86_400; s < 2 * 86_400; s += 61) {
          const ms = base + s * 1000;
          if (toDay(ms) !== exact(zone, ms))
            throw new Error(`${zone} ${new Date(ms).toISOString()}: ${formatDay(toDay(ms))} vs ${formatDay(exact(zone, ms))}`);
        }
      }
    }
  });
});

describe('times of day that do not exist are unreadable', () => {
  const iso = makeDayParser({ order: 'ymd', sep: '-', yearDigits: 4, padded: true, timeTokens: ' HH:mm:ss', offset: false });
  const ampm = makeDayParser({ order: 'mdy', sep: '/', yearDigits: 4, padded: true, timeTokens: ' hh:mm:ss a', offset: false });
  test.each([
    ['2023-01-05 24:59:60', NaN],
    ['2023-01-05 24:00:01', NaN],
    ['2023-01-05 10:30:60', NaN],
    ['2023-01-05 25:00:00', NaN],
    ['2023-01-05 24:00:00', dayFromCivil(2023, 1, 5)],
    ['2023-01-05 23:59:60', dayFromCivil(2023, 1, 5)],
    ['2023-01-05 23:59:59', dayFromCivil(2023, 1, 5)],
  ])('%s', (text, day) => {
    expect(iso(text)).toBe(day);
  });
  test.each([
    ['01/05/2023 11:30:60 PM', NaN],
    ['01/05/2023 13:00:00 PM', NaN],
    ['01/05/2023 11:59:60 PM', dayFromCivil(2023, 1, 5)],
  ])('%s', (text, day) => {
    expect(ampm(text)).toBe(day);
  });
});
