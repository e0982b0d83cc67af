/**
 * A streaming, byte-level CSV record scanner for UTF-8 input.
 *
 * It reproduces, record by record, what csv-parse 7 returns with
 *   { delimiter, record_delimiter: ['\r\n', '\n', '\r'], bom: true,
 *     relax_column_count: true, relax_quotes: true, skip_empty_lines: true,
 *     info: true }  (CSV_PARSE_OPTIONS in input.ts)
 * (fields, field count and `info.lines`), but only decodes the fields the
 * caller asked for and jumps over the rest of a record with `Buffer.indexOf`.
 *
 * csv-parse behaviours reproduced here (each one checked by running csv-parse,
 * see test/unit/io/fast-scanner.test.ts):
 *
 * - A leading UTF-8 BOM (EF BB BF) is dropped. (csv-parse also recognises a
 *   UTF-16LE BOM FF FE and switches to UTF-16; such input is not UTF-8 and is
 *   not handled here: the BOM bytes stay in the first field.)
 * - Every line break outside quotes ends a record: CR LF, LF or CR, wherever
 *   it appears, so files joined from sources with different line endings
 *   lose no rows. CR LF is one line break; LF CR is two.
 * - A quote opens a quoted field only as the first byte of a field. Inside,
 *   `""` is one quote; delimiters, CR and LF are data. The closing quote
 *   must be followed by the delimiter, a CR or LF, the end of the input or a
 *   NUL byte. Otherwise (relax_quotes) the field becomes
 *   `"` + the text read so far + the rest taken literally: `"ab"c` gives
 *   `"ab"c`, `"a""b"c` gives `"a"b"c`. After a NUL the quote is closed and
 *   the NUL and the rest are appended: `"ab"<NUL>c` gives `ab<NUL>c`.
 * - A quote later in a field is an ordinary character (`a"b` gives `a"b`).
 * - A line with no bytes at all is skipped; a line with blanks or only a
 *   delimiter is a record (`" "` gives [" "], `","` gives ["", ""]).
 * - A last record without a line break is delivered; a file ending inside
 *   quotes throws CSV_QUOTE_NOT_CLOSED.
 * - Not csv-parse's: a record of more than `maxRecordSize` bytes (its line
 *   break not counted; 64 MiB by default) throws CSV_RECORD_TOO_LARGE as
 *   soon as that many bytes of it are read, so a quote never closed or a
 *   file without line breaks cannot take memory without bound. (csv-parse's
 *   max_record_size counts the characters of the fields instead.)
 * - `line` is csv-parse's `info.lines`: 1 + the line breaks before the
 *   record's own line break, where a line break outside quotes counts once
 *   (CR LF too) and every CR and LF byte inside quotes counts once (so a
 *   CR LF inside a quoted field counts as TWO lines, as in csv-parse). For
 *   the unclosed-quote error, a CR or LF that is the very last byte of the
 *   input is not counted.
 * - Fields are decoded as UTF-8 exactly like Buffer#toString (invalid bytes
 *   become U+FFFD); multibyte characters split across chunks are fine since a
 *   record is only decoded once all its bytes are present.
 */

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
 * fields: decoded strings (all, or the projected ones — missing projected
 * indices in short rows are ''); fieldCount: how many fields the record really
 * had; line: 1-based physical line where the record ENDS (csv-parse's
 * info.lines). The `fields` array is new for every record and belongs to the
 * callee.
 */
