/** Small files read whole: map, population and weights CSVs, report definitions. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type CodeOf, InputError } from '../errors.js';
import { fsReason } from './output.js';

/** The text of a file, or an error naming it as `label` (missing: exit 1 with NO_SUCH_FILE). */
export function readTextFile(path: string, label: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw (e as NodeJS.ErrnoException).code === 'ENOENT'
      ? new InputError('NO_SUCH_FILE', `${label}: no such file`)
      : new InputError('UNREADABLE_FILE', `${label}: cannot read (${fsReason(e)})`);
  }
}

/** A CSV file's rows (header included), parsed with csv-parse (loaded on first use); malformed CSV is `badCode`. */
export function readCsvRows(path: string, label: string, badCode: CodeOf<1>, opts: { trim?: boolean } = {}): string[][] {
  const text = readTextFile(path, label);
  const { parse } = createRequire(import.meta.url)('csv-parse/sync') as typeof import('csv-parse/sync');
  try {
    return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, ...(opts.trim ? { trim: true } : {}) });
  } catch (e) {
    throw new InputError(badCode, `${label}: malformed CSV (${(e as Error).message})`);
  }
}
