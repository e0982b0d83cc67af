/**
 * The E-test of Krishnamoorthy & Thomson (2004) for two Poisson means, with
 * the unpooled variance, as SciPy's `poisson_means_test`.
 */
import { normalSf } from './normal.js';
import { lnPoissonPmf, logAddExp, logSubExp, logSumExpArray } from './special.js';

export { lnGamma, lnPoissonPmf } from './special.js';

// Local aliases: inside a vm context (jest) every global lookup such as
// `Math.log` or `Infinity` goes through a slow interceptor, 10-100x slower.
const { abs, ceil, exp, floor, log, max, min, sqrt } = Math;
const { isInteger, isFinite: isFiniteNumber } = Number;
const INF = Number.POSITIVE_INFINITY;

export type Alternative = 'two-sided' | 'greater' | 'less';

export interface ETestOptions {
  /** Hypothesised difference of rates λ1 − λ2 under H0, ≥ 0 (SciPy's `diff`). Default 0. */
  diff?: number;
  /** Default 'two-sided'. 'greater' tests λ1 − λ2 > diff, 'less' tests λ1 − λ2 < diff. */
  alternative?: Alternative;
}

/**
 * How far below the mode's log-probability each Poisson axis is summed
 * (natural-log units). The first pass uses FIRST_CUT (≈ ±10 standard
 * deviations, wider than SciPy's 1e−10 and 1 − 1e−16 quantiles), or
 * more when the normal approximation of p is tiny; when the
 * p-value found is so small that the dropped mass (< 2e^−cut) could matter
 * at 1e−12 relative, the sum is redone with a cut of −ln p + 40, up to
 * MAX_CUT (e^−800 is below the smallest double). SciPy keeps its fixed
 * quantiles, which is why the two agree to about 1e−10 absolute rather than
 * to the last digit, and why SciPy returns 0 for p-values below ~1e−10.
 */
const FIRST_CUT = 50;
const MAX_CUT = 800;
const RELATIVE_SLACK = 28; // e^−28 ≈ 7e−13; dropped mass relative to p stays below this.

function validate(k1: number, n1: number, k2: number, n2: number, diff: number): void {
  if (!isInteger(k1) || !isInteger(k2) || k1 < 0 || k2 < 0) {
    throw new RangeError(`counts must be non-negative integers, got ${k1} and ${k2}`);
  }
  if (!(n1 > 0) || !(n2 > 0) || !isFiniteNumber(n1) || !isFiniteNumber(n2)) {
    throw new RangeError(`exposures must be positive and finite, got ${n1} and ${n2}`);
  }
  if (!(diff >= 0) || !isFiniteNumber(diff)) throw new RangeError(`diff must be finite and >= 0, got ${diff}`);
}

/**
 * Observed E-test statistic T = (k1/n1 − k2/n2 − diff) / √(k1/n1² + k2/n2²)
 * (K&T eq. 3.3, unpooled variance). NaN for 0 vs 0 with diff = 0.
 */
export function eTestStatistic(k1: number, n1: number, k2: number, n2: number, diff = 0): number {
  validate(k1, n1, k2, n2, diff);
  return (k1 / n1 - k2 / n2 - diff) / sqrt(k1 / (n1 * n1) + k2 / (n2 * n2));
}

/** Integer range [lo, hi] holding every x with ln P(X = x) ≥ ln P(X = mode) − cut. */
function poissonSupport(mean: number, cut: number): [number, number] {
  const mode = floor(mean);
  const threshold = lnPoissonPmf(mode, mean) - cut;
  let a = 0;
  let b = mode;
  if (lnPoissonPmf(0, mean) < threshold) {
    // Invariant: pmf(a) < threshold ≤ pmf(b); the log-pmf rises up to the mode.
    while (b - a > 1) {
      const m = floor((a + b) / 2);
      if (lnPoissonPmf(m, mean) < threshold) a = m;
      else b = m;
    }
    a = b;
  }
  let c = mode;
  let d = mode + ceil(60 * sqrt(mean)) + 1000;
  while (d - c > 1) {
    const m = floor((c + d) / 2);
    if (lnPoissonPmf(m, mean) >= threshold) c = m;
    else d = m;
  }
  return [a, c];
}

