// The tokens of every model's metadata string without building the strings (docs/methods.md §4.1; metadataString.ts),
// for fitting the vectorisers on a large corpus. In the string, keys and values are always separated by quotes,
// colons, commas or brackets, none of them word characters, so no token spans two of them: the token sequence is the
// concatenation of each key's tokens and its value's, in key order. A value is tokenized as printed: a string as
// itself unless Python would escape a character in it (then its repr, since "\n" prints a letter n), a number by
// Python's repr, True/False/None as words, a list of plain items as its items.
// NOTE: on 1.86M models this skips building and collecting about 700 MB of strings; tests check that every row's
// tokens equal those of its string.
import pl from "nodejs-polars";
import { plainAsciiItems, pythonFloatRepr, pythonListRepr, pythonStrRepr } from "../data/pyrepr";
import { LISTING_KEYS, LISTING_KEY_BIT } from "../data/schema";
import { LISTING_KEYS_COLUMN } from "../data/schema";
import { releaseNativeMemory, rowCount, rowSlice, type TableRows } from "../data/rows";
import { IDENTITY_KEY_BITS, ISO_FORMAT, type MetadataRedaction, withoutLineageTags } from "./metadataString";
import { appendTokenRange, appendTokens, tokenSpans, type TokenSpans } from "./tokens";

/** Characters Python's str repr never escapes (printable ASCII other than \); others need a look at the repr. */
function printsAsItself(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 || c < 32 || c === 127) return false;
    if (c >= 128) return pythonStrRepr(s).length === s.length + 2;
  }
  return true;
}

/** Options of `forEachMetadataTokens`. */
export interface MetadataTokenOptions {
  /** Rows read from polars at a time [200,000]. */
  chunkRows?: number;
  /** Tokens of the redacted string (metadataString.ts) [the paper's string]. */
  redact?: MetadataRedaction;
}

/** A metadata string: the paper's, or one with a redaction (metadataString.ts). */
export type MetadataVariant = "paper" | MetadataRedaction;

/**
 * Calls fn(spans, row) with the tokens of every row's metadata string, in row order (spans reused between rows), from
 * a table in memory or a lazy scan read chunk by chunk.
 * Example: `forEachMetadataTokens(models, (spans, v) => table.addTokens(spans, v))`.
 */
export function forEachMetadataTokens(
  table: TableRows,
  fn: (spans: TokenSpans, row: number) => void,
  options: MetadataTokenOptions = {},
): void {
  const chunk = options.chunkRows ?? 200_000;
  const height = rowCount(table);
  const parts: MetadataTokenParts = { whole: tokenSpans(), middle: 0, last: 0, lineage: null };
  const variants: MetadataVariant[] = [options.redact ?? "paper"];
  // one variant: the whole row is its string (a redacted one is tokenized without the identity keys)
  const each = (p: MetadataTokenParts, row: number) => fn(p.whole, row);
  const lineage = tokenSpans(); // unused: one variant never has its lineage tags apart
  for (let offset = 0; offset < height; offset += chunk)
    chunkTokens(table, offset, chunk, height, parts, lineage, each, variants);
}

/**
 * `forEachMetadataTokens`, releasing each chunk's native memory before reading the next (`releaseNativeMemory`), so
 * that memory stays bounded on a large table or scan.
 * Example: `await forEachMetadataTokensAsync(scan, (spans, v) => counter.addTokens(spans, v))`.
 */
export async function forEachMetadataTokensAsync(
  table: TableRows,
  fn: (spans: TokenSpans, row: number) => void,
  options: MetadataTokenOptions = {},
): Promise<void> {
  await forEachMetadataTokenVariantsAsync(
    table,
    [options.redact ?? "paper"],
    (spans, row) => fn(spans[0], row),
    options,
  );
}

/**
 * `forEachMetadataTokensAsync` for several variants of the string at once: fn(spans, row) gets the row's tokens in
 * each variant, `spans[i]` for `variants[i]`. The columns are read and converted to JS once for all of them: at 1.86M
 * models that is about half of a 16 s pass, so the resemblance controls' three variants take 60 s instead of 70.
 * Example: `await forEachMetadataTokenVariantsAsync(models, ["paper", "identity"], (spans, v) => ...)`.
 */
