// The canonical snapshot table: one row per model, the same columns whatever format it was read
// from (Hub listing NDJSON, the paper's released CSV, the kit's own parquet, synthetic data).
// docs/methods.md §2.3 defines the derived columns; the readers in this folder produce exactly these.
import pl from "nodejs-polars";

/** Column name -> polars dtype of the canonical snapshot table, in column order. */
export const SNAPSHOT_SCHEMA = {
  // Listing fields (/api/models), docs/methods.md §2.1.
  id: pl.Utf8, // "org/name"
  _id: pl.Utf8, // the Hub's internal object id; null where the source has none
  author: pl.Utf8, // the part of id before "/", null for un-namespaced ids
  createdAt: pl.Datetime("ms", "UTC"),
  likes: pl.Int64,
  downloads: pl.Int64,
  trendingScore: pl.Float64, // null where the source has none
  private: pl.Bool,
  tags: pl.List(pl.Utf8),
  pipeline_tag: pl.Utf8,
  library_name: pl.Utf8,
  listing_keys: pl.UInt16, // bit i set when LISTING_KEYS[i] was present in the listing record (absent vs null)
  // Derived from tags exactly as get_expanded_dataset.ipynb does (docs/methods.md §2.3).
  regions: pl.List(pl.Utf8), // "region:us" -> "us"
  licenses: pl.List(pl.Utf8), // "license:mit" -> "mit"
  arxiv_papers: pl.List(pl.Utf8), // "arxiv:2106.09685" -> "2106.09685"
  datasets: pl.List(pl.Utf8), // "dataset:glue" -> "glue"
  parent_model: pl.List(pl.Utf8), // "base_model:org/x" (exactly one colon) -> "org/x"
  finetune_parent: pl.List(pl.Utf8), // "base_model:finetune:org/x" -> "org/x"
  quantized_parent: pl.List(pl.Utf8),
  adapter_parent: pl.List(pl.Utf8),
  merge_parent: pl.List(pl.Utf8),
  languages: pl.List(pl.Utf8), // two-letter ISO 639-1 tags -> pycountry names ("en" -> "English")
  // Reduced from the model card on ingest (the full text is never kept).
  has_card: pl.Bool,
  card_length_chars: pl.Int64, // Unicode code points; null without a card (see CardOptions)
  card_length_words: pl.Int64, // whitespace-separated words; null without a card
  card_auto_generated: pl.Bool, // lowercased card contains "automatically generated" or "generated automatically"
  card_head: pl.Utf8, // first 512 code points of the card
} as const;

/**
 * The fields of a Hub listing record between its ids and `modelId`, in the API's order; the released CSV keeps them
 * in the same order after `model_id`: `["model_id", ...LISTING_RECORD_FIELDS]`.
 */
export const LISTING_RECORD_FIELDS = [
  "likes",
  "trendingScore",
  "private",
  "downloads",
  "tags",
  "pipeline_tag",
  "library_name",
  "createdAt",
] as const;

/**
 * Keys of a Hub listing record in the API's order. The metadata "DNA" string (docs/methods.md §4.1) is the
 * Python repr of the record, where an absent key is absent and a null one prints None, so the table
 * keeps which keys were present in `listing_keys`.
 */
export const LISTING_KEYS = ["_id", "id", ...LISTING_RECORD_FIELDS, "modelId"] as const;

/** Bit of each listing key in `listing_keys`: `LISTING_KEY_BIT.pipeline_tag === 1 << 7`. */
export const LISTING_KEY_BIT: Readonly<Record<(typeof LISTING_KEYS)[number], number>> = Object.fromEntries(
  LISTING_KEYS.map((k, i) => [k, 1 << i]),
) as Record<(typeof LISTING_KEYS)[number], number>;

/**
 * `listing_keys` for sources that do not record key presence (the released CSV, synthetic data):
 * the keys the listing API always sends, plus `_id`, `pipeline_tag` and `library_name` where not
 * null (the API leaves those out when a model has none).
 */
export function listingKeysFromNulls(): pl.Expr {
  const always = LISTING_KEYS.filter((k) => k !== "_id" && k !== "pipeline_tag" && k !== "library_name").reduce(
    (m, k) => m | LISTING_KEY_BIT[k],
    0,
  );
  const bitIfPresent = (k: "_id" | "pipeline_tag" | "library_name") =>
    pl.when(pl.col(k).isNotNull()).then(pl.lit(LISTING_KEY_BIT[k])).otherwise(pl.lit(0));
  return pl
    .lit(always)
    .add(bitIfPresent("_id"))
    .add(bitIfPresent("pipeline_tag"))
    .add(bitIfPresent("library_name"))
    .cast(pl.UInt16);
}

/** Expressions selecting the canonical columns in order and dtype, filling `listing_keys` from nulls when absent. */
export function canonicalColumnExprs(available: readonly string[]): pl.Expr[] {
  return SNAPSHOT_COLUMNS.map((c) =>
    c === "listing_keys" && !available.includes(c)
      ? listingKeysFromNulls().alias(c)
      : pl.col(c).cast(SNAPSHOT_SCHEMA[c]),
  );
}

/** A canonical column name. */
export type SnapshotColumn = keyof typeof SNAPSHOT_SCHEMA;

/** Canonical column names in order. */
export const SNAPSHOT_COLUMNS = Object.keys(SNAPSHOT_SCHEMA) as SnapshotColumn[];

/** The five parent columns whose union is a model's parent set (docs/methods.md §3.1). */
export const PARENT_COLUMNS = [
  "parent_model",
  "finetune_parent",
  "quantized_parent",
  "adapter_parent",
  "merge_parent",
] as const;

/**
 * Column recording which listing keys were present (UInt16 bitmask over LISTING_KEYS):
 * `table.columns.includes(LISTING_KEYS_COLUMN)`.
 */
export const LISTING_KEYS_COLUMN = "listing_keys";
