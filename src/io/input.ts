/**
 * Files to records: `-` for standard input, gzip (by content), UTF-8 with or
 * without BOM, UTF-16 with BOM, `--encoding latin1`; the delimiter is sniffed
 * from the first line; csv-parse does the rest. Streams: never reads a whole
 * file into memory.
 */
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';
import { parse, CsvError } from 'csv-parse';
import { InputError } from '../errors.js';
import type { RawRecord, RecordSource } from '../core/ingest.js';

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

function openBytes(path: string, stdin: NodeJS.ReadableStream | undefined): AsyncIterable<Buffer> {
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
  return createReadStream(path, { highWaterMark: 1 << 20 });
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
async function* gunzipIfNeeded(name: string, src: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = src[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const head = first.value;
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
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

/** Opens one input as a stream of CSV records (the header is the first record). */
export async function openRecords(path: string, opts: InputOptions = {}): Promise<RecordSource> {
  const name = displayName(path);
  const text = decode(gunzipIfNeeded(name, guarded(name, openBytes(path, opts.stdin))), opts.encoding);
  const it = text[Symbol.asyncIterator]();
  const first = await it.next();
  let head = first.done ? '' : first.value;
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const delimiter = opts.delimiter ?? sniffDelimiter(head);
  const all = async function* () {
    if (head) yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  };
  const parser = Readable.from(all()).pipe(
    parse({
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  const records = async function* (): AsyncGenerator<RawRecord> {
    try {
      for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        yield { fields: r.record, line: r.info.lines };
      }
    } catch (e) {
      if (e instanceof InputError) throw e;
      if (e instanceof CsvError) {
        const line = (e as CsvError & { lines?: number }).lines;
        throw new InputError(`${name}${line ? `:${line}` : ''}: malformed CSV: ${e.message.replace(/^Invalid Record Length: /, '')}`);
      }
      throw e;
    }
  };
  return { name, delimiter, records: records() };
}
