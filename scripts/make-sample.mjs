// Writes fixtures/sample-incidents.csv: the bundled sample that
// `crimedelta compare` reads when given no file. Deterministic: same bytes on
// every run. Synthetic incidents for a fictional city, Oct 2021 – Sep 2023,
// so that the default report is "Jan 1 – Sep 30 · 2023 vs 2022".
import { writeFileSync } from 'node:fs';

function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20230930);
function poisson(lambda) {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

// Offense: [yearly count in the first year, yearly count in the second year, summer peak]
const OFFENSES = {
  'Aggravated assault': [560, 470, 0.25],
  Robbery: [330, 310, 0.1],
  Homicide: [20, 12, 0.2],
  Burglary: [520, 455, 0.05],
  'Larceny-theft': [1150, 1190, 0.15],
  'Motor vehicle theft': [400, 492, 0.05],
  Arson: [18, 21, 0.3],
  Vandalism: [300, 288, 0.2],
};
const DISTRICTS = ['North', 'South', 'East', 'West', 'Central', 'Harbor'];
const DISTRICT_WEIGHTS = [0.18, 0.22, 0.15, 0.14, 0.2, 0.11];

const pad = (n, w = 2) => String(n).padStart(w, '0');
const start = Date.UTC(2021, 9, 1);
const end = Date.UTC(2023, 8, 30);
const rows = [];
let id = 210000;
for (let t = start; t <= end; t += 86400000) {
  const d = new Date(t);
  const dayOfYear = (t - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000;
  const season = Math.cos(((dayOfYear - 196) / 365) * 2 * Math.PI);
  const second = t >= Date.UTC(2022, 9, 1) ? 1 : 0;
  for (const [offense, [a, b, peak]] of Object.entries(OFFENSES)) {
    const yearly = second ? b : a;
    const n = poisson((yearly / 365) * (1 + peak * season));
    for (let i = 0; i < n; i++) {
      let r = rand();
      let k = 0;
      while (k < DISTRICTS.length - 1 && r > DISTRICT_WEIGHTS[k]) r -= DISTRICT_WEIGHTS[k++];
      const minute = Math.floor(rand() * 1440);
      const stamp = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:00`;
      rows.push([`CD${id++}`, stamp, offense, DISTRICTS[k]]);
    }
  }
}
const text = ['incident_id,occurred_at,offense,district', ...rows.map((r) => r.join(','))].join('\n') + '\n';
writeFileSync(new URL('../fixtures/sample-incidents.csv', import.meta.url), text);
console.log(`wrote ${rows.length} rows`);
