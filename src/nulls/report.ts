// The null-model results as a notebook shows and records them: rows for the interval figures and tables, stats keyed
// `nulls.<test>.<trait>.…` for figures/stats (docs/methods.md §4.1, §4.3), and one verdict line per test.
import type { MutationNullTest, RelationComparison } from "./mutation";
import { MUTATION_NULL_LABELS } from "./mutation";
import type { NullIntervalRow } from "./charts";
import { ORDERING_NULL_LABELS, type OrderingNullTest } from "./ordering";
import type { ControlledResemblance } from "./resemblance";
import { type NullSummary, nullStat } from "./summary";

/** Significance level of the verdict lines [0.05]: `verdict(summary, NULL_ALPHA)`. */
export const NULL_ALPHA = 0.05;

/**
 * One line saying whether a null is rejected: `verdict(s)` → "rejected (p = 0.001)" or "not rejected (p = 0.42)".
 */
export function verdict(s: NullSummary, alpha = NULL_ALPHA): string {
  if (Number.isNaN(s.pValue)) return "not testable";
  const p = s.pValue < 0.001 ? s.pValue.toExponential(1) : s.pValue.toFixed(3);
  return `${s.pValue <= alpha ? "rejected" : "not rejected"} (p = ${p})`;
}

const pct = (x: number) => (Number.isNaN(x) ? "–" : `${(100 * x).toFixed(1)}%`);

/** The interval row of one summary. */
function row(panel: string, label: string, series: string, s: NullSummary): NullIntervalRow {
  return { panel, label, series, observed: s.observed, mean: s.mean, lo: s.ci95[0], hi: s.ci95[1] };
}

/** Rows of the ordering figure: both metrics, every trait and null. Example: `orderingNullRows(tests)`. */
export function orderingNullRows(tests: readonly OrderingNullTest[]): NullIntervalRow[] {
  const out: NullIntervalRow[] = [];
  for (const metric of ["directions", "mutations"] as const)
    for (const t of tests)
      for (const [kind, r] of Object.entries(t.nulls))
        if (r) {
          const panel = metric === "directions" ? "drift directions accounted for" : "mutations accounted for";
          out.push(row(panel, t.trait, ORDERING_NULL_LABELS[kind as keyof typeof ORDERING_NULL_LABELS], r[metric]));
        }
  return out;
}

/** A table row per trait, null and metric: observed, null mean and interval, p-value: `orderingNullTable(tests)`. */
export function orderingNullTable(tests: readonly OrderingNullTest[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const t of tests) {
    if (t.skipped) {
      out.push({
        trait: t.trait,
        null: "-",
        metric: "-",
        observed: "-",
        null_mean: "-",
        null_95: "-",
        p_value: null,
        verdict: `not tested: ${t.skipped}`,
      });
      continue;
    }
    for (const [kind, r] of Object.entries(t.nulls))
      for (const metric of ["directions", "mutations"] as const) {
        const s = r![metric];
        out.push({
          trait: t.trait,
          null: kind,
          metric,
          observed: pct(s.observed),
          null_mean: pct(s.mean),
          null_95: `${pct(s.ci95[0])}–${pct(s.ci95[1])}`,
          p_value: s.pValue,
          verdict: verdict(s),
        });
      }
  }
  return out;
}

/**
 * Stats of the ordering tests: `nulls.ordering.<trait>.<null>.{directions,mutations}` and the headline
 * `nulls.ordering.<trait>.p_value` (drift directions under the flip null). Example:
 * `run.compare(orderingNullStats(tests))`.
 */
export function orderingNullStats(tests: readonly OrderingNullTest[]): Record<string, unknown> {
  const stats: Record<string, unknown> = {};
  for (const t of tests) {
    const at = `nulls.ordering.${t.trait}.`;
    stats[at + "observed"] = {
      top_values: t.topValues,
      drift_directions: t.observed.directions,
      mutations: t.observed.mutations,
      skipped: t.skipped,
    };
    for (const [kind, r] of Object.entries(t.nulls)) {
      stats[`${at}${kind}.directions`] = nullStat(r!.directions);
      stats[`${at}${kind}.mutations`] = nullStat(r!.mutations);
    }
    const flip = t.nulls.flip;
    stats[at + "p_value"] = flip ? nullStat(flip.directions).p_value : null;
    stats[at + "mutations_p_value"] = flip ? nullStat(flip.mutations).p_value : null;
  }
  return stats;
}

