/**
 * Offense maps: a row's offense value (or a code, or a finer description, from
 * the column the map reads) becomes a category before grouping. A map is a
 * lookup decided once per distinct value; per row it costs one Map lookup.
 * The built-in Part I maps place a value by the first of: the code tables
 * (a code column a preset names), the crosswalk of the file's schema, the
 * NIBRS names and codes, the word rules; a value none of them places is
 * `(unmapped)`, never guessed. Pure: the tables arrive as data from src/io.
 */
import { InputError } from '../errors.js';
import type { Crosswalk } from './crosswalk.js';
import { isMissing } from './types.js';
import {
  isMixed,
  OTHER,
  PART1_PROPERTY,
  PART1_VIOLENT,
  type Part1Offense,
  part1Offense,
  type Placement,
  placed,
  UNMAPPED,
  type Verdict,
} from './part1.js';
import { placeByWords } from './word-rules.js';

export { OTHER, PART1_PROPERTY, PART1_VIOLENT, UNMAPPED };

/** Code systems a preset can name a column for. */
export type CodeSystem = 'nibrs' | 'chicago-fbi' | 'ucr-hundreds';

/** What becomes of values the map does not place: kept as they are, grouped as Other or as (unmapped), or dropped. */
export type UnmappedPolicy = 'keep' | 'other' | 'mark' | 'drop';

/** One row of data/maps/nibrs-offenses.csv. */
export interface NibrsOffense {
  code: string;
  offense: string;
  crimeAgainst: string;
  /** The UCR Part I offense it rolls up to, '' when none. */
  part1: string;
}

/** What one file's map needs besides the map: the code system of the column it reads, and the crosswalk of the file's schema. */
export interface MapContext {
  system: CodeSystem | undefined;
  crosswalk: Crosswalk | null;
}

/** A placed value: its row label, its class and its label under the class (for --rollup), and the rule that placed it. */
export interface MapHit {
  label: string;
  cls: string;
  member: string;
  rule: string;
}

/**
 * A map's answer for a value: a hit; `outside` when a rule placed it outside
 * what the map keeps (a burglary under --map violent); `unplaced` when no rule
 * places it (`value` is what to report: the text that was tried).
 */
export type MapResult =
  { kind: 'hit'; hit: MapHit } | { kind: 'outside'; cls: string; rule: string } | { kind: 'unplaced'; value: string; rule: string };

/** A map ready to apply. */
export interface OffenseMap {
  /** `--map` argument as given (a built-in name or a file path). */
  name: string;
  /** Code systems this map reads; undefined for a file map (reads the offense values). */
  systems?: readonly CodeSystem[];
  /** Whether the map places text values too (the Part I maps): it then reads a schema's finer column when there is one. */
  text?: boolean;
  /** Whether the map keeps only some classes (violent, property, part1): an input with none of them counts zero, not an error. */
  selects?: boolean;
  /** Policy when --unmapped is not given. */
  defaultUnmapped: UnmappedPolicy;
  /** Places a row: `value` from the column the map reads, `offense` from the offense column (the same text when they are one column). */
  place(value: string, offense: string, ctx: MapContext): MapResult;
  /** What the user should hear about the map itself (a value listed twice…). */
  notes?: string[];
}

export const BUILTIN_MAPS: Record<string, string> = {
  nibrs: 'NIBRS offense code → offense name (FBI NIBRS offense table)',
  'nibrs-against': 'NIBRS offense code → crime against: Person, Property, Society',
  'ucr-part1':
    'offense code or text → Violent or Property (UCR Part I); Other when placed outside Part I, (unmapped) when no rule places it',
  'part1-offense':
    'offense code or text → the UCR Part I offense (Homicide, Rape, Robbery, Aggravated assault, Burglary, Larceny-theft, Motor vehicle theft, Arson), Other or (unmapped)',
  violent: 'only UCR Part I violent offenses, by offense (Homicide, Rape, Robbery, Aggravated assault); other rows dropped',
  property: 'only UCR Part I property offenses, by offense (Burglary, Larceny-theft, Motor vehicle theft, Arson); other rows dropped',
  part1: 'only UCR Part I offenses, by offense (violent and property); other rows dropped',
};

