// Bootstrap intervals of a mean similarity (docs/methods.md §4.1 "Uncertainty"; the authors'
// bootstrap_confidence_intervals): B resamples of the values with replacement, the mean of each, and the 2.5th and
// 97.5th percentiles of those means with numpy's default linear interpolation. The paper used B = 1000 for
// metadata and 10,000 for model cards.
// NOTE: resampling draws B·n indices; the loop reads the generator's raw 32-bit output and a typed array only, so
// 10,000 resamples of 5,000 values take well under a second.
import type { Rng } from "../random";

/** A mean with its 95% bootstrap interval, keyed as the reference: `{ mean, ci95: [lo, hi], valid_pairs }`. */
export interface MeanInterval {
  /** null when there are no values. */
  mean: number | null;
  ci95: [number | null, number | null];
  /** Number of values (valid pairs). */
  valid_pairs: number;
}

/** Options of `bootstrapMean`. */
export interface BootstrapOptions {
  /** Resamples B [1000]. */
  resamples?: number;
  rng: Rng;
}

/** Arithmetic mean (sequential sum; numpy's pairwise sum differs only by rounding). */
function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/**
 * numpy.percentile with linear interpolation on ascending-sorted values: `percentileOfSorted(sorted, 97.5)`.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new Error("similarity/bootstrap: percentile of no values");
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * The mean of the values and its 95% percentile-bootstrap interval.
 * Example: `bootstrapMean(similarities, { resamples: 1000, rng: rng.fork("trio_1_2") })`.
 */
export function bootstrapMean(values: Float64Array, options: BootstrapOptions): MeanInterval {
  const n = values.length;
  if (n === 0) return { mean: null, ci95: [null, null], valid_pairs: 0 };
  const resamples = options.resamples ?? 1000;
  if (!Number.isInteger(resamples) || resamples < 1)
    throw new Error(`similarity/bootstrap: resamples must be a positive integer, got ${resamples}`);
  const scale = n / 4294967296;
  const means = new Float64Array(resamples);
  // one batch of n draws per resample, in the order uint32() would give them
  const draws = new Uint32Array(n);
  for (let r = 0; r < resamples; r++) {
    options.rng.fillUint32(draws);
    let s = 0;
    for (let i = 0; i < n; i++) s += values[(draws[i] * scale) | 0];
    means[r] = s / n;
  }
  means.sort();
  return {
    mean: mean(values),
    ci95: [percentileOfSorted(means, 2.5), percentileOfSorted(means, 97.5)],
    valid_pairs: n,
  };
}
