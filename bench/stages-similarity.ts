// Benchmark stage of family resemblance (docs/methods.md §4.1, §5 F-sim-meta-tfidf): the paper's full protocol on
// synthetic-full (1,860,411 models, 189,391 fine-tune edges): n = 5000 pairs for each of the 24 configurations, both
// corpora (metadata strings of every model; the 512-character heads of the qualifying cards), all three measures, and
// the paper's bootstrap (B = 1000 for metadata, 10,000 for cards). Budget: 120 s and 4 GB peak RSS for the whole stage.
// Registered in bench/stages.ts.
import type pl from "nodejs-polars";
import { readSnapshotParquet } from "../src/data/parquet";
import type { SnapshotColumn } from "../src/data/schema";
import { buildLineageGraph, lineageVariant, type LineageGraph } from "../src/lineage/graph";
import { createRng } from "../src/random";
import { cardCorpus, metadataCorpus } from "../src/similarity/dna";
import { runResemblance } from "../src/similarity/resemblance";
import { sampleKinship } from "../src/similarity/sample";
import type { BenchStage, StageOutput } from "./stages";

/** The paper's protocol (docs/methods.md §4.1 "Samples"): `PAPER_SIMILARITY.bootstrapCards` is 10,000. */
export const PAPER_SIMILARITY = { n: 5000, bootstrapMetadata: 1000, bootstrapCards: 10_000 } as const;

/** Columns the stage reads: the listing record, the lineage and the reduced card. */
const COLUMNS: SnapshotColumn[] = [
  "id",
  "_id",
  "createdAt",
  "likes",
  "downloads",
  "trendingScore",
  "private",
  "tags",
  "pipeline_tag",
  "library_name",
  "listing_keys",
  "parent_model",
  "finetune_parent",
  "quantized_parent",
  "adapter_parent",
  "merge_parent",
  "card_head",
  "card_length_chars",
  "card_auto_generated",
];

/** Untimed input: the table and the fine-tune graph the samplers use. */
interface SimilarityInput {
  table: pl.DataFrame;
  graph: LineageGraph;
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
  const metadata = runResemblance(input.graph, metadataCorpus(input.table), {
    samples,
    bootstrap: PAPER_SIMILARITY.bootstrapMetadata,
    rng,
  });
  lap(`metadata (${metadata.fitted.vectorizer.fit.distinct_terms_before_cut.toLocaleString("en-US")} terms)`);
  const cards = runResemblance(input.graph, cardCorpus(input.table), {
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
    rows: input.table.height,
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
      const table = readSnapshotParquet(ctx.dataset, COLUMNS);
      return { table, graph: lineageVariant(buildLineageGraph(table), "finetune") } satisfies SimilarityInput;
    },
    run: (ctx, loaded) => runSimilarity(ctx.seed, loaded as SimilarityInput),
  },
];
