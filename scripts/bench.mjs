#!/usr/bin/env node
// `npm run bench`: the issue-6 job on generated Chicago-schema data, crimedelta
// against DuckDB side by side.
//
//   node scripts/bench.mjs [--sizes 100k,1m,5m] [--runs 3] [--only crimedelta,duckdb] [--guard on|off|only]
//
// - Generates bench/data/incidents-<size>.csv (gitignored) with
//   bench/gen-incidents.mjs --seed 42 when missing (deterministic bytes).
// - The job: compare FILE --date-col Date --offense-col "Primary Type"
//   --years 2022,2023 --span jan-sep (JSON output).
// - Each run is a child process; after one warm-up of each program, the
//   programs alternate run by run. Reported: median whole-process wall time,
//   rows/s, MB/s, peak RSS (the child's maxRSS) and the wall-time ratio
//   crimedelta / DuckDB, plus a check that both give the same counts.
// - report: `crimedelta report` with five sections on the same file (the
//   compare job, by District, the last 28 days vs a year earlier, CompStat,
//   a monthly trend), read once; its ratio is against the single compare.
// - DuckDB runs only when @duckdb/node-api can be imported; it is not a
//   dependency: `npm install --no-save @duckdb/node-api` to compare.
// - The long-record guard (--guard, on by default): a file holding one 24 MB
//   quoted field, and a 60 MB file with a quote never closed on line 3, each
//   against an ordinary file of the same size (bench/data/guard-*.csv,
//   generated when missing), alternating, median of --runs. Each must take
//   at most 4 times as long; the ratios are printed, FAIL when over (and the
//   exit code is 1). A record re-scanned for every chunk made these 10 to 30
//   times slower.
// Benchmarks are not tests: the test suite asserts no time.
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
  const a = { sizes: ['100k', '1m', '5m'], runs: 3, only: ['crimedelta', 'report', 'duckdb'], guard: 'on' };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1] ?? '';
    if (k === '--sizes') ((a.sizes = v.split(',')), i++);
    else if (k === '--runs') ((a.runs = Number(v)), i++);
    else if (k === '--only') ((a.only = v.split(',')), i++);
    else if (k === '--guard') ((a.guard = v), i++);
    else throw new Error(`unknown argument ${k}`);
  }
  for (const s of a.sizes) if (!(s in SIZES)) throw new Error(`unknown size ${s} (one of ${Object.keys(SIZES).join(', ')})`);
  if (!['on', 'off', 'only'].includes(a.guard)) throw new Error(`--guard ${a.guard}: on, off or only`);
  return a;
}

function ensureData(size) {
  const dir = path.join(root, 'bench', 'data');
  const file = path.join(dir, `incidents-${size}.csv`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    console.log(`generating ${path.relative(root, file)} (${SIZES[size]} rows, seed 42) ...`);
    const tmp = file + '.tmp';
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'bench/gen-incidents.mjs'), '--rows', String(SIZES[size]), '--seed', '42', '--out', tmp],
      {
        stdio: 'inherit',
      },
    );
    if (r.status !== 0) throw new Error('generator failed');
    fs.renameSync(tmp, file);
  }
  return file;
}

function ensureBuild() {
  const cli = path.join(root, 'dist/bin/crimedelta.js');
  if (!fs.existsSync(cli)) {
    console.log('building dist/ ...');
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')],
      { stdio: 'inherit' },
    );
    if (r.status !== 0) throw new Error('build failed');
  }
}

/**
 * The report job: five sections on the same file (the compare job, the same
 * windows by District, the last 28 days against a year earlier, the CompStat
 * sheet, a monthly trend), read once; written to bench/data beside the file.
 */
function reportDefinition(file) {
  const def = file.replace(/\.csv$/, '-report.yaml');
  const text = [
    'title: bench',
    'input:',
    `  files: [${JSON.stringify(path.basename(file))}]`,
    '  date-col: Date',
    '  offense-col: Primary Type',
    '  area-col: District',
    'as-of: "2023-09-30"',
    'sections:',
    '  - compare: {years: "2022,2023", span: jan-sep}',
    '  - compare: {years: "2022,2023", span: jan-sep, by: area}',
    '  - compare: {last: 28d, vs: year}',
    '  - compstat: {}',
    '  - trend: {every: month, years: "2022..2023"}',
    '',
  ].join('\n');
  if (!fs.existsSync(def) || fs.readFileSync(def, 'utf8') !== text) fs.writeFileSync(def, text);
  return def;
}

