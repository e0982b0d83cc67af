/**
 * Files to records: `-` for standard input, gzip (by content), UTF-8 with or
 * without BOM, UTF-16 with BOM, `--encoding latin1`; the delimiter is sniffed
 * from the first line. UTF-8 input (the default) goes through the byte-level
 * scanner (scanner/), which decodes only the columns asked for; other
 * encodings, multi-character delimiters and the csv-parse setting (a
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
import { type RecordSource, recordSource } from '../core/records.js';
import { type ByteRange, CHUNK, readChunks } from './chunks.js';
import { MAX_RECORD_SIZE } from './scanner/scanner.js';
import { type ReadProgress, ScannerSource } from './scanner/source.js';
import { recordTooLarge, unclosedQuote } from './read-errors.js';
import type { DiskFile, ThreadSettings } from './threads/helper.js';

export type Encoding = 'utf8' | 'latin1' | 'utf16le';

export interface InputOptions {
  encoding?: Encoding;
  /** Forced delimiter; sniffed when absent. */
  delimiter?: string;
  stdin?: NodeJS.ReadableStream;
  /** The most bytes a record may have (default 64 MiB): more is an error, not memory without bound. */
  maxRecordSize?: number;
  /** How files may be read (from the environment, read once by the command line). */
  settings?: ReaderSettings;
}

/** How files may be read: the switches of CONTRIBUTING.md, read once from the environment. */
export interface ReaderSettings extends ThreadSettings {
  /** Read every file through csv-parse instead of the byte scanner (CRIMEDELTA_READER=csv-parse). */
  csvParse: boolean;
  /** Count from the scanner's field bounds instead of decoded records (CRIMEDELTA_DIRECT=0 turns it off). */
  direct: boolean;
}

export const DEFAULT_SETTINGS: ReaderSettings = { csvParse: false, direct: true, threads: true, splitAt: null };

/** Display name of an input: `-` is "stdin". */
export function displayName(path: string): string {
  return path === '-' ? 'stdin' : path;
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
    throw code === 'ENOENT'
      ? new InputError('NO_SUCH_FILE', `${path}: no such file`)
      : new InputError('UNREADABLE_FILE', `${path}: cannot read (${fsReason(e)})`);
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
    throw code === 'ENOENT'
      ? new InputError('NO_SUCH_FILE', `${path}: no such file`)
      : new InputError('UNREADABLE_FILE', `${path}: cannot read (${fsReason(e)})`);
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
    firstChunk !== null &&
    firstChunk.length >= 2 &&
    ((firstChunk[0] === 0xff && firstChunk[1] === 0xfe) || (firstChunk[0] === 0xfe && firstChunk[1] === 0xff));
  const replay = async function* (): AsyncGenerator<Buffer> {
    if (firstChunk !== null) yield firstChunk;
    for (let r = await bit.next(); !r.done; r = await bit.next()) yield r.value;
  };
  const forced = opts.delimiter;
  const maxRecord = opts.maxRecordSize ?? MAX_RECORD_SIZE;
  const settings = opts.settings ?? DEFAULT_SETTINGS;
  const scannerOk =
    (opts.encoding === undefined || opts.encoding === 'utf8') &&
    !utf16 &&
    !settings.csvParse &&
    (forced === undefined || (forced.length === 1 && forced.charCodeAt(0) < 0x80 && !'"\r\n\0'.includes(forced)));
  // The scanner copies what it keeps of a chunk, so plain (not gunzipped) chunks can reuse their buffers.
  if (scannerOk && !reuse.gzip) reuse.on = true;
  if (scannerOk) {
    let head = firstChunk === null ? '' : firstChunk.toString('utf8', 0, Math.min(firstChunk.length, 1 << 16));
    if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
    const file = reuse.gzip ? null : disk.file;
    return new ScannerSource({
      name,
      delimiter: forced ?? sniffDelimiter(head),
      bytes: replay(),
      maxRecordSize: maxRecord,
      progress,
      disk: file,
      // A split is made after an LF: a file with none at its start (CR line endings) is not worth a helper thread.
      hasLF: head.includes('\n'),
      settings,
      closeFile,
      reread: (start, end) => guarded(name, counted(readChunks(file!.fd, { start, end }, { on: true }), progress)),
    });
  }
  try {
    const source = await csvParseSource(name, replay(), opts.encoding, forced, maxRecord, progress);
    return { ...source, close: closeFile };
  } catch (e) {
    closeFile();
    throw e;
  }
}

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
          throw new InputError(
            'MALFORMED_CSV',
            `${name}${line ? `:${line}` : ''}: malformed CSV: ${e.message.replace(/^Invalid Record Length: /, '')}`,
          );
        }
        throw e;
      }
    };
    return { ...recordSource(name, delimiter, records(), BATCH), reader: 'csv-parse' as const, progress };
  })();
}
