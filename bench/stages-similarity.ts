// Benchmark stage of family resemblance (docs/methods.md §4.1, §5 F-sim-meta-tfidf): the paper's full protocol on
// synthetic-full (1,860,411 models, 189,391 fine-tune edges): n = 5000 pairs for each of the 24 configurations, both
// corpora (metadata strings of every model; the 512-character heads of the qualifying cards), all three measures, and
// the paper's bootstrap (B = 1000 for metadata, 10,000 for cards). Budget: 120 s and 4 GB peak RSS for the whole stage.
// The stage holds only what it needs: the graph (its parent lists dropped once built), the card columns, and a lazy
// scan that the metadata corpus reads a chunk at a time, counting its terms with `countTermsAsync` so that each chunk's
// memory is let go. A second stage, similarity-repo-graph, repeats the metadata run on the graph without merges and
// quantizations with the vocabulary already fitted, as notebook 30 does (budget 60 s, 4 GB). Registered in
// bench/stages.ts.
import type pl from "nodejs-polars";
import { readSnapshotParquet, scanSnapshotParquet } from "../src/data/parquet";
import type { SnapshotColumn } from "../src/data/schema";
import { buildLineageGraph, LINEAGE_COLUMNS, lineageVariant, type LineageGraph } from "../src/lineage/graph";
import { createRng } from "../src/random";
import { cardCorpus, type DnaCorpus, METADATA_CORPUS_COLUMNS, metadataCorpus } from "../src/similarity/dna";
import { fixedPairSelection, scoreFixedPairs } from "../src/similarity/fixedPairs";
import { runResemblance } from "../src/similarity/resemblance";
import { type CorpusMeasures, similarityMeasures } from "../src/similarity/measures";
import { sampleKinship } from "../src/similarity/sample";
import { countTermsAsync } from "../src/similarity/termTable";
import type { BenchStage, StageOutput } from "./stages";

/** The paper's protocol (docs/methods.md §4.1 "Samples"): `PAPER_SIMILARITY.bootstrapCards` is 10,000. */
export const PAPER_SIMILARITY = { n: 5000, bootstrapMetadata: 1000, bootstrapCards: 10_000 } as const;

/** Columns of the card corpus, held (the heads stay in polars). */
const CARD_COLUMNS: SnapshotColumn[] = ["card_head", "card_length_chars", "card_auto_generated"];

/** Untimed input: the fine-tune graph the samplers use, the card columns and the metadata scan. */
interface SimilarityInput {
  graph: LineageGraph;
  cards: pl.DataFrame;
  metadata: pl.LazyDataFrame;
}

/** Runs the protocol and reports the time of each step in the note. */
async function runSimilarity(seed: number, input: SimilarityInput): Promise<StageOutput> {
  const steps: string[] = [];
  let t = performance.now();
  const lap = (label: string) => {
    const now = performance.now();
    steps.push(`${label} ${((now - t) / 1000).toFixed(1)} s`);
    t = now;
  };
  const rng = createRng(seed);
  const samples = sampleKinship(input.graph, { n: PAPER_SIMILARITY.n, rng: rng.fork("pairs") });
  lap("sample");
  const metadataDocs = metadataCorpus(input.metadata);
  const counted = await countTermsAsync(metadataDocs);
  lap(`metadata count (${counted.size.toLocaleString("en-US")} terms)`);
  const metadata = runResemblance(input.graph, metadataDocs, {
    samples,
    bootstrap: PAPER_SIMILARITY.bootstrapMetadata,
    rng,
    fitted: similarityMeasures(metadataDocs, { counted }),
  });
  lap("metadata cut and pairs");
  const cards = runResemblance(input.graph, cardCorpus(input.cards), {
    samples,
    bootstrap: PAPER_SIMILARITY.bootstrapCards,
    rng,
  });
  lap(`cards (${cards.fitted.corpus.documentCount.toLocaleString("en-US")} documents)`);
  // Every configuration whose pattern has instances must have a mean under every measure.
  let configurations = 0;
  let missing = 0;
  for (const run of [metadata, cards]) {
    for (const results of Object.values(run.results)) {
      for (const r of results!) {
        configurations++;
        const drawn = samples.find((s) => s.config.key === r.config.key)!;
        if (drawn.instances > 0 && r.mean === null) missing++;
      }
    }
  }
  return {
    rows: input.graph.nodeCount,
    ok: configurations === 2 * 3 * 24 && missing === 0,
    note: steps.join("; ") + (missing ? `; ${missing} configurations without a mean` : ""),
  };
}

/** The stage, in bench/stages.ts format: `STAGES.push(...SIMILARITY_STAGES)`. */
export const SIMILARITY_STAGES: BenchStage[] = [
  {
    name: "similarity",
    description:
      "family resemblance at the paper's n = 5000, B = 1000 (metadata) / 10,000 (cards): 2 corpora × 3 measures × 24 configurations (§4.1)",
    budget: { seconds: 120, rssGb: 4 },
    tenX: { budget: { seconds: 360 } },
    needsDataset: true,
    load: (ctx) => {
      const graph = lineageVariant(buildLineageGraph(readSnapshotParquet(ctx.dataset, LINEAGE_COLUMNS)), "finetune");
      (globalThis as { gc?: () => void }).gc?.(); // the parent lists' native memory goes at the run's first await
      return {
        graph,
        cards: readSnapshotParquet(ctx.dataset, CARD_COLUMNS),
        metadata: scanSnapshotParquet(ctx.dataset, METADATA_CORPUS_COLUMNS),
      } satisfies SimilarityInput;
    },
    run: (ctx, loaded) => runSimilarity(ctx.seed, loaded as SimilarityInput),
  },
  {
    name: "similarity-repo-graph",
    description:
      "notebook 30's second metadata run: n = 5000, B = 1000 on the graph without merges and quantizations, with the fitted vocabulary, and its fixed pairs",
    budget: { seconds: 60, rssGb: 4 },
    tenX: { skip: "a repeat of the similarity stage's metadata run on another graph; measured at 1.86M only" },
    needsDataset: true,
    load: (ctx) => {
      const columns = [...new Set<SnapshotColumn>([...LINEAGE_COLUMNS, ...METADATA_CORPUS_COLUMNS])];
      const table = readSnapshotParquet(ctx.dataset, columns);
      const metadata = metadataCorpus(table);
      return {
        graph: lineageVariant(buildLineageGraph(table), "nomerges_minus_quantized"),
        metadata,
        fitted: similarityMeasures(metadata),
      };
    },
    run: (ctx, loaded) => {
      const { graph, metadata, fitted } = loaded as {
        graph: LineageGraph;
        metadata: DnaCorpus;
        fitted: CorpusMeasures;
      };
      const rng = createRng(ctx.seed);
      const samples = sampleKinship(graph, { n: PAPER_SIMILARITY.n, rng: rng.fork("pairs") });
      const run = runResemblance(graph, metadata, {
        samples,
        bootstrap: PAPER_SIMILARITY.bootstrapMetadata,
        rng,
        fitted,
      });
      const fixed = scoreFixedPairs(graph, fixedPairSelection(graph, metadata), fitted.measures);
      return {
        rows: graph.edgeCount,
        ok: Object.keys(run.results).length === 3,
        note: `${graph.edgeCount} edges; ${fixed.length} fixed pairs`,
      };
    },
  },
];
