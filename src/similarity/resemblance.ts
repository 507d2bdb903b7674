// Family resemblance (docs/methods.md §4.1, §5 F-sim-meta-tfidf and companions): the similarity of the sampled pairs of
// every kinship configuration under a measure, pairs with a side that has no document skipped and counted, and the
// mean with its bootstrap interval, keyed as the reference (`similarity.<corpus>.<measure>.<config>`).
//
// As in the authors' notebook (reseeded before each run), the three measures see the same sampled pairs; here the
// pairs come from `rng.fork("pairs")` whatever the corpus, so the metadata and card runs share them too.
import type { LineageGraph } from "../lineage/graph";
import type { Rng } from "../random";
import { bootstrapMean, type MeanInterval } from "./bootstrap";
import type { CorpusKind, DnaCorpus } from "./dna";
import type { KinshipConfig, PatternName } from "./kinship";
import {
  MEASURE_NAMES,
  similarityMeasures,
  type CorpusMeasures,
  type MeasureName,
  type SimilarityMeasure,
} from "./measures";
import { authorsNTotals } from "./fixedPairs";
import { sampleKinship, type KinshipSample } from "./sample";
import type { TieBreak } from "./vocabulary";

/** One configuration's result: the reference's {mean, ci95, valid_pairs} plus what was drawn and the values. */
export interface ConfigSimilarities extends MeanInterval {
  config: KinshipConfig;
  /** Pairs drawn. */
  drawn: number;
  /** Drawn pairs skipped because a side has no document (cards that do not qualify). */
  skipped: number;
  /** Similarity of each valid pair, in draw order. */
  values: Float64Array;
}

/** Options of `kinshipSimilarities`. */
export interface KinshipSimilarityOptions {
  /** Bootstrap resamples B [1000; the paper used 10,000 for cards]. */
  bootstrap?: number;
  /** Seeded generator; configuration c resamples with `rng.fork(c.key)`. */
  rng: Rng;
}

/**
 * Scores the sampled pairs of every configuration and bootstraps their means.
 * Example: `kinshipSimilarities(samples, corpus, measures.tfidf, { bootstrap: 1000, rng: rng.fork("bootstrap/tfidf")
 * })`.
 */
export function kinshipSimilarities(
  samples: readonly KinshipSample[],
  corpus: DnaCorpus,
  measure: SimilarityMeasure,
  options: KinshipSimilarityOptions,
): ConfigSimilarities[] {
  const n = corpus.size;
  const needed: number[] = [];
  for (const s of samples)
    for (let i = 0; i < s.a.length; i++) if (corpus.has(s.a[i]) && corpus.has(s.b[i])) needed.push(s.a[i], s.b[i]);
  corpus.prefetch(needed);
  const memo = new Map<number, number>(); // NOTE: small families repeat pairs; each distinct pair is scored once
  return samples.map((sample) => {
    const values = new Float64Array(sample.a.length);
    let valid = 0;
    for (let i = 0; i < sample.a.length; i++) {
      const a = Math.min(sample.a[i], sample.b[i]);
      const b = Math.max(sample.a[i], sample.b[i]);
      if (!corpus.has(a) || !corpus.has(b)) continue;
      const key = a * n + b;
      let s = memo.get(key);
      if (s === undefined) memo.set(key, (s = measure.similarity(a, b)));
      values[valid++] = s;
    }
    const kept = values.slice(0, valid);
    const interval = bootstrapMean(kept, { resamples: options.bootstrap, rng: options.rng.fork(sample.config.key) });
    return {
      ...interval,
      config: sample.config,
      drawn: sample.a.length,
      skipped: sample.a.length - valid,
      values: kept,
    };
  });
}

/** The reference's layout of one run: `{ "rando_1": { mean, ci95, valid_pairs }, … }`: `resemblanceStats(results)`. */
export function resemblanceStats(results: readonly ConfigSimilarities[]): Record<string, MeanInterval> {
  const out: Record<string, MeanInterval> = {};
  for (const r of results) out[r.config.key] = { mean: r.mean, ci95: r.ci95, valid_pairs: r.valid_pairs };
  return out;
}