export async function forEachMetadataTokenVariantsAsync(
  table: TableRows,
  variants: readonly MetadataVariant[],
  fn: (spans: readonly TokenSpans[], row: number) => void,
  options: { chunkRows?: number } = {},
): Promise<void> {
  const own = variants.map(() => tokenSpans());
  const out = own.slice();
  // with one variant, the whole row is its string: a redacted one was tokenized without the identity keys
  const single = variants.length === 1;
  await forEachMetadataTokenPartsAsync(
    table,
    variants,
    (parts, row) => {
      const { whole, middle, last, lineage } = parts;
      // the whole row's tokens for the paper's string, a range copied from them for a redacted one
      for (let k = 0; k < variants.length; k++) {
        const variant = variants[k];
        if (variant === "paper" || single) {
          out[k] = whole;
          continue;
        }
        const s = (out[k] = own[k]);
        s.count = 0;
        if (variant === "identity-and-lineage" && lineage !== null) appendTokenRange(lineage, 0, lineage.count, s);
        else appendTokenRange(whole, middle, last, s);
      }
      fn(out, row);
    },
    options,
  );
}

/**
 * A row's tokens as the variants share them: `whole` holds every key any variant keeps; the redacted strings'
 * tokens are whole's [middle, last), except that of "identity-and-lineage" where removing the `base_model:` tags
 * changed the tags value: then `lineage` holds its tokens (else null).
 */
export interface MetadataTokenParts {
  whole: TokenSpans;
  middle: number;
  last: number;
  lineage: TokenSpans | null;
}

/**
 * Calls fn(parts, row) for every row in order (parts reused between rows), reading and tokenizing each row once for all
 * the variants, chunk by chunk as `forEachMetadataTokenVariantsAsync` does.
 * Example: `await forEachMetadataTokenPartsAsync(models, ["paper", "identity"], (p, v) => p.whole.count)`.
 */
export async function forEachMetadataTokenPartsAsync(
  table: TableRows,
  variants: readonly MetadataVariant[],
  fn: (parts: MetadataTokenParts, row: number) => void,
  options: { chunkRows?: number } = {},
): Promise<void> {
  const chunk = options.chunkRows ?? 200_000;
  const height = rowCount(table);
  const parts: MetadataTokenParts = { whole: tokenSpans(), middle: 0, last: 0, lineage: null };
  const lineage = tokenSpans();
  for (let offset = 0; offset < height; offset += chunk) {
    chunkTokens(table, offset, chunk, height, parts, lineage, fn, variants);
    await releaseNativeMemory();
  }
}

/**
 * The tokens of rows [offset, offset + chunk) of the table, passed to fn row by row as MetadataTokenParts.
 * NOTE: a row is tokenized once, with every key any variant keeps. The identity keys come first (_id, id) and last
 * (modelId), so a redacted string's tokens are one contiguous range of the whole's, and without the lineage tags only
 * the tags value differs: it is tokenized again only where removing the `base_model:` tags changed it. The tokens are
 * those of tokenizing each variant on its own (tests check it).
 */
function chunkTokens(
  table: TableRows,
  offset: number,
  chunk: number,
  height: number,
  parts: MetadataTokenParts,
  lineage: TokenSpans,
  fn: (parts: MetadataTokenParts, row: number) => void,
  variants: readonly MetadataVariant[],
): void {
  const rows = rowSlice(table, offset, Math.min(chunk, height - offset));
  const cols = chunkColumns(rows, variants);
  const n = rows.height;
  const keep = variants.includes("paper") ? ~0 : ~IDENTITY_KEY_BITS;
  // the tags every variant but "identity-and-lineage" prints; with only that one, its own
  const tags = (cols.tags ?? cols.lineageTags) as string[];
  const lineageTags = cols.tags === null ? null : cols.lineageTags;
  const whole = parts.whole;
  const marks: TokenMarks = { middle: 0, tagsFrom: -1, tagsTo: -1, last: 0 };
  for (let i = 0; i < n; i++) {
    whole.count = 0;
    rowTokens(cols, tags, i, whole, keep, marks);
    parts.middle = marks.middle;
    parts.last = marks.last;
    parts.lineage = null;
    if (lineageTags !== null && marks.tagsFrom >= 0 && lineageTags[i] !== tags[i]) {
      lineage.count = 0;
      appendTokenRange(whole, marks.middle, marks.tagsFrom, lineage);
      appendTokens(lineageTags[i], lineage);
      appendTokenRange(whole, marks.tagsTo, marks.last, lineage);
      parts.lineage = lineage;
    }
    fn(parts, offset + i);
  }
}

/**
 * Where the parts of a row's tokens start: `middle` after the leading identity keys (_id, id), `last` before the
 * trailing one (modelId), the tags value in [tagsFrom, tagsTo) (-1 when the row prints no tags key).
 */
interface TokenMarks {
  middle: number;
  tagsFrom: number;
  tagsTo: number;
  last: number;
}

