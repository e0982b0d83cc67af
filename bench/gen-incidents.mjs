#!/usr/bin/env node
// Deterministic generator of Chicago-like police incident CSVs (synthetic data).
//
//   node bench/gen-incidents.mjs --rows 1000000 --seed 42 --out bench/data/incidents-1m.csv
//
// ESM port of shared/bench/gen-incidents.js: same PRNG, same tables, same
// arguments, byte-identical output for the same --rows and --seed (the test
// test/unit/io/gen-incidents.test.ts checks a digest).
//
// Same --rows and --seed => byte-identical output (own PRNG, no Math.random, no clock).
// Columns follow the City of Chicago "Crimes - 2001 to Present" export:
//   ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,
//   Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Year,
//   Updated On,Latitude,Longitude,Location
// Dates "MM/DD/YYYY hh:mm:ss AM|PM" between 2019-01-01 and 2024-12-31, rows NOT sorted by date.
// Quoting: Block and Location are always quoted; Description / Location Description are quoted
// only when they contain a comma (as a standard CSV writer would). ~1.5% rows lack coordinates.
import fs from 'node:fs';

function parseArgs(argv) {
  const a = { rows: 1000000, seed: 42, out: '-' };
  for (let i = 2; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--rows') {
      a.rows = Number(v);
      i++;
    } else if (k === '--seed') {
      a.seed = Number(v);
      i++;
    } else if (k === '--out') {
      a.out = v;
      i++;
    } else if (k === '-h' || k === '--help') {
      console.log('usage: gen-incidents.mjs [--rows N] [--seed S] [--out FILE|-]');
      process.exit(0);
    } else {
      console.error('unknown argument ' + k);
      process.exit(2);
    }
  }
  if (!Number.isInteger(a.rows) || a.rows < 0) {
    console.error('bad --rows');
    process.exit(2);
  }
  return a;
}

// sfc32 PRNG seeded through splitmix32: deterministic across platforms.
function makeRng(seed) {
  let s = seed >>> 0;
  function splitmix() {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }
  let a = splitmix(),
    b = splitmix(),
    c = splitmix(),
    d = splitmix();
  function next() {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  }
  for (let i = 0; i < 16; i++) next();
  return next;
}

// Weighted choice via cumulative table + binary search.
function makeChooser(weights) {
  const cum = new Float64Array(weights.length);
  let t = 0;
  for (let i = 0; i < weights.length; i++) {
    t += weights[i];
    cum[i] = t;
  }
  for (let i = 0; i < cum.length; i++) cum[i] /= t;
  return (u) => {
    let lo = 0,
      hi = cum.length - 1;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (u < cum[m]) hi = m;
      else lo = m + 1;
    }
    return lo;
  };
}

