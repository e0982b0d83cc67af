/**
 * Tables on a terminal fit its width; piped output, --wide and -o files keep
 * one line per row. Runs main() in-process with a stdout that says it is a
 * terminal.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, test } from '@jest/globals';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/io/output.js';

const SF = 'fixtures/real/sf-incidents-2018-2022-sample/Police_Department_Incident_Reports__2018_to_Present.csv';
const dir = mkdtempSync(join(tmpdir(), 'crimedelta-width-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], tty: boolean, columns = 80): Promise<{ code: number; stdout: string }> {
  const out: Buffer[] = [];
  const stdout = Object.assign(new PassThrough(), { isTTY: tty, columns });
  stdout.on('data', (b: Buffer) => out.push(b));
  const stderr = new PassThrough();
  stderr.resume();
  const io: Io = {
    stdout,
    stderr,
    stdin: Readable.from([]),
    env: { NO_COLOR: '1', COLUMNS: String(columns) },
    now: () => new Date(2024, 5, 1),
  };
  const code = await main(args, io);
  return { code, stdout: Buffer.concat(out).toString('utf8') };
}

const SF_ARGS = ['compare', SF, '--years', '2021,2022', '--span', 'jan-jun', '--stats', '--top', '3'];

describe('a table on a terminal', () => {
  test('wraps its caption and footers between words at 80 columns', async () => {
    const r = await run(SF_ARGS, true);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Jan 1 – Jun 30 · 2022 vs 2021 ·',
        'fixtures/real/sf-incidents-2018-2022-sample/Police_Department_Incident_Reports__2018_to_Present.csv',
        '(150 rows)',
        '┌──────────────┬──────┬────────┬────────┬──────────┬─────────┐',
        '│ Offense      │ 2021 │ 2022 ⚠ │ Change │ % Change │       p │',
        '├──────────────┼──────┼────────┼────────┼──────────┼─────────┤',
        '│ Burglary †   │    0 │      2 │     +2 │      n/a │ 0.197   │',
        '│ Assault †    │    2 │      1 │     −1 │   −50.0% │ 0.681   │',
        '│ Fraud †      │    0 │      1 │     +1 │      n/a │ 0.486   │',
        '├──────────────┼──────┼────────┼────────┼──────────┼─────────┤',
        '│ All offenses │   12 │     10 │     −2 │   −16.7% │ 0.690   │',
        '└──────────────┴──────┴────────┴────────┴──────────┴─────────┘',
        '⚠ 2022 (Jan 1 – Jun 30, 2022) is incomplete: the data covers 119 of its 181',
        'days.',
        'p: two-sided Poisson E-test, Krishnamoorthy & Thomson 2004; window lengths as',
        'exposures. * p < 0.05, ** p < 0.01.',
        '† every count under 10: the % change and p-value say little.',
        'Showing 3 of 14 groups; the total covers all.',
        'Counted 22 rows in the windows, 128 outside them.',
        '',
      ].join('\n'),
    );
  });

  test('folds a wide table into boxes that repeat the labels, every line within the width', async () => {
    const args = ['trend', SF, '--every', 'quarter', '--by', 'offense,area', '--top', '3'];
    const r = await run(args, true, 60);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    // One word longer than the line (a file path) may stand alone; table lines never pass the width.
    for (const l of lines.filter((l) => /^[┌│├└]/.test(l))) expect(l.length).toBeLessThanOrEqual(60);
    const headers = lines.filter((l) => l.startsWith('│ Offense'));
    expect(headers).toHaveLength(8);
    for (const h of headers) expect(h).toMatch(/^│ Offense +│ Area +│/);
    // Every month's count is still there, in the same order as in the piped table.
    const piped = await run(args, false, 60);
    const cells = (text: string, label: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith(`│ ${label}`))
        .flatMap((l) =>
          l
            .split('│')
            .slice(3, -1)
            .map((c) => c.trim()),
        );
    expect(cells(r.stdout, 'All offenses')).toEqual(cells(piped.stdout, 'All offenses'));
  });

  test('at 120 columns a table that fits is drawn as when piped, only the caption wraps', async () => {
    const r = await run(SF_ARGS, true, 120);
    const piped = await run(SF_ARGS, false, 120);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'Jan 1 – Jun 30 · 2022 vs 2021 ·',
      'fixtures/real/sf-incidents-2018-2022-sample/Police_Department_Incident_Reports__2018_to_Present.csv (150 rows)',
    ]);
    const box = (text: string) => text.split('\n').filter((l) => /^[┌│├└]/.test(l));
    expect(box(r.stdout)).toEqual(box(piped.stdout));
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(120);
  });

  test('--wide, a pipe and -o FILE keep one line per row', async () => {
    const piped = await run(SF_ARGS, false);
    expect(piped.stdout.split('\n')[0]).toBe(
      'Jan 1 – Jun 30 · 2022 vs 2021 · fixtures/real/sf-incidents-2018-2022-sample/Police_Department_Incident_Reports__2018_to_Present.csv (150 rows)',
    );
    expect((await run([...SF_ARGS, '--wide'], true)).stdout).toBe(piped.stdout);
    const file = join(dir, 'out.txt');
    expect((await run([...SF_ARGS, '-o', file], true)).stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(piped.stdout);
  });

  test('alerts folds too, and --wide keeps its one line per row', async () => {
    const args = ['alerts', 'fixtures/alerts-spike.csv', '--every', '28d', '--by', 'offense,area', '--quiet'];
    const r = await run(args, true, 60);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(60);
    const headers = lines.filter((l) => l.startsWith('│ Offense'));
    expect(headers.length).toBeGreaterThan(1);
    for (const h of headers) expect(h).toMatch(/^│ Offense +│ Area +│/);
    expect(lines.filter((l) => l.startsWith('│ Robbery │ North │'))).toHaveLength(headers.length);
    const piped = await run(args, false, 60);
    expect((await run([...args, '--wide'], true, 60)).stdout).toBe(piped.stdout);
    expect(piped.stdout).toMatch(/^│ Robbery │ North │ +122 │ +60\.00 │ +41 │ +81 │ \+6\.60\*\* │ 3\.0e-12 │ up +│ +0\.02 │$/m);
  });
});
