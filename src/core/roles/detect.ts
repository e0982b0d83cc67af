/**
 * Which column plays which role. Explicit names always win; then a preset
 * (forced with --preset or matched from the header); then a score over the
 * header names and sample values for whatever is still unknown.
 */
import { InputError, UsageError } from '../../errors.js';
import { detectDateLayout } from '../dates.js';
import { isMissing } from '../types.js';
import { findPreset, matchPreset, PRESETS, type Preset } from './presets.js';

export type Role = 'date' | 'offense' | 'area' | 'id';

export interface RoleFlags {
  date?: string;
  offense?: string;
  area?: string;
  id?: string;
  preset?: string;
}

export interface ResolvedRoles {
  /** Column names; area and id may be absent. */
  /** Column names; offense is null when the file has none (every row counts, in one group or by area). */
  names: { date: string; offense: string | null; area: string | null; id: string | null };
  /** 0-based indices of the first column with each name. */
  index: { date: number; offense: number; area: number; id: number };
  preset: Preset | undefined;
  /** How each role was decided: 'flag' | 'preset' | 'detected'. */
  how: Record<'date' | 'offense', 'flag' | 'preset' | 'detected'>;
  /** Messages for the user when detection had to choose. */
  notes: string[];
  /** An id column the schema has, when it was not asked for. */
  suggestedId: string | null;
}

/** Index of the first column with this exact name (after trimming), or -1. */
export function columnIndex(header: readonly string[], name: string): number {
  return header.indexOf(name);
}

/** Per column: whether it is the first with its name (a duplicated name refers to its first column). */
export function firstOfName(header: readonly string[]): boolean[] {
  const seen = new Set<string>();
  return header.map((h) => !seen.has(h) && seen.add(h) !== undefined);
}

/** Throws the exit-1 error for a named column that is not in the header. */
export function requireColumn(header: readonly string[], name: string, flag: string, file: string): number {
  const i = columnIndex(header, name);
  if (i < 0) {
    throw new InputError(
      'NO_SUCH_COLUMN',
      `no column "${name}" (${flag}) in ${file}; its columns are: ${header.map((h) => JSON.stringify(h)).join(', ')}`,
    );
  }
  return i;
}

const DATE_GOOD = /(occur|incident|offen[cs]e|crime|event|start|from|cdatetime|dispatch)/i;
const DATE_BAD = /(report|rpt|updat|clos|creat|end|arrest|modif|entered|load|to_|_to\b|through|opened|poss)/i;
/** Whether a column's name may hold an offense (for inspect's list of other candidates). */
export function offenseLikeName(name: string): boolean {
  return OFFENSE_NAME.test(name) && !OFFENSE_BAD.test(name);
}

