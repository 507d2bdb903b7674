// Local structure counts of a lineage graph: the totals of the subgraph-pattern table (docs/methods.md §4.1, oracle
// `subgraph_pattern_totals`), children that have children of their own per relation (docs/methods.md §3.2, oracle
// `families.edges_and_further_children`), and the children-per-parent distribution.
//
// With k(x) = number of children of x, the total of a pattern is the sum of its sampler's multiplicity weights:
//   trio_1  Σ_u C(k(u), 2)                     cherry u→{v,w}
//   trio_2  Σ_(u→v) k(v)                       chain u→v→w
//   quad_0  Σ_u C(k(u), 3)                     star u→{v,w,x}
//   quad_1  Σ_(u→v) C(k(v), 2)                 u→v→{w,x}
//   quad_2  Σ_(u→v, k(u)≥2) k(v)·(k(u) − 1)    u→{v,x}, v→w
//   quad_3  Σ_(u→v, u has a parent) k(v)       chain t→u→v→w (weight ignores how many parents u has, as the sampler)
//   duo_edges = edges; rando_nodes = N; rando_unordered_pairs = C(N, 2).
// NOTE: float64 sums are exact here: C(k, 3) for the paper's largest parent (33,042 children) is about 6e12 < 2^53.
import { countValues } from "./families";
import type { LineageGraph } from "./graph";
import { EDGE_TYPE_BY_CODE, type EdgeType } from "./relations";

/** Totals of the subgraph-pattern table, keyed as in the oracle: `subgraphPatternTotals(finetune).quad_3`. */
export interface SubgraphPatternTotals {
  trio_1: number;
  trio_2: number;
  quad_0: number;
  quad_1: number;
  quad_2: number;
  quad_3: number;
  duo_edges: number;
  rando_nodes: number;
  rando_unordered_pairs: number;
}

/** Sums of the samplers' multiplicity weights: `subgraphPatternTotals(finetune).trio_1`. */
export function subgraphPatternTotals(graph: LineageGraph): SubgraphPatternTotals {
  const n = graph.nodeCount;
  const k = (v: number) => graph.childStart[v + 1] - graph.childStart[v];
  const pairs = (m: number) => (m * (m - 1)) / 2;
  const triples = (m: number) => (m * (m - 1) * (m - 2)) / 6;
  const totals: SubgraphPatternTotals = {
    trio_1: 0,
    trio_2: 0,
    quad_0: 0,
    quad_1: 0,
    quad_2: 0,
    quad_3: 0,
    duo_edges: graph.edgeCount,
    rando_nodes: n,
    rando_unordered_pairs: pairs(n),
  };
  for (let u = 0; u < n; u++) {
    const ku = k(u);
    if (ku < 2) continue;
    totals.trio_1 += pairs(ku);
    totals.quad_0 += triples(ku);
  }
  for (let e = 0; e < graph.edgeCount; e++) {
    const u = graph.edgeParent[e],
      kv = k(graph.edgeChild[e]),
      ku = k(u);
    totals.trio_2 += kv;
    totals.quad_1 += pairs(kv);
    if (ku >= 2) totals.quad_2 += kv * (ku - 1);
    if (graph.parentStart[u + 1] > graph.parentStart[u]) totals.quad_3 += kv;
  }
  return totals;
}

/**
 * Edges of one effective type, and how many lead to a child with children of its own:
 * `furtherChildren(g).adapter.edges`.
 */
export interface FurtherChildren {
  edges: number;
  edgesToParents: number;
}

/**
 * Per effective type, edges and edges whose child has ≥ 1 child: `furtherChildren(nomerges).finetune.edgesToParents`.
 */
export function furtherChildren(graph: LineageGraph): Record<EdgeType, FurtherChildren> {
  const out = {} as Record<EdgeType, FurtherChildren>;
  for (const t of EDGE_TYPE_BY_CODE) out[t] = { edges: 0, edgesToParents: 0 };
  for (let e = 0; e < graph.edgeCount; e++) {
    const row = out[EDGE_TYPE_BY_CODE[graph.edgeType[e]]],
      c = graph.edgeChild[e];
    row.edges++;
    if (graph.childStart[c + 1] > graph.childStart[c]) row.edgesToParents++;
  }
  return out;
}

/**
 * Number of children → number of models with that many (models with ≥ 1 child): `childrenPerParentHistogram(g)["1"]`.
 */
export function childrenPerParentHistogram(graph: LineageGraph): Record<string, number> {
  const counts = new Int32Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v++) counts[v] = graph.childStart[v + 1] - graph.childStart[v];
  return countValues(counts, (k) => k === 0);
}

/** Counts of models with at least one parent and with at least one child: `nodesWithEdges(g).withParent`. */
export function nodesWithEdges(graph: LineageGraph): { withParent: number; withChild: number } {
  let withParent = 0,
    withChild = 0;
  for (let v = 0; v < graph.nodeCount; v++) {
    if (graph.parentStart[v + 1] > graph.parentStart[v]) withParent++;
    if (graph.childStart[v + 1] > graph.childStart[v]) withChild++;
  }
  return { withParent, withChild };
}
