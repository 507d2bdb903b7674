// A fresh Hub listing snapshot (docs/methods.md §2.1, collection step 1): every model of `/api/models`, paged
// by the @huggingface/hub client (`listModels`, which follows the `Link: rel="next"` cursor) and written
// page by page to NDJSON shards (listingShards.ts). Resumable: after each page the shard is flushed and
// a checkpoint records the next page's URL and the shard's length; a restart truncates the shard to
// that length and continues from that URL, so a crawl killed at any instant ends with every model
// exactly once. When the last page is in, the shards are joined into `listing.ndjson`, so the crawl
// folder is a dataset in the Hub listing format (`make figures HF_DATA=data/crawl`).
//
// The client is used through its `fetch` option: that hook retries (retry.ts), keeps each page's raw
// JSON (the client's ModelEntry renames `_id`/`id` to `id`/`name` and drops `trendingScore` and
// `modelId`; the shards keep the API's objects), and starts a resumed crawl at the saved cursor URL.
// Lineage needs no extra request: `expand=baseModels` is not accepted by the listing endpoint (only by
// model info), and the paper reads parents from the `base_model:<relation>:<id>` tags the listing
// returns (docs/methods.md §2.3), so `tags` suffices.
import * as fs from "node:fs";
import * as path from "node:path";
import { listModels } from "@huggingface/hub";
import { readJsonIfExists, writeJsonAtomic } from "./checkpoint";
import {
  ListingShardWriter,
  concatFiles,
  extraShardPath,
  listShards,
  listedModelIds,
  shardPath,
  type ShardPosition,
} from "./listingShards";
import { RateProgress } from "./rateProgress";
import { Retrier, RetryableError, type RetryOptions } from "./retry";
import { DEFAULT_HUB_URL } from "./hubSettings";
import { scrubError } from "./secrets";

const SCOPE = "acquire/crawl";

/**
 * Listing fields the crawl asks for beyond the client's defaults (pipeline_tag, private, gated, downloads, likes,
 * lastModified).
 */
export const CRAWL_EXPAND_FIELDS = ["tags", "createdAt", "library_name", "cardData"] as const;

/** Asked for too, though the client's types do not list it: the API sends it where it has one. */
export const CRAWL_EXTRA_EXPAND = "trendingScore";

/** Sort orders of the listing endpoint the crawl accepts. */
export type CrawlSort = "createdAt" | "trendingScore" | "downloads" | "likes" | "lastModified" | "id";

/** Every CrawlSort. */
export const CRAWL_SORTS: readonly CrawlSort[] = [
  "createdAt",
  "trendingScore",
  "downloads",
  "likes",
  "lastModified",
  "id",
];

/** Options of crawlListing. */
export interface CrawlOptions {
  /** The crawl folder: shards/, listing.checkpoint.json, then listing.ndjson. */
  outDir: string;
  /** Hub base URL (default https://huggingface.co). */
  hubUrl?: string;
  /** HF_TOKEN; sent as Authorization: Bearer only. */
  token?: string;
  /** Models per page (default 500, the client's own page size; the Hub caps it at its maximum). */
  pageSize?: number;
  /**
   * Listing order (default "createdAt": new models enter at the front, so the cursor never meets them
   * twice). The paper sorted by "trendingScore", whose order moves while a crawl runs.
   */
  sort?: CrawlSort;
  /** Stop this run at the end of the page that brings it to this many models (a small crawl; resumable later). */
  maxModels?: number;
  /** Models per shard before a new one starts (default 100,000). */
  shardModels?: number;
  /** Discard an earlier checkpoint and shards of this folder. */
  fresh?: boolean;
  /** Retry policy, clock and budget (retry.ts). */
  retry?: RetryOptions;
  /** Progress lines on stderr (default true). */
  progress?: boolean;
  /** Stops the crawl (the checkpoint stays valid). */
  signal?: AbortSignal;
  /** Called after a page is in its shard and before its checkpoint is written (a test's crash point). */
  afterShardWrite?: (page: { pages: number; models: number }) => void;
}

