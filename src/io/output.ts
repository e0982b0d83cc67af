/** Writing the report: a closed pipe is success, a full disk is an error. */
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
