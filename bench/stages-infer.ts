// Benchmark stage of lineage inference from metadata (src/infer/): candidate parents for 100,000 models without a
// declared parent, drawn with the run's seed, against all 1,860,411 models of synthetic-full, every signal on (names,
// card heads, time, tags and library, TF-IDF similarity, popularity). The synthetic names carry no real lineage
// signal, so this measures speed and memory only. Budget: 180 s and 4 GB peak RSS. A second stage, infer-evaluate, holds
// out the declared parents of 20,000 children and infers them again, as notebook 60 does (budget 120 s, 4 GB).
// Registered in bench/stages.ts.
import type pl from "nodejs-polars";
import { readSnapshotParquet } from "../src/data/parquet";
import { PARENT_COLUMNS, type SnapshotColumn } from "../src/data/schema";
import { inferredEdges } from "../src/infer/augment";
import { inferParents, parentlessRows } from "../src/infer/infer";
import { evaluateInference } from "../src/infer/evaluate";
import { availableCards } from "../src/infer/cardTexts";
import { buildLineageGraph, type LineageGraph } from "../src/lineage/graph";
import { loadDataset } from "../src/datasets";
import { createRng, shuffleInPlace } from "../src/random";
import type { BenchStage } from "./stages";

/** Models whose parents are inferred. */
export const INFER_CHILDREN = 100_000;

/** Columns inference reads: the listing record (metadata strings), the lineage and the card head. */
const COLUMNS: SnapshotColumn[] = [
  "id",
  "_id",
  "author",
  "createdAt",
  "likes",
  "downloads",
  "trendingScore",
  "private",
  "tags",
  "pipeline_tag",
  "library_name",
  "listing_keys",
  ...PARENT_COLUMNS,
  "card_head",
];

/** Untimed input: the table and the children. */
interface InferInput {
  table: pl.DataFrame;
  children: Int32Array;
}

/** Inference stages: `STAGES.push(...INFER_STAGES)`. */
export const INFER_STAGES: BenchStage[] = [
  {
    name: "infer-parents",
    description:
      "candidate parents with scores and evidence for 100,000 parentless models against all 1,860,411 (names, card heads, time, tags, TF-IDF, popularity)",
    budget: { seconds: 180, rssGb: 4 },
    tenX: { skip: "beyond the paper's pipeline; measured at 1.86M only" },
    needsDataset: true,
    load: (ctx) => {
      const table = readSnapshotParquet(ctx.dataset, COLUMNS);
      const children = shuffleInPlace(parentlessRows(table), createRng(ctx.seed).fork("infer-parents"))
        .slice(0, INFER_CHILDREN)
        .sort();
      return { table, children } satisfies InferInput;
    },
    run: (_ctx, loaded) => {
      const { table, children } = loaded as InferInput;
      const inference = inferParents(table, { children });
      const edges = inferredEdges(inference, { threshold: 0.8 });
      const r = inference.report;
      return {
        rows: children.length,
        note: `${r.pairs} candidate pairs (${r.rejectedAsLater} later than the child), ${edges.child.length} edges at score >= 0.8`,
      };
    },
  },
  {
    name: "infer-evaluate",
    description:
      "notebook 60's evaluation: the declared parents of 20% of the children with one (at most 20,000) hidden and inferred again from metadata and card heads, scored against the declared ones",
    budget: { seconds: 120, rssGb: 4 },
    tenX: { skip: "beyond the paper's pipeline; measured at 1.86M only" },
    needsDataset: true,
    load: (ctx) => {
      const table = loadDataset(ctx.settings);
      return { table, graph: buildLineageGraph(table), cards: availableCards(ctx.settings, table).cards };
    },
    run: (ctx, loaded) => {
      const { table, graph, cards } = loaded as {
        table: pl.DataFrame;
        graph: LineageGraph;
        cards: ReturnType<typeof availableCards>["cards"];
      };
      const evaluation = evaluateInference(table, {
        rng: createRng(ctx.seed).fork("60-lineage-inference"),
        share: 0.2,
        maxHeldOut: 20_000,
        cards,
        graph,
      });
      return { rows: evaluation.heldOut.length, note: `${evaluation.heldOut.length} held-out children` };
    },
  },
];
