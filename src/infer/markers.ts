// Relation markers of every model, from its name, library and tags, as one bit mask per row (a polars pass over the
// whole snapshot). They suggest how a model relates to its parent and whether it is likely to be a parent at all:
//
//   mradermacher/X-GGUF         name token "gguf"                      QUANTIZED_NAME   → quantized
//   org/x-lora, library "peft"  name token "lora", library peft       ADAPTER_NAME | ADAPTER_LIBRARY → adapter
//   org/x, tags [mergekit]      tag "mergekit"                          MERGE_TAG        → merge
//
// Tags that name the lineage itself (`base_model:...`) are never read here, so hiding declared parents hides nothing
// these markers see.
import pl from "nodejs-polars";
import type { Relation } from "../data/tags";
import {
  ADAPTER_NAME_PATTERNS,
  MERGE_NAME_PATTERNS,
  QUANTIZATION_FORMATS,
  QUANTIZED_NAME_PATTERNS,
  normalizedNameExpr,
  tokenPattern,
} from "./names";

/** Bit of each marker in a row's mask: `(mask & MARKER.QUANTIZED_NAME) !== 0`. */
export const MARKER = {
  QUANTIZED_NAME: 1,
  QUANTIZED_LIBRARY: 2,
  QUANTIZED_TAG: 4,
  ADAPTER_NAME: 8,
  ADAPTER_LIBRARY: 16,
  ADAPTER_TAG: 32,
  MERGE_NAME: 64,
  MERGE_TAG: 128,
  FINETUNE_TAG: 256,
} as const;

/** Libraries of quantized copies. */
export const QUANTIZED_LIBRARIES: readonly string[] = ["gguf", "llama.cpp", "mlx", "exllamav2", "ctranslate2"];
/** Tags of quantized copies. */
export const QUANTIZED_TAGS: readonly string[] = [
  ...QUANTIZATION_FORMATS,
  "quantized",
  "4-bit",
  "8-bit",
  "4bit",
  "8bit",
  "bitsandbytes",
  "compressed-tensors",
  "fp8",
  "nvfp4",
  "int4",
  "int8",
  "mlx",
  "imatrix",
];
/** Tags of adapters. */
export const ADAPTER_TAGS: readonly string[] = [
  "lora",
  "qlora",
  "peft",
  "adapter",
  "adapters",
  "template:sd-lora",
  "template:diffusion-lora",
];
/** Tags of merges. */
export const MERGE_TAGS: readonly string[] = ["mergekit", "merge", "model-merging", "mergekit-compatible", "moerge"];
/** Tags left by training libraries, which suggest a fine-tune. */
export const FINETUNE_TAGS: readonly string[] = ["trl", "sft", "dpo", "orpo", "grpo", "generated_from_trainer"];

function bit(condition: pl.Expr, value: number): pl.Expr {
  return pl.when(condition.fillNull(false)).then(pl.lit(value)).otherwise(pl.lit(0));
}

/** Rows whose tags `markerMasks` reads at once, by default. */
const MARKER_SLICE_ROWS = 1_000_000;

/**
 * The marker mask of every row (needs `id`; reads `library_name` and `tags` when present, the tags `sliceRows` rows at
 * a time [1,000,000]): `markerMasks(models)`.
 */
export function markerMasks(table: pl.DataFrame, options: { sliceRows?: number } = {}): Uint16Array {
  const sliceRows = options.sliceRows ?? MARKER_SLICE_ROWS;
  if (!(Number.isInteger(sliceRows) && sliceRows >= 1))
    throw new Error(`infer/markers: sliceRows must be a positive integer, not ${sliceRows}`);
  const hasLibrary = table.columns.includes("library_name");
  const tags = table.columns.includes("tags");
  const frame = table
    .lazy()
    .select(
      normalizedNameExpr(pl.col("id")).alias("name"),
      (hasLibrary ? pl.col("library_name").str.toLowerCase() : pl.lit(null).cast(pl.Utf8)).alias("library"),
    );
  const name = pl.col("name");
  const library = pl.col("library");
  const no = pl.lit(false);
  const parts = [
    bit(name.str.contains(tokenPattern(QUANTIZED_NAME_PATTERNS)), MARKER.QUANTIZED_NAME),
    bit(hasLibrary ? library.isIn([...QUANTIZED_LIBRARIES]) : no, MARKER.QUANTIZED_LIBRARY),
    bit(name.str.contains(tokenPattern(ADAPTER_NAME_PATTERNS)), MARKER.ADAPTER_NAME),
    bit(hasLibrary ? library.eq(pl.lit("peft")) : no, MARKER.ADAPTER_LIBRARY),
    bit(name.str.contains(tokenPattern(MERGE_NAME_PATTERNS)), MARKER.MERGE_NAME),
  ];
  const fromName = frame
    .select(
      parts
        .reduce((sum, p) => sum.add(p))
        .cast(pl.UInt16)
        .alias("mask"),
    )
    .collectSync();
  const mask = fromName.getColumn("mask").toTypedArray() as Uint16Array;
  if (!tags) return mask;
  // NOTE: the tags are matched once over the flat list of every row's tags, not with one list pass per marker.
  const tagBits: [readonly string[], number][] = [
    [QUANTIZED_TAGS, MARKER.QUANTIZED_TAG],
    [ADAPTER_TAGS, MARKER.ADAPTER_TAG],
    [MERGE_TAGS, MARKER.MERGE_TAG],
    [FINETUNE_TAGS, MARKER.FINETUNE_TAG],
  ];
  const wanted = tagBits.flatMap(([values]) => [...values]);
  const bitOf = new Map<string, number>();
  for (const [list, b] of tagBits) for (const v of list) bitOf.set(v, (bitOf.get(v) ?? 0) | b);
  // NOTE: in slices of rows, so that the flat list of tags exists for one slice at a time (4.7 GB whole at 18.6M).
  for (let offset = 0; offset < table.height; offset += sliceRows) {
    const hits = table
      .slice(offset, Math.min(sliceRows, table.height - offset))
      .lazy()
      .select(pl.col("tags"))
      .withRowIndex("row")
      .explode("tags")
      .filter(pl.col("tags").str.toLowerCase().isIn(wanted))
      .select(pl.col("row").cast(pl.Int32), pl.col("tags").str.toLowerCase())
      .collectSync();
    const rows = hits.getColumn("row").toTypedArray() as Int32Array;
    const values = hits.getColumn("tags").toArray() as string[];
    for (let i = 0; i < rows.length; i++) mask[offset + rows[i]] |= bitOf.get(values[i]) ?? 0;
  }
  return mask;
}

