// The real data the tests read: the datasets shipped in data/ (data/README.md) and the authors' reference results
// in data/reference/. The released-CSV form of a dataset is not shipped; it is derived from the listing form once
// per test process and checked against the sha256 of the authors' own file (data/README.md).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeReleasedCsvOfFolder } from "../../src/data/releasedCsvWriter";
import { repoRoot } from "../../src/settings";

export const ROOT = repoRoot();
export const SAMPLE_DIR = path.join(ROOT, "data/sample");
export const SMOLLM2_DIR = path.join(ROOT, "data/smollm2");
export const RADAR_DIR = path.join(ROOT, "data/radar");
export const SAMPLE_LISTING = path.join(SAMPLE_DIR, "listing.ndjson.gz");
export const SAMPLE_CARDS = path.join(SAMPLE_DIR, "cards.ndjson.gz");
export const SMOLLM2_LISTING = path.join(SMOLLM2_DIR, "listing.ndjson.gz");
export const SMOLLM2_EDGES = path.join(SMOLLM2_DIR, "edges.csv");
export const RADAR_LISTING = path.join(RADAR_DIR, "listing.ndjson.gz");
export const ARXIV_CACHE = path.join(ROOT, "data/arxiv/arxiv_all_categories_dict.txt.gz");
export const PAPER_KEY_STATS_FILE = path.join(ROOT, "data/reference/paper-key-stats.json");

/** sha256 of the authors' released-format CSV of each dataset (data/README.md), which the derived CSV must equal. */
export const AUTHORS_CSV_SHA256 = {
  sample: "595d4f62a20cac0297f5cb87b5b94bd49a60965da6655bc0c9db758cd142ff42",
  smollm2: "525746e433b9ef04a67b378f8055dd4bab4319f30056adc45bc92bbfc576f77e",
} as const;

/** The parsed reference results of a shipped dataset: `referenceResults("sample").graph.full.edges.value`. */
export function referenceResults(dataset: "sample" | "smollm2"): any {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "data/reference", `${dataset}.json`), "utf8"));
}

/** The paper's population numbers: `paperKeyStats().graph.nodes` is 1860411. */
export function paperKeyStats(): any {
  return JSON.parse(fs.readFileSync(PAPER_KEY_STATS_FILE, "utf8"));
}

const derived = new Map<string, string>();

/** The released-CSV form of a shipped dataset, derived once per process into a temporary folder. */
export function releasedCsvOf(dataset: "sample" | "smollm2"): string {
  let file = derived.get(dataset);
  if (file === undefined) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `released-${dataset}-`));
    file = path.join(dir, "ai_ecosystem_sample.csv");
    writeReleasedCsvOfFolder(dataset === "sample" ? SAMPLE_DIR : SMOLLM2_DIR, file);
    process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    derived.set(dataset, file);
  }
  return file;
}
