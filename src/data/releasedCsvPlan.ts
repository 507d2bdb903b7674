// Turns a side-CSV chunk (sideCsv.ts: the released CSV's text fields, docs/methods.md §2.3) into canonical
// columns with polars: checks and converts pandas' text forms, parses the plain list literals
// (`['a', 'b']`), derives the tag columns (tags.ts) and flags rows whose derived columns differ from
// the file's. settleReleasedChunk then logs problems, parses the rare non-plain literals in JS and
// confirms flagged derived cells value by value.
import pl from "nodejs-polars";
import { ListLiteralError, parsePythonStrList, plainListReprExpr, pythonListRepr } from "./pyrepr";
import type { ProblemKind, ProblemLog } from "./problems";
import {
  CREATED_AT_FORMAT,
  CREATED_AT_PARSED,
  CREATED_AT_PATTERN,
  LINE_COLUMN,
  TAG_SEPARATOR,
  decodeTagsExpr,
  encodeTags,
  selectCanonical,
} from "./snapshotRows";
import { DERIVED_TAG_COLUMNS, deriveFromTagsLazy } from "./tags";

const INTEGER = "^-?\\d+(\\.0+)?$";
const FLOAT = "^[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?$";
/** A list literal in pandas' plain form: `[]` or `['a', 'b']` with no quote, backslash or separator inside items. */
const PLAIN_LIST = "^\\[('[^'\\\\\"\\x1e\\x1f]*'(, '[^'\\\\\"\\x1e\\x1f]*')*)?\\]$";

const PROBLEM = "__problem"; // first column that fails its check, or null
const TAGS_SLOW = "__tags_slow"; // tags literal is not plain: parsed in JS
const DERIVED_FLAG = "__derived_flag"; // derived cells to confirm in JS
const fileColumn = (c: string) => "__file_" + c;
const rawColumn = (c: string) => "__raw_" + c;
const CONVERTED = ["likes", "downloads", "trendingScore", "private", "tags"] as const;

/**
 * The polars plan for a side-CSV chunk (sideCsv.ts); run it with collect() and pass the result to settleReleasedChunk.
 */
export function releasedChunkPlan(side: pl.LazyDataFrame, checkDerived = true): pl.LazyDataFrame {
  const text = (c: string) =>
    pl
      .when(pl.col(c).eq(pl.lit("")))
      .then(pl.lit(null))
      .otherwise(pl.col(c));
  const plainTags = pl.col("tags").str.contains(PLAIN_LIST);
  const checked = side
    .rename({ model_id: "id", ...Object.fromEntries(DERIVED_TAG_COLUMNS.map((c) => [c, fileColumn(c)])) })
    .withColumns(
      text("trendingScore").alias("trendingScore"),
      text("private").alias("private"),
      text("pipeline_tag").alias("pipeline_tag"),
      text("library_name").alias("library_name"),
    )
    .withColumns(
      pl
        .when(
          pl
            .col("id")
            .isNull()
            .or(pl.col("id").eq(pl.lit(""))),
        )
        .then(pl.lit("model_id"))
        .when(pl.col("likes").str.contains(INTEGER).not().or(pl.col("likes").isNull()))
        .then(pl.lit("likes"))
        .when(pl.col("downloads").str.contains(INTEGER).not().or(pl.col("downloads").isNull()))
        .then(pl.lit("downloads"))
        .when(pl.col("trendingScore").str.contains(FLOAT).not())
        .then(pl.lit("trendingScore"))
        .when(pl.col("private").isIn(["True", "False"]).not())
        .then(pl.lit("private"))
        .when(pl.col("createdAt").str.contains(CREATED_AT_PATTERN).not().or(pl.col("createdAt").isNull()))
        .then(pl.lit("createdAt"))
        .when(pl.col("tags").isNull())
        .then(pl.lit("tags"))
        .otherwise(pl.lit(null))
        .alias(PROBLEM),
      plainTags.not().fillNull(true).alias(TAGS_SLOW),
      ...CONVERTED.map((c) => pl.col(c).alias(rawColumn(c))),
    );
  const converted = checked.withColumns(
    pl.col("likes").cast(pl.Float64, false).cast(pl.Int64, false),
    pl.col("downloads").cast(pl.Float64, false).cast(pl.Int64, false),
    pl.col("trendingScore").cast(pl.Float64, false),
    pl
      .when(pl.col("private").isNull())
      .then(pl.lit(null))
      .otherwise(pl.col("private").eq(pl.lit("True")))
      .alias("private"),
    pl
      .col("createdAt")
      .str.strptime(pl.Datetime("ms"), CREATED_AT_FORMAT)
      .cast(pl.Datetime("ms"))
      .dt.replaceTimeZone("UTC")
      .alias(CREATED_AT_PARSED),
    pl.col("id").str.extract("^([^/]*)/", 1).alias("author"),
    pl.lit(null).cast(pl.Utf8).alias("_id"),
    decodeTagsExpr(plainTagsEncoded(pl.col("tags")), false).alias("tags"),
  );
  const derived = deriveFromTagsLazy(converted);
  return checkDerived ? flagDerived(derived) : derived;
}

