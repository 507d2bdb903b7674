// Counting trait values over models, as the paper's summary figure does (docs/methods.md §5, F-summary):
// a Counter over list columns (licenses, languages, datasets) or value counts of a scalar column
// (pipeline_tag, library_name). Ties keep first-appearance order, as Python's Counter.most_common
// does, so the order is deterministic and matches the authors' Counter-based panels.
import pl from "nodejs-polars";

/** One bar of a top-k chart: a category and its count (charts/bars.ts draws them). */
export interface BarRow {
  category: string;
  count: number;
}

/**
 * Counts of each value of a column, most frequent first, ties in order of first appearance: `valueCounts(models,
 * "licenses")`.
 */
export function valueCounts(models: pl.DataFrame, column: string): pl.DataFrame {
  const isList = models.getColumn(column).dtype.variant === "List";
  const values = isList ? pl.col(column).explode() : pl.col(column);
  return models
    .select(values.alias("value"))
    .withRowIndex("first")
    .dropNulls()
    .groupBy("value")
    .agg(pl.len().alias("count"), pl.col("first").min())
    .sort(["count", "first"], [true, false])
    .select("value", "count");
}

/** The first `n` rows of `valueCounts` as bar rows: `topCounts(models, "licenses", 10)`. */
export function topCounts(models: pl.DataFrame, column: string, n: number): BarRow[] {
  const top = valueCounts(models, column).head(n);
  const values = top.getColumn("value").toArray() as string[];
  const counts = top.getColumn("count").toArray() as number[];
  return values.map((category, i) => ({ category, count: Number(counts[i]) }));
}
