// The drift simulator's parameters (docs/methods.md §4.3, §6): what a grown ecosystem looks like before any trait is
// compared, and how traits pass from parent to child. One plain object, so a notebook can print it, change one field
// and grow again:
//
//   size and shape   n models; rootShare of them have no parent; a child's relation is drawn from relationMix; its
//                    parent is picked by preferential attachment (uniformly with probability `attachment`, else in
//                    proportion to the children a model already has), a candidate kept with its relation's fertility
//   names            a child keeps its parent's organisation with probability sameOrganisation; there are about
//                    organisationShare · n organisations
//   traits           per trait: its values and their marginal weights, the share of roots listing it, how often a
//                    child keeps or gains the trait, and the observed mutation rate per relation; a child listing
//                    it copies its parent's value with an inheritance
//                    probability set to meet that rate (or given directly), otherwise it mutates along a hidden
//                    ordering with bias q (q = 1/2: no direction)
//
// This file owns the types, their checks and the hidden orderings; paperParams.ts calibrates them to the paper's
// population numbers, and a higher layer (nulls/) calibrates them to an observed snapshot.
import { RELATIONS, type Relation } from "../data/tags";
import type { Rng } from "../random";

/** The four traits the simulator grows, named by their snapshot column: `SIM_TRAITS[0] === "licenses"`. */
export type SimTrait = "licenses" | "languages" | "library_name" | "pipeline_tag";

/** Every simulated trait, in the paper's notebook order: `for (const t of SIM_TRAITS) ...`. */
export const SIM_TRAITS: readonly SimTrait[] = ["licenses", "languages", "library_name", "pipeline_tag"];

/** One trait of the simulator: `params.traits.licenses.values[0]`. */
export interface SimTraitParams {
  /** The trait's values (licenses, language names, libraries, tasks). */
  values: string[];
  /** Marginal weight of each value among models that list the trait (need not sum to 1). */
  weights: number[];
  /** Share of roots that list the trait. */
  presence: number;
  /** Probability that a child of a parent listing the trait lists it too [1]. */
  kept?: number;
  /** Probability that a child of a parent without the trait lists one, drawn from the marginal [presence]. */
  gained?: number;
  /** Observed mutation rate per relation (mean 1 − Jaccard over edges where both ends list the trait). */
  rates: Record<Relation, number>;
  /** Inheritance probability per relation, given directly; overrides `rates` when set. */
  inherit?: Partial<Record<Relation, number>>;
  /** The hidden ordering, upstream first, as indices of `values`; a seeded random permutation when absent. */
  ordering?: number[];
}

/** Everything the simulator needs: `growEcosystem(params, seed)`. */
export interface SimulatorParams {
  /** Number of models. */
  n: number;
  /** Share of models without a parent. */
  rootShare: number;
  /** Weight of each relation among children (a merge child has two parents). */
  relationMix: Record<Relation, number>;
  /** Share of parent picks made uniformly among earlier models; the rest go in proportion to children already had. */
  attachment: number;
  /** Relative chance that a uniformly picked candidate is kept as a parent, by its own relation ("root" for roots). */
  fertility: Record<Relation | "root", number>;
  /** Probability that a child keeps its parent's organisation. */
  sameOrganisation: number;
  /** Organisations per model (a new name is drawn uniformly among round(organisationShare · n) organisations). */
  organisationShare: number;
  /** Bias of a mutation downstream along the hidden ordering: per pair of values, odds q / (1 − q). */
  q: number;
  traits: Partial<Record<SimTrait, SimTraitParams>>;
  /** Where the numbers come from, for printing: "paper population", "sample", ... */
  source: string;
}

const inUnit = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;

