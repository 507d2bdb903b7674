// Parent columns → edge list (docs/methods.md §3.1; data/reference/README.md §4). Lineage stays a table (polars) until
// the ids are integers; then the edges are typed arrays, sorted by (parent row, child row) = the authors' networkx edge
// order.
//
//   row 7  id "org/child"  parent_model ["org/base"]  finetune_parent ["org/base"]
//     ⇥  one edge  parent = row of "org/base", child = 7, flags = GENERIC_PARENT_FLAG | RELATION_FLAG.finetune
//
// Node order is row order. A parent that is not a model of the snapshot is dropped and counted; self-loops and
// repeated references are dropped and counted; several relations naming one parent make one edge (report.ts).
import pl from "nodejs-polars";
import { PARENT_COLUMNS } from "../data/schema";
import { type IdMatchOptions, LINEAGE_ID_DEFAULTS, normalizeModelIdExpr } from "./ids";
import { RELATIONS } from "../data/tags";
import { PARENT_COLUMN_FLAG, RELATION_FLAG, edgeTypesKey } from "./relations";
import { sortedByKey } from "../typedArrays";
import {
  type DroppedMissingParents,
  type Finding,
  type LineageReport,
  REPORT_EXAMPLES,
  emptyLineageReport,
  note,
} from "./report";

/** Flag contributed by each parent column, by its index in PARENT_COLUMNS. */
const FLAG_BY_COLUMN = Uint8Array.from(PARENT_COLUMNS, (c) => PARENT_COLUMN_FLAG[c]);

/**
 * Parent ids kept in `report.missingParents.topMissingParents` (the oracle's most_common(25)): `top.length <=
 * TOP_MISSING_PARENTS`.
 */
export const TOP_MISSING_PARENTS = 25;

/** Most models parseLineage accepts: node ids are Int32. `models.height <= MAX_MODELS`. */
export const MAX_MODELS = 2 ** 31 - 1;

/** Edge flags are below this (GENERIC_PARENT_FLAG and the four RELATION_FLAG bits). */
const FLAG_RANGE = 32;

/** Edges parsed from a snapshot table, before cycle checks: `const parsed: ParsedLineage = parseLineage(models)`. */
export interface ParsedLineage {
  nodeCount: number;
  /** Model id of every node, in row order (node i = row i). */
  ids: pl.Series;
  /** Edge e runs edgeParent[e] → edgeChild[e]; sorted by (parent, child); no self-loops, no repeats. */
  edgeParent: Int32Array;
  edgeChild: Int32Array;
  /** RELATION_FLAG bits plus GENERIC_PARENT_FLAG of every edge. */
  edgeFlags: Uint8Array;
  report: LineageReport;
}

/** Options of parseLineage: how ids match, and rows whose declared parents are left out. */
export interface ParseLineageOptions extends IdMatchOptions {
  /**
   * Rows read as if their parent columns were empty (an evaluation's held-out children), without copying the table:
   * `parseLineage(models, { withoutParentsOf: [7] })` gives row 7 no parent [none].
   */
  withoutParentsOf?: ArrayLike<number>;
}

/**
 * Reads the parent columns of a snapshot table into edges: `const { edgeParent, edgeChild } = parseLineage(models)`.
 */
