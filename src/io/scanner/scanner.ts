/**
 * A streaming, byte-level CSV scanner for UTF-8 input. Record for record it
 * gives what csv-parse 7 gives with CSV_PARSE_OPTIONS (input.ts) and the same
 * delimiter (fields, field count, `info.lines`), but decodes only the fields
 * asked for, or hands their bounds to a FieldSink.
 *
 * csv-parse's rules as reproduced (fast-scanner.test.ts checks each against
 * csv-parse, and random input too):
 * - A UTF-8 BOM at the start is dropped (a UTF-16 BOM is kept: not UTF-8).
 * - CR LF, LF and CR each end a record outside quotes, wherever they appear.
 * - A quote opens a quoted field only as its first byte. Inside, `""` is a
 *   quote; delimiters and line breaks are text. A closing quote followed by
 *   anything but the delimiter, a line break, the end or NUL makes the field
 *   `"` + the text so far + the rest as it is (`"a""b"c` gives `"a"b"c`);
 *   after NUL, the text so far + the rest (`"ab"␀c` gives `ab␀c`).
 * - An empty line is skipped; a line of blanks or delimiters is a record.
 * - The last record needs no line break; input ending inside quotes throws
 *   CSV_QUOTE_NOT_CLOSED.
 * - A record's line is 1 + the line breaks before its own: one per line break
 *   outside quotes (CR LF is one), one per CR or LF byte inside quotes (a
 *   quoted CR LF is two). For the unclosed-quote error, a CR or LF that ends
 *   the input is not counted.
 * - Text decodes as Buffer#toString('utf8') does (bad bytes become U+FFFD).
 *
 * Not csv-parse's: a record of more than maxRecordSize bytes (64 MiB) throws
 * CSV_RECORD_TOO_LARGE as soon as that many of its bytes are in. A record
 * that does not end in its chunk is kept, and only the new bytes of later
 * chunks are searched for its end ({@link CsvScanner.advance}): each byte is
 * looked at a bounded number of times, however long the record.
 */

import type { RecordCallback } from '../../core/types.js';
import { isAscii } from 'node:buffer';

export interface ScannerOptions {
  /** One ASCII character: , ; \t | */
  delimiter: string;
  /**
   * Start in the middle of an input, at the first byte of a record (no BOM
   * check): used to scan the second part of a file split on a record
   * boundary. Lines then count from the start of the part.
   */
  resume?: boolean;
  /** The most bytes a record may have, its line break not counted (default {@link MAX_RECORD_SIZE}). */
  maxRecordSize?: number;
}

/** The default limit on a record's size in bytes. */
export const MAX_RECORD_SIZE = 64 * 1024 * 1024;

/**
 * `start` is the line where the record at fault starts; `line` is where the
 * input ends for CSV_QUOTE_NOT_CLOSED (csv-parse's), `start` for
 * CSV_RECORD_TOO_LARGE.
 */
export class ScanError extends Error {
  readonly code: 'CSV_QUOTE_NOT_CLOSED' | 'CSV_RECORD_TOO_LARGE';
  readonly line: number;
  readonly start: number;
  constructor(code: 'CSV_QUOTE_NOT_CLOSED' | 'CSV_RECORD_TOO_LARGE', line: number, start: number, message: string) {
    super(message);
    this.name = 'ScanError';
    this.code = code;
    this.line = line;
    this.start = start;
  }
}

/** Node's Buffer has these fast decoders; @types/node does not declare them. */
type SliceBuffer = Buffer & { utf8Slice(start: number, end: number): string; latin1Slice(start: number, end: number): string };

/** Smallest scratch buffer for an unfinished record; one larger than MAX_KEPT is dropped once its record is done. */
const MIN_PENDING = 64 * 1024;
const MAX_KEPT = 1 << 20;
/** Bytes decoded at once as latin1 for field slicing. */
const WINDOW = 32 * 1024;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Where the search for the end of an unfinished record stands (see
 * {@link CsvScanner.advance}): at the start of a field or right after a quote
 * inside quotes (both: a quote enters quotes, the delimiter starts a field, a
 * CR or LF ends the record, anything else is text); in the text of an
 * unquoted field (or the literal rest of a relaxed quoted one); inside quotes.
 */
