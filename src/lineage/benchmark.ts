// Timing of the lineage stage at the paper's scale (budget: 1.86M models and 574k edges within 5 s on
// 2 cores, bench/results.md), and a quick lineage-only synthetic table to time it on. The table has the paper's edge counts per
// relation (docs/methods.md §3.2: 189,391 finetune, 101,921 quantized, 241,417 adapter, 40,924 merge at 1,860,411
// models, scaled with n), merges with two parents, a generic `base_model:<id>` reference beside every typed one,
// and a share of children listing a parent outside the snapshot. It is NOT calibrated beyond that: use
// `generateSyntheticSnapshot` (src/data/synthetic.ts) for a realistic ecosystem.
import pl from "nodejs-polars";
import { createRng } from "../random";
import { lineageFamilies } from "./families";
import { lineageGenerations } from "./generations";
import { type LineageGraphOptions, GRAPH_VARIANTS, buildLineageGraph, lineageVariant } from "./graph";
import { modelIds } from "./nodeColumns";
import { subgraphPatternTotals } from "./patterns";

/** The paper's snapshot size and edge counts per relation (docs/methods.md §3.2): `PAPER_LINEAGE.finetune === 189_391`. */
export const PAPER_LINEAGE = { models: 1_860_411, finetune: 189_391, quantized: 101_921, adapter: 241_417, merge: 40_924 } as const;

/** Options of syntheticLineageTable: `syntheticLineageTable({ n: 1e5, seed: 2, missingShare: 0 })`. */
export interface SyntheticLineageOptions {
  /** Number of models [1,860,411]. */
  n?: number;
  /** Seed [1]. */
  seed?: number;
  /** Share of children that also list a parent missing from the snapshot [0.05]. */
  missingShare?: number;
}

/** A table with id, createdAt, likes, downloads and the five parent columns: `syntheticLineageTable({ n: 100_000 })`. */
export function syntheticLineageTable(options: SyntheticLineageOptions = {}): pl.DataFrame {
  const { n = PAPER_LINEAGE.models, seed = 1, missingShare = 0.05 } = options;
  const rng = createRng(seed).fork("lineage-benchmark");
  const relations = ["finetune", "quantized", "adapter", "merge"] as const;
  // Share of models that are children by each relation; a merge child has two parents, so half as many children.
  const share = relations.map((r) => PAPER_LINEAGE[r] / (r === "merge" ? 2 : 1) / PAPER_LINEAGE.models);
  const child: number[] = [], parent: number[] = [], column: number[] = [];
  const add = (c: number, p: number, col: number) => { child.push(c); parent.push(p); column.push(col); };
  for (let i = 1; i < n; i++) {
    let u = rng(), r = 0;
    while (r < 3 && u >= share[r]) { u -= share[r]; r++; }
    if (u >= share[r]) continue;
    const first = Math.floor(i * rng() * rng());
    add(i, first, 0); add(i, first, r + 1);
    if (relations[r] === "merge") {
      const second = Math.floor(i * rng());
      if (second !== first) { add(i, second, 0); add(i, second, r + 1); }
    }
    if (rng() < missingShare) add(i, -1 - Math.floor(rng() * 50_000), 0);
  }
  const index = pl.col("row");
  let table = pl.DataFrame({ row: pl.Series("row", Int32Array.from({ length: n }, (_, i) => i)) }).select(
    index,
    pl.concatString([pl.lit("org-"), index.modulo(9973).cast(pl.Utf8), pl.lit("/model-"), index.cast(pl.Utf8)], "").alias("id"),
    index.cast(pl.Float64).mul(30_000).add(Date.UTC(2022, 2, 2)).cast(pl.Int64).cast(pl.Datetime("ms", "UTC")).alias("createdAt"),
    index.modulo(97).cast(pl.Int64).alias("likes"),
    index.mul(7919).modulo(100_003).cast(pl.Int64).alias("downloads"),
  );
  const parentRow = Int32Array.from(parent, (p) => Math.max(p, 0));
  const links = pl.DataFrame([
    pl.Series("row", Int32Array.from(child)),
    pl.Series("column", Uint8Array.from(column)),
    modelIds(table.getColumn("id"), parentRow, "parent"),
    pl.Series("ghost", Int32Array.from(parent)),
  ]).withColumns(pl.when(pl.col("ghost").lt(0)).then(pl.concatString([pl.lit("ghost/model-"), pl.lit(-1).cast(pl.Int32).sub(pl.col("ghost")).cast(pl.Utf8)], ""))
    .otherwise(pl.col("parent")).alias("parent"));
  ["parent_model", "finetune_parent", "quantized_parent", "adapter_parent", "merge_parent"].forEach((name, col) => {
    const lists = links.filter(pl.col("column").eq(col)).groupBy("row").agg(pl.col("parent").alias(name));
    table = table.join(lists, { on: "row", how: "left" });
  });
  return table.sort("row").drop("row");
}

/** Seconds per lineage step, with the size of the full graph: `const { seconds } = timeLineage(models)`. */
export interface LineageTiming {
  nodes: number;
  edges: number;
  /** build (parse + match + CSR + cycle check), variants, families, generations, patterns (all four variants). */
  seconds: Record<string, number>;
}

/** Times each lineage step on a table: `timeLineage(syntheticLineageTable()).seconds.build`. */
export function timeLineage(table: pl.DataFrame, options: LineageGraphOptions = {}): LineageTiming {
  const seconds: Record<string, number> = {};
  let t = performance.now();
  const lap = (step: string) => { const now = performance.now(); seconds[step] = (now - t) / 1000; t = now; };
  const full = buildLineageGraph(table, options);
  lap("build");
  const variants = GRAPH_VARIANTS.map((v) => lineageVariant(full, v));
  lap("variants");
  for (const g of variants) lineageFamilies(g);
  lap("families");
  for (const g of variants) lineageGenerations(g);
  lap("generations");
  for (const g of variants) subgraphPatternTotals(g);
  lap("patterns");
  return { nodes: full.nodeCount, edges: full.edgeCount, seconds };
}