/** The checkpoint of a listing crawl (`listing.checkpoint.json`). */
export interface CrawlCheckpoint extends ShardPosition {
  format: 1;
  /** First page of this crawl: the query it continues. */
  firstUrl: string;
  /** The page to fetch next, or null when the last page is in. */
  nextUrl: string | null;
  /** Models in the shards. */
  models: number;
  pages: number;
  duplicatesSkipped: number;
  /** True once listing.ndjson holds every shard. */
  published: boolean;
}

/** What crawlListing did. */
export interface CrawlSummary {
  outDir: string;
  /** listing.ndjson when the crawl is complete, else null. */
  listingPath: string | null;
  complete: boolean;
  resumed: boolean;
  models: number;
  modelsThisRun: number;
  pages: number;
  pagesThisRun: number;
  duplicatesSkipped: number;
  retries: number;
  seconds: number;
  shards: string[];
}

/** Checkpoint file of a crawl folder: `crawlCheckpointPath("data/crawl")` is "data/crawl/listing.checkpoint.json". */
export function crawlCheckpointPath(outDir: string): string {
  return path.join(outDir, "listing.checkpoint.json");
}

/**
 * Crawls the Hub's model listing into `outDir`, resuming from its checkpoint when there is one.
 * Example: `await crawlListing({ outDir: "data/crawl", hubUrl: hub.url, pageSize: 1000 })`.
 */
export async function crawlListing(options: CrawlOptions): Promise<CrawlSummary> {
  const hubUrl = (options.hubUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, "");
  const outDir = options.outDir;
  const checkpointFile = crawlCheckpointPath(outDir);
  if (options.fresh) fs.rmSync(outDir, { recursive: true, force: true });
  const saved = readJsonIfExists<CrawlCheckpoint>(checkpointFile);
  const state: CrawlCheckpoint = saved ?? {
    format: 1,
    firstUrl: "",
    nextUrl: null,
    models: 0,
    pages: 0,
    duplicatesSkipped: 0,
    published: false,
    shard: 0,
    shardBytes: 0,
    extraBytes: 0,
    shardModels: 0,
  };
  const run = { models: 0, pages: 0, stop: false, firstCall: true };
  const retrier = new Retrier({
    ...options.retry,
    signal: options.signal ?? options.retry?.signal,
    secrets: [options.token, ...(options.retry?.secrets ?? [])],
  });
  const started = Date.now();
  const summary = (): CrawlSummary => ({
    outDir,
    listingPath: state.published ? path.join(outDir, "listing.ndjson") : null,
    complete: state.published,
    resumed: saved !== null,
    models: state.models,
    modelsThisRun: run.models,
    pages: state.pages,
    pagesThisRun: run.pages,
    duplicatesSkipped: state.duplicatesSkipped,
    retries: retrier.used,
    seconds: (Date.now() - started) / 1000,
    shards: listShards(outDir),
  });
  if (saved && saved.nextUrl === null) {
    if (!saved.published) publishListing(outDir, state);
    return summary();
  }
  const seen = new Set<string>();
  const writer = new ListingShardWriter(outDir, state, seen);
  for (let s = 0; s <= state.shard; s++) for (const id of listedModelIds(shardPath(outDir, s))) seen.add(id);
  const progress = new RateProgress(SCOPE, "models", 0, options.progress ?? true);
  const pageSize = options.pageSize ?? 500;

  const listingFetch: typeof fetch = async (input, init) => {
    if (run.stop) return new Response("[]", { status: 200, headers: { "content-type": "application/json" } });
    let url = input instanceof Request ? input.url : String(input);
    if (run.firstCall) {
      run.firstCall = false;
      const firstUrl = firstPageUrl(url, pageSize);
      if (saved && saved.firstUrl !== firstUrl) {
        throw new Error(
          `${SCOPE}: ${checkpointFile} continues a crawl of ${saved.firstUrl}, not ${firstUrl}; use another folder or a fresh run`,
        );
      }
      state.firstUrl = firstUrl;
      url = saved?.nextUrl ?? firstUrl;
    }
    const page = await retrier.request(url, init ?? {}, readListingPage);
    if (!page.items) return page.response;
    const { written, duplicates } = writer.appendPage(page.items);
    run.models += written;
    run.pages++;
    options.afterShardWrite?.({ pages: state.pages + 1, models: state.models + written });
    writer.sync();
    Object.assign(state, {
      nextUrl: nextLink(page.response.headers.get("link")),
      models: state.models + written,
      pages: state.pages + 1,
      duplicatesSkipped: state.duplicatesSkipped + duplicates,
    });
    if (state.nextUrl !== null && state.shardModels >= (options.shardModels ?? 100_000)) writer.rotate();
    writeJsonAtomic(checkpointFile, state);
    progress.update(state.models, `${state.pages.toLocaleString("en-US")} pages`);
    if (options.maxModels !== undefined && run.models >= options.maxModels) run.stop = true;
    return page.response;
  };

  try {
    const models = listModels({
      hubUrl,
      accessToken: options.token,
      fetch: listingFetch,
      sort: options.sort ?? "createdAt",
      additionalFields: [...CRAWL_EXPAND_FIELDS],
    });
    for await (const _model of models) if (run.stop) break;
  } catch (e) {
    throw wrapCrawlError(scrubError(e, [options.token]), retrier.describeBudget());
  } finally {
    writer.close();
  }
  if (state.nextUrl === null) publishListing(outDir, state);
  progress.finish(state.models, `${state.pages} pages, ${state.duplicatesSkipped} duplicates skipped`);
  return summary();
}

