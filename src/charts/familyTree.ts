// A family drawn as a radial tidy tree (the paper's Figure 3 style, docs/methods.md §5): root in the
// centre, one ring per generation, edges coloured by relation (finetune blue, merge pink, quantized
// green, adapter purple), node area by downloads, the root labelled. A full Vega spec, since
// Vega-Lite has no tree layout.
import type { FamilyTreeData } from "../lineage/familyTreeData";
import type { ChartSpec } from "./render";

/** Edge colour per relation, as in the authors' tree drawings ("none": a plain base_model tag). */
export const RELATION_COLORS: Readonly<Record<string, string>> = {
  finetune: "#1f77b4",
  merge: "#e377c2",
  quantized: "#2ca02c",
  adapter: "#9467bd",
  none: "#999999",
};
/** Ring spacing in pixels per generation, and the smallest drawing radius. */
const RING_WIDTH = 90;
const MIN_RADIUS = 120;

/** A Vega spec drawing a family tree: `familyTreeSpec(familyTreeData(full, "google/gemma-7b"))`. */
export function familyTreeSpec(tree: FamilyTreeData, title?: string): ChartSpec {
  const generations = Math.max(1, ...tree.nodes.map((n) => n.generation));
  const radius = Math.max(MIN_RADIUS, generations * RING_WIDTH);
  const shown = tree.truncated
    ? `${tree.nodes.length.toLocaleString("en-US")} of ${tree.treeSize.toLocaleString("en-US")} models shown (breadth-first from the root)`
    : `${tree.treeSize.toLocaleString("en-US")} models`;
  const relations = Object.keys(RELATION_COLORS);
  return {
    $schema: "https://vega.github.io/schema/vega/v6.json",
    title: { text: title ?? `Family of ${tree.root}`, subtitle: shown, anchor: "start" },
    width: 2 * radius,
    height: 2 * radius,
    padding: 10,
    signals: [{ name: "radius", value: radius }],
    data: [
      {
        name: "tree",
        values: tree.nodes.map((n) => ({ ...n, logDownloads: Math.log10(1 + n.downloads) })),
        transform: [
          { type: "stratify", key: "id", parentKey: "parent" },
          {
            type: "tree",
            method: "tidy",
            size: [1, { signal: "radius" }],
            separation: false,
            as: ["alpha", "r", "depth", "children"],
          },
          { type: "formula", expr: "(360 * datum.alpha + 270) % 360", as: "angle" },
          { type: "formula", expr: "PI * datum.angle / 180", as: "radians" },
          { type: "formula", expr: "radius + datum.r * cos(datum.radians)", as: "x" },
          { type: "formula", expr: "radius + datum.r * sin(datum.radians)", as: "y" },
        ],
      },
      {
        name: "links",
        source: "tree",
        transform: [
          { type: "treelinks" },
          {
            type: "linkpath",
            orient: "radial",
            shape: "line",
            sourceX: "source.radians",
            sourceY: "source.r",
            targetX: "target.radians",
            targetY: "target.r",
          },
          { type: "formula", as: "relation", expr: "datum.target.relation" },
        ],
      },
      {
        name: "extra",
        values: tree.extraEdges,
        transform: [
          { type: "lookup", from: "tree", key: "id", fields: ["source", "target"], as: ["s", "t"] },
          {
            type: "linkpath",
            orient: "radial",
            shape: "line",
            sourceX: "s.radians",
            sourceY: "s.r",
            targetX: "t.radians",
            targetY: "t.r",
          },
        ],
      },
    ],
    scales: [
      { name: "relation", type: "ordinal", domain: relations, range: relations.map((r) => RELATION_COLORS[r]) },
      { name: "size", type: "linear", domain: { data: "tree", field: "logDownloads" }, zero: true, range: [6, 160] },
    ],
    legends: [{ stroke: "relation", title: "relation", symbolType: "stroke", orient: "right" }],
    marks: [
      {
        type: "path",
        from: { data: "links" },
        encode: {
          update: {
            x: { signal: "radius" },
            y: { signal: "radius" },
            path: { field: "path" },
            stroke: { scale: "relation", field: "relation" },
            strokeWidth: { value: 0.8 },
          },
        },
      },
      {
        type: "path",
        from: { data: "extra" },
        encode: {
          update: {
            x: { signal: "radius" },
            y: { signal: "radius" },
            path: { field: "path" },
            stroke: { scale: "relation", field: "relation" },
            strokeWidth: { value: 0.8 },
            strokeDash: { value: [3, 2] },
          },
        },
      },
      {
        type: "symbol",
        from: { data: "tree" },
        encode: {
          update: {
            x: { field: "x" },
            y: { field: "y" },
            size: { scale: "size", field: "logDownloads" },
            fill: { value: "#333333" },
            fillOpacity: { value: 0.7 },
          },
        },
      },
      {
        type: "text",
        from: { data: "tree" },
        encode: {
          update: {
            x: { field: "x" },
            y: { field: "y" },
            dy: { value: -10 },
            align: { value: "center" },
            baseline: { value: "bottom" },
            fontSize: { value: 12 },
            fontWeight: { value: "bold" },
            text: { signal: "datum.depth === 0 ? datum.id : ''" },
          },
        },
      },
    ],
  } as ChartSpec;
}