/** Rows of the mutation-rate figure, labelled `<trait>` or `<trait> · <group>`. Example: `mutationNullRows(tests)`. */
export function mutationNullRows(tests: readonly MutationNullTest[], group = ""): NullIntervalRow[] {
  const out: NullIntervalRow[] = [];
  for (const t of tests)
    for (const [kind, s] of Object.entries(t.nulls))
      if (s)
        out.push(
          row(
            "mutation rate",
            group ? `${t.trait} · ${group}` : t.trait,
            MUTATION_NULL_LABELS[kind as keyof typeof MUTATION_NULL_LABELS],
            s,
          ),
        );
  return out;
}

/** A table row per trait and null. Example: `mutationNullTable(tests)`. */
export function mutationNullTable(tests: readonly MutationNullTest[], group = ""): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const t of tests) {
    if (t.observed.traffic === 0) {
      out.push({
        group,
        trait: t.trait,
        traffic: 0,
        observed: "-",
        null: "-",
        null_mean: "-",
        null_95: "-",
        p_value: null,
        verdict: "not tested: no edge where both ends list it",
      });
      continue;
    }
    for (const [kind, s] of Object.entries(t.nulls))
      out.push({
        group,
        trait: t.trait,
        traffic: t.observed.traffic,
        observed: pct(s!.observed),
        null: kind,
        null_mean: pct(s!.mean),
        null_95: `${pct(s!.ci95[0])}–${pct(s!.ci95[1])}`,
        p_value: s!.pValue,
        verdict: verdict(s!),
      });
  }
  return out;
}

/**
 * Stats of the mutation tests: `nulls.<prefix>.<trait>.{observed,population,family,p_value}` (p_value: family null).
 * Example: `run.compare(mutationNullStats(tests))`.
 */
export function mutationNullStats(tests: readonly MutationNullTest[], prefix = "mutation"): Record<string, unknown> {
  const stats: Record<string, unknown> = {};
  for (const t of tests) {
    const at = `nulls.${prefix}.${t.trait}.`;
    stats[at + "observed"] = { rate: t.observed.rate, mutations: t.observed.mutations, traffic: t.observed.traffic };
    for (const [kind, s] of Object.entries(t.nulls)) stats[at + kind] = nullStat(s!);
    stats[at + "p_value"] = t.nulls.family ? nullStat(t.nulls.family).p_value : null;
  }
  return stats;
}

/** Stats keyed `nulls.relations.<trait>.<relation>_vs_<baseline>`: `relationComparisonStats(comparisons)`. */
export function relationComparisonStats(rows: readonly RelationComparison[]): Record<string, unknown> {
  const stats: Record<string, unknown> = {};
  for (const r of rows)
    stats[`nulls.relations.${r.trait}.${r.relation}_vs_${r.baseline}`] = {
      rate: r.rate,
      baseline_rate: r.baselineRate,
      traffic: r.traffic,
      baseline_traffic: r.baselineTraffic,
      ...nullStat(r.difference),
    };
  return stats;
}

/**
 * Stats of the controlled resemblance runs: `nulls.resemblance.<variant>.{means,baselines,claims}`. Example:
 * `run.compare(resemblanceControlStats(runs))`.
 */
export function resemblanceControlStats(runs: readonly ControlledResemblance[]): Record<string, unknown> {
  const stats: Record<string, unknown> = {};
  for (const r of runs) {
    const at = `nulls.resemblance.${r.variant}.`;
    stats[at + "means"] = r.stats;
    stats[at + "baselines"] = Object.fromEntries(
      r.baselines.map((b) => [
        b.control,
        {
          mean: b.mean,
          ci95: b.ci95,
          above: b.above,
          related: b.related,
          holds: b.holds,
          ratio: Number.isNaN(b.ratio) ? null : b.ratio,
        },
      ]),
    );
    stats[at + "claims"] = Object.fromEntries(r.claims.map((c) => [c.claim, c.holds]));
    stats[at + "organisation_split"] = r.organisationSplit;
  }
  return stats;
}
