// Reader of a Hub listing snapshot (docs/methods.md §2.1): NDJSON with one `/api/models` object per line
// (_id, id, likes, trendingScore, private, downloads, tags, pipeline_tag, library_name, createdAt,
// modelId), plus an optional cards NDJSON ({"id", "card"}, the README text). Produces the canonical
// snapshot table (schema.ts). Streams line by line; each card is reduced as soon as it is parsed.
import { isUtf8 } from "node:buffer";
import * as fs from "node:fs";
import * as path from "node:path";
import pl, { type DataType } from "nodejs-polars";
import { forEachLine, type LineSpan } from "./blockReader";
import { CardColumnsBuilder, missingCard, type CardOptions } from "./cards";
import { ProblemLog, type ReadReport } from "./problems";
import { Progress } from "./progress";
import { firstInvalidUtf8Offset } from "./utf8";
import { LISTING_KEYS, LISTING_KEY_BIT } from "./schema";
import {
  LINE_COLUMN,
  SnapshotRowsBuilder,
  concatChunks,
  hconcat,
  encodeTags,
  finishChunk,
  selectCanonical,
  type ParsedRow,
} from "./snapshotRows";

const SCOPE = "data/listing";

/** Options of readListing. */
export interface ListingReadOptions extends CardOptions {
  /** Skip and count bad lines instead of throwing (default false). */
  lenient?: boolean;
  /** Progress lines on stderr for long reads (default true). */
  progress?: boolean;
  /** Rows per polars chunk (default 200,000). */
  chunkRows?: number;
}

/** A canonical table and what the reads met: the listing's report and, with cards, the cards' report. */
export interface ListingReadResult {
  table: pl.DataFrame;
  report: ReadReport;
  cardsReport?: ReadReport & { cardsWithoutListedModel: number };
}

/** Keys every listing object must have, non-null. */
export const REQUIRED_LISTING_KEYS = ["id", "likes", "downloads", "tags", "createdAt"] as const;

/**
 * Reads a listing NDJSON (and a cards NDJSON) into the canonical table, in listing order.
 * Example: `const { table } = readListing("hf-data/listing.ndjson", "hf-data/cards.ndjson", { missingCard: "paper" })`.
 * Without a cards file every model gets the missing-card values of the chosen rule.
 */
export function readListing(
  listingPath: string,
  cardsPath?: string,
  options: ListingReadOptions = {},
): ListingReadResult {
  const cards = cardsPath ? readCardsNdjson(cardsPath, options) : undefined;
  const { table: listed, report } = readListingRows(listingPath, options);
  const table = selectCanonical(attachCards(listed, cards?.frame, options));
  if (!cards) return { table, report };
  const unmatched = cards.frame.height - listed.join(cards.frame.select("id"), { on: "id", how: "inner" }).height;
  return { table, report, cardsReport: { ...cards.report, cardsWithoutListedModel: unmatched } };
}

function readListingRows(
  listingPath: string,
  options: ListingReadOptions,
): { table: pl.DataFrame; report: ReadReport } {
  const log = new ProblemLog(SCOPE, listingPath, options.lenient ?? false);
  const rows = new SnapshotRowsBuilder(RAW_FRAME_ROWS);
  const raw: pl.DataFrame[] = []; // frames of RAW_FRAME_ROWS rows not yet through the polars plan
  const chunks: pl.DataFrame[] = [];
  const chunkRows = options.chunkRows ?? 200_000;
  const finishRaw = () => {
    raw.push(rows.takeFrame());
    chunks.push(finishChunk(raw.length === 1 ? raw[0] : pl.concat(raw, { how: "vertical" }), log));
    raw.length = 0;
  };
  let rowsRead = 0;
  let bytes = 0;
  let progress: Progress | undefined;
  forEachLine(listingPath, (span, reader) => {
    progress ??= new Progress(SCOPE, path.basename(listingPath), reader.size, options.progress ?? true);
    const obj = parseJsonLine(span, log);
    if (obj === BLANK) return;
    rowsRead++;
    const row = obj && listingRow(obj, span.line, log);
    if (row) rows.push(row);
    if (rows.length >= RAW_FRAME_ROWS) raw.push(rows.takeFrame());
    if (raw.length * RAW_FRAME_ROWS >= chunkRows) finishRaw();
    bytes = reader.consumed;
    if ((rowsRead & 0x3fff) === 0) progress.update(rowsRead, bytes);
  });
  if (rows.length > 0 || raw.length > 0 || chunks.length === 0) finishRaw();
  const table = concatChunks(chunks, log);
  progress?.finish(rowsRead, bytes);
  return {
    table,
    report: log.report({
      rowsRead,
      rowsKept: table.height,
      bytes: fs.statSync(listingPath).size,
      seconds: progress?.seconds ?? 0,
    }),
  };
}

