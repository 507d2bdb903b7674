// arXiv papers linked from models (`arxiv:*` tags) and their subject categories, for the summary
// figure's "ArXiv categories of linked papers" panel (docs/methods.md §5). Categories come from the
// authors' cache of arXiv API answers (shipped as `data/arxiv/arxiv_all_categories_dict.txt.gz`: one
// `2106.09685: ['cs.CL', 'cs.AI']` line per id, `None` where the API had no answer).
import * as path from "node:path";
import pl from "nodejs-polars";
import { readTextFile } from "../data/gzipFile";
import { parsePythonStrList } from "../data/pyrepr";
import type { Settings } from "../settings";

/**
 * The authors' cache of arXiv categories, shipped with the kit: `readArxivCategoryCache(arxivCacheFile(run.settings))`.
 */
export function arxivCacheFile(settings: Settings): string {
  return path.join(settings.root, "data", "arxiv", "arxiv_all_categories_dict.txt.gz");
}

/**
 * Where ids fetched online are kept, in the authors' format (never in the shipped data/arxiv/): `data/cache/arxiv/…`.
 */
export function arxivWritableCacheFile(settings: Settings): string {
  return path.join(settings.dataDir, "cache", "arxiv", "arxiv_all_categories_dict.txt");
}

/** arXiv id -> its categories (null where the cache holds `None`). */
export type ArxivCategoryCache = Map<string, string[] | null>;

/**
 * Reads a category cache file (plain or .gz): `readArxivCategoryCache("data/arxiv/arxiv_all_categories_dict.txt.gz")`.
 */
export function readArxivCategoryCache(file: string): ArxivCategoryCache {
  const cache: ArxivCategoryCache = new Map();
  const lines = readTextFile(file).split("\n");
  // NOTE: a few values span two lines (an ACM class list with an embedded newline); join them back.
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (line === "") continue;
    const colon = line.indexOf(": ");
    if (colon < 0) throw new Error(`summary/arxiv: ${file}:${i + 1}: expected "<id>: <categories>"`);
    while (line.slice(colon + 2).startsWith("[") && !line.endsWith("]") && i + 1 < lines.length)
      line += "\n" + lines[++i];
    const id = line.slice(0, colon);
    const value = line.slice(colon + 2);
    try {
      cache.set(id, value === "None" ? null : parsePythonStrList(value));
    } catch (e) {
      throw new Error(`summary/arxiv: ${file}:${i + 1}: ${(e as Error).message}`);
    }
  }
  return cache;
}

/** One row per (model, arxiv id) pair, in table order: columns `model` (row index) and `arxiv`. */
export function modelArxivPairs(models: pl.DataFrame): pl.DataFrame {
  return models
    .select(pl.col("arxiv_papers"))
    .withRowIndex("model")
    .explode("arxiv_papers")
    .dropNulls()
    .rename({ arxiv_papers: "arxiv" });
}

/**
 * Counts models per arXiv category, as the paper does: per model, the set of all categories of its
 * linked papers; then the number of models per category, most frequent first (ties by first appearance).
 * Returns the counts and the linked ids missing from the cache: `arxivCategoryCounts(models, cache).counts[0]`.
 */
export function arxivCategoryCounts(
  models: pl.DataFrame,
  cache: ArxivCategoryCache,
): { counts: [string, number][]; missing: string[] } {
  const pairs = modelArxivPairs(models);
  const modelIds = pairs.getColumn("model").toArray() as number[];
  const arxivIds = pairs.getColumn("arxiv").toArray() as string[];
  const counts = new Map<string, number>();
  const missing = new Set<string>();
  let current = -1;
  let seen = new Set<string>();
  for (let i = 0; i < arxivIds.length; i++) {
    if (modelIds[i] !== current) {
      current = modelIds[i];
      seen = new Set();
    }
    if (!cache.has(arxivIds[i])) missing.add(arxivIds[i]);
    for (const category of cache.get(arxivIds[i]) ?? []) {
      if (seen.has(category)) continue;
      seen.add(category);
      counts.set(category, (counts.get(category) ?? 0) + 1);
    }
  }
  const ordered = [...counts.entries()].map((e, first) => ({ e, first }));
  ordered.sort((a, b) => b.e[1] - a.e[1] || a.first - b.first);
  return { counts: ordered.map((o) => o.e), missing: [...missing].sort() };
}
