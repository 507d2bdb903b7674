// The mock Hub of the acquisition tests (src/acquire/mockHub.ts, which the notebook and the benchmark
// use too), seeded from the real sample in data/sample, plus helpers shared by the test files.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after } from "node:test";
import { type MockHub, type MockHubOptions, sampleHubData, startMockHub } from "../../src/acquire/mockHub";
import { readTextFile } from "../../src/data/gzipFile";
import { SAMPLE_DIR, SAMPLE_LISTING } from "./data";

export * from "../../src/acquire/mockHub";

/** The folder of the real sample. */
export const HF_DATA = SAMPLE_DIR;

/** The objects of an NDJSON file (plain or .gz), in file order (blank lines skipped). */
export function readNdjson<T = Record<string, unknown>>(file: string): T[] {
  return readTextFile(file)
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as T);
}

/** The sample's listing lines, parsed, in file order. */
export function sampleListing(): Record<string, unknown>[] {
  return readNdjson(SAMPLE_LISTING);
}

/** A mock Hub serving the real sample (1,572 models, 1,415 cards). */
export function startSampleHub(options: MockHubOptions = {}): Promise<MockHub> {
  return startMockHub(sampleHubData(HF_DATA), options);
}

/**
 * A starter of sample hubs for one test file, all closed when the file's tests end: `const hub = sampleHubsForFile()`.
 */
export function sampleHubsForFile(): (options?: MockHubOptions) => Promise<MockHub> {
  const hubs: MockHub[] = [];
  after(() => Promise.all(hubs.map((h) => h.close())));
  return async (options: MockHubOptions = {}) => {
    const hub = await startSampleHub(options);
    hubs.push(hub);
    return hub;
  };
}

const tempDirs: string[] = [];
process.on("exit", () => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kit-acquire-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

/** A sleep that returns at once and records the waits asked for (ms). */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };
}
