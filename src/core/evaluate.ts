/**
 * A place-based intervention: incidents in sets of areas before and after,
 * and the weighted displacement difference (Wheeler & Ratcliffe 2018). Pure:
 * a tally grouped by area (or offense, area) and two windows in, numbers out.
 */
import { countWindows, KEY_SEP, type Tally } from './aggregate.js';
import { type WddResult, wdd } from './stats/index.js';
import type { GroupDim, Window } from './types.js';
import { countedDays, type LeapDayPolicy } from './windows.js';

export const AREA_SETS = ['target', 'control', 'displacement', 'displacementControl'] as const;
export type AreaSetName = (typeof AREA_SETS)[number];

export type AreaSets = { target: string[]; control: string[]; displacement?: string[]; displacementControl?: string[] };

export interface BeforeAfter {
  before: number;
  after: number;
}

/** The WDD result with the counts behind it. */
export interface Evaluation extends Omit<WddResult, 'displacement'> {
  sets: Partial<Record<AreaSetName, BeforeAfter>>;
  /** Area values of each set that never occur in the data (any date, any offense). */
  missing: Partial<Record<AreaSetName, string[]>>;
  days: { before: number; after: number };
  /** Time weights passed to WDD: (before days / after days, 1); the estimate is in incidents per after-window. */
  timeWeights: [number, number];
  /** WDD's displacement term (named apart from the displacement area set). */
  displacementEffect: number | null;
  /**
   * The windows the data covers none of: with any, there is no estimate (a
   * change from a zero the export made would measure the export, not crime).
   */
  noData: ('before' | 'after')[];
}

/** What is wrong with a choice of area sets, if anything. */
export type AreaSetProblem = { kind: 'unpaired' } | { kind: 'overlap'; area: string; sets: [AreaSetName, AreaSetName] };

/**
 * Displacement and displacement-control come together, and no area value is
 * in two sets; undefined when the sets are fine.
 */
export function areaSetProblem(sets: AreaSets): AreaSetProblem | undefined {
  if ((sets.displacement === undefined) !== (sets.displacementControl === undefined)) return { kind: 'unpaired' };
  const owner = new Map<string, AreaSetName>();
  for (const name of AREA_SETS) {
    for (const a of sets[name] ?? []) {
      const other = owner.get(a);
      if (other !== undefined) return { kind: 'overlap', area: a, sets: [other, name] };
      owner.set(a, name);
    }
  }
  return undefined;
}

export interface EvaluateOptions {
  groupBy: readonly GroupDim[];
  sets: AreaSets;
  before: Window;
  after: Window;
  alpha: number;
  leapDay?: LeapDayPolicy;
  /** Count only these offense values (needs 'offense' in groupBy). */
  offenses?: readonly string[];
  /** The windows the data covers none of (no estimate then). */
  noData?: readonly ('before' | 'after')[];
}

/**
 * Counts each set of areas in the before and after windows and computes the
 * WDD. Windows of unequal length are weighted by their length in days: time
 * weights (before/after, 1), so the estimate is in incidents per after-window
 * and equal windows give the paper's raw counts. With an id column, a set's
 * count is the sum of its areas' distinct incidents.
 */
export function evaluateAreas(tally: Tally, opts: EvaluateOptions): Evaluation {
  if (areaSetProblem(opts.sets)) throw new Error('evaluateAreas: the area sets overlap or are unpaired');
  const areaAt = opts.groupBy.indexOf('area');
  const offenseAt = opts.groupBy.indexOf('offense');
  const offenses = opts.offenses ? new Set(opts.offenses) : null;
  const leapDay = opts.leapDay ?? 'include';
  const wc = countWindows(tally, [opts.before, opts.after], { leapDay });
  const setOf = new Map<string, AreaSetName>();
  for (const name of AREA_SETS) for (const a of opts.sets[name] ?? []) setOf.set(a, name);
  const seen = new Set<string>();
  const sets: Partial<Record<AreaSetName, BeforeAfter>> = {};
  for (const name of AREA_SETS) if (opts.sets[name]) sets[name] = { before: 0, after: 0 };
  tally.groups.forEach((key, g) => {
    const parts = key.split(KEY_SEP);
    const area = parts[areaAt]!;
    seen.add(area);
    if (offenses && !offenses.has(parts[offenseAt]!)) return;
    const name = setOf.get(area);
    if (name === undefined) return;
    const c = wc.counts[g]!;
    sets[name]!.before += c[0]!;
    sets[name]!.after += c[1]!;
  });
  const missing: Partial<Record<AreaSetName, string[]>> = {};
  for (const name of AREA_SETS) {
    const m = (opts.sets[name] ?? []).filter((a) => !seen.has(a));
    if (m.length) missing[name] = m;
  }
  const daysBefore = countedDays(opts.before, leapDay);
  const daysAfter = countedDays(opts.after, leapDay);
  const timeWeights: [number, number] = daysBefore === daysAfter ? [1, 1] : [daysBefore / daysAfter, 1];
  const r = wdd({
    target: sets.target!,
    control: sets.control!,
    ...(sets.displacement ? { displacement: sets.displacement, displacementControl: sets.displacementControl! } : {}),
    timeWeights,
    alpha: opts.alpha,
  });
  const { displacement, ...rest } = r;
  return {
    sets,
    missing,
    days: { before: daysBefore, after: daysAfter },
    timeWeights,
    ...rest,
    displacementEffect: displacement,
    noData: [...(opts.noData ?? [])],
  };
}