/** `[]` -> "", `['a', 'b']` -> "\x1fa\x1fb" (the snapshotRows encoding); valid only for plain literals. */
function plainTagsEncoded(literal: pl.Expr): pl.Expr {
  const items = literal.str.replaceAll("^\\['|'\\]$", "").str.replaceAll("', '", TAG_SEPARATOR, true);
  return pl
    .when(literal.eq(pl.lit("[]")))
    .then(pl.lit(""))
    .otherwise(pl.lit(TAG_SEPARATOR).add(items));
}

function flagDerived(plan: pl.LazyDataFrame): pl.LazyDataFrame {
  const differs = DERIVED_TAG_COLUMNS.map((c) =>
    plainListReprExpr(pl.col(c))
      .neq(pl.col(fileColumn(c)))
      .fillNull(true),
  );
  return plan.withColumns(pl.col(TAGS_SLOW).or(pl.anyHorizontal(differs)).alias(DERIVED_FLAG));
}

/**
 * Logs the chunk's problems (lenient mode drops those rows), parses non-plain tags literals in JS,
 * confirms flagged derived cells; returns canonical columns + LINE_COLUMN and the cells checked.
 */
export function settleReleasedChunk(
  planned: pl.DataFrame,
  log: ProblemLog,
  checkDerived: boolean,
): { chunk: pl.DataFrame; cellsChecked: number } {
  reportFieldProblems(planned.filter(pl.col(PROBLEM).isNotNull()), log);
  let rows = planned.filter(pl.col(PROBLEM).isNull());
  const slow = rows.filter(pl.col(TAGS_SLOW));
  if (slow.height > 0)
    rows = pl
      .concat([rows.filter(pl.col(TAGS_SLOW).not()), reparseSlowTags(slow, log)], { how: "vertical" })
      .sort(LINE_COLUMN);
  if (checkDerived) confirmDerived(rows.filter(pl.col(DERIVED_FLAG)), log);
  const chunk = selectCanonical(rows.withColumns(pl.col(CREATED_AT_PARSED).alias("createdAt")), true);
  return { chunk, cellsChecked: checkDerived ? rows.height * DERIVED_TAG_COLUMNS.length : 0 };
}

const FIELD_PROBLEMS: Record<string, { kind: ProblemKind; expected: string }> = {
  model_id: { kind: "missing-key", expected: "model_id is empty" },
  likes: { kind: "wrong-type", expected: "likes is not an integer" },
  downloads: { kind: "wrong-type", expected: "downloads is not an integer" },
  trendingScore: { kind: "wrong-type", expected: "trendingScore is not a number" },
  private: { kind: "wrong-type", expected: "private is not True/False" },
  createdAt: { kind: "wrong-type", expected: "createdAt is not an ISO-8601 UTC time" },
  tags: { kind: "bad-list-literal", expected: "tags is empty" },
};

