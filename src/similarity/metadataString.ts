// The metadata "DNA" string (docs/methods.md §4.1; data/reference/README.md §9.2): Python's str() of a model's listing
// record, keys in the listing API's order (data/schema.ts LISTING_KEYS), absent keys absent, a present null printed
// None:
//   {'_id': '6799e6e2…', 'id': 'org/x', 'likes': 0, 'trendingScore': None, 'private': False, 'downloads': 0,
//    'tags': ['diffusers', …], 'pipeline_tag': 'image-to-image', 'createdAt': '2025-01-29T08:29:22.000Z', 'modelId': 'org/x'}
// Which keys were present comes from the `listing_keys` column; a table without it is read as the listing API
// writes records: every key present except a null `pipeline_tag` / `library_name`.
// NOTE: polars renders the timestamps and the lists of plain items; JS applies Python's rules to the rest. Fitting a
// large corpus does not build these strings at all (metadataTokens.ts).
import pl from "nodejs-polars";
import { plainAsciiItems, plainListReprExpr, pythonFloatRepr, pythonListRepr, pythonStrRepr } from "../data/pyrepr";
import { LISTING_KEYS, LISTING_KEYS_COLUMN, LISTING_KEY_BIT, LISTING_RECORD_FIELDS } from "../data/schema";

/**
 * What a metadata string leaves out (a control of the resemblance analysis, not the paper's string): "identity" drops
 * the keys `_id`, `id` and `modelId`, so neither the model's name nor its organisation is left; "identity-and-lineage"
 * also drops the `base_model:` tags, which name the parents' ids and organisations.
 */
export type MetadataRedaction = "identity" | "identity-and-lineage";

/** Options of `metadataStrings`. */
export interface MetadataStringOptions {
  /** Rows converted at a time (bounds the transient JS arrays) [200,000]. */
  chunkRows?: number;
  /** Leave the model's identity (and its parents') out of the string [nothing left out: the paper's string]. */
  redact?: MetadataRedaction;
}

/**
 * Columns a metadata string is made from (plus `listing_keys` when the table has it):
 * `table.select(...METADATA_COLUMNS)`.
 */
export const METADATA_COLUMNS = ["id", "_id", ...LISTING_RECORD_FIELDS];
const NEEDED = METADATA_COLUMNS;

/**
 * The metadata string of every row, in row order.
 * Example: `metadataStrings(models)[0]` is "{'_id': '6799e6e2…', 'id': '0x6e676e/generate-context', …}".
 */
export function metadataStrings(table: pl.DataFrame, options: MetadataStringOptions = {}): string[] {
  const chunk = options.chunkRows ?? 200_000;
  const out: string[] = [];
  for (let offset = 0; offset < table.height; offset += chunk) {
    for (const s of metadataChunk(table.slice(offset, Math.min(chunk, table.height - offset)), options)) out.push(s);
  }
  return out;
}

/** Keys present without a listing_keys column, besides non-null pipeline_tag / library_name. */
const DEFAULT_KEYS = LISTING_KEYS.reduce(
  (m, k, i) => (k === "pipeline_tag" || k === "library_name" ? m : m | (1 << i)),
  0,
);
const BIT = LISTING_KEY_BIT;

/** The listing keys a redacted string leaves out (the model's identity): `keys & ~IDENTITY_KEY_BITS`. */
export const IDENTITY_KEY_BITS = BIT._id | BIT.id | BIT.modelId;
/** How the metadata string prints createdAt (polars strftime): `series.dt.strftime(ISO_FORMAT)`. */
export const ISO_FORMAT = "%Y-%m-%dT%H:%M:%S%.3fZ";

/** The metadata strings of one slice of rows: `metadataChunk(table.slice(0, 1000))`. */
export function metadataChunk(table: pl.DataFrame, options: MetadataStringOptions = {}): string[] {
  const missing = NEEDED.filter((c) => !table.columns.includes(c));
  if (missing.length > 0) throw new Error(`similarity/metadataString: the table lacks column(s) ${missing.join(", ")}`);
  if (table.height === 0) return [];
  const created = (table.getColumn("createdAt").cast(pl.Datetime("ms", "UTC")) as any).dt
    .strftime(ISO_FORMAT)
    .alias("created_iso") as pl.Series;
  let rows = table.withColumns(created);
  if (options.redact === "identity-and-lineage") rows = withoutLineageTags(rows);
  return jsStrings(rows, options.redact !== undefined);
}

