// Writes the small deterministic fixtures used by the window/trend/compstat
// tests: fixtures/windows-daily.csv (daily dates, Dec 25 2017 – Jan 10 2021,
// spanning the 2020 leap day and ISO week 2020-W53) and
// fixtures/monthly-police-uk.csv (police.uk monthly layout, 2022-01 – 2023-12).
// Pure integer arithmetic on day numbers: no Date, no randomness.
import { writeFileSync } from 'node:fs';
import { dayFromCivil, formatDay } from '../dist/src/core/civil.js';

// The project's own civil-date arithmetic (run `npm run build` first).
const civil = formatDay;

const OFFENSES = ['Burglary', 'Robbery', 'Theft'];
const AREAS = ['North', 'South'];
const lines = ['incident_id,occurred_at,offense,district'];
let seq = 0;
for (let day = dayFromCivil(2017, 12, 25); day <= dayFromCivil(2021, 1, 10); day++) {
  const n = (((day * 7 + 3) % 4) + 4) % 4; // 0..3 rows a day
  for (let i = 0; i < n; i++) {
    const o = OFFENSES[(((day + i) % 3) + 3) % 3];
    const a = AREAS[(((day * 3 + i) % 2) + 2) % 2];
    lines.push(`W${String(++seq).padStart(5, '0')},${civil(day)},${o},${a}`);
  }
}
writeFileSync(new URL('../fixtures/windows-daily.csv', import.meta.url), lines.join('\n') + '\n');

const TYPES = ['Burglary', 'Vehicle crime'];
const uk = [
  'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context',
];
for (let y = 2022; y <= 2023; y++) {
  for (let m = 1; m <= 12; m++) {
    TYPES.forEach((t, k) => {
      const n = ((m * 5 + k * 3 + y) % 7) + 1;
      for (let i = 0; i < n; i++) {
        uk.push(`,${y}-${String(m).padStart(2, '0')},Test Police,Test Police,-0.1,51.5,On or near Test Street,E01000001,Test 001A,${t},,`);
      }
    });
  }
}
writeFileSync(new URL('../fixtures/monthly-police-uk.csv', import.meta.url), uk.join('\n') + '\n');
