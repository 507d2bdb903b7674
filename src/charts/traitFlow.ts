// The paper's transition figures (docs/methods.md §5 F-license, F-language-transitions, F-task-transitions, library
// transitions): the top-n traits top to bottom in the weighted optimal ordering (upstream on top), x by a seeded
// shuffle as in the authors' layout, node area by appearances, fill by category, and one arrow per oriented edge in
// the majority direction, width by net traffic. Arrows that point up (against the ordering) are drawn in red, so the
// drift directions the ordering does not account for are visible. A full Vega spec with pixel coordinates computed
// here, so the figure is deterministic and needs no layout engine.
import type { TraitFlowData } from "../drift/flow";
import type { ChartSpec } from "./render";

/**
 * Fill per category: the authors' license colours (orderings cell 12), task colours chosen alike:
 * `CATEGORY_COLORS.Permissive`.
 */
export const CATEGORY_COLORS: Readonly<Record<string, string>> = {
  Commercial: "#FFC0CB",
  "Use restrictions": "#FFA500",
  Copyleft: "#90EE90",
  Permissive: "#ADD8E6",
  "Embeddings and Features": "#9ECAE1",
  Generative: "#FDAE6B",
  Classification: "#A1D99B",
  "Reinforcement Learning": "#BCBDDC",
  Other: "#D3D3D3",
};
/** Fill when a figure has no categories (languages, libraries): the authors' light blue. */
const PLAIN_FILL = "#ADD8E6";
const WIDTH = 760;
const ROW_HEIGHT = 42;
const MARGIN = 60;
/** Node area in px² for the least and the most frequent trait (area grows linearly with appearances). */
const MIN_NODE_AREA = 80;
const MAX_NODE_AREA = 2800;
/** Edge width in px for the smallest and the largest net traffic. */
const MIN_EDGE_WIDTH = 0.6;
const MAX_EDGE_WIDTH = 7;
const ARROW_LENGTH = 9;
const ARROW_HALF_WIDTH = 4;
const DOWNSTREAM_COLOR = "#4D4D4D";
const UPSTREAM_COLOR = "#D62728";

/** Options of traitFlowSpec: title [from the trait and n]. */
export interface TraitFlowSpecOptions {
  title?: string;
}

