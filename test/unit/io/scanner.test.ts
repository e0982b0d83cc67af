/** The byte scanner: hand cases (each also checked against csv-parse), linear time on long records, the record limit, the word-at-a-time helpers. */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { countToQuote, CsvScanner, findByte, MAX_RECORD_SIZE, ScanError } from '../../../src/io/scanner/scanner.js';
import { B, type Outcome, projectRef, type Rec, reference, same, scan } from '../../helpers/scanner-harness.js';

// ---------------------------------------------------------------------------
// Hand cases: exact expected records, each checked against csv-parse too

interface Case {
  name: string;
  input: string | Buffer;
  expected: Rec[] | { error: string; line: number };
}

const cases: Case[] = [
  {
    name: 'LF',
    input: 'a,b\nc,d\n',
    expected: [
      [['a', 'b'], 2, 1],
      [['c', 'd'], 2, 2],
    ],
  },
  {
    name: 'CRLF',
    input: 'a,b\r\nc,d\r\n',
    expected: [
      [['a', 'b'], 2, 1],
      [['c', 'd'], 2, 2],
    ],
  },
  {
    name: 'CR only, no final newline',
    input: 'a,b\rc,d',
    expected: [
      [['a', 'b'], 2, 1],
      [['c', 'd'], 2, 2],
    ],
  },
  {
    name: 'no final newline (LF)',
    input: 'a,b\nc,d',
    expected: [
      [['a', 'b'], 2, 1],
      [['c', 'd'], 2, 2],
    ],
  },
  {
    name: 'BOM stripped',
    input: '\ufeffa,b\n1,2\n',
    expected: [
      [['a', 'b'], 2, 1],
      [['1', '2'], 2, 2],
    ],
  },
  { name: 'BOM then quoted header', input: '\ufeff"a",b\n', expected: [[['a', 'b'], 2, 1]] },
  { name: 'BOM only', input: '\ufeff', expected: [] },
  { name: 'empty input', input: '', expected: [] },
  { name: 'only line breaks', input: '\n\n\n', expected: [] },
  {
    name: 'empty lines skipped but counted',
    input: '\n\na,b\n\n\nc\n',
    expected: [
      [['a', 'b'], 2, 3],
      [['c'], 1, 6],
    ],
  },
  {
    name: 'whitespace-only line is a record',
    input: 'a,b\n   \nc,d\n',
    expected: [
      [['a', 'b'], 2, 1],
      [['   '], 1, 2],
      [['c', 'd'], 2, 3],
    ],
  },
  {
    name: 'tab-only line is a record',
    input: 'a\n\t\nb',
    expected: [
      [['a'], 1, 1],
      [['\t'], 1, 2],
      [['b'], 1, 3],
    ],
  },
  {
    name: 'delimiter-only line',
    input: 'a,b\n,\n',
    expected: [
      [['a', 'b'], 2, 1],
      [['', ''], 2, 2],
    ],
  },
  { name: 'trailing delimiter', input: 'a,\n', expected: [[['a', ''], 2, 1]] },
  {
    name: 'ragged rows',
    input: 'a,b,c\n1\n1,2,3,4,5\n',
    expected: [
      [['a', 'b', 'c'], 3, 1],
      [['1'], 1, 2],
      [['1', '2', '3', '4', '5'], 5, 3],
    ],
  },
  { name: 'doubled quotes', input: '"a""b",c\n', expected: [[['a"b', 'c'], 2, 1]] },
  {
    name: 'quoted delimiter and newline',
    input: '"a,\nb",c\r\nd\r\n',
    expected: [
      [['a,\nb', 'c'], 2, 2],
      [['d'], 1, 3],
    ],
  },
  {
    name: 'CR inside quotes of an LF file',
    input: '"a\rb",c\nd\n',
    expected: [
      [['a\rb', 'c'], 2, 2],
      [['d'], 1, 3],
    ],
  },
  // csv-parse counts every CR and LF inside quotes, so a quoted CRLF is two lines.
  {
    name: 'quoted CRLF counts two lines',
    input: '"a\r\nb",c\r\nd\r\n',
    expected: [
      [['a\r\nb', 'c'], 2, 3],
      [['d'], 1, 4],
    ],
  },
  { name: 'empty quoted field', input: '"",a\n', expected: [[['', 'a'], 2, 1]] },
  { name: 'line of only ""', input: '""\n', expected: [[[''], 1, 1]] },
  { name: 'quote inside unquoted field', input: 'a"b,c\n', expected: [[['a"b', 'c'], 2, 1]] },
  { name: 'quote at end of unquoted field', input: 'ab",c\n', expected: [[['ab"', 'c'], 2, 1]] },
  { name: 'doubled quote inside unquoted field', input: 'a""b,c\n', expected: [[['a""b', 'c'], 2, 1]] },
  { name: 'blank before opening quote', input: ' "a",b\n', expected: [[[' "a"', 'b'], 2, 1]] },
  // relax_quotes: text after a closing quote keeps the quotes (no INVALID_CLOSING_QUOTE).
  { name: 'text after closing quote', input: '"ab"c,d\n', expected: [[['"ab"c', 'd'], 2, 1]] },
  { name: 'blank after closing quote', input: '"ab" ,d\n', expected: [[['"ab" ', 'd'], 2, 1]] },
  { name: 'escapes then text after closing quote', input: '"a""b"c,d\n', expected: [[['"a"b"c', 'd'], 2, 1]] },
  { name: 'quotes after the relaxed close', input: '"a"b"c",d\n', expected: [[['"a"b"c"', 'd'], 2, 1]] },
  { name: '"" then text', input: '""a,b\n', expected: [[['""a', 'b'], 2, 1]] },
  { name: 'tripled quotes', input: '"""a""",b\n', expected: [[['"a"', 'b'], 2, 1]] },
  { name: 'NUL after closing quote closes it', input: '"ab"\u0000c,d\n', expected: [[['ab\u0000c', 'd'], 2, 1]] },
  { name: 'NUL after empty quotes', input: '""\u0000"x",d\n', expected: [[['\u0000"x"', 'd'], 2, 1]] },
  { name: 'closing quote at end of input', input: '"a"', expected: [[['a'], 1, 1]] },
  { name: 'unclosed quote', input: 'a,b\n"c,d\n', expected: { error: 'CSV_QUOTE_NOT_CLOSED', line: 2 } },
  { name: 'unclosed quote over lines', input: 'a\n"c\nd\ne', expected: { error: 'CSV_QUOTE_NOT_CLOSED', line: 4 } },
  { name: 'unclosed quote, CRLF', input: 'a\r\n"b\r\n', expected: { error: 'CSV_QUOTE_NOT_CLOSED', line: 3 } },
  { name: 'escaped quote at end is not a close', input: '"a""', expected: { error: 'CSV_QUOTE_NOT_CLOSED', line: 1 } },
  { name: '"" then delimiter stays quoted', input: '"a"",b\n', expected: { error: 'CSV_QUOTE_NOT_CLOSED', line: 1 } },
  {
    name: 'multibyte text',
    input: 'é,中,😀\n"é,😀",x\n',
    expected: [
      [['é', '中', '😀'], 3, 1],
      [['é,😀', 'x'], 2, 2],
    ],
  },
  // Every line break outside quotes ends a record, whatever the first one was
  // (csv-parse with record_delimiter ['\r\n', '\n', '\r']): files joined
  // from sources with different line endings lose no rows.
  {
    name: 'LF file with a CRLF',
    input: 'a,b\nc,d\r\ne,f\n',
    expected: [
      [['a', 'b'], 2, 1],
      [['c', 'd'], 2, 2],
      [['e', 'f'], 2, 3],
    ],
  },
  {
    name: 'CRLF file with a lone LF',
    input: 'a,b\r\nc,d\ne,f\r\n',
    expected: [
      [['a', 'b'], 2, 1],
      [['c', 'd'], 2, 2],
      [['e', 'f'], 2, 3],
    ],
  },
  {
    name: 'CR file with an LF',
    input: 'a,b\rc,d\ne,f\r',
    expected: [
      [['a', 'b'], 2, 1],
      [['c', 'd'], 2, 2],
      [['e', 'f'], 2, 3],
    ],
  },
  {
    name: 'LF file with a lone CR',
    input: 'a\nb\rc\n',
    expected: [
      [['a'], 1, 1],
      [['b'], 1, 2],
      [['c'], 1, 3],
    ],
  },
  {
    name: 'CR file then CRLF',
    input: 'a\rb\r\nc\r',
    expected: [
      [['a'], 1, 1],
      [['b'], 1, 2],
      [['c'], 1, 3],
    ],
  },
  { name: 'CRLF file ending in a lone CR (an empty line)', input: 'a\r\n\r', expected: [[['a'], 1, 1]] },
  {
    name: 'LF file ending in a CR',
    input: 'a\nb\r',
    expected: [
      [['a'], 1, 1],
      [['b'], 1, 2],
    ],
  },
  { name: 'CR between LFs is an empty line', input: '\n\r\n\nx', expected: [[['x'], 1, 4]] },
  {
    name: 'LF then CR is two line breaks',
    input: 'a\n\rb',
    expected: [
      [['a'], 1, 1],
      [['b'], 1, 3],
    ],
  },
  {
    name: 'CR then CR LF is two line breaks',
    input: 'a\r\r\nb',
    expected: [
      [['a'], 1, 1],
      [['b'], 1, 3],
    ],
  },
  { name: 'empty lines of every kind', input: '\r\n\n\r\ra\r\n\n', expected: [[['a'], 1, 5]] },
  {
    name: 'quote closed by a lone CR',
    input: 'x\r\n"a"\rb\r\n',
    expected: [
      [['x'], 1, 1],
      [['a'], 1, 2],
      [['b'], 1, 3],
    ],
  },
  {
    name: 'quote closed by CR, then LF',
    input: '"a"\rb\n',
    expected: [
      [['a'], 1, 1],
      [['b'], 1, 2],
    ],
  },
  {
    name: 'text after a closing quote, then CR LF',
    input: '"a"x\r\nb',
    expected: [
      [['"a"x'], 1, 1],
      [['b'], 1, 2],
    ],
  },
  {
    name: 'breaks of every kind inside quotes count each byte',
    input: '"a\r\nb\rc\nd",e\rf\r\ng\nh',
    expected: [
      [['a\r\nb\rc\nd', 'e'], 2, 5],
      [['f'], 1, 6],
      [['g'], 1, 7],
      [['h'], 1, 8],
    ],
  },
  { name: 'unclosed quote ending in a CR', input: 'a\r"x\r', expected: { error: 'CSV_QUOTE_NOT_CLOSED', line: 2 } },
  { name: 'unclosed quote ending in LF CR', input: '"x\n\r', expected: { error: 'CSV_QUOTE_NOT_CLOSED', line: 2 } },
  // Not UTF-8: invalid bytes decode to U+FFFD just like csv-parse's Buffer#toString.
  {
    name: 'invalid UTF-8 bytes',
    input: Buffer.from([0x61, 0xe4, 0xb8, 0x2c, 0xff, 0x0a, 0x22, 0xe4, 0x22, 0x22, 0xad, 0x22, 0x0a]),
    expected: [
      [['a\ufffd', '\ufffd'], 2, 1],
      [['\ufffd"\ufffd'], 1, 2],
    ],
  },
];