const BLANK = Symbol("blank line");

// NOTE: parsed rows move from JS arrays into polars every RAW_FRAME_ROWS rows, before V8 promotes
// their strings to the old generation; keeping 100k rows in JS made GC a third of the read time.
const RAW_FRAME_ROWS = 8192;

/** Decodes and parses one NDJSON line; a problem (invalid UTF-8, bad JSON, truncated) gives null. */
function parseJsonLine(span: LineSpan, log: ProblemLog): Record<string, unknown> | null | typeof BLANK {
  const bytes = span.buffer.subarray(span.start, span.end);
  if (!isUtf8(bytes)) {
    log.add("invalid-utf8", span.line, `invalid UTF-8 at byte ${firstInvalidUtf8Offset(bytes) + 1} of the line`);
    return null;
  }
  const text = bytes.toString("utf8");
  if (text.trim() === "") return BLANK;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const truncated = !span.terminated;
    log.add(
      truncated ? "truncated" : "bad-json",
      span.line,
      `${truncated ? "last line is cut off: " : ""}${(e as Error).message}`,
    );
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    log.add("bad-json", span.line, "line is not a JSON object");
    return null;
  }
  return value as Record<string, unknown>;
}

/** Checks and converts one listing object; a problem gives null. */
function listingRow(obj: Record<string, unknown>, line: number, log: ProblemLog): ParsedRow | null {
  const id = typeof obj.id === "string" ? obj.id : undefined;
  for (const key of REQUIRED_LISTING_KEYS) {
    if (obj[key] === undefined || obj[key] === null) {
      log.add("missing-key", line, `missing required key "${key}"`, { column: key, id });
      return null;
    }
  }
  const check = new TypeChecker(obj, line, log, id);
  const tags = check.stringArray("tags");
  const row = {
    id: check.string("id"),
    mongoId: check.optionalString("_id"),
    createdAt: check.string("createdAt"),
    likes: check.integer("likes"),
    downloads: check.integer("downloads"),
    trendingScore: check.optionalNumber("trendingScore"),
    isPrivate: check.optionalBoolean("private"),
    pipelineTag: check.optionalString("pipeline_tag"),
    libraryName: check.optionalString("library_name"),
  };
  if (!check.ok || !tags) return null;
  const { encoded, escaped } = encodeTags(tags);
  let listingKeys = 0;
  for (const key of LISTING_KEYS) if (key in obj) listingKeys |= LISTING_KEY_BIT[key];
  return { ...row, id: row.id!, createdAt: row.createdAt!, tags: encoded, tagsEscaped: escaped, listingKeys, line };
}

/** Type checks of JSON values; the first failure is logged as "wrong-type" and clears `ok`. */
class TypeChecker {
  ok = true;
  constructor(
    private readonly obj: Record<string, unknown>,
    private readonly line: number,
    private readonly log: ProblemLog,
    private readonly id: string | undefined,
  ) {}

  string(key: string): string | null {
    const v = this.obj[key];
    return typeof v === "string" && v !== "" ? v : this.fail(key, "a non-empty string");
  }
  optionalString(key: string): string | null {
    const v = this.obj[key];
    return v === undefined || v === null ? null : typeof v === "string" ? v : this.fail(key, "a string or null");
  }
  integer(key: string): number | null {
    const v = this.obj[key];
    return Number.isSafeInteger(v) ? (v as number) : this.fail(key, "an integer");
  }
  optionalNumber(key: string): number | null {
    const v = this.obj[key];
    return v === undefined || v === null ? null : typeof v === "number" ? v : this.fail(key, "a number or null");
  }
  optionalBoolean(key: string): boolean | null {
    const v = this.obj[key];
    return v === undefined || v === null ? null : typeof v === "boolean" ? v : this.fail(key, "a boolean or null");
  }
  stringArray(key: string): string[] | null {
    const v = this.obj[key];
    return Array.isArray(v) && v.every((t) => typeof t === "string")
      ? (v as string[])
      : this.fail(key, "an array of strings");
  }

