import { test } from "node:test";
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { topCounts, valueCounts } from "../src/summary/counts";
import { barLabel, topBarsSpec } from "../src/charts/bars";
import { loadDataset } from "../src/datasets";
import { referenceValue } from "../src/reference/results";
import { loadSettings } from "../src/settings";

test("valueCounts() counts list and scalar columns, most frequent first, ties in order of first appearance", () => {
  const df = pl.DataFrame({
    licenses: [["mit"], ["apache-2.0", "mit"], [], ["apache-2.0"], ["zz"], ["aa"]],
    task: ["a", null, "b", "a", "b", "c"],
  });
  assert.deepEqual(topCounts(df, "licenses", 3), [
    { category: "mit", count: 2 },
    { category: "apache-2.0", count: 2 },
    { category: "zz", count: 1 },
  ]);
  assert.deepEqual(valueCounts(df, "task").getColumn("value").toArray(), ["a", "b", "c"]);
});

test("topCounts(sample, licenses) equals the authors' summary-figure license top 10 on the real sample", () => {
  const settings = loadSettings({ dataset: "sample" });
  const models = loadDataset(settings);
  const expected = referenceValue(settings, "summary_figure.license_top") as [string, number][];
  assert.equal(expected.length, 10);
  assert.deepEqual(
    topCounts(models, "licenses", 10).map((r) => [r.category, r.count]),
    expected,
  );
});

test("barLabel() shows the count and, with a denominator, the percentage", () => {
  assert.equal(barLabel(298442, 1860411), "298,442 (16.04%)");
  assert.equal(barLabel(12), "12");
});

test("topBarsSpec() keeps the row order on the y axis", () => {
  const spec = topBarsSpec(
    [
      { category: "b", count: 2 },
      { category: "a", count: 1 },
    ],
    { title: "T" },
  ) as any;
  assert.deepEqual(spec.encoding.y.sort, ["b", "a"]);
  assert.equal(spec.data.values.length, 2);
});
