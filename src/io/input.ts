/**
 * Files to records: `-` for standard input, gzip (by content), UTF-8 with or
 * without BOM, UTF-16 with BOM, `--encoding latin1`; the delimiter is sniffed
 * from the first line. UTF-8 input (the default) goes through the byte-level
 * {@link CsvScanner}, which decodes only the columns asked for; other
 * encodings, multi-character delimiters and `CRIMEDELTA_READER=csv-parse` (a
 * debugging aid) go through csv-parse. Both deliver the same records. Streams:
 * never reads a whole file into memory.
 */
import { closeSync, createReadStream, fstatSync, openSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';
import { fsReason } from './output.js';
import { InputError } from '../errors.js';
import type { Options as CsvParseOptions } from 'csv-parse';
import type { TallyPart } from '../core/aggregate.js';
import { type CountJob, type RecordCallback, type RecordSource, recordSource, strictError } from '../core/ingest.js';
import { type ByteRange, CHUNK, readChunks } from './chunks.js';
import { byteRowCounter } from './byte-counter.js';
import { CsvScanner, MAX_RECORD_SIZE, ScanError } from './fast-scanner.js';
import { type DiskFile, type Helper, type HelperThread, reserveHelper, splitAt, splittable, startHelper } from './helper-thread.js';

export type Encoding = 'utf8' | 'latin1' | 'utf16le';

export interface InputOptions {
  encoding?: Encoding;
  /** Forced delimiter; sniffed when absent. */
  delimiter?: string;
  stdin?: NodeJS.ReadableStream;
  /** The most bytes a record may have (default 64 MiB): more is an error, not memory without bound. */
  maxRecordSize?: number;
}

/** Display name of an input: `-` is "stdin". */
export function displayName(path: string): string {
  return path === '-' ? 'stdin' : path;
}

/** Bytes read from the file (before any gunzip) and its size when known: for progress display. */
export interface ReadProgress {
  bytesRead: number;
  totalBytes: number | null;
  /** While a helper thread counts part of the file: [bytes, rows] it has read. */
  helper?: Float64Array;
}

/** Counts the bytes passing through (raw file bytes, before gunzip). */
async function* counted(src: AsyncIterable<Buffer>, progress: ReadProgress): AsyncGenerator<Buffer> {
  for await (const chunk of src) {
    progress.bytesRead += chunk.length;
    yield chunk;
  }
}

function openBytes(
  path: string,
  stdin: NodeJS.ReadableStream | undefined,
  progress: ReadProgress,
  reuse: { on: boolean },
  disk: { file: DiskFile | null },
): AsyncIterable<Buffer> {
  if (path === '-') return (stdin ?? process.stdin) as AsyncIterable<Buffer>;
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' ? new InputError('NO_SUCH_FILE', `${path}: no such file`) : new InputError('UNREADABLE_FILE', `${path}: cannot read (${fsReason(e)})`);
  }
  if (st.isDirectory()) throw new InputError('UNREADABLE_FILE', `${path} is a directory, not a CSV file`);
  // Not a regular file (a FIFO, a device): streamed; opening it here could block.
  if (!st.isFile()) return createReadStream(path, { highWaterMark: CHUNK });
  let fd: number;
  try {
    fd = openSync(path, 'r');
    st = fstatSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' ? new InputError('NO_SUCH_FILE', `${path}: no such file`) : new InputError('UNREADABLE_FILE', `${path}: cannot read (${fsReason(e)})`);
  }
  progress.totalBytes = st.size;
  const range: ByteRange = { start: 0, end: st.size };
  disk.file = { fd, size: st.size, range };
  return readChunks(fd, range, reuse);
}

/** Wraps errors of the underlying stream as one-line input errors. */
async function* guarded(name: string, src: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of src) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'Z_BUF_ERROR' || err.code === 'Z_DATA_ERROR' || /unexpected end of file/i.test(err.message)) {
      throw new InputError('BAD_GZIP', `${name}: the gzip data is truncated or corrupt (${err.message})`);
    }
    throw new InputError('UNREADABLE_FILE', `${name}: cannot read (${fsReason(err)})`);
  }
}

/** Decompresses when the content starts with the gzip magic bytes. */
async function* gunzipIfNeeded(name: string, src: AsyncIterable<Buffer>, seen: { gzip: boolean }): AsyncGenerator<Buffer> {
  const it = src[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const head = first.value;
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    seen.gzip = true;
    const rest = async function* () {
      yield head;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    };
    yield* guarded(name, Readable.from(rest()).pipe(createGunzip()));
    return;
  }
  yield head;
  for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
}

const DELIMITERS = [',', ';', '\t', '|'];

