/**
 * Offense maps: a raw offense value (or a code from a column the preset names)
 * becomes a category before grouping. A map is a lookup decided once per run;
 * per row it costs one Map lookup (built-in code rules are memoised per
 * distinct value). Pure: the NIBRS table arrives as data from src/io.
 */
import { InputError } from '../errors.js';

/** Code systems a preset can name a column for. */
export type CodeSystem = 'nibrs' | 'chicago-fbi' | 'ucr-hundreds';

export type UnmappedPolicy = 'keep' | 'other' | 'drop';

/** One row of data/maps/nibrs-offenses.csv. */
export interface NibrsOffense {
  code: string;
  offense: string;
  crimeAgainst: string;
  /** The UCR Part I offense it rolls up to, '' when none. */
  part1: string;
}

export const PART1_VIOLENT = ['Homicide', 'Rape', 'Robbery', 'Aggravated assault'] as const;
export const PART1_PROPERTY = ['Burglary', 'Larceny-theft', 'Motor vehicle theft', 'Arson'] as const;

/** A map ready to apply. */
export interface OffenseMap {
  /** `--map` argument as given (a built-in name or a file path). */
  name: string;
  /** Code systems this map reads; undefined for a file map (reads the offense values). */
  systems?: readonly CodeSystem[];
  /** Policy when --unmapped is not given. */
  defaultUnmapped: UnmappedPolicy;
  /** The category for a value, undefined when the map does not cover it. */
  lookup(value: string, system: CodeSystem | undefined): string | undefined;
  /** What the user should hear about the map itself (a value listed twice…). */
  notes?: string[];
}

export const BUILTIN_MAPS: Record<string, string> = {
  nibrs: 'NIBRS offense code → offense name (FBI NIBRS offense table)',
  'nibrs-against': 'NIBRS offense code → crime against: Person, Property, Society',
  'ucr-part1': 'offense code → Violent or Property (UCR Part I); other codes are not Part I',
  'part1-offense':
    'offense code → the UCR Part I offense (Homicide, Rape, Robbery, Aggravated assault, Burglary, Larceny-theft, Motor vehicle theft, Arson)',
  violent: 'only UCR Part I violent offenses, by offense (Homicide, Rape, Robbery, Aggravated assault); other rows dropped',
  property: 'only UCR Part I property offenses, by offense (Burglary, Larceny-theft, Motor vehicle theft, Arson); other rows dropped',
};

/** Chicago "FBI Code" (Chicago PD's UCR-based codes) → Part I offense. */
const CHICAGO_FBI_PART1: Record<string, string> = {
  '01A': 'Homicide',
  '02': 'Rape',
  '03': 'Robbery',
  '04A': 'Aggravated assault',
  '04B': 'Aggravated assault',
  '05': 'Burglary',
  '06': 'Larceny-theft',
  '07': 'Motor vehicle theft',
  '09': 'Arson',
};

/**
 * UCR hundreds codes (Philadelphia `ucr_general` 100…2600, Atlanta `UCR_Number`
 * 110…730): the hundreds digit is the UCR offense class.
 */
function ucrHundredsPart1(code: string): string | undefined {
  if (!/^\d{3,4}(\.0+)?$/.test(code)) return undefined;
  const n = Math.trunc(Number(code));
  if (n >= 100 && n < 120) return 'Homicide'; // 120+ is manslaughter by negligence: not Part I violent
  const h = Math.floor(n / 100);
  return (
    { 2: 'Rape', 3: 'Robbery', 4: 'Aggravated assault', 5: 'Burglary', 6: 'Larceny-theft', 7: 'Motor vehicle theft', 9: 'Arson' } as Record<
      number,
      string
    >
  )[h];
}

function part1Group(offense: string | undefined): string | undefined {
  if (offense === undefined) return undefined;
  if ((PART1_VIOLENT as readonly string[]).includes(offense)) return 'Violent';
  if ((PART1_PROPERTY as readonly string[]).includes(offense)) return 'Property';
  return undefined;
}

/** NIBRS codes are written `13A`, `13a`, `240`, sometimes with a float suffix. */
function normaliseCode(v: string): string {
  return v.toUpperCase().replace(/\.0+$/, '');
}

