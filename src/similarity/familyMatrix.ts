// Similarity inside one family (docs/methods.md §4.1 measures applied to every pair of a family rather than to sampled
// pairs): the members in tree order (depth first from the root, children in row order), the pairwise similarity
// matrix under any measure, and the mean similarity per class of pairs: by default the kinship of the two members
// in the tree (parent–child, siblings, grandparent–grandchild, uncle–nephew, cousins, …). Swap the measure or the
// grouping to test another hypothesis: `familySimilarity(tree, corpus, measures.levenshtein, { group: generationsApartOf })`.
import { Matrix } from "ml-matrix";
import { nodeId, nodeOf, parentsOf, type LineageGraph } from "../lineage/graph";
import type { DnaCorpus } from "./dna";
import type { SimilarityMeasure } from "./measures";

/** A family laid out as a tree: `nodes[i]` is the i-th member in tree order; parent and depth are per position. */
export interface FamilyTree {
  root: number;
  nodes: Int32Array;
  /** Position of each member's tree parent (-1 for the root). */
  parent: Int32Array;
  /** Generations below the root. */
  depth: Int32Array;
  ids: string[];
  /** True when the family was cut to maxMembers (breadth first from the root). */
  truncated: boolean;
}

/** Options of `familyTree`. */
export interface FamilyMembersOptions {
  /** Most members kept, breadth first from the root [60]. */
  maxMembers?: number;
}

/** The node of a model id or index: `resolveNode(graph, "org/x")`. */
function resolveNode(graph: LineageGraph, model: string | number): number {
  if (typeof model === "number") return model;
  return nodeOf(graph, model);
}

/**
 * The family of a model as a tree: climbs first parents to a root, keeps members breadth first, orders them depth
 * first. Example: `familyTree(finetune, "Qwen/Qwen1.5-72B", { maxMembers: 40 })`.
 */
export function familyTree(graph: LineageGraph, model: string | number, options: FamilyMembersOptions = {}): FamilyTree {
  const max = options.maxMembers ?? 60;
  let root = resolveNode(graph, model);
  const climbed = new Set([root]);
  for (let p = parentsOf(graph, root); p.length > 0 && !climbed.has(p[0]); p = parentsOf(graph, root)) climbed.add((root = p[0]));
  const treeParent = new Map<number, number>([[root, -1]]);
  const queue = [root];
  let total = 1;
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (let e = graph.childStart[v]; e < graph.childStart[v + 1]; e++) {
      const c = graph.edgeChild[e];
      if (treeParent.has(c)) continue;
      total++;
      if (treeParent.size >= max) continue;
      treeParent.set(c, v);
      queue.push(c);
    }
  }
  // Depth-first preorder over the kept members (explicit stack; children pushed in reverse to pop in row order).
  const order: number[] = [];
  const pos = new Map<number, number>();
  const parent: number[] = [];
  const depth: number[] = [];
  const stack: [number, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    pos.set(v, order.length);
    order.push(v);
    parent.push(treeParent.get(v)! < 0 ? -1 : pos.get(treeParent.get(v)!)!);
    depth.push(d);
    const kids: number[] = [];
    for (let e = graph.childStart[v]; e < graph.childStart[v + 1]; e++) if (treeParent.get(graph.edgeChild[e]) === v) kids.push(graph.edgeChild[e]);
    for (let k = kids.length - 1; k >= 0; k--) stack.push([kids[k], d + 1]);
  }
  return { root, nodes: Int32Array.from(order), parent: Int32Array.from(parent), depth: Int32Array.from(depth),
    ids: order.map((v) => nodeId(graph, v)), truncated: total > order.length };
}

/** Assigns a pair of tree positions to a class; null leaves the pair out. */
export type PairGrouping = (tree: FamilyTree, i: number, j: number) => string | null;

/** Steps from i and from j up to their lowest common ancestor: `ancestorSteps(tree, i, j)` is [1, 1] for siblings. */
export function ancestorSteps(tree: FamilyTree, i: number, j: number): [number, number] {
  let a = i, b = j, up = 0, down = 0;
  while (tree.depth[a] > tree.depth[b]) { a = tree.parent[a]; up++; }
  while (tree.depth[b] > tree.depth[a]) { b = tree.parent[b]; down++; }
  while (a !== b) { a = tree.parent[a]; b = tree.parent[b]; up++; down++; }
  return [up, down];
}

