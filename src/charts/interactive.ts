// Interactive versions of the kit's charts, for display only (the files a figure is saved as stay static): tooltips on
// every mark, and zoom by dragging and scrolling on charts with two quantitative axes. A notebook output carries the
// static SVG, the Vega or Vega-Lite MIME bundle (JupyterLab and VS Code render it natively) and an HTML view that the
// classic Notebook renders with vega-embed, loaded from this checkout's node_modules with no network.
import { type ChartSpec, isVegaSpec } from "./render";

/** MIME type of a chart's spec: Vega-Lite, or Vega for full Vega specs: `chartMimeType(spec)`. */
export function chartMimeType(spec: ChartSpec): string {
  return isVegaSpec(spec) ? "application/vnd.vega.v5+json" : "application/vnd.vegalite.v5+json";
}

/**
 * A copy of a spec with a tooltip on every mark (its row's fields: model, value, share, ...) and, on Vega-Lite
 * views with two quantitative axes, zoom and pan bound to the scales. Example: `interactiveSpec(topBarsSpec(rows, o))`.
 */
export function interactiveSpec(spec: ChartSpec): ChartSpec {
  const copy = JSON.parse(JSON.stringify(spec));
  if (isVegaSpec(copy)) {
    addVegaTooltips(copy as { marks?: unknown[] });
    return copy;
  }
  const lite = copy as Record<string, any>;
  addTooltips(lite, undefined);
  addZoom(lite);
  return lite as ChartSpec;
}

/** Tooltips listing the fields of the view's own rows (not Vega-Lite's derived fields) on every unit view. */
function addTooltips(view: Record<string, any>, inherited: Record<string, unknown>[] | undefined): void {
  const rows: Record<string, unknown>[] | undefined = Array.isArray(view.data?.values) ? view.data.values : inherited;
  for (const key of ["concat", "hconcat", "vconcat", "layer"]) {
    if (Array.isArray(view[key])) view[key].forEach((child: Record<string, any>) => addTooltips(child, rows));
  }
  if (view.spec) addTooltips(view.spec, rows);
  if (view.mark === undefined || view.encoding?.tooltip !== undefined || !rows || rows.length === 0) return;
  const first = rows[0];
  const fields = Object.keys(first).filter((k) => first[k] === null || typeof first[k] !== "object");
  view.encoding = {
    ...view.encoding,
    tooltip: fields.map((field) => ({ field, type: typeof first[field] === "number" ? "quantitative" : "nominal" })),
  };
}

/** Tooltips on the data-driven marks of a Vega spec and of its groups: the datum itself. */
function addVegaTooltips(node: { marks?: unknown[] }): void {
  for (const mark of (node.marks ?? []) as Record<string, any>[]) {
    if (mark.type === "group") addVegaTooltips(mark);
    else if (mark.from?.data) {
      mark.encode = mark.encode ?? {};
      mark.encode.update = mark.encode.update ?? {};
      mark.encode.update.tooltip = mark.encode.update.tooltip ?? { signal: "datum" };
    }
  }
}

/** Zoom and pan on every unit view whose x and y are both quantitative (log-log plots, histograms). */
function addZoom(view: Record<string, any>): void {
  for (const key of ["concat", "hconcat", "vconcat", "layer"]) if (Array.isArray(view[key])) view[key].forEach(addZoom);
  const x = view.encoding?.x?.type,
    y = view.encoding?.y?.type;
  if (view.mark !== undefined && x === "quantitative" && y === "quantitative" && view.params === undefined) {
    view.params = [{ name: "zoom", select: "interval", bind: "scales" }];
  }
}

/** Paths of the bundles the classic Notebook loads, relative to the server root (the repository). */
const BUNDLES = {
  vega: "node_modules/vega/build/vega.min",
  "vega-lite": "node_modules/vega-lite/build/vega-lite.min",
  "vega-embed": "node_modules/vega-embed/build/vega-embed.min",
};

/**
 * The HTML view of a chart: the static SVG, replaced in the classic Notebook by the interactive chart (vega-embed
 * from the server's `files/` route). Where no script runs the SVG stays. Example: `chartHtml(svg, spec, "kit-1")`.
 */
export function chartHtml(svg: string, spec: ChartSpec, id: string): string {
  const safeId = id.replace(/[^\w-]/g, "-");
  const script =
    `(function () {\n` +
    `  var el = document.getElementById(${JSON.stringify(safeId)});\n` +
    `  if (!el || typeof require === "undefined" || !require.config) return;\n` +
    `  var base = (document.body && document.body.getAttribute("data-base-url")) || "/";\n` +
    `  var paths = ${JSON.stringify(BUNDLES)};\n` +
    `  for (var k in paths) paths[k] = base + "files/" + paths[k];\n` +
    `  require.config({ paths: paths });\n` +
    `  require(["vega-embed"], function (embed) {\n` +
    `    embed(el, ${JSON.stringify(interactiveSpec(spec)).replace(/</g, "\\u003c")}, { actions: false, renderer: "svg" })\n` +
    `      .then(function () { el.setAttribute("data-kit-interactive", "true"); })\n` +
    `      .catch(function (e) { el.setAttribute("data-kit-error", String(e)); });\n` +
    `  });\n` +
    `})();`;
  return `<div id="${safeId}" class="kit-chart">${svg}</div>\n<script type="text/javascript">\n${script}\n</script>`;
}
