#!/usr/bin/env node
// Benchmark of the byte-level scanner on the 1 M-row job of the project issue:
// count rows by `Primary Type` whose `Date` (MM/DD/YYYY hh:mm:ss AM) falls in
// Jan–Sep 2022 or Jan–Sep 2023.
//
//   node scripts/bench-scan.mjs [--rows N] [--runs R] [--csv-parse-runs R] [--only read,scan,csv-parse]
//
// Generates bench/data/incidents-<rows>.csv (gitignored) with
// bench/gen-incidents.mjs --seed 42 when missing, builds dist/ when the
// compiled scanner is missing or older than its source, then runs each
// program in its own child process (after one warm-up run) and prints the
// median whole-process wall time, rows/s, MB/s and peak RSS
// (process.resourceUsage().maxRSS of the child).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHUNK = 1 << 20;

// ---------------------------------------------------------------------------
// The job, shared by the scanner and csv-parse children

/** Year window for a "MM/DD/YYYY ..." date: 0 = Jan–Sep 2022, 1 = Jan–Sep 2023, -1 = neither. */
function windowOf(s) {
  if (s.length < 10) return -1;
  const m = (s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48);
  if (m < 1 || m > 9) return -1;
  // years 2022 / 2023: "202" then 2 or 3
  if (s.charCodeAt(6) !== 50 || s.charCodeAt(7) !== 48 || s.charCodeAt(8) !== 50) return -1;
  const y = s.charCodeAt(9);
  return y === 50 ? 0 : y === 51 ? 1 : -1;
}