function runChild(program, file) {
  const cli = path.join(root, 'dist/bin/crimedelta.js');
  const args =
    program === 'crimedelta'
      ? [cli, 'compare', file, ...JOB, '--format', 'json', '--quiet']
      : program === 'report'
        ? [cli, 'report', reportDefinition(file), '--format', 'json', '-o', '-', '--quiet']
        : [fileURLToPath(import.meta.url), '--child', 'duckdb', file];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', RSS_HOOK, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /BENCH_RSS (\d+)/.exec(r.stderr);
  if (r.status !== 0) throw new Error(`${program} failed:\n${r.stderr}`);
  // The report's first section is the compare job: its counts are checked like the others'.
  const out = program === 'report' ? JSON.parse(r.stdout).sections[0].report : JSON.parse(r.stdout);
  const counts = program !== 'duckdb' ? out.rows.map((row) => [row.key.offense, row.counts[0], row.counts[1]]) : out.counts;
  return { wall, rssKiB: m ? Number(m[1]) : NaN, counts: counts.filter((c) => c[1] + c[2] > 0).sort((x, y) => (x[0] < y[0] ? -1 : 1)) };
}

// ---------------------------------------------------------------------------
// Long-record guard

/** At most this many times the time of an ordinary file of the same size. */
const GUARD_MAX_RATIO = 4;
const GUARD_HEADER = 'Date,Offense,Notes\n';
const GUARD_ROW = (i) =>
  `2023-01-${String(1 + (i % 28)).padStart(2, '0')},${['Theft', 'Burglary', 'Assault'][i % 3]},note ${i} on the incident\n`;

/** Writes `parts()` (strings, in order) to bench/data/NAME when missing; returns the path. */
function guardFile(name, parts) {
  const file = path.join(root, 'bench', 'data', name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    console.log(`generating ${path.relative(root, file)} ...`);
    const fd = fs.openSync(file + '.tmp', 'w');
    for (const part of parts()) fs.writeSync(fd, part);
    fs.closeSync(fd);
    fs.renameSync(file + '.tmp', file);
  }
  return file;
}

/** Ordinary rows from row `from` on, in blocks, until `bytes` are written. */
function* guardRows(bytes, from = 0) {
  let n = 0;
  for (let i = from; n < bytes;) {
    let block = '';
    while (block.length < 1 << 20 && n + block.length < bytes) block += GUARD_ROW(i++);
    n += block.length;
    yield block;
  }
}

/** The guard's pairs: a file with a long record, and an ordinary file of the same size. */
function guardPairs() {
  const MB = 1e6;
  const line = 'x'.repeat(99) + '\n';
  const field = guardFile('guard-field-24mb.csv', function* () {
    yield GUARD_HEADER + GUARD_ROW(0) + '2023-01-05,Theft,"';
    for (let n = 0; n < 24 * MB; n += 100 * 10_000) yield line.repeat(10_000);
    yield '"\n' + GUARD_ROW(1);
  });
  const stray = guardFile('guard-stray-60mb.csv', function* () {
    yield GUARD_HEADER + GUARD_ROW(0) + '2023-01-05,"Theft,open\n';
    yield* guardRows(60 * MB, 1);
  });
  const normal = (bytes, name) =>
    guardFile(name, function* () {
      yield GUARD_HEADER;
      yield* guardRows(bytes - GUARD_HEADER.length);
    });
  return [
    { label: 'one 24 MB quoted field', file: field, code: 0, normal: normal(fs.statSync(field).size, 'guard-normal-24mb.csv') },
    {
      label: '60 MB, a quote never closed on line 3',
      file: stray,
      code: 1,
      normal: normal(fs.statSync(stray).size, 'guard-normal-60mb.csv'),
    },
  ];
}

function runGuard(file, code) {
  const args = [
    path.join(root, 'dist/bin/crimedelta.js'),
    'compare',
    file,
    '--date-col',
    'Date',
    '--offense-col',
    'Offense',
    '--format',
    'json',
    '--quiet',
  ];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== code) throw new Error(`${path.basename(file)}: exit ${r.status}, expected ${code}:\n${r.stderr}`);
  return wall;
}

