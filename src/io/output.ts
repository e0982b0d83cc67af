/** Writing the report: a closed pipe is success, a full disk is an error, an old report survives a failed write. */
import { chmodSync, closeSync, fstatSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError, UsageError } from '../errors.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; fd?: number };
  env: NodeJS.ProcessEnv;
  /** The current instant (for --as-of today and the future-date cap). */
  now: () => Date;
}

export class ClosedPipe extends Error {}

/** Writes all of `text`; resolves when it is flushed. */
export function writeOut(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') reject(new ClosedPipe());
      else reject(new InputError('WRITE_FAILED', `cannot write the report (${fsReason(e)})`));
    };
    stream.once('error', onError);
    stream.write(text, (err) => {
      stream.removeListener('error', onError);
      if (err) onError(err);
      else resolve();
    });
  });
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file would be larger than allowed (file size limit)',
  EMFILE: 'too many open files',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

/** A file-system error in words (one wording for every message that names one). */
export function fsReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return REASONS[err?.code ?? ''] ?? err?.code ?? err?.message ?? String(e);
}

/** Same device and inode: the same file, whatever the name, link or symlink. */
export type FileId = string;

/** The identity of a path (following symlinks), or null when it cannot be read. */
export function fileId(path: string): FileId | null {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/** The identity of an open descriptor (standard input), or null. */
export function fdId(fd: number): FileId | null {
  try {
    const st = fstatSync(fd);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/**
 * Checks `-o PATH` before any input is read: a name is given, it is not a
 * folder, its folder exists, and it is none of the inputs (`ids`: identities
 * of the input files, standard input included).
 */
export function checkOutputPath(path: string, inputs: ReadonlyMap<FileId, string>): void {
  if (path.trim() === '') throw new UsageError('BAD_VALUE', '-o/--output needs a file name');
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new InputError('WRITE_FAILED', `cannot write the report to ${path}: ${fsReason(e)}`);
  }
  if (st) {
    if (st.isDirectory()) throw new InputError('WRITE_FAILED', `cannot write the report to ${path}: it is a folder`);
    const input = st.isFile() ? inputs.get(`${st.dev}:${st.ino}`) : undefined;
    if (input !== undefined) {
      throw new UsageError(
        'OUTPUT_IS_INPUT',
        `-o ${path} is also an input (${input}): the report would overwrite the data; write it to another file`,
      );
    }
    return;
  }
  const dir = dirname(path);
  try {
    if (!statSync(dir).isDirectory()) throw new InputError('WRITE_FAILED', `cannot write the report to ${path}: ${dir} is not a folder`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('WRITE_FAILED', `cannot write the report to ${path}: ${fsReason(e)} (${dir})`);
  }
}

/**
 * Writes the report to a file (`--output`) atomically: into a temporary file
 * beside it, flushed to disk, then renamed over the old report. On any failure
 * the temporary file is removed and the old report is left as it was. A path
 * that is not a regular file (/dev/null, a FIFO) is written directly.
 */
export async function writeFileOut(path: string, text: string | Uint8Array): Promise<void> {
  let target = path;
  let mode: number | undefined;
  try {
    const st = statSync(path);
    if (!st.isFile()) {
      await writeFile(path, text).catch((e: unknown) => {
        throw new InputError('WRITE_FAILED', `cannot write the report to ${path}: ${fsReason(e)}`);
      });
      return;
    }
    target = realpathSync(path);
    mode = st.mode & 0o7777;
  } catch (e) {
    if (e instanceof InputError) throw e;
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', 0o666);
    const bytes = typeof text === 'string' ? Buffer.from(text) : text;
    for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, target);
  } catch (e) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
    throw new InputError('WRITE_FAILED', `cannot write the report to ${path}: ${fsReason(e)}`);
  }
}