describe('CsvScanner hand cases', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const input = typeof c.input === 'string' ? B(c.input) : c.input;
    const ref = reference(input);
    const expected: Outcome = Array.isArray(c.expected)
      ? { records: c.expected }
      : { records: [], error: { code: c.expected.error, line: c.expected.line } };
    // the expectation documents csv-parse's own behaviour ...
    same(ref, expected);
    // ... and the scanner matches it, whole and cut at every single offset
    same(scan(input), expected);
    for (let cut = 0; cut <= input.length; cut++) same(scan(input, { cuts: [cut] }), expected);
    same(scan(input, { chunk: 1 }), expected);
  });

  test('projection picks fields in the given order and fills short rows with ""', () => {
    const input = B('a,b,c,d\n1,"2,x",3\n\n"q""",,,,\nonly\n');
    const got = scan(input, { proj: [3, 0, 1, 9, 0] });
    expect(got.records).toEqual([
      [['d', 'a', 'b', '', 'a'], 4, 1],
      [['', '1', '2,x', '', '1'], 3, 2],
      [['', 'q"', '', '', 'q"'], 5, 4],
      [['', 'only', '', '', 'only'], 1, 5],
    ]);
    expect(scan(input, { proj: [] }).records.map((r) => r[1])).toEqual([4, 3, 5, 1]);
  });

  test('project() between writes applies to the records delivered after it', () => {
    const s = new CsvScanner({ delimiter: ',' });
    const out: Rec[] = [];
    const cb = (f: string[], n: number, l: number): void => void out.push([f, n, l]);
    s.write(B('h1,h2,h3\nx,y'), cb); // header complete, second record still open
    s.project([2, 0]);
    s.write(B(',z\n1,2,3'), cb);
    s.end(cb);
    expect(out).toEqual([
      [['h1', 'h2', 'h3'], 3, 1],
      [['z', 'x'], 3, 2],
      [['3', '1'], 3, 3],
    ]);
  });

  test.each([';', '\t', '|'])('delimiter %j', (d) => {
    const input = B(`a${d}"b${d}c"${d}\r\n1${d}2\r\n`);
    same(scan(input, { delimiter: d }), reference(input, d));
    expect(scan(input, { delimiter: d }).records[0]?.[0]).toEqual(['a', `b${d}c`, '']);
  });

  test('rejects a bad delimiter', () => {
    expect(() => new CsvScanner({ delimiter: ',,' })).toThrow(TypeError);
    expect(() => new CsvScanner({ delimiter: '"' })).toThrow(TypeError);
    expect(() => new CsvScanner({ delimiter: 'é' })).toThrow(TypeError);
  });

  test('ScanError carries code, line and start', () => {
    const s = new CsvScanner({ delimiter: ',' });
    s.write(B('a\n\n"b\nc'), () => undefined);
    let err: unknown;
    try {
      s.end(() => undefined);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScanError);
    // line: where the input ends (csv-parse's); start: where the record with the quote starts
    expect(err).toMatchObject({ code: 'CSV_QUOTE_NOT_CLOSED', line: 4, start: 3 });
  });

  test('a multibyte character split between chunks at every byte', () => {
    const input = B('x,😀中é\n"😀,中",é\n');
    for (let a = 0; a <= input.length; a++) {
      for (let b = a; b <= input.length; b++) same(scan(input, { cuts: [a, b] }), reference(input));
    }
  });

  // UTF-16: csv-parse switches encoding on an FF FE BOM; the scanner is for
  // UTF-8 only (the caller decodes other encodings itself), so it keeps the
  // bytes. This is the one known difference; an FF FE start is never UTF-8.
  test('UTF-16LE BOM is not handled (documented difference)', () => {
    const input = Buffer.from([0xff, 0xfe, 0x61, 0x00]);
    expect(reference(input).records).toEqual([[['a'], 1, 1]]);
    expect(scan(input).records).toEqual([[['\ufffd\ufffda\u0000'], 1, 1]]);
  });
});

