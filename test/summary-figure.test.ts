import { test } from "node:test";
import assert from "node:assert/strict";
import { loadDataset } from "../src/datasets";
import { loadSettings, type DatasetName } from "../src/settings";
import { readArxivCategoryCache } from "../src/summary/arxiv";
import { summaryFigureData, SUMMARY_PANELS, pythonPercent, pythonRound2 } from "../src/summary/summaryFigure";
import { summaryStats } from "../src/summary/summaryStats";
import { summaryFigureSpec } from "../src/charts/summaryBars";
import { compareStats } from "../src/reference/compare";
import { readReference, referenceValue } from "../src/reference/results";
import { ARXIV_CACHE } from "./helpers/data";

/** Computes the summary stats of a dataset and compares them with its reference file. */
function compareSummary(dataset: DatasetName) {
  const settings = loadSettings({ dataset });
  const models = loadDataset(settings);
  const cache = readArxivCategoryCache(ARXIV_CACHE);
  const stats = summaryStats(models, summaryFigureData(models, { arxivCache: cache }), cache);
  return { settings, results: compareStats(readReference(settings), stats) };
}

for (const dataset of ["sample", "smollm2"] as const) {
  test(`summaryStats(${dataset}) equals the authors' summary figure numbers key by key`, () => {
    const { settings, results } = compareSummary(dataset);
    const compared = results.filter((r) => r.status !== "no reference");
    assert.ok(compared.length >= 14, `compared ${compared.length} keys`);
    for (const r of compared) {
      const panel = r.key.replace("summary_figure.", "").replace(/_top$/, "");
      const cutoffTied = referenceValue(settings, `summary_figure.ties.${panel}`) as
        | { cutoff_tied?: boolean }
        | undefined;
      const accepted =
        r.status === "equal" ||
        r.status === "equal up to tie order" ||
        (r.status === "differs at a cut-off tie" && cutoffTied?.cutoff_tied === true);
      assert.ok(
        accepted,
        `${r.key}: ${r.status}\n reference ${JSON.stringify(r.reference)}\n ours      ${JSON.stringify(r.ours)}`,
      );
    }
    console.log(
      `${dataset}: ${compared.length} keys compared: ${compared.map((r) => `${r.key.replace("summary_figure.", "")} (${r.status})`).join(", ")}`,
    );
  });
}

test("pythonRound2() and pythonPercent() print percentages as the authors' labels do", () => {
  assert.equal(pythonPercent(11, 1572), "0.7");
  assert.equal(pythonPercent(248, 1572), "15.78");
  assert.equal(pythonPercent(298442, 1860411), "16.04");
  assert.equal(pythonRound2(0.125), 0.12);
  assert.equal(pythonRound2(0.375), 0.38);
  assert.equal(pythonRound2(2.675), 2.67);
});

test("summaryFigureSpec() lays out the eight panels in the paper's order with two-line labels", () => {
  const settings = loadSettings({ dataset: "sample" });
  const panels = summaryFigureData(loadDataset(settings));
  const spec = summaryFigureSpec(panels) as any;
  assert.equal(spec.columns, 4);
  assert.deepEqual(
    spec.concat.map((p: any) => p.title),
    [
      "License",
      "Task",
      "Language compatibility",
      "HF Library",
      "Parent models (by n_succ)",
      "Datasets",
      "ArXiv categories of linked papers",
      "Downloaded models",
    ],
  );
  assert.deepEqual(
    panels.map((p) => p.key),
    [...SUMMARY_PANELS],
  );
  const license = spec.concat[0];
  assert.deepEqual(license.encoding.y.sort.slice(0, 2), ["apache-2.0\n (15.78%)", "creativeml-openrail-m\n (9.92%)"]);
  assert.equal(license.encoding.x.title, "models");
  assert.equal(spec.concat[7].encoding.x.title, "downloads");
});