  private fail(key: string, expected: string): null {
    if (this.ok)
      this.log.add(
        "wrong-type",
        this.line,
        `${key} is not ${expected}: ${JSON.stringify(this.obj[key])?.slice(0, 80)}`,
        { column: key, id: this.id },
      );
    this.ok = false;
    return null;
  }
}

/**
 * The verbatim card texts of a cards NDJSON (plain or .gz), by model id; lines without a text are left out.
 * Example: `readCardTexts("data/sample/cards.ndjson.gz").size` is 1415.
 */
export function readCardTexts(cardsPath: string): Map<string, string> {
  const texts = new Map<string, string>();
  forEachLine(cardsPath, (span) => {
    if (span.end === span.start) return;
    let obj: { id?: unknown; card?: unknown };
    try {
      obj = JSON.parse(span.buffer.toString("utf8", span.start, span.end));
    } catch (error) {
      throw new Error(`data/cards: ${cardsPath}:${span.line}: ${(error as Error).message}`);
    }
    if (typeof obj.id === "string" && typeof obj.card === "string") texts.set(obj.id, obj.card);
  });
  return texts;
}

/**
 * Reads a cards NDJSON ({"id", "card"} per line) into id + the five card columns:
 * `readCardsNdjson("cards.ndjson").frame`.
 */
export function readCardsNdjson(
  cardsPath: string,
  options: ListingReadOptions = {},
): { frame: pl.DataFrame; report: ReadReport } {
  const log = new ProblemLog("data/cards", cardsPath, options.lenient ?? false);
  const ids: string[] = [];
  const lines: number[] = [];
  const cards = new CardColumnsBuilder(options);
  let rowsRead = 0;
  let bytes = 0;
  let progress: Progress | undefined;
  forEachLine(cardsPath, (span, reader) => {
    progress ??= new Progress("data/cards", path.basename(cardsPath), reader.size, options.progress ?? true);
    const obj = parseJsonLine(span, log);
    if (obj === BLANK) return;
    rowsRead++;
    if (obj) pushCard(obj, span.line, log, ids, lines, cards);
    bytes = reader.consumed;
    if ((rowsRead & 0x3ff) === 0) progress.update(rowsRead, bytes);
  });
  const frame = hconcat(
    pl.DataFrame([pl.Series("id", ids, pl.Utf8), pl.Series(LINE_COLUMN, lines, pl.Float64)]),
    cards.toFrame(),
  );
  const unique = concatChunks([frame], log);
  progress?.finish(rowsRead, bytes);
  return {
    frame: unique,
    report: log.report({
      rowsRead,
      rowsKept: unique.height,
      bytes: fs.statSync(cardsPath).size,
      seconds: progress?.seconds ?? 0,
    }),
  };
}

function pushCard(
  obj: Record<string, unknown>,
  line: number,
  log: ProblemLog,
  ids: string[],
  lines: number[],
  cards: CardColumnsBuilder,
): void {
  const id = obj.id;
  if (typeof id !== "string" || id === "") {
    log.add(id === undefined || id === null ? "missing-key" : "wrong-type", line, `"id" is not a non-empty string`, {
      column: "id",
    });
    return;
  }
  if (obj.card !== undefined && obj.card !== null && typeof obj.card !== "string") {
    log.add("wrong-type", line, `"card" is not a string or null`, { column: "card", id });
    return;
  }
  ids.push(id);
  lines.push(line);
  cards.push((obj.card as string | null | undefined) ?? null);
}

/** Left-joins the card columns on id; models without a card get the rule's missing-card values. */
function attachCards(listed: pl.DataFrame, cards: pl.DataFrame | undefined, options: CardOptions): pl.DataFrame {
  const missing = missingCard(options.missingCard);
  const withCards = cards ? listed.join(cards, { on: "id", how: "left" }) : listed;
  const fill = (column: string, value: unknown, dtype: DataType) =>
    (cards ? pl.col(column).fillNull(pl.lit(value).cast(dtype)) : pl.lit(value).cast(dtype)).alias(column);
  return withCards.withColumns(
    fill("has_card", missing.hasCard, pl.Bool),
    fill("card_length_chars", missing.lengthChars, pl.Int64),
    fill("card_length_words", missing.lengthWords, pl.Int64),
    fill("card_auto_generated", missing.autoGenerated, pl.Bool),
    fill("card_head", missing.head, pl.Utf8),
  );
}
