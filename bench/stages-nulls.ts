// Benchmark stages of the null models (src/nulls/; docs/methods.md §8) at the paper's size, in bench/stages.ts's
// format, on the synthetic-full dataset (1,860,411 models) and its fine-tune graph, the work of notebook 50:
//   nulls-ordering   the final run's orderings (top-20 licenses and languages, top-10 tasks and libraries) against
//                    the flip, flip-parent and relabel nulls, R chosen by the work budget    budget 300 s, 4 GB
//   nulls-mutation   the four traits' mutation rates against the population and family nulls budget 120 s, 4 GB
//   nulls-relations  the same tests on the quantized, adapter and merge graphs, each compared with fine-tune by
//                    label shuffles                                                          budget 120 s, 4 GB
//   nulls-controls   the resemblance protocol on three metadata corpora (the paper's, without the model's identity,
//                    also without its lineage tags), with the kinship controls               budget 120 s, 4 GB
// The settings are notebook 50's (5,000 pairs, B = 200 for the controls), so the bench's library time covers its work.
// Each stage's note says the R each test ran (replicatesFor in src/nulls/budget.ts), so a budget change shows here.
// Register them with `STAGES.push(...NULLS_STAGES)`.
import type pl from "nodejs-polars";
import { readSnapshotParquet } from "../src/data/parquet";
import { PARENT_COLUMNS, type SnapshotColumn } from "../src/data/schema";
import { ORDERING_RUNS, traitColumns } from "../src/drift/driftRun";
import { TRAITS, type Trait, type TraitColumn } from "../src/drift/traitCodes";
import { type LineageGraph, buildLineageGraph, lineageVariant, relationGraph } from "../src/lineage/graph";
import type { EdgeType } from "../src/lineage/relations";
import { edgeMutations, mutationNullTest, relationComparison } from "../src/nulls/mutation";
import { orderingNullTest } from "../src/nulls/ordering";
import { resemblanceControls } from "../src/nulls/resemblance";
import { createRng } from "../src/random";
import { loadDataset } from "../src/datasets";
import type { BenchStage, StageContext } from "./stages";

const COLUMNS: SnapshotColumn[] = [
  "id",
  "createdAt",
  ...PARENT_COLUMNS,
  "licenses",
  "languages",
  "library_name",
  "pipeline_tag",
];

/** Why the null-model stages are not run at 18.6M models. */
const NOT_AT_10X =
  "beyond the paper's pipeline; R is chosen by a work budget (src/nulls/budget.ts), measured at 1.86M only";

/** Untimed input: the final run's graph and the trait columns. */
interface NullsInput {
  graph: LineageGraph;
  columns: Record<Trait, TraitColumn>;
}

/** The trait columns and the full graph, or the final run's variant of it. */
function loadGraph(ctx: StageContext, graph: "full" | "final"): NullsInput {
  const table = readSnapshotParquet(ctx.dataset, COLUMNS);
  const full = buildLineageGraph(table);
  return {
    graph: graph === "full" ? full : lineageVariant(full, ORDERING_RUNS.final.variant),
    columns: traitColumns(table),
  };
}

const load = (ctx: StageContext) => loadGraph(ctx, "final");

