// The trait transition graph (docs/methods.md §4.3 "Transition (trait) graph"; data/reference/README.md §6.2), the
// authors' get_trait_graph. For every lineage edge in edge order, with P the parent's list and C the child's:
//
//   each added trait a ∈ set(C) − set(P) is counted from every parent trait p ∈ P:   p → a   ("added")
//   each removed trait r ∈ set(P) − set(C) is counted toward every child trait c ∈ C: r → c  ("removed")
//   nothing is logged when either side is empty.
//
// So a single-valued change logs the same transition twice, once as added and once as removed:
//
//   license mit → apache-2.0   ⇥ mit → apache-2.0 with transitions 2 (added 1, removed 1)
//   languages [French, English] → [English]   ⇥ French → English (removed 1)
//
// Node order is networkx insertion order (first endpoint, then second, as transitions are first logged); it decides
// the oriented graph's node order and so the top-n tie-break. Sets are walked in first-occurrence order, which is the
// authors' order for single-valued traits (licenses, tasks, libraries) and one valid set order for languages.
import type { LineageGraph } from "../lineage/graph";
import { type TraitColumn, pythonStrCompare } from "./traitCodes";

/** A trait transition graph over codes of a TraitColumn: edge k runs from[k] → to[k], in first-logged order. */
export interface TraitGraph {
  column: TraitColumn;
  /** Codes of the nodes in insertion order. */
  nodes: Int32Array;
  from: Int32Array;
  to: Int32Array;
  transitions: Float64Array;
  added: Float64Array;
  removed: Float64Array;
}

/** get_trait_graph over the edges of a graph: `const g = traitTransitions(finetune, licenses)`. */
export function traitTransitions(graph: LineageGraph, column: TraitColumn): TraitGraph {
  const { start, codes } = column;
  const k = column.values.length;
  if (start.length !== graph.nodeCount + 1) {
    throw new Error(
      `drift/transitions: the trait column has ${start.length - 1} nodes but the graph ${graph.nodeCount}`,
    );
  }
  const edgeIndex = new Map<number, number>();
  const from: number[] = [],
    to: number[] = [],
    added: number[] = [],
    removed: number[] = [];
  const nodes: number[] = [];
  const isNode = new Uint8Array(k);
  const log = (a: number, b: number, kind: "added" | "removed") => {
    const key = a * k + b;
    let i = edgeIndex.get(key);
    if (i === undefined) {
      i = from.length;
      edgeIndex.set(key, i);
      from.push(a);
      to.push(b);
      added.push(0);
      removed.push(0);
      if (!isNode[a]) {
        isNode[a] = 1;
        nodes.push(a);
      }
      if (!isNode[b]) {
        isNode[b] = 1;
        nodes.push(b);
      }
    }
    if (kind === "added") added[i]++;
    else removed[i]++;
  };
  const inParent = new Int32Array(k).fill(-1),
    inChild = new Int32Array(k).fill(-1),
    done = new Int32Array(k).fill(-1);
  for (let e = 0; e < graph.edgeCount; e++) {
    const p = graph.edgeParent[e],
      c = graph.edgeChild[e];
    const p0 = start[p],
      p1 = start[p + 1],
      c0 = start[c],
      c1 = start[c + 1];
    if (p0 === p1 || c0 === c1) continue;
    for (let i = p0; i < p1; i++) inParent[codes[i]] = e;
    for (let i = c0; i < c1; i++) inChild[codes[i]] = e;
    for (let i = c0; i < c1; i++) {
      const a = codes[i];
      if (inParent[a] === e || done[a] === e) continue;
      done[a] = e;
      for (let j = p0; j < p1; j++) log(codes[j], a, "added");
    }
    for (let i = p0; i < p1; i++) {
      const r = codes[i];
      if (inChild[r] === e || done[r] === e) continue;
      done[r] = e;
      for (let j = c0; j < c1; j++) log(r, codes[j], "removed");
    }
  }
  const transitions = Float64Array.from(added, (a, i) => a + removed[i]);
  return {
    column,
    nodes: Int32Array.from(nodes),
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    transitions,
    added: Float64Array.from(added),
    removed: Float64Array.from(removed),
  };
}

/**
 * Transitions a → b (0 when never logged), as a lookup: `const n = transitionLookup(g); n(code("mit"),
 * code("apache-2.0"))`.
 */
export function transitionLookup(g: TraitGraph): (a: number, b: number) => number {
  const k = g.column.values.length;
  const byKey = new Map<number, number>();
  for (let i = 0; i < g.from.length; i++) byKey.set(g.from[i] * k + g.to[i], g.transitions[i]);
  return (a, b) => byKey.get(a * k + b) ?? 0;
}

/** One row of `transitionRows`: [from, to, transitions, added, removed]. */
export type TransitionRow = [string, string, number, number, number];

/**
 * Every transition as [from, to, transitions, added, removed], most transitions first, ties by from then to:
 * `transitionRows(g)[0]` → ["openrail++", "creativeml-openrail-m", 292, 146, 146].
 */
export function transitionRows(g: TraitGraph): TransitionRow[] {
  const v = g.column.values;
  const rows: TransitionRow[] = [];
  for (let i = 0; i < g.from.length; i++)
    rows.push([v[g.from[i]], v[g.to[i]], g.transitions[i], g.added[i], g.removed[i]]);
  return rows.sort((a, b) => b[2] - a[2] || pythonStrCompare(a[0], b[0]) || pythonStrCompare(a[1], b[1]));
}