/** A column's name that may identify an incident (for inspect's guess when no id column is known). */
export function idLikeName(name: string): boolean {
  return /^(incident|case|report|complaint|event|cad|dr)[ _-]?(num(ber)?|no|id|#)$|^(inc|incident)_?id$|^id$/i.test(name.trim());
}

/** A column's name that says area (district, beat, LSOA…), for inspect's list of offense candidates. */
export function areaLikeName(name: string): boolean {
  const n = name.toLowerCase();
  return n.includes('lsoa') || AREA_NAMES.some((a) => n.includes(a));
}

/** A name that may hold an offense at all. */
const OFFENSE_NAME = /(offen[cs]e|crime|crm|categor|type|desc(?!ent)|ucr|nibrs|ibr|charge|statute|literal|group|class|code)/i;
/** Names that say offense. */
const OFFENSE_WORD = /(offen[cs]e|crime|crm|charge)/i;
/** A category is preferred over a free-text description. */
const OFFENSE_CATEGORY = /(categor|type|group|primary|parent|literal)/i;
const OFFENSE_DESC = /desc(?!ent)/i;
/** Columns that describe something else than the offense. */
const OFFENSE_BAD =
  /(report|rpt|status|outcome|location|\bloc\b|loc_|premis|weapon|vict|address|bias|motive|resolution|law|dispo|\bid$|_id\b|\bid\b|number|num\b|date|time|descent|sex|race|\bage\b|against|classif|arrest|block|ward|beat|district|precinct)/i;
/** Placeholders that mean "no value" in a candidate column, besides the missing values everywhere. */
const NULLISH = new Set(['None', '-']);

interface Scored {
  index: number;
  score: number;
}

function best(scored: Scored[]): Scored | undefined {
  return scored.sort((a, b) => b.score - a.score || a.index - b.index)[0];
}

/** Scores the columns as date candidates from their names and sample values. */
function scoreDateColumns(header: readonly string[], sample: readonly (readonly string[])[]): Scored[] {
  const out: Scored[] = [];
  const first = firstOfName(header);
  header.forEach((name, index) => {
    if (!first[index]) return;
    const values: string[] = [];
    for (const r of sample) {
      const v = r[index]?.trim();
      if (v !== undefined && !isMissing(v)) values.push(v);
      if (values.length >= 200) break;
    }
    if (values.length === 0) return;
    const det = detectDateLayout(values);
    if (det.kind === 'none') return;
    const matched = det.kind === 'ok' ? det.matched : det.seen;
    let score = (matched / values.length) * 10;
    // Filled in most rows: an occurrence date is; arrest or closing dates are often empty.
    let filled = 0;
    for (const r of sample) if (!isMissing(r[index]?.trim() ?? '')) filled++;
    score += (filled / Math.max(1, sample.length)) * 3;
    // A UTC timestamp next to a local date column (Philadelphia): prefer the local date.
    if (det.kind === 'ok' && det.layout.offset) score -= 1;
    if (/date|time|month|^dt$|_dt$|datetime/i.test(name)) score += 5;
    if (DATE_GOOD.test(name)) score += 3;
    if (DATE_BAD.test(name)) score -= 6;
    out.push({ index, score });
  });
  return out;
}

/**
 * Scores the columns as offense candidates: a text column with a moderate
 * number of distinct values whose name says offense/crime/category/type; a
 * category is preferred over a free-text description, codes and numbers last.
 */
function scoreOffenseColumns(header: readonly string[], sample: readonly (readonly string[])[], exclude: number): Scored[] {
  const out: Scored[] = [];
  const first = firstOfName(header);
  header.forEach((name, index) => {
    if (index === exclude || !first[index] || !OFFENSE_NAME.test(name)) return;
    const distinct = new Set<string>();
    let filled = 0;
    let numeric = 0;
    let statute = 0;
    let long = 0;
    for (const r of sample) {
      const v = r[index]?.trim();
      if (v === undefined || isMissing(v) || NULLISH.has(v)) continue;
      filled++;
      distinct.add(v);
      if (/^[\d.]+$/.test(v)) numeric++;
      else if (/^\d/.test(v)) statute++;
      if (v.length > 60) long++;
    }
    if (filled === 0) return;
    let score = 0;
    if (OFFENSE_WORD.test(name)) score += 4;
    if (OFFENSE_CATEGORY.test(name)) score += 2;
    else if (OFFENSE_DESC.test(name)) score += 1;
    if (OFFENSE_BAD.test(name)) score -= 5;
    if (numeric / filled > 0.5) score -= 4;
    if (statute / filled > 0.5) score -= 2;
    if (long / filled > 0.2) score -= 3;
    const ratio = distinct.size / filled;
    if (ratio > 0.5 && filled > 20) score -= 3;
    if (distinct.size <= 2 && filled > 20) score -= 3;
    if (distinct.size >= 2 && distinct.size <= 100) score += 2;
    else if (distinct.size > 100 && distinct.size <= 300) score += 1;
    score += (filled / Math.max(1, sample.length)) * 2;
    out.push({ index, score });
  });
  return out;
}

const AREA_NAMES = ['district', 'precinct', 'beat', 'neighborhood', 'neighbourhood', 'area', 'zone', 'sector', 'ward', 'borough'];

/** The first column whose name is an area word (district before precinct before beat…), or -1. */
function detectArea(header: readonly string[]): number {
  const words = header.map((h) =>
    h
      .toLowerCase()
      .replace(/[^a-z]+/g, ' ')
      .trim(),
  );
  for (const a of AREA_NAMES) {
    const i = words.findIndex((w) => w === a || w.endsWith(` ${a}`) || w.startsWith(`${a} `) || w === `${a} name`);
    if (i >= 0) return i;
  }
  return -1;
}

/**
 * Resolves the roles for one file's header. `records` are the first records
 * (used only when a role has to be detected from values).
 */
export function resolveRoles(
  header: readonly string[],
  records: readonly (readonly string[])[],
  flags: RoleFlags,
  file: string,
): ResolvedRoles {
  // Rows of the wrong width are skipped when counting; they must not sway detection either.
  const sample = records.filter((r) => r.length === header.length);
  const notes: string[] = [];
  let preset: Preset | undefined;
  if (flags.preset === 'none') {
    preset = undefined;
  } else if (flags.preset) {
    preset = findPreset(flags.preset);
    if (!preset) {
      throw new UsageError('BAD_VALUE', `unknown preset "${flags.preset}"; known presets: ${PRESETS.map((p) => p.name).join(', ')}`);
    }
    for (const n of [preset.date, preset.offense]) requireColumn(header, n, `--preset ${preset.name}`, file);
  } else {
    preset = matchPreset(header);
  }

  const how: ResolvedRoles['how'] = { date: 'detected', offense: 'detected' };
  /** A role from its flag, else the preset, else the best-scored column (with a note when others came close). */
  const choose = (role: 'date' | 'offense', given: string | undefined, scoreAll: () => Scored[], what: string): number => {
    const flag = `--${role}-col`;
    if (given !== undefined) {
      how[role] = 'flag';
      return requireColumn(header, given, flag, file);
    }
    if (preset) {
      how[role] = 'preset';
      return requireColumn(header, preset[role], `preset ${preset.name}`, file);
    }
    const scored = scoreAll();
    const top = best(scored);
    if (!top) {
      if (role === 'offense') {
        // A list of shootings or homicides: no offense column, every row counts.
        notes.push(
          `${file}: no column looks like it holds the offense, so every row counts as one incident (totals and --by area); name one with --offense-col`,
        );
        return -1;
      }
      throw new InputError(
        'NO_DATE_COLUMN',
        `cannot tell which column of ${file} holds ${what}; name it with ${flag} (columns: ${header.join(', ')})`,
      );
    }
    if (scored.length > 1) {
      const others = scored.filter((c) => c.index !== top.index).map((c) => `"${header[c.index]}"`);
      notes.push(
        `${file}: using "${header[top.index]}" as the ${role} column (other candidates: ${others.join(', ')}); use ${flag} to choose another`,
      );
    }
    return top.index;
  };
  const date = choose('date', flags.date, () => scoreDateColumns(header, sample), 'the incident date');
  const offense = choose('offense', flags.offense, () => scoreOffenseColumns(header, sample, date), 'the offense');

  let area: number;
  if (flags.area !== undefined) area = requireColumn(header, flags.area, '--area-col', file);
  else if (preset?.area && header.includes(preset.area)) area = header.indexOf(preset.area);
  else area = detectArea(header);

  let id = -1;
  if (flags.id !== undefined) id = requireColumn(header, flags.id, '--id-col', file);
  const suggestedId = id < 0 && preset?.id && header.includes(preset.id) ? preset.id : null;

  return {
    names: {
      date: header[date]!,
      offense: offense >= 0 ? header[offense]! : null,
      area: area >= 0 ? header[area]! : null,
      id: id >= 0 ? header[id]! : null,
    },
    index: { date, offense, area, id },
    preset,
    how,
    notes,
    suggestedId,
  };
}
