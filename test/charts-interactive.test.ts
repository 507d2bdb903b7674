// The interactive view of a chart: tooltips on every mark, zoom on two quantitative axes, an HTML view that loads the
// checkout's own bundles, and a display bundle that still carries the static SVG. Saved files are never touched.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { topBarsSpec } from "../src/charts/bars";
import { logLogSpec } from "../src/charts/distributions";
import { familyTreeSpec } from "../src/charts/familyTree";
import { chartHtml, chartMimeType, interactiveSpec } from "../src/charts/interactive";
import { chartBundle } from "../src/notebook/display";
import { repoRoot } from "../src/settings";

const bars = topBarsSpec(
  [
    { category: "apache-2.0", count: 248 },
    { category: "mit", count: 133 },
  ],
  { title: "Licenses", denominator: 1572 },
);

test("interactiveSpec adds a tooltip to every Vega-Lite mark and zoom on log-log axes, leaving the spec itself alone", () => {
  const before = JSON.stringify(bars);
  const lite = interactiveSpec(bars) as any;
  for (const layer of lite.layer) {
    assert.deepEqual(
      layer.encoding.tooltip.map((t: any) => t.field),
      ["category", "count", "label"],
    );
    assert.deepEqual(
      layer.encoding.tooltip.map((t: any) => t.type),
      ["nominal", "quantitative", "nominal"],
    );
  }
  assert.equal(JSON.stringify(bars), before, "the saved spec is not changed");
  const loglog = interactiveSpec(
    logLogSpec({ "1": 10, "2": 4, "10": 1 }, { title: "t", xTitle: "x", yTitle: "y" }),
  ) as any;
  const views = [loglog, ...(loglog.layer ?? [])];
  assert.ok(
    views.some((v: any) => v.params?.[0]?.bind === "scales"),
    "zoom bound to the scales",
  );
  assert.equal((interactiveSpec(bars) as any).params, undefined, "no zoom on a bar chart");
});

test("interactiveSpec puts the datum in a tooltip on the data-driven marks of a Vega spec", () => {
  const tree = familyTreeSpec({
    root: "o/r",
    treeSize: 2,
    truncated: false,
    extraEdges: [],
    nodes: [
      { id: "o/r", parent: null, relation: null, downloads: 5, generation: 0 },
      { id: "o/a", parent: "o/r", relation: "finetune", downloads: 1, generation: 1 },
    ],
  }) as any;
  const marks: any[] = [];
  const walk = (n: any) => (n.marks ?? []).forEach((m: any) => (m.type === "group" ? walk(m) : marks.push(m)));
  walk(interactiveSpec(tree));
  const driven = marks.filter((m) => m.from?.data);
  assert.ok(driven.length >= 2);
  for (const m of driven) assert.ok(m.encode.update.tooltip, `${m.type} mark has a tooltip`);
  assert.equal(chartMimeType(tree), "application/vnd.vega.v5+json");
  assert.equal(chartMimeType(bars), "application/vnd.vegalite.v5+json");
});

test("the display bundle carries the static SVG, the interactive HTML and the MIME spec; the bundles exist offline", () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>static</text></svg>';
  const bundle = chartBundle(svg, bars, "kit-00-quickstart-licenses");
  assert.equal(bundle["image/svg+xml"], svg);
  assert.deepEqual(Object.keys(bundle).sort(), ["application/vnd.vegalite.v5+json", "image/svg+xml", "text/html"]);
  const html = chartHtml(svg, bars, "kit-00-quickstart-licenses");
  assert.ok(
    html.startsWith(`<div id="kit-00-quickstart-licenses" class="kit-chart">${svg}</div>`),
    "the static SVG is the fallback",
  );
  assert.doesNotMatch(
    html.replace(/"\$schema":"[^"]*"|xmlns(:\w+)?="[^"]*"/g, ""),
    /https?:\/\//,
    "no network address (a $schema or an xmlns is a name, not a fetch)",
  );
  for (const m of html.matchAll(/"(node_modules\/[^"]+)"/g)) {
    assert.ok(fs.existsSync(path.join(repoRoot(), `${m[1]}.js`)), `${m[1]}.js is installed`);
  }
});
