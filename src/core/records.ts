/**
 * Where records come from: one opened input delivering its records in
 * batches, with an optional projection (only some fields decoded) and
 * optional ways to count the rest of a file without delivering records.
 */
import type { TallyPart } from './aggregate.js';
import type { CountJob, DirectCounter } from './count-rule.js';
import type { RecordCallback } from './types.js';

export interface RawRecord {
  /** All fields, or the projected ones (see {@link RecordSource.project}). */
  fields: string[];
  /** How many fields the record really has (also when projected). */
  count: number;
  /** 1-based physical line on which the record ends. */
  line: number;
}

/** One opened input; sources are opened one at a time, in order. */
export interface RecordSource {
  name: string;
  delimiter: string;
  /** Which reader decodes the file (for tests and --debug). */
  reader?: string;
  /** Bytes of the file read so far, and its size when known (for a progress bar); `helper`: [bytes, rows] read by a helper thread. */
  progress?: { bytesRead: number; totalBytes: number | null; helper?: Float64Array };
  /**
   * Lets the source count the rest of the file itself, as `counter.fallback`
   * (this file's record counter) would count its records: from its raw bytes
   * (handing any record back to `fallback`), and part of it elsewhere (see
   * {@link countedElsewhere}). Without this method every record is delivered.
   */
  countRest?(job: CountJob, counter: DirectCounter): void;
  /**
   * Once read() has returned false: the counts of the part of the file
   * counted elsewhere and the number of lines before it; null when there is none.
   */
  countedElsewhere?(): { part: TallyPart; lineOffset: number } | null;
  /** Called once the file is done with (read, or given up on an error): stops a helper thread that may still run. */
  close?(): void;
  /** How the file was read, for --debug: e.g. the split between threads. */
  describe?(): string;
  /**
   * Delivers the next batch of records (possibly none) to `onRecord`;
   * resolves false, delivering nothing, once the input is exhausted.
   */
  read(onRecord: RecordCallback): Promise<boolean>;
  /** From the next record on, deliver only these fields, in this order; null: all. */
  project(indices: readonly number[] | null): void;
}

/** A source over already split records (csv-parse's, a test's), delivered `batch` at a time. */
export function recordSource(
  name: string,
  delimiter: string,
  records: AsyncIterable<{ fields: string[]; line: number }>,
  batch = 256,
): RecordSource {
  const it = records[Symbol.asyncIterator]();
  let proj: readonly number[] | null = null;
  let done = false;
  return {
    name,
    delimiter,
    project: (indices) => {
      proj = indices === null ? null : [...indices];
    },
    async read(onRecord) {
      if (done) return false;
      for (let n = 0; n < batch; n++) {
        const r = await it.next();
        if (r.done) {
          done = true;
          return n > 0;
        }
        const f = r.value.fields;
        const p = proj;
        onRecord(p === null ? f : p.map((i) => f[i] ?? ''), f.length, r.value.line);
      }
      return true;
    },
  };
}
