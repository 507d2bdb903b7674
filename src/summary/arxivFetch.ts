// arXiv categories of linked papers fetched from the arXiv API (docs/methods.md §2.4: the authors fetched
// them and cached the answers in `arxiv_all_categories_dict.txt`). Ids the caches lack are asked for in
// batches of `id_list`, one request every 3 s as arXiv's API terms ask, under the acquisition retry policy;
// each answer is appended to the kit's own cache in the authors' format, so a rerun fetches nothing
// twice and the shipped cache in data/arxiv/ is never written. Ids arXiv does not know are cached as `None`.
import * as fs from "node:fs";
import * as path from "node:path";
import { setTimeout as sleepFor } from "node:timers/promises";
import type pl from "nodejs-polars";
import { Retrier } from "../acquire/retry";
import { pythonListRepr } from "../data/pyrepr";
import { modelArxivPairs, readArxivCategoryCache, type ArxivCategoryCache } from "./arxiv";

const SCOPE = "summary/arxivFetch";

/** The arXiv API's query endpoint. */
export const ARXIV_API_URL = "https://export.arxiv.org/api/query";

/** Options of `fetchArxivCategories`. */
export interface ArxivFetchOptions {
  /** Query endpoint [ARXIV_API_URL]. */
  apiUrl?: string;
  /** Ids per request [100]. */
  batchSize?: number;
  /** Pause between requests in ms [3000, arXiv's rule]. */
  pauseMs?: number;
  /** Retry policy and budget shared by the requests (default: the acquisition defaults). */
  retrier?: Retrier;
  /** Called after each batch with its answers (e.g. to save them at once). */
  onBatch?: (answers: ArxivCategoryCache) => void;
}

