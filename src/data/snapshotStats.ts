// Counts that describe a canonical snapshot table, keyed by the reference results' own paths
// (`expanded_dataset.*`, data/reference/README.md §2 and §5), so the data notebook's stats compare mechanically.
import pl from "nodejs-polars";
import { DERIVED_TAG_COLUMNS } from "./tags";

/**
 * Reference-keyed counts of a table read with the natural card rule and the same table read with the
 * paper's rule (a missing card measured as "nan", length 3): `snapshotStats(natural, paper)`.
 */
export function snapshotStats(natural: pl.DataFrame, paper: pl.DataFrame): Record<string, unknown> {
  const count = (t: pl.DataFrame, e: pl.Expr) => t.filter(e).height;
  const stats: Record<string, unknown> = {
    "expanded_dataset.rows": natural.height,
    "expanded_dataset.models_with_modelCard": count(natural, pl.col("has_card")),
    "expanded_dataset.model_card_length_characters_eq3": count(paper, pl.col("card_length_chars").eq(3)),
    "expanded_dataset.model_card_automatically_generated_true": count(paper, pl.col("card_auto_generated")),
    "expanded_dataset.languages_nonempty": count(natural, pl.col("languages").lst.lengths().gt(0)),
    "expanded_dataset.licenses_nonempty": count(natural, pl.col("licenses").lst.lengths().gt(0)),
  };
  for (const column of DERIVED_TAG_COLUMNS) {
    stats[`data.nonempty.${column}`] = count(natural, pl.col(column).lst.lengths().gt(0));
  }
  stats["data.with_pipeline_tag"] = count(natural, pl.col("pipeline_tag").isNotNull());
  stats["data.with_library_name"] = count(natural, pl.col("library_name").isNotNull());
  return stats;
}
