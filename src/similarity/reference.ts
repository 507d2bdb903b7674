// Where a dataset's reference results live (oracle README §11–12): the authors' code run on the real sample
// (`oracle/expected.json`) and on SmolLM2 (`smollm2/expected.json`); other datasets have none.
import type { DatasetName, Settings } from "../settings";
import { oracleValue } from "../notebook/oracle";

/** Reference file of a dataset inside HF_DATA, or null: `similarityReferenceFile("smollm2")` is "smollm2/expected.json". */
export function similarityReferenceFile(dataset: DatasetName): string | null {
  return dataset === "sample" ? "oracle/expected.json" : dataset === "smollm2" ? "smollm2/expected.json" : null;
}

/**
 * A value of the reference's `similarity` section for the run's dataset, or undefined (no reference, or a
 * "skipped: …" text leaf). Example: `similarityReference(run.settings, "metadata.tfidf")`.
 */
export function similarityReference<T = any>(settings: Settings, dottedPath: string): T | undefined {
  const file = similarityReferenceFile(settings.dataset);
  if (!file) return undefined;
  const value = oracleValue(settings, `similarity.${dottedPath}`, file);
  return typeof value === "string" ? undefined : (value as T | undefined);
}
