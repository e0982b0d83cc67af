/**
 * A progress bar on standard error while the inputs are read: only on a
 * terminal, never with --quiet, and only once reading has taken about a
 * second and is not about to finish (small files never flash a bar).
 */
import { createRequire } from 'node:module';
import type { SingleBar } from 'cli-progress';
import type { RecordSource } from '../core/ingest.js';

/** Reading must have taken this long before a bar appears. */
export const SHOW_AFTER_MS = 1000;
/** No bar when the estimated rest is shorter than this. */
const MIN_REMAINING_MS = 500;

export interface ProgressContext {
  /** Standard error is a terminal. */
  isTTY: boolean;
  quiet: boolean;
  /** CRIMEDELTA_PROGRESS=0 turns the bar off, =1 shows it on any stream (for checking by hand). */
  env?: string | undefined;
}

/**
 * Whether to show the bar now: `elapsedMs` of reading so far, `fraction` of
 * the bytes read (null when the size is unknown, e.g. standard input).
 */
export function shouldShowProgress(ctx: ProgressContext, elapsedMs: number, fraction: number | null): boolean {
  if (ctx.quiet || ctx.env === '0') return false;
  if (!ctx.isTTY && ctx.env !== '1') return false;
  if (elapsedMs < SHOW_AFTER_MS) return false;
  if (fraction !== null && fraction > 0) {
    const remaining = (elapsedMs * (1 - fraction)) / fraction;
    if (remaining < MIN_REMAINING_MS) return false;
  }
  return true;
}

/** Bytes of a file read so far, by this thread and by a helper thread counting part of it. */
function bytesOf(p: NonNullable<RecordSource['progress']>): number {
  return p.bytesRead + (p.helper?.[0] ?? 0);
}

function rate(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)} k` : `${n.toFixed(0)}`;
}

/** Follows ingest's batches; `sizes` are the input sizes in bytes (null when one is unknown). */
export class ReadProgress {
  private readonly start = performance.now();
  private bar: SingleBar | null = null;
  private decided = false;
  private current: RecordSource | null = null;
  private doneBytes = 0;
  private lastUpdate = 0;

  constructor(
    private readonly ctx: ProgressContext,
    private readonly stream: NodeJS.WritableStream,
    private readonly total: number | null,
  ) {}

  /** For IngestOptions.onBatch. */
  readonly onBatch = (src: RecordSource, rowsRead: number): void => {
    if (src !== this.current) {
      if (this.current?.progress) this.doneBytes += bytesOf(this.current.progress);
      this.current = src;
    }
    const now = performance.now();
    if (now - this.lastUpdate < 100) return;
    this.lastUpdate = now;
    const elapsed = now - this.start;
    const bytes = this.doneBytes + (src.progress ? bytesOf(src.progress) : 0);
    // A helper thread's rows are added to the count when it is done; until then, shown from its counter.
    rowsRead += src.progress?.helper?.[1] ?? 0;
    const fraction = this.total ? Math.min(1, bytes / this.total) : null;
    if (!this.bar) {
      if (this.decided || !shouldShowProgress(this.ctx, elapsed, fraction)) return;
      this.decided = true;
      // Loaded only when a bar is shown.
      const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
      this.bar = new cliProgress.SingleBar(
        {
          stream: this.stream,
          format:
            fraction !== null
              ? 'reading {bar} {percentage}% | {mb}/{totalMb} MB | {rows} rows | {rps} rows/s | ETA {eta_formatted}'
              : 'reading {mb} MB | {rows} rows | {rps} rows/s',
          hideCursor: true,
          clearOnComplete: true,
          barsize: 24,
          etaBuffer: 20,
          fps: 10,
          noTTYOutput: this.ctx.env === '1',
        },
        cliProgress.Presets.shades_classic,
      );
    }
    const value = this.total ? Math.min(bytes, this.total) : 0;
    const payload = {
      mb: (bytes / 1e6).toFixed(0),
      totalMb: this.total ? (this.total / 1e6).toFixed(0) : '?',
      rows: rowsRead.toLocaleString('en-US'),
      rps: rate(rowsRead / (elapsed / 1000)),
    };
    if (this.bar.isActive) this.bar.update(value, payload);
    else this.bar.start(this.total ?? 0, value, payload);
  };

  /** Clears the bar (before the report, a warning or an error is written). */
  stop(): void {
    if (this.bar) {
      this.bar.stop();
      this.bar = null;
    }
  }

  get active(): boolean {
    return this.bar !== null;
  }
}
