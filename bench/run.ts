// Benchmark harness: runs pipeline stages (bench/stages.ts) on the synthetic-full dataset (or synthetic-10x), each in its
// own child process so peak RSS is per stage, checks them against their budgets and writes
// bench/results.json and bench/results.md (also printed). Usage: node --import tsx bench/run.ts [stage ...]
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { marginalTable } from "../src/synthetic/check";
import { SYNTHETIC_SIZES } from "../src/synthetic/generate";
import { repoRoot } from "../src/settings";
import type { ChildReport } from "./child";
import { totalSeconds } from "./stages-notebooks";
import {
  type Budget,
  type StageContext,
  type StageOutput,
  STAGES,
  TEN_X_RSS_GB,
  budgetAt,
  datasetIsCurrent,
  stageContext,
  stageNamed,
} from "./stages";

/** One stage's result in results.json. */
interface StageResult {
  stage: string;
  description: string;
  status: "pass" | "fail" | "error" | "not runnable";
  wallSeconds: number | null;
  /** CPU seconds of the measured work over all threads (absent in results recorded before it was measured). */
  cpuSeconds?: number | null;
  peakRssGb: number | null;
  mbPerSecond: number | null;
  budget: Budget;
  output: StageOutput;
  prepareSeconds: number | null;
  note: string;
  at: string;
}

const BENCH_DIR = path.join(repoRoot(), "bench");
const PACKAGES = ["nodejs-polars", "nodejs-polars-linux-x64-gnu", "typescript", "tsx"];

/** Runs one phase of a stage in a child process and returns its report. */
function runChild(stage: string, phase: "run" | "prepare"): ChildReport {
  const out = path.join(os.tmpdir(), `bench-${stage}-${phase}-${process.pid}.json`);
  const child = spawnSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", path.join(BENCH_DIR, "child.ts"), stage, phase, out],
    {
      cwd: repoRoot(),
      stdio: ["ignore", "inherit", "inherit"],
      env: process.env,
    },
  );
  try {
    if (child.status !== 0 || !fs.existsSync(out)) {
      return {
        stage,
        phase,
        wallSeconds: 0,
        cpuSeconds: 0,
        peakRssGb: 0,
        output: {},
        error: `child exited with ${child.status ?? child.signal}`,
      };
    }
    return JSON.parse(fs.readFileSync(out, "utf8")) as ChildReport;
  } finally {
    fs.rmSync(out, { force: true });
  }
}

/** Which budget bounds a run broke (empty when it passed). */
function budgetFailures(budget: Budget, report: ChildReport, mbPerSecond: number | null): string[] {
  const failures: string[] = [];
  if (budget.seconds !== undefined && report.wallSeconds > budget.seconds)
    failures.push(`${report.wallSeconds.toFixed(1)} s > ${budget.seconds} s`);
  if (budget.mbPerSecond !== undefined && (mbPerSecond ?? 0) < budget.mbPerSecond)
    failures.push(`${(mbPerSecond ?? 0).toFixed(0)} MB/s < ${budget.mbPerSecond} MB/s`);
  if (budget.rssGb !== undefined && report.peakRssGb > budget.rssGb)
    failures.push(`peak RSS ${report.peakRssGb.toFixed(2)} GB > ${budget.rssGb} GB`);
  if (report.output.ok === false) failures.push("stage check failed");
  return failures;
}

/** Runs one stage (preparing its inputs first) and judges it. */
function benchStage(name: string, ctx: StageContext): StageResult {
  const stage = stageNamed(name);
  const budget = budgetAt(stage, ctx) ?? {};
  const base = { stage: name, description: stage.description, budget, at: new Date().toISOString() };
  const empty = {
    wallSeconds: null,
    cpuSeconds: null,
    peakRssGb: null,
    mbPerSecond: null,
    prepareSeconds: null,
    output: {},
  };
  const why =
    ctx.scale === "10x" && stage.tenX && "skip" in stage.tenX ? stage.tenX.skip : (stage.unavailable?.(ctx) ?? null);
  if (why) return { ...base, ...empty, status: "not runnable", note: why };
  const notes: string[] = [];
  if (stage.needsDataset && !datasetIsCurrent(ctx)) {
    console.error(`bench: ${ctx.dataset} is missing or stale; generating it`);
    const gen = runChild("generate", "run");
    if (gen.error) return { ...base, ...empty, status: "error", note: "generating the dataset failed: " + gen.error };
    notes.push(`dataset generated first (${gen.wallSeconds.toFixed(1)} s)`);
  }
  let prepareSeconds: number | null = null;
  if (stage.prepare) {
    console.error(`bench: preparing ${name}`);
    const prep = runChild(name, "prepare");
    if (prep.error) return { ...base, ...empty, status: "error", note: "prepare failed: " + prep.error };
    prepareSeconds = prep.wallSeconds;
  }
  console.error(`bench: running ${name}`);
  const report = runChild(name, "run");
  const mbPerSecond =
    report.output.bytes && report.wallSeconds > 0 ? report.output.bytes / 1e6 / report.wallSeconds : null;
  if (report.error) {
    console.error(`bench: ${name} failed: ${report.error}`); // the whole text; the results keep its first line
    return { ...base, ...empty, prepareSeconds, status: "error", note: report.error.split("\n")[0] };
  }
  const failures = budgetFailures(budget, report, mbPerSecond);
  if (report.output.note) notes.push(report.output.note);
  notes.push(...failures);
  return {
    ...base,
    status: failures.length ? "fail" : "pass",
    wallSeconds: report.wallSeconds,
    cpuSeconds: report.cpuSeconds,
    peakRssGb: report.peakRssGb,
    mbPerSecond,
    prepareSeconds,
    output: report.output,
    note: notes.join("; "),
  };
}

