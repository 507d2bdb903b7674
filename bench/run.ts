// Benchmark harness: runs pipeline stages (bench/stages.ts) on the synthetic-full dataset, each in its
// own child process so peak RSS is per stage, checks them against their budgets and writes
// bench/results.json and bench/results.md (also printed). Usage: node --import tsx bench/run.ts [stage ...]
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { marginalTable } from "../src/synthetic/check";
import { repoRoot } from "../src/settings";
import type { ChildReport } from "./child";
import {
  type Budget,
  type StageContext,
  type StageOutput,
  STAGES,
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
  const child = spawnSync(process.execPath, ["--import", "tsx", path.join(BENCH_DIR, "child.ts"), stage, phase, out], {
    cwd: repoRoot(),
    stdio: ["ignore", "inherit", "inherit"],
    env: process.env,
  });
  try {
    if (child.status !== 0 || !fs.existsSync(out)) {
      return {
        stage,
        phase,
        wallSeconds: 0,
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
  const base = { stage: name, description: stage.description, budget: stage.budget, at: new Date().toISOString() };
  const empty = { wallSeconds: null, peakRssGb: null, mbPerSecond: null, prepareSeconds: null, output: {} };
  const why = stage.unavailable?.(ctx) ?? null;
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
  if (report.error) return { ...base, ...empty, prepareSeconds, status: "error", note: report.error.split("\n")[0] };
  const failures = budgetFailures(stage.budget, report, mbPerSecond);
  if (report.output.note) notes.push(report.output.note);
  notes.push(...failures);
  return {
    ...base,
    status: failures.length ? "fail" : "pass",
    wallSeconds: report.wallSeconds,
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
    `Dataset: ${info.dataset} (synthetic-full, seed ${info.seed}). Timings are wall clock on a shared machine (about ±30%).`,
    "",
    "| stage | wall s | peak RSS GB | MB/s | budget | result | run at (UTC) | note |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...results.map(
      (r) =>
        `| ${r.stage} | ${fmt(r.wallSeconds, 1)} | ${fmt(r.peakRssGb, 2)} | ${fmt(r.mbPerSecond, 0)} | ${budgetText(r.budget)} | ${r.status} | ${r.at.slice(0, 16).replace("T", " ")} | ${r.note.replace(/\|/g, "/")} |`,
    ),
  ];
  const checks = results.find((r) => r.stage === "marginals")?.output.checks;
  if (checks) lines.push("", "## Marginals of synthetic-full against the paper", "", marginalTable(checks));
  return lines.join("\n") + "\n";
}

function main(): void {
  const names = process.argv.slice(2);
  for (const name of names) stageNamed(name);
  const selected = names.length ? STAGES.filter((s) => names.includes(s.name)) : STAGES;
  const ctx = stageContext();
  fs.mkdirSync(ctx.dataDir, { recursive: true });
  const jsonPath = path.join(BENCH_DIR, "results.json");
  const previous = fs.existsSync(jsonPath)
    ? (JSON.parse(fs.readFileSync(jsonPath, "utf8")).stages as StageResult[])
    : [];
  const fresh = selected.map((s) => benchStage(s.name, ctx));
  const stages = STAGES.map(
    (s) => fresh.find((r) => r.stage === s.name) ?? previous.find((r) => r.stage === s.name),
  ).filter((r): r is StageResult => r !== undefined);
  const info = {
    machine: machine(),
    packages: Object.fromEntries(PACKAGES.map((p) => [p, packageVersion(p)])),
    dataset: path.relative(repoRoot(), ctx.dataset),
    seed: ctx.seed,
  };
  fs.writeFileSync(jsonPath, JSON.stringify({ ...info, stages }, null, 2) + "\n");
  const md = markdown(stages, info);
  fs.writeFileSync(path.join(BENCH_DIR, "results.md"), md);
  process.stdout.write(md);
  if (fresh.some((r) => r.status === "error")) process.exitCode = 1;
}

main();