// Primary types: [name, base share (%), per-year multipliers 2019..2024, FBI code, [IUCR, description, weight]...]
const TYPES = [
  [
    'THEFT',
    22.0,
    [1.0, 0.75, 0.78, 1.05, 1.12, 1.1],
    '06',
    [
      ['0820', '$500 AND UNDER', 40],
      ['0810', 'OVER $500', 25],
      ['0860', 'RETAIL THEFT', 20],
      ['0890', 'FROM BUILDING', 10],
      ['0870', 'POCKET-PICKING', 3],
      ['0880', 'PURSE-SNATCHING', 2],
    ],
  ],
  [
    'BATTERY',
    19.0,
    [1.0, 0.85, 0.85, 0.88, 0.9, 0.92],
    '08B',
    [
      ['0486', 'DOMESTIC BATTERY SIMPLE', 45],
      ['0460', 'SIMPLE', 35],
      ['041A', 'AGGRAVATED - HANDGUN', 6],
      ['0479', 'AGGRAVATED - OTHER DANGEROUS WEAPON', 7],
      ['0497', 'AGGRAVATED DOMESTIC BATTERY - OTHER DANGEROUS WEAPON', 7],
    ],
  ],
  [
    'CRIMINAL DAMAGE',
    10.5,
    [1.0, 0.95, 0.98, 1.03, 1.0, 0.97],
    '14',
    [
      ['1320', 'TO VEHICLE', 45],
      ['1310', 'TO PROPERTY', 45],
      ['1340', 'TO STATE SUP PROP', 5],
      ['1345', 'TO CITY OF CHICAGO PROPERTY', 5],
    ],
  ],
  [
    'ASSAULT',
    7.8,
    [1.0, 0.9, 0.97, 1.0, 1.02, 1.05],
    '08A',
    [
      ['0560', 'SIMPLE', 65],
      ['051A', 'AGGRAVATED - HANDGUN', 15],
      ['051B', 'AGGRAVATED - OTHER FIREARM', 3],
      ['0545', 'PRO EMPLOYEE', 5],
      ['0554', 'AGGRAVATED - OTHER DANGEROUS WEAPON', 12],
    ],
  ],
  [
    'DECEPTIVE PRACTICE',
    6.5,
    [1.0, 1.05, 1.2, 1.1, 1.05, 1.0],
    '11',
    [
      ['1153', 'FINANCIAL IDENTITY THEFT OVER $ 300', 35],
      ['1150', 'CREDIT CARD FRAUD', 20],
      ['1154', 'FINANCIAL IDENTITY THEFT $300 AND UNDER', 15],
      ['1120', 'FORGERY', 10],
      ['1130', 'FRAUD OR CONFIDENCE GAME', 15],
      ['1170', 'IMPERSONATION', 5],
    ],
  ],
  [
    'OTHER OFFENSE',
    6.2,
    [1.0, 1.0, 1.05, 0.95, 0.93, 0.95],
    '26',
    [
      ['2826', 'HARASSMENT BY ELECTRONIC MEANS', 30],
      ['2825', 'HARASSMENT BY TELEPHONE', 25],
      ['4387', 'VIOLATE ORDER OF PROTECTION', 25],
      ['2820', 'TELEPHONE THREAT', 10],
      ['5007', 'OTHER WEAPONS VIOLATION', 10],
    ],
  ],
  [
    'NARCOTICS',
    5.5,
    [1.0, 0.6, 0.4, 0.32, 0.36, 0.38],
    '18',
    [
      ['2027', 'POSSESS - CRACK', 20],
      ['2024', 'POSS: HEROIN(WHITE)', 25],
      ['1811', 'POSS: CANNABIS 30GMS OR LESS', 25],
      ['2022', 'POSS: COCAINE', 15],
      ['2170', 'POSSESSION OF DRUG EQUIPMENT', 15],
    ],
  ],
  [
    'BURGLARY',
    3.6,
    [1.0, 0.9, 0.8, 0.85, 0.9, 0.88],
    '05',
    [
      ['0610', 'FORCIBLE ENTRY', 55],
      ['0620', 'UNLAWFUL ENTRY', 40],
      ['0630', 'ATTEMPT FORCIBLE ENTRY', 5],
    ],
  ],
  [
    'MOTOR VEHICLE THEFT',
    3.8,
    [1.0, 1.1, 1.2, 1.75, 2.45, 1.85],
    '07',
    [
      ['0910', 'AUTOMOBILE', 80],
      ['0920', 'TRUCK, BUS, MOTOR HOME', 8],
      ['0930', 'CYCLE, SCOOTER, BIKE WITH VIN', 7],
      ['0917', 'CYCLE, SCOOTER, BIKE NO VIN', 5],
    ],
  ],
  [
    'ROBBERY',
    3.0,
    [1.0, 0.95, 0.85, 1.1, 1.3, 1.1],
    '03',
    [
      ['031A', 'ARMED - HANDGUN', 45],
      ['0320', 'STRONG ARM - NO WEAPON', 40],
      ['0325', 'VEHICULAR HIJACKING', 8],
      ['0326', 'AGGRAVATED VEHICULAR HIJACKING', 7],
    ],
  ],
  [
    'WEAPONS VIOLATION',
    2.6,
    [1.0, 1.25, 1.45, 1.35, 1.3, 1.2],
    '15',
    [
      ['143A', 'UNLAWFUL POSSESSION - HANDGUN', 50],
      ['141A', 'UNLAWFUL USE - HANDGUN', 35],
      ['142A', 'RECKLESS FIREARM DISCHARGE', 15],
    ],
  ],
  [
    'CRIMINAL TRESPASS',
    2.4,
    [1.0, 0.8, 0.75, 0.85, 0.9, 0.95],
    '26',
    [
      ['1330', 'TO LAND', 70],
      ['1335', 'TO RESIDENCE', 30],
    ],
  ],
  [
    'OFFENSE INVOLVING CHILDREN',
    0.9,
    [1.0, 0.95, 1.0, 1.05, 1.0, 1.0],
    '20',
    [
      ['1750', 'CHILD ABUSE', 50],
      ['1780', 'OTHER OFFENSE', 50],
    ],
  ],
  [
    'CRIMINAL SEXUAL ASSAULT',
    0.7,
    [1.0, 0.9, 1.0, 1.05, 1.05, 1.0],
    '02',
    [
      ['0261', 'AGGRAVATED - HANDGUN', 10],
      ['0266', 'PREDATORY', 20],
      ['0281', 'NON-AGGRAVATED', 70],
    ],
  ],
  [
    'SEX OFFENSE',
    0.55,
    [1.0, 0.85, 0.9, 0.95, 0.92, 0.9],
    '17',
    [
      ['1563', 'AGGRAVATED CRIMINAL SEXUAL ABUSE', 40],
      ['1585', 'OTHER', 60],
    ],
  ],
  [
    'PUBLIC PEACE VIOLATION',
    0.45,
    [1.0, 0.85, 0.7, 0.7, 0.75, 0.8],
    '24',
    [
      ['2890', 'RECKLESS CONDUCT', 85],
      ['2850', 'BOMB THREAT', 15],
    ],
  ],
  [
    'INTERFERENCE WITH PUBLIC OFFICER',
    0.4,
    [1.0, 0.8, 0.6, 0.55, 0.6, 0.65],
    '24',
    [
      ['3730', 'RESIST / OBSTRUCT / DISARM OFFICER', 60],
      ['3710', 'OBSTRUCTING IDENTIFICATION', 40],
    ],
  ],
  [
    'HOMICIDE',
    0.2,
    [1.0, 1.55, 1.6, 1.35, 1.18, 1.0],
    '01A',
    [
      ['0110', 'FIRST DEGREE MURDER', 95],
      ['0142', 'RECKLESS HOMICIDE', 5],
    ],
  ],
  [
    'STALKING',
    0.08,
    [1.0, 1.1, 1.2, 1.4, 1.5, 1.55],
    '26',
    [
      ['0581', 'SIMPLE', 70],
      ['0583', 'CYBERSTALKING', 30],
    ],
  ],
  [
    'ARSON',
    0.15,
    [1.0, 1.35, 1.2, 1.0, 1.05, 1.0],
    '09',
    [
      ['1025', 'BY FIRE', 90],
      ['1090', 'ATTEMPT ARSON', 10],
    ],
  ],
  [
    'PROSTITUTION',
    0.2,
    [1.0, 0.4, 0.2, 0.12, 0.1, 0.08],
    '16',
    [
      ['1537', 'SOLICIT FOR PROSTITUTE', 60],
      ['1515', 'SOLICIT ON PUBLIC WAY', 40],
    ],
  ],
  [
    'LIQUOR LAW VIOLATION',
    0.08,
    [1.0, 0.6, 0.5, 0.5, 0.55, 0.55],
    '22',
    [
      ['2230', 'SELL/GIVE/DEL LIQUOR TO MINOR', 50],
      ['2250', 'ILLEGAL POSSESSION BY MINOR', 50],
    ],
  ],
  ['CONCEALED CARRY LICENSE VIOLATION', 0.06, [1.0, 1.1, 1.3, 1.4, 1.5, 1.4], '15', [['5111', 'OTHER', 100]]],
  ['INTIMIDATION', 0.06, [1.0, 1.0, 1.1, 1.2, 1.1, 1.1], '26', [['3960', 'INTIMIDATION', 100]]],
  [
    'KIDNAPPING',
    0.06,
    [1.0, 0.85, 0.8, 0.75, 0.85, 0.8],
    '26',
    [
      ['1790', 'KIDNAPPING', 50],
      ['1792', 'CHILD ABDUCTION / STRANGER', 50],
    ],
  ],
  ['OBSCENITY', 0.03, [1.0, 1.2, 1.3, 1.2, 1.1, 1.0], '26', [['5120', 'OBSCENE MATTER', 100]]],
  ['GAMBLING', 0.03, [1.0, 0.4, 0.25, 0.2, 0.15, 0.1], '19', [['1661', 'GAME / DICE', 100]]],
  ['HUMAN TRAFFICKING', 0.006, [1.0, 1.0, 0.8, 1.2, 1.0, 0.9], '26', [['1581', 'COMMERCIAL SEX ACTS', 100]]],
  ['PUBLIC INDECENCY', 0.006, [1.0, 0.7, 0.6, 0.7, 0.8, 0.7], '24', [['1535', 'PUBLIC INDECENCY', 100]]],
  ['OTHER NARCOTIC VIOLATION', 0.004, [1.0, 0.5, 0.6, 0.4, 0.5, 0.3], '26', [['2093', 'FOUND SUSPECT NARCOTICS', 100]]],
  ['NON-CRIMINAL', 0.002, [1.0, 0.8, 1.2, 0.0, 1.5, 2.0], '26', [['5093', 'NON-CRIMINAL', 100]]],
];

