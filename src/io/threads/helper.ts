/**
 * The helper thread that counts the second part of a large file
 * (worker.ts). There is one per process: started when the first large
 * file is opened (loading its modules takes a while, so it loads while the
 * main thread reads the sample), handed the part once the file's plan is
 * known, and kept for the next file, whose counting then runs on code already
 * compiled. A part that is not needed any more (the split fell inside a
 * record, or an error ended the file) stops the thread.
 */
import { existsSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CountJob } from '../../core/count-rule.js';
import type { ByteRange } from '../chunks.js';
import type { WorkerJob, WorkerReply } from './protocol.js';

/** Files smaller than this never get a helper thread. */
const HELPER_MIN_BYTES = 16 << 20;

/**
 * A split is made only when at least this much of the file is left once the
 * helper is ready. Measured on the 2-core development machine (alternating
 * runs, the 1 M-row job cut to size, the helper splitting right after the
 * sample): a second thread lost 10-25% at 24-60 MB (its start and compiling
 * the hot code a second time cost more than it saved), broke even near
 * 120 MB and gained 8-18% at 242 MB. A helper already loaded starts sooner,
 * so the bar is lower than that break-even.
 */
export const SPLIT_MIN_REST = 64 << 20;

/** The worker script next to this module (absent when running from the TypeScript sources, under jest). */
const WORKER_URL = new URL('./worker.js', import.meta.url);
let workerExists: boolean | undefined;

/** A regular file being read through one descriptor: its size when opened, and the byte range the main thread reads. */
export interface DiskFile {
  fd: number;
  size: number;
  range: ByteRange;
}

/** What the run allows of threads (from the environment, read once by the command line). */
export interface ThreadSettings {
  /** A second thread may count part of a large file (CRIMEDELTA_THREADS=1 forbids it). */
  threads: boolean;
  /** Split every file at this byte (CRIMEDELTA_SPLIT_AT, for tests); null: in the middle of what is left. */
  splitAt: number | null;
}

/**
 * Whether a file may be split between two threads: more than one core,
 * threads allowed, the worker script is there, and the file is large (or a
 * split is forced, for tests).
 */
export function splittable(size: number, settings: ThreadSettings): boolean {
  if (!settings.threads || availableParallelism() < 2) return false;
  workerExists ??= existsSync(fileURLToPath(WORKER_URL));
  return workerExists && (size >= HELPER_MIN_BYTES || settings.splitAt !== null);
}

let shared: HelperThread | null = null;

/**
 * The helper thread for one file: the process's thread when it is free, else
 * a new one; null when no thread can be started (a limit on threads or
 * processes): the file is then read on one thread.
 */
export function reserveHelper(): HelperThread | null {
  if (shared === null || shared.dead || shared.reserved) {
    try {
      shared = new HelperThread();
    } catch {
      shared = null;
      return null;
    }
  }
  shared.reserved = true;
  return shared;
}

export class HelperThread {
  /** Taken by a file being read. */
  reserved = false;
  dead = false;
  private readonly worker: Worker;
  private pending: ((reply: WorkerReply) => void) | null = null;
  /** Set to 1 by the thread once its modules are loaded. */
  private readonly readyFlag = new Int32Array(new SharedArrayBuffer(4));

  constructor() {
    // A small young generation: the helper allocates little, and each MiB is
    // resident memory of the whole process.
    this.worker = new Worker(WORKER_URL, {
      workerData: { ready: this.readyFlag.buffer },
      resourceLimits: { maxYoungGenerationSizeMb: 2 },
    });
    this.worker.on('message', (m: WorkerReply) => this.settle(m));
    this.worker.on('error', (e) => this.end(`the helper thread failed (${e.message})`));
    this.worker.on('exit', (code) => this.end(`the helper thread exited (${code})`));
    // An idle helper does not keep the process alive (after the listeners: adding one refs it again).
    this.worker.unref();
  }