// ---------------------------------------------------------------------------
// Long records: the bytes of a record that spans many chunks must be looked
// at a bounded number of times (no re-scan from its start per chunk). Counted,
// not timed: every byte range the scanner's passes are handed is added up.

/** Bytes handed to the scanner's passes over a buffer (run: the record parser; advance: the end-of-record search). */
function scannedBytes(f: () => void): number {
  const proto = CsvScanner.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  let bytes = 0;
  const saved: [string, (...a: unknown[]) => unknown][] = [];
  for (const name of ['run', 'advance']) {
    const orig = proto[name];
    if (typeof orig !== 'function') continue;
    saved.push([name, orig]);
    // (buf, from, to, ...)
    proto[name] = function (this: unknown, ...a: unknown[]) {
      bytes += (a[2] as number) - (a[1] as number);
      return orig.apply(this, a);
    };
  }
  try {
    f();
  } finally {
    for (const [name, orig] of saved) proto[name] = orig;
  }
  return bytes;
}

describe('a record spanning many chunks is scanned in linear time', () => {
  // 2 MB inside quotes, with a line break every 100 bytes (each one used to
  // make the scanner try the whole pending record again)
  const long = ('x'.repeat(99) + '\n').repeat(20_000);
  const input = B(`a,b,c\n1,"${long}",z\n2,y,w\n`);

  test.each([
    ['64 KiB chunks', 65536, null],
    ['16 KiB chunks (gzip), projected', 16384, [2, 0]],
    ['1 KiB chunks, projected', 1024, [1]],
  ] as const)('a 2 MB quoted field: %s', (_name, chunk, proj) => {
    let out: Outcome = { records: [] };
    const bytes = scannedBytes(() => (out = scan(input, { chunk, proj: proj === null ? null : [...proj] })));
    const ref = reference(input);
    same(out, proj === null ? ref : projectRef(ref, proj));
    expect(out.records.map((r) => [r[1], r[2]])).toEqual([
      [3, 1],
      [3, 20_002],
      [3, 20_003],
    ]);
    expect(bytes).toBeLessThan(3 * input.length);
  });

  test('a quote never closed, early in a file of 40,000 lines', () => {
    const rows = 'a,b\n1,"x\n' + '2,some text\n'.repeat(40_000);
    const stray = B(rows);
    let out: Outcome = { records: [] };
    const bytes = scannedBytes(() => (out = scan(stray, { chunk: 65536, proj: [1] })));
    expect(out).toEqual({ records: [], error: { code: 'CSV_QUOTE_NOT_CLOSED', line: 40_002 } });
    same(out, reference(stray));
    expect(bytes).toBeLessThan(3 * stray.length);
  });
});