// Location descriptions (weights roughly like the real data; a few contain commas => quoted).
const LOCS = [
  ['STREET', 22],
  ['RESIDENCE', 15],
  ['APARTMENT', 15],
  ['SIDEWALK', 6],
  ['SMALL RETAIL STORE', 3],
  ['PARKING LOT / GARAGE (NON RESIDENTIAL)', 3],
  ['RESTAURANT', 2.5],
  ['RESIDENCE - PORCH / HALLWAY', 1.5],
  ['ALLEY', 2],
  ['OTHER (SPECIFY)', 2],
  ['DEPARTMENT STORE', 1.5],
  ['VEHICLE NON-COMMERCIAL', 1.8],
  ['COMMERCIAL / BUSINESS OFFICE', 1.5],
  ['GAS STATION', 1.4],
  ['GROCERY FOOD STORE', 1.3],
  ['CTA TRAIN', 0.8],
  ['CTA PLATFORM', 0.7],
  ['CTA BUS', 0.5],
  ['BAR OR TAVERN', 0.6],
  ['PARK PROPERTY', 0.8],
  ['SCHOOL - PUBLIC BUILDING', 0.9],
  ['SCHOOL, PUBLIC, BUILDING', 0.3],
  ['HOSPITAL BUILDING / COMPLEX', 0.6],
  ['CHA APARTMENT', 0.8],
  ['DRUG STORE', 0.7],
  ['BANK', 0.5],
  ['HOTEL / MOTEL', 0.5],
  ['VEHICLE - OTHER RIDE SHARE SERVICE (E.G., UBER, LYFT)', 0.3],
  ['POLICE FACILITY / VEHICLE PARKING LOT', 0.6],
  ['AIRPORT TERMINAL UPPER LEVEL - SECURE AREA', 0.2],
  ['CONVENIENCE STORE', 0.8],
  ['NURSING / RETIREMENT HOME', 0.3],
  ['RESIDENCE - GARAGE', 1.0],
  ['RESIDENCE - YARD (FRONT / BACK)', 0.9],
  ['APPLIANCE STORE', 0.1],
  ['CHURCH / SYNAGOGUE / PLACE OF WORSHIP', 0.2],
  ['', 0.4],
];

