/**
 * The byte scanner equals csv-parse 7 record for record: on random documents
 * (random chunk splits, projections and alignments) and on real files (the
 * fixtures always; every file under CRIMEDELTA_REAL_DATA when it is set).
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { B, fixtureDir, projectRef, reference, repoRoot, same, scan } from '../helpers/scanner-harness.js';

const realDir = process.env.CRIMEDELTA_REAL_DATA;

// ---------------------------------------------------------------------------
// Property-based: random documents, random chunk splits, random projections

const text = fc.array(fc.constantFrom('a', 'b', 'Z', '0', ' ', 'é', '中', '😀', '-', '.'), { maxLength: 6 }).map((a) => a.join(''));

function quotedContent(delim: string): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom('a', 'é', '中', '😀', ' ', delim, '""', '\r', '\n', '\r\n'), { maxLength: 6 }).map((a) => a.join(''));
}

/** A field; `tails` are what may follow a closing quote (a quote there makes `""`, which keeps the field open). */
function field(delim: string, tails: readonly string[] = ['x', ' ', '"', 'é']): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: text }, // plain (may be empty)
    { weight: 3, arbitrary: quotedContent(delim).map((c) => `"${c}"`) }, // well-formed quoted
    { weight: 1, arbitrary: fc.tuple(text, text).map(([a, b]) => `${a.length ? a : 'x'}"${b}`) }, // quote inside unquoted
    { weight: 1, arbitrary: fc.tuple(quotedContent(delim), fc.constantFrom(...tails)).map(([c, t]) => `"${c}"${t}`) }, // text after closing quote
  );
}

const delimiterArb = fc.constantFrom(',', ',', ';', '\t', '|');

/** A document with one line-ending style, optional BOM, optional final newline. */
const documentArb = delimiterArb.chain((delim) =>
  fc
    .record({
      delim: fc.constant(delim),
      rows: fc.array(fc.array(field(delim), { minLength: 1, maxLength: 5 }), { maxLength: 8 }),
      eol: fc.constantFrom('\n', '\r\n', '\r'),
      bom: fc.boolean(),
      finalEol: fc.boolean(),
      emptyLines: fc.array(fc.nat({ max: 8 }), { maxLength: 2 }),
    })
    .map(({ delim: d, rows, eol, bom, finalEol, emptyLines }) => {
      const lines = rows.map((r) => r.join(d));
      for (const at of emptyLines) lines.splice(Math.min(at, lines.length), 0, '');
      let s = lines.join(eol);
      if (finalEol && lines.length) s += eol;
      return { delim: d, input: B((bom ? '\ufeff' : '') + s) };
    }),
);

/**
 * A document whose every line ends its own way (LF, CR LF or CR), as a file
 * joined from several sources; `lines` is where each record must end: every
 * non-empty line is one record, and the CR and LF bytes in its fields (all
 * inside quotes) count as lines each.
 */
const mixedArb = delimiterArb.chain((delim) =>
  fc
    .record({
      delim: fc.constant(delim),
      rows: fc.array(fc.tuple(fc.array(field(delim, ['x', ' ', 'é']), { maxLength: 5 }), fc.constantFrom('\n', '\r\n', '\r')), {
        maxLength: 10,
      }),
      last: fc.constantFrom('', '\n', '\r\n', '\r'),
    })
    .map(({ delim: d, rows: generated, last }) => {
      const rows = generated.map(([fields, eol], i) => [fields, i === generated.length - 1 ? last : eol] as const);
      const lines: number[] = [];
      let line = 1;
      let afterCR = false;
      for (const [fields, eol] of rows) {
        const text = fields.join(d);
        // an empty LF line right after a CR line ending makes a CR LF with it
        if (!(afterCR && text === '' && eol === '\n')) {
          line += text.split('').filter((c) => c === '\r' || c === '\n').length;
          if (text !== '') lines.push(line);
          if (eol !== '') line += 1;
        }
        afterCR = eol === '\r';
      }
      return { delim: d, input: B(rows.map(([fields, eol]) => fields.join(d) + eol).join('')), lines };
    }),
);

/** Token soup: anything goes, including mixed line endings and stray quotes. */
const soupArb = delimiterArb.chain((delim) =>
  fc
    .array(fc.constantFrom('a', 'é', '😀', ' ', delim, delim, '"', '""', '\r', '\n', '\r\n', '\u0000', '\ufeff'), { maxLength: 40 })
    .map((a) => ({ delim, input: B(a.join('')) })),
);

const cutsArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });
const projArb = fc.option(fc.array(fc.nat({ max: 7 }), { maxLength: 4 }), { nil: null });

