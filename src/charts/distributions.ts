// Distributions on log-log axes (family size, family depth, children per parent): one point
// per value with its count, the usual way to show heavy tails in lineage graphs.
import type { ChartSpec } from "./render";

/** Options of `logLogSpec`. */
export interface LogLogOptions {
  title: string;
  xTitle: string;
  /** y axis title ["Count"]. */
  yTitle?: string;
}

/**
 * Points (value, count) on log-log axes from a value -> count histogram; values <= 0 are left out.
 * Example: `logLogSpec(dist.familySize, { title: "Family size", xTitle: "Models", yTitle: "Families" })`.
 */
export function logLogSpec(histogram: Record<string, number>, options: LogLogOptions): ChartSpec {
  const values = Object.entries(histogram)
    .map(([value, count]) => ({ value: Number(value), count }))
    .filter((p) => p.value > 0 && p.count > 0)
    .sort((a, b) => a.value - b.value);
  return {
    title: options.title,
    width: 260,
    height: 220,
    data: { values },
    mark: { type: "point", filled: true, size: 24, color: "#4c78a8" },
    encoding: {
      x: { field: "value", type: "quantitative", title: options.xTitle, scale: { type: "log" } },
      y: { field: "count", type: "quantitative", title: options.yTitle ?? "Count", scale: { type: "log" } },
      tooltip: [{ field: "value" }, { field: "count" }],
    },
  } as ChartSpec;
}

/** Several charts side by side in one figure: `sideBySide([a, b, c])`. */
export function sideBySide(charts: ChartSpec[], title?: string): ChartSpec {
  return { ...(title ? { title } : {}), hconcat: charts, spacing: 30 } as ChartSpec;
}
