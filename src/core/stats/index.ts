/** The statistics used by crimedelta, in one import. */
export { eTestPValue, eTestStatistic, lnGamma, lnPoissonPmf } from './e-test.js';
export type { Alternative, ETestOptions } from './e-test.js';
export { conditionalTestPValue, poissonRateInterval, rateRatio } from './exact.js';
export type { ConditionalTestOptions, PoissonRateInterval, RateRatio, TwoSidedConvention } from './exact.js';
export { normalCdf, normalQuantile, normalSf } from './normal.js';
export { percentChange, roundHalfAway } from './percent.js';
export { isSmallCount, SMALL_COUNT_THRESHOLD } from './small-counts.js';
export { wdd, wddHarm } from './wdd.js';
export type { WddCounts, WddHarmItem, WddHarmResult, WddInput, WddResult } from './wdd.js';
export { poissonCdf, poissonSf } from './poisson.js';
export { adjustPValues, ADJUST_METHODS, ADJUST_WORDS, benjaminiHochberg, holm } from './adjust.js';
export type { AdjustMethod } from './adjust.js';
export {
  pearsonZ,
  poissonLimits,
  poissonLowerTail,
  poissonQuantile,
  poissonTestPValue,
  poissonUpperTail,
  varianceToMean,
  wheelerZ,
} from './monitor.js';
export type { PoissonLimits } from './monitor.js';