// ---------------------------------------------------------------------------
// The record size limit: a record of more bytes (line break not counted) is
// an error naming the line where it starts, found without reading further.

describe('maxRecordSize', () => {
  /** Writes `input` in chunks of `chunk` bytes until the scanner throws; the records and the error, and how many bytes it was given. */
  function limited(input: Buffer, max: number, chunk: number): { records: number[]; error?: [string, number]; fed: number } {
    const s = new CsvScanner({ delimiter: ',', maxRecordSize: max });
    const records: number[] = [];
    const cb = (_f: string[], _n: number, line: number): void => void records.push(line);
    let fed = 0;
    try {
      for (let i = 0; i < input.length; i += chunk) {
        const piece = input.subarray(i, i + chunk);
        fed += piece.length;
        s.write(piece, cb);
      }
      s.end(cb);
    } catch (e) {
      if (!(e instanceof ScanError)) throw e;
      return { records, error: [e.code, e.line], fed };
    }
    return { records, fed };
  }

  test('a record of exactly the limit is read; one byte more is an error at the line where it starts', () => {
    // the record `"0123<LF>45",67` starts on line 3, ends on line 4 and has 12 bytes
    const input = B('a,b\n\n"0123\n45",67\nc,d\n');
    for (let chunk = 1; chunk <= input.length; chunk++) {
      expect(limited(input, 12, chunk)).toEqual({ records: [1, 4, 5], fed: input.length });
      const over = limited(input, 11, chunk);
      expect([over.records, over.error]).toEqual([[1], ['CSV_RECORD_TOO_LARGE', 3]]);
    }
  });

  test('the last record, without a line break, counts too', () => {
    expect(limited(B('a\nbbbb'), 4, 2)).toEqual({ records: [1, 2], fed: 6 });
    expect(limited(B('a\nbbbbb'), 4, 2)).toMatchObject({ records: [1], error: ['CSV_RECORD_TOO_LARGE', 2] });
  });

  test('an endless record is given up on after the limit, in bounded memory', () => {
    // 4 MiB of zeros after a header; the limit is 100,000 bytes
    const input = Buffer.concat([B('Date,Offense\n'), Buffer.alloc(4 << 20)]);
    const r = limited(input, 100_000, 16384);
    expect(r.error).toEqual(['CSV_RECORD_TOO_LARGE', 2]);
    expect(r.records).toEqual([1]);
    expect(r.fed).toBeLessThanOrEqual(13 + 100_000 + 16384);
  });

  test('a quote never closed runs into the limit, projected or not', () => {
    const input = B('a,b\n1,2\n3,"open\n' + '4,5\n'.repeat(100_000));
    for (const proj of [null, [1]]) {
      const s = new CsvScanner({ delimiter: ',', maxRecordSize: 64 << 10 });
      if (proj) s.project(proj);
      let err: unknown;
      try {
        for (let i = 0; i < input.length; i += 65536) s.write(input.subarray(i, i + 65536), () => undefined);
        s.end(() => undefined);
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({ code: 'CSV_RECORD_TOO_LARGE', line: 3 });
    }
  });

  test('the default is 64 MiB', () => {
    expect(MAX_RECORD_SIZE).toBe(64 * 1024 * 1024);
  });
});

describe('findByte (four bytes at a time)', () => {
  test('equals a byte loop for every start, end, alignment and byte', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 40 }),
        fc.nat(40),
        fc.nat(40),
        fc.constantFrom(0x2c, 0x22, 0x00, 0xff, 0x80, 0x01),
        (bytes, a, b, byte) => {
          const buf = Buffer.alloc(48);
          buf.set(bytes);
          const u32 = new Uint32Array(buf.buffer, buf.byteOffset, buf.length >>> 2);
          const e = Math.min(Math.max(a, b), 48);
          const p = Math.min(a, b);
          let q = p;
          while (q < e && buf[q] !== byte) q++;
          expect(findByte(buf, u32, p, e, Math.imul(byte, 0x01010101), byte)).toBe(q);
          expect(findByte(buf, null, p, e, Math.imul(byte, 0x01010101), byte)).toBe(q);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('countToQuote (four bytes at a time)', () => {
  test('equals a byte loop: the first quote, and the delimiters before it', () => {
    const bytes = fc.uint8Array({ minLength: 0, maxLength: 40 }).map((a) => a.map((b) => [0x2c, 0x22, 0x41, 0x3b, b][b % 5]!));
    fc.assert(
      fc.property(bytes, fc.nat(40), fc.nat(40), fc.constantFrom(0x2c, 0x3b), (data, a, b, d) => {
        const buf = Buffer.alloc(48);
        buf.set(data);
        const u32 = new Uint32Array(buf.buffer, buf.byteOffset, buf.length >>> 2);
        const e = Math.min(Math.max(a, b), 48);
        const s = Math.min(a, b);
        let q = s;
        let n = 0;
        while (q < e && buf[q] !== 0x22) if (buf[q++] === d) n++;
        for (const view of [u32, null]) {
          const counted = new Int32Array(1);
          expect([countToQuote(buf, view, s, e, Math.imul(d, 0x01010101), d, counted), counted[0]]).toEqual([q, n]);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
