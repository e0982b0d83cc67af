/**
 * The helper thread of a split file (see helper-thread.ts): receives parts of
 * files to count (count-part.ts) and posts back the counts, or what to
 * report. It loads nothing else until its first part arrives, so that a
 * helper started for a file that is never split costs little.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TallyPart } from '../core/aggregate.js';
import type { CountJob } from '../core/ingest.js';
import type { SkipReason } from '../core/types.js';

export interface WorkerJob {
  /** The file, opened by the main thread (descriptors belong to the process). */
  fd: number;
  start: number;
  end: number;
  delimiter: string;
  maxRecordSize: number;
  job: CountJob;
  /** Count from the bytes (byte-counter.ts), as the main thread does. */
  direct: boolean;
  /** Float64Array view: [bytes read, rows read], for the progress bar. */
  progress: SharedArrayBuffer;
}

export type WorkerReply =
  | { kind: 'ok'; part: TallyPart }
  /** The part ends inside a quoted field, in the record starting on line `start`. */
  | { kind: 'unclosed'; start: number; line: number }
  /** --strict: the first row that cannot be used. */
  | { kind: 'strict'; reason: SkipReason; line: number; value?: string }
  /** A record larger than maxRecordSize starts on this line. */
  | { kind: 'too-large'; line: number }
  | { kind: 'failed'; message: string };

// Started when a large file's plan is decided; says it is ready through a
// shared flag the main thread looks at between chunks. A part
// arrives once the main thread has decided to split, and the next file's part
// may follow.
if (parentPort) {
  const ready = new Int32Array((workerData as { ready: SharedArrayBuffer }).ready);
  Atomics.store(ready, 0, 1);
  Atomics.notify(ready, 0);
  const port = parentPort;
  port.on('message', (data: WorkerJob) => {
    import('./count-part.js').then(({ countPart }) => countPart(data)).then(
      (reply) => port.postMessage(reply),
      (e: unknown) => port.postMessage({ kind: 'failed', message: (e as Error)?.message ?? String(e) } satisfies WorkerReply),
    );
  });
}