export type RecordCallback = (fields: string[], fieldCount: number, line: number) => void;

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

  // ---------------------------------------------------------------------------

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

  /**
   * Cached positions of the next LF / CR in the buffer being scanned at or
   * after some earlier offset (the buffer's end when there is none),
   * recomputed once the scan has passed them; handed between {@link scan}
   * and {@link fastRun} so that neither searches the same bytes twice.
   */
  private cLF = -1;
  private cCR = -1;

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
   * Deliver every complete record of buf[from, len). Returns the offset of
   * the first byte not consumed (start of the unfinished record), or len.
   */
  private scan(buf: SliceBuffer, from: number, len: number, final: boolean, onRecord: RecordCallback): number {
    const d = this.delim;
    let keepUpTo = this.keepUpTo;
    let breaks = this.breaks;
    let fStart = this.fStart;
    let fEnd = this.fEnd;
    let fKind = this.fKind;

    let p = from;
    let cQ = -1;
    let cLF = -1;
    let cCR = -1;
    // 32-bit view for counting delimiters four bytes at a time
    const u32 = (buf.byteOffset & 3) === 0 ? new Uint32Array(buf.buffer, buf.byteOffset, len >>> 2) : null;
    record: while (true) {
      const rs = p;
      // project() may have been called by the callback: re-read per record
      keepUpTo = this.keepUpTo;
      fStart = this.fStart;
      fEnd = this.fEnd;
      fKind = this.fKind;
      if (p >= len) {
        // Nothing left: no record here (an empty last line is not a record).
        this.breaks = breaks;
        return len;
      }
      // Fast path: projected records with no line break inside quotes and no
      // text after a closing quote (almost every record), in a small function
      // of its own (compiled early, and quickly).
      if (this.proj !== null) {
        this.breaks = breaks;
        this.cLF = cLF;
        this.cCR = cCR;
        const q = this.fastRun(buf, u32, p, len, onRecord);
        cLF = this.cLF;
        cCR = this.cCR;
        if (q !== p) {
          breaks = this.breaks;
          p = q;
          continue record;
        }
      }
      let k = 0; // index of the current field
      let nb = 0; // counted line breaks inside this record
      let lastKept = -1;

      field: while (true) {
        const fs = p;
        let kind = K_PLAIN;
        // ---- quoted field ---------------------------------------------------
        if (p < len && buf[p] === QUOTE) {
          kind = K_QUOTED;
          let i = p + 1;
          let closed = false;
          while (true) {
            // find the next quote, counting line breaks on the way
            while (i < len) {
              const c = buf[i] as number;
              if (c === QUOTE) break;
              if (c === LF || c === CR) nb++;
              i++;
            }
            if (i >= len) {
              if (!final) return this.incomplete(rs, breaks);
              throw this.unclosed(breaks, nb, buf, len);
            }
            // buf[i] is a quote
            if (i + 1 >= len) {
              if (!final) return this.incomplete(rs, breaks);
              // closing quote is the last byte of the input
              p = i + 1;
              closed = true;
              break;
            }
            const n = buf[i + 1] as number;
            if (n === QUOTE) {
              kind = K_COMPLEX;
              i += 2;
              continue;
            }
            if (n === d || n === LF || n === CR) {
              p = i + 1;
              closed = true;
              break;
            }
            // NUL after the quote closes it; anything else is text after a
            // closing quote (relax_quotes). Either way the rest of the field
            // is taken literally.
            kind = K_COMPLEX;
            p = i + 1;
            break;
          }
          if (closed) {
            // p is just after the closing quote, at a delimiter / line break / end
            if (k <= keepUpTo) {
              if (k >= fStart.length) {
                this.ensureSlots(k + 1);
                fStart = this.fStart;
                fEnd = this.fEnd;
                fKind = this.fKind;
              }
              fStart[k] = fs;
              fEnd[k] = p;
              fKind[k] = kind;
              lastKept = k;
            }
            if (p >= len) {
              // end of input (final)
              this.emit(buf, k + 1, lastKept, breaks + nb + 1, onRecord);
              this.breaks = breaks + nb;
              return len;
            }
            if (buf[p] === d) {
              p++;
              k++;
              if (k > keepUpTo) break field;
              continue field;
            }
            // line break
            this.emit(buf, k + 1, lastKept, breaks + nb + 1, onRecord);
            breaks += nb + 1;
            p = this.afterBreak(buf, p, len);
            continue record;
          }
        }
        // ---- unquoted field (or the literal rest of a relaxed quoted one) ---
        while (p < len) {
          const c = buf[p] as number;
          if (c === d || c === LF || c === CR) break;
          p++;
        }
        if (p >= len && !final) return this.incomplete(rs, breaks);
        if (k <= keepUpTo) {
          if (k >= fStart.length) {
            this.ensureSlots(k + 1);
            fStart = this.fStart;
            fEnd = this.fEnd;
            fKind = this.fKind;
          }
          fStart[k] = fs;
          fEnd[k] = p;
          fKind[k] = kind;
          lastKept = k;
        }
        if (p >= len) {
          // end of input (final): a record, unless the whole line is empty
          // (cannot be: an empty record start is caught above)
          this.emit(buf, k + 1, lastKept, breaks + nb + 1, onRecord);
          this.breaks = breaks + nb;
          return len;
        }
        if (buf[p] === d) {
          p++;
          k++;
          if (k > keepUpTo) break field;
          continue field;
        }
        // line break at p
        if (k === 0 && p === fs && kind === K_PLAIN) {
          // empty line: skipped, but it is a line
          breaks += 1;
          p = this.afterBreak(buf, p, len);
          continue record;
        }
        this.emit(buf, k + 1, lastKept, breaks + nb + 1, onRecord);
        breaks += nb + 1;
        p = this.afterBreak(buf, p, len);
        continue record;
      }

      // ---- skip the rest of the record: fields k, k+1, ... are not needed --
      // We are at the start of field k (after a delimiter). Count delimiters
      // and line breaks up to the record's end, jumping with indexOf over
      // stretches that contain no quote and no CR/LF.
      skip: while (true) {
        // p is at a field start
        if (p < len && buf[p] === QUOTE) {
          // quoted field: same rules as above, without keeping anything;
          // the closing quote is found with indexOf
          let i = p + 1;
          while (true) {
            if (cQ < i) cQ = nextIndex(buf, QUOTE, i, len);
            if (cLF < i) cLF = nextIndex(buf, LF, i, len);
            if (cCR < i) cCR = nextIndex(buf, CR, i, len);
            if (cLF < cQ || cCR < cQ) nb += countBreaks(buf, i, cQ);
            i = cQ;
            if (i >= len) {
              if (!final) return this.incomplete(rs, breaks);
              throw this.unclosed(breaks, nb, buf, len);
            }
            if (i + 1 >= len) {
              if (!final) return this.incomplete(rs, breaks);
              this.emit(buf, k + 1, lastKept, breaks + nb + 1, onRecord);
              this.breaks = breaks + nb;
              return len;
            }
            const n = buf[i + 1] as number;
            if (n === QUOTE) {
              i += 2;
              continue;
            }
            if (n === d) {
              p = i + 2;
              k++;
              continue skip;
            }
            if (n === LF || n === CR) {
              this.emit(buf, k + 1, lastKept, breaks + nb + 1, onRecord);
              breaks += nb + 1;
              p = this.afterBreak(buf, i + 1, len);
              continue record;
            }
            // relaxed / NUL: the rest of the field is literal
            p = i + 1;
            break;
          }
        }
        // Unquoted stretch: quotes here are literal until the next delimiter.
        // Jump to the record's end (the next CR or LF) with indexOf; if no
        // quote lies before it, only delimiters need counting.
        if (cQ < p) cQ = nextIndex(buf, QUOTE, p, len);
        if (cLF < p) cLF = nextIndex(buf, LF, p, len);
        if (cCR < p) cCR = nextIndex(buf, CR, p, len);
        const e = cLF < cCR ? cLF : cCR; // the line break ending the record (len: not in this buffer)
        if (cQ >= e) {
          k += countByte(buf, u32, p, e, d);
          if (e >= len) {
            if (!final) return this.incomplete(rs, breaks);
            this.emit(buf, k + 1, lastKept, breaks + nb + 1, onRecord);
            this.breaks = breaks + nb;
            return len;
          }
          this.emit(buf, k + 1, lastKept, breaks + nb + 1, onRecord);
          breaks += nb + 1;
          p = this.afterBreak(buf, e, len);
          continue record;
        }
        // A quote comes first: count the delimiters before it. A quote right
        // after a delimiter opens a quoted field; otherwise it is text, and
        // the byte loop goes on to the end of the field it is in.
        k += countByte(buf, u32, p, cQ, d);
        p = cQ;
        if (buf[p - 1] === d) continue skip;
        while (p < len) {
          const c = buf[p] as number;
          if (c === d || c === LF || c === CR) break;
          p++;
        }
        if (p >= len) {
          if (!final) return this.incomplete(rs, breaks);
          this.emit(buf, k + 1, lastKept, breaks + nb + 1, onRecord);
          this.breaks = breaks + nb;
          return len;
        }
        if (buf[p] === d) {
          p++;
          k++;
          continue skip;
        }
        this.emit(buf, k + 1, lastKept, breaks + nb + 1, onRecord);
        breaks += nb + 1;
        p = this.afterBreak(buf, p, len);
        continue record;
      }
    }
  }

  /**
   * Delivers the simple records from p on (see {@link fastRecord}), advancing
   * this.breaks; returns where the first record it cannot take starts (p when
   * none was taken), or len.
   */
  private fastRun(buf: SliceBuffer, u32: Uint32Array | null, p: number, len: number, onRecord: RecordCallback): number {
    let breaks = this.breaks;
    let cLF = this.cLF;
    let cCR = this.cCR;
    while (p < len) {
      if (cLF < p) cLF = nextIndex(buf, LF, p, len);
      if (cCR < p) cCR = nextIndex(buf, CR, p, len);
      const e = cLF < cCR ? cLF : cCR;
      if (e >= len) break; // no line end in this buffer
      if (e > p) {
        const count = this.fastRecord(buf, u32, p, e);
        if (count <= 0) break;
        const keep = this.keepUpTo;
        this.emit(buf, count, count - 1 < keep ? count - 1 : keep, breaks + 1, onRecord);
      }
      // (e === p: an empty line, skipped but counted)
      breaks += 1;
      if (e === cCR) {
        if (e + 1 >= len) {
          this.afterCR = true;
          p = len;
          break;
        }
        p = buf[e + 1] === LF ? e + 2 : e + 1;
      } else p = e + 1;
    }
    this.cLF = cLF;
    this.cCR = cCR;
    this.breaks = breaks;
    return p;
  }

  /** Delimiters counted by the last {@link countToQuote} call. */
  private readonly counted = new Int32Array(1);

  /**
   * One record buf[p, e) ending with the CR or LF at e, the first after p: stores
   * the bounds of the kept fields and returns the field count, or -1 when the
   * record needs the general scan (a quoted field running past e, or text
   * after a closing quote).
   */
  private fastRecord(buf: Buffer, u32: Uint32Array | null, p: number, e: number): number {
    const d = this.delim;
    const d4 = this.delim4;
    const keep = this.keepUpTo;
    const fS = this.fStart;
    const fE = this.fEnd;
    const fK = this.fKind;
    let k = 0;
    // the kept fields: bounds and kinds
    while (true) {
      const fs = p;
      let kind = K_PLAIN;
      if (buf[p] === QUOTE) {
        kind = K_QUOTED;
        let i = p + 1;
        while (true) {
          i = findByte(buf, u32, i, e, QUOTE4, QUOTE);
          if (i >= e) return -1;
          if (buf[i + 1] === QUOTE) {
            kind = K_COMPLEX;
            i += 2;
            continue;
          }
          break;
        }
        p = i + 1;
        if (p !== e && buf[p] !== d) return -1;
      } else {
        p = findByte(buf, u32, p, e, d4, d);
      }
      fS[k] = fs;
      fE[k] = p;
      fK[k] = kind;
      if (p === e) return k + 1;
      p++;
      k++;
      if (k > keep) break;
    }
    // the rest: only delimiters are counted; quoted fields may hold some
    while (true) {
      if (buf[p] === QUOTE) {
        let i = p + 1;
        while (true) {
          i = findByte(buf, u32, i, e, QUOTE4, QUOTE);
          if (i >= e) return -1;
          if (buf[i + 1] === QUOTE) {
            i += 2;
            continue;
          }
          break;
        }
        p = i + 1;
        if (p === e) return k + 1;
        if (buf[p] !== d) return -1;
        p++;
        k++;
        continue;
      }
      // an unquoted stretch: count delimiters up to a quote that opens a field
      let s = p;
      while (true) {
        const q = countToQuote(buf, u32, s, e, d4, d, this.counted);
        k += this.counted[0]!;
        if (q >= e) return k + 1;
        if (buf[q - 1] === d) {
          p = q;
          break;
        }
        s = q + 1; // a quote inside a field is text
      }
    }
  }

  private incomplete(rs: number, breaks: number): number {
    this.breaks = breaks;
    return rs;
  }

  /** breaks: line breaks before the record; nb: inside it, up to the end of the input. */
  private unclosed(breaks: number, nb: number, buf: Buffer, len: number): ScanError {
    const line = breaks + nb - lastIsBreak(buf, len) + 1;
    this.ended = true;
    return new ScanError('CSV_QUOTE_NOT_CLOSED', line, breaks + 1, `Quote Not Closed: the parsing is finished with an opening quote at line ${line}`);
  }

  private tooLarge(): ScanError {
    const line = this.breaks + 1;
    this.ended = true;
    return new ScanError('CSV_RECORD_TOO_LARGE', line, line, `Record Too Large: the record starting at line ${line} has more than ${this.maxRecord} bytes`);
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

/** First index of byte c in buf[from, len), or len. (The buffer may be longer than len.) */
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
 * delimiters before it into counted[0] (four bytes at a time, as in
 * {@link findByte} and {@link countByte}).
 */
export function countToQuote(buf: Buffer, u32: Uint32Array | null, s: number, e: number, d4: number, d: number, counted: Int32Array): number {
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

/** Number of bytes equal to d in buf[s, e); u32 views the same bytes when buf is 4-byte aligned. */
function countByte(buf: Buffer, u32: Uint32Array | null, s: number, e: number, d: number): number {
  let c = 0;
  let j = s;
  if (u32 !== null && e - s >= 16) {
    while ((j & 3) !== 0) {
      if (buf[j] === d) c++;
      j++;
    }
    // SWAR: per 32-bit word, set the high bit of every byte equal to d, then add them up
    const dd = Math.imul(d, 0x01010101);
    const wEnd = e >>> 2;
    for (let w = j >>> 2; w < wEnd; w++) {
      const x = (u32[w] as number) ^ dd;
      const y = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f);
      c += Math.imul(y >>> 7, 0x01010101) >>> 24;
    }
    j = wEnd << 2;
  }
  for (; j < e; j++) if (buf[j] === d) c++;
  return c;
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
