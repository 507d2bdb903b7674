// `make crawl`: a fresh Hub snapshot in $(DATA_DIR)/crawl (docs/methods.md §2.1): the model listing, then
// every listed model's card. Both steps resume where a killed or failed run stopped.
// Settings (environment): HUB_URL (default https://huggingface.co), HF_TOKEN, DATA_DIR, CARD_CONCURRENCY
// (default 16), RETRY_BUDGET (retries per run, default 1000), CRAWL_STEPS ("listing cards"),
// CRAWL_PAGE_SIZE (500), CRAWL_SORT (createdAt), CRAWL_MAX_MODELS (stop after about that many models;
// run again to continue).
// Usage: node --import tsx tools/crawl.ts
import * as fs from "node:fs";
import * as path from "node:path";
import { fetchCards } from "../src/acquire/cards";
import { CRAWL_SORTS, type CrawlSort, crawlListing } from "../src/acquire/crawl";
import { listShards, listedModelIds } from "../src/acquire/listingShards";
import { hubSettings } from "../src/acquire/hubSettings";
import { describeToken, scrubSecrets } from "../src/acquire/secrets";
import { loadSettings } from "../src/settings";

const STEPS = ["listing", "cards"] as const;

function positiveInteger(name: string): number | undefined {
  const text = process.env[name];
  if (!text) return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new Error(`tools/crawl: ${name} must be a positive integer, got "${text}"`);
  return n;
}

async function main(): Promise<void> {
  const hub = hubSettings(loadSettings());
  const steps = (process.env.CRAWL_STEPS || STEPS.join(" ")).split(/[\s,]+/).filter(Boolean);
  const unknown = steps.filter((s) => !(STEPS as readonly string[]).includes(s));
  if (unknown.length)
    throw new Error(`tools/crawl: unknown CRAWL_STEPS ${unknown.join(", ")}; expected ${STEPS.join(", ")}`);
  const sort = process.env.CRAWL_SORT || undefined;
  if (sort !== undefined && !(CRAWL_SORTS as readonly string[]).includes(sort))
    throw new Error(`tools/crawl: unknown CRAWL_SORT "${sort}"; expected one of ${CRAWL_SORTS.join(", ")}`);
  console.log(`crawl: ${hub.hubUrl} -> ${hub.crawlDir}; ${describeToken(hub.token)}`);
  if (steps.includes("listing")) {
    const s = await crawlListing({
      outDir: hub.crawlDir,
      hubUrl: hub.hubUrl,
      token: hub.token,
      pageSize: positiveInteger("CRAWL_PAGE_SIZE"),
      sort: sort as CrawlSort | undefined,
      maxModels: positiveInteger("CRAWL_MAX_MODELS"),
      retry: { maxRetries: hub.retryBudget },
    });
    console.log(
      `crawl: listing ${s.complete ? "complete" : "stopped early (CRAWL_MAX_MODELS); run again to continue"}: ` +
        `${s.models.toLocaleString("en-US")} models in ${s.pages} pages (${s.modelsThisRun.toLocaleString("en-US")} this run` +
        `${s.resumed ? ", resumed from the checkpoint" : ""}), ${s.duplicatesSkipped} duplicates skipped, ${s.retries} retries, ${s.seconds.toFixed(1)} s`,
    );
  }
  if (steps.includes("cards")) {
    const listing = path.join(hub.crawlDir, "listing.ndjson");
    const ids = fs.existsSync(listing) ? listedModelIds(listing) : listShards(hub.crawlDir).flatMap(listedModelIds);
    if (ids.length === 0)
      throw new Error(`tools/crawl: no crawled models in ${hub.crawlDir}; run the listing step first`);
    const c = await fetchCards(ids, {
      outFile: path.join(hub.crawlDir, "cards.ndjson"),
      hubUrl: hub.hubUrl,
      token: hub.token,
      concurrency: hub.cardConcurrency,
      retry: { maxRetries: hub.retryBudget },
    });
    console.log(
      `crawl: cards of ${c.requested.toLocaleString("en-US")} models: ${c.skipped} already fetched, ${c.fetched} fetched this run ` +
        `(${c.withCard} with a card, ${c.notFound} not found, ${c.gated} gated, ${c.failed} failed), ${c.rateLimitRetries} rate-limit retries, ${c.seconds.toFixed(1)} s`,
    );
  }
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  console.error(scrubSecrets(message, [process.env.HF_TOKEN]));
  process.exit(1);
});
