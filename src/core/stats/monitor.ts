/**
 * The monitoring measures: Wheeler's Poisson z-score, a count against a
 * known expected value (the Pearson z, the exact two-sided Poisson test and
 * the Poisson limits around the expected count), and the variance-to-mean
 * ratio of a baseline. Pure: numbers in, numbers out.
 */
import { normalQuantile } from './normal.js';
import { lnPoissonPmf, logAddExp } from './special.js';

// Local aliases: inside a vm context (jest) every global lookup is slow.
const { exp, floor, max, min, sqrt } = Math;
const { isFinite: isFiniteNumber, isInteger } = Number;
const INF = Number.POSITIVE_INFINITY;

/** Terms this far (natural log) below the running sum are dropped: e^−40 ≈ 4e−18. */
const CUT = 40;

function checkCount(k: number): void {
  if (!isInteger(k) || k < 0) throw new RangeError(`a count must be a non-negative integer, got ${k}`);
}

function checkMean(mean: number): void {
  if (!(mean >= 0) || !isFiniteNumber(mean)) throw new RangeError(`a mean must be finite and >= 0, got ${mean}`);
}

/**
 * Wheeler's Poisson z-score 2(√current − √baseline) (Wheeler 2016): the
 * square root makes a Poisson count's variance about ¼, so the difference of
 * roots, doubled, reads like a z-score against a baseline taken as known.
 * 16 → 25 gives 2(5 − 4) = 2. `baseline` may be a fractional expected count.
 */
export function wheelerZ(current: number, baseline: number): number {
  checkMean(current);
  checkMean(baseline);
  return 2 * (sqrt(current) - sqrt(baseline));
}

/**
 * How far an observed count lies from an expected one, in Poisson standard
 * deviations: (observed − expected)/√expected (the Pearson residual, as in
 * Wheeler's crime-increase-dispersion contours). NaN when expected is 0.
 */
export function pearsonZ(observed: number, expected: number): number {
  checkMean(observed);
  checkMean(expected);
  return (observed - expected) / sqrt(expected);
}

/** ln Σ pmf(j) from j = `from` stepping by `step`, stopped once the terms are negligible (they shrink that way). */
function logTail(from: number, step: 1 | -1, mean: number): number {
  let acc = -INF;
  for (let j = from; j >= 0; j += step) {
    const term = lnPoissonPmf(j, mean);
    acc = logAddExp(acc, term);
    if (term < acc - CUT || term === -INF) break;
  }
  return acc;
}

/** P(X ≤ k) for X ~ Poisson(mean), with full relative precision in the lower tail. */
export function poissonLowerTail(k: number, mean: number): number {
  checkMean(mean);
  if (k < 0) return 0;
  checkCount(k);
  if (mean === 0) return 1;
  // Below the mean the terms grow towards k: sum from k down.
  if (k < mean) return exp(logTail(k, -1, mean));
  return 1 - poissonUpperTail(k + 1, mean);
}

/** P(X ≥ k) for X ~ Poisson(mean), with full relative precision in the upper tail. */
export function poissonUpperTail(k: number, mean: number): number {
  checkMean(mean);
  if (k <= 0) return 1;
  checkCount(k);
  if (mean === 0) return 0;
  // Above the mean the terms shrink as j grows: sum from k up.
  if (k > mean) return exp(logTail(k, 1, mean));
  return 1 - poissonLowerTail(k - 1, mean);
}

/**
 * Two-sided exact p-value of a count k against a known Poisson mean, by the
 * central (doubling) rule: min(1, 2·min(P[X ≤ k], P[X ≥ k])), as statsmodels
 * `test_poisson(k, 1, mean, method="exact-c")`. It agrees with
 * {@link poissonLimits}: a count outside the level-L limits has p ≤ 1 − L.
 * A mean of 0 gives 1 for k = 0 and 0 otherwise.
 */
export function poissonTestPValue(k: number, mean: number): number {
  checkCount(k);
  checkMean(mean);
  if (mean === 0) return k === 0 ? 1 : 0;
  return min(1, 2 * min(poissonLowerTail(k, mean), poissonUpperTail(k, mean)));
}

/** The smallest k with P(X ≤ k) ≥ q for X ~ Poisson(mean), as SciPy `poisson.ppf(q, mean)`; q in (0, 1). */
export function poissonQuantile(q: number, mean: number): number {
  checkMean(mean);
  if (!(q > 0 && q < 1)) throw new RangeError(`q must be in (0, 1), got ${q}`);
  if (mean === 0) return 0;
  let k = max(0, floor(mean + normalQuantile(q) * sqrt(mean)));
  while (poissonLowerTail(k, mean) < q) k++;
  while (k > 0 && poissonLowerTail(k - 1, mean) >= q) k--;
  return k;
}

/** Limits of the counts expected at `level` around a known mean. */
export interface PoissonLimits {
  lower: number;
  upper: number;
}

/**
 * The central `level` range of Poisson(mean): [ppf((1 − level)/2),
 * ppf((1 + level)/2)], as SciPy `poisson.interval(level, mean)`. A count
 * below `lower` or above `upper` is outside the limits.
 */
export function poissonLimits(mean: number, level: number): PoissonLimits {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const a = (1 - level) / 2;
  return { lower: poissonQuantile(a, mean), upper: poissonQuantile(1 - a, mean) };
}

/**
 * Sample variance (n − 1 denominator) over the mean of a baseline's counts:
 * about 1 for Poisson counts, above 1 when they vary more (overdispersion).
 * Null with fewer than two values or a mean of 0.
 */
export function varianceToMean(values: readonly number[]): number | null {
  const n = values.length;
  if (n < 2) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (!(mean > 0)) return null;
  const ss = values.reduce((a, v) => a + (v - mean) * (v - mean), 0);
  return ss / (n - 1) / mean;
}
