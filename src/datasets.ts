// Datasets by name (README "Data"): where each one's canonical table comes from, and how a run names it.
// sample, smollm2 and radar are real Hub listings shipped in data/ (data/README.md); hf-data is a user's
// folder in the same format (HF_DATA); full is the paper's released dataset once downloaded and converted
// into data/; demo, synthetic-full and synthetic-10x are generated from a seed.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import plModule from "nodejs-polars";
import type pl from "nodejs-polars";
import { pathFromRoot, type DatasetName, type Settings } from "./settings";
import { CARD_COLUMNS, withMissingCardRule, type CardOptions } from "./data/cards";
import { forEachLine } from "./data/blockReader";
import { findDataFile } from "./data/gzipFile";
import { readListing } from "./data/listing";
import { FULL_PARQUET } from "./acquire/paperDataset";
import { readSnapshotParquet } from "./data/parquet";
import { cachedTable } from "./data/tableCache";
import { SNAPSHOT_COLUMNS, type SnapshotColumn } from "./data/schema";
import { SYNTHETIC_SIZES, generateSyntheticSnapshot } from "./synthetic/generate";
import { paperSimulatorParams } from "./simulate/paperParams";
import { simulateSnapshot } from "./simulate/table";

/** Options of `loadDataset`. */
export interface LoadDatasetOptions extends CardOptions {
  /**
   * Keep the table read from a listing folder in build/cache/tables/ and read it from there next time, while its
   * files and the readers are unchanged [true].
   */
  cache?: boolean;
  /**
   * Only these columns of the canonical table, in this order [all of them]. A stored snapshot (full, synthetic-*) is
   * then read column by column, so a large one holds only what the steps need: at 18.6M models every column takes
   * about 14 GB, the lineage columns about 2.
   */
  columns?: readonly SnapshotColumn[];
}

/**
 * Loads the canonical table of the dataset in `settings`: `const models = loadDataset(run.settings)`, or only some of
 * its columns: `loadDataset(run.settings, { columns: [...LINEAGE_COLUMNS, "licenses"] })`.
 */
export function loadDataset(settings: Settings, options: LoadDatasetOptions = {}): pl.DataFrame {
  const { columns, ...rest } = options;
  if (columns === undefined) {
    // NOTE: one contiguous chunk per column; a gather of a few rows from a list column in 16 chunks copied the whole
    // column (0.4 s per call at 1.86M models), against 1.2 s once here.
    return loaders[settings.dataset](settings, rest).rechunk();
  }
  const unknown = columns.filter((c) => !SNAPSHOT_COLUMNS.includes(c));
  if (unknown.length > 0)
    throw new Error(`data/datasets: not a column of the canonical table: ${unknown.join(", ")} (src/data/schema.ts)`);
  // The paper's missing-card rule rewrites the five card columns from each other, so it reads all five, and is not
  // needed when no card column is asked for.
  const cards = columns.some((c) => (CARD_COLUMNS as readonly string[]).includes(c));
  const read = cards && rest.missingCard === "paper" ? [...new Set([...columns, ...CARD_COLUMNS])] : columns;
  const table = loaders[settings.dataset](settings, {
    ...rest,
    missingCard: cards ? rest.missingCard : "natural",
    columns: read,
  });
  return table.select(...columns).rechunk();
}

const loaders: Record<DatasetName, (settings: Settings, options: LoadDatasetOptions) => pl.DataFrame> = {
  sample: (s, o) => readListingFolder(s, o),
  smollm2: (s, o) => readListingFolder(s, o),
  radar: (s, o) => readListingFolder(s, o),
  "hf-data": (s, o) => readListingFolder(s, o),
  // Stored tables hold the natural card rule; the paper's is applied on load.
  full: (s, o) =>
    withMissingCardRule(
      readSnapshotParquet(need(s.dataDir, FULL_PARQUET, "download and convert it with `make data`"), o.columns),
      o.missingCard ?? "natural",
    ),
  demo: (s, o) =>
    withMissingCardRule(
      generateSyntheticSnapshot({ n: SYNTHETIC_SIZES.demo, seed: s.seed }),
      o.missingCard ?? "natural",
    ),
  "synthetic-full": (s, o) =>
    withMissingCardRule(readSyntheticSnapshot(s, "full", o.columns), o.missingCard ?? "natural"),
  "synthetic-10x": (s, o) =>
    withMissingCardRule(readSyntheticSnapshot(s, "10x", o.columns), o.missingCard ?? "natural"),
  simulated: (s, o) =>
    withMissingCardRule(
      simulateSnapshot(paperSimulatorParams({ n: s.simulation.n, q: s.simulation.q }), s.seed).table,
      o.missingCard ?? "natural",
    ),
};

