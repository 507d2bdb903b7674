// Settings: where the kit reads data and writes figures, and which dataset a run uses.
// Every knob can be set from the environment (the Makefile passes them through), so the same
// notebooks run on the shipped real datasets, on a user's own crawl, or on synthetic data.
// A setting that names something missing stops the run with one line naming the setting and the fix;
// nothing falls back to another dataset.
import * as fs from "node:fs";
import * as path from "node:path";

/** Names of the datasets a run can use (README "Data"); `hf-data` is a user's own folder given by HF_DATA. */
export type DatasetName =
  | "sample"
  | "smollm2"
  | "radar"
  | "hf-data"
  | "demo"
  | "full"
  | "synthetic-full"
  | "synthetic-10x"
  | "simulated";

export const DATASET_NAMES: readonly DatasetName[] = [
  "sample",
  "smollm2",
  "radar",
  "hf-data",
  "demo",
  "full",
  "synthetic-full",
  "synthetic-10x",
  "simulated",
];

/** The real datasets shipped in the repository, in the Hub listing format, by their folder under the root. */
export const SHIPPED_FOLDERS = { sample: "data/sample", smollm2: "data/smollm2", radar: "data/radar" } as const;

/** Datasets with reference results of the authors' code, by their file under the root (data/reference/README.md). */
export const SHIPPED_REFERENCES: Partial<Record<DatasetName, string>> = {
  sample: "data/reference/sample.json",
  smollm2: "data/reference/smollm2.json",
};

/** Resolved settings of one run. Paths are absolute. */
export interface Settings {
  /** Repository root (the folder holding package.json). */
  root: string;
  /** Dataset this run uses. */
  dataset: DatasetName;
  /**
   * Folder of a dataset in the Hub listing format (`listing.ndjson`, optional `cards.ndjson`, each plain or .gz):
   * data/sample, data/smollm2, data/radar or a user's HF_DATA; null for the generated and parquet datasets.
   */
  hfData: string | null;
  /** Reference results of the authors' code on exactly this data (data/reference/, or REFERENCE), or null. */
  reference: string | null;
  /** Where downloaded and derived tables are cached (data/). */
  dataDir: string;
  /** Where figures and their stats are written: figures/ for the sample, build/figures/<dataset> otherwise. */
  figuresDir: string;
  /** Seed of every random step unless a call overrides it. */
  seed: number;
  /** The drift simulator's size and bias for DATASET=simulated (SIM_N [20,000], SIM_Q [0.8]; README "Data"). */
  simulation: SimulationSettings;
}

/** Settings of DATASET=simulated: models grown and the bias q of mutations along the hidden ordering. */
export interface SimulationSettings {
  n: number;
  q: number;
}

/** SIM_N and SIM_Q, checked: `simulationSettings({ SIM_Q: "0.9" }).q === 0.9`. */
export function simulationSettings(env: NodeJS.ProcessEnv = process.env): SimulationSettings {
  const n = Number(env.SIM_N || "20000"),
    q = Number(env.SIM_Q || "0.8");
  if (!Number.isSafeInteger(n) || n < 2) throw new Error(`settings: SIM_N must be an integer >= 2, got "${env.SIM_N}"`);
  if (!(q >= 0 && q <= 1)) throw new Error(`settings: SIM_Q must lie in [0, 1], got "${env.SIM_Q}"`);
  return { n, q };
}

/** The repository root, the nearest folder above this file that holds package.json: `path.join(repoRoot(), "data")`. */
export function repoRoot(): string {
  let dir = fs.realpathSync(__dirname);
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error("settings: no package.json above " + __dirname);
    dir = up;
  }
}

/**
 * Reads settings from the environment (DATASET, HF_DATA, REFERENCE, DATA_DIR, FIGURES_DIR, SEED, SIM_N, SIM_Q),
 * overrides on top.
 * Example: `loadSettings({ dataset: "smollm2" }).hfData` ends in "data/smollm2".
 */
export function loadSettings(overrides: Partial<Settings> = {}, env: NodeJS.ProcessEnv = process.env): Settings {
  const root = overrides.root ?? repoRoot();
  const fromRoot = (p: string) => path.resolve(root, p);
  const { dataset, hfData } = chooseDataset(root, overrides, env);
  const seedText = env.SEED || "1";
  const seed = overrides.seed ?? Number(seedText);
  if (!Number.isSafeInteger(seed)) throw new Error(`settings: SEED must be an integer, got "${seedText}"`);
  return {
    root,
    dataset,
    hfData,
    reference: overrides.reference !== undefined ? overrides.reference : chooseReference(root, dataset, env),
    dataDir: overrides.dataDir ?? fromRoot(env.DATA_DIR || "data"),
    figuresDir: overrides.figuresDir ?? fromRoot(env.FIGURES_DIR || defaultFiguresDir(dataset)),
    seed,
    simulation: overrides.simulation ?? simulationSettings(env),
  };
}