/** The delimiter that splits the first line into the most fields (outside quotes). */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  let most = 0;
  for (const [d, n] of counts) if (n > most) [best, most] = [d, n];
  return best;
}

/** Text chunks in the file's encoding (UTF-16 detected from its BOM). */
async function* decode(bytes: AsyncIterable<Buffer>, forced: Encoding | undefined): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  const latin1 = forced === 'latin1';
  for await (const chunk of bytes) {
    if (!decoder && !latin1) {
      let enc: string = forced === 'utf16le' ? 'utf-16le' : 'utf-8';
      if (chunk.length >= 2 && chunk[0] === 0xff && chunk[1] === 0xfe) enc = 'utf-16le';
      else if (chunk.length >= 2 && chunk[0] === 0xfe && chunk[1] === 0xff) enc = 'utf-16be';
      decoder = new TextDecoder(enc);
    }
    yield latin1 ? chunk.toString('latin1') : decoder!.decode(chunk, { stream: true });
  }
  if (decoder) {
    const tail = decoder.decode();
    if (tail) yield tail;
  }
}

/** Which reader a file goes through; `CRIMEDELTA_READER=csv-parse` forces the general one (a debugging aid). */
export type Reader = 'scanner' | 'csv-parse';

/** csv-parse's record for one row, as the async iterator yields it with `info: true`. */
interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** Records per batch on the csv-parse path. */
const BATCH = 1024;

/** Opens one input as a stream of CSV records (the header is the first record). */
export async function openRecords(path: string, opts: InputOptions = {}): Promise<RecordSource> {
  const name = displayName(path);
  const progress: ReadProgress = { bytesRead: 0, totalBytes: null };
  const reuse = { on: false, gzip: false };
  const disk: { file: DiskFile | null } = { file: null };
  const bytes = gunzipIfNeeded(name, guarded(name, counted(openBytes(path, opts.stdin, progress, reuse, disk), progress)), reuse);
  const bit = bytes[Symbol.asyncIterator]();
  /** Closes the file's descriptor once it is read (or given up on). */
  const closeFile = () => {
    if (disk.file !== null) closeSync(disk.file.fd);
    disk.file = null;
  };
  let first: IteratorResult<Buffer>;
  try {
    first = await bit.next();
  } catch (e) {
    closeFile();
    throw e;
  }
  const firstChunk: Buffer | null = first.done ? null : first.value;
  const utf16 =
    firstChunk !== null && firstChunk.length >= 2 && ((firstChunk[0] === 0xff && firstChunk[1] === 0xfe) || (firstChunk[0] === 0xfe && firstChunk[1] === 0xff));
  const replay = async function* (): AsyncGenerator<Buffer> {
    if (firstChunk !== null) yield firstChunk;
    for (let r = await bit.next(); !r.done; r = await bit.next()) yield r.value;
  };
  const forced = opts.delimiter;
  const maxRecord = opts.maxRecordSize ?? MAX_RECORD_SIZE;
  const scannerOk =
    (opts.encoding === undefined || opts.encoding === 'utf8') &&
    !utf16 &&
    process.env.CRIMEDELTA_READER !== 'csv-parse' &&
    (forced === undefined || (forced.length === 1 && forced.charCodeAt(0) < 0x80 && !'"\r\n\0'.includes(forced)));
  // The scanner copies what it keeps of a chunk, so plain (not gunzipped) chunks can reuse their buffers.
  if (scannerOk && !reuse.gzip) reuse.on = true;
  if (scannerOk) {
    const file = reuse.gzip ? null : disk.file;
    return scannerSource(name, replay(), firstChunk, forced, maxRecord, progress, file, closeFile);
  }
  try {
    const source = await csvParseSource(name, replay(), opts.encoding, forced, maxRecord, progress);
    return { ...source, close: closeFile };
  } catch (e) {
    closeFile();
    throw e;
  }
}

