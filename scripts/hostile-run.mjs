#!/usr/bin/env node
// Hostile and broken inputs (issue 7): makes each case fresh in a temp dir,
// runs the built CLI on it with a timeout and a memory ceiling, and prints a
// table: case, exit code, first stderr line, stack trace, time, maxRSS, and
// whether the totals are right (expected totals are computed when the file is
// made). Exits 1 if any case fails.
//
//   npm run build && node scripts/hostile-run.mjs [name-filter]
//
// Env: HOSTILE_BIG_MB (default 1024) size of the big-file memory case (0 skips
// it), HOSTILE_TIMEOUT_S (default 60), HOSTILE_MAX_RSS_MB (default 400),
// HOSTILE_KEEP=1 keeps the temp dir.
import { spawnSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = join(ROOT, 'dist/bin/crimedelta.js');
const TIMEOUT_MS = Number(process.env.HOSTILE_TIMEOUT_S ?? 60) * 1000;
const MAX_RSS_MB = Number(process.env.HOSTILE_MAX_RSS_MB ?? 400);
const BIG_MB = Number(process.env.HOSTILE_BIG_MB ?? 1024);
const filter = process.argv[2];

if (!existsSync(CLI)) {
  console.error('hostile-run: dist/bin/crimedelta.js is missing; run npm run build first');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'crimedelta-hostile-'));
// Preload that reports the child's own peak RSS (kB) into a file on exit.
const RSS_HOOK = join(dir, 'rss-hook.mjs');
writeFileSync(
  RSS_HOOK,
  // VmHWM is the peak of this program's own memory; getrusage's maxRSS would
  // also carry the peak of the forking parent (this script) across exec.
  `import { writeSync, openSync, readFileSync } from 'node:fs';
process.on('exit', () => { try {
  const m = /VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
  const fd = openSync(process.env.HOSTILE_RSS_FILE, 'w'); writeSync(fd, m ? m[1] : String(process.resourceUsage().maxRSS)); } catch {} });\n`,
);

// ---------------------------------------------------------------------------
// Data helpers. Every file has the header id,date,offense,area unless said.

const OFFENSES = ['Robbery', 'Burglary', 'Theft', 'Assault', 'Arson'];
const HEADER = 'id,date,offense,area';
const pad = (n, w = 2) => String(n).padStart(w, '0');
function day(i) {
  // Dates spread over 2022-2023.
  const y = 2022 + (i % 2);
  const m = 1 + (i % 12);
  const d = 1 + (i % 28);
  return `${y}-${pad(m)}-${pad(d)}`;
}
function rows(n, sep = ',', start = 0) {
  const out = [];
  for (let i = start; i < start + n; i++) out.push([`C${i}`, day(i), OFFENSES[i % OFFENSES.length], `D${i % 3}`].join(sep));
  return out;
}
function csv(lines, eol = '\n', final = true) {
  return lines.join(eol) + (final ? eol : '');
}
const f = (name) => join(dir, name);

// ---------------------------------------------------------------------------
// Cases. make() returns { args, stdin?, shell?, expect } where expect holds:
//   codes: allowed exit codes; good/skipped: expected counts (exit 0);
//   reasons: expected skipped-by-reason; err: regex the first stderr line must
//   match (exit 1); check(stdout, stderr): extra check returning an error text or null.

const cases = [];
const add = (name, make) => cases.push({ name, make });

add('random-binary', () => {
  writeFileSync(f('random.csv'), randomBytes(2 << 20));
  return { args: ['compare', f('random.csv'), '--format', 'json'], expect: { codes: [0, 1], err: /random\.csv/ } };
});

add('nul-in-fields', () => {
  const r = rows(40).map((l, i) => (i % 4 === 0 ? l.replace(/,(\w+),D/, ',$1\0X,D') : l));
  writeFileSync(f('nul.csv'), csv([HEADER, ...r]));
  return {
    args: ['compare', f('nul.csv'), '--format', 'json'],
    expect: { codes: [0], good: 40, skipped: 0 },
  };
});

