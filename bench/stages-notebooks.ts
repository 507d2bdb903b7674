// Benchmark stages of the notebook route (README "Opening the notebooks"): how long a kernel takes to import the
// kit, how long `make figures` takes on the shipped sample, and on synthetic-full beside the library's own time for
// the same work. The kernels are grandchildren of the stage's process, so their peak memory and CPU seconds are read
// from the runner's lines (Linux VmHWM and CPU time of each kernel), not from the stage's own process; the results'
// CPU column shows the kernels' sum.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../src/settings";
import type { BenchStage, StageOutput } from "./stages";

/** Why the notebook stages are not run at 18.6M models. */
const NOTEBOOKS_AT_10X =
  "the notebook route at 18.6M models is `make figures DATASET=synthetic-10x`, not part of the bench";
/** Most kernel memory any notebook may take at full scale, GB. */
const KERNEL_PEAK_BUDGET_GB = 4;
/** How much slower than the library the notebook route may be on the same work. */
const NOTEBOOK_OVER_LIBRARY = 1.5;
/**
 * Library stages of bench/results.json that do the work the kit's notebooks do on synthetic-full: the paper's pipeline
 * (notebooks 20–41), and the work beyond it of notebooks 30 (the repository-graph rerun), 50 (nulls, relations,
 * controls), 51 (simulator scans) and 60 (evaluation and inference). One difference is left: the similarity stage
 * bootstraps the cards' means 10,000 times, as the paper did, and notebook 30 1,000 times, as the reference does; that
 * is about 10 s more on the library's side (runResemblance on the cards at 1.86M models: 12.8 s against 3.0 s).
 */
const LIBRARY_STAGES = [
  "read-parquet",
  "derive-tags",
  "lineage-graph",
  "families",
  "drift-tables",
  "ordering-n20",
  "similarity",
  "similarity-repo-graph",
  "nulls-ordering",
  "nulls-mutation",
  "nulls-relations",
  "nulls-controls",
  "simulate-scans",
  "infer-evaluate",
  "infer-parents",
];

/**
 * Runs `make figures` with settings into a temporary folder; returns the total seconds and each kernel's time, peak
 * and CPU seconds (all its threads).
 */
function makeFigures(
  settings: Record<string, string>,
  env: Record<string, string> = {},
): {
  seconds: number;
  peaks: Record<string, number>;
  times: Record<string, number>;
  cpu: Record<string, number>;
  /** The kernels' CPU seconds added up. */
  cpuTotal: number;
  /** The runner's line on huge pages ("kernels: …"), or "kernels: no huge pages" when it printed none. */
  allocator: string;
  log: string;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-figures-"));
  const args = ["-s", "figures", `FIGURES_DIR=${path.join(dir, "figures")}`, `NB_OUT=${path.join(dir, "executed")}`];
  for (const [key, value] of Object.entries(settings)) args.push(`${key}=${value}`);
  const t0 = performance.now();
  const result = spawnSync("make", args, {
    cwd: repoRoot(),
    encoding: "utf8",
    env: { ...process.env, MAKEFLAGS: "", ...env },
  });
  const seconds = (performance.now() - t0) / 1000;
  fs.rmSync(dir, { recursive: true, force: true });
  if (result.status !== 0)
    throw new Error(`bench/stages-notebooks: make figures failed\n${result.stdout}\n${result.stderr}`);
  const peaks: Record<string, number> = {};
  const times: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  const line = /ok\s+notebooks\/(\S+)\.ipynb \(([\d.]+) s, kernel peak ([\d.]+) GB, kernel CPU ([\d.]+) s\)/g;
  for (const m of result.stdout.matchAll(line)) {
    times[m[1]] = Number(m[2]);
    peaks[m[1]] = Number(m[3]);
    cpu[m[1]] = Number(m[4]);
  }
  const cpuTotal = Object.values(cpu).reduce((a, b) => a + b, 0);
  const allocator = /^kernels: .*$/m.exec(result.stdout)?.[0] ?? "kernels: no huge pages";
  return { seconds, peaks, times, cpu, cpuTotal, allocator, log: result.stdout };
}

