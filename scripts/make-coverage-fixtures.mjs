// Writes the fixtures of the coverage tests (run `npm run build` first):
// fixtures/stray-latest.csv: Jan 1 – Apr 30, 2023, 6 rows a day (3 offenses),
//   then one stray row dated Aug 15, 2023 (a typo'd month).
// fixtures/late-reports.csv: a report-month export: Jan 1 – Mar 31, 2024 with
//   10 rows a day, and 3 late reports of incidents that occurred on Jan 1,
//   Feb 14 and Mar 30, 2023.
// fixtures/gap-inside.csv: Jan 1, 2022 – Jun 30, 2023, 4 rows a day (3
//   offenses), then one row dated Nov 15, 2023: the months between are a gap.
// fixtures/sparse-month.csv: Jan 1 – Apr 30, 2023, 10 rows a day, but in
//   March one row every third day (a partial export of that month).
// fixtures/day-month-mixed.csv: one Theft row a day, 2022 written month-first
//   (MM/dd/yyyy), then Jan 1 – Mar 31, 2023 written day-first (dd/MM/yyyy):
//   two exports joined.
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

const gap = ['date,offense'];
for (let day = dayFromCivil(2022, 1, 1); day <= dayFromCivil(2023, 6, 30); day++) {
  for (let i = 0; i < 4; i++) gap.push(`${formatDay(day)},${OFFENSES[(day + i) % 3]}`);
}
gap.push(`${formatDay(dayFromCivil(2023, 11, 15))},Theft`);
writeFileSync(new URL('../fixtures/gap-inside.csv', import.meta.url), gap.join('\n') + '\n');

const sparse = ['date,offense'];
for (let day = dayFromCivil(2023, 1, 1); day <= dayFromCivil(2023, 4, 30); day++) {
  const march = day >= dayFromCivil(2023, 3, 1) && day <= dayFromCivil(2023, 3, 31);
  if (march && (day - dayFromCivil(2023, 3, 1)) % 3 !== 0) continue;
  for (let i = 0; i < (march ? 1 : 10); i++) sparse.push(`${formatDay(day)},${OFFENSES[(day + i) % 3]}`);
}
writeFileSync(new URL('../fixtures/sparse-month.csv', import.meta.url), sparse.join('\n') + '\n');

const mixed = ['date,offense'];
for (let day = dayFromCivil(2022, 1, 1); day <= dayFromCivil(2023, 3, 31); day++) {
  const [y, m, d] = formatDay(day).split('-');
  mixed.push(`${y === '2022' ? `${m}/${d}` : `${d}/${m}`}/${y},Theft`);
}
writeFileSync(new URL('../fixtures/day-month-mixed.csv', import.meta.url), mixed.join('\n') + '\n');