add('nul-in-fields-table', () => {
  const r = rows(40).map((l, i) => (i % 4 === 0 ? l.replace(/,(\w+),D/, ',$1\0X,D') : l));
  writeFileSync(f('nul2.csv'), csv([HEADER, ...r]));
  return {
    args: ['compare', f('nul2.csv'), '--years', '2022,2023', '--span', 'full'],
    expect: { codes: [0], check: (out) => (/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(out) ? 'control character in table output' : null) },
  };
});

add('field-5mb', () => {
  const big = 'x'.repeat(5 << 20);
  writeFileSync(f('big-field.csv'), csv([HEADER, ...rows(10), `C99,2023-03-03,${big},D1`, ...rows(10, ',', 10)]));
  return { args: ['compare', f('big-field.csv'), '--format', 'json'], expect: { codes: [0], good: 21, skipped: 0 } };
});

add('field-5mb-quoted-table', () => {
  const big = 'y'.repeat(5 << 20);
  writeFileSync(f('big-field2.csv'), csv([HEADER, ...rows(10), `C99,2023-03-03,"${big}",D1`]));
  return { args: ['compare', f('big-field2.csv'), '--years', '2022,2023', '--span', 'full'], expect: { codes: [0] } };
});

add('unclosed-quote-end', () => {
  writeFileSync(f('unclosed-end.csv'), csv([HEADER, ...rows(20), 'C99,2023-01-05,"Robbery,D1']));
  // 22 lines: the opening quote is on line 22.
  return {
    args: ['compare', f('unclosed-end.csv'), '--format', 'json'],
    expect: { codes: [0, 1], err: /unclosed-end\.csv:22\b/, good: 20, skipped: 1 },
  };
});

add('unclosed-quote-middle', () => {
  writeFileSync(f('unclosed-mid.csv'), csv([HEADER, ...rows(10), 'C99,2023-01-05,"Robbery,D1', ...rows(30, ',', 10)]));
  // The quote on line 12 swallows the rest of the file: losing 30 rows quietly is not allowed.
  return { args: ['compare', f('unclosed-mid.csv'), '--format', 'json'], expect: { codes: [1], err: /unclosed-mid\.csv:12\b/ } };
});

