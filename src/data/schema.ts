// The canonical snapshot table: one row per model, the same columns whatever format it was read
// from (Hub listing NDJSON, the paper's released CSV, the kit's own parquet, synthetic data).
// METHODS.md §2.3 defines the derived columns; the readers in this folder produce exactly these.
import pl from "nodejs-polars";

/** Column name -> polars dtype of the canonical snapshot table, in column order. */
export const SNAPSHOT_SCHEMA = {
  // Listing fields (/api/models), METHODS.md §2.1.
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
  // Derived from tags exactly as get_expanded_dataset.ipynb does (METHODS.md §2.3).
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

/** A canonical column name. */
export type SnapshotColumn = keyof typeof SNAPSHOT_SCHEMA;

/** Canonical column names in order. */
export const SNAPSHOT_COLUMNS = Object.keys(SNAPSHOT_SCHEMA) as SnapshotColumn[];

/** The five parent columns whose union is a model's parent set (METHODS.md §3.1). */
export const PARENT_COLUMNS = [
  "parent_model",
  "finetune_parent",
  "quantized_parent",
  "adapter_parent",
  "merge_parent",
] as const;
