/**
 * `alerts` on the constructed fixtures (scripts/make-alerts-fixtures.mjs):
 * one offense in one district doubled in the last four weeks, everything
 * else steady. Exactly that group is listed, in every output format; nothing
 * is when the spike is removed. The numbers of the 28-day case were counted
 * independently with Python's csv module and decimal sums
 * (scripts/monitor-references.py): Robbery in North 122 against 60 expected,
 * 99% limits 41–81, p = 2.9566838667532235e-12.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { runCli } from '../helpers/run-cli.js';

const SPIKE = 'fixtures/alerts-spike.csv';
const STEADY = 'fixtures/alerts-steady.csv';
const FORMATS = ['table', 'md', 'csv', 'tsv', 'json'] as const;
/** The ways of judging that see the spike: 28 days, the month, and the week against the same dates a year earlier. */
const RUNS: [string, string[]][] = [
  ['28 days', ['--every', '28d']],
  ['month', ['--every', 'month']],
  ['week vs a year earlier', ['--every', 'week', '--seasonal', '1']],
];

const tmp = mkdtempSync(join(tmpdir(), 'crimedelta-alerts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The groups listed, as "offense|area", read back from the output of `format`. */
function listed(format: (typeof FORMATS)[number], stdout: string): string[] {
  if (format === 'json') {
    return (JSON.parse(stdout).alerts as { key: { offense: string; area: string } }[]).map((a) => `${a.key.offense}|${a.key.area}`);
  }
  if (format === 'csv' || format === 'tsv') {
    const sep = format === 'csv' ? ',' : '\t';
    const [header, ...rows] = stdout.trimEnd().split('\n');
    expect(header!.split(sep).slice(0, 3)).toEqual(['Offense', 'Area', 'Observed']);
    return rows.map((r) => r.split(sep).slice(0, 2).join('|'));
  }
  const cell = format === 'md' ? /^\| (\w+) \| (\w+) \| \d/ : /^│ (\w+)\s+│ (\w+)\s+│\s+\d/;
  return stdout.split('\n').flatMap((l) => {
    const m = cell.exec(l);
    return m ? [`${m[1]}|${m[2]}`] : [];
  });
}

describe.each(RUNS)('alerts by offense and area, %s', (_name, flags) => {
  test.each(FORMATS)('%s: the spike is the only alert, and without it there is none', (format) => {
    const args = ['--by', 'offense,area', ...flags, '--format', format, '--quiet'];
    const spike = runCli(['alerts', SPIKE, ...args]);
    expect(spike.code).toBe(0);
    expect(listed(format, spike.stdout)).toEqual(['Robbery|North']);
    const steady = runCli(['alerts', STEADY, ...args]);
    expect(steady.code).toBe(0);
    expect(listed(format, steady.stdout)).toEqual([]);
    if (format === 'table' || format === 'md')
      expect(steady.stdout).toMatch(/No alerts: all 9 groups judged are within their 99% limits\./);
  });
});

describe('the 28-day spike in numbers', () => {
  test('observed, expected, limits, z and p', () => {
    const r = runCli(['alerts', SPIKE, '--by', 'offense,area', '--every', '28d', '--format', 'json']);
    const out = JSON.parse(r.stdout);
    expect(out.command).toBe('alerts');
    expect(out.period).toEqual({ label: '2023-09-04..2023-10-01', start: '2023-09-04', end: '2023-10-01', days: 28 });
    expect(out.baseline.periods).toHaveLength(8);
    const a = out.alerts[0];
    expect(a).toMatchObject({
      key: { offense: 'Robbery', area: 'North' },
      observed: 122,
      expected: 60,
      lower: 41,
      upper: 81,
      direction: 'up',
    });
    expect(Math.abs(a.pValue - 2.9566838667532235e-12)).toBeLessThan(1e-9 * 2.9566838667532235e-12);
    expect(a.z).toBeCloseTo(2 * (Math.sqrt(122) - Math.sqrt(60)), 12);
    expect(out).toMatchObject({ groupsJudged: 9, groupsWithin: 8, groupsBelowMinCount: 0 });
  });

  test('by offense alone, Robbery (all districts) is out of line as well', () => {
    const r = runCli(['alerts', SPIKE, '--every', '28d', '--format', 'json']);
    expect(JSON.parse(r.stdout).alerts.map((a: { key: { offense: string } }) => a.key.offense)).toEqual(['Robbery']);
  });
});

describe('--fail-on alerts, for cron', () => {
  test('an alert: the report is written, then one line "1 alert", exit 1', () => {
    const out = join(tmp, 'alerts.csv');
    const r = runCli(['alerts', SPIKE, '--by', 'offense,area', '--every', '28d', '--format', 'csv', '--fail-on', 'alerts', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('crimedelta: 1 alert\n');
    expect(readFileSync(out, 'utf8').split('\n')[1]).toMatch(/^Robbery,North,122,60,41,81,/);
  });

  test('no alert: exit 0 and nothing said', () => {
    const r = runCli(['alerts', STEADY, '--by', 'offense,area', '--every', '28d', '--fail-on', 'alerts', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).alerts).toEqual([]);
  });
});
