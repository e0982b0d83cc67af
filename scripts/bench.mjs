#!/usr/bin/env node
// `npm run bench`: the issue-6 job on generated Chicago-schema data, crimedelta
// against DuckDB side by side.
//
//   node scripts/bench.mjs [--sizes 100k,1m,5m] [--runs 3] [--only crimedelta,duckdb]
//
// - Generates bench/data/incidents-<size>.csv (gitignored) with
//   bench/gen-incidents.mjs --seed 42 when missing (deterministic bytes).
// - The job: compare FILE --date-col Date --offense-col "Primary Type"
//   --years 2022,2023 --span jan-sep (JSON output).
// - Each run is a child process; after one warm-up of each program, the
//   programs alternate run by run. Reported: median whole-process wall time,
//   rows/s, MB/s, peak RSS (the child's maxRSS) and the wall-time ratio
//   crimedelta / DuckDB, plus a check that both give the same counts.
// - DuckDB runs only when @duckdb/node-api can be imported; it is not a
//   dependency: `npm install --no-save @duckdb/node-api` to compare.
// Benchmarks are not tests: nothing here asserts a time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = { '100k': 100_000, '1m': 1_000_000, '5m': 5_000_000 };
const JOB = ['--date-col', 'Date', '--offense-col', 'Primary Type', '--years', '2022,2023', '--span', 'jan-sep'];
/** Preloaded into every child: reports its peak RSS (KiB) on stderr at exit. */
const RSS_HOOK = 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nBENCH_RSS "+process.resourceUsage().maxRSS+"\\n"))';

// ---------------------------------------------------------------------------
// DuckDB child: the same counts with SQL.

async function childDuckdb(file) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const lit = `'${file.replaceAll("'", "''")}'`;
  const sql = `
    WITH t AS (
      SELECT "Primary Type" AS offense, CAST(strptime("Date", '%m/%d/%Y %I:%M:%S %p') AS DATE) AS d
      FROM read_csv(${lit}, header = true, types = {'Date': 'VARCHAR', 'Primary Type': 'VARCHAR'})
    )
    SELECT offense,
      count(*) FILTER (WHERE d BETWEEN DATE '2022-01-01' AND DATE '2022-09-30')::INTEGER AS a,
      count(*) FILTER (WHERE d BETWEEN DATE '2023-01-01' AND DATE '2023-09-30')::INTEGER AS b
    FROM t GROUP BY offense`;
  const reader = await con.runAndReadAll(sql);
  const counts = reader.getRows().map(([o, a, b]) => [String(o), Number(a), Number(b)]);
  process.stdout.write(JSON.stringify({ counts }) + '\n');
}

// ---------------------------------------------------------------------------
// Parent

function parseArgs(argv) {
  const a = { sizes: ['100k', '1m', '5m'], runs: 3, only: ['crimedelta', 'duckdb'] };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1] ?? '';
    if (k === '--sizes') (a.sizes = v.split(',')), i++;
    else if (k === '--runs') (a.runs = Number(v)), i++;
    else if (k === '--only') (a.only = v.split(',')), i++;
    else throw new Error(`unknown argument ${k}`);
  }
  for (const s of a.sizes) if (!(s in SIZES)) throw new Error(`unknown size ${s} (one of ${Object.keys(SIZES).join(', ')})`);
  return a;
}

