/** `(current − base) / base × 100`, unrounded; null when the base is 0. */
export function percentChange(base: number, current: number): number | null {
  return base === 0 ? null : ((current - base) / base) * 100;
}