/** The client's first URL with the crawl's page size and the extra expand field. */
function firstPageUrl(clientUrl: string, pageSize: number): string {
  const url = new URL(clientUrl);
  url.searchParams.set("limit", String(pageSize));
  if (!url.searchParams.getAll("expand").includes(CRAWL_EXTRA_EXPAND))
    url.searchParams.append("expand", CRAWL_EXTRA_EXPAND);
  return url.toString();
}

/** A listing page read inside the retry loop: its items and a response the client can read again. */
async function readListingPage(response: Response): Promise<{ items: unknown[] | null; response: Response }> {
  const text = await response.text();
  const copy = new Response(text, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(copy, "url", { value: response.url });
  if (!response.ok) return { items: null, response: copy };
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch (e) {
    throw new RetryableError(
      `invalid JSON in the listing page (${text.length} characters; truncated?): ${(e as Error).message}`,
    );
  }
  if (!Array.isArray(items)) throw new RetryableError("the listing page is not a JSON array");
  return { items, response: copy };
}

/** The `rel="next"` URL of a Link header (the same pattern as the client's parser), or null. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const m of header.matchAll(/<(https?:[/][/][^>]+)>;\s+rel="([^"]+)"/g)) if (m[2] === "next") return m[1];
  return null;
}

/** Joins the shards into listing.ndjson (and extras into listing.extra.ndjson) and marks the checkpoint published. */
function publishListing(outDir: string, state: CrawlCheckpoint): void {
  const shards = listShards(outDir);
  concatFiles(shards, path.join(outDir, "listing.ndjson"));
  const extras = shards.map((_, i) => extraShardPath(outDir, i)).filter((f) => fs.existsSync(f));
  if (extras.length > 0) concatFiles(extras, path.join(outDir, "listing.extra.ndjson"));
  state.published = true;
  writeJsonAtomic(crawlCheckpointPath(outDir), state);
}

function wrapCrawlError(e: unknown, budget: string): unknown {
  if (
    !(e instanceof Error) ||
    e.name === "AbortError" ||
    e.name === "RetryExhaustedError" ||
    e.message.startsWith(SCOPE)
  )
    return e;
  const status = (e as { statusCode?: number }).statusCode;
  const error = new Error(
    `${SCOPE}: listing request failed${status ? ` with HTTP ${status}` : ""}: ${e.message}; retry budget: ${budget}`,
  );
  error.cause = e;
  return error;
}
