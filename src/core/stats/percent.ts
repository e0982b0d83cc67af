/**
 * Percent change and the rounding used to print it.
 */

/**
 * Percent change from `base` (the comparison window) to `current`:
 * 100·(current − base)/base, unrounded. Returns null when base is 0, where
 * percent change is undefined (not 100%, not Infinity).
 *
 * Computed as (100·(current − base))/base rather than ((current − base)/base)·100:
 * for integer counts the numerator is exact, so the single division returns
 * the double nearest the true value, and a value such as −0.25% comes out
 * exactly −0.25 instead of −0.25000000000000006. That matters for
 * {@link roundHalfAway} at a half-way digit.
 */
export function percentChange(base: number, current: number): number | null {
  if (base === 0) return null;
  return (100 * (current - base)) / base;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/**
 * Rounds x to `decimals` digits after the decimal point, halves away from
 * zero (−6.05 → −6.1, 0.15 → 0.2, 1.005 → 1.01, −2.5 → −3).
 *
 * Works on the shortest decimal string that identifies the double (what
 * `String(x)` prints), not on its binary value: 1.005 is stored as
 * 1.00499999999999989…, which a binary method rounds down, but the number a
 * person typed or read is 1.005. Rounding to zero returns +0, never −0, so
 * that nothing prints as "-0.0". Non-finite x is returned as is.
 *
 * @param decimals integer from 0 to 100
 * @throws RangeError when decimals is not an integer in [0, 100]
 */
export function roundHalfAway(x: number, decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 100) {
    throw new RangeError(`decimals must be an integer from 0 to 100, got ${decimals}`);
  }
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  const negative = x < 0;
  const m = DECIMAL.exec(String(Math.abs(x)));
  if (m === null) return x; // String() of a finite double always matches; kept for the type checker.
  const intPart = m[1] as string;
  const fracPart = m[2] ?? '';
  const exponent = m[3] === undefined ? 0 : Number(m[3]);
  const digits = intPart + fracPart;
  // Position of the decimal point within `digits`.
  const point = intPart.length + exponent;
  const keep = point + decimals;
  if (keep >= digits.length) return x;
  if (keep < 0) return 0;
  const roundUp = digits.charCodeAt(keep) - 48 >= 5;
  let kept = BigInt(keep === 0 ? '0' : digits.slice(0, keep));
  if (roundUp) kept += 1n;
  if (kept === 0n) return 0;
  // `kept` holds the digits down to 10^−decimals.
  const magnitude = Number(`${kept.toString()}e-${decimals}`);
  return negative ? -magnitude : magnitude;
}