function reportFieldProblems(bad: pl.DataFrame, log: ProblemLog): void {
  if (bad.height === 0) return;
  const raw = bad.select(LINE_COLUMN, "id", PROBLEM, "createdAt", ...CONVERTED.map(rawColumn));
  for (const r of raw.sort(LINE_COLUMN).toRecords()) {
    const column = String(r[PROBLEM]);
    const { kind, expected } = FIELD_PROBLEMS[column];
    const value = column === "createdAt" ? r.createdAt : r[rawColumn(column)];
    log.add(
      kind,
      Number(r[LINE_COLUMN]),
      value === null || value === undefined || column === "model_id"
        ? expected
        : `${expected}: ${JSON.stringify(value)}`,
      {
        column,
        id: r.id === null ? undefined : String(r.id),
      },
    );
  }
}

/** Rows whose tags literal is not plain: parsed with the full Python-literal parser, derived again. */
function reparseSlowTags(slow: pl.DataFrame, log: ProblemLog): pl.DataFrame {
  const literals = slow.getColumn(rawColumn("tags")).toArray() as string[];
  const keep: boolean[] = [];
  const encoded: string[] = [];
  let escaped = false;
  const ids = slow.getColumn("id").toArray() as string[];
  const lines = slow.getColumn(LINE_COLUMN).toArray() as number[];
  literals.forEach((literal, i) => {
    try {
      const tags = encodeTags(parsePythonStrList(literal));
      encoded.push(tags.encoded);
      escaped ||= tags.escaped;
      keep.push(true);
    } catch (e) {
      if (!(e instanceof ListLiteralError)) throw e;
      log.add(
        "bad-list-literal",
        lines[i],
        `tags is not a Python list of str: ${e.message} at character ${e.offset + 1}`,
        { column: "tags", id: ids[i] },
      );
      keep.push(false);
    }
  });
  const kept = slow
    .withColumns(pl.Series("__keep", keep, pl.Bool))
    .filter(pl.col("__keep"))
    .drop("__keep");
  const withTags = kept
    .withColumns(pl.Series("__encoded", encoded, pl.Utf8))
    .withColumns(decodeTagsExpr(pl.col("__encoded"), escaped).alias("tags"))
    .drop("__encoded");
  return deriveFromTagsLazy(withTags.lazy())
    .collectSync()
    .select(...slow.columns);
}

/** Compares flagged rows' derived cells with the file's literals, value by value; logs "derived-mismatch". */
function confirmDerived(flagged: pl.DataFrame, log: ProblemLog): void {
  const records = flagged
    .select("id", LINE_COLUMN, ...DERIVED_TAG_COLUMNS, ...DERIVED_TAG_COLUMNS.map(fileColumn))
    .toRecords();
  for (const r of records) {
    const line = Number(r[LINE_COLUMN]);
    const id = String(r.id);
    for (const c of DERIVED_TAG_COLUMNS) {
      const ours = r[c] as unknown as string[];
      const literal = String(r[fileColumn(c)] ?? "");
      if (pythonListRepr(ours) === literal) continue;
      let theirs: string[];
      try {
        theirs = parsePythonStrList(literal);
      } catch (e) {
        if (!(e instanceof ListLiteralError)) throw e;
        log.add(
          "bad-list-literal",
          line,
          `${c} is not a Python list of str: ${e.message} at character ${e.offset + 1}`,
          { column: c, id },
        );
        continue;
      }
      if (theirs.length === ours.length && theirs.every((x, i) => x === ours[i])) continue;
      log.add("derived-mismatch", line, `${c}: file has ${clip(literal)}, tags give ${clip(pythonListRepr(ours))}`, {
        column: c,
        id,
      });
    }
  }
}

function clip(text: string): string {
  return text.length > 120 ? text.slice(0, 117) + "..." : text;
}
