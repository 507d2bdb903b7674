// Runs one phase of one benchmark stage in this process and writes what it measured as JSON, so the
// parent (bench/run.ts) gets a per-stage peak RSS. Usage: node --import tsx bench/child.ts <stage> <run|prepare>
// <out.json>
import * as fs from "node:fs";
import { type StageOutput, stageContext, stageNamed } from "./stages";

/** What one child reports to bench/run.ts. */
export interface ChildReport {
  stage: string;
  phase: "run" | "prepare";
  wallSeconds: number;
  /** CPU seconds of the measured phase, user and system, over all of the process's threads (polars' included). */
  cpuSeconds: number;
  /** process.resourceUsage().maxRSS, in GB. */
  peakRssGb: number;
  output: StageOutput;
  error?: string;
}

async function main(): Promise<void> {
  const [name, phase, out] = process.argv.slice(2);
  if (!name || (phase !== "run" && phase !== "prepare") || !out)
    throw new Error("usage: bench/child.ts <stage> <run|prepare> <out.json>");
  const stage = stageNamed(name);
  const ctx = stageContext();
  let output: StageOutput = {};
  let error: string | undefined;
  let seconds = 0;
  let cpu = 0;
  /** Runs the measured work, keeping its wall and CPU seconds. */
  const measure = async <T>(work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const out = await work();
    seconds = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(c0);
    cpu = (used.user + used.system) / 1e6;
    return out;
  };
  try {
    if (phase === "prepare") await measure(() => stage.prepare?.(ctx));
    else {
      const loaded = stage.load?.(ctx);
      output = await measure(() => stage.run(ctx, loaded));
    }
  } catch (e) {
    error = e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e);
  }
  const report: ChildReport = {
    stage: name,
    phase,
    wallSeconds: seconds,
    cpuSeconds: output.cpuSeconds ?? cpu,
    peakRssGb: process.resourceUsage().maxRSS / 1e6,
    output,
    error,
  };
  fs.writeFileSync(out, JSON.stringify(report));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
