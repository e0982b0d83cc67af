/**
 * What reading needs from --rollup, --count-col and --weights, and what a run
 * says about its map once the files are read: which rules placed the values
 * (a note), which values no rule placed (a warning: counted, never guessed),
 * and offenses without a weight.
 */
import type { IngestResult } from '../core/ingest.js';
import { DROPPED, type OffenseMap, UNMAPPED, type UnmappedPolicy } from '../core/maps.js';
import type { MeasureSpec } from '../core/measure.js';
import { UsageError } from '../errors.js';
import { readWeights } from '../io/measure-files.js';
import type { Messages } from './messages.js';
import type { InputFlags } from './shared-options.js';

/** The flags that do not go together, then the --weights file read. */
export function measureSpec(flags: InputFlags): MeasureSpec | undefined {
  if (flags.rollup && flags.map === undefined) {
    throw new UsageError(
      'FLAG_CONFLICT',
      '--rollup shows each class of a map above its offenses: give --map (e.g. --map part1 or --map ucr-part1)',
    );
  }
  for (const [flag, given] of [
    ['--count-col', flags.countCol !== undefined],
    ['--weights', flags.weights !== undefined],
  ] as const) {
    if (given && flags.idCol !== undefined) {
      throw new UsageError(
        'FLAG_CONFLICT',
        `${flag} sums a value over rows, and --id-col counts distinct incidents: give one of them (an incident's rows would each add their ${flag === '--weights' ? 'weight' : 'count'})`,
      );
    }
  }
  return flags.weights !== undefined ? { weights: readWeights(flags.weights) } : undefined;
}

const fmt = (n: number) => n.toLocaleString('en-US');

const POLICY_WORDS: Record<UnmappedPolicy, string> = {
  drop: 'dropped',
  mark: `counted as ${UNMAPPED}`,
  other: 'counted as Other',
  keep: 'kept as they are',
};
const LISTED = 8;

/** A rule as notes name it: the crosswalk or table, or the word rule. */
function source(rule: string): string {
  const m = /^(crosswalk [^\s:]+|NIBRS (?:code|offense name of)|Chicago FBI code|UCR code|--map \S+)/.exec(rule);
  if (!m) return rule;
  if (m[1]!.startsWith('crosswalk ')) return `the crosswalk data/maps/crosswalks/${m[1]!.slice(10)}`;
  if (m[1]!.startsWith('NIBRS')) return 'the NIBRS table (data/maps/nibrs-offenses.csv)';
  if (m[1] === 'Chicago FBI code') return 'the Chicago FBI codes';
  if (m[1] === 'UCR code') return 'the UCR hundreds codes';
  return m[1]!;
}

/**
 * The notes on a map: per source, how many distinct values a built-in map
 * placed; each value placed by a word rule, with the rule; and the values no
 * rule placed, with their rows: a warning for a built-in map (unless
 * --unmapped says what to do with them), a note for a map file.
 */
export function reportMap(result: IngestResult, flags: InputFlags, map: OffenseMap, policy: UnmappedPolicy, msg: Messages): void {
  const { tally } = result;
  const name = `--map ${map.name}`;
  const builtin = map.systems !== undefined;
  if (tally.rowsUnmapped > 0) {
    msg.note(
      `${fmt(tally.rowsUnmapped)} rows dropped by ${name} (${builtin ? 'outside what it keeps, or placed by no rule' : 'not in it, or (dropped)'})`,
    );
  }
  if (builtin) placementNote(result, name, msg);
  if (tally.unplaced.size === 0) return;
  const unplaced = [...tally.unplaced].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const rows = unplaced.reduce((s, [, n]) => s + n, 0);
  const list = unplaced
    .slice(0, LISTED)
    .map(([v, n]) => `"${v}" (${fmt(n)})`)
    .join(', ');
  const what = unplaced.length === 1 ? 'a value' : `${fmt(unplaced.length)} values`;
  const text = `${name}: ${builtin ? 'no rule places' : 'the map does not list'} ${what} (${fmt(rows)} ${rows === 1 ? 'row' : 'rows'}, ${POLICY_WORDS[policy]}): ${list}${unplaced.length > LISTED ? ', …' : ''}`;
  if (builtin && flags.unmapped === undefined) {
    msg.warning('unmatched', `${text}; give them a class in a map file (crimedelta inspect FILE ${name} --format csv writes one to edit)`);
  } else msg.note(text);
}

/** Per source, how many distinct values the map placed, and each value the word rules placed. */
function placementNote(result: IngestResult, name: string, msg: Messages): void {
  const bySource = new Map<string, number>();
  const byWords: string[] = [];
  for (const [value, p] of [...result.tally.placements].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (p.outcome === UNMAPPED) continue;
    if (p.rule.startsWith('words: ')) {
      byWords.push(`"${value}" → ${p.outcome === DROPPED ? 'dropped' : p.outcome} (${p.rule.slice(7)})`);
      continue;
    }
    const s = source(p.rule);
    bySource.set(s, (bySource.get(s) ?? 0) + 1);
  }
  const parts = [...bySource].map(([s, n]) => `${fmt(n)} by ${s}`);
  if (byWords.length) {
    parts.push(`${fmt(byWords.length)} by the word rules: ${byWords.slice(0, LISTED).join('; ')}${byWords.length > LISTED ? '; …' : ''}`);
  }
  if (parts.length) {
    msg.note(
      `${name} placed the values it met: ${parts.join('; ')} (crimedelta inspect FILE ${name} lists each value, its class and rule)`,
    );
  }
}
