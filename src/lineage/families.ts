// Families = weakly connected components of a lineage graph (docs/methods.md §3.4; §5 "Size of Largest Families").
//
// Families are numbered in order of their first node (row order), which is the order networkx's
// weakly_connected_components yields them; the largest-families table sorts by size, ties in that order.
//
// Family name, the authors' rule (get_component_name): start at a node of the family and follow the first parent
// upward, at most 20 steps, until a node has no parent. The authors start at "the first node of the component set"
// (Python set order, not reproducible); the kit starts at the family's first node in row order, and follows the
// parent with the smallest row (networkx insertion order whenever a node has one parent). Beside the name, every
// family reports its true roots: all its nodes without a parent.
import { type LineageGraph, nodeId, parentCount } from "./graph";

/**
 * Steps the authors' get_component_name follows upward before giving up: `familyNameNode(g, v, FAMILY_NAME_MAX_STEPS)`.
 */
export const FAMILY_NAME_MAX_STEPS = 20;

/** Weakly connected components of a graph: `lineageFamilies(g).size[lineageFamilies(g).familyOf[v]]`. */
export interface Families {
  count: number;
  /** Family index of every node. */
  familyOf: Int32Array;
  /** Number of models per family. */
  size: Int32Array;
  /** Smallest node (row) of every family. */
  firstNode: Int32Array;
}

/** One row of the largest-families table (oracle `families.largest_10`): `largestFamilies(nomerges)[0].roots`. */
export interface FamilySummary {
  name: string;
  size: number;
  roots: string[];
}

/** Weakly connected components by union-find over the edge arrays: `const fams = lineageFamilies(nomerges)`. */
export function lineageFamilies(graph: LineageGraph): Families {
  const n = graph.nodeCount;
  const link = new Int32Array(n);
  for (let v = 0; v < n; v++) link[v] = v;
  const find = (v: number): number => {
    while (link[v] !== v) {
      link[v] = link[link[v]];
      v = link[v];
    }
    return v;
  };
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = find(graph.edgeParent[e]),
      b = find(graph.edgeChild[e]);
    if (a < b) link[b] = a;
    else if (b < a) link[a] = b;
  }
  const familyOf = new Int32Array(n),
    label = new Int32Array(n).fill(-1);
  const firstNodes: number[] = [];
  for (let v = 0; v < n; v++) {
    const r = find(v);
    if (label[r] < 0) {
      label[r] = firstNodes.length;
      firstNodes.push(v);
    }
    familyOf[v] = label[r];
  }
  const size = new Int32Array(firstNodes.length);
  for (let v = 0; v < n; v++) size[familyOf[v]]++;
  return { count: firstNodes.length, familyOf, size, firstNode: Int32Array.from(firstNodes) };
}

/** The authors' name node of a family: `nodeId(g, familyNameNode(g, fams.firstNode[f]).node)`. */
export function familyNameNode(
  graph: LineageGraph,
  start: number,
  maxSteps = FAMILY_NAME_MAX_STEPS,
): { node: number; reachedRoot: boolean } {
  let v = start;
  for (let step = 0; step < maxSteps && parentCount(graph, v) > 0; step++)
    v = graph.edgeParent[graph.parentEdge[graph.parentStart[v]]];
  return { node: v, reachedRoot: parentCount(graph, v) === 0 };
}

/** Family indices sorted by size (largest first, ties by first node): `largestFamilyIndices(fams, 10)`. */
export function largestFamilyIndices(families: Families, k = families.count): number[] {
  const size = families.size;
  if (k * 8 >= families.count) {
    const order = Array.from({ length: families.count }, (_, f) => f);
    order.sort((a, b) => size[b] - size[a] || a - b);
    return order.slice(0, k);
  }
  // NOTE: for a short top list one pass with insertion beats sorting a million families; scanning f upward keeps
  // ties in first-node order.
  const top: number[] = [];
  for (let f = 0; f < families.count; f++) {
    if (top.length === k && size[f] <= size[top[k - 1]]) continue;
    if (top.length < k) top.push(f);
    else top[k - 1] = f;
    for (let i = top.length - 1; i > 0 && size[top[i]] > size[top[i - 1]]; i--)
      [top[i], top[i - 1]] = [top[i - 1], top[i]];
  }
  return top;
}

/** Roots (nodes without a parent) of the given families, in row order: `familyRoots(g, fams, [0, 3]).get(0)`. */
export function familyRoots(graph: LineageGraph, families: Families, wanted: number[]): Map<number, number[]> {
  const roots = new Map<number, number[]>(wanted.map((f) => [f, []]));
  for (let v = 0; v < graph.nodeCount; v++) {
    if (parentCount(graph, v) > 0) continue;
    const list = roots.get(families.familyOf[v]);
    if (list) list.push(v);
  }
  return roots;
}

/** The k largest families with the authors' name and their true roots: `largestFamilies(nomerges, 10)`. */
export function largestFamilies(graph: LineageGraph, k = 10, families = lineageFamilies(graph)): FamilySummary[] {
  const top = largestFamilyIndices(families, k);
  const roots = familyRoots(graph, families, top);
  return top.map((f) => ({
    name: nodeId(graph, familyNameNode(graph, families.firstNode[f]).node),
    size: families.size[f],
    roots: roots.get(f)!.map((v) => nodeId(graph, v)),
  }));
}

/** Family size → number of families, as the oracle's `wcc_size_histogram`: `familySizeHistogram(fams)["1"]`. */
export function familySizeHistogram(families: Families): Record<string, number> {
  return countValues(families.size);
}

/** Value → number of occurrences, keys as strings in ascending numeric order: `countValues(Int32Array.of(1, 1, 3))`. */
export function countValues(values: ArrayLike<number>, skip?: (value: number) => boolean): Record<string, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    if (skip?.(values[i])) continue;
    counts.set(values[i], (counts.get(values[i]) ?? 0) + 1);
  }
  const out: Record<string, number> = {};
  for (const key of Array.from(counts.keys()).sort((a, b) => a - b)) out[String(key)] = counts.get(key)!;
  return out;
}
