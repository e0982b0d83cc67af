/** Loads `--map`: a built-in map (its data from data/maps/) or a two-column CSV file. */
import { fileURLToPath } from 'node:url';
import { type Crosswalk, crosswalkInfo, parseCrosswalk } from '../core/crosswalk.js';
import { BUILTIN_MAPS, builtinMap, fileMap, type NibrsOffense, type OffenseMap } from '../core/maps.js';
import { UsageError } from '../errors.js';
import { readCsvRows } from './small-files.js';

/** Absolute path of a file in data/maps/ inside the installed package. */
export function mapDataPath(file: string): string {
  // dist/src/io/maps.js → package root is three levels up.
  return fileURLToPath(new URL(`../../../data/maps/${file}`, import.meta.url));
}

function readCsv(path: string, what: string): string[][] {
  return readCsvRows(path, what, 'BAD_MAP');
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