/** The fast path: UTF-8 bytes through the byte-level scanner, one chunk per batch. */
function scannerSource(
  name: string,
  bytes: AsyncGenerator<Buffer>,
  firstChunk: Buffer | null,
  forced: string | undefined,
  maxRecord: number,
  progress: ReadProgress,
  disk: DiskFile | null,
  closeFile: () => void,
): RecordSource {
  let thread: HelperThread | null = null;
  let head = firstChunk === null ? '' : firstChunk.toString('utf8', 0, Math.min(firstChunk.length, 1 << 16));
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const delimiter = forced ?? sniffDelimiter(head);
  // A split is made after an LF: a file with none at its start (CR line endings) is not worth a helper thread.
  const hasLF = head.includes('\n');
  const scanner = new CsvScanner({ delimiter, maxRecordSize: maxRecord });
  let done = false;
  let projected = false;
  // The chunk being scanned: before projection (header and sample, every field
  // decoded) it is fed in small steps so ingest can project early.
  let chunk: Buffer | null = null;
  let off = 0;
  // File offset of chunk[0] (for a file on disk, read from its start).
  let pos = 0;
  const wrap = (e: unknown): never => {
    if (e instanceof ScanError && e.code === 'CSV_RECORD_TOO_LARGE') throw recordTooLarge(name, e.start, maxRecord);
    if (e instanceof ScanError) throw unclosedQuote(name, e.start, e.line);
    throw e;
  };
  let helper: Helper | null = null;
  let helped: { part: TallyPart; lineOffset: number } | null = null;
  let splitNote = '';
  /** Counting from the bytes (countDirect): the helper counts its part the same way. */
  let direct = false;
  /** The plan offered for a helper, until the file is split (or it is too late to). */
  let offered: CountJob | null = null;
  /** Splits the rest of the file with the helper, if it is ready and enough is left. */
  const split = () => {
    const job = offered;
    if (job === null || thread === null || !thread.ready) return;
    offered = null;
    const consumed = chunk === null ? pos : pos + off;
    helper = startHelper(thread, disk!, consumed, delimiter, maxRecord, job, direct);
    if (helper === null) return;
    progress.helper = helper.progress;
    // This thread reads up to the helper's start, also in the chunk it holds.
    if (chunk !== null && pos + chunk.length > helper.start) chunk = chunk.subarray(0, helper.start - pos);
  };
  /** Reads the helper's part here after all (the helper thread, if still counting it, is stopped). */
  const takeBack = (why: string) => {
    const h = helper!;
    splitNote = `; split at byte ${h.start} ${why}, so this thread read on to the end`;
    helper = null;
    h.thread.stop();
    delete progress.helper;
    bytes = guarded(name, counted(readChunks(disk!.fd, { start: h.start, end: h.end }, { on: true }), progress));
  };
  return {
    name,
    delimiter,
    reader: 'scanner',
    progress,
    project: (indices) => {
      projected = indices !== null;
      scanner.project(indices === null ? null : [...indices]);
    },
    offload(job: CountJob): boolean {
      if (disk === null || helper !== null || !hasLF || !projected || !splittable(disk.size)) return false;
      // The helper thread loads while this thread reads on (started only now:
      // not competing with this thread's start-up and sample).
      thread = reserveHelper();
      if (thread === null) return false;
      offered = job;
      // A split forced for a test is made here, as soon as the helper is ready;
      // otherwise between chunks, once it is (see split()).
      if (splitAt() !== null) {
        thread.waitReady(30_000);
        split();
      }
      return true;
    },
    helped: () => helped,
    countDirect(job, counter) {
      if (!projected || process.env.CRIMEDELTA_DIRECT === '0') return false;
      direct = true;
      scanner.sink = byteRowCounter(job, counter.parse, counter.mapFn, counter.tally, counter.skip, scanner.decodeField, counter.fallback);
      return true;
    },
    describe: () => `scanner${splitNote}`,
    close() {
      thread?.release();
      thread = null;
      helper = null;
      closeFile();
    },
    async read(deliver: RecordCallback): Promise<boolean> {
      if (done) return false;
      const onRecord = deliver;
      try {
        if (chunk === null || off >= chunk.length) {
          if (offered !== null) split();
          const r = await bytes.next();
          if (r.done) {
            if (chunk !== null) pos += chunk.length;
            chunk = null;
            if (helper !== null) {
              // This thread's part is read. It ends on a record boundary only if
              // nothing is left over; then the helper's counts are the rest.
              if (!scanner.atRecordStart) {
                takeBack('fell inside a record');
                return true;
              }
              const reply = await helper.thread.wait(helper.reply);
              if (reply.kind === 'failed') {
                takeBack(`but the helper thread did not count it (${reply.message})`);
                return true;
              }
              const lineOffset = scanner.lineBreaks;
              if (reply.kind === 'unclosed') {
                throw unclosedQuote(name, lineOffset + reply.start, lineOffset + reply.line);
              }
              if (reply.kind === 'strict') throw strictError(reply.reason, name, lineOffset + reply.line, reply.value);
              if (reply.kind === 'too-large') throw recordTooLarge(name, lineOffset + reply.line, maxRecord);
              helped = { part: reply.part, lineOffset };
              splitNote = `; bytes from ${helper.start} (after line ${lineOffset}) counted by a helper thread`;
              helper = null;
              done = true;
              return false;
            }
            done = true;
            scanner.end(onRecord);
            return true;
          }
          if (chunk !== null) pos += chunk.length;
          chunk = r.value;
          off = 0;
        }
        const step = projected ? chunk.length - off : Math.min(SAMPLE_STEP, chunk.length - off);
        scanner.write(off === 0 && step === chunk.length ? chunk : chunk.subarray(off, off + step), onRecord);
        off += step;
      } catch (e) {
        wrap(e);
      }
      return true;
    },
  };
}

