// The drift numbers keyed by the oracle's own key paths (data/reference/README.md §5 `numerical_drifts.*`, §6
// `orderings.{final,v1}.*`), so a notebook writes them to its stats and any oracle file compares mechanically:
//
//   orderingRunStats("final", driftRun(models, full, "final"))["orderings.final.traits.licenses.total_weight"] → 724
//
// The paper's two runs are one parameter apart (ORDERING_RUNS): v1 on the full graph with n = 20 for every trait,
// the final code on the fine-tune graph with n = 10 for libraries and tasks. The print styles follow each notebook.
import type pl from "nodejs-polars";
import { type LineageGraph, type GraphVariant, lineageVariant } from "../lineage/graph";
import { type CardDrift, cardDrift } from "./cardDrift";
import { type MutationRate, RATE_NAMES, mutationRates } from "./mutation";
import { mutationsPrinted, printedCardDrift, printedRates, removedLine } from "./printed";
import { type Trait, type TraitColumn, TRAITS, traitColumn, traitCounter } from "./traitCodes";
import { type TraitOrdering, traitOrdering } from "./traitOrdering";
import { transitionRows } from "./transitions";

/** One of the paper's ordering runs: its graph, its n per trait, and how its notebook prints the two metrics. */
export interface OrderingRun {
  variant: GraphVariant;
  n: Record<Trait, number>;
  /** Traits whose "drift directions" print uses the weighted ordering's count (else the unweighted optimum). */
  printsWeightedCount: readonly Trait[];
  /** Traits whose "mutations accounted for" print is "a / b (fraction)" (else the fraction alone). */
  printsCounts: readonly Trait[];
}

/** The paper's runs (docs/methods.md §6): `ORDERING_RUNS.final.n.pipeline_tag === 10`. */
export const ORDERING_RUNS: Readonly<Record<"final" | "v1", OrderingRun>> = {
  final: {
    variant: "finetune",
    n: { licenses: 20, languages: 20, library_name: 10, pipeline_tag: 10 },
    printsWeightedCount: ["licenses", "languages"],
    printsCounts: ["licenses", "languages"],
  },
  v1: {
    variant: "full",
    n: { licenses: 20, languages: 20, library_name: 20, pipeline_tag: 20 },
    printsWeightedCount: [],
    printsCounts: [],
  },
};

/** The four trait columns of a snapshot table: `traitColumns(models).licenses.values`. */
export function traitColumns(table: pl.DataFrame): Record<Trait, TraitColumn> {
  const out = {} as Record<Trait, TraitColumn>;
  for (const t of TRAITS) out[t] = traitColumn(table, t);
  return out;
}

/** Everything one run computes: mutation rates and each trait's ordering analysis. */
export interface DriftRun {
  run: OrderingRun;
  graph: LineageGraph;
  rates: Record<Trait, MutationRate>;
  traits: Record<Trait, TraitOrdering>;
  columns: Record<Trait, TraitColumn>;
}

/** Runs one of the paper's ordering runs: `const final = driftRun(full, traitColumns(models), ORDERING_RUNS.final)`. */
export function driftRun(full: LineageGraph, columns: Record<Trait, TraitColumn>, run: OrderingRun): DriftRun {
  const graph = lineageVariant(full, run.variant);
  const traits = {} as Record<Trait, TraitOrdering>;
  for (const t of TRAITS) traits[t] = traitOrdering(graph, columns[t], run.n[t]);
  return { run, graph, rates: mutationRates(graph, columns), traits, columns };
}

/** Stats of one run keyed `orderings.<name>.…`: `orderingRunStats("v1", driftRun(full, columns, ORDERING_RUNS.v1))`. */
export function orderingRunStats(name: string, r: DriftRun): Record<string, unknown> {
  const at = `orderings.${name}.`;
  const stats: Record<string, unknown> = {};
  for (const t of TRAITS) stats[`${at}mutation_rates.${RATE_NAMES[t]}`] = r.rates[t];
  stats[at + "printed_rates"] = printedRates(r.rates);
  for (const t of TRAITS) Object.assign(stats, traitStats(`${at}traits.${t}.`, r.traits[t], r.columns[t], r.run, t));
  return stats;
}

