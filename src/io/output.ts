/** Writing the report: a closed pipe is success, a full disk is an error. */
import { writeFile } from 'node:fs/promises';
import { InputError } from '../errors.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; fd?: number };
  env: NodeJS.ProcessEnv;
  /** The machine's current local civil date (for --as-of today and the default cap). */
  now: () => Date;
}

export class ClosedPipe extends Error {}

/** Writes all of `text`; resolves when it is flushed. */
export function writeOut(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') reject(new ClosedPipe());
      else reject(new InputError(`cannot write the report (${e.code ?? e.message})`));
    };
    stream.once('error', onError);
    stream.write(text, (err) => {
      stream.removeListener('error', onError);
      if (err) onError(err as NodeJS.ErrnoException);
      else resolve();
    });
  });
}

/** Writes the report to a file (`--output`): any failure is one line naming the file. */
export async function writeFileOut(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why: Record<string, string> = {
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EROFS: 'read-only file system',
      ENOENT: 'no such directory',
      ENOTDIR: 'a part of the path is not a directory',
      EISDIR: 'it is a directory',
      ENOSPC: 'no space left on the device',
    };
    throw new InputError(`cannot write the report to ${path}: ${why[err.code ?? ''] ?? err.code ?? err.message}`);
  }
}
