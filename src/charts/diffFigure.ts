// The metadata diff (the paper's Figure 4, docs/methods.md §5): two rows of monospace text, the
// parent's string on top and the child's below, runs coloured by edit kind (substitution yellow,
// deletion red, insertion green, equal white) and grey lines joining the ends of matching runs.
import type { EditSegment } from "../similarity/editAlignment";
import type { ChartSpec } from "./render";

/** Fill colour of each edit kind, as in the authors' figure. */
export const EDIT_COLORS = { eq: "#ffffff", rep: "#ffd27f", del: "#ff7f7f", ins: "#7fff7f" } as const;
/** Font of the sequences; resvg does not map the generic "monospace", so the PNG font is named first. */
const MONO_FONT = "DejaVu Sans Mono, monospace";
/** Font size of the sequences in pixels. */
const FONT_SIZE = 10;
/** Advance width of one DejaVu Sans Mono character in pixels (0.602 em). */
const CHAR_WIDTH = 0.602 * FONT_SIZE;
/** Height of a sequence row and the gap between the rows, in pixels. */
const ROW_HEIGHT = 18;
const GAP = 36;

/** Options of `editAlignmentSpec`. */
export interface DiffOptions {
  title?: string;
  /** Label of the top (parent) row. */
  topLabel?: string;
  /** Label of the bottom (child) row. */
  bottomLabel?: string;
}

/** A Vega-Lite spec drawing an alignment: `editAlignmentSpec(editAlignment(parent, child), { title })`. */
export function editAlignmentSpec(segments: EditSegment[], options: DiffOptions = {}): ChartSpec {
  const boxes: object[] = [];
  const links: object[] = [];
  let a = 0;
  let b = 0;
  for (const s of segments) {
    const la = Array.from(s.a).length;
    const lb = Array.from(s.b).length;
    if (la > 0) boxes.push(box("top", a, la, s.a, s.op));
    if (lb > 0) boxes.push(box("bottom", b, lb, s.b, s.op));
    if (s.op !== "eq") links.push(link(a, b), link(a + la, b + lb));
    a += la;
    b += lb;
  }
  const width = Math.ceil(Math.max(a, b) * CHAR_WIDTH) + 2;
  const height = 2 * ROW_HEIGHT + GAP;
  const x = { type: "quantitative", scale: { domain: [0, width], range: [0, width] }, axis: null };
  const y = { type: "quantitative", scale: { domain: [0, height], range: [0, height] }, axis: null };
  return {
    ...(options.title ? { title: options.title } : {}),
    width,
    height,
    config: { view: { stroke: null } },
    layer: [
      {
        data: { values: links },
        mark: { type: "rule", color: "#aaaaaa", strokeWidth: 0.7 },
        encoding: {
          x: { field: "x", ...x },
          x2: { field: "x2" },
          y: { datum: ROW_HEIGHT, ...y },
          y2: { datum: ROW_HEIGHT + GAP },
        },
      },
      {
        data: { values: boxes },
        mark: { type: "rect", stroke: "#333333", strokeWidth: 0.6 },
        encoding: {
          x: { field: "x", ...x },
          x2: { field: "x2" },
          y: { field: "y", ...y },
          y2: { field: "y2" },
          color: {
            field: "op",
            type: "nominal",
            scale: { domain: Object.keys(EDIT_COLORS), range: Object.values(EDIT_COLORS) },
            legend: null,
          },
        },
      },
      {
        data: { values: boxes },
        mark: { type: "text", font: MONO_FONT, fontSize: FONT_SIZE, align: "left", baseline: "middle", dx: 0 },
        encoding: { x: { field: "x", ...x }, y: { field: "ym", ...y }, text: { field: "text" } },
      },
      ...rowLabels(options),
    ],
  } as ChartSpec;
}

/** A coloured box for a run of `length` characters starting at character `start`. */
function box(row: "top" | "bottom", start: number, length: number, text: string, op: string): object {
  const y = row === "top" ? 0 : ROW_HEIGHT + GAP;
  // NOTE: SVG collapses and trims runs of spaces; no-break spaces keep every character's column.
  return {
    row,
    op,
    text: text.replace(/ /g, "\u00a0"),
    x: start * CHAR_WIDTH,
    x2: (start + length) * CHAR_WIDTH,
    y,
    y2: y + ROW_HEIGHT,
    ym: y + ROW_HEIGHT / 2,
  };
}

/** A connector between a boundary in the top row and the matching one in the bottom row. */
function link(a: number, b: number): object {
  return { x: a * CHAR_WIDTH, x2: b * CHAR_WIDTH };
}

/** Small labels above each row ("parent: id", "child: id"), when given. */
function rowLabels(options: DiffOptions): object[] {
  const labels = [
    { text: options.topLabel, y: -4 },
    { text: options.bottomLabel, y: ROW_HEIGHT + GAP - 4 },
  ].filter((l) => l.text);
  if (labels.length === 0) return [];
  return [
    {
      data: { values: labels },
      mark: { type: "text", align: "left", baseline: "bottom", fontSize: 9, color: "#555555" },
      encoding: {
        x: { datum: 0, type: "quantitative" },
        y: { field: "y", type: "quantitative" },
        text: { field: "text" },
      },
    },
  ];
}