function report(counts, rows, t0) {
  const table = [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => [k, v[0], v[1]]);
  const out = {
    rows,
    ms: performance.now() - t0,
    maxRssKiB: process.resourceUsage().maxRSS,
    counts: table,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

async function childRead(file) {
  const t0 = performance.now();
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let n;
  let bytes = 0;
  let lf = 0;
  while ((n = fs.readSync(fd, buf, 0, CHUNK, null)) > 0) {
    bytes += n;
    lf += buf[n - 1] === 10 ? 1 : 0; // touch the data
  }
  fs.closeSync(fd);
  report(new Map(), 0, t0);
}

async function childScan(file) {
  const t0 = performance.now();
  const { CsvScanner } = await import(pathToFileURL(path.join(root, 'dist/src/io/fast-scanner.js')).href);
  const s = new CsvScanner({ delimiter: ',' });
  const counts = new Map();
  let rows = -1;
  let header = true;
  const onRecord = (f) => {
    rows++;
    if (header) {
      header = false;
      const d = f.indexOf('Date');
      const t = f.indexOf('Primary Type');
      if (d < 0 || t < 0) throw new Error('columns Date / Primary Type not found');
      s.project([d, t]); // takes effect from the next record
      return;
    }
    const w = windowOf(f[0]);
    if (w < 0) return;
    const key = f[1];
    let c = counts.get(key);
    if (c === undefined) {
      c = [0, 0];
      counts.set(key, c);
    }
    c[w]++;
  };
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let n;
  while ((n = fs.readSync(fd, buf, 0, CHUNK, null)) > 0) s.write(n === CHUNK ? buf : buf.subarray(0, n), onRecord);
  s.end(onRecord);
  fs.closeSync(fd);
  report(counts, rows, t0);
}

async function childCsvParse(file) {
  const t0 = performance.now();
  const { parse } = await import('csv-parse');
  const counts = new Map();
  let rows = -1;
  let di = -1;
  let ti = -1;
  const parser = fs.createReadStream(file, { highWaterMark: CHUNK }).pipe(parse());
  for await (const f of parser) {
    rows++;
    if (di < 0) {
      di = f.indexOf('Date');
      ti = f.indexOf('Primary Type');
      continue;
    }
    const w = windowOf(f[di]);
    if (w < 0) continue;
    const key = f[ti];
    let c = counts.get(key);
    if (c === undefined) {
      c = [0, 0];
      counts.set(key, c);
    }
    c[w]++;
  }
  report(counts, rows, t0);
}

// ---------------------------------------------------------------------------
// Parent

function parseArgs(argv) {
  const a = { rows: 1_000_000, runs: 5, csvParseRuns: 1, only: ['read', 'scan', 'csv-parse'] };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1] ?? '';
    if (k === '--rows') (a.rows = Number(v)), i++;
    else if (k === '--runs') (a.runs = Number(v)), i++;
    else if (k === '--csv-parse-runs') (a.csvParseRuns = Number(v)), i++;
    else if (k === '--only') (a.only = v.split(',')), i++;
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

function ensureData(rows) {
  const dir = path.join(root, 'bench', 'data');
  const file = path.join(dir, `incidents-${rows}.csv`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    console.log(`generating ${path.relative(root, file)} (${rows} rows, seed 42) ...`);
    const tmp = file + '.tmp';
    const r = spawnSync(process.execPath, [path.join(root, 'bench/gen-incidents.mjs'), '--rows', String(rows), '--seed', '42', '--out', tmp], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('generator failed');
    fs.renameSync(tmp, file);
  }
  return file;
}

function ensureBuild() {
  const src = path.join(root, 'src/io/fast-scanner.ts');
  const out = path.join(root, 'dist/src/io/fast-scanner.js');
  if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(src).mtimeMs) {
    console.log('building dist/ (tsc -p tsconfig.build.json) ...');
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed');
  }
}

function runChild(mode, file) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${mode} failed:\n${r.stderr}`);
  return { wall, ...JSON.parse(r.stdout.trim().split('\n').pop()) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    const [, mode, file] = argv;
    if (mode === 'read') return childRead(file);
    if (mode === 'scan') return childScan(file);
    if (mode === 'csv-parse') return childCsvParse(file);
    throw new Error(`unknown mode ${mode}`);
  }
  const a = parseArgs(argv);
  const file = ensureData(a.rows);
  if (a.only.includes('scan')) ensureBuild();
  const size = fs.statSync(file).size;
  console.log(`file ${path.relative(root, file)}: ${(size / 1e6).toFixed(1)} MB, ${a.rows} rows; node ${process.version}; ${(await import('node:os')).cpus().length} CPUs`);
  const labels = {
    read: '(a) read bytes, 1 MiB chunks',
    scan: '(b) CsvScanner, project Date+Primary Type, count Jan-Sep 22/23',
    'csv-parse': '(c) csv-parse defaults, same job',
  };
  const results = {};
  for (const mode of a.only) {
    const runs = mode === 'csv-parse' ? a.csvParseRuns : a.runs;
    if (mode !== 'csv-parse') runChild(mode, file); // warm-up (page cache, compile cache)
    const rs = [];
    for (let i = 0; i < runs; i++) rs.push(runChild(mode, file));
    const wall = median(rs.map((r) => r.wall));
    const inner = median(rs.map((r) => r.ms / 1000));
    const rss = Math.max(...rs.map((r) => r.maxRssKiB)) / 1024;
    results[mode] = rs[0];
    console.log(
      `${labels[mode].padEnd(66)} wall ${wall.toFixed(3)} s (in-process ${inner.toFixed(3)} s, ${runs} run${runs > 1 ? 's' : ''}: ${rs.map((r) => r.wall.toFixed(2)).join(' ')})` +
        `  ${(a.rows / wall / 1e6).toFixed(2)} M rows/s  ${(size / wall / 1e6).toFixed(0)} MB/s  peak RSS ${rss.toFixed(0)} MiB`,
    );
  }
  if (results.scan) {
    const total = results.scan.counts.reduce((s, [, x, y]) => [s[0] + x, s[1] + y], [0, 0]);
    console.log(`scanner: ${results.scan.rows} data rows; Jan-Sep 2022 ${total[0]}, Jan-Sep 2023 ${total[1]}, ${results.scan.counts.length} offense types`);
    for (const [k, x, y] of results.scan.counts.slice().sort((p, q) => q[1] - p[1]).slice(0, 5)) {
      console.log(`  ${k.padEnd(24)} ${String(x).padStart(7)} ${String(y).padStart(7)} ${(((y - x) / x) * 100).toFixed(1).padStart(6)}%`);
    }
  }
  if (results.scan && results['csv-parse']) {
    const same = JSON.stringify(results.scan.counts) === JSON.stringify(results['csv-parse'].counts) && results.scan.rows === results['csv-parse'].rows;
    console.log(`scanner and csv-parse counts ${same ? 'agree' : 'DIFFER'}`);
    if (!same) process.exitCode = 1;
  }
}

await main();