add('unclosed-quote-huge', () => {
  // A quote never closed on line 3 of a 100 MB file: the record passes the
  // 64 MiB limit, which ends the read (in bounded memory and linear time).
  const block = Buffer.from(csv(rows(20_000)));
  const fd = openSync(f('unclosed-huge.csv'), 'w');
  writeSync(fd, csv([HEADER, ...rows(1), 'C99,2023-01-05,"Robbery,D1']));
  for (let n = 0; n < 100 << 20; n += block.length) writeSync(fd, block);
  closeSync(fd);
  return {
    args: ['compare', f('unclosed-huge.csv'), '--format', 'json'],
    expect: { codes: [1], err: /unclosed-huge\.csv:3: a record is larger than 64 MiB \(the limit; --max-record-size/ },
  };
});

add('endless-record-gz', () => {
  // A header and then 1 GiB of zero bytes, gzipped (1 MB): one endless record.
  const r = spawnSync('bash', ['-c', `(echo ${HEADER}; head -c 1G /dev/zero) | gzip -1 > "${f('endless.csv.gz')}"`]);
  if (r.status !== 0) return { skip: 'gzip failed' };
  return { args: ['compare', f('endless.csv.gz')], expect: { codes: [1], err: /endless\.csv\.gz:2: a record is larger than 64 MiB/ } };
});

add('max-record-size-small', () => {
  const r = rows(30);
  r[9] = `C9,2023-01-01,"${'x'.repeat(3000)}",D1`;
  writeFileSync(f('long-row.csv'), csv([HEADER, ...r]));
  return {
    args: ['compare', f('long-row.csv'), '--max-record-size', '2KB'],
    expect: { codes: [1], err: /long-row\.csv:11: a record is larger than 2,000 bytes/ },
  };
});

add('max-record-size-bad', () => ({ args: ['compare', f('long-row.csv'), '--max-record-size', '0'], expect: { codes: [2] } }));

add('field-count', () => {
  const r = rows(30);
  r[4] = 'C4,2023-01-01,Robbery'; // too few
  r[9] = 'C9,2023-01-01,Robbery,D1,extra,more'; // too many
  r[14] = 'C14'; // far too few
  writeFileSync(f('fields.csv'), csv([HEADER, ...r]));
  return {
    args: ['compare', f('fields.csv'), '--format', 'json'],
    expect: { codes: [0], good: 27, skipped: 3, reasons: { wrongFieldCount: 3 }, errLine: /fields\.csv:6\b/ },
  };
});

add('strict-bad-row', () => {
  const r = rows(30);
  r[6] = 'C6,not-a-date,Robbery,D1';
  r[20] = 'C20,2023-01-01,Robbery';
  writeFileSync(f('strict.csv'), csv([HEADER, ...r]));
  return { args: ['compare', f('strict.csv'), '--strict', '--format', 'json'], expect: { codes: [1], err: /strict\.csv:8\b/ } };
});

add('utf16le-bom', () => {
  const text = csv([HEADER, ...rows(30), 'C98,2023-02-02,Vol à main armée,D1', 'C99,2023-02-03,Vol à main armée,D1']);
  writeFileSync(f('utf16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  return {
    args: ['compare', f('utf16.csv'), '--format', 'json'],
    expect: { codes: [0], good: 32, skipped: 0, key: 'Vol à main armée' },
  };
});

add('latin1', () => {
  const text = csv([HEADER, ...rows(30), 'C98,2023-02-02,Dégradation,Évry', 'C99,2023-02-03,Dégradation,Évry']);
  writeFileSync(f('latin1.csv'), Buffer.from(text, 'latin1'));
  return {
    args: ['compare', f('latin1.csv'), '--encoding', 'latin1', '--format', 'json'],
    expect: { codes: [0], good: 32, skipped: 0, key: 'Dégradation' },
  };
});

add('directory', () => {
  mkdirSync(f('a-dir.csv'));
  return { args: ['compare', f('a-dir.csv')], expect: { codes: [1], err: /a-dir\.csv.*directory/ } };
});

add('path-under-file', () => {
  writeFileSync(f('plain.txt'), 'x');
  return { args: ['compare', join(f('plain.txt'), 'x.csv')], expect: { codes: [1], err: /plain\.txt\/x\.csv/ } };
});

add('unreadable-proc', () => ({ args: ['compare', '/proc/self/clear_refs'], expect: { codes: [1], err: /clear_refs/ } }));

add('fifo-late-writer', () => {
  const p = f('fifo.csv');
  const mk = spawnSync('mkfifo', [p]);
  if (mk.status !== 0) return { skip: 'mkfifo failed' };
  writeFileSync(f('fifo-src.csv'), csv([HEADER, ...rows(25)]));
  // The writer comes 1 s later; a FIFO with no writer at all waits like cat does.
  const w = spawn('bash', ['-c', `sleep 1; cat "${f('fifo-src.csv')}" > "${p}"`], { stdio: 'ignore', detached: true });
  w.unref();
  return { args: ['compare', p, '--format', 'json'], expect: { codes: [0], good: 25, skipped: 0 } };
});

add('header-10000-cols', () => {
  const extra = Array.from({ length: 9996 }, (_, i) => `x${i}`);
  const lines = [[...HEADER.split(','), ...extra].join(',')];
  for (const r of rows(20)) lines.push(r + ','.repeat(9996));
  writeFileSync(f('wide.csv'), csv(lines));
  return { args: ['compare', f('wide.csv'), '--format', 'json'], expect: { codes: [0], good: 20, skipped: 0 } };
});

add('extreme-dates', () => {
  const r = rows(30);
  r.push('C97,9999-12-31,Robbery,D1', 'C98,0001-01-01,Robbery,D1', 'C99,0001-01-01,Theft,D2');
  writeFileSync(f('extreme-dates.csv'), csv([HEADER, ...r]));
  return { args: ['compare', f('extreme-dates.csv'), '--format', 'json'], expect: { codes: [0], good: 33, skipped: 0 } };
});

add('extreme-dates-windows', () => {
  const r = rows(30);
  r.push('C97,9999-12-31,Robbery,D1', 'C98,0001-01-01,Robbery,D1', 'C99,0001-01-01,Theft,D2');
  writeFileSync(f('extreme-dates2.csv'), csv([HEADER, ...r]));
  return {
    args: [
      'compare',
      f('extreme-dates2.csv'),
      '--window',
      '0001-01-01..0001-12-31',
      '--window',
      '9999-01-01..9999-12-31',
      '--format',
      'json',
    ],
    expect: { codes: [0], good: 33, skipped: 0, totals: [2, 1] },
  };
});

add('offenses-200k', () => {
  const lines = [HEADER];
  for (let i = 0; i < 200_000; i++) lines.push(`C${i},${day(i)},Offense number ${i},D${i % 3}`);
  writeFileSync(f('many-offenses.csv'), csv(lines));
  // Memory grows with the number of groups (not rows): 200,000 groups may use more than the default ceiling.
  return {
    args: ['compare', f('many-offenses.csv'), '--format', 'json'],
    expect: { codes: [0], good: 200_000, skipped: 0, maxRssMb: 800 },
  };
});

add('offenses-200k-table', () => {
  const lines = [HEADER];
  for (let i = 0; i < 200_000; i++) lines.push(`C${i},${day(i)},Offense number ${i},D${i % 3}`);
  writeFileSync(f('many-offenses2.csv'), csv(lines));
  return { args: ['compare', f('many-offenses2.csv'), '--years', '2022,2023', '--span', 'full'], expect: { codes: [0], maxRssMb: 800 } };
});

add('mixed-line-endings', () => {
  // Two sources joined: CR LF lines, then LF lines, then old-Mac CR lines.
  const text = csv([HEADER, ...rows(10)], '\r\n') + csv(rows(10, ',', 10), '\n') + csv(rows(10, ',', 20), '\r');
  writeFileSync(f('mixed-eol.csv'), text);
  return { args: ['compare', f('mixed-eol.csv'), '--format', 'json'], expect: { codes: [0], good: 30, skipped: 0 } };
});

add('semicolon-crlf', () => {
  writeFileSync(f('semi.csv'), csv([HEADER.replace(/,/g, ';'), ...rows(30, ';')], '\r\n'));
  return {
    args: ['compare', f('semi.csv'), '--format', 'json'],
    expect: { codes: [0], good: 30, skipped: 0, check: (out) => (/\\r/.test(out) ? 'a CR leaked into a value' : null) },
  };
});

add('empty-file', () => {
  writeFileSync(f('empty.csv'), '');
  return { args: ['compare', f('empty.csv')], expect: { codes: [1], err: /empty\.csv/ } };
});

add('header-only', () => {
  writeFileSync(f('header-only.csv'), HEADER + '\n');
  return { args: ['compare', f('header-only.csv')], expect: { codes: [1], err: /header-only\.csv/ } };
});

add('no-final-newline', () => {
  writeFileSync(f('no-eol.csv'), csv([HEADER, ...rows(30)], '\n', false));
  return { args: ['compare', f('no-eol.csv'), '--format', 'json'], expect: { codes: [0], good: 30, skipped: 0 } };
});

add('gz-truncated', () => {
  const gz = gzipSync(csv([HEADER, ...rows(5000)]));
  writeFileSync(f('trunc.csv.gz'), gz.subarray(0, gz.length >> 1));
  return { args: ['compare', f('trunc.csv.gz'), '--format', 'json'], expect: { codes: [1], err: /trunc\.csv\.gz/ } };
});

add('gz-name-plain-text', () => {
  writeFileSync(f('plain.csv.gz'), csv([HEADER, ...rows(30)]));
  return { args: ['compare', f('plain.csv.gz'), '--format', 'json'], expect: { codes: [0], good: 30, skipped: 0 } };
});

add('gz-magic-then-garbage', () => {
  writeFileSync(f('garbage.csv.gz'), Buffer.concat([Buffer.from([0x1f, 0x8b]), randomBytes(64 << 10)]));
  return { args: ['compare', f('garbage.csv.gz')], expect: { codes: [1], err: /garbage\.csv\.gz/ } };
});

add('stdin-closes-early', () => {
  const full = csv([HEADER, ...rows(40)]);
  // Cut inside the date of row 31 (line 32): 30 whole rows and a stub.
  const cut = full.indexOf('\nC30,') + 6;
  return {
    args: ['compare', '-', '--format', 'json'],
    stdin: full.slice(0, cut),
    expect: { codes: [0], good: 30, skipped: 1, reasons: { wrongFieldCount: 1 } },
  };
});

add('stdin-empty-dash', () => ({ args: ['compare', '-'], stdin: '', expect: { codes: [1], err: /stdin/ } }));

// Output safety.
const HOSTILE_VALUES = [
  '=HYPERLINK("http://x")',
  '+1 Robbery',
  '-Assault',
  '@SUM(A1)',
  '\tTab',
  '\rCR',
  'Esc \x1b[31mred',
  'OSC \x1b]0;owned\x07',
  'C1 \x9b31m',
  'Bidi \u202eevil',
  'Bell\x07',
];
function hostileFile(name) {
  const lines = [HEADER];
  HOSTILE_VALUES.forEach((v, i) => {
    const q = `"${v.replace(/"/g, '""')}"`;
    lines.push(`H${i},2023-03-0${1 + (i % 9)},${q},${q}`, `G${i},2022-03-0${1 + (i % 9)},${q},D1`);
  });
  writeFileSync(f(name), csv(lines));
}
const FORMULA = /^[=+\-@\t\r]/;
function csvCells(text, delim) {
  // A small CSV reader for the check (RFC 4180 quoting).
  const out = [];
  let row = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') ((cur += '"'), i++);
      else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"' && cur === '') q = true;
    else if (c === delim) (row.push(cur), (cur = ''));
    else if (c === '\n') (row.push(cur), out.push(row), (row = []), (cur = ''));
    else cur += c;
  }
  return out;
}
for (const [fmt, delim] of [
  ['csv', ','],
  ['tsv', '\t'],
]) {
  add(`formula-${fmt}`, () => {
    hostileFile(`formula-${fmt}.csv`);
    return {
      args: ['compare', f(`formula-${fmt}.csv`), '--by', 'offense,area', '--years', '2022,2023', '--span', 'full', '--format', fmt],
      expect: {
        codes: [0],
        check: (out) => {
          for (const row of csvCells(out, delim))
            for (const cell of row) if (FORMULA.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell)) return `formula cell ${JSON.stringify(cell)}`;
          if (/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/.test(out)) return 'control character in output';
          return null;
        },
      },
    };
  });
}
add('formula-csv-raw', () => {
  hostileFile('formula-raw.csv');
  return {
    args: ['compare', f('formula-raw.csv'), '--years', '2022,2023', '--span', 'full', '--format', 'csv', '--raw'],
    expect: {
      codes: [0],
      check: (out) => (out.includes('"=HYPERLINK(""http://x"")"') && out.includes('\n@SUM(A1),') ? null : '--raw changed a cell'),
    },
  };
});
for (const fmt of ['table', 'md']) {
  add(`controls-${fmt}`, () => {
    hostileFile(`controls-${fmt}.csv`);
    return {
      args: ['compare', f(`controls-${fmt}.csv`), '--by', 'offense,area', '--years', '2022,2023', '--span', 'full', '--format', fmt],
      expect: {
        codes: [0],
        check: (out) => (/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/.test(out) ? 'control character in output' : null),
      },
    };
  });
}
add('controls-json', () => {
  hostileFile('controls-json.csv');
  return {
    args: ['compare', f('controls-json.csv'), '--years', '2022,2023', '--span', 'full', '--format', 'json'],
    expect: {
      codes: [0],
      check: (out) => {
        if (/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/.test(out)) return 'raw control character in JSON';
        const keys = JSON.parse(out).rows.map((r) => r.key.offense);
        return HOSTILE_VALUES.every((v) => keys.includes(v.trim())) ? null : 'JSON does not give the values back exactly';
      },
    },
  };
});
add('controls-in-stderr', () => {
  // A bad date full of escapes: the skipped-row summary must not replay it.
  writeFileSync(f('bad-date-esc.csv'), csv([HEADER, ...rows(20), 'X1,"\x1b]0;owned\x07 \x9b2J \u202e",Robbery,D1']));
  return { args: ['compare', f('bad-date-esc.csv'), '--format', 'json'], expect: { codes: [0], good: 20, skipped: 1, stderrClean: true } };
});
add('controls-in-filename', () => {
  const name = f('evil\x1b[2Jname.csv');
  writeFileSync(name, '');
  return { args: ['compare', name], expect: { codes: [1], err: /evil.*name\.csv/, stderrClean: true } };
});

