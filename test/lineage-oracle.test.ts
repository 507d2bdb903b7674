// The lineage numbers against the authors' oracle, exactly (data/reference/README.md §1: counts are exact): every leaf
// under `graph.*`, `families.*` and `subgraph_pattern_totals.*` except printed text, for the real sample and for
// SmolLM2.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import pl from "nodejs-polars";
import { loadDataset } from "../src/datasets";
import { type DatasetName, loadSettings } from "../src/settings";
import { buildLineageGraph } from "../src/lineage/graph";
import { edgeListAgreement, lineageStats } from "../src/lineage/lineageStats";
import { compareStats } from "../src/reference/compare";
import { referenceResults } from "./helpers/data";

/** Oracle sections owned by the lineage code. */
const SECTIONS = ["graph", "families", "subgraph_pattern_totals"];

/**
 * Leaves that hold notebook text, not numbers: not compared (data/reference/README.md §11: comparison tools ignore
 * text).
 */
const TEXT_LEAVES = ["graph.printed", "families.graph", "families.printed_cell4"];

/** Dotted paths of every leaf ({value, how} node or plain value) under the lineage sections of an oracle file. */
function oracleLeaves(oracle: any): string[] {
  const leaves: string[] = [];
  const walk = (node: any, at: string) => {
    if (node !== null && typeof node === "object" && !Array.isArray(node) && !("value" in node)) {
      for (const [key, child] of Object.entries(node)) walk(child, `${at}.${key}`);
    } else leaves.push(at);
  };
  for (const section of SECTIONS) walk(oracle[section], section);
  return leaves;
}

const CASES: [DatasetName & ("sample" | "smollm2"), string][] = [
  ["sample", "data/reference/sample.json"],
  ["smollm2", "data/reference/smollm2.json"],
];

for (const [dataset, file] of CASES) {
  test(`lineageStats(${dataset}) equals every graph, families and subgraph_pattern_totals number of ${file}`, (t) => {
    const settings = loadSettings({ dataset });
    const oracle = referenceResults(dataset);
    const full = buildLineageGraph(loadDataset(settings));
    const stats = lineageStats(full);
    const edgesCsv = path.join(settings.hfData!, "edges.csv");
    if (fs.existsSync(edgesCsv)) Object.assign(stats, edgeListAgreement(full, pl.readCSV(edgesCsv)));

    const results = compareStats(oracle, stats);
    const compared = results.filter((c) => c.status !== "no reference");
    const notInOracle = results.filter((c) => c.status === "no reference").map((c) => c.key);
    for (const c of compared) {
      const skipped = c.skippedFields.length ? ` (text field not compared: ${c.skippedFields.join(", ")})` : "";
      t.diagnostic(`${c.status} ${c.key} = ${JSON.stringify(c.ours)}${skipped}`);
    }
    if (notInOracle.length) t.diagnostic(`computed, no reference in ${file}: ${notInOracle.join(", ")}`);
    for (const c of compared) assert.deepEqual(c.ours, c.reference, `${c.key}: ${c.status}`);

    const comparedKeys = new Set(compared.map((c) => c.key));
    const uncompared = oracleLeaves(oracle).filter((leaf) => !comparedKeys.has(leaf));
    assert.deepEqual(uncompared, TEXT_LEAVES, "every numeric lineage leaf of the oracle is compared");
  });
}
