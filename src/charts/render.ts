// Chart rendering: Vega-Lite spec -> SVG (vega View, renderer "none") -> PNG (resvg).
// Both steps are deterministic: the same spec gives byte-identical SVG and PNG. Text in the PNG
// is drawn with DejaVu Sans pinned by file, because resvg drops all text when it has no font and
// maps "sans-serif" to a serif face when it loads system fonts.
import * as fs from "node:fs";
import type * as Vega from "vega";
import type * as VL from "vega-lite/build/index";
import { Resvg } from "@resvg/resvg-js";

/** A chart: a Vega-Lite specification, or a full Vega specification for what Vega-Lite cannot draw (trees). */
export type ChartSpec = VL.TopLevelSpec | Vega.Spec;

/** True for a full Vega spec (it has top-level marks, which Vega-Lite specs never have): `isVegaSpec(spec)`. */
export function isVegaSpec(spec: ChartSpec): spec is Vega.Spec {
  return "marks" in spec;
}

// NOTE: vega and vega-lite are ESM-only; see esm.cjs for why they load through it.
const importESM: (specifier: string) => Promise<any> = require("./esm.cjs");

let modules: Promise<{ vega: typeof Vega; vl: typeof VL }> | undefined;

/** Loads vega and vega-lite once per process. */
function loadVega(): Promise<{ vega: typeof Vega; vl: typeof VL }> {
  modules ??= Promise.all([importESM("vega"), importESM("vega-lite")]).then(([vega, vl]) => ({ vega, vl }));
  return modules;
}

/** Renders a Vega-Lite (or Vega) spec to an SVG string: `const svg = await renderSvg(spec)`. */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const { vega, vl } = await loadVega();
  const vegaSpec = isVegaSpec(spec) ? spec : vl.compile(spec).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Font files used for PNG text, all from fonts-dejavu-core; the first is required. */
export const PNG_FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"].map(
  (f) => "/usr/share/fonts/truetype/dejavu/" + f,
);

/** Options of `renderPng`. */
export interface PngOptions {
  /** Pixel density relative to the SVG's size [2]. */
  scale?: number;
  /** Background colour [white]. */
  background?: string;
}

/** Rasterises an SVG string to PNG bytes with DejaVu Sans: `const png = svgToPng(svg, { scale: 2 })`. */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const fontFiles = PNG_FONT_FILES.filter((f) => fs.existsSync(f));
  if (!fontFiles.includes(PNG_FONT_FILES[0])) {
    throw new Error(`charts/render: no font for PNG text (${PNG_FONT_FILES[0]}); run make setup (fonts-dejavu-core)`);
  }
  const resvg = new Resvg(svg, {
    background: options.background ?? "white",
    fitTo: { mode: "zoom", value: options.scale ?? 2 },
    font: {
      loadSystemFonts: false,
      fontFiles,
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
      monospaceFamily: "DejaVu Sans Mono",
    },
  });
  return resvg.render().asPng();
}
