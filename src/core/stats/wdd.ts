/**
 * Weighted displacement difference (Wheeler & Ratcliffe 2018, Crime Science
 * 7:11) and its harm-weighted sum, as R ptools `wdd` / `wdd_harm`.
 */
import { normalQuantile, normalSf } from './normal.js';

export { normalCdf, normalQuantile } from './normal.js';

/** Counts in one area for the period before and the period after. */
export interface WddCounts {
  before: number;
  after: number;
}

export interface WddInput {
  /** The treated area. */
  target: WddCounts;
  /** The matched control area for the target. */
  control: WddCounts;
  /** Buffer area where crime could be displaced to; needs `displacementControl` too. */
  displacement?: WddCounts;
  /** Control area for the displacement buffer. */
  displacementControl?: WddCounts;
  /**
   * Lengths of the (before, after) periods; counts are divided by them, so
   * unequal periods are compared as rates. Default [1, 1] (raw counts).
   */
  timeWeights?: [number, number];
  /**
   * Area sizes (control, target, displacementControl, displacement), the
   * order of the reference and of ptools; counts are divided by them.
   * Default all 1.
   */
  areaWeights?: [number, number, number, number];
  /** 1 − confidence level of `ci`. Default 0.05 (the paper's 95%; ptools defaults to 0.1). */
  alpha?: number;
}

export interface WddResult {
  /** Local effect: change in target minus change in control (negative = crime fell relative to control). */
  local: number;
  localSe: number;
  /** Displacement effect, or null when no displacement areas were given. */
  displacement: number | null;
  displacementSe: number | null;
  /** WDD = local + displacement (or local alone). */
  estimate: number;
  se: number;
  /** estimate / se. */
  z: number;
  /** Two-sided p-value from the standard normal. */
  pValue: number;
  /** estimate ∓ z(1 − alpha/2)·se. */
  ci: [number, number];
  alpha: number;
}

function checkCounts(name: string, c: WddCounts): void {
  for (const v of [c.before, c.after]) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${name} counts must be finite and >= 0, got ${v}`);
  }
}

function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
}

/** Difference-in-differences of two areas and its Poisson variance. */
function diffInDiff(
  treated: WddCounts,
  control: WddCounts,
  t0: number,
  t1: number,
  aTreated: number,
  aControl: number,
): { est: number; variance: number } {
  const tb = t0 * aTreated;
  const ta = t1 * aTreated;
  const cb = t0 * aControl;
  const ca = t1 * aControl;
  return {
    est: treated.after / ta - treated.before / tb - (control.after / ca - control.before / cb),
    variance: treated.after / (ta * ta) + treated.before / (tb * tb) + control.after / (ca * ca) + control.before / (cb * cb),
  };
}

function normalSummary(estimate: number, se: number, alpha: number): Pick<WddResult, 'z' | 'pValue' | 'ci'> {
  const zCrit = normalQuantile(1 - alpha / 2);
  // se = 0 only when every count is 0, so the estimate is 0 as well: no evidence.
  const z = se > 0 ? estimate / se : 0;
  // Beyond |z| ≈ 38 the normal tail underflows; report the smallest double, not 0.
  const pValue = se > 0 ? Math.max(Number.MIN_VALUE, Math.min(1, 2 * normalSf(Math.abs(z)))) : 1;
  return { z, pValue, ci: [estimate - zCrit * se, estimate + zCrit * se] };
}

/**
 * Weighted displacement difference test (Wheeler & Ratcliffe 2018).
 *
 * Local = (T_after/(t1·aT) − T_before/(t0·aT)) − (C_after/(t1·aC) − C_before/(t0·aC)),
 * with variance the sum of each count over its squared weight (each count
 * treated as an independent Poisson variable, normal approximation).
 * Displacement is the same with the displacement and displacement-control
 * areas; the WDD estimate is their sum, and the variances add.
 *
 * Units: the estimate is in crimes per unit of time weight and area weight
 * (raw crimes with the default weights); negative means crime fell in the
 * target (and buffer) relative to control. z = estimate/se, the p-value is
 * two-sided from the standard normal, and ci is the 1 − alpha interval
 * (default 95%). When every count is 0, se = 0 and the result is z = 0, p = 1.
 *
 * @throws RangeError on negative or non-finite counts, non-positive weights,
 *   alpha outside (0, 1), or only one of displacement / displacementControl.
 */
export function wdd(input: WddInput): WddResult {
  const alpha = input.alpha ?? 0.05;
  checkAlpha(alpha);
  const [t0, t1] = input.timeWeights ?? [1, 1];
  const [aC, aT, aDC, aD] = input.areaWeights ?? [1, 1, 1, 1];
  for (const w of [t0, t1, aC, aT, aDC, aD]) {
    if (!(w > 0) || !Number.isFinite(w)) throw new RangeError(`weights must be positive and finite, got ${w}`);
  }
  checkCounts('target', input.target);
  checkCounts('control', input.control);
  if ((input.displacement === undefined) !== (input.displacementControl === undefined)) {
    throw new RangeError('displacement and displacementControl must be given together');
  }

  const local = diffInDiff(input.target, input.control, t0, t1, aT, aC);
  let displacement: number | null = null;
  let displacementSe: number | null = null;
  let estimate = local.est;
  let variance = local.variance;
  if (input.displacement !== undefined && input.displacementControl !== undefined) {
    checkCounts('displacement', input.displacement);
    checkCounts('displacementControl', input.displacementControl);
    const d = diffInDiff(input.displacement, input.displacementControl, t0, t1, aD, aDC);
    displacement = d.est;
    displacementSe = Math.sqrt(d.variance);
    estimate += d.est;
    variance += d.variance;
  }
  const se = Math.sqrt(variance);
  return {
    local: local.est,
    localSe: Math.sqrt(local.variance),
    displacement,
    displacementSe,
    estimate,
    se,
    ...normalSummary(estimate, se, alpha),
    alpha,
  };
}

export interface WddHarmItem {
  /** A WDD (or local) estimate for one crime type, e.g. `wdd(...).estimate`. */
  estimate: number;
  /** Its standard error, e.g. `wdd(...).se`. */
  se: number;
  /** Harm weight for that crime type (e.g. a sentencing-days or severity index). */
  weight: number;
}

export interface WddHarmResult {
  /** Σ weight·estimate, in harm units. */
  estimate: number;
  /** √Σ weight²·se². */
  se: number;
  z: number;
  pValue: number;
  ci: [number, number];
  alpha: number;
}

/**
 * Harm-weighted WDD over several crime types (ptools `wdd_harm`):
 * H = Σ w_i·WDD_i, Var = Σ w_i²·SE_i², treating the types as independent.
 * Two-sided normal p-value and 1 − alpha interval (default 95%). Units:
 * harm units (crimes × weight).
 *
 * @throws RangeError on an empty list, non-finite values, negative se, or alpha outside (0, 1).
 */
export function wddHarm(input: { items: readonly WddHarmItem[]; alpha?: number }): WddHarmResult {
  const alpha = input.alpha ?? 0.05;
  checkAlpha(alpha);
  if (input.items.length === 0) throw new RangeError('wddHarm needs at least one item');
  let estimate = 0;
  let variance = 0;
  for (const item of input.items) {
    if (![item.estimate, item.se, item.weight].every(Number.isFinite) || item.se < 0) {
      throw new RangeError('wddHarm items need finite estimate, weight and se >= 0');
    }
    estimate += item.weight * item.estimate;
    variance += item.weight * item.weight * item.se * item.se;
  }
  const se = Math.sqrt(variance);
  return { estimate, se, ...normalSummary(estimate, se, alpha), alpha };
}
