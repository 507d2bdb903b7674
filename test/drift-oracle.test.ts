// The drift numbers against the authors' oracle (data/reference/README.md §5, §6) for the real sample and for SmolLM2:
// every leaf under `orderings.final`, `orderings.v1` and `numerical_drifts`, by the oracle's rules (compareStats), and
// the rules themselves on doctored copies of the reference.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadDataset } from "../src/datasets";
import { type DatasetName, loadSettings } from "../src/settings";
import { buildLineageGraph } from "../src/lineage/graph";
import { driftStats } from "../src/drift/driftRun";
import { compareStats } from "../src/reference/compare";
import { referenceResults } from "./helpers/data";

/** Leaves that describe the run in words (graph and notebook names), not results. */
const DESCRIPTION_LEAVES = [
  "numerical_drifts.graph",
  "orderings.final.graph",
  "orderings.final.notebook",
  "orderings.v1.graph",
  "orderings.v1.notebook",
];

function oracleLeaves(oracle: any, sections: string[]): string[] {
  const leaves: string[] = [];
  const walk = (node: any, at: string) => {
    if (node !== null && typeof node === "object" && !Array.isArray(node) && !("value" in node)) {
      for (const [key, child] of Object.entries(node)) walk(child, `${at}.${key}`);
    } else leaves.push(at);
  };
  for (const s of sections)
    walk(
      s.split(".").reduce((n, k) => n[k], oracle),
      s,
    );
  return leaves;
}

const CASES: [DatasetName & ("sample" | "smollm2"), string][] = [
  ["sample", "data/reference/sample.json"],
  ["smollm2", "data/reference/smollm2.json"],
];
const cache = new Map<DatasetName, { oracle: any; stats: Record<string, unknown> }>();

function run(dataset: "sample" | "smollm2") {
  if (!cache.has(dataset)) {
    const settings = loadSettings({ dataset });
    const oracle = referenceResults(dataset);
    const models = loadDataset(settings, { missingCard: "paper" });
    cache.set(dataset, { oracle, stats: driftStats(models, buildLineageGraph(models)) });
  }
  return cache.get(dataset)!;
}

for (const [dataset, file] of CASES) {
  test(`driftStats(${dataset}) equals every orderings and numerical_drifts number of ${file}`, (t) => {
    const { oracle, stats } = run(dataset);
    const results = compareStats(oracle, stats);
    const compared = results.filter((c) => c.status !== "no reference");
    for (const c of compared) {
      const skipped = c.skippedFields.length ? ` (harness fields not compared: ${c.skippedFields.join(", ")})` : "";
      t.diagnostic(`${c.status} ${c.key}${skipped}`);
    }
    t.diagnostic(
      `computed, no reference: ${results
        .filter((c) => c.status === "no reference")
        .map((c) => c.key)
        .join(", ")}`,
    );
    for (const c of compared)
      assert.ok(
        c.status === "equal" || c.status === "equal up to tie order",
        `${c.key}: ${c.status}\n ours ${JSON.stringify(c.ours)}\n ref  ${JSON.stringify(c.reference)}`,
      );
    const comparedKeys = new Set(compared.map((c) => c.key));
    const uncompared = oracleLeaves(oracle, ["numerical_drifts", "orderings.final", "orderings.v1"]).filter(
      (leaf) => !comparedKeys.has(leaf),
    );
    assert.deepEqual(uncompared, DESCRIPTION_LEAVES, "every result leaf of the oracle is compared");
  });
}

