// Benchmark stages of the lineage graph (docs/methods.md §3, §4.1) on synthetic-full: building the
// full graph and its variants from the canonical table (budget 5 s), and the family structure
// (weakly connected components, largest families, generations, pattern totals; budget 3 s).
import type pl from "nodejs-polars";
import { readSnapshotParquet } from "../src/data/parquet";
import { PARENT_COLUMNS, type SnapshotColumn } from "../src/data/schema";
import { largestFamilies, lineageFamilies } from "../src/lineage/families";
import { lineageGenerations } from "../src/lineage/generations";
import { type LineageGraph, buildLineageGraph, lineageVariant } from "../src/lineage/graph";
import { subgraphPatternTotals } from "../src/lineage/patterns";
import type { BenchStage } from "./stages";

/** Columns the lineage graph reads. */
const LINEAGE_COLUMNS: SnapshotColumn[] = ["id", "createdAt", ...PARENT_COLUMNS];

/** Lineage stages: `STAGES.push(...LINEAGE_STAGES)`. */
export const LINEAGE_STAGES: BenchStage[] = [
  {
    name: "lineage-graph",
    description:
      "build the full lineage graph (CSR) from the parent columns, then its finetune and no-merges variants (§3.1, §3.3)",
    budget: { seconds: 5 },
    tenX: { budget: { seconds: 50 } },
    needsDataset: true,
    load: (ctx) => readSnapshotParquet(ctx.dataset, LINEAGE_COLUMNS),
    run: (_ctx, loaded) => {
      const table = loaded as pl.DataFrame;
      const full = buildLineageGraph(table);
      const finetune = lineageVariant(full, "finetune");
      const nomerges = lineageVariant(full, "nomerges");
      return {
        rows: table.height,
        note: `${full.edgeCount} edges; finetune ${finetune.edgeCount}, nomerges ${nomerges.edgeCount}`,
      };
    },
  },
  {
    name: "families",
    description:
      "families (weakly connected components), the 10 largest with names and roots, generations, pattern totals on the finetune graph (§3.4, §4.1)",
    budget: { seconds: 3 },
    tenX: { budget: { seconds: 30 } },
    needsDataset: true,
    load: (ctx) => {
      const full: LineageGraph = buildLineageGraph(readSnapshotParquet(ctx.dataset, LINEAGE_COLUMNS));
      return { nomerges: lineageVariant(full, "nomerges"), finetune: lineageVariant(full, "finetune") };
    },
    run: (_ctx, loaded) => {
      const { nomerges, finetune } = loaded as { nomerges: LineageGraph; finetune: LineageGraph };
      const families = lineageFamilies(nomerges);
      const top = largestFamilies(nomerges, 10, families);
      lineageGenerations(finetune);
      subgraphPatternTotals(finetune);
      return {
        rows: nomerges.nodeCount,
        note: `${families.count} families; largest ${top[0]?.name} (${top[0]?.size})`,
      };
    },
  },
];