const S_FIELD = 0;
const S_TEXT = 1;
const S_QUOTED = 2;

/** How a field is decoded. */
export const K_PLAIN = 0; // bytes [start, end) as they are
export const K_QUOTED = 1; // "..." with no inner quotes: bytes [start + 1, end - 1)
export const K_COMPLEX = 2; // quoted with "" escapes, or text after the closing quote

/**
 * Receives a record of a projected scan as field bounds in `buf` (indexed by
 * column, kinds as above; columns up to `lastKept` are set) instead of decoded
 * fields; returns false to give up, after which the scanner delivers decoded
 * records again, from the next record on.
 */
export type FieldSink = (
  buf: Buffer,
  fStart: Int32Array,
  fEnd: Int32Array,
  fKind: Uint8Array,
  count: number,
  lastKept: number,
  line: number,
) => boolean;

export class CsvScanner {
  private readonly delim: number;
  /** The delimiter in each byte of a 32-bit word. */
  private readonly delim4: number;
  private readonly maxRecord: number;
  /**
   * Scratch buffer holding the unfinished record from earlier chunks (or,
   * before the BOM check, the first bytes of the input).
   */
  private pending: Buffer | null = null;
  private pendingLen = 0;
  /** How far the search for the end of the pending record has got (S_*). */
  private pendingState = S_FIELD;
  private bomChecked = false;
  /** The last byte consumed was a CR line break at the end of a buffer: an LF first in the next one belongs to it. */
  private afterCR = false;
  /** Counted line breaks before the start of the current record. */
  private breaks = 0;
  private ended = false;

  /**
   * While projected: receives each record's field bounds instead of decoded
   * fields (see byte-counter.ts); set back to null when it gives up.
   */
  sink: FieldSink | null = null;

  /** Projection: output slot j takes field proj[j]; null = all fields. */
  private proj: Int32Array | null = null;
  /** Highest field index whose bounds are stored (-1 = none; Infinity-like when all). */
  private keepUpTo = 0x7fffffff;

  private fStart = new Int32Array(64);
  private fEnd = new Int32Array(64);
  private fKind = new Uint8Array(64);

  constructor(opts: ScannerOptions) {
    const d = opts.delimiter;
    if (typeof d !== 'string' || d.length !== 1 || d.charCodeAt(0) > 0x7f) {
      throw new TypeError(`delimiter must be one ASCII character, got ${JSON.stringify(d)}`);
    }
    const c = d.charCodeAt(0);
    if (c === QUOTE || c === CR || c === LF || c === 0) {
      throw new TypeError(`delimiter cannot be ${JSON.stringify(d)}`);
    }
    this.delim = c;
    this.delim4 = Math.imul(c, 0x01010101);
    const max = opts.maxRecordSize ?? MAX_RECORD_SIZE;
    if (!Number.isInteger(max) || max < 1 || max > 2 ** 31 - 2) throw new RangeError(`bad maxRecordSize ${max}`);
    this.maxRecord = max;
    if (opts.resume === true) this.bomChecked = true;
  }

  /**
   * True when every byte written so far belongs to delivered records (or
   * skipped empty lines): the next byte starts a record. After a split, this
   * is the proof that the split point was a record boundary.
   */
  get atRecordStart(): boolean {
    return this.pendingLen === 0 && this.bomChecked && !this.ended && !this.afterCR;
  }

  /** Line breaks counted before the next record: a part scanned with `resume` adds this to its lines. */
  get lineBreaks(): number {
    return this.breaks;
  }

  project(indices: readonly number[] | null): void {
    if (indices === null) {
      this.proj = null;
      this.keepUpTo = 0x7fffffff;
      return;
    }
    let max = -1;
    for (const i of indices) {
      if (!Number.isInteger(i) || i < 0) throw new RangeError(`bad field index ${i}`);
      if (i > max) max = i;
    }
    this.proj = Int32Array.from(indices);
    this.keepUpTo = max;
    this.ensureSlots(max + 1);
  }

