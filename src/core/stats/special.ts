/**
 * Special functions shared by the statistics modules: log-gamma, Loader's
 * saddle-point Poisson and binomial probabilities, regularized incomplete
 * beta and gamma functions and their inverses. All pure, all in doubles.
 */

// Local aliases: inside a vm context (jest) every global lookup such as
// `Math.log` or `Infinity` goes through a slow interceptor, 10-100x slower.
const { abs, exp, expm1, log, log1p, sin, sqrt } = Math;
const { isInteger, isFinite: isFiniteNumber, isNaN: isNaNNumber } = Number;
const INF = Number.POSITIVE_INFINITY;

const LN_SQRT_2PI = 0.9189385332046728; // ln(sqrt(2*pi))
const LN_2PI = 1.8378770664093456;

/**
 * Stirling-series coefficients for ln Γ(x) − [(x − ½)ln x − x + ln√(2π)],
 * i.e. Σ B_{2k} / (2k(2k−1) x^{2k−1}).
 */
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];

function lnGammaStirling(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  let series = 0;
  for (let i = STIRLING.length - 1; i >= 0; i--) series = series * inv2 + (STIRLING[i] as number);
  return (x - 0.5) * log(x) - x + LN_SQRT_2PI + series * inv;
}

/**
 * Natural log of |Γ(x)|.
 *
 * Stirling series for x ≥ 15 (truncation error below 1e-17), upward
 * recurrence from smaller x, reflection for x < 0.5. Relative error about
 * 1e-15 away from the zeros of ln Γ at x = 1 and x = 2, where the absolute
 * error is about 1e-15. Returns +INF at 0 and the negative integers.
 */
export function lnGamma(x: number): number {
  if (isNaNNumber(x)) return NaN;
  if (x === INF) return INF;
  if (x <= 0 && isInteger(x)) return INF;
  if (x === 1 || x === 2) return 0;
  if (x < 0.5) {
    // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
    return log(Math.PI / abs(sin(Math.PI * x))) - lnGamma(1 - x);
  }
  if (x >= 15) return lnGammaStirling(x);
  // Shift up into the Stirling range; one product and one log keep the
  // relative error small.
  let prod = 1;
  let y = x;
  while (y < 15) {
    prod *= y;
    y += 1;
  }
  return lnGammaStirling(y) - log(prod);
}

/** stirlerr(n) at n = 0, 0.5, 1, …, 15 (mpmath, rounded to the nearest double). */
const STIRLERR_HALVES = [
  0, 0.15342640972002736, 0.08106146679532726, 0.05481412105191765, 0.0413406959554093, 0.03316287351993629, 0.02767792568499834,
  0.023746163656297496, 0.020790672103765093, 0.018488450532673187, 0.016644691189821193, 0.015134973221917378, 0.013876128823070748,
  0.012810465242920227, 0.01189670994589177, 0.011104559758206917, 0.010411265261972096, 0.009799416126158804, 0.009255462182712733,
  0.008768700134139386, 0.00833056343336287, 0.00793411456431402, 0.007573675487951841, 0.007244554301320383, 0.00694284010720953,
  0.006665247032707682, 0.006408994188004207, 0.006171712263039458, 0.0059513701127588475, 0.0057462165130101155, 0.005554733551962801,
];

/**
 * Error of Stirling's formula: ln Γ(n+1) − [(n + ½)ln n − n + ln√(2π)]
 * (Loader 2000). Tabulated for half-integers up to 15, series above.
 */
