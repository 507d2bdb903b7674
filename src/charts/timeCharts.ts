// Charts of growth over time (docs/methods.md §5): the "'CreatedAt' Dates" histogram and the
// "Size of Largest Families over Time" step lines.
import type { GrowthPoint, TimeBin } from "../summary/createdAt";
import type { ChartSpec } from "./render";

/** The createdAt histogram as bars over time: `createdAtHistogramSpec(timeHistogram(times))`. */
export function createdAtHistogramSpec(bins: TimeBin[], title = "'CreatedAt' Dates"): ChartSpec {
  const values = bins.map((b) => ({ start: iso(b.start), end: iso(b.end), count: b.count }));
  return {
    title,
    width: 520,
    height: 260,
    data: { values },
    mark: { type: "rect", color: "#4c78a8", stroke: "white", strokeWidth: 0.3 },
    encoding: {
      x: { field: "start", type: "temporal", title: "createdAt", scale: { type: "utc" }, axis: { format: "%Y-%m" } },
      x2: { field: "end" },
      y: { field: "count", type: "quantitative", title: "Number of models" },
      y2: { datum: 0 },
    },
  } as ChartSpec;
}

/**
 * Step lines of cumulative family size, one colour per family in the given order: `familyGrowthSpec(growth.points,
 * growth.names)`.
 */
export function familyGrowthSpec(
  points: GrowthPoint[],
  order: string[],
  title = "Size of Largest Families over Time",
): ChartSpec {
  return {
    title,
    width: 520,
    height: 300,
    data: { values: points },
    mark: { type: "line", interpolate: "step-after", strokeWidth: 1.5 },
    encoding: {
      x: { field: "day", type: "temporal", title: "Date", scale: { type: "utc" }, axis: { format: "%Y-%m" } },
      y: { field: "size", type: "quantitative", title: "Total number of models in family" },
      color: { field: "family", type: "nominal", sort: order, title: "Family", legend: { labelLimit: 320 } },
    },
  } as ChartSpec;
}

/** ISO timestamp of ms since the epoch. */
function iso(ms: number): string {
  return new Date(ms).toISOString();
}