function traitStats(
  at: string,
  a: TraitOrdering,
  column: TraitColumn,
  run: OrderingRun,
  trait: Trait,
): Record<string, unknown> {
  const values = column.values;
  const o = a.oriented;
  const [compatible, total] = a.mutations;
  const printedCount = run.printsWeightedCount.includes(trait) ? a.driftDirections.weighted[0] : a.unweighted.optimum;
  const neff = a.topValues.length;
  return {
    [at + "n"]: a.n,
    [at + "n_effective"]: neff,
    [at + "removed_from_top"]: removedLine(a.top.removed),
    [at + "trait_counter"]: traitCounter(column),
    [at + "trait_graph_transitions"]: transitionRows(a.transitions),
    [at + "oriented_graph"]: {
      nodes: o.nodes.length,
      edges: o.from.length,
      total_traffic: o.traffic.reduce((s, x) => s + x, 0),
      total_n: o.totalN.reduce((s, x) => s + x, 0),
    },
    [at + "top_graph_nodes"]: a.top.top.map((c) => [values[c], a.top.appearances[c]]),
    [at + "top_n_boundary_tie"]: a.top.boundaryTie,
    [at + "top_graph_oriented_edges"]: a.rows.oriented,
    [at + "top_graph_raw_transitions"]: a.rows.raw,
    [at + "ordering_weighted"]: a.orderingWeighted,
    [at + "ordering_unweighted"]: a.orderingUnweighted,
    [at + "total_weight"]: a.weighted.optimum,
    [at + "compatible_count_unweighted_optimum"]: a.unweighted.optimum,
    [at + "total_oriented_edges"]: a.orientedEdges,
    [at + "total_traffic"]: a.totalTraffic,
    [at + "total_n"]: a.totalN,
    [at + "drift_directions_accounted_for"]: {
      weighted_ordering: a.driftDirections.weighted,
      unweighted_ordering: a.driftDirections.unweighted,
      as_printed_by_notebook: a.orientedEdges ? [printedCount, a.orientedEdges] : null,
    },
    [at + "mutations_accounted_for"]: {
      compatible,
      total,
      fraction: total ? compatible / total : null,
      as_printed_by_notebook: mutationsPrinted(compatible, total, run.printsCounts.includes(trait)),
    },
    [at + "ilp_ties"]:
      neff < 2
        ? { note: "fewer than 2 traits" }
        : {
            weighted_optimum: a.weighted.optimum,
            unweighted_optimum: a.unweighted.optimum,
            weighted_optimal_ordering_unique: a.weighted.optimalCount === 1,
            unweighted_optimal_ordering_unique: a.unweighted.optimalCount === 1,
            compatible_oriented_edges_range_over_weighted_optimal_orderings: a.ranges.orientedEdges,
            compatible_raw_transitions_range_over_weighted_optimal_orderings: a.ranges.rawTransitions,
            traits_without_oriented_edges: a.isolated,
            forced_precedences: a.forcedPrecedences,
            forced_precedences_transitive_reduction: a.forcedPrecedencesReduced,
            weighted_optimal_orderings: a.weighted.optimalCount,
            unweighted_optimal_orderings: a.unweighted.optimalCount,
          },
  };
}

/** Stats keyed `numerical_drifts.…` (the paper uses the full graph): `numericalDriftStats(cardDrift(full, models))`. */
export function numericalDriftStats(d: CardDrift): Record<string, unknown> {
  const at = "numerical_drifts.";
  const l = d.languages;
  return {
    [at + "share_of_nodes_with_card"]: d.shareOfNodesWithCard,
    [at + "edges"]: d.edges,
    [at + "child_has_model_card_counts"]: d.childHasCardCounts,
    [at + "card_length_chars.by_edge_type"]: d.cardLength.byEdgeType,
    [at + "card_length_chars.overall"]: d.cardLength.overall,
    [at + "card_length_chars.printed_len_filtered_df"]: d.cardLength.typedEdgesBothWithCard,
    [at + "card_length_chars.mean_change"]: d.cardLength.meanChange,
    [at + "p_auto_generated.by_edge_type"]: d.autoGenerated.byEdgeType,
    [at + "p_auto_generated.overall_all_edges"]: d.autoGenerated.overallAllEdges,
    [at + "p_auto_generated.printed_len_both_cards"]: d.autoGenerated.edgesBothWithCard,
    [at + "p_auto_generated.delta_all_edges"]: d.autoGenerated.deltaAllEdges,
    [at + "p_auto_generated.delta_both_have_card"]: d.autoGenerated.deltaBothHaveCard,
    [at + "number_of_languages.by_edge_type_conditional"]: l.byEdgeTypeConditional,
    [at + "number_of_languages.overall_conditional"]: l.overallConditional,
    [at + "number_of_languages.printed_conditional"]: {
      parent: l.overallConditional.parent_mean,
      child: l.overallConditional.child_mean,
    },
    [at + "number_of_languages.by_edge_type_unconditional"]: l.byEdgeTypeUnconditional,
    [at + "number_of_languages.unconditional_all_edges"]: {
      n: l.unconditionalAllEdges.n,
      parent: l.unconditionalAllEdges.parent_mean,
      child: l.unconditionalAllEdges.child_mean,
    },
    [at + "p_has_card.by_edge_type"]: d.hasCard.byEdgeType,
    [at + "p_has_card.delta_all_edges"]: d.hasCard.deltaAllEdges,
    [at + "p_has_card.parent_mean_all_edges"]: d.hasCard.allEdges.parent_mean,
    [at + "p_has_card.child_mean_all_edges"]: d.hasCard.allEdges.child_mean,
    [at + "printed"]: printedCardDrift(d),
  };
}

/**
 * Every drift number of the oracle for a snapshot table (both runs and the numerical drifts): `driftStats(models,
 * full)`.
 */
export function driftStats(table: pl.DataFrame, full: LineageGraph): Record<string, unknown> {
  const columns = traitColumns(table);
  return {
    ...orderingRunStats("final", driftRun(full, columns, ORDERING_RUNS.final)),
    ...orderingRunStats("v1", driftRun(full, columns, ORDERING_RUNS.v1)),
    ...numericalDriftStats(cardDrift(full, table)),
  };
}
