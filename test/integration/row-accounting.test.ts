/**
 * Every row read is accounted for, on every in-process reader path (byte
 * scanner decoding records, byte scanner counting from the bytes, csv-parse):
 * rowsRead = counted + outside the windows + skipped + filtered + unmapped,
 * and the window counts equal a plain count of the generated rows. Dates are
 * drawn over random spans from one day to 150 years, so that a group's days
 * are packed into arrays of every size, the ~100-year limit (36,600 days) included.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { countWindows } from '../../src/core/aggregate.js';
import { dayFromCivil, formatDay } from '../../src/core/civil.js';
import { ingest } from '../../src/core/ingest.js';
import { fileMap } from '../../src/core/maps.js';
import { DEFAULT_SETTINGS, openRecords } from '../../src/io/input.js';

const dir = mkdtempSync(path.join(tmpdir(), 'crimedelta-accounting-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PATHS = {
  decoded: { ...DEFAULT_SETTINGS, direct: false },
  bytes: DEFAULT_SETTINGS,
  'csv-parse': { ...DEFAULT_SETTINGS, csvParse: true },
} as const;

type Kind = 'ok' | 'badDate' | 'noOffense' | 'short' | 'filtered' | 'unmapped';
const OFFENSES = ['THEFT', 'ROBBERY', 'ARSON'];

describe('every row is accounted for', () => {
  test('random date spans, windows and unusable rows, on every reader path', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: 1, max: 150 * 366 }), fc.integer({ min: 36_560, max: 36_610 })),
        fc.integer({ min: dayFromCivil(1900, 1, 1), max: dayFromCivil(2030, 1, 1) }),
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        async (span, first, rows, wins, seed) => {
          let x = seed;
          const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff) / 0x80000000;
          const lines = ['date,offense,area,keep'];
          const kept: { day: number; offense: string }[] = [];
          const tally: Record<Kind, number> = { ok: 0, badDate: 0, noOffense: 0, short: 0, filtered: 0, unmapped: 0 };
          for (let i = 0; i < rows; i++) {
            // most rows are THEFT, so that one group packs its days densely; the first and last days of the span come early, the rest at random
            const day = i === 0 ? first : i === 1 ? first + span - 1 : first + Math.floor(rnd() * span);
            const r = rnd();
            const kind: Kind =
              r < 0.9 ? 'ok' : (['badDate', 'noOffense', 'short', 'filtered', 'unmapped'] as const)[Math.floor((r - 0.9) * 50)]!;
            tally[kind]++;
            const offense =
              kind === 'unmapped' ? 'LITTERING' : kind === 'noOffense' ? '' : OFFENSES[Math.max(0, Math.floor(rnd() * 10) - 7)]!;
            const date = kind === 'badDate' ? 'someday' : formatDay(day);
            if (kind === 'short') lines.push(`${date},${offense}`);
            else lines.push(`${date},${offense},a${i % 4},${kind === 'filtered' ? 'no' : 'yes'}`);
            if (kind === 'ok') kept.push({ day, offense });
          }
          const file = path.join(dir, `f${n++}.csv`);
          writeFileSync(file, lines.join('\n') + '\n');
          const windows = wins.map(([a, b], i) => {
            const s = first + Math.floor(Math.min(a, b) * span);
            const e = first + Math.floor(Math.max(a, b) * span);
            return { label: `w${i}`, start: s, end: e };
          });
          const expected = {
            counts: OFFENSES.map((o) =>
              windows.map((w) => kept.filter((k) => k.offense === o && k.day >= w.start && k.day <= w.end).length),
            ),
            counted: kept.filter((k) => windows.some((w) => k.day >= w.start && k.day <= w.end)).length,
          };
          for (const [name, settings] of Object.entries(PATHS)) {
            const got = await (async () => {
              const r = await ingest([() => openRecords(file, { settings })], {
                roles: { date: 'date', offense: 'offense' },
                groupBy: ['offense'],
                strict: false,
                warn: () => {},
                where: [{ column: 'keep', values: ['yes'], negate: false, text: 'keep=yes' }],
                map: {
                  map: fileMap(
                    'm.csv',
                    OFFENSES.map((o) => [o, o]),
                  ),
                  unmapped: 'drop',
                },
              });
              const t = r.tally;
              const wc = countWindows(t, windows);
              const byOffense = OFFENSES.map((o) => (t.groups.includes(o) ? wc.counts[t.groups.indexOf(o)]! : windows.map(() => 0)));
              return {
                path: name,
                rowsRead: t.rowsRead,
                accounted: wc.rowsCounted + wc.rowsOutsideWindows + t.rowsSkipped + t.rowsFiltered + t.rowsUnmapped,
                counts: byOffense,
                counted: wc.rowsCounted,
                skipped: t.rowsSkipped,
                filtered: t.rowsFiltered,
                unmapped: t.rowsUnmapped,
              };
            })().catch((e: Error) => ({ path: name, error: e.message }));
            if (tally.ok === 0) {
              expect(got).toHaveProperty('error');
              continue;
            }
            expect(got).toEqual({
              path: name,
              rowsRead: rows,
              accounted: rows,
              counts: expected.counts,
              counted: expected.counted,
              skipped: tally.badDate + tally.noOffense + tally.short,
              filtered: tally.filtered,
              unmapped: tally.unmapped,
            });
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