  /** Whether the thread has loaded its modules (a part sent now starts at once). */
  get ready(): boolean {
    return Atomics.load(this.readyFlag, 0) === 1;
  }

  /** Blocks until the thread has loaded its modules (at most `ms`); whether it has. */
  waitReady(ms: number): boolean {
    if (this.dead) return false;
    Atomics.wait(this.readyFlag, 0, 0, ms);
    return this.ready;
  }

  /** Counts a part; a failure of the thread resolves as a `failed` reply. */
  count(job: WorkerJob): Promise<WorkerReply> {
    if (this.dead) return Promise.resolve({ kind: 'failed', message: 'the helper thread had stopped' });
    const reply = new Promise<WorkerReply>((resolve) => (this.pending = resolve));
    this.worker.postMessage(job);
    return reply;
  }

  /** Waits for the reply to {@link count}: the process stays alive meanwhile. */
  async wait(reply: Promise<WorkerReply>): Promise<WorkerReply> {
    this.worker.ref();
    try {
      return await reply;
    } finally {
      this.worker.unref();
    }
  }

  /** The file is done with: an idle thread is kept for the next file, a busy one stopped. */
  release(): void {
    this.reserved = false;
    if (this.pending !== null || shared !== this) this.stop();
  }

  stop(): void {
    if (this.dead) return;
    this.end('the helper thread was stopped');
    void this.worker.terminate();
  }

  private settle(reply: WorkerReply): void {
    const p = this.pending;
    this.pending = null;
    p?.(reply);
  }

  private end(why: string): void {
    this.dead = true;
    if (shared === this) shared = null;
    this.settle({ kind: 'failed', message: why });
  }
}

/** A part of a file being counted by the helper thread. */
export interface Helper {
  thread: HelperThread;
  /** The part: bytes [start, end) of the file. */
  start: number;
  end: number;
  /** [bytes, rows] the helper has read, for the progress bar. */
  progress: Float64Array;
  reply: Promise<WorkerReply>;
}

/**
 * Splits the rest of a large file in two: from here on this thread reads up to
 * the split and the helper counts from there to the end. The split is the byte
 * after the first LF past the middle of what is left: a record boundary unless
 * that LF is inside a quoted field, which the main thread finds out when it
 * gets there (then it reads the rest itself). Null when less than
 * {@link SPLIT_MIN_REST} is left, or no line starts within a MiB past the
 * middle. `splitAt` (CRIMEDELTA_SPLIT_AT, for tests) splits at that byte instead.
 */
export function startHelper(
  thread: HelperThread,
  disk: DiskFile,
  consumed: number,
  part: { delimiter: string; maxRecordSize: number; job: CountJob; direct: boolean; splitAt: number | null },
): Helper | null {
  const { range, size, fd } = disk;
  const { delimiter, maxRecordSize, job, direct } = part;
  const forcedAt = part.splitAt;
  if (forcedAt === null && size - consumed < SPLIT_MIN_REST) return null;
  const at = forcedAt ?? consumed + Math.floor((size - consumed) / 2);
  const start = at <= consumed || at >= size ? null : nextLineStart(fd, at, size);
  if (start === null || start >= size) return null;
  range.end = start;
  const shared = new SharedArrayBuffer(16);
  const data: WorkerJob = { fd, start, end: size, delimiter, maxRecordSize, job, direct, progress: shared };
  return { thread, start, end: size, progress: new Float64Array(shared), reply: thread.count(data) };
}

/** The offset just after the first LF at or after `at − 1` (so `at` itself when a line starts there); null when none is in the next MiB. */
function nextLineStart(fd: number, at: number, size: number): number | null {
  const look = Buffer.allocUnsafe(Math.min(1 << 20, size - at + 1));
  const n = readSync(fd, look, 0, look.length, at - 1);
  const i = look.subarray(0, n).indexOf(0x0a);
  return i < 0 ? null : at + i;
}
