/**
 * Exact conditional inference for two Poisson counts: the C-test (binomial
 * test on k1 given k1 + k2) and the rate ratio with its exact interval, as
 * R's poisson.test does them; and the exact (Garwood) interval for one rate.
 */
import { inverseRegularizedBeta, inverseRegularizedGammaP, lnBinomPmf, logAddExp } from './special.js';

// Local aliases: inside a vm context (jest) every global lookup such as
// `Math.log` or `Infinity` goes through a slow interceptor, 10-100x slower.
const { ceil, exp, floor, log, log1p, min } = Math;
const { isInteger, isFinite: isFiniteNumber } = Number;
const INF = Number.POSITIVE_INFINITY;

export type TwoSidedConvention = 'minlike' | 'doubling';

export interface ConditionalTestOptions {
  /**
   * How the two-sided p-value is formed. 'minlike' (default): sum the
   * probabilities of all outcomes no more likely than the observed one, as R
   * binom.test/poisson.test, SciPy binomtest and statsmodels. 'doubling':
   * min(1, 2·min(P[K ≤ k1], P[K ≥ k1])), as R rateratio.test and statext.
   */
  convention?: TwoSidedConvention;
  /** Rate ratio λ1/λ2 under H0. Default 1. */
  ratio?: number;
}

/** Relative tolerance R and SciPy use when comparing probabilities with the observed one. */
const RELATIVE_ERROR = 1 + 1e-7;

function validateCounts(k1: number, n1: number, k2: number, n2: number): void {
  if (!isInteger(k1) || !isInteger(k2) || k1 < 0 || k2 < 0) {
    throw new RangeError(`counts must be non-negative integers, got ${k1} and ${k2}`);
  }
  if (!(n1 > 0) || !(n2 > 0) || !isFiniteNumber(n1) || !isFiniteNumber(n2)) {
    throw new RangeError(`exposures must be positive and finite, got ${n1} and ${n2}`);
  }
}

/**
 * ln Σ_{j=from}^{to} P(K = j) for K ~ Binomial(n, p), summed from `from`
 * towards `to` and stopped once the terms are negligible, so `from` must be
 * the end nearer the mode (terms shrink in the direction of travel).
 */
function logTail(from: number, to: number, n: number, p: number, q: number): number {
  const step = to >= from ? 1 : -1;
  let acc = -INF;
  for (let j = from; step > 0 ? j <= to : j >= to; j += step) {
    const term = lnBinomPmf(j, n, p, q);
    const before = acc;
    acc = logAddExp(acc, term);
    if (term < before - 40) break;
  }
  return acc;
}

/** ln P[K ≤ k] for K ~ Binomial(n, p), accurate in both tails. */
function logCdf(k: number, n: number, p: number, q: number): number {
  if (k < 0) return -INF;
  if (k >= n) return 0;
  const mode = floor((n + 1) * p);
  if (k < mode) return logTail(k, 0, n, p, q);
  return log1p(-exp(logTail(k + 1, n, n, p, q)));
}

/** ln P[K ≥ k] for K ~ Binomial(n, p), accurate in both tails. */
function logSf(k: number, n: number, p: number, q: number): number {
  if (k <= 0) return 0;
  if (k > n) return -INF;
  const mode = floor((n + 1) * p);
  if (k > mode) return logTail(k, n, n, p, q);
  return log1p(-exp(logTail(k - 1, 0, n, p, q)));
}

/**
 * Two-sided p-value of the exact binomial test of k successes in n trials
 * against success probability p (q = 1 − p).
 */
function binomialTwoSided(k: number, n: number, p: number, q: number, convention: TwoSidedConvention): number {
  let logP: number;
  if (convention === 'doubling') {
    logP = log(2) + min(logCdf(k, n, p, q), logSf(k, n, p, q));
  } else {
    const mean = n * p;
    if (k === mean) return 1;
    const logD = lnBinomPmf(k, n, p, q) + log(RELATIVE_ERROR);
    if (k < mean) {
      // Outcomes at or below k are all less likely than k; on the other side
      // the pmf falls from ceil(np) on, so find where it drops to pmf(k).
      let lo = ceil(mean);
      let hi = n;
      if (lnBinomPmf(hi, n, p, q) > logD) {
        logP = logCdf(k, n, p, q);
      } else {
        while (lo < hi) {
          const m = floor((lo + hi) / 2);
          if (lnBinomPmf(m, n, p, q) <= logD) hi = m;
          else lo = m + 1;
        }
        logP = logAddExp(logCdf(k, n, p, q), logSf(lo, n, p, q));
      }
    } else {
      let lo = 0;
      let hi = floor(mean);
      if (lnBinomPmf(lo, n, p, q) > logD) {
        logP = logSf(k, n, p, q);
      } else {
        // Largest x in [0, floor(np)] with pmf(x) ≤ pmf(k); the pmf rises there.
        while (lo < hi) {
          const m = floor((lo + hi + 1) / 2);
          if (lnBinomPmf(m, n, p, q) <= logD) lo = m;
          else hi = m - 1;
        }
        logP = logAddExp(logCdf(lo, n, p, q), logSf(k, n, p, q));
      }
    }
  }
  const pValue = exp(logP);
  if (pValue >= 1) return 1;
  return pValue > 0 ? pValue : Number.MIN_VALUE;
}