  write(chunk: Buffer, onRecord: RecordCallback): void {
    if (this.ended) throw new Error('CsvScanner.write() after end()');
    if (chunk.length === 0) return;
    let from = 0;
    if (!this.bomChecked) {
      // The BOM check needs the first three bytes of the input.
      if (this.pendingLen > 0) {
        chunk = Buffer.concat([(this.pending as Buffer).subarray(0, this.pendingLen), chunk]);
        this.pendingLen = 0;
      }
      if (chunk.length < 3) {
        this.append(chunk, 0, chunk.length);
        return;
      }
      this.bomChecked = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) from = 3;
    }
    // A record inside one piece is no larger than the piece: in pieces of at
    // most the limit, only records that span pieces need to be measured.
    const n = chunk.length;
    const max = this.maxRecord;
    for (let a = from; a < n; a += max) this.writePiece(chunk, a, n - a > max ? a + max : n, onRecord);
  }

  private writePiece(chunk: Buffer, from: number, n: number, onRecord: RecordCallback): void {
    // (indexOf searches to the end of a buffer: end it where the piece ends)
    if (n < chunk.length) chunk = chunk.subarray(0, n);
    if (this.pendingLen > 0) {
      // An unfinished record is pending: look for its end in the new bytes
      // only (where the search stopped is kept), and parse the record once,
      // when its end is there.
      const e = this.advance(chunk, from, n);
      if (this.pendingLen + ((e < 0 ? n : e) - from) > this.maxRecord) throw this.tooLarge();
      if (e < 0) {
        this.append(chunk, from, n);
        return;
      }
      this.append(chunk, from, e + 1);
      const plen = this.pendingLen;
      const stop = this.run((this.pending as Buffer).subarray(0, plen), 0, plen, false, onRecord);
      if (stop !== plen) throw new Error('CsvScanner: internal error: a pending record did not end where expected');
      this.pendingLen = 0;
      if ((this.pending as Buffer).length > MAX_KEPT) this.pending = null;
      from = e + 1;
      if (from >= n) return;
    }
    const stop = this.run(chunk, from, n, false, onRecord);
    if (stop < n) this.keep(chunk, stop, n);
  }

  end(onRecord: RecordCallback): void {
    if (this.ended) return;
    this.ended = true;
    this.bomChecked = true; // fewer than three bytes: no BOM
    const buf = this.pending;
    const len = this.pendingLen;
    this.pending = null;
    this.pendingLen = 0;
    if (buf !== null && len > 0) this.run(buf.subarray(0, len), 0, len, true, onRecord);
  }

  // ---- the record that does not end in its chunk ------------------------------

  private append(src: Buffer, from: number, to: number): void {
    const need = this.pendingLen + (to - from);
    let buf = this.pending;
    if (buf === null || buf.length < need) {
      // (a pending record never holds more than the limit and its line break)
      const size = Math.min(Math.max(buf === null ? 0 : buf.length * 2, MIN_PENDING), this.maxRecord + 1);
      const grown = Buffer.allocUnsafe(Math.max(need, size));
      if (buf !== null) buf.copy(grown, 0, 0, this.pendingLen);
      buf = grown;
      this.pending = grown;
    }
    src.copy(buf, this.pendingLen, from, to);
    this.pendingLen = need;
  }

  /**
   * Keeps src[from, to), the start of a record the scan could not finish
   * (copied: the caller may reuse its buffer), and where the search for its
   * end stands.
   */
  private keep(src: Buffer, from: number, to: number): void {
    this.pendingLen = 0;
    this.append(src, from, to);
    this.pendingState = S_FIELD;
    if (this.advance(src, from, to) >= 0) throw new Error('CsvScanner: internal error: an unfinished record has an end');
  }

  /**
   * Goes on with the search for the end of the pending record in buf[p, to):
   * returns the offset of the CR or LF that ends it, or -1 (then the state is
   * kept for the next bytes). Each byte is looked at once (quoted text is
   * skipped with indexOf).
   */
  private advance(buf: Buffer, p: number, to: number): number {
    const d = this.delim;
    let st = this.pendingState;
    while (p < to) {
      if (st === S_QUOTED) {
        const q = nextIndex(buf, QUOTE, p, to);
        if (q >= to) break;
        st = S_FIELD; // a quote inside quotes: the next byte decides, as at a field start
        p = q + 1;
        continue;
      }
      if (st === S_TEXT) {
        while (p < to) {
          const c = buf[p] as number;
          if (c === d || c === LF || c === CR) break;
          p++;
        }
        if (p >= to) break;
      }
      const c = buf[p] as number;
      if (c === LF || c === CR) {
        this.pendingState = S_FIELD;
        return p;
      }
      st = c === QUOTE ? S_QUOTED : c === d ? S_FIELD : S_TEXT;
      p++;
    }
    this.pendingState = st;
    return -1;
  }

  /** Scans buf[from, len) (buf is the input or the pending record); returns the first unconsumed offset. */
  private run(buf: Buffer, from: number, len: number, final: boolean, onRecord: RecordCallback): number {
    let p = from;
    if (this.afterCR) {
      // the LF of a CR LF cut by the end of the last buffer
      this.afterCR = false;
      if (p < len && buf[p] === LF) p++;
    }
    this.curLen = len;
    this.winBuf = null;
    return this.scan(buf as SliceBuffer, p, len, final, onRecord);
  }

  // Decoding window: latin1 text of buf[wS, wE) so that ASCII fields are
  // cheap String#slice calls instead of one native decode call each.
  private curLen = 0;
  private winBuf: Buffer | null = null;
  private win = '';
  private wS = 0;
  private wE = 0;
  private winAscii = false;

  private text(buf: SliceBuffer, s: number, e: number): string {
    if (s >= e) return '';
    if (this.winBuf !== buf || s < this.wS || e > this.wE) {
      const we = Math.max(e, Math.min(this.curLen, s + WINDOW));
      this.win = buf.latin1Slice(s, we);
      this.wS = s;
      this.wE = we;
      this.winAscii = isAscii(buf.subarray(s, we));
      this.winBuf = buf;
    }
    if (this.winAscii || asciiOnly(buf, s, e)) return this.win.slice(s - this.wS, e - this.wS);
    return buf.utf8Slice(s, e);
  }

  private decode(buf: SliceBuffer, s: number, e: number, kind: number): string {
    if (kind === K_PLAIN) return this.text(buf, s, e);
    if (kind === K_QUOTED) return this.text(buf, s + 1, e - 1);
    return decodeComplex(buf, s, e);
  }

  private ensureSlots(n: number): void {
    if (n <= this.fStart.length) return;
    let cap = this.fStart.length;
    while (cap < n) cap *= 2;
    const s = new Int32Array(cap);
    s.set(this.fStart);
    const e = new Int32Array(cap);
    e.set(this.fEnd);
    const k = new Uint8Array(cap);
    k.set(this.fKind);
    this.fStart = s;
    this.fEnd = e;
    this.fKind = k;
  }

  // ---- parsing ---------------------------------------------------------------
  //
  // One record at a time: its first CR or LF (e, found with indexOf, cached)
  // bounds the search for delimiters; a quoted field holding line breaks moves
  // e past its closing quote. Kept fields are split with findByte (four bytes
  // at a time), the rest of a record is only counted with countToQuote.

  /** 32-bit view of the buffer being scanned (null when it is not 4-byte aligned). */
  private u32: Uint32Array | null = null;
  /** The next LF / CR at or after some earlier offset of that buffer (its length: none); recomputed once passed. */
  private cLF = -1;
  private cCR = -1;
  /** The record being read: where it ends as far as known (its first CR or LF outside quotes, or len), and the line breaks inside its quotes. */
  private e = 0;
  private nb = 0;
  /** The kind of the quoted field just read ({@link quoted}). */
  private kind = K_PLAIN;
  /** Delimiters counted by the last {@link countToQuote} call. */
  private readonly counted = new Int32Array(1);

  /**
   * Delivers every complete record of buf[from, len); returns the offset of
   * the first byte not consumed (the start of an unfinished record), or len.
   */
  private scan(buf: SliceBuffer, from: number, len: number, final: boolean, onRecord: RecordCallback): number {
    this.u32 = (buf.byteOffset & 3) === 0 ? new Uint32Array(buf.buffer, buf.byteOffset, len >>> 2) : null;
    this.cLF = -1;
    this.cCR = -1;
    let p = from;
    while (p < len) {
      const e = this.lineEnd(buf, p, len);
      if (e === p) {
        // an empty line: skipped, but it is a line
        this.breaks++;
        p = this.afterBreak(buf, e, len);
        continue;
      }
      // no line break left: the record ends in a later buffer (or at the end of the input)
      if (e >= len && !final) return p;
      const next = this.record(buf, p, e, len, final, onRecord);
      if (next < 0) return p;
      p = next;
    }
    return len;
  }

  /** The first CR or LF at or after p, or len. */
  private lineEnd(buf: Buffer, p: number, len: number): number {
    let lf = this.cLF;
    if (lf < p) this.cLF = lf = nextIndex(buf, LF, p, len);
    let cr = this.cCR;
    if (cr < p) this.cCR = cr = nextIndex(buf, CR, p, len);
    return lf < cr ? lf : cr;
  }

  /**
   * The offset after the line break at t (a CR LF is one). A CR that is the
   * last byte of the buffer leaves an LF first in the next buffer to it.
   */
  private afterBreak(buf: Buffer, t: number, len: number): number {
    if (buf[t] === CR) {
      if (t + 1 >= len) {
        this.afterCR = true;
        return len;
      }
      if (buf[t + 1] === LF) return t + 2;
    }
    return t + 1;
  }

  /**
   * Reads the record starting at p, whose first CR or LF is at e (len: none),
   * keeping the bounds of fields up to keepUpTo, and delivers it; returns the
   * offset after its line break (len at the end), or -1 when it does not end
   * in this buffer.
   */
  private record(buf: SliceBuffer, p: number, e: number, len: number, final: boolean, onRecord: RecordCallback): number {
    const d = this.delim;
    const d4 = this.delim4;
    const u32 = this.u32;
    const keep = this.keepUpTo;
    let fS = this.fStart;
    let fE = this.fEnd;
    let fK = this.fKind;
    this.e = e;
    this.nb = 0;
    let k = 0;
    while (true) {
      const fs = p;
      let kind = K_PLAIN;
      if (buf[p] === QUOTE) {
        p = this.quoted(buf, p, len, final);
        if (p < 0) return -1;
        kind = this.kind;
        e = this.e;
        // text after the closing quote: the rest of the field is literal
        if (p < e && buf[p] !== d) p = findByte(buf, u32, p, e, d4, d);
      } else {
        p = findByte(buf, u32, p, e, d4, d);
      }
      if (k >= fS.length) {
        this.ensureSlots(k + 1);
        fS = this.fStart;
        fE = this.fEnd;
        fK = this.fKind;
      }
      fS[k] = fs;
      fE[k] = p;
      fK[k] = kind;
      if (p >= e) break;
      p++;
      k++;
      if (k > keep) {
        k = this.countRest(buf, p, k, len, final);
        if (k < 0) return -1;
        break;
      }
    }
    e = this.e;
    if (e >= len && !final) return -1;
    const nb = this.nb;
    this.emit(buf, k + 1, k < keep ? k : keep, this.breaks + nb + 1, onRecord);
    if (e >= len) {
      this.breaks += nb;
      return len;
    }
    this.breaks += nb + 1;
    return this.afterBreak(buf, e, len);
  }

  /**
   * Counts the fields of the rest of a record from field k on (p at its
   * start) without keeping them: delimiters up to a quote that opens a field,
   * four bytes at a time, then quoted fields one by one. Returns the index of
   * the last field, or -1 when the record does not end in this buffer.
   */
  private countRest(buf: Buffer, p: number, k: number, len: number, final: boolean): number {
    const d = this.delim;
    const d4 = this.delim4;
    const u32 = this.u32;
    const counted = this.counted;
    let e = this.e;
    while (true) {
      // p is at a field start
      if (buf[p] === QUOTE) {
        p = this.quoted(buf, p, len, final);
        if (p < 0) return -1;
        e = this.e;
        if (p >= e) return k;
        if (buf[p] === d) {
          p++;
          k++;
          continue;
        }
        // text after the closing quote: counted below, its quotes are text
      }
      let s = p;
      while (true) {
        const q = countToQuote(buf, u32, s, e, d4, d, counted);
        k += counted[0] as number;
        if (q >= e) return k;
        if (buf[q - 1] === d) {
          p = q; // a quote that opens a field
          break;
        }
        s = q + 1; // a quote inside a field is text
      }
    }
  }

  /**
   * Reads the quoted field whose opening quote is at p: returns the offset
   * after its closing quote, or -1 when that is not in this buffer (nor the
   * byte after it, which tells `""` from a closing quote). Sets this.kind:
   * K_COMPLEX for `""` inside, or text after the closing quote.
   */
  private quoted(buf: Buffer, p: number, len: number, final: boolean): number {
    let kind = K_QUOTED;
    let q = findByte(buf, this.u32, p + 1, len, QUOTE4, QUOTE);
    while (q + 1 < len && buf[q + 1] === QUOTE) {
      kind = K_COMPLEX;
      q = findByte(buf, this.u32, q + 2, len, QUOTE4, QUOTE);
    }
    // (the rare cases in a function of their own keep this one small enough to inline)
    if ((q + 1 >= len || q > this.e) && !this.quoteRare(buf, p, q, len, final)) return -1;
    const n = q + 1;
    const c = buf[n];
    this.kind = n < len && c !== this.delim && c !== LF && c !== CR ? K_COMPLEX : kind;
    return n;
  }

  /**
   * For {@link quoted} when the quote at q ends the buffer (or q is len: no
   * quote), or the field holds line breaks: those count in this.nb and move
   * this.e to the record's first line break after them. Returns false when
   * the field does not end in this buffer; at the end of the input, a quote
   * never closed throws.
   */
  private quoteRare(buf: Buffer, p: number, q: number, len: number, final: boolean): boolean {
    if (q + 1 >= len) {
      if (!final) return false;
      if (q >= len) throw this.unclosed(this.breaks, this.nb + countBreaks(buf, p, len), buf, len);
    }
    if (q > this.e) {
      this.nb += countBreaks(buf, this.e, q);
      this.e = this.lineEnd(buf, q, len);
    }
    return true;
  }

  /** breaks: line breaks before the record; nb: inside it, up to the end of the input. */
  private unclosed(breaks: number, nb: number, buf: Buffer, len: number): ScanError {
    const line = breaks + nb - lastIsBreak(buf, len) + 1;
    this.ended = true;
    return new ScanError(
      'CSV_QUOTE_NOT_CLOSED',
      line,
      breaks + 1,
      `Quote Not Closed: the parsing is finished with an opening quote at line ${line}`,
    );
  }

  private tooLarge(): ScanError {
    const line = this.breaks + 1;
    this.ended = true;
    return new ScanError(
      'CSV_RECORD_TOO_LARGE',
      line,
      line,
      `Record Too Large: the record starting at line ${line} has more than ${this.maxRecord} bytes`,
    );
  }

  /** A field decoded as in a delivered record (for a sink). */
  readonly decodeField = (buf: Buffer, s: number, e: number, kind: number): string => this.decode(buf as SliceBuffer, s, e, kind);

  private emit(buf: SliceBuffer, fieldCount: number, lastKept: number, line: number, onRecord: RecordCallback): void {
    const proj = this.proj;
    const sink = this.sink;
    if (sink !== null && proj !== null) {
      if (!sink(buf, this.fStart, this.fEnd, this.fKind, fieldCount, lastKept, line)) this.sink = null;
      return;
    }
    const fStart = this.fStart;
    const fEnd = this.fEnd;
    const fKind = this.fKind;
    let fields: string[];
    if (proj === null) {
      fields = new Array<string>(fieldCount);
      for (let j = 0; j < fieldCount; j++) fields[j] = this.decode(buf, fStart[j] as number, fEnd[j] as number, fKind[j] as number);
    } else {
      const m = proj.length;
      fields = new Array<string>(m);
      for (let j = 0; j < m; j++) {
        const idx = proj[j] as number;
        fields[j] = idx <= lastKept ? this.decode(buf, fStart[idx] as number, fEnd[idx] as number, fKind[idx] as number) : '';
      }
    }
    onRecord(fields, fieldCount, line);
  }
}