/** Builds a built-in map by name; undefined when `name` is not built in. */
export function builtinMap(name: string, nibrs: readonly NibrsOffense[]): OffenseMap | undefined {
  if (!(name in BUILTIN_MAPS)) return undefined;
  const byCode = new Map(nibrs.map((r) => [r.code.toUpperCase(), r]));
  const part1 = (value: string, system: CodeSystem | undefined): string | undefined => {
    switch (system ?? 'nibrs') {
      case 'nibrs':
        return byCode.get(normaliseCode(value))?.part1 || undefined;
      case 'chicago-fbi':
        return CHICAGO_FBI_PART1[value.toUpperCase()];
      case 'ucr-hundreds':
        return ucrHundredsPart1(value);
    }
  };
  const all: CodeSystem[] = ['nibrs', 'chicago-fbi', 'ucr-hundreds'];
  switch (name) {
    case 'nibrs':
      return { name, systems: ['nibrs'], defaultUnmapped: 'keep', lookup: (v) => byCode.get(normaliseCode(v))?.offense };
    case 'nibrs-against':
      return { name, systems: ['nibrs'], defaultUnmapped: 'keep', lookup: (v) => byCode.get(normaliseCode(v))?.crimeAgainst };
    case 'ucr-part1':
      return { name, systems: all, defaultUnmapped: 'other', lookup: (v, s) => part1Group(part1(v, s)) };
    case 'part1-offense':
      return { name, systems: all, defaultUnmapped: 'other', lookup: (v, s) => part1(v, s) };
    case 'violent':
    case 'property': {
      const want = name === 'violent' ? 'Violent' : 'Property';
      return {
        name,
        systems: all,
        defaultUnmapped: 'drop',
        lookup: (v, s) => {
          const o = part1(v, s);
          return part1Group(o) === want ? o : undefined;
        },
      };
    }
  }
  return undefined;
}

/** A map from the rows of a two-column file (value, category); values trimmed. */
export function fileMap(name: string, rows: readonly (readonly string[])[]): OffenseMap {
  const m = new Map<string, { category: string; row: number }>();
  const notes: string[] = [];
  rows.forEach((r, i) => {
    const value = r[0]?.trim() ?? '';
    const category = r[1]?.trim() ?? '';
    if (i === 0 && value.toLowerCase() === 'value' && category.toLowerCase() === 'category') return;
    if (r.length < 2 || value === '' || category === '') {
      throw new InputError('BAD_MAP', `--map ${name}: row ${i + 1} must have two non-empty columns, value and category`);
    }
    const before = m.get(value);
    if (before !== undefined && before.category !== category) {
      notes.push(
        `--map ${name}: "${value}" is listed under "${before.category}" (row ${before.row}) and under "${category}" (row ${i + 1}); the last one is used`,
      );
    }
    m.set(value, { category, row: i + 1 });
  });
  if (m.size === 0) throw new InputError('BAD_MAP', `--map ${name}: the file has no value,category rows`);
  return { name, defaultUnmapped: 'keep', lookup: (v) => m.get(v)?.category, notes };
}

/** The label rows take under `--unmapped other`. */
export const OTHER = 'Other';

/**
 * The per-file map function: value → category, `OTHER`, or null (drop).
 * Memoised per distinct value so that built-in rules run once per code.
 */
export function compileMap(map: OffenseMap, system: CodeSystem | undefined, policy: UnmappedPolicy): (value: string) => string | null {
  const memo = new Map<string, string | null>();
  return (value) => {
    let out = memo.get(value);
    if (out === undefined) {
      const hit = map.lookup(value, system);
      out = hit !== undefined ? hit : policy === 'keep' ? value : policy === 'other' ? OTHER : null;
      if (memo.size < 100_000) memo.set(value, out);
    }
    return out;
  };
}

/** One filter condition: rows whose `column` value is (or, negated, is not) one of `values`; `text` as the user wrote it. */
export interface WhereClause {
  column: string;
  negate: boolean;
  values: string[];
  text: string;
}
