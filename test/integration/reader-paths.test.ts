/**
 * The fast path (byte-level scanner) and the general path (csv-parse) must
 * give the same reports: every fixture through the CLI, and random CSV text
 * through ingest. CRIMEDELTA_READER=csv-parse forces the general path.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { countWindows } from '../../src/core/aggregate.js';
import { ingest } from '../../src/core/ingest.js';
import { DEFAULT_SETTINGS, openRecords } from '../../src/io/input.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

function fixtureFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...fixtureFiles(p));
    else if (/\.csv(\.gz)?$/.test(e)) out.push(p);
  }
  return out.sort();
}

const fixtures = fixtureFiles(path.join(ROOT, 'fixtures')).map((f) => path.relative(ROOT, f));

describe('fast path and csv-parse give identical reports', () => {
  test.each(fixtures)('%s', (file) => {
    const args = ['compare', file, '--format', 'json', '--as-of', '2025-06-30'];
    const fast = runCli(args);
    const slow = runCli(args, { env: { CRIMEDELTA_READER: 'csv-parse' } });
    expect(fast.stdout).toBe(slow.stdout);
    expect(fast.stderr).toBe(slow.stderr);
    expect(fast.code).toBe(slow.code);
  });
});

/** A plain summary of what ingest read (or the error it threw). */
async function readWith(reader: 'scanner' | 'csv-parse', file: string, strict: boolean): Promise<unknown> {
  const settings = { ...DEFAULT_SETTINGS, csvParse: reader === 'csv-parse' };
  const warnings: string[] = [];
  try {
    const r = await ingest([() => openRecords(file, { settings })], {
      roles: { date: 'date', offense: 'offense' },
      groupBy: ['offense', 'area'],
      strict,
      warn: (m) => warnings.push(m),
      where: [{ column: 'area', values: ['x'], negate: true, text: 'area!=x' }],
    });
    const t = r.tally;
    const all = countWindows(t, [{ label: 'all', start: -1e6, end: 1e6 }]);
    return {
      groups: t.groups,
      byDay: t.byDay.map((m) => [...m]),
      counts: all.counts,
      rowsRead: t.rowsRead,
      rowsFiltered: t.rowsFiltered,
      skipped: t.skipped,
      firstSkip: t.firstSkip,
      // How the file was read differs by design; what was read must not.
      files: r.files.map(({ reading: _, ...f }) => f),
      warnings,
    };
  } catch (e) {
    return { error: (e as Error).message, warnings };
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'crimedelta-readers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cell = fc.oneof(
  fc.constantFrom('THEFT', 'BATTERY', '', ' ', 'x', 'a,b', '"q"', 'a"b', '"a""b"', '"line\nbreak"', '"open', 'é', '\r', '"x"y', '東京'),
  fc.string({ maxLength: 6 }),
);
const date = fc.constantFrom(
  '2023-01-05',
  '2023-02-30',
  '01/02/2023 10:00:00 PM',
  '2024-12-31',
  '',
  'nope',
  '2023-1-5',
  '"2023-03-03"',
  '2022-07-07T10:00:00',
);
const row = fc.tuple(date, cell, cell, fc.array(cell, { maxLength: 2 }));
const eol = fc.constantFrom('\n', '\r\n', '\r');

describe('random CSV text through both paths', () => {
  test('identical tallies, skips and errors', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 40 }),
        eol,
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        async (rows, nl, bom, trailing, strict) => {
          const lines = ['date,offense,area', '2023-01-01,THEFT,y', ...rows.map(([d, o, a, extra]) => [d, o, a, ...extra].join(','))];
          const text = (bom ? '\ufeff' : '') + lines.join(nl) + (trailing ? nl : '');
          const file = path.join(dir, `r${n++}.csv`);
          writeFileSync(file, text);
          const fast = await readWith('scanner', file, strict);
          const slow = await readWith('csv-parse', file, strict);
          expect(fast).toEqual(slow);
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);
});