const STREETS = [
  'W MADISON ST',
  'N MICHIGAN AVE',
  'S STATE ST',
  'W CHICAGO AVE',
  'N CLARK ST',
  'S HALSTED ST',
  'W 63RD ST',
  'S ASHLAND AVE',
  'W NORTH AVE',
  'N BROADWAY',
  'W DIVISION ST',
  'S COTTAGE GROVE AVE',
  'W 79TH ST',
  'N LINCOLN AVE',
  'W IRVING PARK RD',
  'S PULASKI RD',
  'W FULLERTON AVE',
  'N MILWAUKEE AVE',
  'E 47TH ST',
  'W BELMONT AVE',
  'S WESTERN AVE',
  'W ROOSEVELT RD',
  'N SHERIDAN RD',
  'S KEDZIE AVE',
  'W LAWRENCE AVE',
  'E 71ST ST',
  'S CICERO AVE',
  'W GRAND AVE',
  'N ASHLAND AVE',
  'S MARTIN LUTHER KING JR DR',
  'W JACKSON BLVD',
  'N CENTRAL PARK AVE',
  'S DR MARTIN LUTHER KING JR DR',
  'W 103RD ST',
  'E 87TH ST',
  'N WESTERN AVE',
  'W AUGUSTA BLVD',
  'S PULASKI RD',
  'W MONTROSE AVE',
  'N HARLEM AVE',
  'S STONY ISLAND AVE',
  'W 111TH ST',
];

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const YEAR_WEIGHT = [261, 212, 209, 239, 262, 256]; // ~ real annual totals (thousands)
const CASE_PREFIX = ['JC', 'JD', 'JE', 'JF', 'JG', 'JH'];
// Seasonality: monthly relative weights (summer peak).
const MONTH_W = [0.83, 0.76, 0.88, 0.92, 1.03, 1.07, 1.12, 1.1, 1.04, 1.03, 0.95, 0.9];
// Hour-of-day weights (midnight and noon peaks, early-morning trough).
const HOUR_W = [5.5, 3.0, 2.6, 2.1, 1.6, 1.5, 2.0, 2.8, 3.8, 4.5, 4.6, 4.6, 6.8, 4.8, 4.9, 5.1, 5.1, 5.2, 5.2, 5.0, 4.9, 4.6, 4.4, 3.8];

