// The numbers behind the summary figure, keyed by the reference results' own paths
// (`summary_figure.license_top`, ...), so a notebook's stats compare mechanically with the
// authors' code run on the same data.
import type pl from "nodejs-polars";
import { arxivCategoryCounts, type ArxivCategoryCache, modelArxivPairs } from "./arxiv";
import { valueCounts } from "./counts";
import type { SummaryPanel } from "./summaryFigure";

/** Reference key of each panel's top list. */
const TOP_KEY: Record<string, string> = {
  license: "license_top",
  task: "task_top",
  language: "language_top",
  library: "library_top",
  parent_models: "parent_models_top",
  datasets: "datasets_top",
  arxiv_categories: "arxiv_categories_top",
  downloaded: "downloaded_top",
};

/** Stats of the summary figure by reference path: `summaryStats(models, panels, cache)["summary_figure.task_top"]`. */
export function summaryStats(
  models: pl.DataFrame,
  panels: SummaryPanel[],
  arxivCache?: ArxivCategoryCache,
  top = 10,
): Record<string, unknown> {
  const stats: Record<string, unknown> = { "summary_figure.rows": models.height, "summary_figure.N": top };
  const denominators: Record<string, number> = {};
  const tickLabels: Record<string, string[]> = {};
  for (const panel of panels) {
    stats[`summary_figure.${TOP_KEY[panel.key]}`] = panel.bars.map((b) => [b.key, b.count]);
    tickLabels[panel.key] = panel.bars.map((b) => b.label);
    if (panel.denominator !== undefined) denominators[panel.key] = panel.denominator;
  }
  stats["summary_figure.denominators"] = denominators;
  stats["summary_figure.figure_tick_labels"] = tickLabels;
  const arxivIds = valueCounts(modelArxivPairs(models), "arxiv");
  stats["summary_figure.arxiv_ids_top"] = pairs(arxivIds.head(top));
  stats["summary_figure.arxiv_ids_distinct"] = arxivIds.height;
  if (arxivCache)
    stats["summary_figure.arxiv_ids_missing_from_category_cache"] = arxivCategoryCounts(models, arxivCache).missing;
  const licenses = valueCounts(models, "licenses");
  const languages = valueCounts(models, "languages");
  const datasets = valueCounts(models, "datasets");
  stats["summary_figure.distinct_counts"] = {
    licenses: licenses.height,
    languages: languages.height,
    datasets: datasets.height,
    license_occurrences: sum(licenses),
    language_occurrences: sum(languages),
    dataset_occurrences: sum(datasets),
  };
  return stats;
}

/** [value, count] pairs of a valueCounts frame. */
function pairs(counts: pl.DataFrame): [string, number][] {
  const values = counts.getColumn("value").toArray() as string[];
  const n = counts.getColumn("count").toArray() as number[];
  return values.map((v, i) => [v, Number(n[i])]);
}

/** Sum of the count column of a valueCounts frame. */
function sum(counts: pl.DataFrame): number {
  return Number(counts.getColumn("count").sum());
}