/** The null-model stages, in run order. */
export const NULLS_STAGES: BenchStage[] = [
  {
    name: "nulls-ordering",
    description:
      "the final run's four trait orderings against the flip, flip-parent and relabel nulls on the fine-tune graph, R within the work budget (§8)",
    budget: { seconds: 300, rssGb: 4 },
    tenX: { skip: NOT_AT_10X },
    needsDataset: true,
    load,
    run: (ctx, loaded) => {
      const { graph, columns } = loaded as NullsInput;
      const rng = createRng(ctx.seed).fork("ordering");
      const notes: string[] = [];
      let tested = 0;
      for (const trait of TRAITS) {
        const test = orderingNullTest(graph, columns[trait], ORDERING_RUNS.final.n[trait], { rng: rng.fork(trait) });
        if (test.skipped) {
          notes.push(`${trait} skipped`);
          continue;
        }
        tested++;
        const flip = test.nulls.flip;
        notes.push(`${trait} R=${test.plan.replicates} (p ${flip?.mutations.pValue.toFixed(3)})`);
      }
      return { rows: graph.edgeCount, ok: tested === TRAITS.length, note: notes.join("; ") };
    },
  },
  {
    name: "nulls-mutation",
    description:
      "the four traits' mutation rates on the fine-tune graph against the population and family nulls, R within the work budget (§8)",
    budget: { seconds: 120, rssGb: 4 },
    tenX: { skip: NOT_AT_10X },
    needsDataset: true,
    load,
    run: (ctx, loaded) => {
      const { graph, columns } = loaded as NullsInput;
      const rng = createRng(ctx.seed).fork("mutation");
      const notes: string[] = [];
      let tested = 0;
      for (const trait of TRAITS) {
        const test = mutationNullTest(graph, columns[trait], { rng: rng.fork(trait) });
        if (test.nulls.population && test.nulls.family) tested++;
        notes.push(`${trait} R=${test.plan.replicates}`);
      }
      return { rows: graph.edgeCount, ok: tested === TRAITS.length, note: notes.join("; ") };
    },
  },
  {
    name: "nulls-relations",
    description:
      "the four traits' mutation rates on the quantized, adapter and merge graphs against the population and family nulls, and each relation against fine-tune by label shuffles, R within the work budgets (§8)",
    budget: { seconds: 120, rssGb: 4 },
    tenX: { skip: NOT_AT_10X },
    needsDataset: true,
    load: (ctx) => loadGraph(ctx, "full"),
    run: (ctx, loaded) => {
      const { graph: full, columns } = loaded as NullsInput;
      // notebook 50: the fine-tune relation's tests are the nulls-mutation stage's; the others are run here
      const rng = createRng(ctx.seed);
      const baseline = relationGraph(full, "finetune");
      const notes: string[] = [];
      let compared = 0;
      for (const relation of ["quantized", "adapter", "merge"] as EdgeType[]) {
        const graph = relationGraph(full, relation);
        for (const trait of TRAITS)
          mutationNullTest(graph, columns[trait], {
            replicates: 1000,
            rng: rng.fork("relation").fork(relation).fork(trait),
          });
        for (const trait of TRAITS) {
          const c = relationComparison(edgeMutations(graph, columns[trait]), edgeMutations(baseline, columns[trait]), {
            trait,
            relation,
            baseline: "finetune",
            replicates: 1000,
            rng: rng.fork("compare").fork(relation).fork(trait),
          });
          if (c.traffic > 0 && c.baselineTraffic > 0) compared++;
        }
        notes.push(`${relation} ${graph.edgeCount} edges`);
      }
      return {
        rows: full.edgeCount,
        ok: compared === 3 * TRAITS.length,
        note: `${notes.join(", ")}; ${compared} comparisons`,
      };
    },
  },
  {
    name: "nulls-controls",
    description:
      "the resemblance protocol (5,000 pairs per configuration, B = 200) on the paper's metadata corpus and its two redacted variants, with the same-family, same-organisation and across-families controls (§8)",
    budget: { seconds: 120, rssGb: 4 },
    tenX: { skip: NOT_AT_10X },
    needsDataset: true,
    load: (ctx) => {
      const models = loadDataset(ctx.settings, { missingCard: "paper" });
      const graph = lineageVariant(buildLineageGraph(models), ORDERING_RUNS.final.variant);
      return { models, graph };
    },
    run: async (ctx, loaded) => {
      const { models, graph } = loaded as { models: pl.DataFrame; graph: LineageGraph };
      const { runs } = await resemblanceControls(graph, models, { n: 5000, bootstrap: 200, rng: createRng(ctx.seed) });
      return {
        rows: models.height,
        ok: runs.length === 3,
        note: runs.map((r) => `${r.variant}: ${r.baselines.filter((b) => b.holds).length} controls held`).join("; "),
      };
    },
  },
];
