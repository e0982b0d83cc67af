/**
 * The helper thread of a split file (see `offload` in input.ts): counts the
 * records in bytes [start, end) of a file, which start on a record boundary,
 * with the main thread's plan, and posts back the counts, or what to report.
 * Lines in the reply count from the start of the part.
 */
import { parentPort } from 'node:worker_threads';
import { Tally, type TallyPart } from '../core/aggregate.js';
import { zoneDayConverter } from '../core/dates.js';
import { type CountJob, dateParser, rowCounter, type SkipRow } from '../core/ingest.js';
import { compileMap } from '../core/maps.js';
import type { SkipReason } from '../core/types.js';
import { byteRowCounter } from './byte-counter.js';
import { readChunks } from './chunks.js';
import { CsvScanner, type RecordDelimiter, ScanError } from './fast-scanner.js';

export interface WorkerJob {
  /** The file, opened by the main thread (descriptors belong to the process). */
  fd: number;
  start: number;
  end: number;
  delimiter: string;
  resume: RecordDelimiter;
  job: CountJob;
  /** Count from the bytes (byte-counter.ts), as the main thread does. */
  direct: boolean;
  /** Float64Array view: [bytes read, rows read], for the progress bar. */
  progress: SharedArrayBuffer;
}

export type WorkerReply =
  | { kind: 'ok'; part: TallyPart }
  /** The part ends inside a quoted field; lastLine is 0 when no record of the part was complete. */
  | { kind: 'unclosed'; lastLine: number; line: number }
  /** --strict: the first row that cannot be used. */
  | { kind: 'strict'; reason: SkipReason; line: number; value?: string }
  | { kind: 'failed'; message: string };

class StrictStop {
  constructor(
    readonly reason: SkipReason,
    readonly line: number,
    readonly value: string | undefined,
  ) {}
}

async function run(data: WorkerJob): Promise<WorkerReply> {
  const { job } = data;
  const toZone = job.tz !== undefined ? zoneDayConverter(job.tz) : undefined;
  const parse = dateParser(job.dates, toZone);
  let mapFn: ((value: string) => string | null) | null = null;
  if (job.map) {
    const { loadMap } = await import('./maps.js');
    mapFn = compileMap(loadMap(job.map.name), job.map.system, job.map.unmapped);
  }
  const tally = new Tally(false);
  const skip: SkipRow = (reason, line, value) => {
    if (job.strict) throw new StrictStop(reason, line, value);
    tally.skip(reason, { file: '', line }, value);
  };
  const take = rowCounter(job.plan, parse, mapFn, tally, skip);
  const scanner = new CsvScanner({ delimiter: data.delimiter, resume: data.resume });
  scanner.project(job.cols);
  if (data.direct) scanner.sink = byteRowCounter(job, parse, mapFn, tally, skip, scanner.decodeField, take);
  const progress = new Float64Array(data.progress);
  try {
    for await (const chunk of readChunks(data.fd, { start: data.start, end: data.end }, { on: true })) {
      scanner.write(chunk, take);
      progress[0]! += chunk.length;
      progress[1] = tally.rowsRead;
    }
    scanner.end(take);
  } catch (e) {
    if (e instanceof ScanError) return { kind: 'unclosed', lastLine: scanner.lastLine, line: e.line };
    if (e instanceof StrictStop) {
      return e.value === undefined
        ? { kind: 'strict', reason: e.reason, line: e.line }
        : { kind: 'strict', reason: e.reason, line: e.line, value: e.value };
    }
    throw e;
  }
  return { kind: 'ok', part: tally.export() };
}

// Started when a large file is opened; a part arrives once the main thread has
// decided the file's plan, and the next file's part may follow.
if (parentPort) {
  const port = parentPort;
  port.on('message', (data: WorkerJob) => {
    run(data).then(
      (reply) => port.postMessage(reply),
      (e: unknown) => port.postMessage({ kind: 'failed', message: (e as Error)?.message ?? String(e) } satisfies WorkerReply),
    );
  });
}
