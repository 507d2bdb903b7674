// The deterministic similarity numbers, in the layout of the reference results (data/reference/README.md §9.3–9.4, §11
// `similarity.*`), so a notebook records them under the same key paths: the deterministic fixed pairs (the first 25
// edges by (parent, child) id and 10 pairs of consecutive ids, only models with a document), the vocabulary cut, the
// samplers' n_totals with the authors' quirks, and the patterns without instances.
import { nodeId, type LineageGraph } from "../lineage/graph";
import type { DnaCorpus } from "./dna";
import type { CorpusMeasures, MeasureName, SimilarityMeasure } from "./measures";
import type { KinshipSample } from "./sample";
import type { VocabularyFit } from "./vocabulary";

/** One fixed pair of the reference with its three similarities. */
export interface FixedPair {
  a: string;
  b: string;
  is_edge?: boolean;
  tfidf: number;
  bow: number;
  levenshtein: number;
}

/** Options of `fixedPairSelection`. */
export interface FixedPairOptions {
  /** First edges by (parent, child) id whose two ends have a document [25]. */
  edges?: number;
  /** Pairs of consecutive documented models, (1st, 2nd), (3rd, 4th), … in id order [10]. */
  consecutive?: number;
}

/**
 * The reference's deterministic pairs as node pairs: `fixedPairSelection(finetune, cardCorpus(models))`.
 * Node order is id order (the table is sorted by id), and edges are sorted by (parent, child) node.
 */
export function fixedPairSelection(
  graph: LineageGraph,
  corpus: DnaCorpus,
  options: FixedPairOptions = {},
): [number, number][] {
  const has = (v: number) => corpus.has(v);
  const pairs: [number, number][] = [];
  for (let e = 0; e < graph.edgeCount && pairs.length < (options.edges ?? 25); e++) {
    if (has(graph.edgeParent[e]) && has(graph.edgeChild[e])) pairs.push([graph.edgeParent[e], graph.edgeChild[e]]);
  }
  const documented: number[] = [];
  for (let v = 0; v < graph.nodeCount && documented.length < 2 * (options.consecutive ?? 10); v++)
    if (has(v)) documented.push(v);
  for (let k = 0; k + 1 < documented.length; k += 2) pairs.push([documented[k], documented[k + 1]]);
  corpus.prefetch(pairs.flat()); // NOTE: builds the pairs' documents in one batch, ahead of scoring
  return pairs;
}

/** True when a → b or b → a is an edge: `isEdge(graph, a, b)`. */
export function isEdge(graph: LineageGraph, a: number, b: number): boolean {
  const has = (u: number, v: number) => {
    for (let e = graph.childStart[u]; e < graph.childStart[u + 1]; e++) if (graph.edgeChild[e] === v) return true;
    return false;
  };
  return has(a, b) || has(b, a);
}

/**
 * The three similarities of each pair, in the reference's layout.
 * Example: `scoreFixedPairs(finetune, fixedPairSelection(finetune, corpus), fitted.measures)`.
 */
export function scoreFixedPairs(
  graph: LineageGraph,
  pairs: readonly [number, number][],
  measures: Record<MeasureName, SimilarityMeasure>,
): FixedPair[] {
  return pairs.map(([a, b]) => ({
    a: nodeId(graph, a),
    b: nodeId(graph, b),
    is_edge: isEdge(graph, a, b),
    tfidf: measures.tfidf.similarity(a, b),
    bow: measures.bow.similarity(a, b),
    levenshtein: measures.levenshtein.similarity(a, b),
  }));
}

/** The reference's `*_fixed_pairs_and_vocabulary` value: the scored pairs plus the vocabulary cut. */
export type FixedPairsAndVocabulary = VocabularyFit & { pairs: FixedPair[] };

/**
 * The fixed pairs of a corpus scored by its fitted measures, with how the vocabulary was cut, in the reference's
 * layout.
 * Example: `fixedPairsAndVocabulary(finetune, corpus, similarityMeasures(corpus)).pairs[0].tfidf`.
 */
export function fixedPairsAndVocabulary(
  graph: LineageGraph,
  corpus: DnaCorpus,
  fitted: CorpusMeasures,
): FixedPairsAndVocabulary {
  return {
    ...fitted.vectorizer.fit,
    pairs: scoreFixedPairs(graph, fixedPairSelection(graph, corpus), fitted.measures),
  };
}

/**
 * The samplers' returned totals as the authors' code reports them (`similarity.<corpus>.<measure>_n_totals`): the
 * instance totals, except `rando`, which returns 2, and `duo`, which returns n (quirks kept for the comparison).
 * Example: `authorsNTotals(samples, 5000).trio_1` is the sum of C(k, 2).
 */
export function authorsNTotals(samples: readonly KinshipSample[], n: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples)
    out[s.config.pattern] = s.config.pattern === "rando" ? 2 : s.config.pattern === "duo" ? n : s.instances;
  return out;
}

/**
 * Patterns with no instance in the layout of `similarity.samplers_without_instances` (calls = configurations ×
 * measures).
 * Example: `samplersWithoutInstancesStat(finetune, samples, 3)` is {} on the sample and has quad_3 on SmolLM2.
 */
export function samplersWithoutInstancesStat(
  graph: LineageGraph,
  samples: readonly KinshipSample[],
  measures = 3,
): Record<string, { graph_edges: number; configs: number[]; calls: number }> {
  const out: Record<string, { graph_edges: number; configs: number[]; calls: number }> = {};
  for (const s of samples) {
    if (s.instances > 0) continue;
    const row = (out[s.config.pattern] ??= { graph_edges: graph.edgeCount, configs: [], calls: 0 });
    row.configs.push(s.config.config);
    row.calls += measures;
  }
  return out;
}
