/**
 * The fast path: UTF-8 bytes through the byte-level scanner, one chunk per
 * batch. Once the file's plan is known it may count the rest straight from
 * the bytes, and split a large file on disk with the helper thread.
 */
import type { TallyPart } from '../../core/aggregate.js';
import { type CountJob, type DirectCounter, strictError } from '../../core/count-rule.js';
import type { RecordSource } from '../../core/records.js';
import type { RecordCallback } from '../../core/types.js';
import { recordTooLarge, unclosedQuote } from '../read-errors.js';
import {
  type DiskFile,
  type Helper,
  type HelperThread,
  reserveHelper,
  splittable,
  startHelper,
  type ThreadSettings,
} from '../threads/helper.js';
import { byteRowCounter } from './byte-counter.js';
import { CsvScanner, ScanError } from './scanner.js';

/** Bytes scanned per batch until the source is projected. */
const SAMPLE_STEP = 64 * 1024;

/** Bytes of the file read so far and its size when known; `helper`: [bytes, rows] read by a helper thread. */
export interface ReadProgress {
  bytesRead: number;
  totalBytes: number | null;
  helper?: Float64Array;
}

/** What a scanner source reads and how. */
export interface ScannerInput {
  name: string;
  delimiter: string;
  bytes: AsyncGenerator<Buffer>;
  maxRecordSize: number;
  progress: ReadProgress;
  /** The file on disk when it is a regular file read from its start (a split needs one). */
  disk: DiskFile | null;
  /** Whether the file's first chunk holds an LF: a split is made after one. */
  hasLF: boolean;
  settings: ThreadSettings & { direct: boolean };
  /** Closes the file's descriptor. */
  closeFile: () => void;
  /** Reads the bytes [start, end) of the file again (when the helper's part is read here after all). */
  reread: (start: number, end: number) => AsyncGenerator<Buffer>;
}

export class ScannerSource implements RecordSource {
  readonly name: string;
  readonly delimiter: string;
  readonly reader = 'scanner';
  readonly progress: ReadProgress;
  private readonly scanner: CsvScanner;
  private bytes: AsyncGenerator<Buffer>;
  private done = false;
  private projected = false;
  // The chunk being scanned, and where in it; before projection (header and
  // sample, every field decoded) it is fed in small steps so ingest can project early.
  private chunk: Buffer | null = null;
  private off = 0;
  /** File offset of chunk[0] (for a file on disk, read from its start). */
  private pos = 0;
  private thread: HelperThread | null = null;
  private helper: Helper | null = null;
  private elsewhere: { part: TallyPart; lineOffset: number } | null = null;
  private splitNote = '';
  /** Counting from the bytes: the helper counts its part the same way. */
  private direct = false;
  /** The plan offered for a helper, until the file is split (or it is too late to). */
  private offered: CountJob | null = null;

  constructor(private readonly input: ScannerInput) {
    this.name = input.name;
    this.delimiter = input.delimiter;
    this.progress = input.progress;
    this.bytes = input.bytes;
    this.scanner = new CsvScanner({ delimiter: input.delimiter, maxRecordSize: input.maxRecordSize });
  }

  project(indices: readonly number[] | null): void {
    this.projected = indices !== null;
    this.scanner.project(indices === null ? null : [...indices]);
  }

  /** Counts the rest from the bytes when allowed, and offers a large file's second half to the helper thread. */
  countRest(job: CountJob, counter: DirectCounter): void {
    if (!this.projected) return;
    const { settings, disk } = this.input;
    if (settings.direct) {
      this.direct = true;
      this.scanner.sink = byteRowCounter(job, counter, this.scanner.decodeField);
    }
    if (disk === null || !this.input.hasLF || !splittable(disk.size, settings)) return;
    // The helper thread loads while this thread reads on (started only now:
    // not competing with this thread's start-up and sample).
    this.thread = reserveHelper();
    if (this.thread === null) return;
    this.offered = job;
    // A split forced for a test is made as soon as the helper is ready; otherwise between chunks, once it is.
    if (settings.splitAt !== null) {
      this.thread.waitReady(30_000);
      this.split();
    }
  }

