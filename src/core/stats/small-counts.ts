/**
 * The small-count rule: when to warn that percent changes and tests are not
 * worth reading.
 */

/** Counts below this are "small". */
export const SMALL_COUNT_THRESHOLD = 10;

/**
 * True when every count in the comparison is below
 * {@link SMALL_COUNT_THRESHOLD} (10), e.g. 4 vs 7: such a change swings by
 * tens of percent from one or two events, and the tests have almost no
 * power. One count of 10 or more makes it false (e.g. 3 vs 12 is a change
 * worth reporting). An empty list is false: there is nothing to warn about.
 */
export function isSmallCount(counts: readonly number[]): boolean {
  return counts.length > 0 && counts.every((c) => c < SMALL_COUNT_THRESHOLD);
}
