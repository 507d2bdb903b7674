// The oriented trait graph and the top-n subgraph (docs/methods.md §4.3 "Oriented graph", "Top-n subgraph"; oracle
// README §6.3), the authors' get_oriented_trait_graph and get_top_trait_graph.
//
// Oriented graph: for each unordered pair {i, j} of traits, one edge in the majority direction with
// traffic = |n_ij − n_ji| and total_n = n_ij + n_ji; pairs with equal counts both ways get no edge:
//
//   mit → apache-2.0 204 times, apache-2.0 → mit 12 times   ⇥ mit → apache-2.0, traffic 192, total_n 216
//
// Pairs are visited as itertools.combinations over the transition graph's node order, and an edge inserts its
// source before its target, which fixes the oriented graph's node order.
// Top-n: only traits with an oriented edge are candidates; sort them by appearances (nodes listing the trait),
// descending and stable; keep the first n + 5; drop "other", "unknown", "None", "" and "[]"; keep the first n.
import { type TraitGraph, transitionLookup } from "./transitions";
import { pythonStrCompare, countsByCode } from "./traitCodes";

/**
 * Trait values never kept in a top-n subgraph (get_top_trait_graph's remove_other): `topTraits(o, 20, TOP_N_EXCLUDED)`.
 */
export const TOP_N_EXCLUDED: readonly string[] = ["other", "unknown", "None", "", "[]"];

/** The oriented graph over codes: edge k runs from[k] → to[k]; `nodes` in insertion order. */
export interface OrientedGraph {
  transitions: TraitGraph;
  nodes: Int32Array;
  from: Int32Array;
  to: Int32Array;
  traffic: Float64Array;
  totalN: Float64Array;
}

/** get_oriented_trait_graph: `const oriented = orientedTraitGraph(traitTransitions(finetune, licenses))`. */
export function orientedTraitGraph(g: TraitGraph): OrientedGraph {
  const position = new Int32Array(g.column.values.length).fill(-1);
  g.nodes.forEach((code, i) => {
    position[code] = i;
  });
  const count = transitionLookup(g);
  // NOTE: only pairs with a transition can get an edge; visiting them in combinations order avoids the N² loop.
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  const m = g.nodes.length;
  for (let k = 0; k < g.from.length; k++) {
    const a = position[g.from[k]],
      b = position[g.to[k]];
    const [i, j] = a < b ? [a, b] : [b, a];
    if (!seen.has(i * m + j)) {
      seen.add(i * m + j);
      pairs.push([i, j]);
    }
  }
  pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const nodes: number[] = [],
    from: number[] = [],
    to: number[] = [],
    traffic: number[] = [],
    totalN: number[] = [];
  const isNode = new Uint8Array(g.column.values.length);
  const add = (u: number) => {
    if (!isNode[u]) {
      isNode[u] = 1;
      nodes.push(u);
    }
  };
  for (const [i, j] of pairs) {
    const u = g.nodes[i],
      v = g.nodes[j];
    const forward = count(u, v),
      backward = count(v, u);
    if (forward === backward) continue;
    const [s, t] = forward > backward ? [u, v] : [v, u];
    add(s);
    add(t);
    from.push(s);
    to.push(t);
    traffic.push(Math.abs(forward - backward));
    totalN.push(forward + backward);
  }
  return {
    transitions: g,
    nodes: Int32Array.from(nodes),
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    traffic: Float64Array.from(traffic),
    totalN: Float64Array.from(totalN),
  };
}

/** A tie at the top-n cut: every candidate with the n-th count, and the ones the cut kept. */
export interface BoundaryTie {
  count: number;
  tied_traits: string[];
  selected: string[];
}

/** The top-n selection: codes of the kept traits in candidate order, with what was dropped and any tie at the cut. */
export interface TopTraits {
  n: number;
  /** Candidate codes sorted by appearances (stable over the oriented node order). */
  candidates: number[];
  /** Kept codes, at most n, in candidate order. */
  top: number[];
  /** Excluded values found among the first n + 5 candidates. */
  removed: string[];
  boundaryTie: BoundaryTie | null;
  /** Appearances per code (nodes listing the trait). */
  appearances: Float64Array;
}

/** get_top_trait_graph's selection: `topTraits(oriented, 20).top.map((c) => licenses.values[c])`. */
export function topTraits(oriented: OrientedGraph, n: number, excluded: readonly string[] = TOP_N_EXCLUDED): TopTraits {
  if (!Number.isInteger(n) || n < 0) throw new Error(`drift/oriented: n must be a non-negative integer, got ${n}`);
  const values = oriented.transitions.column.values;
  const appearances = countsByCode(oriented.transitions.column);
  const candidates = Array.from(oriented.nodes).sort((a, b) => appearances[b] - appearances[a]);
  const isExcluded = (code: number) => excluded.includes(values[code]);
  const head = candidates.slice(0, n + 5);
  const removed = head.filter(isExcluded).map((c) => values[c]);
  const kept = candidates.filter((c) => !isExcluded(c));
  const top = head.filter((c) => !isExcluded(c)).slice(0, n);
  let boundaryTie: BoundaryTie | null = null;
  if (n > 0 && kept.length > n && appearances[kept[n - 1]] === appearances[kept[n]]) {
    const count = appearances[kept[n - 1]];
    boundaryTie = {
      count,
      tied_traits: kept.filter((c) => appearances[c] === count).map((c) => values[c]),
      selected: top.filter((c) => appearances[c] === count).map((c) => values[c]),
    };
  }
  return { n, candidates, top, removed, boundaryTie, appearances };
}

/** The oriented and raw transitions among a set of traits, as rows for tables and the oracle. */
export interface TopGraphRows {
  /** [from, to, traffic, total_n], most traffic first, ties by from then to. */
  oriented: [string, string, number, number][];
  /** [from, to, transitions] of the raw transition graph, most first, ties by from then to. */
  raw: [string, string, number][];
}

/**
 * Rows of the top-n subgraph: `topGraphRows(oriented, top.top).oriented[0]` → ["openrail++", "creativeml-openrail-m",
 * 292, 292].
 */
export function topGraphRows(oriented: OrientedGraph, codes: readonly number[]): TopGraphRows {
  const g = oriented.transitions;
  const values = g.column.values;
  const inTop = new Uint8Array(values.length);
  for (const c of codes) inTop[c] = 1;
  const rows: TopGraphRows = { oriented: [], raw: [] };
  for (let k = 0; k < oriented.from.length; k++) {
    if (inTop[oriented.from[k]] && inTop[oriented.to[k]]) {
      rows.oriented.push([values[oriented.from[k]], values[oriented.to[k]], oriented.traffic[k], oriented.totalN[k]]);
    }
  }
  for (let k = 0; k < g.from.length; k++) {
    if (inTop[g.from[k]] && inTop[g.to[k]]) rows.raw.push([values[g.from[k]], values[g.to[k]], g.transitions[k]]);
  }
  const byCount = (a: (string | number)[], b: (string | number)[]) =>
    (b[2] as number) - (a[2] as number) ||
    pythonStrCompare(a[0] as string, b[0] as string) ||
    pythonStrCompare(a[1] as string, b[1] as string);
  rows.oriented.sort(byCount);
  rows.raw.sort(byCount);
  return rows;
}