test("orderings on the sample: optimal objective, every forced precedence, both metrics inside the oracle's ranges", () => {
  const { oracle, stats } = run("sample");
  for (const r of ["final", "v1"])
    for (const trait of ["licenses", "languages", "library_name", "pipeline_tag"]) {
      const at = `orderings.${r}.traits.${trait}.`;
      const ties = oracle.orderings[r].traits[trait].ilp_ties.value;
      const ordering = stats[at + "ordering_weighted"] as string[];
      const position = new Map(ordering.map((x, i) => [x, i]));
      assert.equal(stats[at + "total_weight"], ties.weighted_optimum, at + "weighted optimum");
      assert.equal(
        stats[at + "compatible_count_unweighted_optimum"],
        ties.unweighted_optimum,
        at + "unweighted optimum",
      );
      for (const [a, b] of ties.forced_precedences)
        assert.ok(position.get(a)! < position.get(b)!, `${at}: ${a} before ${b}`);
      const drift = stats[at + "drift_directions_accounted_for"] as any,
        mutations = stats[at + "mutations_accounted_for"] as any;
      const [lo, hi] = ties.compatible_oriented_edges_range_over_weighted_optimal_orderings;
      const [mlo, mhi] = ties.compatible_raw_transitions_range_over_weighted_optimal_orderings;
      assert.ok(drift.weighted_ordering[0] >= lo && drift.weighted_ordering[0] <= hi, at + "drift directions in range");
      assert.ok(mutations.compatible >= mlo && mutations.compatible <= mhi, at + "mutations in range");
    }
});

test("compareStats flags a violated precedence, a different tie pick and skips the harness's own fields", () => {
  const { oracle, stats } = run("sample");
  const at = "orderings.final.traits.licenses.";
  const status = (changes: Record<string, unknown>) =>
    Object.fromEntries(
      compareStats(oracle, { ...stats, ...changes })
        .filter((c) => c.key in changes)
        .map((c) => [c.key, c.status]),
    );
  const ordering = [...(stats[at + "ordering_weighted"] as string[])];
  const swapped = [...ordering];
  const [i, j] = [swapped.indexOf("llama2"), swapped.indexOf("cc-by-sa-4.0")];
  [swapped[i], swapped[j]] = [swapped[j], swapped[i]];
  assert.equal(status({ [at + "ordering_weighted"]: swapped })[at + "ordering_weighted"], "differs");
  const nodes = (stats[at + "top_graph_nodes"] as [string, number][]).map(([t, c]) => [
    t === "lgpl-3.0" ? "unlicense" : t,
    c,
  ]);
  assert.equal(status({ [at + "top_graph_nodes"]: nodes })[at + "top_graph_nodes"], "differs at a cut-off tie");
  assert.equal(
    status({ [at + "total_weight"]: 1, [at + "top_graph_nodes"]: nodes })[at + "total_weight"],
    "differs at a cut-off tie",
  );
  const ties = compareStats(oracle, { [at + "ilp_ties"]: stats[at + "ilp_ties"] })[0];
  assert.deepEqual(ties.skippedFields.sort(), [
    "another_unweighted_optimal_ordering",
    "another_weighted_optimal_ordering",
    "distinct_weighted_optimal_orderings_seen",
    "forced_precedence_ilps_solved",
    "seconds",
  ]);
  assert.equal(status({ "numerical_drifts.edges": 1549 })["numerical_drifts.edges"], "differs");
});

test("the committed stats files of notebooks 40 and 41 (sample) name every oracle drift number by its key path, all equal", () => {
  const settings = loadSettings({ dataset: "sample" });
  const files = ["40-trait-drift", "41-card-drift"].map((nb) => path.join(settings.figuresDir, "stats", `${nb}.json`));
  for (const f of files) assert.ok(fs.existsSync(f), `${f} is committed (make figures writes it)`);
  const stats: Record<string, unknown> = {};
  for (const f of files) {
    const file = JSON.parse(fs.readFileSync(f, "utf8")) as {
      dataset: string;
      stats: Record<string, { value: unknown }>;
    };
    assert.equal(file.dataset, "sample");
    for (const [key, entry] of Object.entries(file.stats)) stats[key] = entry.value;
  }
  const { oracle } = run("sample");
  const compared = compareStats(oracle, stats).filter((c) => c.status !== "no reference");
  for (const c of compared)
    assert.ok(c.status === "equal" || c.status === "equal up to tie order", `${c.key}: ${c.status}`);
  const keys = new Set(compared.map((c) => c.key));
  assert.deepEqual(
    oracleLeaves(oracle, ["numerical_drifts", "orderings.final", "orderings.v1"]).filter((k) => !keys.has(k)),
    DESCRIPTION_LEAVES,
  );
});