/**
 * Two-sided (default) or one-sided p-value of the E-test for H0: λ1 − λ2 = diff,
 * where k1 ~ Poisson(n1·λ1) and k2 ~ Poisson(n2·λ2).
 *
 * Units and conventions: k1, k2 are event counts (non-negative integers);
 * n1, n2 are the exposures in any common unit (crimedelta uses window length
 * in days), so λ is a rate per unit of exposure and `diff` is in the same
 * per-unit rate. Argument order and results follow SciPy 1.17
 * `scipy.stats.poisson_means_test(k1, n1, k2, n2, diff, alternative)`:
 * the unpooled variance of K&T (2004) eq. 3.3, not the pooled variant of
 * R's ptools (the two differ when n1 ≠ n2). The (0, 0) cell is excluded
 * when diff = 0, as in SciPy.
 *
 * Returns 1 when the null estimate λ̂2 = (k1+k2)/(n1+n2) − diff·n1/(n1+n2) is
 * ≤ 0, which includes 0 vs 0. Otherwise the exact double sum of K&T eq. 3.5 is
 * evaluated in log space (saddle-point Poisson log-probabilities) over every
 * cell whose probability is representable, so counts in the millions work and
 * no normal approximation is used at any size. For each x1 the cells of the
 * rejection region form at most three runs of x2, found by bisection, so the
 * cost grows like √count. Agrees with SciPy to about 1e-10 absolute; a
 * positive true p-value is never returned as 0 (the result is at least
 * `Number.MIN_VALUE`).
 *
 * @throws RangeError on non-integer or negative counts, non-positive exposures, or diff < 0.
 */
export function eTestPValue(k1: number, n1: number, k2: number, n2: number, opts: ETestOptions = {}): number {
  const diff = opts.diff ?? 0;
  const alternative = opts.alternative ?? 'two-sided';
  validate(k1, n1, k2, n2, diff);
  if (alternative !== 'two-sided' && alternative !== 'greater' && alternative !== 'less') {
    throw new RangeError(`alternative must be two-sided, greater or less, got ${String(alternative)}`);
  }

  const lambda2 = (k1 + k2) / (n1 + n2) - (diff * n1) / (n1 + n2);
  if (!(lambda2 > 0)) return 1;

  // Same expression and operation order as SciPy, so ties at the observed
  // cell resolve the same way.
  const tObs = (k1 / n1 - k2 / n2 - diff) / sqrt(k1 / (n1 * n1) + k2 / (n2 * n2));
  const mean1 = n1 * (lambda2 + diff);
  const mean2 = n2 * lambda2;
  // Start from a cut suited to the normal approximation of p, so that one
  // pass usually suffices even for tiny p-values.
  const lnNormalP = log(2 * normalSf(abs(tObs)));
  let cut = min(MAX_CUT, max(FIRST_CUT, -lnNormalP + RELATIVE_SLACK + 12));
  for (;;) {
    const logP = logPValue(tObs, n1, n2, diff, mean1, mean2, alternative, cut);
    if (cut >= MAX_CUT || logP >= -cut + Math.LN2 + RELATIVE_SLACK) {
      const p = exp(logP);
      if (p > 1) return 1;
      return p > 0 ? p : Number.MIN_VALUE;
    }
    cut = min(MAX_CUT, isFiniteNumber(logP) ? -logP + RELATIVE_SLACK + 12 : MAX_CUT);
  }
}

/**
 * ln of the E-test p-value summed over the cells whose Poisson
 * log-probabilities lie within `cut` of their modes.
 */
