// Settings: where the kit reads data and writes figures, and which dataset a run uses.
// Every knob can be set from the environment (the Makefile passes them through), so the same
// notebooks run on the real sample, on a user's own extract, or on synthetic data.
import * as fs from "node:fs";
import * as path from "node:path";

/** Names of the datasets a run can use (see README "Datasets"). */
export type DatasetName = "sample" | "smollm2" | "demo" | "full" | "synthetic-full";

export const DATASET_NAMES: readonly DatasetName[] = ["sample", "smollm2", "demo", "full", "synthetic-full"];

/** Resolved settings of one run. Paths are absolute. */
export interface Settings {
  /** Repository root (the folder holding package.json). */
  root: string;
  /** Folder laid out like ../shared/hf-data (listing.ndjson, cards.ndjson, ai_ecosystem_sample.csv, ...). */
  hfData: string;
  /** Dataset this run uses. */
  dataset: DatasetName;
  /** Where downloaded and derived tables are cached (data/). */
  dataDir: string;
  /** Where figures and their stats are written: figures/ for the sample, build/figures/<dataset> otherwise. */
  figuresDir: string;
  /** Seed of every random step unless a call overrides it. */
  seed: number;
}

/** The repository root: the nearest folder above this file that holds package.json. */
export function repoRoot(): string {
  let dir = fs.realpathSync(__dirname);
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error("settings: no package.json above " + __dirname);
    dir = up;
  }
}

/** Reads settings from the environment (HF_DATA, DATASET, DATA_DIR, FIGURES_DIR, SEED), with overrides on top. */
export function loadSettings(overrides: Partial<Settings> = {}, env: NodeJS.ProcessEnv = process.env): Settings {
  const root = overrides.root ?? repoRoot();
  const fromRoot = (p: string) => path.resolve(root, p);
  const hfData = overrides.hfData ?? fromRoot(env.HF_DATA || "../shared/hf-data");
  const dataset = overrides.dataset ?? parseDataset(env.DATASET, hfData);
  const seedText = env.SEED || "1";
  const seed = overrides.seed ?? Number(seedText);
  if (!Number.isSafeInteger(seed)) throw new Error(`settings: SEED must be an integer, got "${seedText}"`);
  return {
    root,
    hfData,
    dataset,
    dataDir: overrides.dataDir ?? fromRoot(env.DATA_DIR || "data"),
    figuresDir: overrides.figuresDir ?? fromRoot(env.FIGURES_DIR || defaultFiguresDir(dataset)),
    seed,
  };
}

/** The dataset whose figures are committed in figures/. */
export const COMMITTED_DATASET: DatasetName = "sample";

/** figures/ for the committed dataset; build/figures/<dataset> for any other, so a run never overwrites them. */
function defaultFiguresDir(dataset: DatasetName): string {
  return dataset === COMMITTED_DATASET ? "figures" : path.join("build", "figures", dataset);
}

/** The dataset named by DATASET, or the default: the real sample when its folder exists, else the synthetic demo. */
function parseDataset(name: string | undefined, hfData: string): DatasetName {
  if (!name) return fs.existsSync(path.join(hfData, "listing.ndjson")) ? "sample" : "demo";
  if ((DATASET_NAMES as readonly string[]).includes(name)) return name as DatasetName;
  throw new Error(`settings: unknown DATASET "${name}"; expected one of ${DATASET_NAMES.join(", ")}`);
}