function packageVersion(name: string): string {
  try {
    const file = path.join(repoRoot(), "node_modules", name, "package.json");
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGb: Number((os.totalmem() / 1e9).toFixed(1)),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    polarsThreads: process.env.POLARS_MAX_THREADS ?? "default",
  };
}

function budgetText(b: Budget): string {
  return [
    b.seconds !== undefined ? `<= ${b.seconds} s` : "",
    b.mbPerSecond !== undefined ? `>= ${b.mbPerSecond} MB/s` : "",
    b.rssGb !== undefined ? `RSS <= ${b.rssGb} GB` : "",
  ]
    .filter(Boolean)
    .join(", ");
}

/** results.md: machine, versions, the stage table and the full-size marginal checks. */
function markdown(results: StageResult[], info: Record<string, unknown>): string {
  const m = info.machine as Record<string, string | number>;
  const versions = info.packages as Record<string, string>;
  const fmt = (x: number | null, digits: number) => (x === null ? "-" : x.toFixed(digits));
  const lines = [
    "# Benchmark results",
    "",
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM, ${m.os}; Node ${m.node}; POLARS_MAX_THREADS ${m.polarsThreads}.`,
    `Packages: ${Object.entries(versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}.`,
    `Dataset: ${info.dataset} (synthetic-full, seed ${info.seed}). Timings are wall clock on a shared machine (about ±30%); CPU s adds every thread's time (polars runs several).`,
    "",
    "| stage | wall s | CPU s | peak RSS GB | MB/s | budget | result | run at (UTC) | note |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...results.map(
      (r) =>
        `| ${r.stage} | ${fmt(r.wallSeconds, 1)} | ${fmt(r.cpuSeconds ?? null, 1)} | ${fmt(r.peakRssGb, 2)} | ${fmt(r.mbPerSecond, 0)} | ${budgetText(r.budget)} | ${r.status} | ${r.at.slice(0, 16).replace("T", " ")} | ${r.note.replace(/\|/g, "/")} |`,
    ),
  ];
  const checks = results.find((r) => r.stage === "marginals")?.output.checks;
  if (checks) lines.push("", "## Marginals of synthetic-full against the paper", "", marginalTable(checks));
  return lines.join("\n") + "\n";
}

/** Stages whose sum is the paper's metadata pipeline at 18.6M (its budget is METADATA_PIPELINE_SECONDS). */
const METADATA_PIPELINE = [
  "read-parquet",
  "derive-tags",
  "lineage-graph",
  "families",
  "drift-tables",
  "ordering-n20",
  "ordering-n22",
];
/** Budget of the metadata pipeline at 18.6M models, seconds. */
const METADATA_PIPELINE_SECONDS = 180;
/** The memory a projection runs out at: this machine's RAM, GB. */
const MACHINE_GB = 24;

