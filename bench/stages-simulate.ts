// Benchmark stages of the drift simulator (src/simulate/; docs/methods.md §4.3), in bench/stages.ts's format: grow an
// ecosystem calibrated to the paper's population (paperSimulatorParams, q = 0.8) and write its canonical snapshot
// table, the work of DATASET=simulated.
//   simulate-200k   200,000 models                      budget 10 s
//   simulate-full   1,860,411 models (the paper's size)  budget 60 s
// Register them with `STAGES.push(...SIMULATE_STAGES)`.
import { PAPER_MODEL_COUNT } from "../src/paper";
import { paperSimulatorParams } from "../src/simulate/paperParams";
import { simulateSnapshot } from "../src/simulate/table";
import type { BenchStage } from "./stages";

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
];
