// One observed statistic against its null distribution: the null mean, its 95% interval (2.5th and 97.5th percentiles,
// numpy's linear interpolation as the kit's bootstrap uses; docs/methods.md §4.1 "Bootstrap intervals") and the
// empirical p-value (1 + #{null at least as extreme}) / (R + 1), which is never 0 and is exact for R draws.
import { percentileOfSorted } from "../similarity/bootstrap";

/** Which side of the null counts as extreme: "greater" (the observed is unusually high) or "less". */
export type NullSide = "greater" | "less";

/** An observed value beside its null: `summarizeNull(0.94, nullValues, "greater").pValue`. */
export interface NullSummary {
  observed: number;
  /** Mean of the null values (NaN when none). */
  mean: number;
  ci95: [number, number];
  /** Empirical one-sided p-value; NaN when the observed value is not a number. */
  pValue: number;
  /** Null values that are numbers (replicates with nothing to measure are left out). */
  replicates: number;
  side: NullSide;
  /** The null values, in replicate order. */
  values: Float64Array;
}

/**
 * Summarises a null distribution against an observed value. Example:
 * `summarizeNull(0.198, rates, "less")` → `{ observed: 0.198, mean: 0.61, ci95: [0.6, 0.62], pValue: 0.001, ... }`.
 */
export function summarizeNull(observed: number, values: Float64Array, side: NullSide): NullSummary {
  const kept = values.filter((v) => !Number.isNaN(v));
  const sorted = Float64Array.from(kept).sort();
  const r = sorted.length;
  let extreme = 0;
  for (const v of kept) if (side === "greater" ? v >= observed - 1e-12 : v <= observed + 1e-12) extreme++;
  return {
    observed,
    mean: r ? kept.reduce((s, v) => s + v, 0) / r : Number.NaN,
    ci95: r ? [percentileOfSorted(sorted, 2.5), percentileOfSorted(sorted, 97.5)] : [Number.NaN, Number.NaN],
    pValue: Number.isNaN(observed) || r === 0 ? Number.NaN : (1 + extreme) / (r + 1),
    replicates: r,
    side,
    values,
  };
}

/** A summary without its values, for stats files (NaN becomes null): `nullStat(summary)`. */
export function nullStat(s: NullSummary): Record<string, unknown> {
  const num = (x: number) => (Number.isNaN(x) ? null : x);
  return {
    observed: num(s.observed),
    null_mean: num(s.mean),
    null_ci95: s.ci95.map(num),
    p_value: num(s.pValue),
    replicates: s.replicates,
    side: s.side,
  };
}
