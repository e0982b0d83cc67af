import { describe, expect, test } from '@jest/globals';
import Table from 'cli-table3';
import fc from 'fast-check';
import { renderJson } from '../../../src/format/index.js';
import { clip, escapeJsonUnsafe, neutralizeFormula, stderrLine, visible } from '../../../src/format/sanitize.js';
import { drawBox } from '../../../src/format/table.js';
import { renderDelimited } from '../../../src/format/delimited.js';
import { renderMarkdown } from '../../../src/format/markdown.js';
import { renderTable } from '../../../src/format/table.js';
import type { Grid } from '../../../src/format/grid.js';
import { writeFileOut } from '../../../src/io/output.js';

// eslint-disable-next-line no-control-regex -- the controls are what the test looks for
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('visible', () => {
  test('bidi overrides and isolates are shown as code points', () => {
    expect(visible('a\u202eb\u2066c\u2069')).toBe('a<U+202E>b<U+2066>c<U+2069>');
  });
  test('C1 controls (U+009B is CSI on some terminals) are shown as code points', () => {
    expect(visible('x\u009b31m\u0085')).toBe('x<U+009B>31m<U+0085>');
  });
  test('an OSC sequence (set the window title) loses its ESC and BEL', () => {
    expect(visible('\u001b]0;owned\u0007text')).toBe('␛]0;owned␇text');
  });
  test('CR and LF in a cell are shown, so a cell cannot rewrite its line', () => {
    expect(visible('a\rb\nc')).toBe('a␍b␊c');
  });
  test('nothing unsafe survives, for any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => !UNSAFE.test(visible(s).replace(/\n/g, ''))));
  });
});

describe('stderrLine', () => {
  test('one line, no controls', () => {
    expect(stderrLine('bad\n value \u001b[2J\u202e')).toBe('bad value ␛[2J<U+202E>');
  });
});

describe('JSON', () => {
  test('escapes C1, bidi and line separators and keeps the values exact', () => {
    const value = { s: 'a\u009bb\u202ec\u2028d\u001be\u007f' };
    const text = renderJson(value);
    expect(text).not.toMatch(UNSAFE);
    expect(text).not.toMatch(/\u2028/);
    expect(JSON.parse(text)).toEqual(value);
  });
  test('round-trips any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => JSON.parse(escapeJsonUnsafe(JSON.stringify(s))) === s));
  });
});

describe('formulas', () => {
  test.each(['=1+1', '+1', '-1x', '@SUM(A1)', '\tx', '\rx'])('%j is neutralised', (s) => {
    expect(neutralizeFormula(s)).toBe(`'${s}`);
  });
  test('plain text is not', () => expect(neutralizeFormula('Robbery')).toBe('Robbery'));
});

const grid = (offense: string): Grid => ({
  caption: [`caption ${offense}`],
  columns: [
    { header: 'Offense', kind: 'text' },
    { header: '2023', kind: 'count' },
    { header: 'Change', kind: 'change' },
  ],
  rows: [[offense, 3, -1]],
  total: ['All offenses', 3, -1],
  footer: [],
});

describe('rendered outputs', () => {
  const hostile = '\u001b]0;t\u0007\u009b2J\u202eevil\r=x';
  test.each(['table', 'md'])('%s shows no control characters', (f) => {
    const out = f === 'table' ? renderTable(grid(hostile), { color: false }) : renderMarkdown(grid(hostile));
    expect(out.replace(/\n/g, '')).not.toMatch(UNSAFE);
  });
  test('CSV: a cell with a CR inside is quoted, neutralised and visible', () => {
    const out = renderDelimited(grid('\rCR'), { delimiter: ',', raw: false });
    expect(out.split('\n')[1]).toBe("'␍CR,3,-1");
  });
  test('a 5 MB value is cut in the table', () => {
    const out = renderTable(grid('x'.repeat(5 << 20)), { color: false });
    expect(out.length).toBeLessThan(2000);
    expect(out).toContain('x…');
  });
  test('clip counts code points and keeps short text', () => {
    expect(clip('abc', 5)).toBe('abc');
    expect(clip('😀'.repeat(10), 5)).toBe('😀😀😀😀…');
  });
});

describe('drawBox draws what cli-table3 draws', () => {
  const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('漢字', 'é', '\u001b[32m−3\u001b[39m', '1,234', ''));
  test('for random rows (wide characters and colour codes included)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 6 }), (rows) => {
        const clean = rows.map((r) => r.map((c) => visible(c).replace(/␛/g, '\u001b')));
        const aligns = ['left', 'right', 'right'] as const;
        const t = new Table({ colAligns: [...aligns], style: { head: [], border: [], compact: false } });
        for (const r of clean) t.push(r);
        expect(drawBox(clean, [...aligns])).toBe(t.toString());
      }),
      { numRuns: 200 },
    );
  });
});

describe('--output', () => {
  test('a file root cannot write either (/sys) is one line naming it', async () => {
    await expect(writeFileOut('/sys/kernel/notes', 'x')).rejects.toThrow('cannot write the report to /sys/kernel/notes: permission denied');
  });
  test('a path under /proc that cannot be created', async () => {
    await expect(writeFileOut('/proc/no-such-dir/out.csv', 'x')).rejects.toThrow(
      /cannot write the report to \/proc\/no-such-dir\/out\.csv: /,
    );
  });
});
