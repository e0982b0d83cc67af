// Writes the fixtures of the coverage tests (run `npm run build` first):
// fixtures/stray-latest.csv: Jan 1 – Apr 30, 2023, 6 rows a day (3 offenses),
//   then one stray row dated Aug 15, 2023 (a typo'd month).
// fixtures/late-reports.csv: a report-month export: Jan 1 – Mar 31, 2024 with
//   10 rows a day, and 3 late reports of incidents that occurred on Jan 1,
//   Feb 14 and Mar 30, 2023.
// Pure integer arithmetic on day numbers: no Date, no randomness.
import { writeFileSync } from 'node:fs';
import { dayFromCivil, formatDay } from '../dist/src/core/civil.js';

const OFFENSES = ['Burglary', 'Robbery', 'Theft'];

const stray = ['date,offense'];
for (let day = dayFromCivil(2023, 1, 1); day <= dayFromCivil(2023, 4, 30); day++) {
  for (let i = 0; i < 6; i++) stray.push(`${formatDay(day)},${OFFENSES[i % 3]}`);
}
stray.push(`${formatDay(dayFromCivil(2023, 8, 15))},Theft`);
writeFileSync(new URL('../fixtures/stray-latest.csv', import.meta.url), stray.join('\n') + '\n');

const late = ['occurred,offense'];
for (const [m, d] of [
  [1, 1],
  [2, 14],
  [3, 30],
])
  late.push(`${formatDay(dayFromCivil(2023, m, d))},Theft`);
for (let day = dayFromCivil(2024, 1, 1); day <= dayFromCivil(2024, 3, 31); day++) {
  for (let i = 0; i < 10; i++) late.push(`${formatDay(day)},${OFFENSES[(day + i) % 3]}`);
}
writeFileSync(new URL('../fixtures/late-reports.csv', import.meta.url), late.join('\n') + '\n');
