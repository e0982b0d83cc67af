/** Poisson tail probabilities, through the regularized incomplete gamma function. */
import { regularizedGammaP } from './special.js';

/** P(X ≤ k) for X ~ Poisson(mean); k a whole number. */
export function poissonCdf(k: number, mean: number): number {
  if (k < 0) return 0;
  if (mean <= 0) return 1;
  return 1 - regularizedGammaP(k + 1, mean);
}

/** P(X ≥ k) for X ~ Poisson(mean). */
export function poissonSf(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  return regularizedGammaP(k, mean);
}