/** The library stages' last wall and CPU seconds in bench/results.json, each null when a stage lacks it. */
function librarySeconds(): { wall: number | null; cpu: number | null } {
  const file = path.join(repoRoot(), "bench", "results.json");
  if (!fs.existsSync(file)) return { wall: null, cpu: null };
  const results = (JSON.parse(fs.readFileSync(file, "utf8")) as { stages: StageSeconds[] }).stages;
  return {
    wall: totalSeconds(results, LIBRARY_STAGES, "wallSeconds"),
    cpu: totalSeconds(results, LIBRARY_STAGES, "cpuSeconds"),
  };
}

/** A stage's seconds as bench/results.json records them. */
interface StageSeconds {
  stage: string;
  wallSeconds: number | null;
  cpuSeconds?: number | null;
}

/**
 * The sum of the named stages' wall (or CPU) seconds, or null when one has none:
 * `totalSeconds(results, ["read-parquet", "derive-tags"], "wallSeconds")`.
 */
export function totalSeconds(
  results: readonly StageSeconds[],
  names: readonly string[],
  field: "wallSeconds" | "cpuSeconds",
): number | null {
  let total = 0;
  for (const name of names) {
    const x = results.find((r) => r.stage === name)?.[field];
    if (x === undefined || x === null) return null;
    total += x;
  }
  return total;
}

/** The compile cache of the figures-sample-again stage, filled by its prepare step. */
const AGAIN_CACHE = path.join(repoRoot(), "build", "bench-cell-cache");

/** A sample run's note (how many notebooks, the kernel that took the most memory) and its kernels' CPU seconds. */
function sampleOutput({ peaks, cpuTotal }: { peaks: Record<string, number>; cpuTotal: number }): StageOutput {
  const worst = Object.entries(peaks).sort((a, b) => b[1] - a[1])[0];
  return {
    cpuSeconds: cpuTotal,
    note: `${Object.keys(peaks).length} notebooks; largest kernel ${worst?.[0]} ${worst?.[1].toFixed(2)} GB`,
  };
}

