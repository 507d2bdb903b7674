// The committed figures/stats files of the default dataset, compared key by key with the authors'
// reference results on the same data: the numbers readers see next to each figure are the oracle's.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadSettings } from "../src/settings";
import { compareStats } from "../src/reference/compare";
import { readReference } from "../src/reference/results";
import type { StatsFile } from "../src/notebook/run";

const settings = loadSettings({ dataset: "sample" });

/** The values of a committed stats file by key. */
function committedStats(notebook: string): Record<string, unknown> {
  const file = path.join(settings.figuresDir, "stats", `${notebook}.json`);
  assert.ok(fs.existsSync(file), `${file} is committed (make figures writes it)`);
  const stats = JSON.parse(fs.readFileSync(file, "utf8")) as StatsFile;
  assert.equal(stats.dataset, "sample");
  return Object.fromEntries(Object.entries(stats.stats).map(([k, e]) => [k, e.value]));
}

for (const [notebook, minimum] of [
  ["00-quickstart", 3],
  ["01-data", 6],
  ["20-summary", 16],
  ["21-families", 35],
] as const) {
  test(`figures/stats/${notebook}.json equals the reference results at every key they share`, () => {
    const compared = compareStats(readReference(settings), committedStats(notebook)).filter(
      (c) => c.status !== "no reference",
    );
    assert.ok(compared.length >= minimum, `${compared.length} keys compared`);
    for (const c of compared) {
      assert.ok(c.status === "equal" || c.status === "equal up to tie order", `${c.key}: ${c.status}`);
    }
  });
}
