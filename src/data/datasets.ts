// Datasets by name (README "Datasets"): where each one's canonical table comes from.
// sample and smollm2 are read at run time from HF_DATA; full is the paper's released dataset once
// downloaded and converted into data/; demo and synthetic-full are generated from a seed.
import * as fs from "node:fs";
import * as path from "node:path";
import plModule from "nodejs-polars";
import type pl from "nodejs-polars";
import type { DatasetName, Settings } from "../settings";
import { withMissingCardRule, type CardOptions } from "./cards";
import { readListing } from "./listing";
import { readSnapshotParquet } from "./parquet";
import { SNAPSHOT_COLUMNS } from "./schema";
import { SYNTHETIC_SIZES, generateSyntheticSnapshot, writeSyntheticParquet } from "./synthetic";

/** Options of `loadDataset`. */
export interface LoadDatasetOptions extends CardOptions {}

/** File name of the paper's dataset converted to the canonical parquet, inside dataDir. */
export const FULL_PARQUET = "ai_ecosystem_withmodelcards.parquet";

/** Loads the canonical table of the dataset in `settings`: `const models = loadDataset(run.settings)`. */
export function loadDataset(settings: Settings, options: LoadDatasetOptions = {}): pl.DataFrame {
  return loaders[settings.dataset](settings, options);
}

const loaders: Record<DatasetName, (settings: Settings, options: LoadDatasetOptions) => pl.DataFrame> = {
  sample: (s, o) => readListing(need(s.hfData, "listing.ndjson"), need(s.hfData, "cards.ndjson"), o).table,
  smollm2: (s, o) => readListing(need(s.hfData, "smollm2/listing.ndjson"), undefined, o).table,
  // Stored tables hold the natural card rule; the paper's is applied on load.
  full: (s, o) => withMissingCardRule(readSnapshotParquet(need(s.dataDir, FULL_PARQUET, "download and convert it with `make data`")), o.missingCard ?? "natural"),
  demo: (s, o) => withMissingCardRule(generateSyntheticSnapshot({ n: SYNTHETIC_SIZES.demo, seed: s.seed }), o.missingCard ?? "natural"),
  "synthetic-full": (s, o) => withMissingCardRule(readSyntheticFull(s), o.missingCard ?? "natural"),
};

/** Where the full-size synthetic snapshot of a seed is cached: data/synthetic-full.parquet for seed 1. */
export function syntheticFullPath(settings: Settings): string {
  return path.join(settings.dataDir, settings.seed === 1 ? "synthetic-full.parquet" : `synthetic-full-seed${settings.seed}.parquet`);
}

/** The cached synthetic-full table, generated (about a minute) when missing or written by an older schema. */
function readSyntheticFull(settings: Settings): pl.DataFrame {
  const file = syntheticFullPath(settings);
  if (fs.existsSync(file)) {
    const columns = readSnapshotParquetColumns(file);
    if (columns.join() === SNAPSHOT_COLUMNS.join()) return readSnapshotParquet(file);
    console.error(`data/datasets: ${file} has an older column layout; generating it again`);
  }
  console.error(`data/datasets: generating ${SYNTHETIC_SIZES.full.toLocaleString("en-US")} synthetic models (seed ${settings.seed}) into ${file}`);
  writeSyntheticParquet(file, { seed: settings.seed });
  return readSnapshotParquet(file);
}

/** Column names of a parquet file, read from its schema only. */
function readSnapshotParquetColumns(file: string): string[] {
  return plModule.scanParquet(file).columns;
}

/** The path of a dataset file, or a clear error naming it and how to get it. */
function need(folder: string, file: string, hint = "set HF_DATA to a folder laid out like ../shared/hf-data"): string {
  const full = path.join(folder, file);
  if (!fs.existsSync(full)) throw new Error(`data/datasets: ${full} not found; ${hint}`);
  return full;
}
