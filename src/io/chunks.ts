/**
 * A regular file read in 64 KiB chunks through a descriptor opened once (so
 * that every part of a split file is read from the same file, even if its
 * path is replaced meanwhile), straight into one reused buffer
 * (when `reuse.on` is set by a reader that copies whatever it keeps of a
 * chunk): the chunk is still in the CPU's cache when it is scanned, and memory
 * stays flat however large the file. Reads are synchronous (a page-cache copy
 * of 64 KiB costs less than handing it to libuv's thread pool), with a turn of
 * the event loop every few MiB so that timers (the progress bar) and signals
 * are served. Reads go to explicit offsets of a byte range whose end may be
 * moved closer while reading (when a helper thread takes the rest of the file).
 */
import { readSync } from 'node:fs';

/** Bytes per read: small enough to stay in a core's L2 cache between the copy and the scan. */
export const CHUNK = 64 * 1024;
/** Chunks between two turns of the event loop (4 MiB). */
const TURN_EVERY = 64;

/** The bytes [start, end) of a file. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Reads the range of an open file (the caller closes the descriptor). */
export async function* readChunks(fd: number, range: ByteRange, reuse: { on: boolean }): AsyncGenerator<Buffer> {
  let buf = Buffer.allocUnsafe(CHUNK);
  let at = range.start;
  for (let n = 1; ; n++) {
    // The end may have moved closer since the last chunk.
    const len = Math.min(CHUNK, range.end - at);
    if (len <= 0) return;
    const got = readSync(fd, buf, 0, len, at);
    if (got <= 0) return;
    at += got;
    yield got === buf.length ? buf : buf.subarray(0, got);
    if (!reuse.on) buf = Buffer.allocUnsafe(CHUNK);
    if (n % TURN_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