export function parseLineage(table: pl.DataFrame, options: ParseLineageOptions = {}): ParsedLineage {
  const opts = { ...LINEAGE_ID_DEFAULTS, ...options };
  if (!table.columns.includes("id")) throw new Error("lineage/edges: the table has no id column");
  const nodeCount = table.height;
  if (nodeCount > MAX_MODELS) throw new Error(`lineage/edges: ${nodeCount} models, more than ${MAX_MODELS}`);
  const hidden = hiddenRows(nodeCount, options.withoutParentsOf);
  const ids = table.getColumn("id").cast(pl.Utf8);
  const report = emptyLineageReport(0, { caseResolved: opts.ignoreCase });

  // References: one row per (child row, column index, listed parent id).
  const columns = PARENT_COLUMNS.filter((c) => table.columns.includes(c));
  if (columns.length === 0) return { nodeCount, ids, ...mergeReferences(nodeCount, ids, emptyRefs(), report), report };
  let refs: pl.DataFrame = pl
    .concat(
      columns.map((column) =>
        table
          .lazy()
          .select(pl.col(column).cast(pl.List(pl.Utf8)).alias("key"))
          .withRowIndex("child")
          .filter(
            hidden === null
              ? pl.col("key").lst.lengths().gt(0)
              : pl
                  .col("key")
                  .lst.lengths()
                  .gt(0)
                  .and(pl.col("child").isIn(pl.lit(hidden)).not()),
          )
          .explode("key")
          .filter(pl.col("key").isNotNull())
          .withColumns(pl.lit(PARENT_COLUMNS.indexOf(column)).cast(pl.UInt8).alias("column")),
      ),
    )
    .collectSync();
  report.references = refs.height;
  let models: pl.DataFrame = pl.DataFrame([ids.alias("key")]).withRowIndex("parent");
  if (opts.normalizeIds) {
    refs = normalizeKeys(refs, report.normalizedReferences);
    models = normalizeKeys(models, report.normalizedModelIds);
  }

  // NOTE: matching only the distinct referenced ids against the models is 3-4x faster than joining every reference.
  const referenced = refs.select("key").unique();
  let dictionary: pl.DataFrame = models.join(referenced, { on: "key", how: "inner" });
  if (dictionary.getColumn("key").nUnique() < dictionary.height) {
    const firsts = dictionary.groupBy("key").agg(pl.col("parent").min().alias("parent"), pl.len().alias("rows"));
    const repeated = firsts.filter(pl.col("rows").gt(1)).sort("parent");
    noteRows(report.duplicateModelIds, repeated, ["key"], Number(repeated.getColumn("rows").sum()) - repeated.height);
    dictionary = firsts.select("key", "parent");
  }
  refs = refs.join(dictionary, { on: "key", how: "left" });
  let resolved: pl.DataFrame = refs.filter(pl.col("parent").isNotNull());
  let missing: pl.DataFrame = refs.filter(pl.col("parent").isNull()).select("child", "column", "key");

  // Case-only mismatches: a missing parent that names a model when case is ignored (first such row wins).
  if (missing.height > 0) {
    const wanted = missing.select(pl.col("key").str.toLowerCase().alias("lower")).unique();
    const byLower = models
      .select(pl.col("key").str.toLowerCase().alias("lower"), pl.col("parent"))
      .join(wanted, { on: "lower", how: "inner" })
      .groupBy("lower")
      .agg(pl.col("parent").min());
    const matched: pl.DataFrame = missing
      .withColumns(pl.col("key").str.toLowerCase().alias("lower"))
      .join(byLower, { on: "lower", how: "left" });
    const caseRows = matched.filter(pl.col("parent").isNotNull());
    const casePairs = caseRows
      .unique({ subset: ["child", "key"], keep: "first", maintainOrder: true })
      .sort(["child", "key"]);
    report.caseOnlyMismatches.count = casePairs.height;
    for (const r of casePairs.head(REPORT_EXAMPLES).toRecords())
      report.caseOnlyMismatches.examples.push([String(r.key), String(ids.get(Number(r.parent)))]);
    if (opts.ignoreCase && caseRows.height > 0) {
      resolved = pl.concat([
        resolved.select("child", "column", "parent"),
        caseRows.select("child", "column", "parent"),
      ]);
      missing = matched.filter(pl.col("parent").isNull()).select("child", "column", "key");
    }
  }
  report.missingParents = summarizeMissing(missing);
  return { nodeCount, ids, ...mergeReferences(nodeCount, ids, resolved, report), report };
}

/** The rows of `withoutParentsOf` as a UInt32 series (null for none), each checked against the table's height. */
function hiddenRows(nodeCount: number, rows: ArrayLike<number> | undefined): pl.Series | null {
  if (rows === undefined || rows.length === 0) return null;
  const out = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i];
    if (!(Number.isInteger(v) && v >= 0 && v < nodeCount))
      throw new Error(`lineage/edges: withoutParentsOf names row ${v}, not a row of the table (${nodeCount} rows)`);
    out[i] = v;
  }
  return pl.Series("child", out);
}

/** Rewrites the `key` column in normalised form where it needs it (URL prefix, whitespace, trailing slash). */
function normalizeKeys(frame: pl.DataFrame, finding: Finding<[string, string]>): pl.DataFrame {
  // NOTE: a regex test over all rows costs a tenth of rewriting them all; only the odd rows are rewritten.
  const odd = pl.col("key").str.contains("(?i)huggingface\\.co/|hf\\.co/|^\\s|\\s$|/$");
  const oddRows = frame.filter(odd);
  if (oddRows.height === 0) return frame;
  const fixed = oddRows.withColumns(pl.col("key").alias("raw"), normalizeModelIdExpr(pl.col("key")).alias("key"));
  noteRows(finding, fixed.filter(pl.col("key").neq(pl.col("raw"))), ["raw", "key"]);
  return pl.concat([frame.filter(odd.not()), fixed.drop("raw")]);
}

