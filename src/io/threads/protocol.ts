/** The messages between the main thread and the helper thread (plain data). */
import type { TallyPart } from '../../core/aggregate.js';
import type { CountJob } from '../../core/count-rule.js';
import type { SkipReason } from '../../core/types.js';

export interface WorkerJob {
  /** The file, opened by the main thread (descriptors belong to the process). */
  fd: number;
  start: number;
  end: number;
  delimiter: string;
  maxRecordSize: number;
  job: CountJob;
  /** Count from the bytes (scanner/byte-counter.ts), as the main thread does. */
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
