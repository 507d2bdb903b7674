// Benchmark stages of the trait-drift analysis (docs/methods.md §4.2, §4.3), in bench/stages.ts's format, on the
// synthetic-full dataset (1,860,411 models, 573,653 edges):
//   drift-tables    trait columns, mutation rates (both runs), transition / oriented / top-n graphs of the four
//                   traits on both graphs, and the numerical drifts          budget 10 s
//   ordering-n20    exact weighted + unweighted orderings of the top-20 languages, with ranges and precedences   5 s
//   ordering-n22    the same with the top-22 languages                                                        30 s
// Register them with `STAGES.push(...DRIFT_STAGES)`.
import type pl from "nodejs-polars";
import { readSnapshotParquet } from "../src/data/parquet";
import { PARENT_COLUMNS, type SnapshotColumn } from "../src/data/schema";
import { type LineageGraph, buildLineageGraph, lineageVariant } from "../src/lineage/graph";
import { cardDrift } from "../src/drift/cardDrift";
import { mutationRates } from "../src/drift/mutation";
import { ORDERING_RUNS, traitColumns } from "../src/drift/driftRun";
import { orientedTraitGraph, topTraits } from "../src/drift/oriented";
import { TRAITS, traitColumn } from "../src/drift/traitCodes";
import { traitOrdering } from "../src/drift/traitOrdering";
import { traitTransitions } from "../src/drift/transitions";
import type { BenchStage, StageContext } from "./stages";

const LINEAGE: SnapshotColumn[] = ["id", "createdAt", ...PARENT_COLUMNS];
const DRIFT: SnapshotColumn[] = [
  ...LINEAGE,
  "licenses",
  "languages",
  "library_name",
  "pipeline_tag",
  "has_card",
  "card_length_chars",
  "card_auto_generated",
];

/** Untimed: the table and its full lineage graph. */
function loadGraph(ctx: StageContext, columns: SnapshotColumn[]): { table: pl.DataFrame; full: LineageGraph } {
  const table = readSnapshotParquet(ctx.dataset, columns);
  return { table, full: buildLineageGraph(table) };
}

function orderingStage(n: number, seconds: number): BenchStage {
  return {
    name: `ordering-n${n}`,
    description: `exact weighted and unweighted orderings of the top-${n} languages on the fine-tune graph, with ranges and forced precedences (§4.3)`,
    budget: { seconds },
    tenX: { budget: { seconds: 60 } },
    needsDataset: true,
    load: (ctx) => {
      const { table, full } = loadGraph(ctx, [...LINEAGE, "languages"]);
      return { finetune: lineageVariant(full, "finetune"), languages: traitColumn(table, "languages") };
    },
    run: (_ctx, loaded) => {
      const { finetune, languages } = loaded as { finetune: LineageGraph; languages: ReturnType<typeof traitColumn> };
      const a = traitOrdering(finetune, languages, n);
      return {
        rows: a.topValues.length,
        ok: a.topValues.length === n,
        note: `optimum ${a.weighted.optimum}, ${a.weighted.optimalCount} optimal orderings; drift directions ${a.driftDirections.weighted.join("/")}`,
      };
    },
  };
}

/** The drift stages, in run order. */
export const DRIFT_STAGES: BenchStage[] = [
  {
    name: "drift-tables",
    description:
      "trait columns, mutation rates, transition/oriented/top-n graphs of 4 traits on both runs' graphs, numerical drifts (§4.2, §4.3)",
    budget: { seconds: 10 },
    tenX: { budget: { seconds: 100 } },
    needsDataset: true,
    load: (ctx) => loadGraph(ctx, DRIFT),
    run: (_ctx, loaded) => {
      const { table, full } = loaded as { table: pl.DataFrame; full: LineageGraph };
      const columns = traitColumns(table);
      let transitions = 0;
      for (const run of Object.values(ORDERING_RUNS)) {
        const graph = lineageVariant(full, run.variant);
        mutationRates(graph, columns);
        for (const t of TRAITS) {
          const g = traitTransitions(graph, columns[t]);
          topTraits(orientedTraitGraph(g), run.n[t]);
          transitions += g.from.length;
        }
      }
      const drift = cardDrift(full, table);
      return {
        rows: table.height,
        note: `${full.edgeCount} edges, ${transitions} trait transitions, ${drift.cardLength.overall.n} edges with both cards`,
      };
    },
  },
  orderingStage(20, 5),
  orderingStage(22, 30),
];