/** The one-line error for a quote that is never closed: where its record starts, and where the file ends. */
function unclosedQuote(name: string, start: number, endLine: number): InputError {
  return new InputError(
    'MALFORMED_CSV',
    `${name}:${start}: malformed CSV: a quote opened in the record on line ${start} is never closed (the file ends inside it at line ${endLine}); check the quotes on that line`,
  );
}

/** The one-line error for a record larger than the limit, on the line where it starts. */
function recordTooLarge(name: string, line: number, limit: number): InputError {
  return new InputError(
    'RECORD_TOO_LARGE',
    `${name}:${line}: a record is larger than ${formatSize(limit)} (the limit; --max-record-size to raise it) — is a quote on that line never closed?`,
  );
}

const KiB = 1024;
const MiB = KiB * KiB;
const GiB = MiB * KiB;

/** A size in bytes as the user would write it: 64 MiB, 128 MB, 1,000 bytes. */
function formatSize(n: number): string {
  for (const [unit, size] of [['GiB', GiB], ['MiB', MiB], ['KiB', KiB], ['GB', 1e9], ['MB', 1e6]] as const) {
    if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  }
  return n === 1 ? '1 byte' : `${n.toLocaleString('en-US')} bytes`;
}


/** Bytes scanned per batch until the source is projected. */
const SAMPLE_STEP = 64 * 1024;

/**
 * The csv-parse options of the general path; the byte scanner matches them
 * record for record. Every line break ends a record, whatever the first one
 * was: a file joined from sources with different line endings loses no rows
 * (csv-parse alone would take the first line break as the only one).
 */
export const CSV_PARSE_OPTIONS = {
  record_delimiter: ['\r\n', '\n', '\r'],
  bom: true,
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  info: true,
} satisfies CsvParseOptions;

/** The general path: decoded text through csv-parse, in batches of records. */
function csvParseSource(
  name: string,
  bytes: AsyncGenerator<Buffer>,
  encoding: Encoding | undefined,
  forced: string | undefined,
  maxRecord: number,
  progress: ReadProgress,
): Promise<RecordSource> {
  return (async () => {
    // Loaded only for the files that need it.
    const { parse, CsvError } = await import('csv-parse');
    const text = decode(bytes, encoding);
    const it = text[Symbol.asyncIterator]();
    const first = await it.next();
    let head = first.done ? '' : first.value;
    if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
    const delimiter = forced ?? sniffDelimiter(head);
    const all = async function* () {
      if (head) yield head;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    };
    // The line of the last record parsed (not only the last one read here: a
    // parse error can overtake records still queued in the stream), and the
    // empty lines skipped up to it.
    let lastLine = 0;
    let lastEmpty = 0;
    const parser = Readable.from(all()).pipe(
      parse({
        ...CSV_PARSE_OPTIONS,
        delimiter,
        max_record_size: maxRecord,
        on_record: (record, info) => {
          lastLine = info.lines;
          lastEmpty = info.empty_lines;
          return record;
        },
      } satisfies CsvParseOptions),
    );
    // Records as ingest wants them; a parse error becomes one line naming the place.
    const records = async function* () {
      try {
        for await (const r of parser as AsyncIterable<ParsedRecord>) yield { fields: r.record, line: r.info.lines };
      } catch (e) {
        if (e instanceof CsvError) {
          const { lines: line, empty_lines: empty } = e as InstanceType<typeof CsvError> & { lines?: number; empty_lines?: number };
          // The record at fault starts after the last one and the empty lines since.
          const start = lastLine + 1 + (empty ?? lastEmpty) - lastEmpty;
          if (e.code === 'CSV_MAX_RECORD_SIZE') throw recordTooLarge(name, start, maxRecord);
          if (e.code === 'CSV_QUOTE_NOT_CLOSED') throw unclosedQuote(name, start, line ?? start);
          throw new InputError('MALFORMED_CSV', `${name}${line ? `:${line}` : ''}: malformed CSV: ${e.message.replace(/^Invalid Record Length: /, '')}`);
        }
        throw e;
      }
    };
    return { ...recordSource(name, delimiter, records(), BATCH), reader: 'csv-parse' as const, progress };
  })();
}