/** Chicago "FBI Code" (Chicago PD's UCR-based codes): the Part I offense, or Other for the Part II codes. */
const CHICAGO_FBI: Record<string, Part1Offense | 'Other'> = {
  '01A': 'Homicide',
  '01B': 'Other', // involuntary manslaughter
  '02': 'Rape',
  '03': 'Robbery',
  '04A': 'Aggravated assault',
  '04B': 'Aggravated assault', // aggravated battery
  '05': 'Burglary',
  '06': 'Larceny-theft',
  '07': 'Motor vehicle theft',
  '08A': 'Other',
  '08B': 'Other',
  '09': 'Arson',
  ...Object.fromEntries(
    ['10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '22', '24', '26'].map((c) => [c, 'Other' as const]),
  ),
};

/**
 * UCR hundreds codes (Philadelphia `ucr_general` 100…2600, Atlanta `UCR_Number`
 * 110…730): the hundreds digit is the UCR offense class; 120–199 is
 * manslaughter by negligence (not Part I); classes 10–29 are Part II.
 */
function ucrHundreds(code: string): Part1Offense | 'Other' | undefined {
  if (!/^\d{3,4}(\.0+)?$/.test(code)) return undefined;
  const n = Math.trunc(Number(code));
  if (n < 100 || n >= 3000) return undefined;
  if (n < 120) return 'Homicide';
  const byClass: Record<number, Part1Offense> = {
    2: 'Rape',
    3: 'Robbery',
    4: 'Aggravated assault',
    5: 'Burglary',
    6: 'Larceny-theft',
    7: 'Motor vehicle theft',
    9: 'Arson',
  };
  return byClass[Math.floor(n / 100)] ?? 'Other';
}

/** NIBRS codes are written `13A`, `13a`, `240`, sometimes with a float suffix. */
function normaliseCode(v: string): string {
  return v.trim().toUpperCase().replace(/\.0+$/, '');
}

interface Tables {
  byCode: Map<string, NibrsOffense>;
  byName: Map<string, NibrsOffense>;
}

function nibrsPlacement(row: NibrsOffense, how: string): Placement {
  return placed(part1Offense(row.part1) ?? 'Other', `NIBRS ${how} ${row.code} ${row.offense} (data/maps/nibrs-offenses.csv)`);
}

/** A code in the file's code system; undefined when it is not a code of that system. */
function codePlacement(value: string, system: CodeSystem, t: Tables): Placement | undefined {
  switch (system) {
    case 'nibrs': {
      const row = t.byCode.get(normaliseCode(value));
      return row && nibrsPlacement(row, 'code');
    }
    case 'chicago-fbi': {
      const code = value.trim().toUpperCase();
      const o = CHICAGO_FBI[code];
      return o && placed(o, `Chicago FBI code ${code}`);
    }
    case 'ucr-hundreds': {
      const o = ucrHundreds(value.trim());
      return o && placed(o, `UCR code ${value.trim()} (hundreds: the UCR offense class)`);
    }
  }
}

/** A text that is a NIBRS offense name, or a NIBRS code with a letter (13A; a bare number could be any code). */
function nibrsText(value: string, t: Tables): Placement | undefined {
  const byName = t.byName.get(value.trim().toLowerCase());
  if (byName) return nibrsPlacement(byName, 'offense name of');
  const code = normaliseCode(value);
  const row = /^\d{2}[A-Z]$/.test(code) ? t.byCode.get(code) : undefined;
  return row && nibrsPlacement(row, 'code');
}

/** A text that is a Part I offense name itself (Homicide, Larceny-theft…). */
function part1Name(value: string): Placement | undefined {
  const o = part1Offense(value);
  return o && placed(o, 'UCR Part I offense name');
}

/**
 * The Part I placement of a row: the code (when the map reads a code
 * column); then the crosswalk on the finer value (a description the map
 * reads under the category: its word is final), then on the offense (a
 * `(mixed)` category goes on); then the NIBRS names and the word rules on the
 * finer value, and on the offense unless the crosswalk called it mixed.
 * Unplaced: the text tried, and the rule that said mixed if one did.
 */
function placePart1(value: string, offense: string, ctx: MapContext, t: Tables): Placement | { unplaced: string; rule: string } {
  if (ctx.system) {
    const p = codePlacement(value, ctx.system, t);
    if (p) return p;
  }
  const detail = ctx.system || value === offense ? null : value;
  const settle = (v: string, verdict: Verdict): Placement | { unplaced: string; rule: string } =>
    isMixed(verdict) ? { unplaced: v, rule: verdict.rule } : verdict;
  if (detail !== null) {
    const c = ctx.crosswalk?.lookup(detail);
    if (c) return settle(detail, c);
  }
  const category = ctx.crosswalk?.lookup(offense);
  if (category && !isMixed(category)) return category;
  const byText = (v: string): Verdict | undefined => part1Name(v) ?? nibrsText(v, t) ?? placeByWords(v);
  if (detail !== null) {
    const w = byText(detail);
    if (w) return settle(detail, w);
  }
  if (!category) {
    const w = byText(offense);
    if (w) return settle(offense, w);
  }
  return { unplaced: detail ?? offense, rule: category?.rule ?? 'no rule places it' };
}

type Part1View = 'ucr-part1' | 'part1-offense' | 'violent' | 'property' | 'part1';

/** What a Part I map makes of a placement: its row label, or outside when the map keeps only some classes. */
function part1Result(view: Part1View, p: Placement, offense: string): MapResult {
  const keep = view === 'violent' ? ['Violent'] : view === 'property' ? ['Property'] : view === 'part1' ? ['Violent', 'Property'] : null;
  if (keep && !keep.includes(p.cls)) return { kind: 'outside', cls: p.cls, rule: p.rule };
  // The member of a class row: the Part I offense, else the file's own offense value.
  const member = p.offense ?? offense;
  const label = view === 'ucr-part1' ? p.cls : (p.offense ?? (p.cls === 'Other' ? OTHER : offense));
  return { kind: 'hit', hit: { label, cls: p.cls, member, rule: p.rule } };
}

/** Builds a built-in map by name; undefined when `name` is not built in. */
export function builtinMap(name: string, nibrs: readonly NibrsOffense[]): OffenseMap | undefined {
  if (!(name in BUILTIN_MAPS)) return undefined;
  const t: Tables = {
    byCode: new Map(nibrs.map((r) => [r.code.toUpperCase(), r])),
    byName: new Map(nibrs.map((r) => [r.offense.toLowerCase(), r])),
  };
  if (name === 'nibrs' || name === 'nibrs-against') {
    return {
      name,
      systems: ['nibrs'],
      defaultUnmapped: 'keep',
      place: (v) => {
        const row = t.byCode.get(normaliseCode(v));
        if (!row) return { kind: 'unplaced', value: v, rule: 'not a NIBRS code' };
        const rule = `NIBRS code ${row.code} (data/maps/nibrs-offenses.csv)`;
        const label = name === 'nibrs' ? row.offense : row.crimeAgainst;
        return { kind: 'hit', hit: { label, cls: row.crimeAgainst, member: row.offense, rule } };
      },
    };
  }
  const view = name as Part1View;
  return {
    name,
    systems: ['nibrs', 'chicago-fbi', 'ucr-hundreds'],
    text: true,
    selects: view === 'violent' || view === 'property' || view === 'part1',
    defaultUnmapped: view === 'ucr-part1' || view === 'part1-offense' ? 'mark' : 'drop',
    place: (v, offense, ctx) => {
      const p = placePart1(v, offense, ctx, t);
      return 'unplaced' in p ? { kind: 'unplaced', value: p.unplaced, rule: p.rule } : part1Result(view, p, offense);
    },
  };
}

/** Categories a map file may give besides a real one: drop the value's rows, or leave the value unplaced. */
export const DROPPED = '(dropped)';

/**
 * A map from the rows of a CSV file: `value,category`, or `value,category,class`
 * (the class groups categories under --rollup); values trimmed; a first row
 * `value,category[,class]` is a header. Under --rollup the categories are
 * grouped under their class (or the values under their category when there
 * is no class column). A category `(dropped)` drops the
 * value's rows; `(unmapped)` leaves the value unplaced (as if not listed), so
 * that the listing `inspect --map` writes can be passed back.
 */
export function fileMap(name: string, rows: readonly (readonly string[])[]): OffenseMap {
  const m = new Map<string, { category: string; cls: string; row: number }>();
  const notes: string[] = [];
  const head = rows[0]?.map((c) => c.trim().toLowerCase());
  const hasHeader = head?.[0] === 'value' && head[1] === 'category';
  const classCol = hasHeader && head[2] === 'class' ? 2 : -1;
  rows.forEach((r, i) => {
    if (i === 0 && hasHeader) return;
    const value = r[0]?.trim() ?? '';
    const category = r[1]?.trim() ?? '';
    if (r.length < 2 || value === '' || category === '') {
      throw new InputError('BAD_MAP', `--map ${name}: row ${i + 1} must have two non-empty columns, value and category`);
    }
    if (category === UNMAPPED) return;
    const before = m.get(value);
    if (before !== undefined && before.category !== category) {
      notes.push(
        `--map ${name}: "${value}" is listed under "${before.category}" (row ${before.row}) and under "${category}" (row ${i + 1}); the last one is used`,
      );
    }
    const cls = classCol >= 0 ? (r[classCol]?.trim() ?? '') : '';
    m.set(value, { category, cls: cls === '' ? category : cls, row: i + 1 });
  });
  if (m.size === 0 && !rows.some((r, i) => !(i === 0 && hasHeader) && r[1]?.trim() === UNMAPPED)) {
    throw new InputError('BAD_MAP', `--map ${name}: the file has no value,category rows`);
  }
  return {
    name,
    defaultUnmapped: 'keep',
    notes,
    place: (v) => {
      const e = m.get(v);
      if (!e) return { kind: 'unplaced', value: v, rule: `not in ${name}` };
      const rule = `--map ${name} row ${e.row}`;
      if (e.category === DROPPED) return { kind: 'outside', cls: DROPPED, rule };
      // With a class column the categories sit under their classes; else the values under their categories.
      return { kind: 'hit', hit: { label: e.category, cls: e.cls, member: classCol >= 0 ? e.category : v, rule } };
    },
  };
}

/** Separates a class from its member inside a row label under --rollup. */
export const CLASS_SEP = '\u001d';

/** The map of one file, ready for rows: a label per row (or null: dropped), and what no rule placed. */
export interface CompiledMap {
  /** The row's label (with --rollup: class, CLASS_SEP, member), or null when the row is dropped. */
  apply(value: string, offense: string): string | null;
  /** Set by apply: the value no rule placed, for the list of unplaced values; undefined when a rule placed it. */
  lastUnplaced: string | undefined;
}

export interface CompileOptions {
  rollup?: boolean;
  /** Called once per distinct value with what became of it: its label (or `(dropped)`, `(unmapped)`), its class, and the rule. */
  record?: (value: string, outcome: string, cls: string, rule: string) => void;
}

const MEMO_CAP = 100_000;

/**
 * The per-file map: value → label, memoised per distinct value so that the
 * rules run once per value. A missing map value (an empty code) falls back
 * to the offense text.
 */
export function compileMap(map: OffenseMap, ctx: MapContext, policy: UnmappedPolicy, opts: CompileOptions = {}): CompiledMap {
  const memo = new Map<string, { label: string | null; unplaced: string | undefined }>();
  const rollup = opts.rollup === true;
  const labelOf = (label: string, cls: string, member: string) => (rollup ? cls + CLASS_SEP + member : label);
  const decide = (value: string, offense: string): { label: string | null; unplaced: string | undefined } => {
    const v = isMissing(value) ? offense : value;
    const r = map.place(v, offense, ctx);
    if (r.kind === 'hit') {
      opts.record?.(v, r.hit.label, r.hit.cls, r.hit.rule);
      return { label: labelOf(r.hit.label, r.hit.cls, r.hit.member), unplaced: undefined };
    }
    if (r.kind === 'outside') {
      opts.record?.(v, DROPPED, r.cls, r.rule);
      return { label: null, unplaced: undefined };
    }
    opts.record?.(v, UNMAPPED, UNMAPPED, r.rule);
    const label =
      policy === 'drop'
        ? null
        : policy === 'keep'
          ? labelOf(v, UNMAPPED, v)
          : policy === 'other'
            ? labelOf(OTHER, OTHER, v)
            : labelOf(UNMAPPED, UNMAPPED, v);
    return { label, unplaced: r.value };
  };
  const compiled: CompiledMap = {
    lastUnplaced: undefined,
    apply(value, offense) {
      const key = value === offense ? value : `${value}\u0000${offense}`;
      let out = memo.get(key);
      if (out === undefined) {
        out = decide(value, offense);
        if (memo.size < MEMO_CAP) memo.set(key, out);
      }
      compiled.lastUnplaced = out.unplaced;
      return out.label;
    },
  };
  return compiled;
}

/** One filter condition: rows whose `column` value is (or, negated, is not) one of `values`; `text` as the user wrote it. */
export interface WhereClause {
  column: string;
  negate: boolean;
  values: string[];
  text: string;
}
