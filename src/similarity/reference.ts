// The `similarity` section of the run's reference results (data/reference/README.md §9, §11–12): the authors'
// code run on the real sample and on SmolLM2; other datasets have none.
import type { Settings } from "../settings";
import { oracleValue } from "../notebook/oracle";

/**
 * A value of the reference's `similarity` section for the run's dataset, or undefined (no reference, or a
 * "skipped: …" text leaf). Example: `similarityReference(run.settings, "metadata.tfidf")`.
 */
export function similarityReference<T = any>(settings: Settings, dottedPath: string): T | undefined {
  const value = oracleValue(settings, `similarity.${dottedPath}`);
  return typeof value === "string" ? undefined : (value as T | undefined);
}