function checkProperty(doc: { delim: string; input: Buffer }, fractions: number[], proj: number[] | null, misalign: number): void {
  const cuts = fractions.map((f) => Math.floor(f * doc.input.length)).sort((x, y) => x - y);
  const ref = reference(doc.input, doc.delim);
  const mine = scan(doc.input, { cuts, proj, delimiter: doc.delim, misalign });
  same(mine, proj === null ? ref : projectRef(ref, proj));
}

describe('CsvScanner equals csv-parse on random input', () => {
  test('structured documents (one line-ending style each)', () => {
    fc.assert(fc.property(documentArb, cutsArb, projArb, fc.nat({ max: 3 }), checkProperty), { numRuns: 1500 });
  });
  test('line endings mixed line by line (LF, CR LF, CR), quoted fields holding breaks', () => {
    fc.assert(
      fc.property(mixedArb, cutsArb, projArb, fc.nat({ max: 3 }), (doc, fractions, proj, misalign) => {
        const cuts = fractions.map((f) => Math.floor(f * doc.input.length)).sort((x, y) => x - y);
        expect(scan(doc.input, { cuts, proj, delimiter: doc.delim, misalign }).records.map((r) => r[2])).toEqual(doc.lines);
        checkProperty(doc, fractions, proj, misalign);
      }),
      { numRuns: 2000 },
    );
  });
  test('token soup (mixed line endings, stray quotes, NUL, BOM anywhere)', () => {
    fc.assert(fc.property(soupArb, cutsArb, projArb, fc.nat({ max: 3 }), checkProperty), { numRuns: 3000 });
  });
  test('long unquoted stretches (4-byte word counting), aligned and not', () => {
    const longField = fc
      .array(fc.constantFrom('a', 'é', ',', ',', '"', 'x y', '\r', '\n', '\r\n'), { minLength: 20, maxLength: 120 })
      .map((a) => a.join(''));
    const doc = fc
      .tuple(fc.array(longField, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'))
      .map(([rows, eol]) => ({ delim: ',', input: B(rows.join(eol)) }));
    fc.assert(fc.property(doc, cutsArb, projArb, fc.nat({ max: 3 }), checkProperty), { numRuns: 1500 });
  });
});

// ---------------------------------------------------------------------------
// Real files: the fixtures always, CRIMEDELTA_REAL_DATA when set

function csvFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...csvFilesUnder(p));
    else if (name.toLowerCase().endsWith('.csv')) out.push(p);
  }
  return out;
}

/** Bytes fed 1 and 7 at a time are limited to this prefix to keep the suite quick. */
const SMALL_CHUNK_PREFIX = 96 * 1024;

function checkFile(path: string): void {
  const buf = readFileSync(path);
  const ref = reference(buf);
  expect(ref.error).toBeUndefined();
  expect(ref.records.length).toBeGreaterThan(1);
  for (const chunk of [65536, 4096]) same(scan(buf, { chunk }), ref);
  const head = buf.subarray(0, SMALL_CHUNK_PREFIX);
  const headRef = head.length === buf.length ? ref : reference(head);
  for (const chunk of [7, 1]) same(scan(head, { chunk }), headRef);
  // projected: first, a middle and the last header field, plus one past the end
  const n = ref.records[0]?.[1] ?? 1;
  const proj = [n - 1, 0, Math.floor(n / 2), n + 2];
  same(scan(buf, { chunk: 65536, proj }), projectRef(ref, proj));
  same(scan(buf, { chunk: 65536, proj, misalign: 1 }), projectRef(ref, proj));
  same(scan(head, { chunk: 7, proj }), projectRef(headRef, proj));
  const proj2 = [Math.min(2, n - 1)];
  same(scan(buf, { chunk: 4096, proj: proj2 }), projectRef(ref, proj2));
}

describe('CsvScanner equals csv-parse on real files', () => {
  const fixtures = existsSync(fixtureDir) ? csvFilesUnder(fixtureDir) : [];
  test('fixtures are present', () => expect(fixtures.length).toBeGreaterThanOrEqual(5));
  test.each(fixtures.map((f) => [f.slice(repoRoot.length + 1), f]))('%s', (_name, f) => checkFile(f));

  const real = realDir && existsSync(realDir) ? csvFilesUnder(realDir) : [];
  if (real.length === 0) {
    test.skip('real files: set CRIMEDELTA_REAL_DATA to the folder of the full data sets to check them too', () => undefined);
  } else {
    test.each(real.map((f) => [f.slice(realDir!.length + 1), f]))('real %s', (_name, f) => checkFile(f), 60_000);
  }
});