export function stirlerr(n: number): number {
  if (n <= 15) {
    const twice = 2 * n;
    if (isInteger(twice)) return STIRLERR_HALVES[twice] as number;
    return lnGamma(n + 1) - (n + 0.5) * log(n) + n - LN_SQRT_2PI;
  }
  const nn = n * n;
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/**
 * Deviance term x·ln(x/m) + m − x, computed without cancellation when x is
 * close to m (Loader 2000).
 */
export function bd0(x: number, m: number): number {
  if (abs(x - m) < 0.1 * (x + m)) {
    const v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    const v2 = v * v;
    for (let j = 1; j < 1000; j++) {
      ej *= v2;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * log(x / m) + m - x;
}

/**
 * Natural log of the Poisson probability P(X = x) for mean `mean`.
 *
 * Uses Loader's saddle-point form −stirlerr(x) − bd0(x, mean) − ½ln(2πx),
 * which keeps about 15 significant digits of the probability even for
 * counts in the millions (the naive x·ln μ − μ − ln x! loses them to
 * cancellation). `x` must be a non-negative integer for a probability;
 * other x give the continuous extension (used by the incomplete gamma).
 * Returns −INF when the probability is 0.
 */
export function lnPoissonPmf(x: number, mean: number): number {
  if (x < 0 || !isFiniteNumber(x)) return -INF;
  if (mean === 0) return x === 0 ? 0 : -INF;
  if (!isFiniteNumber(mean)) return -INF;
  if (x === 0) return -mean;
  return -stirlerr(x) - bd0(x, mean) - 0.5 * (LN_2PI + log(x));
}

/**
 * Natural log of the binomial probability P(X = x) for n trials with
 * success probability p (q = 1 − p passed separately so that callers can
 * keep precision when p is near 1). Loader's saddle-point form.
 */
export function lnBinomPmf(x: number, n: number, p: number, q: number = 1 - p): number {
  if (x < 0 || x > n) return -INF;
  if (p === 0) return x === 0 ? 0 : -INF;
  if (q === 0) return x === n ? 0 : -INF;
  if (x === 0) {
    if (n === 0) return 0;
    return p < 0.1 ? -bd0(n, n * q) - n * p : n * log(q);
  }
  if (x === n) return q < 0.1 ? -bd0(n, n * p) - n * q : n * log(p);
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = LN_2PI + log(x) + log1p(-x / n);
  return lc - 0.5 * lf;
}

/** ln(e^a + e^b) without overflow; −INF is the identity. */
export function logAddExp(a: number, b: number): number {
  if (a === -INF) return b;
  if (b === -INF) return a;
  return a > b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b));
}

/** ln(e^a − e^b) for a ≥ b; −INF when they are equal. */
export function logSubExp(a: number, b: number): number {
  if (b === -INF) return a;
  if (b >= a) return -INF;
  const d = b - a;
  // Two branches keep precision whether e^d is near 0 or near 1.
  return a + (d > -Math.LN2 ? log(-expm1(d)) : log1p(-exp(d)));
}

/** ln Σ e^{v_i} over the first `length` entries, stable. */
export function logSumExpArray(values: ArrayLike<number>, length: number = values.length): number {
  let top = -INF;
  for (let i = 0; i < length; i++) {
    const v = values[i] as number;
    if (v > top) top = v;
  }
  if (top === -INF) return -INF;
  if (top === INF) return INF;
  let sum = 0;
  for (let i = 0; i < length; i++) sum += exp((values[i] as number) - top);
  return top + log(sum);
}

const TINY = 1e-300;

/** Continued fraction for I_x(a,b) (modified Lentz), valid for x < (a+1)/(a+b+2). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (abs(del - 1) < 1e-16) return h;
  }
  return h;
}

/**
 * ln of the incomplete-beta prefactor x^a (1−x)^b / (a·B(a,b)), written
 * through Loader's binomial density so that it stays accurate when a and b
 * are in the hundreds of thousands.
 */
function lnBetaPrefactor(a: number, b: number, x: number): number {
  // x^a (1−x)^b / B(a,b) = (ab/(a+b)) · "dbinom"(a; a+b, x).
  return log(b / (a + b)) + lnBinomPmf(a, a + b, x, 1 - x);
}

/**
 * Regularized incomplete beta function I_x(a, b) for a, b > 0, x in [0, 1];
 * the CDF of the Beta(a, b) distribution at x. Relative accuracy about
 * 1e-13 or better.
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || isNaNNumber(x)) return NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x < (a + 1) / (a + b + 2)) {
    return exp(lnBetaPrefactor(a, b, x)) * betaContinuedFraction(a, b, x);
  }
  return 1 - exp(lnBetaPrefactor(b, a, 1 - x)) * betaContinuedFraction(b, a, 1 - x);
}

/** ln of the Beta(a, b) density at x in (0, 1). */
function lnBetaDensity(x: number, a: number, b: number): number {
  return (a - 1) * log(x) + (b - 1) * log1p(-x) - (lnGamma(a) + lnGamma(b) - lnGamma(a + b));
}

/**
 * Solves f(x) = target for an increasing f on [lo, hi] by Newton steps that
 * fall back to bisection whenever a step leaves the bracket.
 */
function invertIncreasing(
  f: (x: number) => number,
  lnDensity: (x: number) => number,
  target: number,
  lo: number,
  hi: number,
  start: number,
): number {
  let x = start < lo ? lo : start > hi ? hi : start;
  for (let iter = 0; iter < 400; iter++) {
    const fx = f(x) - target;
    if (fx === 0) return x;
    if (fx < 0) lo = x;
    else hi = x;
    const dens = exp(lnDensity(x));
    let next = dens > 0 && isFiniteNumber(dens) ? x - fx / dens : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (abs(next - x) <= 1e-15 * abs(x) || hi - lo <= 1e-15 * abs(x)) return next;
    x = next;
  }
  return x;
}

/**
 * Inverse of {@link regularizedBeta} in x: the p-quantile of Beta(a, b).
 * Returns 0 for p ≤ 0 and 1 for p ≥ 1.
 */
export function inverseRegularizedBeta(p: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || isNaNNumber(p)) return NaN;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return invertIncreasing(
    (x) => regularizedBeta(x, a, b),
    (x) => lnBetaDensity(x, a, b),
    p,
    0,
    1,
    a / (a + b),
  );
}

/**
 * Regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a) for
 * a > 0, x ≥ 0: the CDF at x of a Gamma(shape a, scale 1) variable.
 */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || isNaNNumber(x)) return NaN;
  if (x <= 0) return 0;
  if (x === INF) return 1;
  if (x < a + 1) {
    // Series: P = e^{−x} x^a / Γ(a+1) · Σ x^n / ((a+1)…(a+n)).
    let term = 1;
    let sum = 1;
    for (let n = 1; n < 100000; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return exp(lnPoissonPmf(a, x)) * sum;
  }
  // Continued fraction for Q (modified Lentz).
  let bb = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / bb;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    bb += 2;
    d = an * d + bb;
    if (abs(d) < TINY) d = TINY;
    c = bb + an / c;
    if (abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (abs(del - 1) < 1e-16) break;
  }
  // e^{−x} x^a / Γ(a) = a · e^{−x} x^a / Γ(a+1).
  return 1 - a * exp(lnPoissonPmf(a, x)) * h;
}

/** The p-quantile of Gamma(shape a, scale 1): inverse of {@link regularizedGammaP} in x. */
export function inverseRegularizedGammaP(p: number, a: number): number {
  if (!(a > 0) || isNaNNumber(p)) return NaN;
  if (p <= 0) return 0;
  if (p >= 1) return INF;
  let hi = a + 10 * sqrt(a) + 50;
  while (regularizedGammaP(a, hi) < p) hi *= 2;
  return invertIncreasing(
    (x) => regularizedGammaP(a, x),
    (x) => (a - 1) * log(x) - x - lnGamma(a),
    p,
    0,
    hi,
    a,
  );
}
