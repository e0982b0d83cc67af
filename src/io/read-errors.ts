/** The one-line errors of a file that cannot be split into records. */
import { InputError } from '../errors.js';

/** The one-line error for a quote that is never closed: where its record starts, and where the file ends. */
export function unclosedQuote(name: string, start: number, endLine: number): InputError {
  return new InputError(
    'MALFORMED_CSV',
    `${name}:${start}: malformed CSV: a quote opened in the record on line ${start} is never closed (the file ends inside it at line ${endLine}); check the quotes on that line`,
  );
}

/** The one-line error for a record larger than the limit, on the line where it starts. */
export function recordTooLarge(name: string, line: number, limit: number): InputError {
  return new InputError(
    'RECORD_TOO_LARGE',
    `${name}:${line}: a record is larger than ${formatSize(limit)} (the limit; --max-record-size to raise it) — is a quote on that line never closed?`,
  );
}

const KiB = 1024;
const MiB = KiB * KiB;
const GiB = MiB * KiB;

/** A size in bytes as the user would write it: 64 MiB, 128 MB, 1,000 bytes. */
function formatSize(n: number): string {
  for (const [unit, size] of [
    ['GiB', GiB],
    ['MiB', MiB],
    ['KiB', KiB],
    ['GB', 1e9],
    ['MB', 1e6],
  ] as const) {
    if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  }
  return n === 1 ? '1 byte' : `${n.toLocaleString('en-US')} bytes`;
}
