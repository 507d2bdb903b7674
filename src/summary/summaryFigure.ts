// The paper's ecosystem summary figure (docs/methods.md §5, F-summary; the authors' "megafigure"):
// eight top-10 panels (License, Task, Language compatibility, HF Library, Parent models by number
// of children, Datasets, ArXiv categories of linked papers, Downloaded models), each computed the
// way summary_figure.ipynb computes it, with its labels and denominators.
import pl from "nodejs-polars";
import { topCounts } from "./counts";
import { arxivCategoryCounts, type ArxivCategoryCache } from "./arxiv";
import { arxivCategoryLabel } from "./arxivCategories";

/** Panel keys in the figure's order (row-major, 2 x 4), named as in the reference results. */
export const SUMMARY_PANELS = [
  "license",
  "task",
  "language",
  "library",
  "parent_models",
  "datasets",
  "arxiv_categories",
  "downloaded",
] as const;

/** A panel key. */
export type SummaryPanelKey = (typeof SUMMARY_PANELS)[number];

/** One bar: the counted key (as the authors' Counter holds it), its count and its tick label. */
export interface SummaryBar {
  key: string;
  count: number;
  label: string;
}

/** One panel of the summary figure. */
export interface SummaryPanel {
  key: SummaryPanelKey;
  title: string;
  /** x axis title: "models" or "downloads". */
  unit: string;
  bars: SummaryBar[];
  /** Denominator of the percentage labels (License, Task, Language, Library panels). */
  denominator?: number;
}

/** Options of `summaryFigureData`. */
export interface SummaryOptions {
  /** Bars per panel [10]. */
  top?: number;
  /** arXiv id -> categories; without it the arXiv panel is empty. */
  arxivCache?: ArxivCategoryCache;
}

/** Computes the eight panels from the canonical table: `summaryFigureData(models, { arxivCache })`. */
export function summaryFigureData(models: pl.DataFrame, options: SummaryOptions = {}): SummaryPanel[] {
  const n = options.top ?? 10;
  // NOTE: lazy, so only the column the condition reads is filtered (an eager filter copies every column of the table).
  const rowsWith = (expr: pl.Expr) =>
    Number(models.lazy().filter(expr).select(pl.len().alias("n")).collectSync().getColumn("n").get(0));
  const percentPanel = (key: SummaryPanelKey, title: string, column: string, denominator: number): SummaryPanel => ({
    key,
    title,
    unit: "models",
    denominator,
    bars: topCounts(models, column, n).map((r) => ({
      key: r.category,
      count: r.count,
      label: `${r.category}\n (${pythonPercent(r.count, denominator)}%)`,
    })),
  });
  const countPanel = (
    key: SummaryPanelKey,
    title: string,
    rows: [string, number][],
    label: (k: string) => string,
    noun: string,
  ): SummaryPanel => ({
    key,
    title,
    unit: "models",
    bars: rows.slice(0, n).map(([k, count]) => ({ key: k, count, label: `${label(k)}\n (${count} ${noun})` })),
  });
  const arxiv = options.arxivCache ? arxivCategoryCounts(models, options.arxivCache).counts : [];
  return [
    percentPanel("license", "License", "licenses", models.height),
    percentPanel("task", "Task", "pipeline_tag", rowsWith(pl.col("pipeline_tag").isNotNull())),
    percentPanel("language", "Language compatibility", "languages", rowsWith(pl.col("languages").lst.lengths().gt(0))),
    percentPanel("library", "HF Library", "library_name", rowsWith(pl.col("library_name").isNotNull())),
    countPanel("parent_models", "Parent models (by n_succ)", parentModelCounts(models, n), (k) => k, "children"),
    countPanel("datasets", "Datasets", datasetTagCounts(models, n), (k) => k.slice("dataset:".length), "models"),
    countPanel("arxiv_categories", "ArXiv categories of linked papers", arxiv, arxivCategoryLabel, "models"),
    {
      key: "downloaded",
      title: "Downloaded models",
      unit: "downloads",
      bars: mostDownloaded(models, n).map(([id, d]) => ({ key: id, count: d, label: id })),
    },
  ];
}

/**
 * Children per parent as the paper's panel counts them: value counts of the generic
 * `base_model:<id>` parents (the `parent_model` list joined as the authors' string, so a
 * two-parent list counts as one key `a', 'b`), over models with at least one; no graph check.
 */
export function parentModelCounts(models: pl.DataFrame, n: number): [string, number][] {
  const joined = models
    .lazy()
    .filter(pl.col("parent_model").lst.lengths().gt(0))
    .select(pl.col("parent_model").lst.join("', '").alias("parents"))
    .collectSync();
  return topCounts(joined, "parents", n).map((r) => [r.category, r.count]);
}

/** Counts of `dataset:*` tags, prefix kept, most frequent first: `datasetTagCounts(models, 10)`. */
export function datasetTagCounts(models: pl.DataFrame, n: number): [string, number][] {
  const tags = models.select(
    pl
      .col("datasets")
      .lst.eval(pl.concatString([pl.lit("dataset:"), pl.element()], ""))
      .alias("datasets"),
  );
  return topCounts(tags, "datasets", n).map((r) => [r.category, r.count]);
}

/** The `n` most downloaded models, [id, downloads], ties by table order. */
export function mostDownloaded(models: pl.DataFrame, n: number): [string, number][] {
  const top = models.select("id", "downloads").withRowIndex("row").sort(["downloads", "row"], [true, false]).head(n);
  const ids = top.getColumn("id").toArray() as string[];
  const downloads = top.getColumn("downloads").toArray() as number[];
  return ids.map((id, i) => [id, Number(downloads[i])]);
}

/** 100 * count / denominator rounded to 2 decimals and printed as Python prints a float ("0.7", "15.78"). */
export function pythonPercent(count: number, denominator: number): string {
  return String(pythonRound2((100 * count) / denominator));
}

/**
 * Python's round(x, 2): the exact binary value rounded to 2 decimals, exact ties to even.
 * toFixed also rounds the exact value but sends ties up; a double is an exact tie at the third
 * decimal only when 8x is an odd integer (x = k + 0.125, 0.375, 0.625 or 0.875).
 */
export function pythonRound2(x: number): number {
  const eighths = x * 8;
  if (Number.isInteger(eighths) && eighths % 2 !== 0) {
    const hundredths = Math.floor(x * 100); // exact for such x
    return (hundredths % 2 === 0 ? hundredths : hundredths + 1) / 100;
  }
  return Number(x.toFixed(2));
}
