// Writes the fixtures for the `alerts` tests:
//   fixtures/alerts-steady.csv  three offenses in three districts, the same weekly
//                               count every week give or take a small fixed wobble,
//                               Mon 2022-08-29 to Sun 2023-10-01 (57 weeks)
//   fixtures/alerts-spike.csv   the same rows, except Robbery in North doubled in
//                               the last four weeks (2023-09-04 to 2023-10-01)
// No randomness and no Date: day numbers are counted from the first Monday and
// written with the project's civil-date arithmetic (run `npm run build` first).
// A week's n rows fall on day floor(i·7/n) of the week, i = 0…n−1.
// Run: node scripts/make-alerts-fixtures.mjs
import { writeFileSync } from 'node:fs';
import { dayFromCivil, formatDay } from '../dist/src/core/civil.js';

const FIRST = dayFromCivil(2022, 8, 29); // a Monday
const WEEKS = 57; // to Sunday 2023-10-01
const SPIKE_FROM = WEEKS - 4;

/** Weekly counts per offense and district. */
const RATES = {
  Theft: { North: 30, South: 24, East: 18 },
  Burglary: { North: 14, South: 12, East: 10 },
  Robbery: { North: 15, South: 8, East: 6 },
};
/** A fixed wobble around the weekly count, so that the weeks are not all alike. */
const WOBBLE = [0, 1, -1, 0, 2, -2, 1, -1];

function rows(spike) {
  const out = [];
  let g = 0;
  for (const [offense, districts] of Object.entries(RATES)) {
    for (const [district, rate] of Object.entries(districts)) {
      for (let w = 0; w < WEEKS; w++) {
        let n = rate + WOBBLE[(w + g) % WOBBLE.length];
        if (spike && offense === 'Robbery' && district === 'North' && w >= SPIKE_FROM) n *= 2;
        for (let i = 0; i < n; i++) out.push([formatDay(FIRST + 7 * w + Math.floor((i * 7) / n)), offense, district]);
      }
      g++;
    }
  }
  const key = (r) => r.join('|');
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

for (const [path, spike] of [
  ['fixtures/alerts-steady.csv', false],
  ['fixtures/alerts-spike.csv', true],
]) {
  const data = rows(spike);
  writeFileSync(path, [['date', 'offense', 'district'], ...data].map((r) => r.join(',')).join('\n') + '\n');
  console.log(`${path}: ${data.length} rows`);
}
