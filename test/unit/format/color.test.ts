import { describe, expect, test } from '@jest/globals';
import { colorFor, useColor } from '../../../src/format/color.js';
import { loadColor, renderTable } from '../../../src/format/table.js';

const io = (isTTY: boolean, env: Record<string, string> = {}) => ({ isTTY, noColorEnv: Boolean(env.NO_COLOR), columns: 80 });

describe('colour only on a terminal, never with --no-color or NO_COLOR', () => {
  test.each([
    [true, 'table', true, {}, true],
    [false, 'table', true, {}, false], // --no-color
    [true, 'table', false, {}, false], // not a terminal
    [true, 'table', true, { NO_COLOR: '1' }, false],
    [true, 'csv', true, {}, false],
  ] as const)('color=%s format=%s tty=%s env=%j → %s', (color, format, tty, env, expected) => {
    expect(useColor({ color, format }, io(tty, env))).toBe(expected);
  });

  test('chalk is loaded only when the table is coloured', async () => {
    const grid = { caption: [], columns: [{ header: 'Change', kind: 'change' as const }], rows: [[-40]], footer: [] };
    // Not loaded yet: asking for colour gives none.
    expect(renderTable(grid, { color: true })).not.toContain('\u001b[');
    expect(await colorFor({ color: true, format: 'csv' }, io(true))).toBe(false);
    expect(renderTable(grid, { color: true })).not.toContain('\u001b[');
    expect(await colorFor({ color: true, format: 'table' }, io(true))).toBe(true);
    expect(renderTable(grid, { color: true })).toContain('\u001b[32m−40\u001b[39m');
  });

  test('decreases green, increases red', async () => {
    await loadColor();
    const grid = {
      caption: [],
      columns: [
        { header: 'Offense', kind: 'text' as const },
        { header: 'Change', kind: 'change' as const },
      ],
      rows: [
        ['Robbery', -40],
        ['Theft', 12],
      ],
      footer: [],
    };
    const out = renderTable(grid, { color: true });
    expect(out).toContain('\u001b[32m−40\u001b[39m');
    expect(out).toContain('\u001b[31m+12\u001b[39m');
    expect(renderTable(grid, { color: false })).not.toContain('\u001b[');
  });
});
