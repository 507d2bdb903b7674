// A family's pairwise similarity matrix as a heatmap (members in tree order, depth first from the root), beside the
// mean similarity of each class of pairs (kinship by default) as bars. Vega-Lite; see similarity/familyMatrix.ts.
import type { FamilySimilarity } from "../similarity/familyMatrix";
import type { ChartSpec } from "./render";

/** Pixel size of one matrix cell, and the colour scheme of similarities (0..1). */
const CELL = 11;
const SCHEME = "viridis";

/** Options of `similarityMatrixSpec`. */
export interface SimilarityMatrixOptions {
  title?: string;
  /** Bar axis title, after "mean" ["similarity"]. */
  measureTitle?: string;
}

/** The row label of a member: indented by depth, e.g. "··org/child". */
function memberLabel(family: FamilySimilarity, k: number): string {
  const pos = family.members[k];
  return `${String(k + 1).padStart(2, "0")} ${"·".repeat(family.tree.depth[pos])}${family.ids[k]}`;
}

/**
 * Heatmap of `familySimilarity(...)` with the class means beside it.
 * Example: `similarityMatrixSpec(familySimilarity(tree, corpus, measures.tfidf), { measureTitle: "TF-IDF cosine" })`.
 */
export function similarityMatrixSpec(family: FamilySimilarity, options: SimilarityMatrixOptions = {}): ChartSpec {
  const m = family.members.length;
  const labels = family.members.map((_, k) => memberLabel(family, k));
  const cells: { row: string; col: string; similarity: number }[] = [];
  for (let r = 0; r < m; r++)
    for (let c = 0; c < m; c++) cells.push({ row: labels[r], col: labels[c], similarity: family.matrix.get(r, c) });
  const title = options.measureTitle ?? "similarity";
  return {
    title: { text: options.title ?? `Family of ${family.ids[0] ?? "?"} · ${family.measure}`, anchor: "start" },
    hconcat: [
      {
        width: Math.max(120, m * CELL),
        height: Math.max(120, m * CELL),
        data: { values: cells },
        mark: "rect",
        encoding: {
          x: {
            field: "col",
            type: "ordinal",
            sort: labels,
            axis: { labels: false, ticks: false, title: "members in tree order" },
          },
          y: { field: "row", type: "ordinal", sort: labels, axis: { labelFontSize: 8, labelLimit: 260, title: null } },
          color: {
            field: "similarity",
            type: "quantitative",
            scale: { domain: [0, 1], scheme: SCHEME },
            title: "similarity",
            legend: { orient: "bottom", direction: "horizontal", gradientLength: 160 },
          },
          tooltip: [{ field: "row" }, { field: "col" }, { field: "similarity", format: ".3f" }],
        },
      },
      {
        width: 220,
        height: { step: 18 },
        data: { values: family.byClass.map((c) => ({ ...c, pairsLabel: `${c.pairs} pairs` })) },
        encoding: {
          y: { field: "group", type: "nominal", sort: family.byClass.map((c) => c.group), title: null },
          x: { field: "mean", type: "quantitative", scale: { domain: [0, 1] }, title: `mean ${title}` },
        },
        layer: [
          { mark: { type: "bar", color: "#4c78a8" } },
          { mark: { type: "text", align: "left", dx: 3, fontSize: 9 }, encoding: { text: { field: "pairsLabel" } } },
        ],
      },
    ],
    resolve: { scale: { color: "independent" } },
  } as ChartSpec;
}