// Writing the report.
const manyCsv = () => {
  if (!existsSync(f('pipe-src.csv'))) {
    const lines = [HEADER];
    for (let i = 0; i < 50_000; i++) lines.push(`C${i},${day(i)},Offense ${i},D1`);
    writeFileSync(f('pipe-src.csv'), csv(lines));
  }
  return f('pipe-src.csv');
};
add('closed-pipe', () => ({
  shell: `node "${CLI}" compare "${manyCsv()}" --format csv --years 2022,2023 --span full --quiet | head -c 100 > /dev/null; exit \${PIPESTATUS[0]}`,
  expect: { codes: [0], stderrEmpty: true },
}));
add('dev-full', () => ({
  shell: `node "${CLI}" compare "${manyCsv()}" --format csv --quiet > /dev/full`,
  expect: { codes: [1], err: /cannot write the report.*ENOSPC/ },
}));
add('output-no-permission', () => ({
  args: ['compare', manyCsv(), '--format', 'csv', '--quiet', '--output', '/sys/kernel/notes'],
  expect: { codes: [1], err: /\/sys\/kernel\/notes/ },
}));
add('output-under-a-file', () => {
  writeFileSync(f('not-a-dir'), 'x');
  return {
    args: ['compare', manyCsv(), '--format', 'csv', '--quiet', '--output', join(f('not-a-dir'), 'out.csv')],
    expect: { codes: [1], err: /not-a-dir\/out\.csv/ },
  };
});

