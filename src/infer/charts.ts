// Vega-Lite specs of the inference figures (rendered by `run.saveFigure` like every figure of the kit): precision
// against the score threshold, and precision@1 / recall@5 of every method. Both say in their title that they score
// held-out declared edges.
import type * as VL from "vega-lite/build/index";
import type { CalibrationPoint, MethodMetrics } from "./evaluate";

/** The three lines of the calibration figure. */
const SERIES = [
  "precision of the best candidate",
  "share of held-out children kept",
  "wrong parent accepted (declared parents removed)",
];

/**
 * Precision of the best candidate and share of held-out children kept, against the score threshold. The subtitle
 * names the share of children held out: `share`, by default the curve's own (`evaluation.calibration.share`, the
 * `share` option of evaluateInference); without one it names none.
 * Example: `run.saveFigure("calibration", calibrationSpec(evaluation.calibration, 0.8))`.
 */
export function calibrationSpec(
  points: readonly CalibrationPoint[] & { share?: number },
  threshold?: number,
  share: number | undefined = points.share,
): VL.TopLevelSpec {
  const values = points.flatMap((p) => [
    { threshold: p.threshold, value: p.precision, series: SERIES[0] },
    { threshold: p.threshold, value: p.shareKept, series: SERIES[1] },
    { threshold: p.threshold, value: p.acceptedWithoutParent, series: SERIES[2] },
  ]);
  const layers: object[] = [
    {
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "threshold", type: "quantitative", title: "Score threshold", scale: { domain: [0, 1] } },
        y: { field: "value", type: "quantitative", title: "Share", scale: { domain: [0, 1] } },
        color: {
          field: "series",
          type: "nominal",
          title: null,
          sort: SERIES,
          legend: { orient: "bottom", direction: "vertical", labelLimit: 400 },
        },
      },
    },
  ];
  if (threshold !== undefined)
    layers.push({
      data: { values: [{ threshold }] },
      mark: { type: "rule", strokeDash: [4, 3], color: "#888" },
      encoding: { x: { field: "threshold", type: "quantitative" } },
    });
  return {
    title: {
      text: "Inferred parents: precision against the score threshold",
      subtitle:
        share === undefined
          ? "declared edges held out, inferred from metadata"
          : `declared edges held out (${Number((100 * share).toFixed(1))}% of children), inferred from metadata`,
    },
    width: 460,
    height: 260,
    data: { values },
    layer: layers,
  } as VL.TopLevelSpec;
}

/**
 * Precision@1 and recall@5 of each method on the held-out declared edges, as grouped horizontal bars.
 * Example: `methodComparisonSpec(evaluation.metrics.filter((m) => m.relation === "all"))`.
 */
export function methodComparisonSpec(metrics: readonly MethodMetrics[]): VL.TopLevelSpec {
  const label = (m: MethodMetrics) =>
    m.kind === "signal alone" ? `${m.method} alone` : m.kind === "baseline" ? `baseline: ${m.method}` : m.method;
  const order = metrics.map(label);
  const values = metrics.flatMap((m) => [
    { method: label(m), metric: "precision@1", value: m.precisionAt1 ?? 0 },
    { method: label(m), metric: "recall@5", value: m.recallAt5 ?? 0 },
  ]);
  return {
    title: {
      text: "Recovering declared parents from metadata",
      subtitle: "declared edges held out; each signal alone, the method without it, two naive baselines",
    },
    width: 360,
    data: { values },
    mark: { type: "bar" },
    encoding: {
      y: { field: "method", type: "nominal", sort: order, title: null, axis: { labelLimit: 320 } },
      yOffset: { field: "metric", type: "nominal", sort: ["precision@1", "recall@5"] },
      x: { field: "value", type: "quantitative", title: "Share of held-out children", scale: { domain: [0, 1] } },
      color: { field: "metric", type: "nominal", title: null, legend: { orient: "bottom" } },
    },
    height: { step: 9 },
  } as VL.TopLevelSpec;
}

/** Edges of one relation type, declared or inferred: a bar segment of `edgesAddedSpec`. */
export interface EdgeCountRow {
  relation: string;
  edges: "declared" | "inferred";
  count: number;
}

/**
 * Declared and inferred edges per relation type as stacked horizontal bars.
 * Example: `edgesAddedSpec(edgeCountsByType(augmented), 0.8)`.
 */
export function edgesAddedSpec(rows: readonly EdgeCountRow[], threshold: number): VL.TopLevelSpec {
  const inferred = rows.reduce((sum, r) => sum + (r.edges === "inferred" ? r.count : 0), 0);
  return {
    title: {
      text: "Edges by relation type: declared, and inferred from metadata",
      subtitle:
        inferred > 0
          ? `${inferred} inferred edges: the best candidate of a model without a declared parent, score >= ${threshold}`
          : `no inferred edge: no model without a declared parent has a candidate scoring >= ${threshold}`,
    },
    width: 420,
    height: { step: 22 },
    data: { values: rows.map((r) => ({ ...r })) },
    mark: { type: "bar" },
    encoding: {
      y: {
        field: "relation",
        type: "nominal",
        sort: ["finetune", "adapter", "quantized", "merge", "none"],
        title: null,
      },
      x: { field: "count", type: "quantitative", title: "Edges", stack: "zero" },
      color: {
        field: "edges",
        type: "nominal",
        sort: ["declared", "inferred"],
        scale: { range: ["#4c78a8", "#f58518"] },
        title: null,
        legend: { orient: "bottom" },
      },
      order: { field: "edges", sort: "ascending" },
    },
  } as VL.TopLevelSpec;
}