/** Patterns with no instance in the graph (their configurations have no mean): `samplersWithoutInstances(samples)`. */
export function samplersWithoutInstances(samples: readonly KinshipSample[]): PatternName[] {
  return [...new Set(samples.filter((s) => s.instances === 0).map((s) => s.config.pattern))];
}

/** Options of `runResemblance`. */
export interface ResemblanceOptions {
  /** Pairs per configuration [5000]. */
  n?: number;
  /** Bootstrap resamples [1000]. */
  bootstrap?: number;
  rng: Rng;
  /** Measures to run [all three]. */
  measures?: readonly MeasureName[];
  /** Pairs already drawn on this graph (to share them between corpora) [drawn from rng.fork("pairs")]. */
  samples?: readonly KinshipSample[];
  /** Measures already fitted on this corpus (`similarityMeasures(corpus, ...)`), to share a fit [fitted here]. */
  fitted?: CorpusMeasures;
  /** How the vocabulary breaks a tie at its last place when fitted here ["numpy", scikit-learn's pick]. */
  tieBreak?: TieBreak;
}

/** Everything one corpus's run produced. */
export interface ResemblanceRun {
  corpus: CorpusKind;
  fitted: CorpusMeasures;
  samples: readonly KinshipSample[];
  results: Partial<Record<MeasureName, ConfigSimilarities[]>>;
}

/**
 * Stats of a run keyed as the reference results key them (data/reference/README.md §11):
 * `similarity.<prefix>.<measure>`
 * (mean and 95% interval per configuration), its samplers' n_totals with the authors' quirks, the graph's size and the
 * duo panel's plotted interval (the authors draw the random pair's). `means` holds the same means by measure.
 * Example: `resemblanceRunStats("metadata", run, finetune, 5000).stats["similarity.metadata.tfidf"]`.
 */
export function resemblanceRunStats(
  prefix: string,
  run: ResemblanceRun,
  graph: LineageGraph,
  n: number,
): { stats: Record<string, unknown>; means: Partial<Record<MeasureName, Record<string, MeanInterval>>> } {
  const stats: Record<string, unknown> = {};
  const means: Partial<Record<MeasureName, Record<string, MeanInterval>>> = {};
  for (const measure of MEASURE_NAMES) {
    const results = run.results[measure];
    if (!results) continue;
    means[measure] = resemblanceStats(results);
    stats[`similarity.${prefix}.${measure}`] = means[measure];
    stats[`similarity.${prefix}.${measure}_n_totals`] = authorsNTotals(run.samples, n);
  }
  stats[`similarity.${prefix}.graph_nodes_edges`] = [graph.nodeCount, graph.edgeCount];
  stats[`similarity.${prefix}.plot_quirk_duo_panel_errorbar_ci`] = Object.fromEntries(
    (Object.keys(means) as MeasureName[]).map((m) => [m, means[m]!.rando_1.ci95]),
  );
  return { stats, means };
}

/**
 * Samples the 24 configurations (or reuses `samples`), fits the measures on the corpus and scores every pair.
 * Example: `runResemblance(finetune, metadataCorpus(models), { n: 5000, bootstrap: 1000, rng: createRng(1) })`.
 */
export function runResemblance(graph: LineageGraph, corpus: DnaCorpus, options: ResemblanceOptions): ResemblanceRun {
  if (corpus.size !== graph.nodeCount)
    throw new Error(`similarity/resemblance: corpus has ${corpus.size} nodes, graph ${graph.nodeCount}`);
  const samples = options.samples ?? sampleKinship(graph, { n: options.n, rng: options.rng.fork("pairs") });
  const fitted = options.fitted ?? similarityMeasures(corpus, { tieBreak: options.tieBreak });
  const results: ResemblanceRun["results"] = {};
  for (const name of options.measures ?? MEASURE_NAMES) {
    results[name] = kinshipSimilarities(samples, corpus, fitted.measures[name], {
      bootstrap: options.bootstrap,
      rng: options.rng.fork(`bootstrap/${corpus.kind}/${name}`),
    });
  }
  return { corpus: corpus.kind, fitted, samples, results };
}