// Memory: the same groups in 10 MB and in BIG_MB.
function writeSized(path, mb) {
  const block = csv(rows(20_000)); // ~0.6 MB, 5 offenses x 3 areas
  const blockBytes = Buffer.byteLength(block);
  const fd = openSync(path, 'w');
  writeSync(fd, HEADER + '\n');
  const n = Math.max(1, Math.round((mb << 20) / blockBytes));
  const buf = Buffer.from(block);
  for (let i = 0; i < n; i++) writeSync(fd, buf);
  closeSync(fd);
  return n * 20_000;
}
let smallPeak = null;
add('memory-10mb', () => {
  const n = writeSized(f('mem-small.csv'), 10);
  return { args: ['compare', f('mem-small.csv'), '--format', 'json'], expect: { codes: [0], good: n, skipped: 0, rememberPeak: true } };
});
if (BIG_MB > 0) {
  add(`memory-${BIG_MB}mb`, () => {
    const n = writeSized(f('mem-big.csv'), BIG_MB);
    return {
      args: ['compare', f('mem-big.csv'), '--format', 'json'],
      timeoutMs: Math.max(TIMEOUT_MS, BIG_MB * 400),
      expect: { codes: [0], good: n, skipped: 0, flatPeak: true },
    };
  });
}

// ---------------------------------------------------------------------------