function pad2(n) {
  return n < 10 ? '0' + n : '' + n;
}
function pad3(n) {
  return n < 10 ? '00' + n : n < 100 ? '0' + n : '' + n;
}
function isLeap(y) {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
const MDAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function fmtDate(y, mo, d, h24, mi, s) {
  const ap = h24 < 12 ? 'AM' : 'PM';
  let h = h24 % 12;
  if (h === 0) h = 12;
  return pad2(mo) + '/' + pad2(d) + '/' + y + ' ' + pad2(h) + ':' + pad2(mi) + ':' + pad2(s) + ' ' + ap;
}
function csvField(s) {
  if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) return '"' + s.replace(/"/g, '""') + '"';
  return s;
}

function main() {
  const args = parseArgs(process.argv);
  const rnd = makeRng(args.seed);
  const ri = (n) => Math.floor(rnd() * n);

  // Per-year type choosers.
  const typeChoosers = YEARS.map((_, yi) => makeChooser(TYPES.map((t) => t[1] * t[2][yi])));
  const yearChooser = makeChooser(YEAR_WEIGHT);
  const monthChooser = makeChooser(MONTH_W);
  const hourChooser = makeChooser(HOUR_W);
  const locChooser = makeChooser(LOCS.map((l) => l[1]));
  const descChoosers = TYPES.map((t) => makeChooser(t[4].map((d) => d[2])));
  const locStr = LOCS.map((l) => csvField(l[0]));
  const descStr = TYPES.map((t) => t[4].map((d) => csvField(d[1])));
  const arrestRate = {
    NARCOTICS: 0.95,
    'WEAPONS VIOLATION': 0.75,
    PROSTITUTION: 0.97,
    'CRIMINAL TRESPASS': 0.45,
    'LIQUOR LAW VIOLATION': 0.9,
    GAMBLING: 0.95,
    'INTERFERENCE WITH PUBLIC OFFICER': 0.9,
    'CONCEALED CARRY LICENSE VIOLATION': 0.9,
    'PUBLIC PEACE VIOLATION': 0.4,
    HOMICIDE: 0.45,
  };
  const domesticRate = {
    BATTERY: 0.42,
    ASSAULT: 0.22,
    'OTHER OFFENSE': 0.35,
    'OFFENSE INVOLVING CHILDREN': 0.5,
    'CRIMINAL DAMAGE': 0.12,
    STALKING: 0.4,
  };

  const out = args.out === '-' ? 1 : fs.openSync(args.out, 'w');
  const header =
    'ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Year,Updated On,Latitude,Longitude,Location\n';
  let buf = header;
  let id = 11500000;
  const caseSeq = [100000, 100000, 100000, 100000, 100000, 100000];
  for (let r = 0; r < args.rows; r++) {
    id += 1 + ri(3);
    const yi = yearChooser(rnd());
    const y = YEARS[yi];
    const mo = monthChooser(rnd()) + 1;
    const dim = mo === 2 && isLeap(y) ? 29 : MDAYS[mo - 1];
    const d = 1 + ri(dim);
    const h = hourChooser(rnd());
    let mi, s;
    const tr = rnd();
    if (tr < 0.12) {
      mi = 0;
      s = 0;
    } else if (tr < 0.16) {
      mi = 1;
      s = 0;
    } else if (tr < 0.75) {
      mi = ri(60);
      s = 0;
    } else {
      mi = ri(60);
      s = ri(60);
    }
    const ti = typeChoosers[yi](rnd());
    const t = TYPES[ti];
    const di = descChoosers[ti](rnd());
    const iucr = t[4][di][0];
    const li = locChooser(rnd());
    const blockNo = ri(130);
    const block = '"' + pad3(blockNo) + 'XX ' + STREETS[ri(STREETS.length)] + '"';
    const arrest = rnd() < (arrestRate[t[0]] || 0.08) ? 'true' : 'false';
    const domestic = rnd() < (domesticRate[t[0]] || 0.03) ? 'true' : 'false';
    const district = 1 + ri(25);
    const beat = pad2(district) + pad2(1 + ri(35));
    const ward = 1 + ri(50);
    const ca = 1 + ri(77);
    caseSeq[yi] += 1 + ri(2);
    const caseNo = CASE_PREFIX[yi] + caseSeq[yi];
    // Updated On: a few days to a few months after the event, capped at 2025-01-10.
    const lagDays = 1 + ri(120);
    let uy = y,
      um = mo,
      ud = d + lagDays;
    for (;;) {
      const dm = um === 2 && isLeap(uy) ? 29 : MDAYS[um - 1];
      if (ud <= dm) break;
      ud -= dm;
      um++;
      if (um > 12) {
        um = 1;
        uy++;
      }
    }
    if (uy > 2025 || (uy === 2025 && (um > 1 || ud > 10))) {
      uy = 2025;
      um = 1;
      ud = 10;
    }
    const updated = fmtDate(uy, um, ud, 15, 40 + ri(20), ri(60));
    const date = fmtDate(y, mo, d, h, mi, s);
    let xs = '',
      ys = '',
      lat = '',
      lon = '',
      loc = '';
    if (rnd() >= 0.015) {
      const x = 1100000 + ri(105000);
      const yy = 1813000 + ri(138000);
      // Rough affine map of the state-plane coordinates to lat/lon, 9 decimals like the export.
      const la = 41.644 + (yy - 1813000) * 2.7447e-6 + (rnd() - 0.5) * 1e-6;
      const lo = -87.934 + (x - 1100000) * 3.6601e-6 + (rnd() - 0.5) * 1e-6;
      xs = '' + x;
      ys = '' + yy;
      lat = la.toFixed(9);
      lon = lo.toFixed(9);
      loc = '"(' + lat + ', ' + lon + ')"';
    }
    buf +=
      id +
      ',' +
      caseNo +
      ',' +
      date +
      ',' +
      block +
      ',' +
      iucr +
      ',' +
      t[0] +
      ',' +
      descStr[ti][di] +
      ',' +
      locStr[li] +
      ',' +
      arrest +
      ',' +
      domestic +
      ',' +
      beat +
      ',' +
      pad3(district) +
      ',' +
      ward +
      ',' +
      ca +
      ',' +
      t[3] +
      ',' +
      xs +
      ',' +
      ys +
      ',' +
      y +
      ',' +
      updated +
      ',' +
      lat +
      ',' +
      lon +
      ',' +
      loc +
      '\n';
    if (buf.length > 1 << 20) {
      fs.writeSync(out, buf);
      buf = '';
    }
  }
  if (buf.length) fs.writeSync(out, buf);
  if (out !== 1) fs.closeSync(out);
}

main();
