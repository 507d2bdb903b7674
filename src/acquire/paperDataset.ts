// `make data`: the paper's released dataset (docs/methods.md §2.2) downloaded and verified (download.ts),
// then converted once into the canonical parquet that `DATASET=full` reads
// (data/ai_ecosystem_withmodelcards.parquet, ../datasets.ts). The conversion is the data layer's own
// released-CSV reader (data/releasedCsv.ts), lenient so that a bad row is counted and reported
// instead of stopping a 5.2 GB read; a sidecar records which verified CSV the parquet came from. Cards are
// stored under the natural rule; `loadDataset(settings, { missingCard: "paper" })` applies the paper's on load.
import * as fs from "node:fs";
import * as path from "node:path";
import { writeSnapshotParquet } from "../data/parquet";
import type { ReadReport } from "../data/problems";
import { readReleasedCsv } from "../data/releasedCsv";
import type { Settings } from "../settings";
import { readJsonIfExists, writeJsonAtomic } from "./checkpoint";
import {
  PAPER_DATASET,
  downloadVerified,
  type DownloadOptions,
  type DownloadSummary,
  type PinnedFile,
} from "./download";
import type { HubSettings } from "./hubSettings";

/** File name of the paper's dataset converted to the canonical parquet, inside dataDir (`DATASET=full` loads it). */
export const FULL_PARQUET = "ai_ecosystem_withmodelcards.parquet";

/** What convertReleasedCsv wrote. */
export interface ConversionSummary {
  parquet: string;
  rows: number;
  report: ReadReport;
  /** False when the parquet of this very CSV was already there. */
  converted: boolean;
}

/**
 * Converts a verified released-format CSV into the canonical parquet, unless the parquet was made from the same sha256.
 * Example: `await convertReleasedCsv("data/ai_ecosystem_withmodelcards.csv",
 * "data/ai_ecosystem_withmodelcards.parquet", sha)`.
 */
export async function convertReleasedCsv(
  csvPath: string,
  parquetPath: string,
  sha256: string,
  options: { progress?: boolean } = {},
): Promise<ConversionSummary> {
  const sidecar = `${parquetPath}.source.json`;
  const source = readJsonIfExists<{ sha256: string; rows: number; report: ReadReport }>(sidecar);
  if (source && source.sha256 === sha256 && fs.existsSync(parquetPath))
    return { parquet: parquetPath, rows: source.rows, report: source.report, converted: false };
  const { table, report } = await readReleasedCsv(csvPath, { lenient: true, progress: options.progress ?? true });
  const tmp = `${parquetPath}.${process.pid}.tmp`;
  writeSnapshotParquet(table, tmp);
  fs.renameSync(tmp, parquetPath);
  const slim = { ...report, problems: report.problems.slice(0, 20) };
  writeJsonAtomic(sidecar, { sha256, csv: path.basename(csvPath), rows: table.height, report: slim });
  return { parquet: parquetPath, rows: table.height, report: slim, converted: true };
}

/** What fetchPaperDataset did: the download and the conversion. */
export interface PaperDatasetSummary {
  download: DownloadSummary;
  conversion: ConversionSummary;
}

/**
 * Downloads the paper's dataset into settings.dataDir (verified, resumable) and converts it to the parquet
 * `DATASET=full` reads.
 * Example: `await fetchPaperDataset(loadSettings(), hubSettings(loadSettings()))`.
 */
export async function fetchPaperDataset(
  settings: Pick<Settings, "dataDir">,
  hub: Pick<HubSettings, "hubUrl" | "token">,
  file: PinnedFile = PAPER_DATASET,
  options: Omit<DownloadOptions, "dest" | "hubUrl" | "token"> = {},
): Promise<PaperDatasetSummary> {
  fs.mkdirSync(settings.dataDir, { recursive: true });
  const csv = path.join(settings.dataDir, path.basename(file.path));
  const download = await downloadVerified(file, { ...options, dest: csv, hubUrl: hub.hubUrl, token: hub.token });
  const conversion = await convertReleasedCsv(csv, path.join(settings.dataDir, FULL_PARQUET), download.sha256, options);
  return { download, conversion };
}