/** First index of byte c in buf[from, len), or len. */
function nextIndex(buf: Buffer, c: number, from: number, len: number): number {
  const i = buf.indexOf(c, from);
  return i < 0 || i > len ? len : i;
}

/** 1 when the last input byte is CR or LF (csv-parse has not counted it yet when the input ends). */
function lastIsBreak(buf: Buffer, len: number): number {
  const c = buf[len - 1];
  return c === CR || c === LF ? 1 : 0;
}

function asciiOnly(buf: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if ((buf[i] as number) >= 0x80) return false;
  return true;
}

/** The quote in each byte of a 32-bit word. */
const QUOTE4 = 0x22222222;

/** Whether the machine is little-endian: {@link findByte} reads byte positions out of 32-bit words. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The first index of byte b in buf[p, e), or e; b4 is b in each byte of a
 * word. With a 4-byte-aligned view u32 of buf (and a little-endian machine)
 * four bytes are tested at once: x = word XOR b4 has a zero byte where b is,
 * and (x − 0x01010101) & ~x & 0x80808080 flags the lowest zero byte exactly.
 */
export function findByte(buf: Buffer, u32: Uint32Array | null, p: number, e: number, b4: number, b: number): number {
  if (u32 !== null && LITTLE_ENDIAN) {
    while ((p & 3) !== 0) {
      if (p >= e || buf[p] === b) return p;
      p++;
    }
    // p is aligned now
    let w = p >>> 2;
    const we = e >>> 2;
    while (w < we) {
      const x = (u32[w] as number) ^ b4;
      const y = (x - 0x01010101) & ~x & 0x80808080;
      if (y !== 0) return (w << 2) + ((31 - Math.clz32(y & -y)) >>> 3);
      w++;
    }
    p = w << 2;
  }
  while (p < e && buf[p] !== b) p++;
  return p;
}

