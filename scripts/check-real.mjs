#!/usr/bin/env node
// Checks crimedelta against independent Python counts on the real data sets:
// `compare` with no column flags gives the same window totals under several
// machine time zones, and `inspect --format json` names the right date and
// offense columns and the true date range. Prints a pass/fail table.
// Usage: npm run build && node scripts/check-real.mjs [DATA_DIR]
// DATA_DIR (or the CRIMEDELTA_REAL_DATA environment variable) is the folder
// holding the real data sets (one sub-folder per data set).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2] ?? process.env.CRIMEDELTA_REAL_DATA;
if (!root) {
  console.error('check-real: set CRIMEDELTA_REAL_DATA to the folder holding the real data sets (or give it as the first argument)');
  process.exit(2);
}
if (!existsSync(root)) {
  console.error(`check-real: ${root} not found: set CRIMEDELTA_REAL_DATA to the folder holding the real data sets`);
  process.exit(2);
}
const zones = ['Pacific/Kiritimati', 'UTC', 'America/Adak'];
const py = spawnSync('python3', ['scripts/count-real.py', root], { encoding: 'utf8', maxBuffer: 1 << 26 });
if (py.status !== 0) {
  console.error(py.stderr);
  process.exit(1);
}
const expected = JSON.parse(py.stdout);
const run = (args, tz) => {
  const r = spawnSync(process.execPath, ['dist/bin/crimedelta.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: tz, NO_COLOR: '1' },
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) return { error: r.stderr.trim().split('\n').pop() };
  return JSON.parse(r.stdout);
};

const rows = [];
let failed = 0;
for (const [name, exp] of Object.entries(expected)) {
  const files = readdirSync(join(root, name))
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => join(root, name, f));
  const windowFlags = exp.windows.flatMap((w) => ['--window', w]);
  const problems = [];
  const totals = [];
  for (const tz of zones) {
    const out = run(['compare', ...files, ...windowFlags, '--format', 'json', '--quiet'], tz);
    if (out.error) {
      problems.push(`${tz}: ${out.error}`);
      continue;
    }
    totals.push(out.total.counts.join('/'));
    if (out.total.counts.join('/') !== exp.counts.join('/')) problems.push(`${tz}: counts ${out.total.counts} ≠ ${exp.counts}`);
    if (out.input.rowsRead !== exp.rowsRead) problems.push(`${tz}: rowsRead ${out.input.rowsRead} ≠ ${exp.rowsRead}`);
    if (out.input.rowsRead - out.input.rowsSkipped !== exp.usable)
      problems.push(`${tz}: usable ${out.input.rowsRead - out.input.rowsSkipped} ≠ ${exp.usable}`);
  }
  const ins = run(['inspect', ...files, '--format', 'json', '--quiet'], 'UTC');
  let roles = '';
  if (ins.error) problems.push(`inspect: ${ins.error}`);
  else {
    roles = `${ins.roles.date} / ${ins.roles.offense}`;
    if (ins.roles.date !== exp.date) problems.push(`inspect date column ${ins.roles.date} ≠ ${exp.date}`);
    if (ins.roles.offense !== exp.offense) problems.push(`inspect offense column ${ins.roles.offense} ≠ ${exp.offense}`);
    if (ins.dateRange.min !== exp.min || ins.dateRange.max !== exp.max) {
      problems.push(`inspect range ${ins.dateRange.min}..${ins.dateRange.max} ≠ ${exp.min}..${exp.max}`);
    }
  }
  if (problems.length) failed++;
  rows.push({
    dataset: name,
    files: files.length,
    windows: exp.windows.join(' vs '),
    python: exp.counts.join('/'),
    crimedelta: [...new Set(totals)].join(' ; '),
    roles,
    range: `${exp.min}..${exp.max}`,
    result: problems.length ? `FAIL: ${problems.join('; ')}` : 'pass',
  });
}
const cols = ['dataset', 'files', 'windows', 'python', 'crimedelta', 'roles', 'range', 'result'];
console.log(`| ${cols.join(' | ')} |`);
console.log(`|${cols.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${cols.map((c) => r[c]).join(' | ')} |`);
console.log(`\n${rows.length - failed} of ${rows.length} data sets pass (zones: ${zones.join(', ')})`);
process.exit(failed ? 1 : 0);
