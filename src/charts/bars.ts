// Horizontal bar charts of top-k counts, the building block of the quickstart and of the paper's
// summary figure (docs/methods.md §5, F-summary): one bar per category, longest on top, labelled.
import type { BarRow } from "../summary/counts";
import type { ChartSpec } from "./render";

/** Options of `topBarsSpec`. */
export interface TopBarsOptions {
  title: string;
  /** x axis title ["Models"]. */
  countLabel?: string;
  /** y axis title [none]. */
  categoryLabel?: string;
  /** When set, bars are labelled with count / denominator as a percentage; otherwise with the count. */
  denominator?: number;
  /** Plot width in pixels [360]. */
  width?: number;
  /** Bar colour ["#4c78a8"]. */
  color?: string;
}

/** A Vega-Lite spec of horizontal bars in the given row order: `topBarsSpec(rows, { title: "License" })`. */
export function topBarsSpec(rows: BarRow[], options: TopBarsOptions): ChartSpec {
  const values = rows.map((r) => ({ ...r, label: barLabel(r.count, options.denominator) }));
  const y = {
    field: "category",
    type: "nominal" as const,
    sort: rows.map((r) => r.category),
    title: options.categoryLabel ?? null,
  };
  return {
    title: options.title,
    width: options.width ?? 360,
    height: { step: 18 },
    data: { values },
    encoding: { y, x: { field: "count", type: "quantitative", title: options.countLabel ?? "Models" } },
    layer: [
      { mark: { type: "bar", color: options.color ?? "#4c78a8" } },
      { mark: { type: "text", align: "left", dx: 3, fontSize: 10 }, encoding: { text: { field: "label" } } },
    ],
  } as ChartSpec;
}

/** The label of one bar: `barLabel(248, 1572)` is "248 (15.78%)", `barLabel(248)` is "248". */
export function barLabel(count: number, denominator?: number): string {
  const n = count.toLocaleString("en-US");
  if (!denominator) return n;
  return `${n} (${((100 * count) / denominator).toFixed(2)}%)`;
}