/** A path as a run prints it: relative to the root when inside it, else absolute: `pathFromRoot(s, s.figuresDir)`. */
export function pathFromRoot(settings: Settings, file: string): string {
  const relative = path.relative(settings.root, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative || ".";
}

/** The dataset whose figures are committed in figures/. */
export const COMMITTED_DATASET: DatasetName = "sample";

/** figures/ for the committed dataset; build/figures/<dataset> for any other, so a run never overwrites them. */
function defaultFiguresDir(dataset: DatasetName): string {
  return dataset === COMMITTED_DATASET ? "figures" : path.join("build", "figures", dataset);
}

/** True when a folder holds a listing file, plain or gzip: `holdsListing("data/crawl")`. */
export function holdsListing(folder: string): boolean {
  return fs.existsSync(path.join(folder, "listing.ndjson")) || fs.existsSync(path.join(folder, "listing.ndjson.gz"));
}

/**
 * The dataset and its listing folder. An explicit HF_DATA (or hfData override) names a user's folder, unless it is one
 * of the shipped folders; DATASET then may only be unset, `hf-data` or `sample` (the older spelling of the same thing).
 */
function chooseDataset(
  root: string,
  overrides: Partial<Settings>,
  env: NodeJS.ProcessEnv,
): { dataset: DatasetName; hfData: string | null } {
  const named = overrides.dataset ?? (env.DATASET || undefined);
  if (named !== undefined && !(DATASET_NAMES as readonly string[]).includes(named)) {
    throw new Error(`settings: unknown DATASET "${named}"; expected one of ${DATASET_NAMES.join(", ")}`);
  }
  const folderText = overrides.hfData ?? (overrides.dataset === undefined ? env.HF_DATA || undefined : undefined);
  if (folderText !== undefined && folderText !== null)
    return userFolder(root, folderText, named as DatasetName | undefined);
  const dataset = (named ?? "sample") as DatasetName;
  if (dataset === "hf-data")
    throw new Error('settings: DATASET=hf-data needs HF_DATA=<folder> holding listing.ndjson (README "Your own data")');
  if (!(dataset in SHIPPED_FOLDERS)) return { dataset, hfData: null };
  const folder = path.join(root, SHIPPED_FOLDERS[dataset as keyof typeof SHIPPED_FOLDERS]);
  if (!holdsListing(folder)) {
    throw new Error(
      `settings: ${path.relative(root, folder)}/listing.ndjson.gz is missing from this checkout; restore it with \`git checkout -- data/\``,
    );
  }
  return { dataset, hfData: folder };
}

/** HF_DATA: a shipped folder keeps its dataset's name; any other folder is `hf-data`, checked to hold a listing. */
function userFolder(
  root: string,
  folderText: string,
  named: DatasetName | undefined,
): { dataset: DatasetName; hfData: string } {
  const folder = path.resolve(root, folderText);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new Error(
      `settings: HF_DATA=${folderText}: no such folder; point it at a folder holding listing.ndjson, or unset it to use the shipped sample`,
    );
  }
  if (!holdsListing(folder)) {
    throw new Error(
      `settings: HF_DATA=${folderText} holds no listing.ndjson (nor listing.ndjson.gz); \`make crawl\` writes one into data/crawl`,
    );
  }
  const real = fs.realpathSync(folder);
  for (const [name, shipped] of Object.entries(SHIPPED_FOLDERS)) {
    const shippedPath = path.join(root, shipped);
    if (
      fs.existsSync(shippedPath) &&
      fs.realpathSync(shippedPath) === real &&
      (named === undefined || named === name)
    ) {
      return { dataset: name as DatasetName, hfData: folder };
    }
  }
  if (named !== undefined && named !== "sample" && named !== "hf-data") {
    throw new Error(
      `settings: HF_DATA names a folder of your own, which is DATASET=hf-data; unset HF_DATA to use DATASET=${named}`,
    );
  }
  return { dataset: "hf-data", hfData: folder };
}

/** REFERENCE when set (it must exist), else the shipped reference of the dataset, else null. */
function chooseReference(root: string, dataset: DatasetName, env: NodeJS.ProcessEnv): string | null {
  if (env.REFERENCE) {
    const file = path.resolve(root, env.REFERENCE);
    if (!fs.existsSync(file))
      throw new Error(`settings: REFERENCE=${env.REFERENCE}: no such file; unset it to compare with nothing`);
    return file;
  }
  const shipped = SHIPPED_REFERENCES[dataset];
  return shipped ? path.join(root, shipped) : null;
}