const KINSHIP_BY_STEPS: Record<string, string> = {
  "0,1": "parent–child", "1,1": "siblings", "0,2": "grandparent–grandchild", "1,2": "uncle–nephew",
  "2,2": "cousins", "0,3": "great-grandparent–great-grandchild",
};

/** The default grouping: kinship in the tree ("parent–child", "siblings", …, else "other"): `kinshipClassOf(tree, 0, 1)`. */
export const kinshipClassOf: PairGrouping = (tree, i, j) => {
  if (i === j) return null;
  const [x, y] = ancestorSteps(tree, i, j);
  return KINSHIP_BY_STEPS[`${Math.min(x, y)},${Math.max(x, y)}`] ?? "other";
};

/** Grouping by generations apart ("0 generations apart", …): `familySimilarity(tree, corpus, m, { group: generationsApartOf })`. */
export const generationsApartOf: PairGrouping = (tree, i, j) => {
  if (i === j) return null;
  const gap = Math.abs(tree.depth[i] - tree.depth[j]);
  return `${gap} generation${gap === 1 ? "" : "s"} apart`;
};

/** One class of pairs: its mean similarity and how many pairs it holds. */
export interface ClassMean {
  group: string;
  mean: number;
  pairs: number;
}

/** What `familySimilarity` returns. */
export interface FamilySimilarity {
  tree: FamilyTree;
  measure: string;
  /** Tree positions of the members with a document, i.e. the matrix's rows in order. */
  members: number[];
  ids: string[];
  /** members × members similarities (ml-matrix). */
  matrix: Matrix;
  byClass: ClassMean[];
}

/**
 * Pairwise similarities of a family's members that have a document, and the mean per class of pairs.
 * Example: `familySimilarity(familyTree(finetune, root), corpus, measures.tfidf)`.
 */
export function familySimilarity(tree: FamilyTree, corpus: DnaCorpus, measure: SimilarityMeasure, options: { group?: PairGrouping } = {}): FamilySimilarity {
  const group = options.group ?? kinshipClassOf;
  const members: number[] = [];
  tree.nodes.forEach((v, i) => corpus.has(v) && members.push(i));
  const m = members.length;
  const values = new Float64Array(m * m);
  const sums = new Map<string, { sum: number; pairs: number }>();
  for (let r = 0; r < m; r++) {
    values[r * m + r] = measure.similarity(tree.nodes[members[r]], tree.nodes[members[r]]);
    for (let c = r + 1; c < m; c++) {
      const s = measure.similarity(tree.nodes[members[r]], tree.nodes[members[c]]);
      values[r * m + c] = values[c * m + r] = s;
      const g = group(tree, members[r], members[c]);
      if (g === null) continue;
      const acc = sums.get(g) ?? { sum: 0, pairs: 0 };
      acc.sum += s;
      acc.pairs++;
      sums.set(g, acc);
    }
  }
  const byClass = [...sums.entries()].map(([g, a]) => ({ group: g, mean: a.sum / a.pairs, pairs: a.pairs })).sort((a, b) => b.pairs - a.pairs);
  return { tree, measure: measure.name, members, ids: members.map((i) => tree.ids[i]), matrix: Matrix.from1DArray(m, m, values), byClass };
}

/**
 * A family for the matrix when none is named: among families of at most maxMembers, the deepest (up to 3
 * generations, so that most kinds of kin occur), then the one with the most members with a document, lowest row on
 * ties. Example: `pickFamilyRoot(finetune, corpus, { maxMembers: 40 })`.
 */
export function pickFamilyRoot(graph: LineageGraph, corpus: DnaCorpus, options: FamilyMembersOptions = {}): number {
  const max = options.maxMembers ?? 60;
  let best = -1, bestScore = 0;
  for (let v = 0; v < graph.nodeCount; v++) {
    if (graph.parentStart[v + 1] > graph.parentStart[v] || graph.childStart[v + 1] === graph.childStart[v]) continue;
    const tree = familyTree(graph, v, { maxMembers: max + 1 });
    if (tree.truncated || tree.nodes.length > max) continue;
    let count = 0;
    for (const u of tree.nodes) if (corpus.has(u)) count++;
    const score = count < 2 ? 0 : Math.min(3, Math.max(...tree.depth)) * (max + 1) + count;
    if (score > bestScore) [best, bestScore] = [v, score];
  }
  if (best < 0) throw new Error("similarity/familyMatrix: no family with documents fits maxMembers");
  return best;
}