  countedElsewhere(): { part: TallyPart; lineOffset: number } | null {
    return this.elsewhere;
  }

  describe(): string {
    return `scanner${this.splitNote}`;
  }

  close(): void {
    this.thread?.release();
    this.thread = null;
    this.helper = null;
    this.input.closeFile();
  }

  async read(onRecord: RecordCallback): Promise<boolean> {
    if (this.done) return false;
    try {
      if (this.chunk === null || this.off >= this.chunk.length) {
        if (this.offered !== null) this.split();
        const r = await this.bytes.next();
        if (r.done) return await this.endOfPart(onRecord);
        if (this.chunk !== null) this.pos += this.chunk.length;
        this.chunk = r.value;
        this.off = 0;
      }
      const chunk = this.chunk;
      const step = this.projected ? chunk.length - this.off : Math.min(SAMPLE_STEP, chunk.length - this.off);
      this.scanner.write(this.off === 0 && step === chunk.length ? chunk : chunk.subarray(this.off, this.off + step), onRecord);
      this.off += step;
    } catch (e) {
      if (e instanceof ScanError && e.code === 'CSV_RECORD_TOO_LARGE') throw recordTooLarge(this.name, e.start, this.input.maxRecordSize);
      if (e instanceof ScanError) throw unclosedQuote(this.name, e.start, e.line);
      throw e;
    }
    return true;
  }

  /** This thread's bytes are read: the end of the file, or the start of the helper's part. */
  private async endOfPart(onRecord: RecordCallback): Promise<boolean> {
    if (this.chunk !== null) this.pos += this.chunk.length;
    this.chunk = null;
    const helper = this.helper;
    if (helper === null) {
      this.done = true;
      this.scanner.end(onRecord);
      return true;
    }
    // The part ends on a record boundary only if nothing is left over; then the helper's counts are the rest.
    if (!this.scanner.atRecordStart) return this.takeBack('fell inside a record');
    const reply = await helper.thread.wait(helper.reply);
    if (reply.kind === 'failed') return this.takeBack(`but the helper thread did not count it (${reply.message})`);
    const lineOffset = this.scanner.lineBreaks;
    if (reply.kind === 'unclosed') throw unclosedQuote(this.name, lineOffset + reply.start, lineOffset + reply.line);
    if (reply.kind === 'strict') throw strictError(reply.reason, this.name, lineOffset + reply.line, reply.value);
    if (reply.kind === 'too-large') throw recordTooLarge(this.name, lineOffset + reply.line, this.input.maxRecordSize);
    this.elsewhere = { part: reply.part, lineOffset };
    this.splitNote = `; bytes from ${helper.start} (after line ${lineOffset}) counted by a helper thread`;
    this.helper = null;
    this.done = true;
    return false;
  }

  /** Splits the rest of the file with the helper, if it is ready and enough is left. */
  private split(): void {
    const job = this.offered;
    const thread = this.thread;
    if (job === null || thread === null || !thread.ready) return;
    this.offered = null;
    const consumed = this.chunk === null ? this.pos : this.pos + this.off;
    const { delimiter, maxRecordSize, settings } = this.input;
    const helper = startHelper(thread, this.input.disk!, consumed, {
      delimiter,
      maxRecordSize,
      job,
      direct: this.direct,
      splitAt: settings.splitAt,
    });
    this.helper = helper;
    if (helper === null) return;
    this.progress.helper = helper.progress;
    // This thread reads up to the helper's start, also in the chunk it holds.
    if (this.chunk !== null && this.pos + this.chunk.length > helper.start) this.chunk = this.chunk.subarray(0, helper.start - this.pos);
  }

  /** Reads the helper's part here after all (the helper thread, if still counting it, is stopped). */
  private takeBack(why: string): boolean {
    const h = this.helper!;
    this.splitNote = `; split at byte ${h.start} ${why}, so this thread read on to the end`;
    this.helper = null;
    h.thread.stop();
    delete this.progress.helper;
    this.bytes = this.input.reread(h.start, h.end);
    return true;
  }
}
