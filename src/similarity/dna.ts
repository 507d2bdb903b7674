// The two "DNA" strings of a model (docs/methods.md §4.1 "DNA representations"; data/reference/README.md §9.2):
//  - metadata: Python's str() of the model's listing record (metadataString.ts);
//  - card: the first 512 code points of a card that has at least 512 code points and is not auto-generated.
// A corpus holds one document per node (table row); nodes without one (cards that do not qualify) have none.
import pl from "nodejs-polars";
import { isStreamed, rowCount, rowSlice, type TableRows } from "../data/rows";
import { LISTING_KEYS_COLUMN, type SnapshotColumn } from "../data/schema";
import { METADATA_COLUMNS, metadataChunk, metadataStrings, type MetadataStringOptions } from "./metadataString";
import { forEachMetadataTokens, forEachMetadataTokensAsync } from "./metadataTokens";
import type { TokenSpans } from "./tokens";

/**
 * A card qualifies for the card corpus from this many code points on (docs/methods.md §4.1): `card_length_chars >=
 * MIN_CARD_CODE_POINTS`.
 */
export const MIN_CARD_CODE_POINTS = 512;

/** Which documents a corpus holds: listing-record strings, or card heads. */
export type CorpusKind = "metadata" | "model_cards";

/**
 * One document per node (table row): `corpus.text(v)`, null where node v has none. A large metadata corpus is built
 * lazily: `forEachDocument` streams it chunk by chunk and `prefetch` builds the documents of chosen nodes at once.
 */
export interface DnaCorpus {
  kind: CorpusKind;
  /** Number of nodes. */
  size: number;
  /** Nodes with a document. */
  documentCount: number;
  /** True when node v has a document. */
  has(v: number): boolean;
  /** The document of node v, or null. */
  text(v: number): string | null;
  /** Calls fn(text, v) for every document, in node order. */
  forEachDocument(fn: (text: string, v: number) => void): void;
  /** Builds the documents of these nodes ahead of `text` calls (a no-op for an in-memory corpus). */
  prefetch(nodes: Iterable<number>): void;
  /** Calls fn(tokens, v) with every document's tokens, in node order, where the corpus can skip building texts. */
  forEachTokens?(fn: (tokens: TokenSpans, v: number) => void): void;
  /** `forEachTokens`, releasing native memory between chunks (`releaseNativeMemory`), where the corpus streams. */
  forEachTokensAsync?(fn: (tokens: TokenSpans, v: number) => void): Promise<void>;
}

/**
 * A corpus over documents in memory: `corpusOf("metadata", ["{'id': 'a'}", null])`.
 */
export function corpusOf(kind: CorpusKind, texts: readonly (string | null)[]): DnaCorpus {
  let documentCount = 0;
  for (const t of texts) if (t !== null) documentCount++;
  return {
    kind,
    size: texts.length,
    documentCount,
    has: (v) => texts[v] !== null && texts[v] !== undefined,
    text: (v) => texts[v] ?? null,
    forEachDocument: (fn) => texts.forEach((t, v) => t !== null && fn(t, v)),
    prefetch: () => undefined,
  };
}

/**
 * The columns a metadata corpus reads: what to scan for a streamed one.
 * Example: `metadataCorpus(scanSnapshotParquet(file, METADATA_CORPUS_COLUMNS))`.
 */
export const METADATA_CORPUS_COLUMNS = [...METADATA_COLUMNS, LISTING_KEYS_COLUMN] as SnapshotColumn[];

/** The row-number column a streamed corpus adds to find its rows. */
const ROW_INDEX = "__row";

/** Options of `metadataCorpus`. */
export interface MetadataCorpusOptions extends MetadataStringOptions {
  /** Build strings on demand instead of holding all [true from 250,000 rows, and for a lazy scan]. */
  lazy?: boolean;
}

/**
 * The metadata corpus: every node's metadata string (docs/methods.md §4.1): `metadataCorpus(models).text(0)`.
 * NOTE: from 250,000 rows the strings are not all held (1.86M strings take about 1.5 GB of JS heap): fitting reads
 * the tokens straight from the columns (metadataTokens.ts), and the sampled models' strings are built once through
 * `prefetch`. Given a lazy scan (`scanSnapshotParquet(file, METADATA_CORPUS_COLUMNS)`), the
 * columns are not held either: each pass reads the file a chunk at a time (7.4 GB of columns at 18.6M models).
 */