function run(c) {
  const rssFile = join(dir, `rss-${c.name}`);
  rmSync(rssFile, { force: true });
  const env = { ...process.env, NO_COLOR: '1', HOSTILE_RSS_FILE: rssFile, TZ: 'UTC' };
  const t0 = process.hrtime.bigint();
  const opts = { input: c.stdin ?? '', env, timeout: c.timeoutMs ?? TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 512 << 20, cwd: dir };
  const r = c.shell
    ? spawnSync('bash', ['-c', c.shell], { ...opts, env: { ...env, NODE_OPTIONS: `--import=${RSS_HOOK}` } })
    : spawnSync(process.execPath, ['--import', RSS_HOOK, CLI, ...c.args], opts);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : NaN;
  return {
    code: r.status,
    signal: r.signal,
    stdout: r.stdout?.toString('utf8') ?? '',
    stderr: r.stderr?.toString('utf8') ?? '',
    ms,
    rss,
    timedOut: r.error?.code === 'ETIMEDOUT',
  };
}

function judge(c, e, r) {
  const problems = [];
  const stack = /\n\s+at .+(:\d+:\d+|\(native\))/.test(r.stderr) || /internal error/.test(r.stderr);
  if (r.timedOut) problems.push('timeout');
  if (r.signal) problems.push(`killed by ${r.signal}`);
  if (stack) problems.push('stack trace / internal error');
  const ceiling = e.maxRssMb ?? MAX_RSS_MB;
  if (r.rss > ceiling) problems.push(`maxRSS ${r.rss.toFixed(0)} MB > ${ceiling}`);
  if (!e.codes.includes(r.code)) problems.push(`exit ${r.code}, expected ${e.codes.join(' or ')}`);
  const errLines = r.stderr.split('\n').filter(Boolean);
  const firstErr = errLines.find((l) => !l.startsWith('crimedelta: note:')) ?? errLines[0] ?? '';
  if (r.code === 1) {
    const msgs = errLines.filter((l) => !l.startsWith('crimedelta: note:') && !l.startsWith('crimedelta: warning: skipped'));
    if (msgs.length !== 1 || !msgs[0].startsWith('crimedelta: ')) problems.push('not one "crimedelta: " error line');
    if (e.err && !e.err.test(firstErr)) problems.push(`message does not match ${e.err}`);
  }
  let totals = '-';
  if (r.code === 0 && r.stdout.trimStart().startsWith('{')) {
    try {
      const j = JSON.parse(r.stdout);
      const inp = j.input;
      const good = inp.rowsCounted + inp.rowsOutsideWindows;
      const bad = [];
      if (inp.rowsRead !== good + inp.rowsSkipped + inp.rowsFiltered + inp.rowsUnmapped) bad.push('rowsRead does not add up');
      if (e.good !== undefined && good !== e.good) bad.push(`counted ${good}, expected ${e.good}`);
      if (e.skipped !== undefined && inp.rowsSkipped !== e.skipped) bad.push(`skipped ${inp.rowsSkipped}, expected ${e.skipped}`);
      for (const [k, v] of Object.entries(e.reasons ?? {}))
        if (inp.skipped[k] !== v) bad.push(`skipped.${k} ${inp.skipped[k]}, expected ${v}`);
      const sums = j.total.counts.map((_, w) => j.rows.reduce((s, row) => s + row.counts[w], 0));
      if (JSON.stringify(sums) !== JSON.stringify(j.total.counts)) bad.push('groups do not sum to the total');
      if (e.totals && JSON.stringify(j.total.counts) !== JSON.stringify(e.totals))
        bad.push(`totals ${JSON.stringify(j.total.counts)}, expected ${JSON.stringify(e.totals)}`);
      if (e.key && !j.rows.some((row) => Object.values(row.key).includes(e.key))) bad.push(`no group ${JSON.stringify(e.key)} (decoding)`);
      totals = bad.length ? 'WRONG' : 'ok';
      problems.push(...bad);
    } catch (err) {
      totals = 'WRONG';
      problems.push(`JSON: ${err.message}`);
    }
  } else if (r.code === 0 && e.good !== undefined && !e.codes.includes(1)) {
    totals = 'WRONG';
    problems.push('no JSON to check');
  }
  if (r.code === 0 && e.skipped && !/crimedelta: warning: skipped /.test(r.stderr)) problems.push('no skipped-row summary on stderr');
  if (e.errLine && !e.errLine.test(r.stderr)) problems.push(`stderr does not name ${e.errLine}`);
  if (e.check && r.code === 0) {
    const m = e.check(r.stdout, r.stderr);
    if (m) problems.push(m);
  }
  if (e.stderrClean && /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/.test(r.stderr))
    problems.push('control character on stderr');
  if (e.stderrEmpty && r.stderr !== '') problems.push(`stderr not empty: ${firstErr}`);
  if (e.rememberPeak) smallPeak = r.rss;
  if (e.flatPeak && smallPeak !== null && r.rss > smallPeak * 1.5 + 64)
    problems.push(`peak ${r.rss.toFixed(0)} MB vs ${smallPeak.toFixed(0)} MB on 10 MB: memory grows with rows`);
  return { problems, stack, firstErr, totals };
}

