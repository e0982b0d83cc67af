/** Loads `--map`: a built-in map (its data from data/maps/) or a two-column CSV file. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Crosswalk, crosswalkInfo, parseCrosswalk } from '../core/crosswalk.js';
import { BUILTIN_MAPS, builtinMap, fileMap, type NibrsOffense, type OffenseMap } from '../core/maps.js';
import { fsReason } from './output.js';
import { InputError, UsageError } from '../errors.js';

/** Absolute path of a file in data/maps/ inside the installed package. */
export function mapDataPath(file: string): string {
  // dist/src/io/maps.js → package root is three levels up.
  return fileURLToPath(new URL(`../../../data/maps/${file}`, import.meta.url));
}

function readCsv(path: string, what: string): string[][] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw code === 'ENOENT'
      ? new InputError('NO_SUCH_FILE', `${what}: no such file`)
      : new InputError('UNREADABLE_FILE', `${what}: cannot read (${fsReason(e)})`);
  }
  // Loaded only when a map is read.
  const { parse } = createRequire(import.meta.url)('csv-parse/sync') as typeof import('csv-parse/sync');
  try {
    return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (e) {
    throw new InputError('BAD_MAP', `${what}: malformed CSV (${(e as Error).message})`);
  }
}

/** The FBI NIBRS offense table shipped in data/maps/nibrs-offenses.csv. */
export function loadNibrsTable(): NibrsOffense[] {
  const rows = readCsv(mapDataPath('nibrs-offenses.csv'), 'data/maps/nibrs-offenses.csv');
  return rows.slice(1).map((r) => ({ code: r[0] ?? '', offense: r[1] ?? '', crimeAgainst: r[2] ?? '', part1: r[3] ?? '' }));
}

const crosswalks = new Map<string, Crosswalk>();

/** The crosswalk of a preset (data/maps/crosswalks/), read once per run; null when the preset has none. */
export function loadCrosswalk(preset: string | undefined): Crosswalk | null {
  const info = crosswalkInfo(preset);
  if (!info) return null;
  let c = crosswalks.get(info.file);
  if (!c) {
    c = parseCrosswalk(info.file, readCsv(mapDataPath(`crosswalks/${info.file}`), `data/maps/crosswalks/${info.file}`));
    crosswalks.set(info.file, c);
  }
  return c;
}

export function loadMap(arg: string): OffenseMap {
  const builtin = builtinMap(arg, arg in BUILTIN_MAPS ? loadNibrsTable() : []);
  if (builtin) return builtin;
  if (!/[./\\]/.test(arg)) {
    throw new UsageError('BAD_VALUE', `--map ${arg}: not a built-in map (${Object.keys(BUILTIN_MAPS).join(', ')}) nor a .csv file`);
  }
  return fileMap(arg, readCsv(arg, `--map ${arg}`));
}