/** "2106.09685" from "http://arxiv.org/abs/2106.09685v2" (old-style ids such as "hep-th/9901001" kept whole). */
export function versionlessArxivId(absUrl: string): string {
  const id = absUrl.replace(/^https?:\/\/arxiv\.org\/abs\//, "");
  return id.replace(/v\d+$/, "");
}

/** One Atom feed of the API: categories per answered id, in the feed's order, and whether it reports an error. */
export function parseArxivFeed(xml: string): { categories: Map<string, string[]>; error: string | null } {
  // NOTE: the feed's shape is fixed and small (entry > id, category@term); a regex reader avoids an XML dependency.
  const categories = new Map<string, string[]>();
  let error: string | null = null;
  for (const entry of xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? []) {
    const id = /<id>\s*([^<\s]+)\s*<\/id>/.exec(entry)?.[1];
    if (!id) continue;
    if (id.includes("/api/errors")) {
      error = /<summary>\s*([\s\S]*?)\s*<\/summary>/.exec(entry)?.[1] ?? id;
      continue;
    }
    const terms = [...entry.matchAll(/<category\b[^>]*\bterm="([^"]+)"/g)].map((m) => m[1]);
    categories.set(versionlessArxivId(id), [...new Set(terms)]);
  }
  if (!xml.includes("<feed")) error = error ?? "not an Atom feed";
  return { categories, error };
}

/** The query URL for a batch of ids. */
export function arxivQueryUrl(apiUrl: string, ids: readonly string[]): string {
  return `${apiUrl}?id_list=${ids.map(encodeURIComponent).join(",")}&max_results=${ids.length}`;
}

/**
 * Asks the arXiv API for the categories of `ids`: `await fetchArxivCategories(["2106.09685"])` gives
 * Map { "2106.09685" => ["cs.CL", "cs.AI", "cs.LG"] }. Ids arXiv does not answer map to null. A batch the API
 * rejects (one malformed id fails the whole request) is asked again id by id.
 */
export async function fetchArxivCategories(
  ids: readonly string[],
  options: ArxivFetchOptions = {},
): Promise<ArxivCategoryCache> {
  const apiUrl = options.apiUrl ?? ARXIV_API_URL;
  const batchSize = options.batchSize ?? 100;
  const pauseMs = options.pauseMs ?? 3000;
  const retrier = options.retrier ?? new Retrier();
  const result: ArxivCategoryCache = new Map();
  let requests = 0;
  const ask = async (batch: readonly string[]) => {
    if (requests++ > 0 && pauseMs > 0) await sleepFor(pauseMs);
    const url = arxivQueryUrl(apiUrl, batch);
    const text = await retrier.request(url, {}, async (response) => {
      if (!response.ok) throw new Error(`${SCOPE}: ${url}: HTTP ${response.status}`);
      return response.text();
    });
    return parseArxivFeed(text);
  };
  for (let start = 0; start < ids.length; start += batchSize) {
    const batch = ids.slice(start, start + batchSize);
    const answers: ArxivCategoryCache = new Map();
    const feed = await ask(batch);
    if (feed.error !== null && batch.length > 1) {
      for (const id of batch) {
        const single = await ask([id]);
        answers.set(id, single.error === null ? (single.categories.get(versionlessArxivId(id)) ?? null) : null);
      }
    } else {
      for (const id of batch) answers.set(id, feed.categories.get(versionlessArxivId(id)) ?? null);
    }
    for (const [id, categories] of answers) result.set(id, categories);
    options.onBatch?.(answers);
  }
  return result;
}

/** One cache line in the authors' format: "2106.09685: ['cs.CL', 'cs.AI']" or "2401.00000: None". */
export function arxivCacheLine(id: string, categories: readonly string[] | null): string {
  return `${id}: ${categories === null ? "None" : pythonListRepr(categories)}`;
}

/** Appends answers to a cache file (created with its folder when missing), one line each. */
export function appendArxivCache(file: string, answers: ArxivCategoryCache): void {
  if (answers.size === 0) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lines = [...answers].map(([id, categories]) => arxivCacheLine(id, categories) + "\n").join("");
  fs.appendFileSync(file, lines);
}

/** Options of `arxivCategoriesFor`. */
export interface ArxivCategoriesOptions extends ArxivFetchOptions {
  /** Cache files read in order, a later one winning (the authors' cache, then the kit's). Missing files are skipped. */
  cacheFiles: readonly string[];
  /** The kit's own cache, read too and appended to with fetched answers. */
  writableCache: string;
  /** Fetch the ids the caches lack from the API; false: report them as missing. */
  online: boolean;
  /** Print a line per batch on stderr [false]. */
  progress?: boolean;
}

/** What `arxivCategoriesFor` found: the merged cache, the ids fetched now and the ids still unknown. */
export interface ArxivCategories {
  cache: ArxivCategoryCache;
  fetched: number;
  missing: string[];
}

/**
 * The categories of every arXiv id the models link, from the caches and, when `online`, from the API:
 * `await arxivCategoriesFor(models, { cacheFiles: [authors], writableCache: "data/arxiv/categories.txt", online: true
 * })`.
 */
export async function arxivCategoriesFor(
  models: pl.DataFrame,
  options: ArxivCategoriesOptions,
): Promise<ArxivCategories> {
  const cache: ArxivCategoryCache = new Map();
  for (const file of [...options.cacheFiles, options.writableCache]) {
    if (!fs.existsSync(file)) continue;
    for (const [id, categories] of readArxivCategoryCache(file)) cache.set(id, categories);
  }
  const linked = [...new Set(modelArxivPairs(models).getColumn("arxiv").toArray() as string[])].sort();
  const unknown = linked.filter((id) => !cache.has(id));
  if (!options.online || unknown.length === 0) return { cache, fetched: 0, missing: unknown };
  // Each batch goes to the cache file as it arrives, so an interrupted fetch keeps what it got.
  let fetched = 0;
  const started = Date.now();
  await fetchArxivCategories(unknown, {
    ...options,
    onBatch: (answers) => {
      appendArxivCache(options.writableCache, answers);
      for (const [id, categories] of answers) cache.set(id, categories);
      fetched += answers.size;
      if (options.progress)
        process.stderr.write(
          `${SCOPE}: ${fetched.toLocaleString("en-US")}/${unknown.length.toLocaleString("en-US")} ids, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
        );
      options.onBatch?.(answers);
    },
  });
  return { cache, fetched, missing: linked.filter((id) => !cache.has(id)) };
}
