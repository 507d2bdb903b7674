// A cache of the tables read from listing files, as parquet under build/cache/tables/: every notebook loads the
// shipped sample, and reading its listing and cards takes 1–2 s where the parquet takes a tenth of that. The key is a
// hash of the input files' bytes, the options, and the source of the readers (src/data/), so an edited input or reader
// is read afresh; the parquet is written to a temporary file and renamed, so runs side by side never see half a file.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import pl from "nodejs-polars";

/** Where cached tables live, under the repository root. */
export const TABLE_CACHE_DIR = path.join("build", "cache", "tables");

/** What a cached read needs: the root, the input files, the options the reader takes, and the reader itself. */
export interface CachedRead {
  root: string;
  /** Files read (their bytes are part of the key). */
  inputs: readonly string[];
  /** Options that change the table (part of the key). */
  options: unknown;
  /** Builds the table when no cached copy matches. */
  read: () => pl.DataFrame;
}

/** The cache key: the readers' source (src/data/ and src/datasets.ts), the inputs' bytes and the options. */
export function tableCacheKey(root: string, inputs: readonly string[], options: unknown): string {
  const hash = createHash("sha1");
  const data = path.join(root, "src", "data");
  const sources = fs.existsSync(data)
    ? fs
        .readdirSync(data)
        .filter((f) => f.endsWith(".ts"))
        .sort()
        .map((f) => path.join(data, f))
    : [];
  for (const file of [...sources, path.join(root, "src", "datasets.ts"), ...inputs]) {
    hash.update(file.startsWith(root) ? path.relative(root, file) : file);
    hash.update(fs.existsSync(file) ? fs.readFileSync(file) : "missing");
  }
  hash.update(JSON.stringify(options ?? {}));
  return hash.digest("hex").slice(0, 20);
}

/**
 * The table of `read()`, from the cache when an earlier run stored it under the same key, else read and stored.
 * Example: `cachedTable({ root, inputs: [listing, cards], options, read: () => readListing(listing, cards).table })`.
 */
export function cachedTable(request: CachedRead): pl.DataFrame {
  const dir = path.join(request.root, TABLE_CACHE_DIR);
  const file = path.join(dir, `${tableCacheKey(request.root, request.inputs, request.options)}.parquet`);
  if (fs.existsSync(file)) return pl.readParquet(file);
  const table = request.read();
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  table.writeParquet(tmp, { compression: "uncompressed" });
  fs.renameSync(tmp, file);
  return table;
}
