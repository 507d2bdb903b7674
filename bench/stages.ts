// The benchmark's stage registry: each pipeline stage runs on the `synthetic-full` dataset (1,860,411
// calibrated synthetic models, docs/methods.md §2.1) in its own process, against a budget (the stage's `budget`, set
// from measured polars costs on a 2-core machine). To benchmark a new stage, add one entry to STAGES.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type pl from "nodejs-polars";
import { type StoredSyntheticSize, storedSyntheticSize, syntheticSnapshotPath } from "../src/datasets";
import { readSnapshotParquet } from "../src/data/parquet";
import { readReleasedCsv } from "../src/data/releasedCsv";
import { writeReleasedCsv } from "../src/data/releasedCsvWriter";
import { SYNTHETIC_SIZES, writeSyntheticParquet } from "../src/synthetic/generate";
import { type MarginalCheck, checkSyntheticMarginals } from "../src/synthetic/check";
import { MEASURED_COLUMNS, measureSnapshot } from "../src/synthetic/measure";
import { deriveFromTags } from "../src/data/tags";
import { loadSettings, repoRoot, type Settings } from "../src/settings";
import { ACQUIRE_STAGES } from "./stages-acquire";
import { DRIFT_STAGES } from "./stages-drift";
import { INFER_STAGES } from "./stages-infer";
import { LINEAGE_STAGES } from "./stages-lineage";
import { NOTEBOOK_STAGES } from "./stages-notebooks";
import { NULLS_STAGES } from "./stages-nulls";
import { SIMILARITY_STAGES } from "./stages-similarity";
import { SIMULATE_STAGES } from "./stages-simulate";

/** Budget of a stage; every given bound must hold for the stage to pass. */
export interface Budget {
  /** Most wall seconds of the measured work. */
  seconds?: number;
  /** Least throughput, MB of input per wall second. */
  mbPerSecond?: number;
  /** Most peak resident memory of the stage's process, GB. */
  rssGb?: number;
}

/** What a stage's measured work reports besides its time. */
export interface StageOutput {
  /** Input bytes (for MB/s). */
  bytes?: number;
  rows?: number;
  /** False when the stage's own check failed (e.g. a marginal outside its tolerance). */
  ok?: boolean;
  note?: string;
  /**
   * CPU seconds of the work when it ran in other processes (the notebook kernels of `make figures`), recorded instead
   * of the stage process's own.
   */
  cpuSeconds?: number;
  /** Marginal checks (the marginals stage). */
  checks?: MarginalCheck[];
}

/** Paths and settings a stage works with. */
export interface StageContext {
  /** The run's settings with the benchmarked dataset (synthetic-full or synthetic-10x): `loadDataset(ctx.settings)`. */
  settings: Settings;
  dataDir: string;
  seed: number;
  /** The size benchmarked: "full" (1,860,411 models, DATASET unset or synthetic-full) or "10x" (DATASET=synthetic-10x). */
  scale: StoredSyntheticSize;
  /** Models of that size. */
  models: number;
  /** The synthetic canonical parquet of that size. */
  dataset: string;
  /** The released-format CSV built from it. */
  releasedCsv: string;
}

/** One benchmarked stage. */
export interface BenchStage {
  name: string;
  /** What is measured, with the paper section it serves. */
  description: string;
  budget: Budget;
  /** Needs the synthetic-full parquet (generated first if missing or made by other generator code). */
  needsDataset: boolean;
  /** Null when the stage can run, else why not. */
  unavailable?: (ctx: StageContext) => string | null;
  /**
   * At 18.6M models (DATASET=synthetic-10x): the stage's budget there, or why the stage is not run at that size
   * [not run]. Every run there is also held to TEN_X_RSS_GB.
   */
  tenX?: { budget: Budget } | { skip: string };
  /** Untimed setup, in its own process before the measured one (so it does not count toward peak RSS). */
  prepare?: (ctx: StageContext) => Promise<void> | void;
  /** Untimed loading inside the measured process; its result is passed to `run`. */
  load?: (ctx: StageContext) => unknown;
  /** The measured work. */
  run: (ctx: StageContext, loaded: unknown) => Promise<StageOutput> | StageOutput;
}

