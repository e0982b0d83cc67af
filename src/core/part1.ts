/**
 * The FBI UCR Part I offenses and what places a value among them. A
 * placement is made once per distinct value (by a code table, a crosswalk
 * of a known schema, or the word rules) and says which rule made it, so that
 * a run can say why a value counts as violent.
 */

export const PART1_VIOLENT = ['Homicide', 'Rape', 'Robbery', 'Aggravated assault'] as const;
export const PART1_PROPERTY = ['Burglary', 'Larceny-theft', 'Motor vehicle theft', 'Arson'] as const;

export type Part1Offense = (typeof PART1_VIOLENT)[number] | (typeof PART1_PROPERTY)[number];
export type Part1Class = 'Violent' | 'Property';
/** A value's class: a Part I class, or `Other` (placed by a rule, and not Part I: Part II, or not a crime). */
export type PlacedClass = Part1Class | 'Other';

/** The class label of values no rule places. */
export const UNMAPPED = '(unmapped)';
/** The class label of values placed outside Part I. */
export const OTHER = 'Other';

export const PART1_OFFENSES: readonly Part1Offense[] = [...PART1_VIOLENT, ...PART1_PROPERTY];

/** The class of a Part I offense. */
export function classOf(offense: Part1Offense): Part1Class {
  return (PART1_VIOLENT as readonly string[]).includes(offense) ? 'Violent' : 'Property';
}

/** Reads a Part I offense name as written in the data files (case and spacing ignored); undefined when it is none. */
export function part1Offense(name: string): Part1Offense | undefined {
  const n = name.trim().toLowerCase();
  return PART1_OFFENSES.find((o) => o.toLowerCase() === n);
}

/**
 * Where a value lands. `offense` is null when the rule knows the class but
 * not the offense (police.uk "Vehicle crime" is property: motor vehicle
 * theft or theft from a vehicle) and for `Other`. `rule` names the rule for
 * notes and for `inspect --map`.
 */
export interface Placement {
  offense: Part1Offense | null;
  cls: PlacedClass;
  rule: string;
}

/**
 * What a rule says of a value: a placement; `mixed` when the value mixes
 * Part I and other offenses (a category such as "Assault" holding aggravated
 * and simple assaults), which a finer column may settle and nothing else may
 * guess.
 */
export type Verdict = Placement | { mixed: true; rule: string };

export function isMixed(v: Verdict): v is { mixed: true; rule: string } {
  return 'mixed' in v;
}

/** A placement of a Part I offense, or of `Other`. */
export function placed(offense: Part1Offense | 'Other', rule: string): Placement {
  return offense === 'Other' ? { offense: null, cls: 'Other', rule } : { offense, cls: classOf(offense), rule };
}