function emptyRefs(): pl.DataFrame {
  return pl.DataFrame({
    child: pl.Series("child", [], pl.UInt32),
    column: pl.Series("column", [], pl.UInt8),
    parent: pl.Series("parent", [], pl.UInt32),
  });
}

/** Counts of the dropped references, as in the authors' cell 3 (distinct (parent, child) pairs). */
function summarizeMissing(missing: pl.DataFrame): DroppedMissingParents {
  if (missing.height === 0) return { pairs: 0, childrenAffected: 0, distinctMissingParents: 0, topMissingParents: [] };
  const pairs = missing
    .groupBy(["child", "key"])
    .agg(pl.col("column").min().alias("column"))
    .withColumns(pl.col("child").cast(pl.Float64).mul(8).add(pl.col("column")).alias("order"));
  const top = pairs
    .groupBy("key")
    .agg(pl.len().alias("count"), pl.col("order").min().alias("order"))
    .sort(["count", "order", "key"], [true, false, false])
    .head(TOP_MISSING_PARENTS);
  const keys = top.getColumn("key").toArray() as string[];
  const counts = top.getColumn("count").toArray() as number[];
  return {
    pairs: pairs.height,
    childrenAffected: pairs.getColumn("child").nUnique(),
    distinctMissingParents: pairs.getColumn("key").nUnique(),
    topMissingParents: keys.map((k, i) => [k, Number(counts[i])] as [string, number]),
  };
}

/** Sorts resolved references by (parent, child, flag), merges each pair's flags and drops self-loops. */
function mergeReferences(n: number, ids: pl.Series, resolved: pl.DataFrame, report: LineageReport) {
  const child = resolved.getColumn("child").cast(pl.Int32).toTypedArray() as Int32Array;
  const parent = resolved.getColumn("parent").cast(pl.Int32).toTypedArray() as Int32Array;
  const column = resolved.getColumn("column").toTypedArray() as Uint8Array;
  const flag = new Uint8Array(column.length);
  for (let i = 0; i < flag.length; i++) flag[i] = FLAG_BY_COLUMN[column[i]];
  // NOTE: three counting sorts (flag, then child, then parent) order the references by (parent, child, flag) in time
  // linear in references + models, with no key wider than a node id (a packed float64 key overflows beyond 16.8M models).
  let order: Int32Array = Int32Array.from({ length: child.length }, (_, i) => i);
  order = sortedByKey(order, flag, FLAG_RANGE);
  order = sortedByKey(order, child, n);
  order = sortedByKey(order, parent, n);
  const edgeParent = new Int32Array(order.length),
    edgeChild = new Int32Array(order.length),
    edgeFlags = new Uint8Array(order.length);
  let m = 0,
    lastParent = -1,
    lastChild = -1,
    lastFlag = -1;
  for (const i of order) {
    const p = parent[i],
      c = child[i],
      f = flag[i];
    if (p === lastParent && c === lastChild) {
      if (f === lastFlag)
        note(report.repeatedReferences, () => [String(ids.get(c)), String(ids.get(p))] as [string, string]);
      else if (p !== c) edgeFlags[m - 1] |= f;
    } else if (p === c) {
      note(report.selfLoops, () => String(ids.get(c)));
    } else {
      edgeParent[m] = p;
      edgeChild[m] = c;
      edgeFlags[m] = f;
      m++;
    }
    lastParent = p;
    lastChild = c;
    lastFlag = f;
  }
  const typedMask = RELATIONS.reduce((mask, r) => mask | RELATION_FLAG[r], 0);
  for (let e = 0; e < m; e++) {
    const typed = edgeFlags[e] & typedMask;
    if ((typed & (typed - 1)) !== 0) {
      note(
        report.multiRelationEdges,
        () =>
          [String(ids.get(edgeParent[e])), String(ids.get(edgeChild[e])), edgeTypesKey(edgeFlags[e])] as [
            string,
            string,
            string,
          ],
      );
    }
  }
  return { edgeParent: edgeParent.slice(0, m), edgeChild: edgeChild.slice(0, m), edgeFlags: edgeFlags.slice(0, m) };
}

/** Adds a count (the frame's rows by default) and the frame's first rows (the given columns) to a finding. */
function noteRows<Example>(
  finding: Finding<Example>,
  rows: pl.DataFrame,
  columns: string[],
  count = rows.height,
): void {
  finding.count += count;
  for (const r of rows.head(REPORT_EXAMPLES).toRecords()) {
    const values = columns.map((c) => String(r[c]));
    finding.examples.push((values.length === 1 ? values[0] : values) as unknown as Example);
  }
}