/** A Vega spec of a transition figure: `traitFlowSpec(traitFlowData(analysis, { categories: LICENSE_CATEGORIES }))`. */
export function traitFlowSpec(data: TraitFlowData, options: TraitFlowSpecOptions = {}): ChartSpec {
  const n = data.nodes.length;
  const height = Math.max(1, n) * ROW_HEIGHT;
  const maxApp = Math.max(1, ...data.nodes.map((d) => d.appearances));
  const maxTraffic = Math.max(1, ...data.edges.map((e) => e.traffic));
  const nodes = data.nodes.map((d) => {
    const area = MIN_NODE_AREA + ((MAX_NODE_AREA - MIN_NODE_AREA) * d.appearances) / maxApp;
    const x = n > 1 ? MARGIN + (d.slot * (WIDTH - 2 * MARGIN)) / (n - 1) : WIDTH / 2;
    return { ...d, x, y: ROW_HEIGHT / 2 + d.rank * ROW_HEIGHT, area, r: Math.sqrt(area / Math.PI) };
  });
  const at = new Map(nodes.map((d) => [d.trait, d]));
  const edges = data.edges.map((e) => {
    const s = at.get(e.from)!,
      t = at.get(e.to)!;
    const len = Math.hypot(t.x - s.x, t.y - s.y) || 1,
      ux = (t.x - s.x) / len,
      uy = (t.y - s.y) / len;
    const width = MIN_EDGE_WIDTH + ((MAX_EDGE_WIDTH - MIN_EDGE_WIDTH) * e.traffic) / maxTraffic;
    const tipX = t.x - ux * t.r,
      tipY = t.y - uy * t.r;
    const head = ARROW_LENGTH + width,
      half = ARROW_HALF_WIDTH + width / 2;
    const baseX = tipX - ux * head,
      baseY = tipY - uy * head;
    const r = (v: number) => Math.round(v * 100) / 100;
    return {
      ...e,
      width,
      opacity: 0.35 + (0.6 * e.traffic) / maxTraffic,
      x1: r(s.x + ux * s.r),
      y1: r(s.y + uy * s.r),
      x2: r(baseX),
      y2: r(baseY),
      head: `M${r(tipX)},${r(tipY)}L${r(baseX - uy * half)},${r(baseY + ux * half)}L${r(baseX + uy * half)},${r(baseY - ux * half)}Z`,
    };
  });
  const categories = [...new Set(nodes.map((d) => d.category))].sort();
  const plain = categories.length <= 1 && categories[0] !== undefined && categories[0] === "Other";
  const title = options.title ?? `Transitions between top-${data.n} ${TRAIT_NOUNS[data.trait] ?? data.trait}`;
  const [dd, dt] = data.driftDirections,
    [mc, mt] = data.mutations;
  const orderings =
    data.optimalOrderings > 1 ? `, one of ${data.optimalOrderings.toLocaleString("en-US")} optimal` : "";
  const subtitle = [
    `Upstream on top: weighted optimal ordering${orderings}`,
    `Drift directions accounted for ${dd}/${dt}; mutations ${mc}/${mt}; red arrows point against the ordering`,
  ];
  return {
    $schema: "https://vega.github.io/schema/vega/v6.json",
    title: { text: title, subtitle, anchor: "start", subtitleFontSize: 10 },
    width: WIDTH,
    height,
    padding: 10,
    data: [
      { name: "nodes", values: nodes },
      { name: "edges", values: edges.sort((a, b) => a.traffic - b.traffic) },
    ],
    scales: [
      {
        name: "category",
        type: "ordinal",
        domain: categories,
        range: categories.map((c) => (plain ? PLAIN_FILL : (CATEGORY_COLORS[c] ?? CATEGORY_COLORS.Other))),
      },
    ],
    legends: plain
      ? []
      : [{ fill: "category", title: "Category", orient: "right", symbolType: "circle", labelLimit: 300 }],
    marks: [
      {
        type: "rule",
        from: { data: "edges" },
        encode: {
          update: {
            x: { field: "x1" },
            y: { field: "y1" },
            x2: { field: "x2" },
            y2: { field: "y2" },
            strokeWidth: { field: "width" },
            strokeOpacity: { field: "opacity" },
            stroke: { signal: `datum.downstream ? '${DOWNSTREAM_COLOR}' : '${UPSTREAM_COLOR}'` },
          },
        },
      },
      {
        type: "path",
        from: { data: "edges" },
        encode: {
          update: {
            path: { field: "head" },
            fillOpacity: { field: "opacity" },
            fill: { signal: `datum.downstream ? '${DOWNSTREAM_COLOR}' : '${UPSTREAM_COLOR}'` },
          },
        },
      },
      {
        type: "symbol",
        from: { data: "nodes" },
        encode: {
          update: {
            x: { field: "x" },
            y: { field: "y" },
            size: { field: "area" },
            fill: { scale: "category", field: "category" },
            stroke: { value: "#FFFFFF" },
            strokeWidth: { value: 1 },
          },
        },
      },
      {
        type: "text",
        from: { data: "nodes" },
        encode: {
          update: {
            x: { field: "x" },
            y: { field: "y" },
            text: { field: "trait" },
            align: { value: "center" },
            baseline: { value: "middle" },
            fontSize: { value: 11 },
            fill: { value: "#111111" },
          },
        },
      },
    ],
  } as ChartSpec;
}

/** Plural nouns of the traits for default titles. */
const TRAIT_NOUNS: Readonly<Record<string, string>> = {
  licenses: "licenses",
  languages: "languages",
  pipeline_tag: "pipeline tasks",
  library_name: "libraries",
};
