import { test } from "node:test";
import assert from "node:assert/strict";
import { renderSvg, svgToPng, type ChartSpec } from "../src/charts/render";
import { addSvgFooter, FOOTER_HEIGHT } from "../src/charts/footer";
import { decodePng } from "./helpers/png";

const TITLE = "Models per license (Ünïcödé)";
const spec: ChartSpec = {
  title: TITLE,
  width: 300,
  data: {
    values: [
      { license: "apache-2.0", n: 30 },
      { license: "mit", n: 11 },
      { license: "other", n: 8 },
    ],
  },
  mark: "bar",
  encoding: { y: { field: "license", type: "nominal", sort: "-x" }, x: { field: "n", type: "quantitative" } },
};

test("renderSvg(spec) writes the title and one bar per row", async () => {
  const svg = await renderSvg(spec);
  assert.match(svg, /^<svg /);
  assert.ok(svg.includes(`>${TITLE}</text>`), "title text present");
  assert.equal((svg.match(/role-mark marks/g) ?? []).length > 0, true);
  for (const l of ["apache-2.0", "mit", "other"]) assert.ok(svg.includes(`>${l}</text>`), `axis label ${l}`);
});

test("renderSvg and svgToPng are byte-identical across two runs", async () => {
  const [a, b] = [await renderSvg(spec), await renderSvg(spec)];
  assert.equal(a, b);
  assert.deepEqual(Buffer.from(svgToPng(a)), Buffer.from(svgToPng(b)));
});

test("svgToPng(svg) draws visible text in the title area", async () => {
  const svg = await renderSvg(spec);
  const png = decodePng(svgToPng(svg, { scale: 2 }));
  const width = Number(/width="([\d.]+)"/.exec(svg)![1]);
  assert.equal(png.width, width * 2);
  // The title sits in the top 20 SVG pixels (40 PNG rows at scale 2) above the plot frame.
  let dark = 0;
  for (let y = 0; y < 36; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (png.rgba[i] < 128 && png.rgba[i + 1] < 128 && png.rgba[i + 2] < 128) dark++;
    }
  }
  assert.ok(dark > 200, `expected title pixels in the top rows, found ${dark} dark pixels`);
});

test("addSvgFooter(svg, text) grows the SVG and appends the text", async () => {
  const svg = await renderSvg(spec);
  const height = Number(/height="([\d.]+)"/.exec(svg)![1]);
  const withFooter = addSvgFooter(svg, "Data: demo: SYNTHETIC <x>");
  assert.equal(Number(/height="([\d.]+)"/.exec(withFooter)![1]), height + FOOTER_HEIGHT);
  assert.ok(withFooter.endsWith(">Data: demo: SYNTHETIC &lt;x&gt;</text></svg>"));
  assert.throws(() => addSvgFooter("<svg></svg>", "x"), /charts\/footer/);
});
