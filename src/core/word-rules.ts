/**
 * The word rules: how a text offense value of a schema the project has not
 * seen is placed among the FBI UCR Part I offenses (Summary Reporting System
 * User Manual definitions), or left unplaced. The value is upper-cased, cut
 * into words (punctuation is a space; `&` is AND, `W/` WITH, `W/O` WITHOUT)
 * and common abbreviations are spelled out (AGG → AGGRAVATED, ASLT →
 * ASSAULT, VEH → VEHICLE, ATT → ATTEMPTED…); then the first rule whose
 * pattern matches decides. Rules that say `mixed` stop the search: the value
 * names offenses on both sides of the line (ASSAULT alone: aggravated or
 * simple), and nothing guesses which. docs/guide.md lists the rules.
 *
 * The FBI's choices followed here: attempts count as the offense (an
 * attempted robbery is a robbery), except attempted murder, which is an
 * aggravated assault; manslaughter by negligence, justifiable homicide,
 * suicide and deaths are not criminal homicide; statutory rape and incest
 * are not rape, forcible sodomy and sexual assault with an object are;
 * carjacking is robbery; breaking into a vehicle, theft from a vehicle and of
 * its parts are larceny-theft, not burglary or motor vehicle theft; a
 * recovered vehicle, receiving stolen property, fraud, embezzlement and
 * identity theft are not larceny; strangulation and battery causing serious
 * bodily injury are aggravated assaults; simple assault, intimidation and
 * threats are not.
 */
import { type Placement, type Part1Offense, placed, type Verdict } from './part1.js';

const ABBREVIATIONS: Record<string, string> = {
  AGG: 'AGGRAVATED',
  AGGR: 'AGGRAVATED',
  AGGRAV: 'AGGRAVATED',
  AGGRV: 'AGGRAVATED',
  AGGRAVTD: 'AGGRAVATED',
  ASLT: 'ASSAULT',
  ASSLT: 'ASSAULT',
  ASSLTS: 'ASSAULT',
  ASSAULTS: 'ASSAULT',
  BATT: 'BATTERY',
  ATT: 'ATTEMPTED',
  ATTEMPT: 'ATTEMPTED',
  ATTEMP: 'ATTEMPTED',
  ATTMPT: 'ATTEMPTED',
  ATTMP: 'ATTEMPTED',
  ATTPT: 'ATTEMPTED',
  ATTEMPTS: 'ATTEMPTED',
  BURG: 'BURGLARY',
  BURGL: 'BURGLARY',
  BURGLARIES: 'BURGLARY',
  ROB: 'ROBBERY',
  ROBB: 'ROBBERY',
  ROBBERIES: 'ROBBERY',
  THFT: 'THEFT',
  THEFTS: 'THEFT',
  LARC: 'LARCENY',
  LARCENIES: 'LARCENY',
  VEH: 'VEHICLE',
  VEHICL: 'VEHICLE',
  VEHICLES: 'VEHICLE',
  MV: 'MOTOR VEHICLE',
  AUTOMOBILE: 'AUTO',
  HOMI: 'HOMICIDE',
  HOMICIDES: 'HOMICIDE',
  MANSL: 'MANSLAUGHTER',
  MANSLAUGHTE: 'MANSLAUGHTER',
  MANSLAUGHT: 'MANSLAUGHTER',
  NEGL: 'NEGLIGENT',
  DEG: 'DEGREE',
  FIRST: '1ST',
  SECOND: '2ND',
  THIRD: '3RD',
  FOURTH: '4TH',
  W: 'WITH',
  WPN: 'WEAPON',
  WEAP: 'WEAPON',
  DANG: 'DANGEROUS',
  GBI: 'GREAT BODILY INJURY',
  GBH: 'GREAT BODILY HARM',
  SBI: 'SERIOUS BODILY INJURY',
  INJ: 'INJURY',
  PROP: 'PROPERTY',
  STLN: 'STOLEN',
  RECOV: 'RECOVERED',
  RECOVD: 'RECOVERED',
  RECVD: 'RECOVERED',
  UUV: 'UNAUTHORIZED USE OF VEHICLE',
  UUMV: 'UNAUTHORIZED USE OF MOTOR VEHICLE',
  GTA: 'GRAND THEFT AUTO',
  MVT: 'MOTOR VEHICLE THEFT',
  ADW: 'ASSAULT WITH DEADLY WEAPON',
  AWDW: 'ASSAULT WITH DEADLY WEAPON',
  CSC: 'CRIMINAL SEXUAL CONDUCT',
  DISPL: 'DISPLAY',
  CAUST: 'CAUSTIC',
  EXH: 'EXHIBITING',
  DWELL: 'DWELLING',
  OCCUP: 'OCCUPIED',
  INHAB: 'INHABITED',
  UNOCC: 'UNOCCUPIED',
};