/** Checks a parameter object and throws one short line naming the first bad field: `checkSimulatorParams(params)`. */
export function checkSimulatorParams(p: SimulatorParams): void {
  const bad = (what: string) => {
    throw new Error(`simulate/params: ${what}`);
  };
  if (!Number.isSafeInteger(p.n) || p.n < 1) bad(`n must be a positive integer, got ${p.n}`);
  for (const key of ["rootShare", "attachment", "sameOrganisation", "q"] as const)
    if (!inUnit(p[key])) bad(`${key} must lie in [0, 1], got ${p[key]}`);
  if (!(p.organisationShare > 0 && p.organisationShare <= 1))
    bad(`organisationShare must lie in (0, 1], got ${p.organisationShare}`);
  const mix = RELATIONS.map((r) => p.relationMix[r]);
  if (mix.some((w) => !(w >= 0)) || mix.every((w) => w === 0)) bad("relationMix needs non-negative weights, one > 0");
  for (const [name, w] of Object.entries(p.fertility)) if (!(w >= 0)) bad(`fertility.${name} must be >= 0`);
  for (const [trait, t] of Object.entries(p.traits)) {
    if (!t) continue;
    if (t.values.length === 0 || t.values.length !== t.weights.length)
      bad(`traits.${trait}: values and weights must be non-empty and of equal length`);
    if (new Set(t.values).size !== t.values.length) bad(`traits.${trait}: values must be distinct`);
    if (t.weights.some((w) => !(w >= 0)) || t.weights.every((w) => w === 0))
      bad(`traits.${trait}: weights must be non-negative, one > 0`);
    for (const key of ["presence", "kept", "gained"] as const)
      if (t[key] !== undefined && !inUnit(t[key] as number)) bad(`traits.${trait}.${key} must lie in [0, 1]`);
    for (const r of RELATIONS) if (!inUnit(t.rates[r])) bad(`traits.${trait}.rates.${r} must lie in [0, 1]`);
    for (const [r, h] of Object.entries(t.inherit ?? {}))
      if (!inUnit(h as number)) bad(`traits.${trait}.inherit.${r} must lie in [0, 1]`);
    if (t.ordering) {
      const seen = new Set(t.ordering);
      if (
        t.ordering.length !== t.values.length ||
        seen.size !== t.values.length ||
        t.ordering.some((i) => !(i >= 0 && i < t.values.length))
      )
        bad(`traits.${trait}.ordering must be a permutation of the value indices`);
    }
  }
}

/**
 * The hidden ordering of a trait (value indices, upstream first): its own when given, else a permutation drawn from
 * `rng`. Example: `hiddenOrdering(params.traits.licenses!, createRng(1).fork("ordering/licenses"))`.
 */
export function hiddenOrdering(t: SimTraitParams, rng: Rng): number[] {
  if (t.ordering) return t.ordering.slice();
  const order = t.values.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * Probability that one mutation attempt changes the value, for a parent drawn from the marginal: Σ_u f(u) Σ_{w≠u}
 * f(w)·σ(u, w), with σ = 1 in the favoured direction and the odds (1 − q)/q against it. Example:
 * `moveProbability([0.5, 0.5], [0, 1], 0.5)` is 0.5.
 */
export function moveProbability(weights: readonly number[], ordering: readonly number[], q: number): number {
  const total = weights.reduce((s, w) => s + w, 0);
  const f = weights.map((w) => w / total);
  const rank = new Array<number>(weights.length);
  ordering.forEach((v, i) => {
    rank[v] = i;
  });
  const [down, up] = directionFactors(q);
  let m = 0;
  for (let u = 0; u < f.length; u++)
    for (let w = 0; w < f.length; w++) if (w !== u) m += f[u] * f[w] * (rank[w] > rank[u] ? down : up);
  return m;
}

/** Acceptance of a move downstream and upstream, [1, (1−q)/q] for q ≥ 1/2: `directionFactors(0.8)` → [1, 0.25]. */
export function directionFactors(q: number): [number, number] {
  if (q >= 0.5) return [1, q === 1 ? 0 : (1 - q) / q];
  return [q === 0 ? 0 : q / (1 - q), 1];
}
