// How many replicates a null test runs: the most, up to a maximum (1,000 in notebook 50), whose work fits a budget, and
// never fewer than a minimum. The work of one replicate is counted from the data (edges drawn, values shuffled), never
// timed, so two runs choose the same R and write the same numbers, on any machine:
//
//   test                      work of one replicate                      budget per null (NULL_BUDGETS)
//   ordering (each null)      edges carrying transitions among the top   4,000,000 edge draws
//                             values (the flip nulls draw one per edge;
//                             the denser the traffic, the larger the
//                             components the exact solver meets)
//   mutation (each null)      edges where both ends list the trait       50,000,000 edge draws
//   relation comparison       per-edge mutations pooled and shuffled     25,000,000 shuffle draws
//
// The budgets come from bench/stages-nulls.ts on a 2-core machine at the paper's size (1.86M models): a full budget
// takes about 20 s per ordering null (each replicate there solves components of up to 20 values exactly), 1–2 s per
// mutation null and about 0.5 s per relation comparison. Every shipped dataset (sample, smollm2, radar) stays far
// below them and runs the full 1,000.

/** Replicates R when nothing limits them. */
export const DEFAULT_REPLICATES = 1000;

/** Fewest replicates a budget may leave (the p-value's resolution is then 1 / 101). */
export const MIN_REPLICATES = 100;

/** Work budget per null and test kind, in draws: `NULL_BUDGETS.mutation`. */
export const NULL_BUDGETS = {
  ordering: 4_000_000,
  mutation: 50_000_000,
  relation: 25_000_000,
} as const;

/** Options of replicatesFor. */
export interface ReplicateOptions {
  /** Most replicates [1000]. */
  max?: number;
  /** Fewest replicates when the budget would allow less [100, or max when smaller]. */
  min?: number;
  /** Work all replicates may take [Infinity: always max]. */
  budget?: number;
  /** What the work counts, for the line describeReplicates prints ["draws"]. */
  unit?: string;
}

/** The replicate count chosen for one test, and why. */
export interface ReplicatePlan {
  replicates: number;
  max: number;
  min: number;
  workPerReplicate: number;
  budget: number;
  unit: string;
}

/** R fitting a work budget: `replicatesFor(128_665, { max: 1000, budget: 5e7 }).replicates === 388`. */
export function replicatesFor(workPerReplicate: number, options: ReplicateOptions = {}): ReplicatePlan {
  const max = options.max ?? DEFAULT_REPLICATES;
  const min = Math.min(options.min ?? MIN_REPLICATES, max);
  const budget = options.budget ?? Number.POSITIVE_INFINITY;
  if (!Number.isInteger(max) || max < 1) throw new Error(`nulls/budget: max must be a positive integer, got ${max}`);
  if (!Number.isInteger(min) || min < 1) throw new Error(`nulls/budget: min must be a positive integer, got ${min}`);
  if (!(budget > 0)) throw new Error(`nulls/budget: the budget must be positive, got ${budget}`);
  if (!(workPerReplicate >= 0)) throw new Error(`nulls/budget: work must be non-negative, got ${workPerReplicate}`);
  const fit = workPerReplicate === 0 ? max : Math.floor(budget / workPerReplicate);
  return {
    replicates: Math.max(min, Math.min(max, fit)),
    max,
    min,
    workPerReplicate,
    budget,
    unit: options.unit ?? "draws",
  };
}

/** A count as people read it: 20.3M, 4M, 808k, 950. */
function amount(x: number): string {
  if (!Number.isFinite(x)) return "none";
  const short = (v: number, suffix: string) => `${Number(v.toPrecision(3))}${suffix}`;
  if (x >= 1e9) return short(x / 1e9, "G");
  if (x >= 1e6) return short(x / 1e6, "M");
  if (x >= 1e4) return short(x / 1e3, "k");
  return Math.round(x).toLocaleString("en-US");
}

/**
 * One line saying which R a test used and why. Example: `describeReplicates(replicatesFor(128_665, { budget: 5e7,
 * unit: "edge draws" }))` → "R = 388 (1,000 would take ~129M edge draws; budget 50M)".
 */
export function describeReplicates(plan: ReplicatePlan): string {
  const R = plan.replicates.toLocaleString("en-US"),
    max = plan.max.toLocaleString("en-US");
  const full = amount(plan.max * plan.workPerReplicate),
    budget = amount(plan.budget);
  if (plan.replicates === plan.max) return `R = ${R} (~${full} ${plan.unit}; budget ${budget})`;
  const least =
    plan.replicates === plan.min && plan.min * plan.workPerReplicate > plan.budget ? ", the least allowed" : "";
  return `R = ${R}${least} (${max} would take ~${full} ${plan.unit}; budget ${budget})`;
}
