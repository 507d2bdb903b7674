// createdAt of the synthetic models (docs/methods.md §2.1 and §5 "'CreatedAt' Dates" histogram): a spike
// of old models at the Hub's migration timestamp, then a rate that grows with peaks in Sep 2024 and
// Jan 2025, ending at the snapshot's last createdAt. Times are whole seconds and strictly increasing.
import type { Rng } from "../random";
import {
  CREATED_PER_DAY_KNOTS,
  FIRST_BIN_SPIKE_MODELS,
  SNAPSHOT_FIRST_CREATED_MS,
  SNAPSHOT_LAST_CREATED_MS,
  scaleToSize,
} from "./calibration";
import { knotValue, lowerBound, toKnots } from "./sampling";

const DAY_MS = 86_400_000;
const SECOND_MS = 1_000;

/** Cumulative share of models created by the end of each day after the spike (the rate integrated). */
function dailyCdf(startMs: number, endMs: number): { dayStart: Float64Array; cdf: Float64Array } {
  const knots = toKnots(CREATED_PER_DAY_KNOTS);
  const days = Math.ceil((endMs - startMs) / DAY_MS);
  const dayStart = new Float64Array(days);
  const cdf = new Float64Array(days);
  let sum = 0;
  for (let d = 0; d < days; d++) {
    dayStart[d] = startMs + d * DAY_MS;
    const len = Math.min(DAY_MS, endMs - dayStart[d]) / DAY_MS;
    sum += knotValue(knots, dayStart[d] + DAY_MS / 2) * len;
    cdf[d] = sum;
  }
  for (let d = 0; d < days; d++) cdf[d] /= sum;
  return { dayStart, cdf };
}

/**
 * Ascending creation times (epoch ms) of `n` models: stratified quantiles of the rate, jittered, so the
 * histogram has the target shape at any n. The last model is created at SNAPSHOT_LAST_CREATED_MS.
 * Example: `sampleCreatedAt(1000, rng)[999]` is Date.parse("2025-07-12T17:14:09Z").
 */
export function sampleCreatedAt(n: number, rng: Rng): Float64Array {
  const times = new Float64Array(n);
  const spike = Math.min(n, scaleToSize(FIRST_BIN_SPIKE_MODELS, n));
  for (let i = 0; i < spike; i++) times[i] = SNAPSHOT_FIRST_CREATED_MS + i * SECOND_MS;
  const start = SNAPSHOT_FIRST_CREATED_MS + Math.max(spike, 1) * SECOND_MS;
  const { dayStart, cdf } = dailyCdf(start, SNAPSHOT_LAST_CREATED_MS);
  const rest = n - spike;
  for (let k = 0; k < rest; k++) {
    const q = (k + rng()) / rest;
    const d = Math.min(lowerBound(cdf, q), cdf.length - 1);
    const lo = d === 0 ? 0 : cdf[d - 1];
    const within = (q - lo) / Math.max(cdf[d] - lo, 1e-12);
    const t = Math.floor((dayStart[d] + within * DAY_MS) / SECOND_MS) * SECOND_MS;
    const i = spike + k;
    const latest = SNAPSHOT_LAST_CREATED_MS - (n - 1 - i) * SECOND_MS; // room for the models after this one
    times[i] = Math.min(i === 0 ? t : Math.max(t, times[i - 1] + SECOND_MS), latest);
  }
  if (n > spike) times[n - 1] = SNAPSHOT_LAST_CREATED_MS;
  return times;
}