/** Most peak memory of any stage at 18.6M models, GB (of this machine's 24). */
export const TEN_X_RSS_GB = 16;

/** Paths of the benchmark's datasets under settings.dataDir, at the size DATASET names (synthetic-full by default). */
export function stageContext(): StageContext {
  const chosen = loadSettings();
  const scale = storedSyntheticSize(chosen.dataset) ?? "full";
  const settings = loadSettings({ dataset: `synthetic-${scale}` });
  const dataset = syntheticSnapshotPath(settings, scale); // the file loadDataset uses for DATASET=synthetic-<scale>
  return {
    settings,
    dataDir: settings.dataDir,
    seed: settings.seed,
    scale,
    models: SYNTHETIC_SIZES[scale],
    dataset,
    releasedCsv: dataset.replace(/\.parquet$/, "-released.csv"),
  };
}

/** The budget of a stage at the context's size, or null when it is not run at that size. */
export function budgetAt(stage: BenchStage, ctx: StageContext): Budget | null {
  if (ctx.scale === "full") return stage.budget;
  if (!stage.tenX || "skip" in stage.tenX) return null;
  return { ...stage.tenX.budget, rssGb: Math.min(stage.tenX.budget.rssGb ?? TEN_X_RSS_GB, TEN_X_RSS_GB) };
}

/** Files of src/synthetic/ that measure a table rather than make one (an edit there does not change the dataset). */
const MEASURING_FILES = ["measure.ts", "check.ts", "index.ts"];

/** Files whose content determines the synthetic dataset (with n and the seed): the generator and what it imports. */
function generatorFiles(): string[] {
  const src = path.join(repoRoot(), "src");
  const data = path.join(src, "data");
  const synthetic = path.join(src, "synthetic");
  return [
    path.join(src, "random.ts"),
    path.join(src, "paper.ts"),
    path.join(data, "schema.ts"),
    path.join(data, "languages.ts"),
    path.join(data, "languageNames.ts"),
    path.join(data, "tags.ts"),
    ...fs
      .readdirSync(synthetic)
      .filter((f) => f.endsWith(".ts") && !MEASURING_FILES.includes(f))
      .sort()
      .map((f) => path.join(synthetic, f)),
  ];
}

/** Signature of the synthetic dataset the current code would generate: n, seed and generator sources. */
export function datasetSignature(ctx: StageContext): string {
  const hash = crypto.createHash("sha1").update(JSON.stringify({ n: ctx.models, seed: ctx.seed }));
  for (const file of generatorFiles()) hash.update(fs.readFileSync(file));
  return hash.digest("hex");
}

/** The signature recorded next to a file (`<file>.source.json`), or null. */
function recordedSignature(file: string): string | null {
  const sidecar = `${file}.source.json`;
  if (!fs.existsSync(file) || !fs.existsSync(sidecar)) return null;
  return (JSON.parse(fs.readFileSync(sidecar, "utf8")) as { signature?: string }).signature ?? null;
}

function recordSignature(file: string, signature: string): void {
  fs.writeFileSync(`${file}.source.json`, JSON.stringify({ signature }) + "\n");
}

/** True when the dataset on disk is what the current generator code makes. */
export function datasetIsCurrent(ctx: StageContext): boolean {
  return recordedSignature(ctx.dataset) === datasetSignature(ctx);
}

/**
 * Generates all models of the context's size into a temporary file and installs it as data/synthetic-<size>.parquet
 * unless the installed one already comes from the same code and seed (then derived files stay valid).
 */
export async function generateDataset(ctx: StageContext): Promise<StageOutput> {
  const tmp = `${ctx.dataset}.generated.tmp`;
  const result = await writeSyntheticParquet(tmp, { n: ctx.models, seed: ctx.seed });
  if (datasetIsCurrent(ctx)) fs.rmSync(tmp);
  else {
    fs.renameSync(tmp, ctx.dataset);
    recordSignature(ctx.dataset, datasetSignature(ctx));
  }
  return { rows: result.rows, note: `wrote ${(result.bytes / 1e6).toFixed(0)} MB zstd parquet` };
}