/**
 * Two-sided p-value of the exact conditional test (C-test) of H0:
 * λ1/λ2 = ratio for counts k1 (exposure n1) and k2 (exposure n2).
 *
 * Given N = k1 + k2, k1 ~ Binomial(N, p0) with p0 = ratio·n1/(ratio·n1 + n2).
 * Units: counts are events; exposures in any common unit (days), so
 * λ = count/exposure. With the default 'minlike' convention the result
 * equals R `poisson.test(c(k1, k2), c(n1, n2), r = ratio)$p.value` and SciPy
 * `binomtest(k1, N, p0).pvalue` (probabilities within a relative 1e-7 of the
 * observed one count as ties, as there). Returns 1 for 0 vs 0. A positive
 * p-value below the double range is returned as `Number.MIN_VALUE`, not 0.
 *
 * @throws RangeError on invalid counts or exposures, or a ratio that is not positive and finite.
 */
export function conditionalTestPValue(k1: number, n1: number, k2: number, n2: number, opts: ConditionalTestOptions = {}): number {
  validateCounts(k1, n1, k2, n2);
  const ratio = opts.ratio ?? 1;
  const convention = opts.convention ?? 'minlike';
  if (!(ratio > 0) || !isFiniteNumber(ratio)) throw new RangeError(`ratio must be positive and finite, got ${ratio}`);
  if (convention !== 'minlike' && convention !== 'doubling') {
    throw new RangeError(`convention must be minlike or doubling, got ${String(convention)}`);
  }
  const total = k1 + k2;
  if (total === 0) return 1;
  const denom = ratio * n1 + n2;
  return binomialTwoSided(k1, total, (ratio * n1) / denom, n2 / denom, convention);
}

export interface RateRatio {
  /** (k1/n1)/(k2/n2): 0 when k1 = 0, Infinity when k2 = 0 < k1, NaN for 0 vs 0. */
  ratio: number;
  /** Lower confidence limit (0 when k1 = 0). */
  low: number;
  /** Upper confidence limit (Infinity when k2 = 0). */
  high: number;
}

/**
 * Rate ratio RR = (k1/n1)/(k2/n2) with its exact two-sided 1 − alpha
 * confidence interval, as R `poisson.test(c(k1, k2), c(n1, n2))`: the
 * Clopper–Pearson interval (pL, pU) for k1/(k1 + k2) mapped by
 * p/(1 − p)·n2/n1. Units: exposures in any common unit; the ratio is unitless.
 *
 * k1 = 0 gives low = 0 (and ratio 0); k2 = 0 gives high = Infinity (and
 * ratio Infinity); 0 vs 0 carries no information: ratio NaN, interval
 * [0, Infinity]. `alpha` defaults to 0.05 (a 95% interval).
 *
 * @throws RangeError on invalid counts or exposures, or alpha outside (0, 1).
 */
export function rateRatio(k1: number, n1: number, k2: number, n2: number, alpha = 0.05): RateRatio {
  validateCounts(k1, n1, k2, n2);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  const total = k1 + k2;
  if (total === 0) return { ratio: NaN, low: 0, high: INF };
  const ratio = k2 === 0 ? INF : k1 / n1 / (k2 / n2);
  const scale = n2 / n1;
  // Each odds p/(1 − p) is formed from two separately solved quantiles
  // (Beta symmetry: 1 − Beta(a, b) ~ Beta(b, a)) so that neither p nor
  // 1 − p loses digits when it is close to 1.
  let low = 0;
  if (k1 > 0) {
    const pL = inverseRegularizedBeta(alpha / 2, k1, k2 + 1);
    const oneMinusPL = inverseRegularizedBeta(1 - alpha / 2, k2 + 1, k1);
    low = (pL / oneMinusPL) * scale;
  }
  let high = INF;
  if (k2 > 0) {
    const pU = inverseRegularizedBeta(1 - alpha / 2, k1 + 1, k2);
    const oneMinusPU = inverseRegularizedBeta(alpha / 2, k2, k1 + 1);
    high = (pU / oneMinusPU) * scale;
  }
  return { ratio, low, high };
}

export interface PoissonRateInterval {
  /** count / exposure, events per unit of exposure. */
  rate: number;
  low: number;
  high: number;
}

/**
 * Rate k/exposure with the exact (Garwood) two-sided 1 − alpha interval
 * [½χ²(α/2; 2k), ½χ²(1 − α/2; 2k + 2)] / exposure, as R
 * `poisson.test(k, exposure)`. Units: events per unit of exposure. For
 * k = 0 the lower limit is 0.
 *
 * @throws RangeError on a negative or non-integer count, non-positive exposure, or alpha outside (0, 1).
 */
export function poissonRateInterval(k: number, exposure: number, alpha = 0.05): PoissonRateInterval {
  validateCounts(k, exposure, 0, 1);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  const low = k === 0 ? 0 : inverseRegularizedGammaP(alpha / 2, k) / exposure;
  const high = inverseRegularizedGammaP(1 - alpha / 2, k + 1) / exposure;
  return { rate: k / exposure, low, high };
}