/** The notebook stages, in run order. */
export const NOTEBOOK_STAGES: BenchStage[] = [
  {
    name: "notebook-first-cell",
    description:
      "the first cell of every notebook, the kit's import, in a fresh kernel of the project; passes within 3 s",
    budget: {},
    tenX: { skip: NOTEBOOKS_AT_10X },
    needsDataset: false,
    run: (): StageOutput => {
      const dir = path.join(repoRoot(), "build", "bench-notebook");
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      fs.symlinkSync(path.join("..", "kit"), path.join(dir, "kit"));
      const cell = (source: string) => ({
        cell_type: "code",
        execution_count: null,
        metadata: {},
        outputs: [],
        source,
      });
      const notebook = {
        cells: [
          cell("const t0 = Date.now();"),
          cell('import * as kit from "./kit/index";'),
          cell('console.log("IMPORT_MS", Date.now() - t0, typeof kit.startNotebook);'),
        ],
        metadata: {
          kernelspec: { name: "tslab", display_name: "TypeScript (tslab, project-local)", language: "typescript" },
        },
        nbformat: 4,
        nbformat_minor: 4,
      };
      const file = path.join(dir, "first-cell.ipynb");
      fs.writeFileSync(file, JSON.stringify(notebook));
      spawnSync("node", [path.join(repoRoot(), "tools", "build_kit.cjs")], { stdio: "ignore" });
      const t0 = performance.now();
      const run = spawnSync(
        "/usr/bin/python3",
        [path.join(repoRoot(), "tools", "run_notebooks.py"), "--out", dir, file],
        {
          encoding: "utf8",
          // Without the compile cache: the import cell as a kernel compiles it the first time.
          env: { ...process.env, JUPYTER_PATH: path.join(repoRoot(), "jupyter"), KIT_CELL_CACHE: "off" },
        },
      );
      const total = (performance.now() - t0) / 1000;
      const executed = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
      const ms = /IMPORT_MS (\d+) function/.exec(executed)?.[1];
      fs.rmSync(dir, { recursive: true, force: true });
      if (run.status !== 0 || ms === undefined)
        throw new Error(`bench/stages-notebooks: the import notebook failed\n${run.stderr}`);
      const seconds = Number(ms) / 1000;
      return {
        ok: seconds <= 3,
        note: `import cell ${seconds.toFixed(2)} s; kernel start to last cell ${total.toFixed(1)} s`,
      };
    },
  },
  {
    name: "figures-sample",
    description:
      "make figures on the shipped sample, the first run: every kit notebook through the kernel, two at a time, with an empty compile cache (as after a clone, or after a change to the kit's declarations)",
    budget: { seconds: 45 },
    tenX: { skip: NOTEBOOKS_AT_10X },
    needsDataset: false,
    run: (): StageOutput => {
      const cache = fs.mkdtempSync(path.join(os.tmpdir(), "bench-cell-cache-"));
      try {
        return sampleOutput(makeFigures({}, { KIT_CELL_CACHE: cache }));
      } finally {
        fs.rmSync(cache, { recursive: true, force: true });
      }
    },
  },
  {
    name: "figures-sample-again",
    description:
      "make figures on the shipped sample run again with nothing changed: every cell read from the compile cache",
    budget: { seconds: 45 },
    tenX: { skip: NOTEBOOKS_AT_10X },
    needsDataset: false,
    prepare: () => {
      fs.rmSync(AGAIN_CACHE, { recursive: true, force: true });
      makeFigures({}, { KIT_CELL_CACHE: AGAIN_CACHE });
    },
    run: (): StageOutput => {
      const output = sampleOutput(makeFigures({}, { KIT_CELL_CACHE: AGAIN_CACHE }));
      fs.rmSync(AGAIN_CACHE, { recursive: true, force: true });
      return output;
    },
  },
  {
    name: "figures-synthetic-full",
    description: `make figures DATASET=synthetic-full: every kit notebook at 1.86M models, two at a time; each kernel <= ${KERNEL_PEAK_BUDGET_GB} GB; the kernels' CPU seconds within ${NOTEBOOK_OVER_LIBRARY}x of the library stages' for the same work (${LIBRARY_STAGES.join(", ")})`,
    budget: { seconds: 150 },
    tenX: { skip: NOTEBOOKS_AT_10X },
    needsDataset: true,
    run: (): StageOutput => {
      const { peaks, times, cpu, cpuTotal, allocator } = makeFigures({ DATASET: "synthetic-full" });
      const worst = Object.entries(peaks).sort((a, b) => b[1] - a[1])[0] ?? ["none", 0];
      const library = librarySeconds();
      // The kernels run two at a time and the library stages one at a time, so their wall times do not compare; the
      // CPU seconds of all threads do: what the notebooks add to the library's work (loading the table in each
      // kernel, compiling cells, drawing) shows there whatever the parallelism.
      const ratio = library.cpu === null ? null : cpuTotal / library.cpu;
      const ok = worst[1] <= KERNEL_PEAK_BUDGET_GB && ratio !== null && ratio <= NOTEBOOK_OVER_LIBRARY;
      const per = Object.entries(peaks)
        .map(([nb, gb]) => `${nb} ${times[nb].toFixed(0)} s ${gb.toFixed(2)} GB CPU ${cpu[nb].toFixed(0)} s`)
        .join(", ");
      const cores = os.availableParallelism();
      const against =
        library.cpu === null
          ? "library stages' CPU not measured (run them first)"
          : `kernels' CPU ${cpuTotal.toFixed(0)} s against the library stages' ${library.cpu.toFixed(0)} s, ${ratio!.toFixed(2)}x (budget ${NOTEBOOK_OVER_LIBRARY}x); library wall ${library.wall?.toFixed(1)} s one stage at a time`;
      return {
        ok,
        cpuSeconds: cpuTotal,
        note: `largest kernel ${worst[0]} ${worst[1].toFixed(2)} GB (budget ${KERNEL_PEAK_BUDGET_GB}); ${against}; the kernels' CPU needs at least ${(cpuTotal / cores).toFixed(0)} s on ${cores} cores; ${per}; ${allocator}`,
      };
    },
  },
];