/** Builds the released-format CSV from the dataset unless the one on disk was built from the same dataset. */
function buildReleasedCsv(ctx: StageContext): void {
  const signature = datasetSignature(ctx);
  if (recordedSignature(ctx.releasedCsv) === signature) return;
  const tmp = `${ctx.releasedCsv}.${process.pid}.tmp`;
  writeReleasedCsv(readSnapshotParquet(ctx.dataset), tmp, { progress: true });
  fs.renameSync(tmp, ctx.releasedCsv);
  recordSignature(ctx.releasedCsv, signature);
}

/** The registry, in run order. */
export const STAGES: BenchStage[] = [
  {
    name: "generate",
    description:
      "generate the synthetic models (1,860,411, or 18,604,110 at 10x) and write zstd parquet in chunks (§2.1 scale)",
    budget: { seconds: 60 },
    tenX: { budget: { seconds: 300 } },
    needsDataset: false,
    run: (ctx) => generateDataset(ctx),
  },
  {
    name: "read-parquet",
    description: "read the canonical parquet, all columns, schema checked (notes C4 ingest)",
    budget: { seconds: 3 },
    tenX: { budget: { seconds: 30 } },
    needsDataset: true,
    run: (ctx) => {
      const table = readSnapshotParquet(ctx.dataset);
      return { rows: table.height, bytes: fs.statSync(ctx.dataset).size };
    },
  },
  {
    name: "derive-tags",
    description: "derive the ten list columns from tags with deriveFromTags (§2.3)",
    budget: { seconds: 10 },
    tenX: { budget: { seconds: 100 } },
    needsDataset: true,
    load: (ctx) => readSnapshotParquet(ctx.dataset, ["tags"]),
    run: (_ctx, loaded) => {
      const tags = loaded as pl.DataFrame;
      const derived = deriveFromTags(tags);
      return { rows: derived.height };
    },
  },
  {
    name: "read-csv",
    description: "read the released CSV format (§2.2-2.3) built from the synthetic table, cards of the right lengths",
    budget: { mbPerSecond: 50, rssGb: 6 },
    tenX: { skip: "the released CSV of 18.6M models would be about 52 GB of text; at this size the parquet is read" },
    needsDataset: true,
    prepare: (ctx) => buildReleasedCsv(ctx),
    run: async (ctx) => {
      const { table, report } = await readReleasedCsv(ctx.releasedCsv, { progress: false });
      return {
        rows: table.height,
        bytes: report.bytes,
        ok: report.rowsSkipped === 0,
        note: `${(report.bytes / 1e9).toFixed(2)} GB`,
      };
    },
  },
  {
    name: "marginals",
    description:
      "measure the full-size marginals and check them against the paper (synthetic-check.ts); passes when all checks do",
    budget: {},
    needsDataset: true,
    tenX: { budget: {} },
    load: (ctx) => readSnapshotParquet(ctx.dataset, [...MEASURED_COLUMNS]),
    run: (_ctx, loaded) => {
      const checks = checkSyntheticMarginals(measureSnapshot(loaded as pl.DataFrame));
      const failed = checks.filter((c) => !c.pass).map((c) => c.key);
      return {
        rows: (loaded as pl.DataFrame).height,
        ok: failed.length === 0,
        checks,
        note: failed.length ? `failed: ${failed.join("; ")}` : `${checks.length} checks pass`,
      };
    },
  },
];

// Stages of later pipeline steps live beside their topic and register here.
STAGES.push(...LINEAGE_STAGES, ...DRIFT_STAGES, ...SIMILARITY_STAGES, ...ACQUIRE_STAGES);
STAGES.push(...INFER_STAGES);
STAGES.push(...SIMULATE_STAGES, ...NULLS_STAGES);
STAGES.push(...NOTEBOOK_STAGES);

/** The stage called `name`: `stageNamed("read-csv")`. */
export function stageNamed(name: string): BenchStage {
  const stage = STAGES.find((s) => s.name === name);
  if (!stage) throw new Error(`bench: unknown stage "${name}"; stages are ${STAGES.map((s) => s.name).join(", ")}`);
  return stage;
}