/** The value as the rules read it: ` WORD WORD … ` (a space before and after every word). */
export function ruleText(value: string): string {
  const words = value
    .toUpperCase()
    .replace(/\bW\/O\b/g, ' WITHOUT ')
    .replace(/\bF\/ARMS?\b/g, ' FIREARM ')
    .replace(/\bF\/(?=AUTO|VEH|CAR)/g, ' FROM ')
    .replace(/&/g, ' AND ')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => ABBREVIATIONS[w] ?? w);
  return ` ${words.join(' ')} `;
}

type Outcome = Part1Offense | 'Other' | 'mixed';

export interface WordRule {
  /** What the rule is, as notes and `inspect --map` name it. */
  name: string;
  test: (t: string) => boolean;
  outcome: Outcome;
}

const re = (source: string) => {
  const r = new RegExp(source);
  return (t: string) => r.test(t);
};

const VEHICLE = '(?:MOTOR VEHICLE|VEHICLE|AUTO|CAR|TRUCK|MOTORCYCLE|VAN)';

/** In order: the first rule that matches decides. */
export const WORD_RULES: readonly WordRule[] = [
  {
    name: 'justifiable homicide is not a crime',
    test: re(' JUSTIFIABLE | EXCUSABLE (?:HOMICIDE|KILLING|MANSLAUGHTER) '),
    outcome: 'Other',
  },
  {
    name: 'attempted murder is aggravated assault',
    test: re(
      ' ATTEMPTED (?:MURDER|HOMICIDE|KILLING) | (?:MURDER|HOMICIDE) ATTEMPTED | (?:ASSAULT )?WITH INTENT TO (?:COMMIT )?(?:KILL|MURDER) | 664 187 ',
    ),
    outcome: 'Aggravated assault',
  },
  {
    name: 'manslaughter by negligence is not Part I',
    test: re(
      '(?<! NON) NEGLIGENT (?:MANSLAUGHTER|HOMICIDE) | NEGLIGENCE | INVOLUNTARY MANSLAUGHTER | VEHICULAR (?:MANSLAUGHTER|HOMICIDE) | (?:MANSLAUGHTER|HOMICIDE) (?:BY )?(?:VEHICLE|VEHICULAR|NEGLIGENT) | RECKLESS HOMICIDE ',
    ),
    outcome: 'Other',
  },
  {
    name: 'suicide and deaths are not crimes',
    test: re(
      ' SUICIDE | DEATH (?:INVESTIGATION|REPORT) | (?:UNATTENDED|NATURAL|ACCIDENTAL|SUDDEN|UNEXPLAINED) DEATH | DEATH (?:NATURAL|ACCIDENTAL|UNATTENDED) | DEAD BODY | FOUND DEAD ',
    ),
    outcome: 'Other',
  },
  {
    name: 'homicide: murder and nonnegligent manslaughter',
    test: re(' (?:MURDER|HOMICIDE|MANSLAUGHTER|NONNEGLIGENT) | NON NEGLIGENT '),
    outcome: 'Homicide',
  },
  {
    name: 'statutory rape, unlawful sex and incest are not Part I rape',
    test: re(' STATUTORY | INCEST | UNLAWFUL SEX | SEX UNLAWFUL '),
    outcome: 'Other',
  },
  { name: 'non-forcible sex offenses are not rape', test: re(' NON FORCIBLE | NONFORCIBLE '), outcome: 'Other' },
  {
    name: 'sexual battery: rape in some states, touching in others',
    test: re(' SEXUAL BATTERY '),
    outcome: 'mixed',
  },
  {
    name: 'fondling and other sex offenses are not rape',
    test: re(
      ' FONDLING | SEXUAL (?:ABUSE|CONTACT|MISCONDUCT|EXPLOITATION) | INDECENT | LEWD | GROPING | MOLEST\\w* | EXPOSURE | FORCIBLE TOUCHING | SEX OFFENDER | REGISTRATION | PROSTITUT\\w* | PORNOGRAPH\\w* | OBSCEN\\w* | VOYEUR\\w* | PEEPING ',
    ),
    outcome: 'Other',
  },
  {
    name: 'rape (with forcible sodomy, sexual assault with an object, forcible sex offenses)',
    test: re(
      ' RAPE | SODOMY | SEXUAL ASSAULT WITH (?:AN )?OBJECT | SEXUAL PENETRATION | PENETRATION WITH | FORCIBLE SEX | SEX OFFENSES? FORCIBLE | (?:PREDATORY )?CRIMINAL SEXUAL ASSAULT | AGGRAVATED SEXUAL ASSAULT | SEXUAL ASSAULT (?:IN THE )?1ST | CRIMINAL SEXUAL CONDUCT (?:IN THE )?(?:1ST|3RD) ',
    ),
    outcome: 'Rape',
  },
  { name: 'sexual assault: rape or fondling', test: re(' SEXUAL ASSAULT | SEX ASSAULT '), outcome: 'mixed' },
  {
    name: 'robbery (with carjacking)',
    test: re(' ROBBERY | CARJACK\\w* | CAR JACKING | HIJACKING | HOLDUP | HOLD UP | MUGGING | STICKUP | STICK UP | STRONG ?ARM '),
    outcome: 'Robbery',
  },
  {
    name: 'simple assault is not Part I',
    test: re(
      ' SIMPLE (?:ASSAULT|BATTERY) | (?:ASSAULT|BATTERY) SIMPLE | (?:ASSAULT|BATTERY) BY CONTACT | NON ?AGGRAVATED | NOT AGGRAVATED | COMMON ASSAULT | OTHER ASSAULT | MISDEMEANOR (?:ASSAULT|BATTERY) | (?:ASSAULT|BATTERY) MISDEMEANOR | MINOR ASSAULT ',
    ),
    outcome: 'Other',
  },
  {
    name: 'aggravated assault',
    test: re(
      [
        ' AGGRAVATED (?:ASSAULT|BATTERY) | (?:ASSAULT|BATTERY) (?:\\w+ )?AGGRAVATED ',
        ' FELONY (?:ASSAULT|BATTERY) | (?:ASSAULT|BATTERY) FELONY | FELONIOUS (?:ASSAULT|BATTERY) ',
        ' ASSAULT (?:IN THE )?(?:1ST|2ND)(?: DEGREE)? | ASSAULT [12] ',
        ' (?:ASSAULT|BATTERY) (?:WITH|BY) (?:A |AN )?(?:DEADLY |DANGEROUS |OTHER )?(?:WEAPON|FIREARM|GUN|HANDGUN|KNIFE|CUTTING|CAUSTIC) ',
        ' (?:ASSAULT|BATTERY) (?:DEADLY |DANGEROUS )?(?:FIREARM|GUN|HANDGUN|KNIFE) | (?:ASSAULT|BATTERY) (?:WITH |CAUSING )?(?:SERIOUS|GREAT) ',
        ' (?:SERIOUS|GREAT) BODILY (?:INJURY|HARM) | MAYHEM | MAIMING | STRANGULATION | STRANGLING | SUFFOCATION ',
        ' ASSAULT WITH INTENT | (?:GUN|FIREARM|KNIFE) ASSAULT ',
        ' SHOOT(?:ING)? (?:INTO |AT )?(?:AN )?(?:OCCUPIED|INHABITED) | SHOTS FIRED AT (?:AN )?(?:OCCUPIED|INHABITED|MOVING) ',
        // NIBRS 13A: the offender uses a weapon "or displays it in a threatening manner".
        ' BRANDISH\\w* | EXHIBITING (?:A )?(?:DEADLY )?WEAPON | DISPLAY\\w* (?:A )?(?:DEADLY )?WEAPON ',
      ].join('|'),
    ),
    outcome: 'Aggravated assault',
  },
  {
    name: 'a non-fatal shooting of a person is aggravated assault',
    test: re('^ (?:NON ?FATAL )?SHOOTINGS? (?:NON ?FATAL )?$'),
    outcome: 'Aggravated assault',
  },
  {
    name: 'intimidation, threats and harassment are not Part I',
    test: re(' INTIMIDATION | MENACING | HARR?ASSMENT | STALKING | THREATS? | THREATENING | TERRORISTIC '),
    outcome: 'Other',
  },
  { name: 'assault or battery: aggravated or simple', test: re(' ASSAULT | BATTERY '), outcome: 'mixed' },
  {
    name: 'stolen property offenses are not larceny',
    test: re(
      ' STOLEN PROPERTY | RECEIV(?:E|ED|ING) STOLEN | REC STOLEN | POSS(?:ESS|ESSION|ESSING)? (?:OF )?STOLEN | BUYING STOLEN | HANDLING STOLEN | TRAFFICKING (?:IN )?STOLEN ',
    ),
    outcome: 'Other',
  },
  {
    name: 'a recovered vehicle is not a theft',
    test: re(` RECOVERED (?:STOLEN )?${VEHICLE} | ${VEHICLE} RECOVERED | ${VEHICLE} (?:THEFT )?RECOVERY | RECOVERY OF `),
    outcome: 'Other',
  },
  {
    name: 'fraud, forgery, embezzlement and identity theft are not larceny',
    test: re(
      ' FRAUD\\w* | FORGERY | FORGED | COUNTERFEIT\\w* | EMBEZZL\\w* | SWINDLE | BUNCO | CONFIDENCE GAMES? | FALSE PRETENSES? | IDENTITY | IMPERSONAT\\w* | BAD CHECKS? | WORTHLESS | THEFT OF SERVICES? | DEFRAUD\\w* | FALSE PERSONATION ',
    ),
    outcome: 'Other',
  },
  {
    name: 'possessing burglary tools is not burglary',
    test: re(' BURGLARY TOOLS | BURGLAR S? TOOLS | BURGLARS TOOLS | POSS(?:ESSION)? (?:OF )?BURGLARY '),
    outcome: 'Other',
  },
  {
    name: 'breaking into a vehicle is larceny-theft (theft from a motor vehicle)',
    test: re(
      ` BURGLARY (?:OF |FROM |TO )?(?:A )?${VEHICLE} | ${VEHICLE} BURGLARY | BREAK(?:ING)? ?IN(?:TO)? (?:A )?${VEHICLE} | ${VEHICLE} BREAK ?INS? | CAR PROWL\\w* `,
    ),
    outcome: 'Larceny-theft',
  },
  {
    name: 'burglary (unlawful entry of a structure)',
    test: re(' BURGLARY | BREAKING AND ENTERING | BREAKING ENTERING | BREAK AND ENTER | B AND E | HOUSEBREAKING | HOUSE BREAKING '),
    outcome: 'Burglary',
  },
  {
    name: 'theft from a vehicle and of its parts is larceny-theft',
    test: re(
      ` ${VEHICLE} (?:PARTS?|ACCESSOR\\w*) | CATALYTIC | LICENSE PLATE | (?:THEFT|LARCENY|STEALING) FROM (?:A )?${VEHICLE} | VEHICLE STRIP\\w* | STRIPPING `,
    ),
    outcome: 'Larceny-theft',
  },
  {
    name: 'a bicycle is not a motor vehicle: its theft is larceny-theft',
    test: (t) =>
      / (?:BICYCLES?|BIKES?|CYCLE) /.test(t) &&
      !/ MOTOR| VEHICLE | MOPED| SCOOTER/.test(t) &&
      / (?:THEFT|STOLEN|LARCENY|STEALING) /.test(t),
    outcome: 'Larceny-theft',
  },
  {
    name: 'motor vehicle theft (with unauthorized use)',
    test: re(
      [
        ` MOTOR VEHICLE THEFT | ${VEHICLE} THEFT | THEFT (?:OF )?(?:A )?${VEHICLE} | STOLEN ${VEHICLE} | ${VEHICLE} (?:ATTEMPTED )?STOLEN `,
        ' GRAND THEFT AUTO | JOY ?RIDING | UNAUTHORI[SZ]ED (?:USE|TAKING) OF (?:A )?(?:MOTOR )?(?:VEHICLE|AUTO|CONVEYANCE) ',
        ' TAK(?:E|ING) (?:A )?(?:MOTOR )?VEHICLE WITHOUT | DRIVING WITHOUT OWNER | UNLAWFUL TAKING OF (?:A )?(?:MOTOR )?VEHICLE | VEHICLE TAKING ',
      ].join('|'),
    ),
    outcome: 'Motor vehicle theft',
  },
  {
    name: 'lost and found property is not a crime',
    test: (t) => / (?:LOST|FOUND|MISPLACED) PROPERTY | PROPERTY (?:LOST|FOUND) /.test(t) && !/ (?:THEFT|THFT|STOLEN|LARCENY|PT) /.test(t),
    outcome: 'Other',
  },
  {
    name: 'larceny-theft (with shoplifting, pocket-picking, purse-snatching)',
    test: re(
      ' LARCENY | THEFT | STEALING | STOLEN | SHOPLIFT\\w* | PICKPOCKET\\w* | PICK POCKET\\w* | POCKET PICKING | PURSE SNATCH\\w* | SNATCH\\w* | TILL TAP\\w* ',
    ),
    outcome: 'Larceny-theft',
  },
  { name: 'criminal damage and arson: arson or damage', test: re(' (?:CRIMINAL DAMAGE|VANDALISM) AND ARSON '), outcome: 'mixed' },
  { name: 'arson', test: re(' ARSON '), outcome: 'Arson' },
  {
    name: 'not a Part I offense (UCR Part II, or not a crime)',
    test: re(
      [
        ' VANDALISM | CRIMINAL MISCHIEF | CRIMINAL DAMAGE | MALICIOUS MISCHIEF | GRAFFITI | DESTRUCTION | DAMAGE TO PROPERTY ',
        ' DRUGS? | NARCOTICS? | CONTROLLED SUBSTANCES? | MARIJUANA | CANNABIS | COCAINE | HEROIN | PARAPHERNALIA ',
        ' DUI | DWI | OWI | DRIVING UNDER THE INFLUENCE | DRUNK\\w* | INTOXICAT\\w* | LIQUOR | ALCOHOL ',
        ' WEAPONS? | FIREARMS? | TRESPASS\\w* | DISORDERLY | DISORDER | DISTURB\\w* | PUBLIC ORDER | PUBLIC PEACE | GAMBLING | WARRANTS? ',
        ' TRAFFIC | HIT AND RUN | COLLISION | ACCIDENT | MISSING | RUNAWAY | KIDNAP\\w* | ABDUCT\\w* | FALSE IMPRISONMENT ',
        ' EXTORTION | BLACKMAIL | BRIBERY | RESISTING | OBSTRUCT\\w* | ANTI SOCIAL | SUSPICIOUS | NON CRIMINAL | NONCRIMINAL ',
        ' TOWED | IMPOUND\\w* | CURFEW | LOITER\\w* | VAGRAN\\w* | FAMILY OFFENSES? | OFFENSES AGAINST (?:THE )?FAMILY | CHILD (?:NEGLECT|ABANDON\\w*) ',
        ' ANIMAL | HUMAN TRAFFICKING | PAROLE | PROBATION | CONTEMPT | (?:RESTRAINING|PROTECTIVE|COURT) ORDER | ALL OTHER | OTHER OFFENSES ',
        ' MISCELLANEOUS | PUBLIC INDECENCY | LITTERING | DUMPING | FIREWORKS | EVADING | ESCAPE | FUGITIVE | PERJURY | CONSPIRACY | COMMERCIALIZED VICE ',
      ].join('|'),
    ),
    outcome: 'Other',
  },
];

/**
 * The verdict of the word rules on a value, or undefined when no rule
 * matches. The rule's name is given as `words: NAME`.
 */
export function placeByWords(value: string): Verdict | undefined {
  const t = ruleText(value);
  if (t === '  ') return undefined;
  for (const r of WORD_RULES) {
    if (!r.test(t)) continue;
    const rule = `words: ${r.name}`;
    return r.outcome === 'mixed' ? { mixed: true, rule } : placed(r.outcome, rule);
  }
  return undefined;
}

/** A verdict's placement, or undefined for a mixed value (for callers that only take placements). */
export function placementOf(v: Verdict | undefined): Placement | undefined {
  return v === undefined || 'mixed' in v ? undefined : v;
}
