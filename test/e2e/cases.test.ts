/**
 * Golden end-to-end cases: each folder under cases/ holds `cmd` (one line of
 * arguments), `expout` (exact stdout), optionally `experr` (exact stderr;
 * absent = empty), `exitcode` (absent = 0), `stdin` (a file fed to standard
 * input; without it standard input is /dev/null) and `env` (KEY=VALUE lines). UPDATE_GOLDEN=1 rewrites expout, experr
 * and exitcode from the current output; review the change with git diff.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { ROOT, runCli, splitArgs } from '../helpers/run-cli.js';

const CASES = join(ROOT, 'test/e2e/cases');
const update = process.env.UPDATE_GOLDEN === '1';

function read(dir: string, name: string): string | undefined {
  const p = join(dir, name);
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
}

describe('golden CLI cases', () => {
  const names = readdirSync(CASES).sort();
  test.each(names)('%s', (name) => {
    const dir = join(CASES, name);
    const args = splitArgs(read(dir, 'cmd')!);
    const env: Record<string, string> = { TZ: process.env.TZ ?? 'UTC' };
    for (const line of (read(dir, 'env') ?? '').split('\n')) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
      if (m) env[m[1]!] = m[2]!;
    }
    const stdinPath = join(dir, 'stdin');
    const r = runCli(args, existsSync(stdinPath) ? { input: readFileSync(stdinPath), env } : { env });
    if (update) {
      writeFileSync(join(dir, 'expout'), r.stdout);
      if (r.stderr) writeFileSync(join(dir, 'experr'), r.stderr);
      else rmSync(join(dir, 'experr'), { force: true });
      if (r.code !== 0) writeFileSync(join(dir, 'exitcode'), `${r.code}\n`);
      else rmSync(join(dir, 'exitcode'), { force: true });
      return;
    }
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.code }).toEqual({
      stdout: read(dir, 'expout') ?? '',
      stderr: read(dir, 'experr') ?? '',
      code: Number((read(dir, 'exitcode') ?? '0').trim()),
    });
  });
});