/** The rows with the `base_model:` tags left out of `tags` (the "identity-and-lineage" redaction). */
export function withoutLineageTags(rows: pl.DataFrame): pl.DataFrame {
  return rows.withColumns(
    pl
      .col("tags")
      .lst.eval(pl.element().filter(pl.element().str.startsWith("base_model:").not()))
      .alias("tags"),
  );
}

/** Every row by Python's rules (quote choice, escapes, float formatting); `withoutIdentity` drops _id, id, modelId. */
function jsStrings(table: pl.DataFrame, withoutIdentity = false): string[] {
  const cols = table.select(
    pl.col("id"),
    pl.col("_id"),
    pl.col("likes").cast(pl.Float64),
    pl.col("downloads").cast(pl.Float64),
    pl.col("trendingScore").cast(pl.Float64),
    pl.col("private"),
    pl.col("pipeline_tag"),
    pl.col("library_name"),
    pl.col("created_iso"),
    pl
      .when(pl.col("tags").isNull())
      .then(pl.lit("None"))
      .when(plainAsciiItems(pl.col("tags")))
      .then(plainListReprExpr(pl.col("tags")))
      .otherwise(pl.lit(null))
      .alias("tags_repr"),
  );
  const get = (name: string) => cols.getColumn(name).toArray() as any[];
  const [id, mongo, likes, downloads, trending, priv, pipeline, library, created, tagsRepr] = [
    "id",
    "_id",
    "likes",
    "downloads",
    "trendingScore",
    "private",
    "pipeline_tag",
    "library_name",
    "created_iso",
    "tags_repr",
  ].map(get);
  const odd = tagsRepr.flatMap((t, i) => (t === null ? [i] : []));
  if (odd.length > 0) {
    const lists = table
      .select(pl.col("tags").gather(pl.Series("i", odd, pl.UInt32)))
      .getColumn("tags")
      .toArray() as unknown as string[][];
    odd.forEach((row, k) => (tagsRepr[row] = pythonListRepr(lists[k])));
  }
  const inferred = (i: number) =>
    DEFAULT_KEYS | (pipeline[i] !== null ? BIT.pipeline_tag : 0) | (library[i] !== null ? BIT.library_name : 0);
  const masks = table.columns.includes(LISTING_KEYS_COLUMN)
    ? (table.getColumn(LISTING_KEYS_COLUMN).toArray() as (number | null)[])
    : null;
  const keysOf = masks ? (i: number) => (masks[i] === null ? inferred(i) : Number(masks[i])) : inferred;
  const str = (v: string | null) => (v === null || v === undefined ? "None" : pythonStrRepr(v));
  const int = (v: number | null) => (v === null || v === undefined || Number.isNaN(v) ? "None" : String(v));
  const float = (v: number | null) => (v === null || v === undefined ? "None" : pythonFloatRepr(v));
  const bool = (v: boolean | null) => (v === null || v === undefined ? "None" : v ? "True" : "False");
  return id.map((_, i) => {
    const keys = withoutIdentity ? keysOf(i) & ~IDENTITY_KEY_BITS : keysOf(i);
    const parts: string[] = [];
    if (keys & BIT._id) parts.push("'_id': " + str(mongo[i]));
    if (keys & BIT.id) parts.push("'id': " + str(id[i]));
    if (keys & BIT.likes) parts.push("'likes': " + int(likes[i]));
    if (keys & BIT.trendingScore) parts.push("'trendingScore': " + float(trending[i]));
    if (keys & BIT.private) parts.push("'private': " + bool(priv[i]));
    if (keys & BIT.downloads) parts.push("'downloads': " + int(downloads[i]));
    if (keys & BIT.tags) parts.push("'tags': " + tagsRepr[i]);
    if (keys & BIT.pipeline_tag) parts.push("'pipeline_tag': " + str(pipeline[i]));
    if (keys & BIT.library_name) parts.push("'library_name': " + str(library[i]));
    if (keys & BIT.createdAt) parts.push("'createdAt': " + str(created[i]));
    if (keys & BIT.modelId) parts.push("'modelId': " + str(id[i]));
    return "{" + parts.join(", ") + "}";
  });
}
