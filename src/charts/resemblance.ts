// The paper's family-resemblance figure (docs/methods.md §5 F-sim-meta-tfidf and its five companions): eight panels,
// one per sampling pattern, with width ratios 1,1,2,3,2,4,5,6 (one unit per configuration); in each, the mean
// similarity of every configuration with its 95% bootstrap interval on a shared 0–1 axis, the background shaded by
// how many generations apart the pair is, and under each configuration a small tree glyph of its pattern with the
// compared pair in yellow. A full Vega spec with every position computed here, so the layout is exact and testable.
//
// The authors' make_plot draws the parent–child (duo) panel's error bar with the random pair's interval
// (oracle `plot_quirk_duo_panel_errorbar_ci`); by default each panel here draws its own data (`duoInterval: "own"`).
import type { MeanInterval } from "../similarity/bootstrap";
import { KINSHIP_PATTERNS } from "../similarity/kinship";
import type { ChartSpec } from "./render";

/** Pixel sizes of the figure. */
const UNIT_WIDTH = 46; // one configuration column
const PANEL_GAP = 14;
const PLOT_HEIGHT = 260;
const GLYPH_TOP = 22; // from the bottom of the plot to the glyphs' first generation
const GLYPH_LEVEL = 15; // pixels per generation in a glyph
const GLYPH_SPREAD = 28; // pixels across a glyph
const GLYPH_NODE_SIZE = 64; // symbol area
const CAP_HALF = 4; // half-width of an interval's caps

/** The horizontal cap of each drawn interval at its lower or upper end: `intervalCap("yHi")`. */
function intervalCap(y: "yLo" | "yHi") {
  return {
    type: "rule",
    from: { data: "drawn" },
    encode: {
      enter: {
        x: { signal: `datum.x - ${CAP_HALF}` },
        x2: { signal: `datum.x + ${CAP_HALF}` },
        y: { field: y },
        stroke: { value: "black" },
        strokeWidth: { value: 0.8 },
      },
    },
  };
}
/**
 * Fill of a column by generations apart (the paper's grey at alpha 0.3 / 0.2 / 0.1 over white): `GAP_FILLS["1
 * generation apart"]`.
 */
export const GAP_FILLS: Readonly<Record<string, string>> = {
  "3 generations apart": "#d9d9d9",
  "2 generations apart": "#e6e6e6",
  "1 generation apart": "#f2f2f2",
  "same generation": "#ffffff",
};
/** Glyph fill of the two compared models: `datum.compared ? GLYPH_PAIR_FILL : GLYPH_OTHER_FILL`. */
export const GLYPH_PAIR_FILL = "#fbe38e";
/** Glyph fill of the pattern's other models. */
export const GLYPH_OTHER_FILL = "#ffffff";

/** Options of `resemblanceFigureSpec`. */
export interface ResemblanceFigureOptions {
  title?: string;
  /** y axis title ["Similarity"]. */
  yTitle?: string;
  /** "own": every interval from its own data [default]; "paper": the duo panel reuses the random pair's (make_plot). */
  duoInterval?: "own" | "paper";
  /** Reference results drawn as open red diamonds beside ours (e.g. the oracle's). */
  reference?: Record<string, MeanInterval>;
}

function gapLabel(gap: number | null): string | null {
  if (gap === null) return null;
  return gap === 0 ? "same generation" : gap === 1 ? "1 generation apart" : `${gap} generations apart`;
}

/**
 * Geometry of every panel and configuration column, for tests and for drawing on top:
 * `resemblanceLayout().panels[7].width`.
 */
export function resemblanceLayout() {
  let x = 0;
  const panels = KINSHIP_PATTERNS.map((p) => {
    const panel = { pattern: p.name, x, width: p.configs.length * UNIT_WIDTH, widthRatio: p.configs.length };
    x += panel.width + PANEL_GAP;
    return panel;
  });
  const columns = KINSHIP_PATTERNS.flatMap((p, i) =>
    p.configs.map((c, j) => ({
      key: c.key,
      pattern: p.name,
      label: c.label,
      gap: gapLabel(c.generationsApart),
      x: panels[i].x + j * UNIT_WIDTH,
      center: panels[i].x + (j + 0.5) * UNIT_WIDTH,
      first: j === 0,
    })),
  );
  return { panels, columns, width: x - PANEL_GAP, plotHeight: PLOT_HEIGHT };
}

