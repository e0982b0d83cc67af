#!/usr/bin/env node
// Peak memory of the issue-6 job at 100 k, 1 M and 5 M rows: is it flat?
//
//   node scripts/bench-memory.mjs [--sizes 100k,1m,5m]
//
// Runs `crimedelta compare FILE --date-col Date --offense-col "Primary Type"
// --years 2022,2023 --span jan-sep` once per size in a child process and
// prints the child's maxRSS (process.resourceUsage(), KiB) and the spread
// (largest / smallest). Data as in scripts/bench.mjs (generated when missing).
// Not a test: it asserts nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = { '100k': 100_000, '1m': 1_000_000, '5m': 5_000_000 };
const RSS_HOOK = 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nBENCH_RSS "+process.resourceUsage().maxRSS+"\\n"))';

let sizes = Object.keys(SIZES);
const i = process.argv.indexOf('--sizes');
if (i > 0) sizes = process.argv[i + 1].split(',');

const out = [];
for (const size of sizes) {
  const file = path.join(root, 'bench', 'data', `incidents-${size}.csv`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const g = spawnSync(
      process.execPath,
      [path.join(root, 'bench/gen-incidents.mjs'), '--rows', String(SIZES[size]), '--seed', '42', '--out', file],
      { stdio: 'inherit' },
    );
    if (g.status !== 0) throw new Error('generator failed');
  }
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      RSS_HOOK,
      path.join(root, 'dist/bin/crimedelta.js'),
      'compare',
      file,
      '--date-col',
      'Date',
      '--offense-col',
      'Primary Type',
      '--years',
      '2022,2023',
      '--span',
      'jan-sep',
      '--quiet',
    ],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (r.status !== 0) throw new Error(`crimedelta failed:\n${r.stderr}`);
  const kib = Number(/BENCH_RSS (\d+)/.exec(r.stderr)[1]);
  out.push({ size, mib: kib / 1024, s: (performance.now() - t0) / 1000 });
  console.log(`${size.padStart(5)} rows: peak RSS ${(kib / 1024).toFixed(1)} MiB (${((performance.now() - t0) / 1000).toFixed(2)} s)`);
}
const mibs = out.map((o) => o.mib);
console.log(`spread: largest / smallest = ${(Math.max(...mibs) / Math.min(...mibs)).toFixed(2)}`);
