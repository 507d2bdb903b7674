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
  try {
    if (phase === "prepare") {
      const t0 = performance.now();
      await stage.prepare?.(ctx);
      seconds = (performance.now() - t0) / 1000;
    } else {
      const loaded = stage.load?.(ctx);
      const t0 = performance.now();
      output = await stage.run(ctx, loaded);
      seconds = (performance.now() - t0) / 1000;
    }
  } catch (e) {
    error = e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e);
  }
  const report: ChildReport = {
    stage: name,
    phase,
    wallSeconds: seconds,
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