/**
 * The figure of one run, from `{ config key: { mean, ci95, valid_pairs } }` (resemblanceStats or the reference's).
 * Example: `resemblanceFigureSpec(resemblanceStats(results), { title: "Metadata, TF-IDF", yTitle: "Cosine similarity"
 * })`.
 */
export function resemblanceFigureSpec(
  stats: Record<string, MeanInterval>,
  options: ResemblanceFigureOptions = {},
): ChartSpec {
  const layout = resemblanceLayout();
  const y = (v: number) => PLOT_HEIGHT * (1 - v);
  const intervalOf = (key: string): MeanInterval | undefined =>
    options.duoInterval === "paper" && key === "duo_1" ? stats.rando_1 : stats[key];
  const points = layout.columns.map((c) => {
    const s = stats[c.key];
    const ci = intervalOf(c.key)?.ci95 ?? [null, null];
    const mean = s?.mean ?? null;
    return {
      key: c.key,
      label: c.label,
      x: c.center,
      mean,
      lo: ci[0],
      hi: ci[1],
      valid_pairs: s?.valid_pairs ?? 0,
      y: mean === null ? null : y(mean),
      yLo: ci[0] === null ? null : y(ci[0]),
      yHi: ci[1] === null ? null : y(ci[1]),
    };
  });
  const drawn = points.filter((p) => p.mean !== null && p.yLo !== null && p.yHi !== null);
  const reference = options.reference
    ? layout.columns.flatMap((c) =>
        options.reference![c.key]?.mean == null
          ? []
          : [
              {
                key: c.key,
                x: c.center + 9,
                y: y(options.reference![c.key].mean as number),
                mean: options.reference![c.key].mean,
              },
            ],
      )
    : [];
  const shading = layout.columns
    .filter((c) => c.gap !== null)
    .map((c) => ({ key: c.key, x: c.x, x2: c.x + UNIT_WIDTH, gap: c.gap }));
  const separators = layout.columns.filter((c) => !c.first).map((c) => ({ x: c.x }));
  const glyphNodes = KINSHIP_PATTERNS.flatMap((p) =>
    p.configs.flatMap((c) => {
      const center = layout.columns.find((col) => col.key === c.key)!.center;
      return p.roles.map((role) => ({
        key: c.key,
        role,
        compared: c.pair.includes(role),
        x: center + (p.layout[role][0] - 0.5) * GLYPH_SPREAD,
        y: PLOT_HEIGHT + GLYPH_TOP + p.layout[role][1] * GLYPH_LEVEL,
      }));
    }),
  );
  const glyphEdges = KINSHIP_PATTERNS.flatMap((p) =>
    p.configs.flatMap((c) =>
      p.edges.map(([from, to]) => {
        const a = glyphNodes.find((g) => g.key === c.key && g.role === from)!;
        const b = glyphNodes.find((g) => g.key === c.key && g.role === to)!;
        return { key: c.key, x: a.x, y: a.y, x2: b.x, y2: b.y };
      }),
    ),
  );
  const gapDomain = Object.keys(GAP_FILLS);
  return {
    $schema: "https://vega.github.io/schema/vega/v6.json",
    ...(options.title ? { title: { text: options.title, anchor: "start" } } : {}),
    width: layout.width,
    height: PLOT_HEIGHT + GLYPH_TOP + 3 * GLYPH_LEVEL + 12,
    padding: { left: 10, right: 10, top: 10, bottom: 10 },
    data: [
      { name: "panels", values: layout.panels },
      { name: "shading", values: shading },
      { name: "separators", values: separators },
      { name: "points", values: points },
      { name: "drawn", values: drawn },
      { name: "reference", values: reference },
      { name: "glyphNodes", values: glyphNodes },
      { name: "glyphEdges", values: glyphEdges },
    ],
    scales: [
      { name: "y", type: "linear", domain: [0, 1], range: [PLOT_HEIGHT, 0] },
      { name: "gap", type: "ordinal", domain: gapDomain, range: gapDomain.map((g) => GAP_FILLS[g]) },
    ],
    axes: [
      {
        scale: "y",
        orient: "left",
        values: [0, 0.5, 1],
        format: ".1f",
        title: options.yTitle ?? "Similarity",
        grid: false,
        domain: false,
      },
    ],
    legends: [
      {
        fill: "gap",
        orient: "right",
        symbolType: "square",
        symbolSize: 160,
        symbolStrokeColor: "#bbbbbb",
        symbolStrokeWidth: 0.5,
        labelFontSize: 11,
        labelLimit: 200,
        offset: 12,
      },
    ],
    marks: [
      {
        type: "rect",
        from: { data: "shading" },
        encode: {
          enter: {
            x: { field: "x" },
            x2: { field: "x2" },
            y: { value: 0 },
            y2: { value: PLOT_HEIGHT },
            fill: { scale: "gap", field: "gap" },
          },
        },
      },
      {
        type: "rule",
        from: { data: "separators" },
        encode: {
          enter: {
            x: { field: "x" },
            y: { value: 0 },
            y2: { value: PLOT_HEIGHT },
            stroke: { value: "#888888" },
            strokeWidth: { value: 0.6 },
            strokeDash: { value: [3, 2] },
          },
        },
      },
      {
        type: "rect",
        from: { data: "panels" },
        encode: {
          enter: {
            x: { field: "x" },
            width: { field: "width" },
            y: { value: 0 },
            y2: { value: PLOT_HEIGHT },
            fill: { value: "transparent" },
            stroke: { value: "black" },
            strokeWidth: { value: 1 },
          },
        },
      },
      {
        type: "rule",
        from: { data: "drawn" },
        encode: {
          enter: {
            x: { field: "x" },
            y: { field: "yLo" },
            y2: { field: "yHi" },
            stroke: { value: "black" },
            strokeWidth: { value: 1 },
          },
        },
      },
      intervalCap("yLo"),
      intervalCap("yHi"),
      {
        type: "symbol",
        from: { data: "drawn" },
        encode: {
          enter: {
            x: { field: "x" },
            y: { field: "y" },
            size: { value: 14 },
            fill: { value: "black" },
            tooltip: {
              signal:
                "datum.label + ': ' + format(datum.mean, '.3f') + ' [' + format(datum.lo, '.3f') + ', ' + format(datum.hi, '.3f') + '], ' + datum.valid_pairs + ' pairs'",
            },
          },
        },
      },
      {
        type: "symbol",
        from: { data: "reference" },
        encode: {
          enter: {
            x: { field: "x" },
            y: { field: "y" },
            shape: { value: "diamond" },
            size: { value: 30 },
            fill: { value: "transparent" },
            stroke: { value: "#d62728" },
            strokeWidth: { value: 1 },
          },
        },
      },
      {
        type: "rule",
        from: { data: "glyphEdges" },
        encode: {
          enter: {
            x: { field: "x" },
            y: { field: "y" },
            x2: { field: "x2" },
            y2: { field: "y2" },
            stroke: { value: "#555555" },
            strokeWidth: { value: 0.8 },
          },
        },
      },
      {
        type: "symbol",
        from: { data: "glyphNodes" },
        encode: {
          enter: {
            x: { field: "x" },
            y: { field: "y" },
            size: { value: GLYPH_NODE_SIZE },
            fill: { signal: `datum.compared ? '${GLYPH_PAIR_FILL}' : '${GLYPH_OTHER_FILL}'` },
            stroke: { value: "#333333" },
            strokeWidth: { value: 0.7 },
          },
        },
      },
      {
        type: "text",
        from: { data: "points" },
        encode: {
          enter: {
            x: { field: "x" },
            y: { value: PLOT_HEIGHT / 2 },
            align: { value: "center" },
            fontSize: { value: 10 },
            fill: { value: "#888888" },
            text: { signal: "datum.mean === null ? 'no instance' : ''" },
          },
        },
      },
    ],
  } as ChartSpec;
}