/**
 * The first quote in buf[s, e), or e, in one pass that also counts the
 * delimiters before it into counted[0], four bytes at a time as in
 * {@link findByte}: y gets the high bit of each byte equal to d, and the
 * multiplication adds those bits up in its top byte.
 */
export function countToQuote(
  buf: Buffer,
  u32: Uint32Array | null,
  s: number,
  e: number,
  d4: number,
  d: number,
  counted: Int32Array,
): number {
  let c = 0;
  let p = s;
  if (u32 !== null && LITTLE_ENDIAN) {
    while ((p & 3) !== 0) {
      if (p >= e) {
        counted[0] = c;
        return p;
      }
      const b = buf[p];
      if (b === QUOTE) {
        counted[0] = c;
        return p;
      }
      if (b === d) c++;
      p++;
    }
    let w = p >>> 2;
    const we = e >>> 2;
    for (; w < we; w++) {
      const word = u32[w] as number;
      const xq = word ^ QUOTE4;
      if (((xq - 0x01010101) & ~xq & 0x80808080) !== 0) break;
      const x = word ^ d4;
      const y = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f);
      c += Math.imul(y >>> 7, 0x01010101) >>> 24;
    }
    p = w << 2;
  }
  for (; p < e; p++) {
    const b = buf[p];
    if (b === QUOTE) break;
    if (b === d) c++;
  }
  counted[0] = c;
  return p;
}