/** The generated datasets stored as parquet, by their size in SYNTHETIC_SIZES. */
export type StoredSyntheticSize = "full" | "10x";

/** The stored synthetic dataset's size name: `storedSyntheticSize("synthetic-10x")` is "10x". */
export function storedSyntheticSize(dataset: DatasetName): StoredSyntheticSize | null {
  return dataset === "synthetic-full" ? "full" : dataset === "synthetic-10x" ? "10x" : null;
}

/**
 * Where a stored synthetic snapshot of a seed is cached: `syntheticSnapshotPath(settings)` ends in
 * "data/synthetic-full.parquet" for seed 1, `syntheticSnapshotPath(settings, "10x")` in "data/synthetic-10x.parquet".
 */
export function syntheticSnapshotPath(settings: Settings, size: StoredSyntheticSize = "full"): string {
  const stem = `synthetic-${size}`;
  return path.join(settings.dataDir, settings.seed === 1 ? `${stem}.parquet` : `${stem}-seed${settings.seed}.parquet`);
}

/**
 * The cached synthetic table of a size, generated chunk by chunk when missing or written by an older schema (about
 * a minute at 1.86M models, a few minutes at 18.6M).
 */
function readSyntheticSnapshot(
  settings: Settings,
  size: StoredSyntheticSize,
  columns?: readonly SnapshotColumn[],
): pl.DataFrame {
  const file = syntheticSnapshotPath(settings, size);
  if (fs.existsSync(file)) {
    const stored = readSnapshotParquetColumns(file);
    if (stored.join() === SNAPSHOT_COLUMNS.join()) return readSnapshotParquet(file, columns);
    console.error(`data/datasets: ${file} has an older column layout; generating it again`);
  }
  const n = SYNTHETIC_SIZES[size];
  console.error(
    `data/datasets: generating ${n.toLocaleString("en-US")} synthetic models (seed ${settings.seed}) into ${file}`,
  );
  // NOTE: in a child process, so the generator's memory (3 GB of plan at 18.6M models) is gone before the table loads.
  const tool = path.join(settings.root, "tools", "generate_synthetic.ts");
  const args = ["--expose-gc", "--import", "tsx", tool, file, String(n), String(settings.seed)];
  const child = spawnSync(process.execPath, args, { cwd: settings.root, stdio: ["ignore", "inherit", "inherit"] });
  if (child.status !== 0)
    throw new Error(`data/datasets: generating ${file} failed (${tool} exited with ${child.status ?? child.signal})`);
  return readSnapshotParquet(file, columns);
}

/** Column names of a parquet file, read from its schema only. */
function readSnapshotParquetColumns(file: string): string[] {
  return plModule.scanParquet(file).columns;
}

/** The path of a dataset file, or a clear error naming it and how to get it. */
function need(folder: string, file: string, hint: string): string {
  const full = path.join(folder, file);
  if (!fs.existsSync(full)) throw new Error(`data/datasets: ${full} not found; ${hint}`);
  return full;
}

/**
 * The listing and, when the folder has one, the cards of a Hub-listing dataset (each plain or .gz):
 * `listingFiles(run.settings).listing`.
 */
export function listingFiles(settings: Settings): { listing: string; cards: string | null } {
  const folder = settings.hfData;
  if (folder === null) throw new Error(`data/datasets: DATASET=${settings.dataset} is not a Hub listing folder`);
  const listing = findDataFile(folder, "listing.ndjson");
  if (listing === null) throw new Error(`data/datasets: ${folder} holds no listing.ndjson (nor listing.ndjson.gz)`);
  return { listing, cards: findDataFile(folder, "cards.ndjson") };
}