/** What to move out of core, by stage, when it is the one that runs out of memory. */
const OUT_OF_CORE: Record<string, string> = {
  similarity:
    "the metadata columns are already streamed from the parquet a chunk at a time (`scanSnapshotParquet`, " +
    "`countTermsAsync`); what grows is the vocabulary fit's hash table of every distinct unigram and bigram (145M " +
    "terms, 5.4 GB at 18.6M models, most of them model and object ids seen once). Count the terms out of core " +
    "instead (DuckDB `GROUP BY` over the token stream, or polars' streaming engine over an exploded token column) and " +
    "keep only the terms that can reach the 512 kept ones; the document frequencies of those 512 are one more pass.",
  "read-parquet":
    "a notebook's `loadDataset(settings)` holds every column. Read only the columns its steps need " +
    "(`loadDataset(settings, { columns })`), or keep the table as a lazy `pl.scanParquet` and collect with the " +
    "streaming engine.",
  marginals:
    "the checks join edge attributes on both ends. Run them as lazy queries over `pl.scanParquet` with the streaming " +
    "engine, or as SQL in DuckDB over the same parquet.",
  "drift-tables":
    "the trait columns of all models sit in memory as typed arrays; build them from a scan of the five parent columns " +
    "and the four trait columns only, or compute the per-edge transitions in DuckDB and read back the counts.",
  default:
    "scan the parquet lazily with projection and predicate pushdown and collect with polars' streaming engine " +
    "(`pl.scanParquet(file)` ... `.collect({ streaming: true })` or `.sinkParquet()`), or query it with DuckDB.",
};

/** The results file of a size: results.json at 1.86M, results-10x.json at 18.6M. */
function resultsPath(scale: StageContext["scale"]): string {
  return path.join(BENCH_DIR, scale === "full" ? "results.json" : "results-10x.json");
}

function readResults(scale: StageContext["scale"]): StageResult[] {
  const file = resultsPath(scale);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")).stages as StageResult[]) : [];
}

/**
 * Models at which a stage's peak memory reaches `gb`, from a straight line through its two measured sizes; null when
 * memory does not grow. Example: `projectedModels(1.86e6, 1.2, 18.6e6, 11, 24)` is about 40M.
 */
export function projectedModels(n1: number, gb1: number, n2: number, gb2: number, gb: number): number | null {
  const slope = (gb2 - gb1) / (n2 - n1);
  if (!(slope > 0)) return null;
  return n1 + (gb - gb1) / slope;
}

/** The headroom section of results.md: every stage at both sizes, the ratios, the projection and the budgets. */
function headroomMarkdown(full: StageResult[], tenX: StageResult[]): string[] {
  const n1 = SYNTHETIC_SIZES.full;
  const n2 = SYNTHETIC_SIZES["10x"];
  const fmt = (x: number | null | undefined, digits: number) =>
    x === null || x === undefined ? "-" : x.toFixed(digits);
  const millions = (n: number | null) => (n === null ? "memory does not grow" : `${(n / 1e6).toFixed(0)}M`);
  const rows: string[] = [];
  const projections: { stage: string; models: number }[] = [];
  for (const big of tenX) {
    const small = full.find((r) => r.stage === big.stage);
    if (big.status === "not runnable") {
      rows.push(
        `| ${big.stage} | ${fmt(small?.wallSeconds, 1)} | ${fmt(small?.peakRssGb, 2)} | - | - | - | - | - | not run | ${big.note} |`,
      );
      continue;
    }
    const t1 = small?.wallSeconds ?? null;
    const m1 = small?.peakRssGb ?? null;
    const t2 = big.wallSeconds;
    const m2 = big.peakRssGb;
    const projected = m1 !== null && m2 !== null ? projectedModels(n1, m1, n2, m2, MACHINE_GB) : null;
    if (projected !== null) projections.push({ stage: big.stage, models: projected });
    rows.push(
      `| ${big.stage} | ${fmt(t1, 1)} | ${fmt(m1, 2)} | ${fmt(t2, 1)} | ${fmt(m2, 2)} | ${t1 && t2 ? (t2 / t1).toFixed(1) : "-"} | ${m1 && m2 ? (m2 / m1).toFixed(1) : "-"} | ${budgetText(big.budget)} | ${big.status} | ${m1 !== null && m2 !== null ? millions(projected) : "-"} |`,
    );
  }
  const pipeline1 = totalSeconds(full, METADATA_PIPELINE, "wallSeconds");
  const pipeline2 = totalSeconds(tenX, METADATA_PIPELINE, "wallSeconds");
  const similarity2 = tenX.find((r) => r.stage === "similarity")?.wallSeconds ?? null;
  const peak2 = Math.max(0, ...tenX.map((r) => r.peakRssGb ?? 0));
  projections.sort((a, b) => a.models - b.models);
  const first = projections[0];
  const verdict = (ok: boolean | null) => (ok === null ? "not measured" : ok ? "pass" : "fail");
  return [
    "",
    `## Headroom: ${n1.toLocaleString("en-US")} and ${n2.toLocaleString("en-US")} models`,
    "",
    "`make bench DATASET=synthetic-10x` runs the stages at ten times the paper's snapshot (bench/results-10x.json);",
    `every run there is held to ${TEN_X_RSS_GB} GB of peak memory. The last column is where a straight line through`,
    `the two measured peaks reaches this machine's ${MACHINE_GB} GB.`,
    "",
    `| stage | 1.86M s | 1.86M GB | 18.6M s | 18.6M GB | time x | memory x | 18.6M budget | result | ${MACHINE_GB} GB reached at |`,
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    `- Metadata pipeline (${METADATA_PIPELINE.join(", ")}): ${fmt(pipeline1, 1)} s at 1.86M, ${fmt(pipeline2, 1)} s at 18.6M` +
      ` (budget ${METADATA_PIPELINE_SECONDS} s): ${verdict(pipeline2 === null ? null : pipeline2 <= METADATA_PIPELINE_SECONDS)}.`,
    `- Similarity at 18.6M: ${fmt(similarity2, 1)} s (budget 360 s): ${verdict(similarity2 === null ? null : similarity2 <= 360)}.`,
    `- Largest peak at 18.6M: ${peak2.toFixed(2)} GB (budget ${TEN_X_RSS_GB} GB): ${verdict(tenX.length === 0 ? null : peak2 <= TEN_X_RSS_GB)}.`,
    first
      ? `- Largest snapshot this machine takes: about ${millions(first.models)} models, where ${first.stage} reaches ${MACHINE_GB} GB` +
        (projections[1] ? ` (next: ${projections[1].stage} at ${millions(projections[1].models)}).` : ".")
      : "- Largest snapshot this machine takes: not projected (no stage measured at both sizes).",
    "",
    "### Where it would break next",
    "",
    "Every stage holds its input in memory, so memory runs out before time does. What to do for the first stages to",
    "run out, for a user with ten times more again (about 190M models):",
    "",
    ...projections
      .slice(0, 3)
      .map((p) => `- ${p.stage} (about ${millions(p.models)} models): ${OUT_OF_CORE[p.stage] ?? OUT_OF_CORE.default}`),
    "",
    "The kit's table contract makes each of these a change of loader, not of analysis: every stage takes the canonical",
    "snapshot schema (src/data/schema.ts) projected to the columns it needs, the lineage stages need only `id` and the",
    "five parent columns, which become typed arrays indexed by node id (about 40 bytes per model and edge at any size),",
    "and the similarity protocol scores 5,000 pairs per configuration whatever the snapshot's size, so only its",
    "vocabulary fit reads the whole corpus.",
  ];
}

