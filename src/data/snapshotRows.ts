// Builds canonical snapshot tables (schema.ts) from rows parsed in JS (the listing reader), a chunk
// at a time: plain JS column arrays while parsing, then one polars step per chunk for createdAt,
// author and the tag-derived columns (docs/methods.md §2.3). Also what every reader shares: the tag-list
// encoding, the canonical column order and the final duplicate-id check.
// NOTE: list columns are never built from JS arrays (measured 5x slower than splitting strings): tags travel as
// one string per row, "\x1f"-prefixed items, and polars splits them.
import pl from "nodejs-polars";
import { doubled } from "../typedArrays";
import { SNAPSHOT_COLUMNS, SNAPSHOT_SCHEMA, canonicalColumnExprs } from "./schema";
import { deriveFromTagsLazy } from "./tags";
import type { ProblemLog } from "./problems";

/** Separator put before each tag in the one-string-per-row encoding. */
export const TAG_SEPARATOR = "\x1f";
/** Escape character of the encoding, for tags that themselves contain the separator or the escape. */
export const TAG_ESCAPE = "\x1e";
const ESCAPED_SEPARATOR = TAG_ESCAPE + "1";
const ESCAPED_ESCAPE = TAG_ESCAPE + "0";

/** Column holding each row's 1-based source line while a table is built. */
export const LINE_COLUMN = "__line";

/**
 * Encodes a tag list as one string: "" for [], "\x1fa\x1fb" for ["a", "b"].
 * `escaped` is true when some tag contained "\x1f" or "\x1e" and was escaped.
 */
export function encodeTags(tags: readonly string[]): { encoded: string; escaped: boolean } {
  let escaped = false;
  let encoded = "";
  for (const tag of tags) {
    if (tag.indexOf(TAG_SEPARATOR) >= 0 || tag.indexOf(TAG_ESCAPE) >= 0) {
      escaped = true;
      encoded +=
        TAG_SEPARATOR + tag.split(TAG_ESCAPE).join(ESCAPED_ESCAPE).split(TAG_SEPARATOR).join(ESCAPED_SEPARATOR);
    } else encoded += TAG_SEPARATOR + tag;
  }
  return { encoded, escaped };
}

/** polars expression decoding `encodeTags` output back to List(Utf8). Example: "\x1fa\x1fb" -> ["a", "b"]. */
export function decodeTagsExpr(encoded: pl.Expr, escaped: boolean): pl.Expr {
  const list = encoded.str.split(TAG_SEPARATOR).lst.slice(1, 2 ** 31 - 1);
  if (!escaped) return list;
  return list.lst.eval(
    pl
      .element()
      .str.replaceAll(ESCAPED_SEPARATOR, TAG_SEPARATOR, true)
      .str.replaceAll(ESCAPED_ESCAPE, TAG_ESCAPE, true),
  );
}

/** One parsed row, before the polars step. `tags` is the encodeTags output. */
export interface ParsedRow {
  id: string;
  mongoId: string | null;
  createdAt: string;
  likes: number | null;
  downloads: number | null;
  trendingScore: number | null;
  isPrivate: boolean | null;
  tags: string;
  tagsEscaped: boolean;
  pipelineTag: string | null;
  libraryName: string | null;
  /** LISTING_KEY_BIT bits of the keys present in the record (schema.ts). */
  listingKeys: number;
  line: number;
}

/** Accumulates parsed rows into column arrays, a chunk at a time. */
export class SnapshotRowsBuilder {
  private ids: string[] = [];
  private mongoIds: (string | null)[] = [];
  private anyMongoId = false;
  private createdAt: string[] = [];
  private likes!: Float64Array;
  private downloads!: Float64Array;
  private trendingScore!: Float64Array; // NaN = null
  private isPrivate!: Uint8Array; // 0 false, 1 true, 2 null
  private lines!: Float64Array;
  private listingKeys!: Uint16Array;
  private tags: string[] = [];
  private pipelineTag: (string | null)[] = [];
  private libraryName: (string | null)[] = [];
  private tagsEscaped = false;
  private size = 0;

  constructor(private readonly capacity = 65536) {
    this.reset();
  }

  /** Rows pushed since the last `takeFrame`. */
  get length(): number {
    return this.size;
  }

