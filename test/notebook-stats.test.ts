import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { compareStats, withinTolerance } from "../src/notebook/compareStats";
import { NotebookRun, type StatsFile } from "../src/notebook/run";
import { loadSettings } from "../src/settings";

const file = (stats: StatsFile["stats"], dataset = "sample"): StatsFile => ({ notebook: "nb", dataset, stats });

test("compareStats() passes equal stats and sampled values within their tolerance", () => {
  const before = file({ models: { value: 1572 }, mean: { value: 0.61, tolerance: 0.02 } });
  const after = file({ models: { value: 1572 }, mean: { value: 0.625 } });
  assert.deepEqual(compareStats("nb.json", before, after), []);
});

test("compareStats() lists counts that differ, values beyond tolerance, missing keys and a dataset change", () => {
  const before = file({ models: { value: 1572 }, mean: { value: 0.61, tolerance: 0.01 }, gone: { value: [1, 2] } });
  const after = file({ models: { value: 1571 }, mean: { value: 0.63 }, added: { value: "x" } }, "demo");
  const rows = compareStats("nb.json", before, after);
  assert.deepEqual(
    rows.map((r) => [r.key, r.committed, r.fresh, r.tolerance]),
    [
      ["(dataset)", "sample", "demo", undefined],
      ["added", "missing", '"x"', undefined],
      ["gone", "[1,2]", "missing", undefined],
      ["mean", "0.61", "0.63", "0.01"],
      ["models", "1572", "1571", undefined],
    ],
  );
});

test("withinTolerance() compares non-numbers exactly", () => {
  assert.equal(withinTolerance(["a", 1], ["a", 1], 0.5), true);
  assert.equal(withinTolerance("1", 1, 5), false);
});

test("NotebookRun.stat() writes sorted, byte-stable stats", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-stats-"));
  const write = () => {
    const run = new NotebookRun("nb", loadSettings({ figuresDir: dir, dataset: "sample" }));
    run.stat("zeta", 2);
    run.stat("alpha", 0.5, { tolerance: 0.1 });
    return fs.readFileSync(run.statsPath, "utf8");
  };
  const first = write();
  assert.equal(write(), first);
  assert.deepEqual(JSON.parse(first), {
    notebook: "nb",
    dataset: "sample",
    stats: { alpha: { value: 0.5, tolerance: 0.1 }, zeta: { value: 2 } },
  });
});
