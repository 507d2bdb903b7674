// Declared lineage hidden from some rows, as an evaluation needs it: their `base_model:` tags, parent columns and the
// `base_model` keys of their card heads removed. `hideDeclaredParents` is the rewrite itself; `visibleRows` reads a
// few rows of a table as if it had been applied, so that a large table is never copied whole.
import pl from "nodejs-polars";
import { PARENT_COLUMNS } from "../data/schema";

/**
 * Removes the declared lineage of the given rows: base_model tags, parent columns, base_model keys of card heads.
 * Example: `buildLineageGraph(hideDeclaredParents(models, [7])).parentStart` gives row 7 no parent.
 */
export function hideDeclaredParents(table: pl.DataFrame, rows: ArrayLike<number>): pl.DataFrame {
  const n = table.height;
  const flag = new Uint8Array(n);
  for (let i = 0; i < rows.length; i++) flag[rows[i]] = 1;
  // Each lineage-carrying column the table has, with its rewrite.
  const rewrites: [string, pl.Expr][] = [];
  if (table.columns.includes("tags"))
    rewrites.push([
      "tags",
      pl.col("tags").lst.eval(pl.element().filter(pl.element().str.startsWith("base_model:").not())),
    ]);
  for (const c of PARENT_COLUMNS.filter((c) => table.columns.includes(c)))
    rewrites.push([c, pl.col(c).lst.slice(0, 0)]);
  if (table.columns.includes("card_head"))
    rewrites.push([
      "card_head",
      pl
        .when(pl.col("card_head").str.startsWith("---"))
        .then(pl.col("card_head").str.replaceAll("(?m)^base_model[a-z_]*:[^\\n]*(?:\\n[ \\t]*-[^\\n]*)*\\n?", ""))
        .otherwise(pl.col("card_head"))
        .alias("card_head"),
    ]);
  const hidden: number[] = [];
  for (let v = 0; v < n; v++) if (flag[v]) hidden.push(v);
  if (rewrites.length === 0 || hidden.length === 0) return table;
  // NOTE: only the hidden rows are rewritten, then gathered into place: a when/then over the whole table would
  // evaluate the rewrite on every row and hold a third copy of these columns (2 GB at 1.86M models).
  const changed = rewrites.map(([c]) => c);
  const original = table.select(...changed);
  const rewritten = original
    .select(...changed.map((c) => pl.col(c).gather(pl.Series("row", hidden, pl.UInt32))))
    .withColumns(...rewrites.map(([, expr]) => expr));
  const source = new Uint32Array(n);
  for (let v = 0; v < n; v++) source[v] = v;
  hidden.forEach((v, j) => (source[v] = n + j));
  const at = pl.Series("row", source);
  const patched = pl
    .concat([original, rewritten], { how: "vertical", rechunk: false })
    .select(...changed.map((c) => pl.col(c).gather(at)));
  return table.withColumns(...patched.getColumns());
}

/** Flags of the rows whose declared lineage is hidden (1 = hidden), or null for none: `hiddenFlags(n, [7])[7]` is 1. */
export function hiddenFlags(height: number, rows: ArrayLike<number> | undefined): Uint8Array | null {
  if (rows === undefined || rows.length === 0) return null;
  const flags = new Uint8Array(height);
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i];
    if (!(Number.isInteger(v) && v >= 0 && v < height))
      throw new Error(`infer/hidden: hidden row ${v} is not a row of the table (${height} rows)`);
    flags[v] = 1;
  }
  return flags;
}

/**
 * The given rows and columns of a table, the hidden rows among them with their declared lineage removed (what
 * `hideDeclaredParents(table, hidden)` would hold there, without copying the table):
 * `visibleRows(models, Int32Array.of(7), ["id", "tags"], hiddenFlags(models.height, [7]))`.
 */
export function visibleRows(
  table: pl.DataFrame,
  rows: Int32Array,
  columns: readonly string[],
  hidden: Uint8Array | null,
): pl.DataFrame {
  const at = pl.Series("row", rows);
  const frame = table.select(...columns.map((c) => pl.col(c).gather(at)));
  if (hidden === null) return frame;
  const positions: number[] = [];
  for (let i = 0; i < rows.length; i++) if (hidden[rows[i]]) positions.push(i);
  return positions.length > 0 ? hideDeclaredParents(frame, positions) : frame;
}