function ensureData(size) {
  const dir = path.join(root, 'bench', 'data');
  const file = path.join(dir, `incidents-${size}.csv`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    console.log(`generating ${path.relative(root, file)} (${SIZES[size]} rows, seed 42) ...`);
    const tmp = file + '.tmp';
    const r = spawnSync(process.execPath, [path.join(root, 'bench/gen-incidents.mjs'), '--rows', String(SIZES[size]), '--seed', '42', '--out', tmp], {
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error('generator failed');
    fs.renameSync(tmp, file);
  }
  return file;
}

function ensureBuild() {
  const cli = path.join(root, 'dist/bin/crimedelta.js');
  if (!fs.existsSync(cli)) {
    console.log('building dist/ ...');
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed');
  }
}

function runChild(program, file) {
  const args =
    program === 'crimedelta'
      ? [path.join(root, 'dist/bin/crimedelta.js'), 'compare', file, ...JOB, '--format', 'json', '--quiet']
      : [fileURLToPath(import.meta.url), '--child', 'duckdb', file];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', RSS_HOOK, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /BENCH_RSS (\d+)/.exec(r.stderr);
  if (r.status !== 0) throw new Error(`${program} failed:\n${r.stderr}`);
  const out = JSON.parse(r.stdout);
  const counts =
    program === 'crimedelta' ? out.rows.map((row) => [row.key.offense, row.counts[0], row.counts[1]]) : out.counts;
  return { wall, rssKiB: m ? Number(m[1]) : NaN, counts: counts.filter((c) => c[1] + c[2] > 0).sort((x, y) => (x[0] < y[0] ? -1 : 1)) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function duckdbAvailable() {
  try {
    await import('@duckdb/node-api');
    return true;
  } catch {
    return false;
  }
}

function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} CPUs (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    if (argv[1] === 'duckdb') return childDuckdb(argv[2]);
    throw new Error(`unknown child ${argv[1]}`);
  }
  const a = parseArgs(argv);
  ensureBuild();
  let programs = a.only;
  if (programs.includes('duckdb') && !(await duckdbAvailable())) {
    console.log('DuckDB not installed: measuring crimedelta alone. To compare, run `npm install --no-save @duckdb/node-api` and run again.');
    programs = programs.filter((p) => p !== 'duckdb');
  }
  console.log(`machine: ${machine()}`);
  console.log(`load average before: ${loadavg()}`);
  console.log(`job: compare FILE ${JOB.map((x) => (x.includes(' ') ? `"${x}"` : x)).join(' ')}; ${a.runs} alternating runs after a warm-up, median\n`);
  const lines = ['| rows | program | median s | runs (s) | rows/s | MB/s | peak RSS MiB | ratio vs DuckDB | counts |', '| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | --- |'];
  let allEqual = true;
  for (const size of a.sizes) {
    const file = ensureData(size);
    const bytes = fs.statSync(file).size;
    const rows = SIZES[size];
    const res = Object.fromEntries(programs.map((p) => [p, []]));
    for (const p of programs) runChild(p, file); // warm-up
    for (let i = 0; i < a.runs; i++) for (const p of i % 2 ? [...programs].reverse() : programs) res[p].push(runChild(p, file));
    const med = Object.fromEntries(programs.map((p) => [p, median(res[p].map((r) => r.wall))]));
    let same = 'n/a';
    if (res.crimedelta && res.duckdb) {
      const eq = JSON.stringify(res.crimedelta[0].counts) === JSON.stringify(res.duckdb[0].counts);
      allEqual &&= eq;
      same = eq ? 'equal' : 'DIFFERENT';
    }
    for (const p of programs) {
      const rss = Math.max(...res[p].map((r) => r.rssKiB)) / 1024;
      const ratio = p === 'crimedelta' && med.duckdb ? (med.crimedelta / med.duckdb).toFixed(2) : '';
      lines.push(
        `| ${size} | ${p} | ${med[p].toFixed(3)} | ${res[p].map((r) => r.wall.toFixed(2)).join(' ')} | ${((rows / med[p]) / 1e6).toFixed(2)} M | ${(bytes / 1e6 / med[p]).toFixed(0)} | ${rss.toFixed(0)} | ${ratio} | ${same} |`,
      );
    }
    console.log(lines[lines.length - programs.length]);
    if (programs.length > 1) console.log(lines[lines.length - 1]);
  }
  console.log(`\nload average after: ${loadavg()}\n`);
  console.log(lines.join('\n'));
  if (!allEqual) {
    console.log('\nCOUNTS DIFFER between crimedelta and DuckDB');
    process.exitCode = 1;
  }
}

await main();