const BIT = LISTING_KEY_BIT;
const DEFAULT_KEYS = LISTING_KEYS.reduce(
  (m, k, i) => (k === "pipeline_tag" || k === "library_name" ? m : m | (1 << i)),
  0,
);

/** Epoch milliseconds of 0000-01-01 and of 9999-12-31T23:59:59.999Z: where `toISOString` prints like strftime. */
const ISO_FIRST_MS = -62_167_219_200_000;
const ISO_LAST_MS = 253_402_300_799_999;

/**
 * The createdAt strings of the metadata string (ISO_FORMAT), from epoch milliseconds (NaN: null).
 * NOTE: `Date.toISOString` prints the same text for years 0 to 9999, several times faster than polars' strftime on
 * this thread (about 10 s at 18.6M models); other years are formatted by strftime.
 */
function isoTimes(rows: pl.DataFrame, ms: Float64Array): (string | null)[] {
  const out = new Array<string | null>(ms.length);
  const others: number[] = [];
  for (let i = 0; i < ms.length; i++) {
    const t = ms[i];
    if (Number.isNaN(t)) out[i] = null;
    else if (t >= ISO_FIRST_MS && t <= ISO_LAST_MS) out[i] = new Date(t).toISOString();
    else others.push(i);
  }
  if (others.length > 0) {
    const formatted = (rows.getColumn("createdAt").gather(others).cast(pl.Datetime("ms", "UTC")) as any).dt
      .strftime(ISO_FORMAT)
      .toArray() as (string | null)[];
    others.forEach((row, k) => (out[row] = formatted[k]));
  }
  return out;
}

/**
 * A string column of few distinct values as codes into its values: `values[codes[i]]` is row i's value, code 0 null.
 * NOTE: one JS string per distinct value instead of one per row; the pipeline tag and library columns hold a few
 * hundred values over millions of rows.
 */
function codedStrings(rows: pl.DataFrame, name: string): { codes: Uint32Array; values: (string | null)[] } {
  const coded = rows.select(pl.col(name).rank("dense").fillNull(0).cast(pl.UInt32).alias("code"), pl.col(name));
  const codes = coded.getColumn("code").toTypedArray() as Uint32Array;
  const distinct = coded.unique({ subset: "code", keep: "first", maintainOrder: false });
  const values = new Array<string | null>(distinct.height + 1).fill(null);
  const at = distinct.getColumn("code").toTypedArray() as Uint32Array;
  const text = distinct.getColumn(name).toArray() as (string | null)[];
  for (let k = 0; k < at.length; k++) values[at[k]] = text[k];
  return { codes, values };
}

/**
 * The columns of a chunk as JS arrays, each converted once whatever the number of variants; the identity columns only
 * when a variant keeps them, and the tags as printed with and without the `base_model:` tags as the variants need.
 * Numbers come as typed arrays with NaN for null (an int that is NaN prints None too; the float gets a null mask), the
 * flag and the keys with a code for null, and the two low-cardinality strings as codes (codedStrings), so that a chunk
 * builds few JS values.
 */
function chunkColumns(rows: pl.DataFrame, variants: readonly MetadataVariant[]) {
  const nan = pl.lit(Number.NaN);
  const cols = rows.select(
    pl.col("likes").cast(pl.Float64).fillNull(nan),
    pl.col("downloads").cast(pl.Float64).fillNull(nan),
    pl.col("trendingScore").cast(pl.Float64).fillNull(nan),
    pl.col("trendingScore").isNull().cast(pl.UInt8).alias("trending_null"),
    pl.col("private").cast(pl.UInt8).fillNull(PRIVATE_NULL),
    pl.col("createdAt").cast(pl.Datetime("ms", "UTC")).cast(pl.Float64).fillNull(nan).alias("created_ms"),
  );
  const numbers = (name: string) => cols.getColumn(name).toTypedArray() as Float64Array;
  const identity = variants.includes("paper");
  const hasKeys = rows.columns.includes(LISTING_KEYS_COLUMN);
  return {
    id: identity ? (rows.getColumn("id").toArray() as string[]) : [],
    mongo: identity ? (rows.getColumn("_id").toArray() as (string | null)[]) : [],
    likes: numbers("likes"),
    downloads: numbers("downloads"),
    trending: numbers("trendingScore"),
    // a float may be NaN itself, which prints nan, not None
    trendingNull: cols.getColumn("trending_null").toTypedArray() as Uint8Array,
    priv: cols.getColumn("private").toTypedArray() as Uint8Array,
    pipeline: codedStrings(rows, "pipeline_tag"),
    library: codedStrings(rows, "library_name"),
    tags: variants.some((v) => v !== "identity-and-lineage") ? tagTexts(rows) : null,
    lineageTags: variants.includes("identity-and-lineage") ? tagTexts(withoutLineageTags(rows)) : null,
    created: isoTimes(rows, numbers("created_ms")),
    keys: hasKeys
      ? (rows
          .select(pl.col(LISTING_KEYS_COLUMN).cast(pl.Int32).fillNull(-1))
          .getColumn(LISTING_KEYS_COLUMN)
          .toTypedArray() as Int32Array)
      : null,
  };
}

