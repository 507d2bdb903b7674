// Benchmark stages of the drift simulator (src/simulate/; docs/methods.md §4.3), in bench/stages.ts's format: grow an
// ecosystem calibrated to the paper's population (paperSimulatorParams, q = 0.8) and write its canonical snapshot
// table, the work of DATASET=simulated.
//   simulate-200k   200,000 models                      budget 10 s
//   simulate-full   1,860,411 models (the paper's size)  budget 60 s
//   simulate-scans  notebook 51's work on synthetic-full: calibrate the simulator to the snapshot, grow a check
//                   ecosystem, scan q at 200,000 models (4 snapshots per q, and 3 paper-calibrated ones), and scan
//                   inheritance at four levels                            budget 60 s, 4 GB
// Register them with `STAGES.push(...SIMULATE_STAGES)`.
import { PAPER_MODEL_COUNT } from "../src/paper";
import { paperSimulatorParams } from "../src/simulate/paperParams";
import { simulateSnapshot } from "../src/simulate/table";
import type pl from "nodejs-polars";
import { loadDataset } from "../src/datasets";
import { traitColumns } from "../src/drift/driftRun";
import { TRAITS, type Trait, type TraitColumn } from "../src/drift/traitCodes";
import { traitOrdering } from "../src/drift/traitOrdering";
import { buildLineageGraph, type LineageGraph, lineageVariant } from "../src/lineage/graph";
import { calibrateSimulator, snapshotProfile } from "../src/nulls/calibrate";
import { ecosystemGraph, ecosystemTraitColumn, inheritanceScan, qScan } from "../src/nulls/simulation";
import { createRng } from "../src/random";
import { growEcosystem } from "../src/simulate/grow";
import type { BenchStage } from "./stages";

/** Notebook 51's settings. */
const SCAN = {
  qs: [0.5, 0.6, 0.7, 0.8, 0.9, 1],
  maxModels: 200_000,
  replicates: 4,
  paperSize: 200_000,
  paperReplicates: 3,
  inheritLevels: [0.1, 0.4, 0.7, 0.95],
  checkQ: 0.5,
  topN: 20,
};

/** Untimed input of simulate-scans. */
interface ScanInput {
  models: pl.DataFrame;
  full: LineageGraph;
  columns: Record<Trait, TraitColumn>;
}

function simulateStage(name: string, n: number, seconds: number): BenchStage {
  return {
    name,
    description:
      `grow ${n.toLocaleString("en-US")} models with the drift simulator (paper calibration, q = 0.8) ` +
      "and write the canonical snapshot table (§4.3)",
    budget: { seconds },
    tenX: { skip: "the simulator grows its own population (SIM_N); it does not read the snapshot" },
    needsDataset: false,
    run: (ctx) => {
      const { ecosystem, table } = simulateSnapshot(paperSimulatorParams({ n, q: 0.8 }), ctx.seed);
      let edges = 0;
      for (let i = 0; i < ecosystem.n; i++)
        edges += (ecosystem.parent[i] >= 0 ? 1 : 0) + (ecosystem.parent2[i] >= 0 ? 1 : 0);
      return { rows: table.height, ok: table.height === n, note: `${edges.toLocaleString("en-US")} edges` };
    },
  };
}

/** The simulator stages, in run order. */
export const SIMULATE_STAGES: BenchStage[] = [
  simulateStage("simulate-200k", 200_000, 10),
  simulateStage("simulate-full", PAPER_MODEL_COUNT, 60),
  {
    name: "simulate-scans",
    description:
      "notebook 51 on synthetic-full: calibrate the simulator to the snapshot, a check ecosystem, the q scans (snapshot-calibrated and paper-calibrated, 200,000 models) and the inheritance scan",
    budget: { seconds: 60, rssGb: 4 },
    tenX: { skip: "the scans grow snapshots of at most 200,000 models; measured at 1.86M only" },
    needsDataset: true,
    load: (ctx) => {
      const models = loadDataset(ctx.settings, { missingCard: "paper" });
      return { models, full: buildLineageGraph(models), columns: traitColumns(models) } satisfies ScanInput;
    },
    run: (ctx, loaded) => {
      const { models, full, columns } = loaded as ScanInput;
      const rng = createRng(ctx.seed);
      traitOrdering(lineageVariant(full, "finetune"), columns.licenses, SCAN.topN);
      const params = calibrateSimulator(models, full, { q: SCAN.checkQ, source: "synthetic-full" });
      const check = growEcosystem(params, rng.fork("check").key);
      const grownColumns: Partial<Record<Trait, TraitColumn>> = {};
      for (const t of TRAITS) if (check.traits[t]) grownColumns[t] = ecosystemTraitColumn(check, t);
      snapshotProfile(full, columns);
      snapshotProfile(ecosystemGraph(check), grownColumns);
      const scanOptions = { qs: SCAN.qs, trait: "licenses" as Trait, topN: SCAN.topN };
      const size = Math.min(models.height, SCAN.maxModels);
      const cells = qScan(params, {
        ...scanOptions,
        sizes: [size],
        replicates: SCAN.replicates,
        rng: rng.fork("scan"),
        label: "synthetic-full",
      });
      const paperCells = qScan(paperSimulatorParams({ q: SCAN.checkQ }), {
        ...scanOptions,
        sizes: [SCAN.paperSize],
        replicates: SCAN.paperReplicates,
        rng: rng.fork("paper-scan"),
        label: "paper",
      });
      const points = inheritanceScan(
        { ...params, n: size },
        { levels: SCAN.inheritLevels, replicates: 1, rng: rng.fork("inheritance") },
      );
      growEcosystem(paperSimulatorParams({ n: SCAN.paperSize, q: 0.8 }), rng.fork("paper-h").key);
      return {
        rows: models.height,
        ok: cells.length === SCAN.qs.length && paperCells.length === SCAN.qs.length && points.length === 4,
        note: `${cells.length + paperCells.length} q-scan cells, ${points.length} inheritance levels`,
      };
    },
  },
];