/** Reads a listing folder; cards are optional in the format, so a folder without them gives the missing-card values. */
function readListingFolder(settings: Settings, options: LoadDatasetOptions): pl.DataFrame {
  const { listing, cards } = listingFiles(settings);
  const { cache, columns: _columns, ...readOptions } = options; // the columns are picked by loadDataset
  const read = () => readListing(listing, cards ?? undefined, readOptions).table;
  if (cache === false) return read();
  // the key holds only the options that change the table, so `{ cache: true }` and `{}` share one cached copy
  return cachedTable({ root: settings.root, inputs: cards ? [listing, cards] : [listing], options: readOptions, read });
}

/** What a run says about its dataset: the name, where it comes from, and the one-line footer of its figures. */
export interface DatasetDescription {
  name: DatasetName;
  /** Footer of every figure: names the data actually used. */
  label: string;
  /** Where the data is read from or how it is made, for the run's first line. */
  source: string;
}

/** Describes the run's dataset without loading it: `describeDataset(loadSettings()).label`. */
export function describeDataset(settings: Settings): DatasetDescription {
  const name = settings.dataset;
  const where = (p: string) => pathFromRoot(settings, p);
  switch (name) {
    case "sample":
    case "smollm2":
    case "radar":
      return { name, label: SHIPPED_LABELS[name], source: `${where(settings.hfData!)}/ (shipped, data/README.md)` };
    case "hf-data": {
      const newest = newestCreatedAt(listingFiles(settings).listing);
      return {
        name,
        label: `HF_DATA ${where(settings.hfData!)}: real Hub listing, newest model created ${newest}`,
        source: `HF_DATA=${where(settings.hfData!)}`,
      };
    }
    case "full":
      return {
        name,
        label: "full: the paper's released dataset (modelbiome/ai_ecosystem_withmodelcards)",
        source: path.join(where(settings.dataDir), FULL_PARQUET),
      };
    case "demo":
      return {
        name,
        label: "demo: SYNTHETIC ecosystem, not the paper's data",
        source: `SEED ${settings.seed} (generated in memory)`,
      };
    case "synthetic-full":
      return {
        name,
        label: "synthetic-full: SYNTHETIC ecosystem at full scale, not the paper's data",
        source: where(syntheticSnapshotPath(settings)),
      };
    case "synthetic-10x":
      return {
        name,
        label: "synthetic-10x: SYNTHETIC ecosystem at 10x the paper's scale, not the paper's data",
        source: where(syntheticSnapshotPath(settings, "10x")),
      };
    case "simulated": {
      const { n, q } = settings.simulation;
      return {
        name,
        label: `simulated: SYNTHETIC drift-simulator ecosystem (q = ${q}), not the paper's data`,
        source: `SEED ${settings.seed}, SIM_N ${n}, SIM_Q ${q} (grown in memory, calibrated to the paper's population)`,
      };
    }
  }
}

/** Footers of the shipped datasets (provenance in data/README.md). */
const SHIPPED_LABELS = {
  sample: "sample: real Hub metadata, the authors' family crawls (2025)",
  smollm2: "smollm2: the SmolLM2 family, real, from the authors' July-2025 graph",
  radar: "radar: recent Hub models, HF//RADAR snapshot 2026-08-22 (radar-huggingface.686f6c61.dev, CC BY 4.0)",
} as const;

const newestCache = new Map<string, string>();

/** The latest createdAt date (YYYY-MM-DD) in a listing file, by a streaming scan; "unknown" when none parses. */
function newestCreatedAt(listing: string): string {
  let newest = newestCache.get(listing);
  if (newest === undefined) {
    let best = "";
    const pattern = /"createdAt":\s*"(\d{4}-\d{2}-\d{2})/;
    forEachLine(listing, (line) => {
      const m = pattern.exec(line.buffer.toString("latin1", line.start, line.end));
      if (m && m[1] > best) best = m[1];
    });
    newest = best || "unknown";
    newestCache.set(listing, newest);
  }
  return newest;
}
