/**
 * One read for many commands (the sections of a report). Inside
 * {@link SharedReads.run}, every call of readIncidents asks this object
 * instead of reading: the calls wait until every command has asked (or
 * ended), then each distinct input (files and input flags) is read once,
 * grouped by all the dimensions any command asked for, with every command's
 * record observer; each command gets the counts projected to its own grouping,
 * as if it had read the files itself.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { KEY_SEP } from '../core/aggregate.js';
import type { FileSetup, ReadResult } from '../core/ingest.js';
import type { GroupDim } from '../core/types.js';
import type { Io } from '../io/output.js';
import type { Messages } from './messages.js';
import type { InputFlags } from './shared-options.js';

type Observe = (setup: FileSetup) => ((fields: readonly string[]) => void) | undefined;

/** What a command asked for. */
interface Request {
  key: string;
  files: string[];
  flags: InputFlags;
  groupBy: readonly GroupDim[];
  observe: Observe | undefined;
  resolve: (r: ReadResult) => void;
  reject: (e: unknown) => void;
}

/** The real reader: readIncidents without the sharing (given by read-incidents.ts, which calls us). */
export type DirectRead = (
  files: string[],
  flags: InputFlags,
  groupBy: readonly GroupDim[],
  io: Io,
  msg: Messages,
  observe?: Observe,
) => Promise<ReadResult>;

/** The shared reads a command runs inside, and which of the report's jobs it is. */
interface Job {
  reads: SharedReads;
  index: number;
}

const current = new AsyncLocalStorage<Job>();

/**
 * The read for a command running inside {@link SharedReads.run}, or undefined
 * outside one (the command reads for itself).
 */
export function sharedRead():
  ((files: string[], flags: InputFlags, groupBy: readonly GroupDim[], observe?: Observe) => Promise<ReadResult>) | undefined {
  const job = current.getStore();
  return job && ((files, flags, groupBy, observe) => job.reads.read(job.index, files, flags, groupBy, observe));
}

/** The key of an input: its files and the flags that change what is counted (not --quiet or --debug). */
function inputKey(files: readonly string[], flags: InputFlags): string {
  const { quiet: _q, debug: _d, ...rest } = flags;
  return JSON.stringify([files, rest]);
}

/** A read result grouped by `dims` (a subset of what it was read by), as a read by `dims` would be. */
export function projectRead(read: ReadResult, dims: readonly GroupDim[]): ReadResult {
  const want = dims.filter((d) => read.groupBy.includes(d));
  if (want.length === read.groupBy.length && want.every((d, i) => d === read.groupBy[i])) return read;
  const at = want.map((d) => read.groupBy.indexOf(d));
  const tally = read.tally.project((key) => {
    const parts = key.split(KEY_SEP);
    return at.map((i) => parts[i]!).join(KEY_SEP);
  });
  return { ...read, tally, groupBy: want };
}

export class SharedReads {
  private readonly requests: Request[] = [];
  private readonly done = new Map<string, { read: Promise<ReadResult>; groupBy: GroupDim[] }>();
  /** Commands started and not yet asked or ended. */
  private waiting = 0;
  private readonly arrived: boolean[] = [];
  private readCount = 0;

  constructor(
    private readonly direct: DirectRead,
    private readonly io: Io,
    private readonly msg: Messages,
  ) {}

  /** How many times files were read (each distinct input once). */
  get reads(): number {
    return this.readCount;
  }

  /** Runs the commands together: their reads are shared. Resolves with each command's outcome, in order. */
  async run<T>(jobs: ReadonlyArray<() => Promise<T>>): Promise<PromiseSettledResult<T>[]> {
    const base = this.arrived.length;
    this.waiting += jobs.length;
    jobs.forEach(() => this.arrived.push(false));
    return Promise.allSettled(
      jobs.map((job, i) =>
        current.run({ reads: this, index: base + i }, async () => {
          try {
            return await job();
          } finally {
            this.arrive(base + i);
          }
        }),
      ),
    );
  }

  /** A job has asked for its read or ended: when every job has, the files are read. */
  private arrive(index: number): void {
    if (this.arrived[index]) return;
    this.arrived[index] = true;
    this.waiting--;
    if (this.waiting === 0) this.flush();
  }

  /** What readIncidents calls inside {@link run}. */
  read(index: number, files: string[], flags: InputFlags, groupBy: readonly GroupDim[], observe?: Observe): Promise<ReadResult> {
    const key = inputKey(files, flags);
    const done = this.done.get(key);
    if (done && groupBy.every((d) => done.groupBy.includes(d)) && !observe) {
      this.arrive(index);
      return done.read.then((r) => projectRead(r, groupBy));
    }
    const p = new Promise<ReadResult>((resolve, reject) => {
      this.requests.push({ key, files, flags, groupBy, observe, resolve, reject });
    });
    if (!this.arrived[index]) this.arrive(index);
    else if (this.waiting === 0) this.flush();
    return p;
  }

  /** Reads each distinct input once, in the order first asked, and answers every request. */
  private flush(): void {
    const pending = this.requests.splice(0);
    if (!pending.length) return;
    const keys = [...new Set(pending.map((r) => r.key))];
    void (async () => {
      for (const key of keys) {
        const mine = pending.filter((r) => r.key === key);
        const groupBy: GroupDim[] = [];
        for (const r of mine) for (const d of r.groupBy) if (!groupBy.includes(d)) groupBy.push(d);
        const observers = mine.map((r) => r.observe).filter((o): o is Observe => o !== undefined);
        const observe: Observe | undefined = observers.length
          ? (setup) => {
              const each = observers.map((o) => o(setup)).filter((f) => f !== undefined);
              return each.length ? (fields) => each.forEach((f) => f(fields)) : undefined;
            }
          : undefined;
        const first = mine[0]!;
        this.readCount++;
        const read = this.direct(first.files, first.flags, groupBy, this.io, this.msg, observe);
        this.done.set(key, { read, groupBy });
        try {
          const r = await read;
          for (const q of mine) q.resolve(projectRead(r, q.groupBy));
        } catch (e) {
          for (const q of mine) q.reject(e);
        }
      }
    })();
  }
}