const clip = (s, n) => {
  const t = JSON.stringify(s).slice(1, -1);
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
};
const results = [];
for (const c of cases) {
  if (filter && !c.name.includes(filter)) continue;
  let spec;
  try {
    spec = c.make();
  } catch (err) {
    results.push({
      name: c.name,
      code: '-',
      firstErr: `setup failed: ${err.message}`,
      stack: false,
      ms: 0,
      rss: NaN,
      totals: '-',
      problems: ['setup failed'],
    });
    continue;
  }
  if (spec.skip) {
    results.push({ name: c.name, code: '-', firstErr: `skipped: ${spec.skip}`, stack: false, ms: 0, rss: NaN, totals: '-', problems: [] });
    continue;
  }
  const r = run({ name: c.name, ...spec });
  const j = judge(c, spec.expect, r);
  results.push({ name: c.name, code: r.timedOut ? 'T/O' : (r.code ?? r.signal), ms: r.ms, rss: r.rss, ...j });
  process.stderr.write(`${j.problems.length ? 'FAIL' : 'ok  '} ${c.name}\n`);
}

const head = ['case', 'exit', 'first stderr line', 'stack', 'time', 'maxRSS', 'totals', 'result'];
const body = results.map((r) => [
  r.name,
  String(r.code),
  clip(r.firstErr, 64),
  r.stack ? 'YES' : 'no',
  r.ms ? `${(r.ms / 1000).toFixed(1)}s` : '-',
  Number.isNaN(r.rss) ? '-' : `${r.rss.toFixed(0)} MB`,
  r.totals,
  r.problems.length ? `FAIL: ${r.problems.join('; ')}` : 'ok',
]);
const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (i === 7 ? 0 : b[i].length))));
const fmtRow = (cells) => '| ' + cells.map((c, i) => (i === 7 ? c : c.padEnd(widths[i]))).join(' | ') + ' |';
console.log(fmtRow(head));
console.log('|' + widths.map((w, i) => '-'.repeat(i === 7 ? 8 : w + 2)).join('|') + '|');
for (const b of body) console.log(fmtRow(b));
const failed = results.filter((r) => r.problems.length);
console.log(
  `\n${results.length - failed.length} of ${results.length} cases pass${failed.length ? `; failing: ${failed.map((r) => r.name).join(', ')}` : ''}`,
);
if (process.env.HOSTILE_KEEP === '1') console.log(`files kept in ${dir}`);
else rmSync(dir, { recursive: true, force: true });
process.exit(failed.length ? 1 : 0);