  /** Appends a row. */
  push(row: ParsedRow): void {
    if (this.size === this.likes.length) this.grow();
    const i = this.size++;
    this.ids.push(row.id);
    this.mongoIds.push(row.mongoId);
    this.anyMongoId ||= row.mongoId !== null;
    this.createdAt.push(row.createdAt);
    this.likes[i] = row.likes ?? NaN;
    this.downloads[i] = row.downloads ?? NaN;
    this.trendingScore[i] = row.trendingScore ?? NaN;
    this.isPrivate[i] = row.isPrivate === null ? 2 : row.isPrivate ? 1 : 0;
    this.lines[i] = row.line;
    this.listingKeys[i] = row.listingKeys;
    this.tags.push(row.tags);
    this.pipelineTag.push(row.pipelineTag);
    this.libraryName.push(row.libraryName);
    this.tagsEscaped ||= row.tagsEscaped;
  }

  /** The rows so far as a raw frame (createdAt still text, tags decoded), then starts a new chunk. */
  takeFrame(): pl.DataFrame {
    const n = this.size;
    const columns = [
      pl.Series("id", this.ids, pl.Utf8),
      this.anyMongoId ? pl.Series("_id", this.mongoIds, pl.Utf8) : pl.Series("_id", new Uint8Array(n)),
      pl.Series("createdAt", this.createdAt, pl.Utf8),
      pl.Series("likes", this.likes.subarray(0, n)),
      pl.Series("downloads", this.downloads.subarray(0, n)),
      pl.Series("trendingScore", this.trendingScore.subarray(0, n)),
      pl.Series("private", this.isPrivate.subarray(0, n)),
      pl.Series("tags", this.tags, pl.Utf8),
      pl.Series("pipeline_tag", this.pipelineTag, pl.Utf8),
      pl.Series("library_name", this.libraryName, pl.Utf8),
      pl.Series("listing_keys", this.listingKeys.subarray(0, n)),
      pl.Series(LINE_COLUMN, this.lines.subarray(0, n)),
    ];
    const frame = pl
      .DataFrame(columns)
      .withColumns(
        this.anyMongoId ? pl.col("_id") : pl.lit(null).cast(pl.Utf8).alias("_id"),
        pl.col("likes").fillNan(pl.lit(null)),
        pl.col("downloads").fillNan(pl.lit(null)),
        pl.col("trendingScore").fillNan(pl.lit(null)),
        pl.when(pl.col("private").eq(2)).then(pl.lit(null)).otherwise(pl.col("private").eq(1)).alias("private"),
        decodeTagsExpr(pl.col("tags"), this.tagsEscaped).alias("tags"),
      );
    this.reset();
    return frame;
  }

  private reset(): void {
    const n = this.capacity;
    this.ids = [];
    this.mongoIds = [];
    this.anyMongoId = false;
    this.createdAt = [];
    this.likes = new Float64Array(n);
    this.downloads = new Float64Array(n);
    this.trendingScore = new Float64Array(n);
    this.isPrivate = new Uint8Array(n);
    this.lines = new Float64Array(n);
    this.listingKeys = new Uint16Array(n);
    this.tags = [];
    this.pipelineTag = [];
    this.libraryName = [];
    this.tagsEscaped = false;
    this.size = 0;
  }

  private grow(): void {
    this.likes = doubled(this.likes);
    this.downloads = doubled(this.downloads);
    this.trendingScore = doubled(this.trendingScore);
    this.isPrivate = doubled(this.isPrivate);
    this.lines = doubled(this.lines);
    this.listingKeys = doubled(this.listingKeys);
  }
}

/** The Hub's createdAt form, "2025-01-29T08:29:22.000Z" (fraction optional), as a regex and a chrono format. */
export const CREATED_AT_PATTERN = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$";
export const CREATED_AT_FORMAT = "%Y-%m-%dT%H:%M:%S%.fZ";

/**
 * The polars plan turning a raw chunk into canonical columns (+ LINE_COLUMN): parses createdAt into
 * CREATED_AT_PARSED (null when malformed), adds author and the tag-derived columns. Run it with
 * `collectSync()` or, to overlap with parsing, `collect()`; then call settleChunk.
 */
