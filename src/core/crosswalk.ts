/**
 * Crosswalks: for the schemas the project knows, each text offense value the
 * agency publishes → its Part I offense, `Other`, or `(mixed)` (the value
 * holds Part I and other offenses: a finer column decides). The lists are
 * data (data/maps/crosswalks/, with their sources in data/maps/README.md);
 * this module reads them and says which crosswalk and finer column a preset
 * has.
 */
import { InputError } from '../errors.js';
import { OTHER, part1Offense, placed, type Verdict } from './part1.js';

export interface CrosswalkInfo {
  /** The file in data/maps/crosswalks/. */
  file: string;
  /** The presets (schemas) whose text values it lists. */
  presets: readonly string[];
  /**
   * Per preset: a column with finer values than the offense column (a
   * description under a category), read first by the built-in maps when the
   * file has it.
   */
  detail?: Readonly<Record<string, string>>;
}

export const CROSSWALKS: readonly CrosswalkInfo[] = [
  { file: 'sacramento.csv', presets: ['sacramento', 'sacramento-2006'], detail: { sacramento: 'Description' } },
  {
    file: 'sf.csv',
    presets: ['sf', 'sf-date-time'],
    detail: { sf: 'Incident Description', 'sf-date-time': 'Incident Description' },
  },
  { file: 'chicago.csv', presets: ['chicago'] },
  { file: 'lapd.csv', presets: ['lapd'] },
  { file: 'police-uk.csv', presets: ['police-uk'] },
  {
    file: 'nypd.csv',
    presets: ['nypd-complaints', 'nypd-hate-crimes'],
    detail: { 'nypd-complaints': 'PD_DESC', 'nypd-hate-crimes': 'PD Code Description' },
  },
  { file: 'seattle.csv', presets: ['seattle'] },
  { file: 'philadelphia.csv', presets: ['philadelphia'] },
  { file: 'atlanta.csv', presets: ['atlanta-cobra'] },
  { file: 'davis.csv', presets: ['davis'], detail: { davis: 'Title' } },
];

/** The crosswalk of a preset, if it has one. */
export function crosswalkInfo(preset: string | undefined): CrosswalkInfo | undefined {
  return preset === undefined ? undefined : CROSSWALKS.find((c) => c.presets.includes(preset));
}

/** How a value is looked up: trimmed, runs of spaces as one, case ignored. */
export function crosswalkKey(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toUpperCase();
}

export interface Crosswalk {
  file: string;
  lookup(value: string): Verdict | undefined;
  size: number;
}

/** The header and the words a crosswalk's `offense` column may hold besides the Part I offense names. */
const MIXED = '(mixed)';

/** A crosswalk from its CSV rows (header `value,offense,note`); a bad row is an error naming the file and line. */
export function parseCrosswalk(file: string, rows: readonly (readonly string[])[]): Crosswalk {
  const entries = new Map<string, Verdict>();
  const bad = (line: number, why: string) => new InputError('BAD_MAP', `data/maps/crosswalks/${file}:${line}: ${why}`);
  const head = rows[0]?.map((c) => c.trim());
  if (head?.[0] !== 'value' || head[1] !== 'offense') throw bad(1, 'expected the header value,offense,note');
  rows.slice(1).forEach((r, i) => {
    const line = i + 2;
    const value = r[0] ?? '';
    const what = (r[1] ?? '').trim();
    const note = (r[2] ?? '').trim();
    if (value.trim() === '') throw bad(line, 'a row without a value');
    const rule = `crosswalk ${file} ${JSON.stringify(value.trim())}${note ? `: ${note}` : ''}`;
    let verdict: Verdict;
    if (what === MIXED) verdict = { mixed: true, rule };
    else if (what === OTHER) verdict = placed('Other', rule);
    else if (what === 'Violent' || what === 'Property') verdict = { offense: null, cls: what, rule };
    else {
      const o = part1Offense(what);
      if (!o) throw bad(line, `"${what}" is not a Part I offense, Violent, Property, Other or (mixed)`);
      verdict = placed(o, rule);
    }
    const key = crosswalkKey(value);
    if (entries.has(key)) throw bad(line, `"${value.trim()}" is listed twice`);
    entries.set(key, verdict);
  });
  return { file, lookup: (v) => entries.get(crosswalkKey(v)), size: entries.size };
}
