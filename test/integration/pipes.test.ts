import { spawnSync } from 'node:child_process';
import { describe, expect, test } from '@jest/globals';
import { CLI, ROOT, runCli } from '../helpers/run-cli.js';

describe('the process around the report', () => {
  test('a reader that closes the pipe early (| head -1) ends quietly with exit 0', () => {
    const r = spawnSync(
      'bash',
      ['-c', `set -o pipefail; node "${CLI}" compare fixtures/sample-incidents.csv --format csv --quiet | head -1`],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toBe('Offense,2022,2023,Change,% Change\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('a full disk is a clean error with exit 1', () => {
    const r = spawnSync('bash', ['-c', `node "${CLI}" compare fixtures/basic-two-years.csv --quiet > /dev/full`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    // --quiet hides notes; the skipped-row summary is a warning and stays.
    expect(r.stderr.split('\n').slice(-2)).toEqual(['crimedelta: cannot write the report (no space left on the device)', '']);
    expect(r.status).toBe(1);
  });

  test('the machine time zone never moves an incident to another day', () => {
    const args = ['compare', 'fixtures/basic-two-years.csv', '--format', 'json', '--quiet'];
    const outs = ['Pacific/Kiritimati', 'UTC', 'America/Adak'].map((TZ) => runCli(args, { env: { TZ } }).stdout);
    expect(outs[1]).toBe(outs[0]);
    expect(outs[2]).toBe(outs[0]);
    expect(JSON.parse(outs[0]!).total.counts).toEqual([10, 11]);
  });

  test('--debug shows a stack trace, otherwise one line', () => {
    const plain = runCli(['compare', 'fixtures/basic-two-years.csv', '--date-col', 'Nope']);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    const debug = runCli(['compare', 'fixtures/basic-two-years.csv', '--date-col', 'Nope', '--debug']);
    expect(debug.stderr).toMatch(/\n\s+at /);
    expect(debug.code).toBe(1);
  });
});