export function chunkPlan(raw: pl.DataFrame): pl.LazyDataFrame {
  const parsed = raw.lazy().withColumns(
    pl
      .when(pl.col("createdAt").str.contains(CREATED_AT_PATTERN))
      .then(pl.col("createdAt").str.strptime(pl.Datetime("ms"), CREATED_AT_FORMAT))
      .otherwise(pl.lit(null))
      .cast(pl.Datetime("ms"))
      .dt.replaceTimeZone("UTC")
      .alias(CREATED_AT_PARSED),
    pl.col("id").str.extract("^([^/]*)/", 1).alias("author"),
    pl.col("likes").cast(pl.Int64),
    pl.col("downloads").cast(pl.Int64),
  );
  return deriveFromTagsLazy(parsed);
}

/** Column of chunkPlan output holding the parsed createdAt. */
export const CREATED_AT_PARSED = "__createdAt";

/** Reports rows whose createdAt did not parse ("wrong-type"; lenient mode drops them) and finalizes createdAt. */
export function settleChunk(planned: pl.DataFrame, log: ProblemLog): pl.DataFrame {
  const bad = planned.filter(pl.col(CREATED_AT_PARSED).isNull());
  for (const r of bad.select("id", "createdAt", LINE_COLUMN).toRecords())
    log.add(
      "wrong-type",
      Number(r[LINE_COLUMN]),
      `createdAt is not an ISO-8601 UTC time: ${JSON.stringify(r.createdAt)}`,
      { column: "createdAt", id: String(r.id) },
    );
  const good = bad.height > 0 ? planned.filter(pl.col(CREATED_AT_PARSED).isNotNull()) : planned;
  return good.withColumns(pl.col(CREATED_AT_PARSED).alias("createdAt")).drop(CREATED_AT_PARSED);
}

/** chunkPlan + settleChunk, synchronously. */
export function finishChunk(raw: pl.DataFrame, log: ProblemLog): pl.DataFrame {
  return settleChunk(chunkPlan(raw).collectSync(), log);
}

/** The canonical columns in schema order, cast to the schema's dtypes; LINE_COLUMN kept last when present. */
export function selectCanonical(df: pl.DataFrame, keepLine = false): pl.DataFrame {
  const exprs = canonicalColumnExprs(df.columns);
  if (keepLine && df.columns.includes(LINE_COLUMN)) exprs.push(pl.col(LINE_COLUMN));
  return df.select(...exprs);
}

/**
 * Concatenates canonical chunks and checks ids: a repeated id is a "duplicate-id" problem naming
 * both lines (lenient mode keeps the first row). Drops LINE_COLUMN.
 */
export function concatChunks(chunks: pl.DataFrame[], log: ProblemLog): pl.DataFrame {
  if (chunks.length === 0) throw new Error("data/snapshotRows: concatChunks needs at least one chunk");
  let table = chunks.length === 1 ? chunks[0] : pl.concat(chunks, { rechunk: true, how: "vertical" });
  const duplicated = table.filter(pl.col("id").isFirstDistinct().not());
  if (duplicated.height > 0) {
    const firstLines = table
      .filter(pl.col("id").isIn(pl.lit(duplicated.getColumn("id"))))
      .groupBy("id")
      .agg(pl.col(LINE_COLUMN).min().alias("first"));
    const firstLineOf = new Map(firstLines.toRecords().map((r) => [r.id as string, r.first as number]));
    for (const r of duplicated.select("id", LINE_COLUMN).toRecords())
      log.add(
        "duplicate-id",
        Number(r[LINE_COLUMN]),
        `duplicate model id, first seen on line ${firstLineOf.get(String(r.id))}`,
        { id: String(r.id) },
      );
    table = table.filter(pl.col("id").isFirstDistinct());
  }
  return table.drop(LINE_COLUMN);
}

/** Columns of `a` then of `b` (same height). */
export function hconcat(a: pl.DataFrame, b: pl.DataFrame): pl.DataFrame {
  return a.hstack(b.getColumns(), false) as unknown as pl.DataFrame;
}

/** A zero-row canonical table. Example: `emptySnapshotTable().columns` equals SNAPSHOT_COLUMNS. */
export function emptySnapshotTable(): pl.DataFrame {
  const oneNullRow = pl
    .DataFrame({ row: [0] })
    .select(...SNAPSHOT_COLUMNS.map((c) => pl.lit(null).cast(SNAPSHOT_SCHEMA[c]).alias(c)));
  return oneNullRow.slice(0, 0);
}