/** results.md: the 1.86M table and marginal checks, then the headroom section when 18.6M results exist. */
function writeMarkdown(info: Record<string, unknown>): string {
  const md = markdown(readResults("full"), info);
  const tenX = readResults("10x");
  return tenX.length ? md + headroomMarkdown(readResults("full"), tenX).join("\n") + "\n" : md;
}

function main(): void {
  const names = process.argv.slice(2);
  for (const name of names) stageNamed(name);
  const selected = names.length ? STAGES.filter((s) => names.includes(s.name)) : STAGES;
  const ctx = stageContext();
  fs.mkdirSync(ctx.dataDir, { recursive: true });
  const jsonPath = resultsPath(ctx.scale);
  const previous = readResults(ctx.scale);
  const info = {
    machine: machine(),
    packages: Object.fromEntries(PACKAGES.map((p) => [p, packageVersion(p)])),
    dataset: path.relative(repoRoot(), ctx.dataset),
    seed: ctx.seed,
    models: ctx.models,
  };
  // Each stage's result is recorded as soon as it ends, so a later stage of the same run (figures-synthetic-full
  // reads the library stages' times) sees it, and an interrupted run keeps what it measured.
  const fresh: StageResult[] = [];
  for (const stage of selected) {
    fresh.push(benchStage(stage.name, ctx));
    const stages = STAGES.map(
      (s) => fresh.find((r) => r.stage === s.name) ?? previous.find((r) => r.stage === s.name),
    ).filter((r): r is StageResult => r !== undefined);
    fs.writeFileSync(jsonPath, JSON.stringify({ ...info, stages }, null, 2) + "\n");
  }
  const fullInfo =
    ctx.scale === "full" ? info : (JSON.parse(fs.readFileSync(resultsPath("full"), "utf8")) as Record<string, unknown>);
  const md = writeMarkdown(fullInfo);
  fs.writeFileSync(path.join(BENCH_DIR, "results.md"), md);
  process.stdout.write(md);
  if (fresh.some((r) => r.status === "error")) process.exitCode = 1;
}

main();
