// `make data`: the paper's released dataset (docs/methods.md §2.2), downloaded with the @huggingface/hub
// client into $(DATA_DIR), resumed after an interruption, verified against its pinned sha256, then
// converted into $(DATA_DIR)/ai_ecosystem_withmodelcards.parquet, the table `DATASET=full` reads.
// Settings (environment): HUB_URL, HF_TOKEN, DATA_DIR, RETRY_BUDGET. RELEASED_REPO, RELEASED_REVISION, RELEASED_FILE
// and RELEASED_SHA256 replace the paper's pins (a mirror, a test file).
// Usage: node --import tsx tools/download_data.ts
import { PAPER_DATASET, type PinnedFile } from "../src/acquire/download";
import { fetchPaperDataset } from "../src/acquire/paperDataset";
import { hubSettings } from "../src/acquire/hubSettings";
import { describeToken, scrubSecrets } from "../src/acquire/secrets";
import { loadSettings } from "../src/settings";

/** The pinned file: the paper's, with any RELEASED_* override ("datasets/org/name" or "org/name" for a model). */
function pinnedFile(env: NodeJS.ProcessEnv): PinnedFile {
  const repoText = env.RELEASED_REPO;
  const repo = !repoText
    ? PAPER_DATASET.repo
    : repoText.startsWith("datasets/")
      ? { type: "dataset" as const, name: repoText.slice("datasets/".length) }
      : { type: "model" as const, name: repoText };
  return {
    repo,
    revision: env.RELEASED_REVISION || PAPER_DATASET.revision,
    path: env.RELEASED_FILE || PAPER_DATASET.path,
    sha256: env.RELEASED_SHA256 || PAPER_DATASET.sha256,
  };
}

async function main(): Promise<void> {
  const settings = loadSettings();
  const hub = hubSettings(settings);
  const file = pinnedFile(process.env);
  console.log(
    `data: ${file.repo.type}s/${file.repo.name}@${file.revision}/${file.path} from ${hub.hubUrl} -> ${settings.dataDir}; ${describeToken(hub.token)}`,
  );
  const { download: d, conversion: c } = await fetchPaperDataset(settings, hub, file, {
    retry: { maxRetries: hub.retryBudget },
  });
  console.log(
    d.alreadyVerified
      ? `data: ${d.dest} already verified (sha256 ${d.sha256})`
      : `data: ${d.dest}: ${(d.bytes / 1e9).toFixed(2)} GB, sha256 ${d.sha256} verified` +
          `${d.resumedAt > 0 ? `, resumed at byte ${d.resumedAt.toLocaleString("en-US")}` : ""}, ${d.retries} retries, ${d.seconds.toFixed(1)} s`,
  );
  const skipped =
    c.report.rowsSkipped > 0
      ? `; ${c.report.rowsSkipped} rows skipped (problems: ${JSON.stringify(c.report.problemCounts)})`
      : "";
  console.log(
    c.converted
      ? `data: ${c.parquet}: ${c.rows.toLocaleString("en-US")} models${skipped}`
      : `data: ${c.parquet} is up to date (${c.rows.toLocaleString("en-US")} models)`,
  );
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  console.error(scrubSecrets(message, [process.env.HF_TOKEN]));
  process.exit(1);
});