function logPValue(
  tObs: number,
  n1: number,
  n2: number,
  diff: number,
  mean1: number,
  mean2: number,
  alternative: Alternative,
  cut: number,
): number {
  const [lo1, hi1] = poissonSupport(mean1, cut);
  const [lo2, hi2] = poissonSupport(mean2, cut);

  const m2 = hi2 - lo2 + 1;
  const lp2 = new Float64Array(m2);
  let modeIdx = 0;
  for (let i = 0; i < m2; i++) {
    lp2[i] = lnPoissonPmf(lo2 + i, mean2);
    if ((lp2[i] as number) > (lp2[modeIdx] as number)) modeIdx = i;
  }
  // Cumulative log-sums from each end, so every tail is summed from its
  // small end and keeps its relative precision.
  const logLeft = new Float64Array(m2);
  const logRight = new Float64Array(m2);
  let acc = -INF;
  for (let i = 0; i < m2; i++) {
    acc = logAddExp(acc, lp2[i] as number);
    logLeft[i] = acc;
  }
  acc = -INF;
  for (let i = m2 - 1; i >= 0; i--) {
    acc = logAddExp(acc, lp2[i] as number);
    logRight[i] = acc;
  }
  const logTotal = logLeft[m2 - 1] as number;

  /** ln Σ pmf2(x2) for x2 in [a, b] (values, not indices). */
  const logSumRange = (a: number, b: number): number => {
    if (a > b) return -INF;
    const ia = a - lo2;
    const ib = b - lo2;
    if (ia === 0) return logLeft[ib] as number;
    if (ib === m2 - 1) return logRight[ia] as number;
    if (ib <= modeIdx) return logSubExp(logLeft[ib] as number, logLeft[ia - 1] as number);
    if (ia >= modeIdx) return logSubExp(logRight[ia] as number, logRight[ib + 1] as number);
    // The run holds the mode, so its mass is not small: plain arithmetic is exact enough.
    const mass = exp(logTotal) - exp(logLeft[ia - 1] as number) - exp(logRight[ib + 1] as number);
    return mass > 0 ? log(mass) : logSumExpArray(lp2.subarray(ia, ib + 1));
  };

  const rowLog = new Float64Array(hi1 - lo1 + 1);
  const hints = [lo2, lo2, lo2, lo2];
  for (let x1 = lo1; x1 <= hi1; x1++) {
    const lx1 = x1 / n1;
    const t = (x2: number): number => {
      const lx2 = x2 / n2;
      return (lx1 - lx2 - diff) / sqrt(lx1 / n1 + lx2 / n2);
    };
    // (0, 0) is 0/0 when diff = 0 and SciPy's indicator drops it.
    const start = x1 === 0 && diff === 0 ? max(lo2, 1) : lo2;
    if (start > hi2) {
      rowLog[x1 - lo1] = -INF;
      continue;
    }
    // T(x1, ·) decreases in x2 beyond x2* = −n2·(x1/n1 − diff) − 2·n2²·x1/n1²
    // and increases before it (only possible when diff > 0), so every level
    // set is a run of x2 around the peak.
    const xStar = n2 * (diff - lx1) - (2 * n2 * n2 * x1) / (n1 * n1);
    let peak = start;
    if (xStar > start) {
      peak = min(floor(xStar), hi2);
      if (peak < hi2 && t(peak + 1) > t(peak)) peak += 1;
      if (peak > start && t(peak - 1) > t(peak)) peak -= 1;
    }
    const tPeak = t(peak);
    /**
     * Run [first, last] of x2 with T ≥ level (or > level when strict);
     * first > last if none. T rises in x1, so the runs only widen from one
     * row to the next and the previous row's ends are good starting points.
     */
    const superLevel = (slot: number, level: number, strict: boolean): [number, number] => {
      const ok = strict ? (x2: number) => t(x2) > level : (x2: number) => t(x2) >= level;
      if (!(strict ? tPeak > level : tPeak >= level)) return [peak + 1, peak];
      const a = firstPassing(start, peak, hints[2 * slot] as number, ok);
      const b = lastPassing(peak, hi2, hints[2 * slot + 1] as number, ok);
      hints[2 * slot] = a;
      hints[2 * slot + 1] = b;
      return [a, b];
    };

    let logS: number;
    if (alternative === 'greater') {
      const [a, b] = superLevel(0, tObs, false);
      logS = logSumRange(a, b);
    } else if (alternative === 'less') {
      const [a, b] = superLevel(0, tObs, true);
      logS = a > b ? logSumRange(start, hi2) : logAddExp(logSumRange(start, a - 1), logSumRange(b + 1, hi2));
    } else {
      const t0 = abs(tObs);
      if (t0 === 0) {
        logS = logSumRange(start, hi2);
      } else {
        const [a, b] = superLevel(0, t0, false);
        const [a2, b2] = superLevel(1, -t0, true);
        if (a2 > b2) {
          logS = logSumRange(start, hi2);
        } else {
          logS = logAddExp(logAddExp(logSumRange(start, a2 - 1), logSumRange(a, b)), logSumRange(b2 + 1, hi2));
        }
      }
    }
    rowLog[x1 - lo1] = lnPoissonPmf(x1, mean1) + logS;
  }

  return logSumExpArray(rowLog);
}

/**
 * Largest x in [lo, hi] with pass(x), where pass holds on [lo, b] and fails
 * after b, and pass(lo) holds. Gallops out from `hint`, then bisects.
 */
function lastPassing(lo: number, hi: number, hint: number, pass: (x: number) => boolean): number {
  if (pass(hi)) return hi;
  const h = min(max(hint, lo), hi);
  let a: number; // pass(a)
  let b: number; // !pass(b)
  if (pass(h)) {
    a = h;
    let step = 1;
    b = a + step;
    while (b < hi && pass(b)) {
      a = b;
      step *= 2;
      b = a + step;
    }
    if (b > hi) b = hi;
  } else {
    b = h;
    let step = 1;
    a = b - step;
    while (a > lo && !pass(a)) {
      b = a;
      step *= 2;
      a = b - step;
    }
    if (a < lo) a = lo;
  }
  while (b - a > 1) {
    const m = floor((a + b) / 2);
    if (pass(m)) a = m;
    else b = m;
  }
  return a;
}

/**
 * Smallest x in [lo, hi] with pass(x), where pass fails before some a and
 * holds on [a, hi], and pass(hi) holds. Gallops out from `hint`, then bisects.
 */
function firstPassing(lo: number, hi: number, hint: number, pass: (x: number) => boolean): number {
  if (pass(lo)) return lo;
  const h = min(max(hint, lo), hi);
  let a: number; // !pass(a)
  let b: number; // pass(b)
  if (pass(h)) {
    b = h;
    let step = 1;
    a = b - step;
    while (a > lo && pass(a)) {
      b = a;
      step *= 2;
      a = b - step;
    }
    if (a < lo) a = lo;
  } else {
    a = h;
    let step = 1;
    b = a + step;
    while (b < hi && !pass(b)) {
      a = b;
      step *= 2;
      b = a + step;
    }
    if (b > hi) b = hi;
  }
  while (b - a > 1) {
    const m = floor((a + b) / 2);
    if (pass(m)) b = m;
    else a = m;
  }
  return b;
}
