// A quick lineage-only synthetic table for timing the lineage stage at the paper's scale (bench/stages-lineage.ts):
// the paper's edge counts per relation (docs/methods.md §3.2, paper.ts) at 1,860,411 models, scaled with n, merges
// with two parents, a generic `base_model:<id>` reference beside every typed one, and a share of children listing a
// parent outside the snapshot. It is NOT calibrated beyond that: `generateSyntheticSnapshot` (generate.ts) makes a
// realistic ecosystem.
import pl from "nodejs-polars";
import { RELATIONS } from "../data/tags";
import { PAPER_EDGE_COUNTS, PAPER_MODEL_COUNT } from "../paper";
import { createRng } from "../random";

/** Options of syntheticLineageTable: `syntheticLineageTable({ n: 1e5, seed: 2, missingShare: 0 })`. */
export interface SyntheticLineageOptions {
  /** Number of models [1,860,411]. */
  n?: number;
  /** Seed [1]. */
  seed?: number;
  /** Share of children that also list a parent missing from the snapshot [0.05]. */
  missingShare?: number;
}

/**
 * A table with id, createdAt, likes, downloads and the five parent columns: `syntheticLineageTable({ n: 100_000 })`.
 */
export function syntheticLineageTable(options: SyntheticLineageOptions = {}): pl.DataFrame {
  const { n = PAPER_MODEL_COUNT, seed = 1, missingShare = 0.05 } = options;
  const rng = createRng(seed).fork("lineage-benchmark");
  // Share of models that are children by each relation; a merge child has two parents, so half as many children.
  const share = RELATIONS.map((r) => PAPER_EDGE_COUNTS[r] / (r === "merge" ? 2 : 1) / PAPER_MODEL_COUNT);
  const child: number[] = [],
    parent: number[] = [],
    column: number[] = [];
  const add = (c: number, p: number, col: number) => {
    child.push(c);
    parent.push(p);
    column.push(col);
  };
  for (let i = 1; i < n; i++) {
    let u = rng(),
      r = 0;
    while (r < 3 && u >= share[r]) {
      u -= share[r];
      r++;
    }
    if (u >= share[r]) continue;
    const first = Math.floor(i * rng() * rng());
    add(i, first, 0);
    add(i, first, r + 1);
    if (RELATIONS[r] === "merge") {
      const second = Math.floor(i * rng());
      if (second !== first) {
        add(i, second, 0);
        add(i, second, r + 1);
      }
    }
    if (rng() < missingShare) add(i, -1 - Math.floor(rng() * 50_000), 0);
  }
  const index = pl.col("row");
  let table = pl
    .DataFrame({
      row: pl.Series(
        "row",
        Int32Array.from({ length: n }, (_, i) => i),
      ),
    })
    .select(
      index,
      pl
        .concatString([pl.lit("org-"), index.modulo(9973).cast(pl.Utf8), pl.lit("/model-"), index.cast(pl.Utf8)], "")
        .alias("id"),
      index
        .cast(pl.Float64)
        .mul(30_000)
        .add(Date.UTC(2022, 2, 2))
        .cast(pl.Int64)
        .cast(pl.Datetime("ms", "UTC"))
        .alias("createdAt"),
      index.modulo(97).cast(pl.Int64).alias("likes"),
      index.mul(7919).modulo(100_003).cast(pl.Int64).alias("downloads"),
    );
  const parentRow = Int32Array.from(parent, (p) => Math.max(p, 0));
  const links = pl
    .DataFrame([
      pl.Series("row", Int32Array.from(child)),
      pl.Series("column", Uint8Array.from(column)),
      table.select(pl.col("id").gather(pl.Series("node", parentRow)).alias("parent")).getColumn("parent"),
      pl.Series("ghost", Int32Array.from(parent)),
    ])
    .withColumns(
      pl
        .when(pl.col("ghost").lt(0))
        .then(
          pl.concatString([pl.lit("ghost/model-"), pl.lit(-1).cast(pl.Int32).sub(pl.col("ghost")).cast(pl.Utf8)], ""),
        )
        .otherwise(pl.col("parent"))
        .alias("parent"),
    );
  ["parent_model", "finetune_parent", "quantized_parent", "adapter_parent", "merge_parent"].forEach((name, col) => {
    const lists = links.filter(pl.col("column").eq(col)).groupBy("row").agg(pl.col("parent").alias(name));
    table = table.join(lists, { on: "row", how: "left" });
  });
  return table.sort("row").drop("row");
}
