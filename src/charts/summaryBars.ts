// The summary figure's layout (docs/methods.md §5, F-summary): a 2 x 4 grid of horizontal top-10
// bars in the authors' orange, two-line tick labels ("apache-2.0" over "(15.78%)").
import type { SummaryPanel } from "../summary/summaryFigure";
import type { ChartSpec } from "./render";

/** Bar colour of the authors' figure. */
export const SUMMARY_BAR_COLOR = "#e09c24";
/** Width of one panel's plot area in pixels. */
const PANEL_WIDTH = 150;
/** Height of one bar slot in pixels (two label lines fit). */
const BAR_STEP = 30;

/** A Vega-Lite spec of the panels in a grid, four per row: `summaryFigureSpec(summaryFigureData(models))`. */
export function summaryFigureSpec(panels: SummaryPanel[], title?: string): ChartSpec {
  return {
    ...(title ? { title: { text: title, anchor: "start" } } : {}),
    concat: panels.map(panelSpec),
    columns: 4,
    spacing: { row: 30, column: 40 },
    config: {
      view: { stroke: null },
      axis: { grid: false, labelFontSize: 10, titleFontWeight: "normal", labelLimit: 400 },
      title: { fontWeight: "normal", fontSize: 14 },
    },
  } as ChartSpec;
}

/** One panel: bars in the panel's order, tick labels split on "\n"; a panel with no bars says so. */
function panelSpec(panel: SummaryPanel): object {
  const values = panel.bars.map((b) => ({ label: b.label, count: b.count }));
  if (values.length === 0) {
    return {
      title: panel.title,
      width: PANEL_WIDTH,
      height: BAR_STEP * 2,
      data: { values: [{ text: "none in this dataset" }] },
      mark: { type: "text", color: "#666", fontSize: 11 },
      encoding: { text: { field: "text", type: "nominal" } },
    };
  }
  return {
    title: panel.title,
    width: PANEL_WIDTH,
    height: { step: BAR_STEP },
    data: { values },
    mark: { type: "bar", color: SUMMARY_BAR_COLOR },
    encoding: {
      y: {
        field: "label",
        type: "nominal",
        sort: values.map((v) => v.label),
        title: null,
        axis: {
          labelExpr: "split(datum.label, '\\n')",
          labelLineHeight: 12,
          labelFontSize:
            panel.key === "parent_models" ||
            panel.key === "datasets" ||
            panel.key === "arxiv_categories" ||
            panel.key === "downloaded"
              ? 8
              : 11,
        },
      },
      x: { field: "count", type: "quantitative", title: panel.unit, axis: { format: "~s", tickCount: 2 } },
    },
  };
}