/**
 * True when a model looks like a quantized copy or an adapter, which rarely have children of their own.
 * Example: `isDerivativeMask(MARKER.QUANTIZED_NAME)` is true.
 */
export function isDerivativeMask(mask: number): boolean {
  return (mask & (MARKER.QUANTIZED_NAME | MARKER.QUANTIZED_LIBRARY | MARKER.ADAPTER_LIBRARY)) !== 0;
}

/** Votes for each relation from one marker, and the vote fine-tune always gets (docs of `relationFromMarkers`). */
export const RELATION_VOTES = {
  QUANTIZED_NAME: 3,
  QUANTIZED_LIBRARY: 2,
  QUANTIZED_TAG: 1.5,
  ADAPTER_NAME: 2,
  ADAPTER_LIBRARY: 4,
  ADAPTER_TAG: 2,
  MERGE_NAME: 2,
  MERGE_TAG: 2.5,
  FINETUNE_TAG: 1,
  FINETUNE_DEFAULT: 1,
  CARD_RELATION: 3,
  CARD_FLAG: 2,
} as const;

/** Card hints that add to the votes: a relation a mention implies, and the card's own flags. */
export interface CardRelationHints {
  relation: Relation | null;
  merge: boolean;
  adapter: boolean;
  quantized: boolean;
}

/** Which marker sources vote: the name, the library and the tags, the card. */
export interface RelationSources {
  name: boolean;
  tags: boolean;
  card: boolean;
}

/**
 * The relation a child's markers vote for: each present marker adds its RELATION_VOTES to its relation, fine-tune
 * starts with FINETUNE_DEFAULT, and ties go to the paper's precedence (merge > adapter > quantized > finetune).
 * Example: `relationFromMarkers(MARKER.QUANTIZED_NAME, null)` is "quantized".
 */
export function relationFromMarkers(
  mask: number,
  card: CardRelationHints | null,
  sources: RelationSources = { name: true, tags: true, card: true },
): Relation {
  const v = RELATION_VOTES;
  const on = (m: number, source: boolean) => (source && (mask & m) !== 0 ? 1 : 0);
  const votes: Record<Relation, number> = {
    merge: on(MARKER.MERGE_NAME, sources.name) * v.MERGE_NAME + on(MARKER.MERGE_TAG, sources.tags) * v.MERGE_TAG,
    adapter:
      on(MARKER.ADAPTER_NAME, sources.name) * v.ADAPTER_NAME +
      on(MARKER.ADAPTER_LIBRARY, sources.tags) * v.ADAPTER_LIBRARY +
      on(MARKER.ADAPTER_TAG, sources.tags) * v.ADAPTER_TAG,
    quantized:
      on(MARKER.QUANTIZED_NAME, sources.name) * v.QUANTIZED_NAME +
      on(MARKER.QUANTIZED_LIBRARY, sources.tags) * v.QUANTIZED_LIBRARY +
      on(MARKER.QUANTIZED_TAG, sources.tags) * v.QUANTIZED_TAG,
    finetune: v.FINETUNE_DEFAULT + on(MARKER.FINETUNE_TAG, sources.tags) * v.FINETUNE_TAG,
  };
  if (card && sources.card) {
    if (card.relation) votes[card.relation] += v.CARD_RELATION;
    if (card.merge) votes.merge += v.CARD_FLAG;
    if (card.adapter) votes.adapter += v.CARD_FLAG;
    if (card.quantized) votes.quantized += v.CARD_FLAG;
  }
  let best: Relation = "merge";
  for (const r of ["adapter", "quantized", "finetune"] as const) if (votes[r] > votes[best]) best = r;
  return best;
}
