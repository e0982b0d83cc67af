/**
 * Files to records: `-` for standard input, gzip (by content), UTF-8 with or
 * without BOM, UTF-16 with BOM, `--encoding latin1`; the delimiter is sniffed
 * from the first line. UTF-8 input (the default) goes through the byte-level
 * {@link CsvScanner}, which decodes only the columns asked for; other
 * encodings, multi-character delimiters and `CRIMEDELTA_READER=csv-parse` (a
 * debugging aid) go through csv-parse. Both deliver the same records. Streams:
 * never reads a whole file into memory.
 */
import { closeSync, createReadStream, existsSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';
import type { Options as CsvParseOptions } from 'csv-parse';
import type { TallyPart } from '../core/aggregate.js';
import { type CountJob, type RecordCallback, type RecordSource, recordSource, strictError } from '../core/ingest.js';
import { type ByteRange, CHUNK, readChunks } from './chunks.js';
import type { WorkerJob, WorkerReply } from './count-worker.js';
import { byteRowCounter } from './byte-counter.js';
import { CsvScanner, ScanError } from './fast-scanner.js';

export type Encoding = 'utf8' | 'latin1' | 'utf16le';

export interface InputOptions {
  encoding?: Encoding;
  /** Forced delimiter; sniffed when absent. */
  delimiter?: string;
  stdin?: NodeJS.ReadableStream;
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

/** A regular file being read: its path and size, and the byte range the main thread reads. */
interface DiskFile {
  path: string;
  size: number;
  range: ByteRange;
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
    throw new InputError(
      code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? String(e)})`,
    );
  }
  if (st.isDirectory()) throw new InputError(`${path} is a directory, not a CSV file`);
  if (!st.isFile()) return createReadStream(path, { highWaterMark: CHUNK });
  progress.totalBytes = st.size;
  const range: ByteRange = { start: 0, end: st.size };
  disk.file = { path, size: st.size, range };
  return readChunks(path, range, reuse);
}

/** Wraps errors of the underlying stream as one-line input errors. */
async function* guarded(name: string, src: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of src) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'Z_BUF_ERROR' || err.code === 'Z_DATA_ERROR' || /unexpected end of file/i.test(err.message)) {
      throw new InputError(`${name}: the gzip data is truncated or corrupt (${err.message})`);
    }
    throw new InputError(`${name}: cannot read (${err.code ?? err.message})`);
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
  const first = await bit.next();
  const firstChunk: Buffer | null = first.done ? null : first.value;
  const utf16 =
    firstChunk !== null && firstChunk.length >= 2 && ((firstChunk[0] === 0xff && firstChunk[1] === 0xfe) || (firstChunk[0] === 0xfe && firstChunk[1] === 0xff));
  const replay = async function* (): AsyncGenerator<Buffer> {
    if (firstChunk !== null) yield firstChunk;
    for (let r = await bit.next(); !r.done; r = await bit.next()) yield r.value;
  };
  const forced = opts.delimiter;
  const scannerOk =
    (opts.encoding === undefined || opts.encoding === 'utf8') &&
    !utf16 &&
    process.env.CRIMEDELTA_READER !== 'csv-parse' &&
    (forced === undefined || (forced.length === 1 && forced.charCodeAt(0) < 0x80 && !'"\r\n\0'.includes(forced)));
  // The scanner copies what it keeps of a chunk, so plain (not gunzipped) chunks can reuse their buffers.
  if (scannerOk && !reuse.gzip) reuse.on = true;
  if (scannerOk) {
    const file = reuse.gzip ? null : disk.file;
    // A file that may be split gets its worker thread now, so that it is ready when the split is decided.
    const idle = file !== null && splittable(file.size) ? spawnWorker() : null;
    return scannerSource(name, replay(), firstChunk, forced, progress, file, idle);
  }
  return csvParseSource(name, replay(), opts.encoding, forced, progress);
}

/** The fast path: UTF-8 bytes through the byte-level scanner, one chunk per batch. */
function scannerSource(
  name: string,
  bytes: AsyncGenerator<Buffer>,
  firstChunk: Buffer | null,
  forced: string | undefined,
  progress: ReadProgress,
  disk: DiskFile | null,
  idle: IdleWorker | null,
): RecordSource {
  let head = firstChunk === null ? '' : firstChunk.toString('utf8', 0, Math.min(firstChunk.length, 1 << 16));
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const delimiter = forced ?? sniffDelimiter(head);
  const scanner = new CsvScanner({ delimiter });
  let done = false;
  let projected = false;
  // The chunk being scanned: before projection (header and sample, every field
  // decoded) it is fed in small steps so ingest can project early.
  let chunk: Buffer | null = null;
  let off = 0;
  // File offset of chunk[0] (for a file on disk, read from its start).
  let pos = 0;
  const wrap = (e: unknown): never => {
    // The quote opened in the record after the last complete one.
    if (e instanceof ScanError) throw unclosedQuote(name, scanner.lastLine, e.line);
    throw e;
  };
  let helper: Helper | null = null;
  let helped: { part: TallyPart; lineOffset: number } | null = null;
  let splitNote = '';
  /** Stops the worker thread, whether it was given a part or not. */
  const stopWorker = () => {
    if (idle !== null) void idle.worker.terminate();
    idle = null;
  };
  /** Reads the helper's part here after all. */
  const takeBack = (why: string) => {
    const h = helper!;
    splitNote = `; split at byte ${h.start} ${why}, so this thread read on to the end`;
    helper = null;
    stopWorker();
    delete progress.helper;
    bytes = guarded(name, counted(readChunks(h.path, { start: h.start, end: h.end }, { on: true }), progress));
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
      const rd = scanner.recordDelimiter;
      if (disk === null || idle === null || helper !== null || rd === null || !projected) {
        stopWorker();
        return false;
      }
      const consumed = chunk === null ? pos : pos + off;
      helper = startHelper(idle, disk, consumed, delimiter, rd, job);
      if (helper === null) {
        stopWorker();
        return false;
      }
      progress.helper = helper.progress;
      // This thread reads up to the helper's start, also in the chunk it holds.
      if (chunk !== null && pos + chunk.length > helper.start) chunk = chunk.subarray(0, helper.start - pos);
      return true;
    },
    helped: () => helped,
    countDirect(job, counter) {
      if (!projected || process.env.CRIMEDELTA_DIRECT === '0') return false;
      scanner.sink = byteRowCounter(job, counter.parse, counter.mapFn, counter.tally, counter.skip, scanner.decodeField, counter.fallback);
      return true;
    },
    describe: () => `scanner${splitNote}`,
    close() {
      stopWorker();
      helper = null;
    },
    async read(deliver: RecordCallback): Promise<boolean> {
      if (done) return false;
      const onRecord = deliver;
      try {
        if (chunk === null || off >= chunk.length) {
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
              const reply = await helper.reply;
              if (reply.kind === 'failed') {
                takeBack(`but the helper thread failed (${reply.message})`);
                return true;
              }
              const lineOffset = scanner.lineBreaks;
              if (reply.kind === 'unclosed') {
                throw unclosedQuote(name, reply.lastLine > 0 ? lineOffset + reply.lastLine : scanner.lastLine, lineOffset + reply.line);
              }
              if (reply.kind === 'strict') throw strictError(reply.reason, name, lineOffset + reply.line, reply.value);
              helped = { part: reply.part, lineOffset };
              splitNote = `; bytes from ${helper.start} (after line ${lineOffset}) counted by a helper thread`;
              helper = null;
              idle = null;
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

/** Files smaller than this are read on one thread: starting a helper costs more than it saves. */
const SPLIT_MIN_BYTES = 16 << 20;

/** The worker script next to this module (absent when running from the TypeScript sources, under jest). */
const WORKER_URL = new URL('./count-worker.js', import.meta.url);
let workerExists: boolean | undefined;

/** A helper thread counting the bytes [start, end) of a file. */
interface Helper {
  path: string;
  start: number;
  end: number;
  progress: Float64Array;
  reply: Promise<WorkerReply>;
}

/** A worker thread started when the file is opened (loading its modules takes a while), waiting for its part. */
interface IdleWorker {
  worker: Worker;
  reply: Promise<WorkerReply>;
}

/**
 * Whether a file may be split between two threads: more than one core,
 * CRIMEDELTA_THREADS is not 1, the worker script is there, and the file is
 * large (or CRIMEDELTA_SPLIT_AT forces a split, for tests).
 */
function splittable(size: number): boolean {
  const env = process.env;
  if (env.CRIMEDELTA_THREADS === '1' || availableParallelism() < 2) return false;
  workerExists ??= existsSync(fileURLToPath(WORKER_URL));
  return workerExists && (size >= SPLIT_MIN_BYTES || env.CRIMEDELTA_SPLIT_AT !== undefined);
}

function spawnWorker(): IdleWorker {
  const worker = new Worker(WORKER_URL);
  // A helper nobody waits for does not keep the process alive.
  worker.unref();
  const reply = new Promise<WorkerReply>((resolve) => {
    worker.once('message', (m: WorkerReply) => resolve(m));
    worker.once('error', (e) => resolve({ kind: 'failed', message: e.message }));
    worker.once('exit', (code) => resolve({ kind: 'failed', message: `helper thread exited (${code})` }));
  });
  return { worker, reply };
}

/**
 * Splits the rest of a large file in two: from here on this thread reads up to
 * the split and the idle worker counts from there to the end. The split is the
 * byte after the first LF past the middle of what is left: a record boundary
 * unless that LF is inside a quoted field, which the main thread finds out
 * when it gets there (then it reads the rest itself). Null when no line
 * starts past this thread's position.
 */
function startHelper(
  idle: IdleWorker,
  disk: DiskFile,
  consumed: number,
  delimiter: string,
  rd: 'lf' | 'crlf',
  job: CountJob,
): Helper | null {
  const { range, size, path } = disk;
  const forcedAt = process.env.CRIMEDELTA_SPLIT_AT !== undefined ? Number(process.env.CRIMEDELTA_SPLIT_AT) : NaN;
  const at = Number.isInteger(forcedAt) && forcedAt >= 0 ? forcedAt : consumed + Math.floor((size - consumed) / 2);
  const start = at <= consumed ? null : nextLineStart(path, at, size);
  if (start === null || start >= size) return null;
  range.end = start;
  const shared = new SharedArrayBuffer(16);
  const data: WorkerJob = { path, start, end: size, delimiter, resume: rd, job, direct: process.env.CRIMEDELTA_DIRECT !== '0', progress: shared };
  const { worker } = idle;
  worker.postMessage(data);
  // Waiting for the reply keeps the process alive.
  const waited = idle.reply.finally(() => worker.unref());
  return {
    path,
    start,
    end: size,
    progress: new Float64Array(shared),
    get reply() {
      worker.ref();
      return waited;
    },
  };
}

/** The offset just after the first LF at or after `at − 1` (so `at` itself when a line starts there); null when none is in the next MiB. */
function nextLineStart(path: string, at: number, size: number): number | null {
  if (at <= 0) return 0;
  const look = Buffer.allocUnsafe(Math.min(1 << 20, size - at + 1));
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, look, 0, look.length, at - 1);
    const i = look.subarray(0, n).indexOf(0x0a);
    return i < 0 ? null : at + i;
  } finally {
    closeSync(fd);
  }
}

/**
 * The one-line error for a quote that is never closed. Parsers report where
 * the file ends; the quote opened in the record after the last complete one.
 */
function unclosedQuote(name: string, lastLine: number, endLine: number): InputError {
  const start = lastLine + 1;
  return new InputError(
    `${name}:${start}: malformed CSV: a quote opened in the record on line ${start} is never closed (the file ends inside it at line ${endLine}); check the quotes on that line`,
  );
}

/** Bytes scanned per batch until the source is projected. */
const SAMPLE_STEP = 64 * 1024;

/** The csv-parse options of the general path; the byte scanner matches them record for record. */
export const CSV_PARSE_OPTIONS = {
  bom: true,
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  info: true,
} as const;

/** The general path: decoded text through csv-parse, in batches of records. */
function csvParseSource(
  name: string,
  bytes: AsyncGenerator<Buffer>,
  encoding: Encoding | undefined,
  forced: string | undefined,
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
    // parse error can overtake records still queued in the stream).
    let lastLine = 0;
    const parser = Readable.from(all()).pipe(
      parse({
        ...CSV_PARSE_OPTIONS,
        delimiter,
        on_record: (record, info) => {
          lastLine = info.lines;
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
          const line = (e as InstanceType<typeof CsvError> & { lines?: number }).lines;
          if (e.code === 'CSV_QUOTE_NOT_CLOSED') throw unclosedQuote(name, lastLine, line ?? lastLine + 1);
          throw new InputError(`${name}${line ? `:${line}` : ''}: malformed CSV: ${e.message.replace(/^Invalid Record Length: /, '')}`);
        }
        throw e;
      }
    };
    return { ...recordSource(name, delimiter, records(), BATCH), reader: 'csv-parse' as const, progress };
  })();
}