export function metadataCorpus(table: TableRows, options: MetadataCorpusOptions = {}): DnaCorpus {
  if (!isStreamed(table) && !(options.lazy ?? table.height >= 250_000))
    return corpusOf("metadata", metadataStrings(table, options));
  const chunk = options.chunkRows ?? 200_000;
  const height = rowCount(table);
  const built = new Map<number, string>();
  const columns = METADATA_CORPUS_COLUMNS.filter((c) => table.columns.includes(c));
  const build = (nodes: number[]) => {
    if (isStreamed(table)) {
      // One query up to the last wanted row, on polars' streaming engine, which keeps only the wanted rows of each
      // batch it reads (the in-memory engine reads every column whole first: 10.6 GB against 4.3 at 18.6M models).
      const wanted = pl.DataFrame({ [ROW_INDEX]: pl.Series(ROW_INDEX, nodes, pl.UInt32) }).lazy();
      const rows = table
        .select(...columns)
        .slice(0, nodes.reduce((last, v) => Math.max(last, v), 0) + 1)
        .withRowIndex(ROW_INDEX)
        .join(wanted, { on: ROW_INDEX, how: "semi" })
        .collectSync({ engine: "streaming" });
      const ids = rows.getColumn(ROW_INDEX).toArray() as number[];
      metadataChunk(rows.drop(ROW_INDEX), options).forEach((t, i) => built.set(ids[i], t));
      return;
    }
    const rows = pl.Series("row", nodes, pl.UInt32);
    const strings = metadataChunk(table.select(...columns.map((c) => pl.col(c).gather(rows))), options);
    nodes.forEach((v, i) => built.set(v, strings[i]));
  };
  return {
    kind: "metadata",
    size: height,
    documentCount: height,
    has: (v) => v >= 0 && v < height,
    text: (v) => {
      if (!built.has(v)) build([v]);
      return built.get(v)!;
    },
    forEachDocument: (fn) => {
      for (let offset = 0; offset < height; offset += chunk) {
        metadataChunk(rowSlice(table, offset, Math.min(chunk, height - offset)), options).forEach((t, i) =>
          fn(t, offset + i),
        );
      }
    },
    prefetch: (nodes) => {
      const wanted = [...new Set(nodes)].filter((v) => !built.has(v));
      // A scan is read once for all wanted rows; in memory, rows are gathered a chunk's worth at a time.
      const step = isStreamed(table) ? Math.max(1, wanted.length) : chunk;
      for (let i = 0; i < wanted.length; i += step) build(wanted.slice(i, i + step));
    },
    forEachTokens: (fn) => forEachMetadataTokens(table, fn, { chunkRows: chunk, redact: options.redact }),
    forEachTokensAsync: (fn) => forEachMetadataTokensAsync(table, fn, { chunkRows: chunk, redact: options.redact }),
  };
}

/** Options of `cardCorpus`. */
export interface CardCorpusOptions {
  /** Keep only which cards qualify and read their heads on demand [true from 250,000 rows]. */
  lazy?: boolean;
  /** Rows read at a time when streaming [200,000]. */
  chunkRows?: number;
}

/**
 * The card corpus: the 512-code-point head of each qualifying card (≥ 512 code points, not auto-generated), else null.
 * Example: `cardCorpus(loadDataset(settings, { missingCard: "paper" })).documentCount` is 574 on the sample.
 * NOTE: from 250,000 rows the heads stay in polars (618k heads are about 350 MB of JS strings) and are streamed.
 */
export function cardCorpus(table: pl.DataFrame, options: CardCorpusOptions = {}): DnaCorpus {
  const missing = ["card_head", "card_length_chars", "card_auto_generated"].filter((c) => !table.columns.includes(c));
  if (missing.length > 0) throw new Error(`similarity/dna: the table lacks column(s) ${missing.join(", ")}`);
  const qualifies = pl
    .col("card_length_chars")
    .gtEq(MIN_CARD_CODE_POINTS)
    .and(pl.col("card_auto_generated").not())
    .fillNull(false);
  const docs = table.select(
    pl.when(qualifies).then(pl.col("card_head")).otherwise(pl.lit(null).cast(pl.Utf8)).alias("doc"),
  );
  if (!(options.lazy ?? table.height >= 250_000))
    return corpusOf("model_cards", docs.getColumn("doc").toArray() as (string | null)[]);
  const chunk = options.chunkRows ?? 200_000;
  const height = table.height;
  const mask = docs.select(pl.col("doc").isNotNull().cast(pl.UInt8)).getColumn("doc").toTypedArray() as Uint8Array;
  let documentCount = 0;
  for (let v = 0; v < height; v++) documentCount += mask[v];
  const built = new Map<number, string>();
  const build = (nodes: number[]) => {
    const texts = docs
      .select(pl.col("doc").gather(pl.Series("row", nodes, pl.UInt32)))
      .getColumn("doc")
      .toArray() as string[];
    nodes.forEach((v, i) => built.set(v, texts[i]));
  };
  return {
    kind: "model_cards",
    size: height,
    documentCount,
    has: (v) => mask[v] === 1,
    text: (v) => {
      if (mask[v] !== 1) return null;
      if (!built.has(v)) build([v]);
      return built.get(v)!;
    },
    forEachDocument: (fn) => {
      for (let offset = 0; offset < height; offset += chunk) {
        const texts = docs
          .slice(offset, Math.min(chunk, height - offset))
          .getColumn("doc")
          .toArray() as (string | null)[];
        texts.forEach((t, i) => t !== null && fn(t, offset + i));
      }
    },
    prefetch: (nodes) => {
      const wanted = [...new Set(nodes)].filter((v) => mask[v] === 1 && !built.has(v));
      for (let i = 0; i < wanted.length; i += chunk) build(wanted.slice(i, i + chunk));
    },
  };
}
