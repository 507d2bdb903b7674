// Numeric node attributes as typed arrays, for per-edge arithmetic (docs/methods.md §3.1 node attributes), and model
// ids of given nodes as a polars Series.
import pl from "nodejs-polars";

const NUMERIC_KINDS = new Set([
  "Date",
  "Datetime",
  "Float32",
  "Float64",
  "Int8",
  "Int16",
  "Int32",
  "Int64",
  "UInt8",
  "UInt16",
  "UInt32",
  "UInt64",
]);

/** Whether a column exists and is numeric, a date or a datetime: `hasNumericColumn(models, "createdAt")`. */
export function hasNumericColumn(table: pl.DataFrame, column: string): boolean {
  return table.columns.includes(column) && NUMERIC_KINDS.has(table.getColumn(column).dtype.variant);
}

/**
 * A numeric or datetime column as float64 per node (datetimes in epoch ms, null → NaN): `nodeColumn(models, "likes")`.
 */
export function nodeColumn(table: pl.DataFrame, column: string): Float64Array {
  if (!hasNumericColumn(table, column))
    throw new Error(`lineage/nodeColumns: ${column} must be a numeric or datetime column`);
  const kind = table.getColumn(column).dtype.variant;
  let expr = pl.col(column);
  if (kind === "Date" || kind === "Datetime") expr = expr.cast(pl.Datetime("ms")).cast(pl.Int64);
  const out = table.select(expr.cast(pl.Float64).fillNull(pl.lit(NaN)).alias("value")).getColumn("value");
  return out.toTypedArray() as Float64Array;
}

/** The ids of the given nodes as a Series (no JS string array on the way): `modelIds(graph.ids, graph.edgeParent)`. */
export function modelIds(ids: pl.Series, nodes: Int32Array, name = ids.name): pl.Series {
  const frame = pl.DataFrame([ids.alias("id")]);
  return frame.select(pl.col("id").gather(pl.Series("node", nodes)).alias(name)).getColumn(name);
}