/** Number of CR and LF bytes in buf[s, e). */
function countBreaks(buf: Buffer, s: number, e: number): number {
  let c = 0;
  for (let i = s; i < e; i++) {
    const b = buf[i];
    if (b === LF || b === CR) c++;
  }
  return c;
}

/**
 * A quoted field with `""` escapes and/or text after its closing quote.
 * buf[s] is the opening quote, e the end of the field (delimiter, line
 * break or end of input). Pieces are split at quote bytes only, so
 * decoding them one by one gives the same text as decoding the whole.
 */
function decodeComplex(buf: SliceBuffer, s: number, e: number): string {
  let out = '';
  let seg = s + 1;
  let i = seg;
  while (true) {
    while (i < e && buf[i] !== QUOTE) i++;
    if (i >= e) return out + buf.utf8Slice(seg, e); // cannot happen for a scanned field
    if (i + 1 < e && buf[i + 1] === QUOTE) {
      out += buf.utf8Slice(seg, i + 1);
      i += 2;
      seg = i;
      continue;
    }
    if (i + 1 === e) return out + buf.utf8Slice(seg, i);
    if (buf[i + 1] === 0) return out + buf.utf8Slice(seg, i) + buf.utf8Slice(i + 1, e);
    return '"' + out + buf.utf8Slice(seg, i) + buf.utf8Slice(i, e);
  }
}
