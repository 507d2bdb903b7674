// Similarity inside one family (docs/methods.md §4.1 measures applied to every pair of a family rather than to sampled
// pairs): the members in tree order (depth first from the root, children in row order), the pairwise similarity
// matrix under any measure, and the mean similarity per class of pairs: by default the kinship of the two members
// in the tree (parent–child, siblings, grandparent–grandchild, uncle–nephew, cousins, …). Swap the measure or the
// grouping to test another hypothesis: `familySimilarity(tree, corpus, measures.levenshtein, { group:
// generationsApartOf })`.
import { Matrix } from "ml-matrix";
import { eachDescendant, type Family } from "../lineage/family";
import type { LineageGraph } from "../lineage/graph";
import type { DnaCorpus } from "./dna";
import type { SimilarityMeasure } from "./measures";

/** Assigns a pair of tree positions to a class; null leaves the pair out. */
export type PairGrouping = (tree: Family, i: number, j: number) => string | null;

/** Steps from i and from j up to their lowest common ancestor: `ancestorSteps(tree, i, j)` is [1, 1] for siblings. */
export function ancestorSteps(tree: Family, i: number, j: number): [number, number] {
  let a = i,
    b = j,
    up = 0,
    down = 0;
  while (tree.depth[a] > tree.depth[b]) {
    a = tree.parent[a];
    up++;
  }
  while (tree.depth[b] > tree.depth[a]) {
    b = tree.parent[b];
    down++;
  }
  while (a !== b) {
    a = tree.parent[a];
    b = tree.parent[b];
    up++;
    down++;
  }
  return [up, down];
}

const KINSHIP_BY_STEPS: Record<string, string> = {
  "0,1": "parent–child",
  "1,1": "siblings",
  "0,2": "grandparent–grandchild",
  "1,2": "uncle–nephew",
  "2,2": "cousins",
  "0,3": "great-grandparent–great-grandchild",
};

/**
 * The default grouping: kinship in the tree ("parent–child", "siblings", …, else "other"): `kinshipClassOf(tree, 0,
 * 1)`.
 */
export const kinshipClassOf: PairGrouping = (tree, i, j) => {
  if (i === j) return null;
  const [x, y] = ancestorSteps(tree, i, j);
  return KINSHIP_BY_STEPS[`${Math.min(x, y)},${Math.max(x, y)}`] ?? "other";
};

/**
 * Grouping by generations apart ("0 generations apart", …): `familySimilarity(tree, corpus, m, { group:
 * generationsApartOf })`.
 */
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
  tree: Family;
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
 * Example: `familySimilarity(familyOf(finetune, root, { max: 60 }), corpus, measures.tfidf)`.
 */
export function familySimilarity(
  tree: Family,
  corpus: DnaCorpus,
  measure: SimilarityMeasure,
  options: { group?: PairGrouping } = {},
): FamilySimilarity {
  const group = options.group ?? kinshipClassOf;
  const members: number[] = [];
  tree.nodes.forEach((v, i) => corpus.has(v) && members.push(i));
  corpus.prefetch(members.map((i) => tree.nodes[i])); // NOTE: one batch instead of a lookup per member
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
  const byClass = [...sums.entries()]
    .map(([g, a]) => ({ group: g, mean: a.sum / a.pairs, pairs: a.pairs }))
    .sort((a, b) => b.pairs - a.pairs);
  return {
    tree,
    measure: measure.name,
    members,
    ids: members.map((i) => tree.ids[i]),
    matrix: Matrix.from1DArray(m, m, values),
    byClass,
  };
}

/** The family `pickFamilyRoot` chose, and why. */
export interface FamilyChoice {
  root: number;
  /** True when no family with documents fits `max`, so the one with the most documents is cut to it. */
  cut: boolean;
}

/**
 * A family for the matrix when none is named: among families of at most `max` members, the deepest (up to 3
 * generations, so that most kinds of kin occur), then the one with the most members with a document, lowest row on
 * ties. When every family is larger, the family with the most members with a document, to be cut breadth first to
 * `max`. Null when no family has two members with a document. Example: `pickFamilyRoot(finetune, corpus, { max: 40 })`.
 */
export function pickFamilyRoot(
  graph: LineageGraph,
  corpus: DnaCorpus,
  options: { max?: number } = {},
): FamilyChoice | null {
  const max = options.max ?? 60;
  let best = -1,
    bestScore = 0,
    largest = -1,
    largestCount = 1;
  for (let v = 0; v < graph.nodeCount; v++) {
    if (graph.parentStart[v + 1] > graph.parentStart[v] || graph.childStart[v + 1] === graph.childStart[v]) continue;
    let count = 0,
      deepest = 0;
    const size = eachDescendant(graph, v, (u, depth) => {
      if (corpus.has(u)) count++;
      if (depth > deepest) deepest = depth;
    });
    if (count > largestCount) [largest, largestCount] = [v, count];
    if (size > max) continue;
    const score = count < 2 ? 0 : Math.min(3, deepest) * (max + 1) + count;
    if (score > bestScore) [best, bestScore] = [v, score];
  }
  if (best >= 0) return { root: best, cut: false };
  return largest >= 0 ? { root: largest, cut: true } : null;
}
