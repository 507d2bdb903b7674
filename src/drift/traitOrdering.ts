// One trait's drift analysis end to end (docs/methods.md §4.3; data/reference/README.md §6.2–6.5): transitions →
// oriented graph → top-n subgraph → exact weighted and unweighted orderings → the two reported metrics.
//
//   drift directions accounted for = oriented top-n edges u → v with u before v / all oriented top-n edges
//   mutations accounted for        = raw transitions i → j with i before j / all raw transitions among the top-n
//
// Both are read from the weighted ordering, as the authors do. Because optimal orderings are not unique, the exact
// min and max of both counts over ALL weighted-optimal orderings are reported too, with the precedences every
// optimal ordering shares.
import type { LineageGraph } from "../lineage/graph";
import {
  type OrderingProblem,
  type OrderingSolution,
  optimalOrderings,
  orderingValue,
  solveOrdering,
  transitiveReduction,
} from "./ordering";
import {
  type OrientedGraph,
  type TopGraphRows,
  type TopTraits,
  orientedTraitGraph,
  topGraphRows,
  topTraits,
} from "./oriented";
import { type TraitGraph, traitTransitions, transitionLookup } from "./transitions";
import type { TraitColumn } from "./traitCodes";

/** A count out of a total: [accounted, total]. */
export type Fraction = [number, number];

/** Everything one trait's ordering analysis produces: `traitOrdering(finetune, licenses, 20).orderingWeighted`. */
export interface TraitOrdering {
  trait: string;
  n: number;
  transitions: TraitGraph;
  oriented: OrientedGraph;
  top: TopTraits;
  /** Top-n trait values in candidate order (appearances descending); node i of the ordering problems. */
  topValues: string[];
  rows: TopGraphRows;
  weighted: OrderingSolution;
  unweighted: OrderingSolution;
  orderingWeighted: string[];
  orderingUnweighted: string[];
  totalTraffic: number;
  totalN: number;
  orientedEdges: number;
  /** Oriented top-n edges accounted for by the weighted and by the unweighted ordering. */
  driftDirections: { weighted: Fraction; unweighted: Fraction };
  /** Raw transitions accounted for by the weighted ordering. */
  mutations: Fraction;
  /** [min, max] over all weighted-optimal orderings of the two accounted-for counts. */
  ranges: { orientedEdges: [number, number]; rawTransitions: [number, number] };
  /** [a, b] pairs (trait values): a precedes b in every weighted-optimal ordering, and their transitive reduction. */
  forcedPrecedences: [string, string][];
  forcedPrecedencesReduced: [string, string][];
  /** Top-n traits without an oriented edge inside the top-n subgraph (free to go anywhere). */
  isolated: string[];
  /** The ordering problems over topValues: net traffic (weighted), 0/1 oriented edges, raw transitions. */
  problems: { weighted: OrderingProblem; edges: OrderingProblem; raw: OrderingProblem };
}

/** The three matrices over the top-n traits: traffic (weighted), 0/1 oriented edges, raw transitions. */
function topMatrices(oriented: OrientedGraph, top: readonly number[]) {
  const n = top.length;
  const index = new Map(top.map((code, i) => [code, i]));
  const traffic = new Float64Array(n * n),
    edges = new Float64Array(n * n),
    raw = new Float64Array(n * n);
  for (let k = 0; k < oriented.from.length; k++) {
    const i = index.get(oriented.from[k]),
      j = index.get(oriented.to[k]);
    if (i === undefined || j === undefined) continue;
    traffic[i * n + j] = oriented.traffic[k];
    edges[i * n + j] = 1;
  }
  const count = transitionLookup(oriented.transitions);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) raw[i * n + j] = count(top[i], top[j]);
  return { n, traffic, edges, raw };
}

/** Runs the analysis of one trait on a graph with the top-n cut at n: `traitOrdering(full, languages, 20)`. */
export function traitOrdering(graph: LineageGraph, column: TraitColumn, n: number): TraitOrdering {
  const transitions = traitTransitions(graph, column);
  const oriented = orientedTraitGraph(transitions);
  const top = topTraits(oriented, n);
  const values = column.values;
  const m = topMatrices(oriented, top.top);
  const weightedProblem: OrderingProblem = { n: m.n, weights: m.traffic };
  const weighted = solveOrdering(weightedProblem, { secondary: { orientedEdges: m.edges, rawTransitions: m.raw } });
  const unweighted = solveOrdering({ n: m.n, weights: m.edges });
  const name = (i: number) => values[top.top[i]];
  const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
  const rows = topGraphRows(oriented, top.top);
  const orientedEdges = sum(m.edges);
  const edgesProblem = { n: m.n, weights: m.edges };
  const degree = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++)
    for (let j = 0; j < m.n; j++)
      if (m.edges[i * m.n + j]) {
        degree[i]++;
        degree[j]++;
      }
  return {
    trait: column.trait,
    n,
    transitions,
    oriented,
    top,
    rows,
    weighted,
    unweighted,
    topValues: top.top.map((c) => values[c]),
    orderingWeighted: weighted.ordering.map(name),
    orderingUnweighted: unweighted.ordering.map(name),
    totalTraffic: sum(m.traffic),
    totalN: rows.oriented.reduce((s, r) => s + r[3], 0),
    orientedEdges,
    driftDirections: {
      weighted: [orderingValue(edgesProblem, weighted.ordering), orientedEdges],
      unweighted: [orderingValue(edgesProblem, unweighted.ordering), orientedEdges],
    },
    mutations: [orderingValue({ n: m.n, weights: m.raw }, weighted.ordering), sum(m.raw)],
    ranges: { orientedEdges: weighted.ranges.orientedEdges, rawTransitions: weighted.ranges.rawTransitions },
    forcedPrecedences: weighted.forcedPrecedences.map(([a, b]) => [name(a), name(b)]),
    forcedPrecedencesReduced: transitiveReduction(weighted.forcedPrecedences).map(([a, b]) => [name(a), name(b)]),
    isolated: top.top.filter((_, i) => degree[i] === 0).map((c) => values[c]),
    problems: { weighted: weightedProblem, edges: edgesProblem, raw: { n: m.n, weights: m.raw } },
  };
}

/**
 * Up to `limit` weighted-optimal orderings of a trait, as trait values, when several tie.
 * Example: `weightedOptimalOrderings(run.traits.licenses, 3)[0].join(" > ")`.
 */
export function weightedOptimalOrderings(a: TraitOrdering, limit: number): string[][] {
  return optimalOrderings(a.problems.weighted, limit).map((o) => o.map((i) => a.topValues[i]));
}
