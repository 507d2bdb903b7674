// Benchmark stages of the null models (src/nulls/; docs/methods.md §8) at the paper's size, in bench/stages.ts's
// format, on the synthetic-full dataset (1,860,411 models) and its fine-tune graph, the work of notebook 50:
//   nulls-ordering   the final run's orderings (top-20 licenses and languages, top-10 tasks and libraries) against
//                    the flip, flip-parent and relabel nulls, R chosen by the work budget    budget 300 s, 4 GB
//   nulls-mutation   the four traits' mutation rates against the population and family nulls budget 120 s, 4 GB
// Each stage's note says the R each test ran (replicatesFor in src/nulls/budget.ts), so a budget change shows here.
// Register them with `STAGES.push(...NULLS_STAGES)`.
import { readSnapshotParquet } from "../src/data/parquet";
import { PARENT_COLUMNS, type SnapshotColumn } from "../src/data/schema";
import { ORDERING_RUNS, traitColumns } from "../src/drift/driftRun";
import { TRAITS, type Trait, type TraitColumn } from "../src/drift/traitCodes";
import { type LineageGraph, buildLineageGraph, lineageVariant } from "../src/lineage/graph";
import { mutationNullTest } from "../src/nulls/mutation";
import { orderingNullTest } from "../src/nulls/ordering";
import { createRng } from "../src/random";
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

function load(ctx: StageContext): NullsInput {
  const table = readSnapshotParquet(ctx.dataset, COLUMNS);
  return { graph: lineageVariant(buildLineageGraph(table), ORDERING_RUNS.final.variant), columns: traitColumns(table) };
}

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
];
