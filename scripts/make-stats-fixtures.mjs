// Writes the deterministic fixtures for the statistics tests:
//   fixtures/stats-counts.csv    counts chosen for `compare --stats` (checked against SciPy)
//   fixtures/wdd-paper.csv       the counts of Wheeler & Ratcliffe (2018), for `evaluate`
//   fixtures/wdd-time-weights.csv the time-weighted WDD example (before twice as long as after)
// Each block of n incidents is spread over its window's days by integer
// arithmetic (the i-th of n, from 0, falls on day start + floor(i·(end − start)/(n − 1))): no Date in
// the output path, no randomness. Run: node scripts/make-stats-fixtures.mjs
import { writeFileSync } from 'node:fs';
import { dayFromCivil, formatDay } from '../dist/src/core/civil.js';

// The project's own civil-date arithmetic (run `npm run build` first).
const civil = formatDay;
const iso = (s) => dayFromCivil(...s.split('-').map(Number));

/** n rows spread over [start, end] (inclusive ISO dates), the first on start and the last on end. */
function block(rows, start, end, n, fields) {
  const a = iso(start);
  const span = iso(end) - a;
  for (let i = 0; i < n; i++) rows.push([civil(a + (n === 1 ? 0 : Math.floor((i * span) / (n - 1)))), ...fields]);
}

function write(path, header, rows) {
  rows.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  writeFileSync(path, [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
  console.log(`${path}: ${rows.length} rows`);
}

// compare --stats: Jan–Sep 2022, 2023, 2024 (273, 273, 274 days) and Oct vs Nov 2024 (31 vs 30 days).
{
  const rows = [];
  const jansep = (y) => [`${y}-01-01`, `${y}-09-30`];
  const counts = {
    Homicide: [40, 24, 30],
    Robbery: [5, 3, 0],
    Arson: [2, 0, 0],
    Theft: [2000, 1500, 1400],
  };
  for (const [offense, ns] of Object.entries(counts)) {
    ns.forEach((n, i) => block(rows, ...jansep(2022 + i), n, [offense, 'Central']));
  }
  block(rows, '2024-10-01', '2024-10-31', 143, ['Assault', 'North']);
  block(rows, '2024-11-01', '2024-11-30', 115, ['Assault', 'North']);
  block(rows, '2024-10-01', '2024-10-31', 8, ['Robbery', 'North']);
  block(rows, '2024-11-01', '2024-11-30', 12, ['Robbery', 'North']);
  write('fixtures/stats-counts.csv', ['date', 'offense', 'district'], rows);
}

// WDD, Wheeler & Ratcliffe (2018): control 308→318, treated 207→110,
// displacement-control 150→140, displacement 178→157 (Burglary), split over
// two beats where a set has two; Theft rows in every beat that --offense Burglary drops.
{
  const rows = [];
  const before = ['2017-01-01', '2017-12-31'];
  const after = ['2018-01-01', '2018-12-31'];
  const areas = {
    'Beat 11': [120, 60], // target
    'Beat 12': [87, 50], // target: 207 → 110
    'Beat 21': [150, 160], // control
    'Beat 22': [158, 158], // control: 308 → 318
    'Beat 13': [178, 157], // displacement
    'Beat 23': [150, 140], // displacement control
  };
  for (const [beat, [b, a]] of Object.entries(areas)) {
    block(rows, ...before, b, ['Burglary', beat]);
    block(rows, ...after, a, ['Burglary', beat]);
    block(rows, ...before, 25, ['Theft', beat]);
    block(rows, ...after, 30, ['Theft', beat]);
  }
  write('fixtures/wdd-paper.csv', ['date', 'offense', 'beat'], rows);
}

// Time-weighted WDD (andrewpwheeler.com 2021-01-09): control 100→50, target 80→20,
// before (2021–2022, 730 days) twice as long as after (2023, 365 days).
{
  const rows = [];
  block(rows, '2021-01-01', '2022-12-31', 100, ['Burglary', 'Control']);
  block(rows, '2023-01-01', '2023-12-31', 50, ['Burglary', 'Control']);
  block(rows, '2021-01-01', '2022-12-31', 80, ['Burglary', 'Target']);
  block(rows, '2023-01-01', '2023-12-31', 20, ['Burglary', 'Target']);
  write('fixtures/wdd-time-weights.csv', ['date', 'offense', 'area'], rows);
}