/** `private` of a row whose flag is null, in the UInt8 codes of chunkColumns (0 false, 1 true). */
const PRIVATE_NULL = 2;

/** The tags value of each row as its tokens read: plain items joined by a space, others by their Python repr. */
function tagTexts(rows: pl.DataFrame): string[] {
  const texts = rows
    .select(
      pl
        .when(pl.col("tags").isNull())
        .then(pl.lit("None"))
        .when(plainAsciiItems(pl.col("tags")))
        .then(pl.col("tags").lst.join(" "))
        .otherwise(pl.lit(null))
        .alias("tags_text"),
    )
    .getColumn("tags_text")
    .toArray() as (string | null)[];
  const odd = texts.flatMap((t, i) => (t === null ? [i] : []));
  if (odd.length > 0) {
    const lists = rows
      .select(pl.col("tags").gather(pl.Series("i", odd, pl.UInt32)))
      .getColumn("tags")
      .toArray() as unknown as string[][];
    odd.forEach((row, k) => (texts[row] = pythonListRepr(lists[k])));
  }
  return texts as string[];
}

type ChunkColumns = ReturnType<typeof chunkColumns>;

/** Appends a str value's tokens: the string itself unless Python escapes part of it. */
function strTokens(v: string | null, spans: TokenSpans): void {
  appendTokens(v === null ? "None" : printsAsItself(v) ? v : pythonStrRepr(v), spans);
}

/** Appends an int's tokens, as Python prints it (NaN, as null, prints None). */
function intTokens(v: number, spans: TokenSpans): void {
  appendTokens(Number.isNaN(v) ? "None" : String(v), spans);
}

/**
 * The keys of row i present in its string, masked by `keep` (a redaction drops the identity keys); `tags` as printed.
 * `marks` gets where its parts start (TokenMarks).
 */
function rowTokens(
  c: ChunkColumns,
  tags: readonly string[],
  i: number,
  spans: TokenSpans,
  keep: number,
  marks: TokenMarks,
): void {
  const pipeline = c.pipeline.values[c.pipeline.codes[i]];
  const library = c.library.values[c.library.codes[i]];
  const inferred =
    DEFAULT_KEYS | (pipeline !== null ? BIT.pipeline_tag : 0) | (library !== null ? BIT.library_name : 0);
  const keys = (c.keys === null || c.keys[i] < 0 ? inferred : c.keys[i]) & keep;
  if (keys & BIT._id) {
    appendTokens("_id", spans);
    strTokens(c.mongo[i], spans);
  }
  if (keys & BIT.id) {
    appendTokens("id", spans);
    strTokens(c.id[i], spans);
  }
  marks.middle = spans.count;
  marks.tagsFrom = marks.tagsTo = -1;
  if (keys & BIT.likes) {
    appendTokens("likes", spans);
    intTokens(c.likes[i], spans);
  }
  if (keys & BIT.trendingScore) {
    appendTokens("trendingScore", spans);
    appendTokens(c.trendingNull[i] === 1 ? "None" : pythonFloatRepr(c.trending[i]), spans);
  }
  if (keys & BIT.private) {
    appendTokens("private", spans);
    const flag = c.priv[i];
    appendTokens(flag === PRIVATE_NULL ? "None" : flag === 1 ? "True" : "False", spans);
  }
  if (keys & BIT.downloads) {
    appendTokens("downloads", spans);
    intTokens(c.downloads[i], spans);
  }
  if (keys & BIT.tags) {
    appendTokens("tags", spans);
    marks.tagsFrom = spans.count;
    appendTokens(tags[i], spans);
    marks.tagsTo = spans.count;
  }
  if (keys & BIT.pipeline_tag) {
    appendTokens("pipeline_tag", spans);
    strTokens(pipeline, spans);
  }
  if (keys & BIT.library_name) {
    appendTokens("library_name", spans);
    strTokens(library, spans);
  }
  if (keys & BIT.createdAt) {
    appendTokens("createdAt", spans);
    strTokens(c.created[i], spans);
  }
  marks.last = spans.count;
  if (keys & BIT.modelId) {
    appendTokens("modelId", spans);
    strTokens(c.id[i], spans);
  }
}
