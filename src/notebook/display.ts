// Rich display in a notebook: charts inline (static SVG plus an interactive view), polars DataFrames as HTML tables.
// Outside a Jupyter kernel (tests, scripts) the display calls do nothing, so the same code runs
// everywhere.
import type pl from "nodejs-polars";
import * as tslab from "tslab";
import { chartHtml, chartMimeType, interactiveSpec } from "../charts/interactive";
import type { ChartSpec } from "../charts/render";

/**
 * True when running inside the tslab kernel, where rich display is possible: `if (inKernel()) tslab.display.svg(svg)`.
 */
export function inKernel(): boolean {
  // NOTE: tslab exposes no public flag; its display functions throw "Not ready" until the kernel
  // has installed this writer. The version is pinned exactly in package.json.
  try {
    return require("tslab/dist/jupyter").lastWriteDisplayData != null;
  } catch {
    return false;
  }
}

/** Shows an SVG string inline: `showSvg(svg)`. */
export function showSvg(svg: string): void {
  if (inKernel()) tslab.display.svg(svg);
}

/** The display bundle of a chart: static SVG, the interactive HTML view and the Vega(-Lite) MIME type. */
export function chartBundle(svg: string, spec: ChartSpec, id: string): Record<string, unknown> {
  return { "image/svg+xml": svg, "text/html": chartHtml(svg, spec, id), [chartMimeType(spec)]: interactiveSpec(spec) };
}

/**
 * Shows a chart inline as one output with three forms: the interactive chart where the front end can draw it, and
 * the static SVG everywhere else (nbconvert, GitHub, a closed kernel). Example: `showChart(svg, spec, "00-licenses")`.
 */
export function showChart(svg: string, spec: ChartSpec, id: string): void {
  if (!inKernel()) return;
  // NOTE: tslab's display API writes one MIME type per output; its writer takes a whole bundle (pinned version).
  require("tslab/dist/jupyter").lastWriteDisplayData(
    { data: chartBundle(svg, spec, id), metadata: {}, transient: {} },
    false,
  );
}

/** Shows a polars DataFrame as an HTML table of its first `maxRows` rows [20]: `showTable(df)`. */
export function showTable(df: pl.DataFrame, maxRows = 20): void {
  const html = tableHtml(df, maxRows);
  if (inKernel()) tslab.display.html(html);
  else console.log(df.head(maxRows).toString());
}

/** Renders the first `maxRows` rows of a DataFrame as an HTML table with a shape caption. */
export function tableHtml(df: pl.DataFrame, maxRows = 20): string {
  const shown = df.head(maxRows);
  const names = shown.columns;
  const columns = names.map((name) => shown.getColumn(name).toArray());
  const head = names.map((n) => `<th>${escapeHtml(n)}</th>`).join("");
  const rows: string[] = [];
  for (let i = 0; i < shown.height; i++) {
    rows.push("<tr>" + columns.map((col) => `<td>${escapeHtml(formatCell(col[i]))}</td>`).join("") + "</tr>");
  }
  const caption =
    `${df.height.toLocaleString("en-US")} rows × ${df.width} columns` +
    (df.height > maxRows ? ` (first ${maxRows} shown)` : "");
  return `<table><caption style="caption-side:bottom;text-align:left">${caption}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** Formats one cell value for display. */
function formatCell(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return "[" + value.map(formatCell).join(", ") + "]";
  if (typeof value === "number") return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toPrecision(4);
  return String(value);
}

/** Escapes text for HTML. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
