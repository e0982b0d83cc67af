/**
 * A regular file read in 1 MiB chunks, the next read running while the
 * current chunk is scanned. Reads go to explicit offsets of a byte range whose
 * end may be moved closer while reading (when a helper thread takes the rest
 * of the file). Once `reuse.on` is set (by a reader that copies whatever it
 * keeps of a chunk), two buffers are reused in turn: memory stays flat however
 * large the file.
 */
import { open } from 'node:fs/promises';

/** Bytes per read. */
export const CHUNK = 1 << 20;

/** The bytes [start, end) of a file. */
export interface ByteRange {
  start: number;
  end: number;
}

export async function* readChunks(path: string, range: ByteRange, reuse: { on: boolean }): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r');
  const bufs = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  let which = 0;
  const issue = (at: number) => {
    const len = Math.min(CHUNK, range.end - at);
    if (len <= 0) return null;
    const buf = bufs[which]!;
    return { at, buf, read: fh.read(buf, 0, len, at) };
  };
  let pending = issue(range.start);
  try {
    while (pending !== null) {
      const { at, buf } = pending;
      const { bytesRead } = await pending.read;
      // The end may have moved below what this read asked for.
      const len = Math.min(bytesRead, range.end - at);
      if (len <= 0) return;
      which ^= 1;
      if (!reuse.on) bufs[which] = Buffer.allocUnsafe(CHUNK);
      // A short read is the end of the file (it may have shrunk meanwhile).
      pending = bytesRead === CHUNK ? issue(at + len) : null;
      yield len === buf.length ? buf : buf.subarray(0, len);
    }
  } finally {
    await pending?.read.catch(() => undefined);
    await fh.close();
  }
}