/** Runs the guard; returns whether every ratio is within the bound. */
function guard(runs) {
  const pairs = guardPairs();
  console.log(
    `\nlong-record guard: each file at most ${GUARD_MAX_RATIO}× an ordinary file of the same size; ${runs} alternating runs after a warm-up, median\n`,
  );
  const lines = ['| file | MB | median s | ordinary file s | ratio | result |', '| --- | ---: | ---: | ---: | ---: | --- |'];
  let ok = true;
  for (const p of pairs) {
    runGuard(p.file, p.code);
    runGuard(p.normal, 0);
    const hostile = [];
    const normal = [];
    for (let i = 0; i < runs; i++) {
      if (i % 2) {
        normal.push(runGuard(p.normal, 0));
        hostile.push(runGuard(p.file, p.code));
      } else {
        hostile.push(runGuard(p.file, p.code));
        normal.push(runGuard(p.normal, 0));
      }
    }
    const ratio = median(hostile) / median(normal);
    const pass = ratio <= GUARD_MAX_RATIO;
    ok &&= pass;
    lines.push(
      `| ${p.label} | ${(fs.statSync(p.file).size / 1e6).toFixed(1)} | ${median(hostile).toFixed(3)} | ${median(normal).toFixed(3)} | ${ratio.toFixed(2)} | ${pass ? 'ok' : 'FAIL'} |`,
    );
    console.log(lines[lines.length - 1]);
  }
  console.log('\n' + lines.join('\n'));
  return ok;
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

const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    if (argv[1] === 'duckdb') return childDuckdb(argv[2]);
    throw new Error(`unknown child ${argv[1]}`);
  }
  const a = parseArgs(argv);
  ensureBuild();
  if (a.guard === 'only') {
    if (!guard(a.runs)) process.exitCode = 1;
    return;
  }
  let programs = a.only;
  if (programs.includes('duckdb') && !(await duckdbAvailable())) {
    console.log(
      'DuckDB not installed: measuring crimedelta alone. To compare, run `npm install --no-save @duckdb/node-api` and run again.',
    );
    programs = programs.filter((p) => p !== 'duckdb');
  }
  console.log(`machine: ${machine()}`);
  console.log(`load average before: ${loadavg()}`);
  console.log(
    `job: compare FILE ${JOB.map((x) => (x.includes(' ') ? `"${x}"` : x)).join(' ')}; ${a.runs} alternating runs after a warm-up, median\n`,
  );
  const lines = [
    '| rows | program | median s | runs (s) | rows/s | MB/s | peak RSS MiB | ratio vs DuckDB | counts |',
    '| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | --- |',
  ];
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
    if (res.crimedelta && res.report && JSON.stringify(res.crimedelta[0].counts) !== JSON.stringify(res.report[0].counts)) {
      allEqual = false;
      same = 'REPORT DIFFERS';
    }
    if (res.crimedelta && res.duckdb) {
      const eq = JSON.stringify(res.crimedelta[0].counts) === JSON.stringify(res.duckdb[0].counts);
      allEqual &&= eq;
      same = eq ? 'equal' : 'DIFFERENT';
    }
    for (const p of programs) {
      const rss = Math.max(...res[p].map((r) => r.rssKiB)) / 1024;
      const ratio =
        p === 'crimedelta' && med.duckdb
          ? (med.crimedelta / med.duckdb).toFixed(2)
          : p === 'report' && med.crimedelta
            ? `${(med.report / med.crimedelta).toFixed(2)} vs compare`
            : '';
      lines.push(
        `| ${size} | ${p} | ${med[p].toFixed(3)} | ${res[p].map((r) => r.wall.toFixed(2)).join(' ')} | ${(rows / med[p] / 1e6).toFixed(2)} M | ${(bytes / 1e6 / med[p]).toFixed(0)} | ${rss.toFixed(0)} | ${ratio} | ${same} |`,
      );
    }
    for (const l of lines.slice(-programs.length)) console.log(l);
  }
  console.log(`\nload average after: ${loadavg()}\n`);
  console.log(lines.join('\n'));
  if (!allEqual) {
    console.log('\nCOUNTS DIFFER between crimedelta and DuckDB');
    process.exitCode = 1;
  }
  if (a.guard === 'on' && !guard(a.runs)) {
    console.log(`\nLONG-RECORD GUARD FAILED: a long record costs more than ${GUARD_MAX_RATIO}× an ordinary file`);
    process.exitCode = 1;
  }
}

await main();
