// Bad lineage (docs/methods.md §3.4, report.ts): self-loops, cycles, repeated and multi-column parents, URL ids and
// case-only mismatches are reported and handled, and injected into a copy of the real sample they change no
// oracle number.
import { test } from "node:test";
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadDataset } from "../src/datasets";
import { loadSettings } from "../src/settings";
import { cycleClosingEdges } from "../src/lineage/cycles";
import { lineageGenerations } from "../src/lineage/generations";
import { type LineageGraph, buildLineageGraph, nodeId, parentsOf } from "../src/lineage/graph";
import { normalizeModelId, normalizeModelIdExpr } from "../src/lineage/ids";
import { lineageStats } from "../src/lineage/lineageStats";
import { compareStats } from "../src/reference/compare";
import { describeLineageReport } from "../src/lineage/report";
import { referenceResults } from "./helpers/data";

const settings = loadSettings({ dataset: "sample" });
const sample = loadDataset(settings);
const oracle = referenceResults("sample");
const clean = buildLineageGraph(sample);
const rowOf = new Map((sample.getColumn("id").toArray() as string[]).map((id, row) => [id, row]));

/** A copy of the table with one model's list in one parent column replaced. */
function setParents(table: pl.DataFrame, id: string, column: string, parents: string[]): pl.DataFrame {
  const values = (table.getColumn(column).toArray() as unknown as string[][]).slice();
  values[rowOf.get(id)!] = parents;
  return table.withColumn(pl.Series(column, values, pl.List(pl.Utf8)));
}

/** Child models with exactly one parent, each with that parent: the injection targets. */
function childrenWithParent(g: LineageGraph, k: number): [string, string][] {
  const out: [string, string][] = [];
  for (let v = 0; v < g.nodeCount && out.length < k; v++) {
    const parents = parentsOf(g, v);
    if (parents.length === 1) out.push([nodeId(g, v), nodeId(g, parents[0])]);
  }
  return out;
}

/** Every compared oracle key must still match. */
function assertOracleUnchanged(table: pl.DataFrame, options = {}) {
  const compared = compareStats(oracle, lineageStats(table, options)).filter((c) => c.status !== "no reference");
  assert.ok(compared.length >= 35);
  assert.deepEqual(
    compared.filter((c) => c.status !== "equal").map((c) => c.key),
    [],
  );
}

test("the clean sample has no bad lineage besides its two missing parents", () => {
  const r = clean.report;
  for (const f of [
    r.selfLoops,
    r.repeatedReferences,
    r.multiRelationEdges,
    r.normalizedReferences,
    r.normalizedModelIds,
    r.duplicateModelIds,
    r.caseOnlyMismatches,
    r.cycleEdgesDropped,
  ])
    assert.equal(f.count, 0);
  assert.equal(r.missingParents.pairs, 2);
});

test("a self-loop, a cycle, repeated parents and URL ids injected into the sample are reported and change no oracle number", () => {
  const [[a], [b, bParent], [c, cParent]] = childrenWithParent(clean, 3);
  const root = "meta-llama/Llama-2-7b-chat-hf";
  const generation = lineageGenerations(clean);
  const grandchild = Array.from(generation).findIndex(
    (gen, v) => gen === 2 && nodeId(clean, parentsOf(clean, parentsOf(clean, v)[0])[0]) === root,
  );
  const descendant = nodeId(clean, grandchild);
  let table = setParents(sample, a, "finetune_parent", [
    ...(sample.getColumn("finetune_parent").toArray() as unknown as string[][])[rowOf.get(a)!],
    a,
  ]);
  table = setParents(table, root, "finetune_parent", [descendant]);
  table = setParents(table, root, "parent_model", [descendant]);
  table = setParents(table, b, "finetune_parent", [bParent, bParent]);
  table = setParents(table, b, "parent_model", [bParent, bParent]);
  table = setParents(table, c, "finetune_parent", [` https://huggingface.co/${cParent}/ `]);
  const g = buildLineageGraph(table);
  const r = g.report;
  assert.deepEqual(r.selfLoops, { count: 1, examples: [a] });
  assert.equal(r.cycleEdgesDropped.count, 1);
  const cycle = r.cycleEdgesDropped.examples[0];
  assert.equal(cycle[0], root, "the oldest model of the cycle is entered first, so the edge into it is dropped");
  assert.equal(cycle[cycle.length - 1], descendant);
  assert.equal(r.repeatedReferences.count, 2);
  assert.deepEqual(r.normalizedReferences.examples, [[` https://huggingface.co/${cParent}/ `, cParent]]);
  assert.match(describeLineageReport(r).join("\n"), /\bcycle\b/);
  assertOracleUnchanged(table);
});

test("a parent written in other case is missing by default (paper), reported, and resolved with ignoreCase", () => {
  const [[child, parent]] = childrenWithParent(clean, 1);
  let table = setParents(sample, child, "finetune_parent", [parent.toUpperCase()]);
  table = setParents(table, child, "parent_model", [parent.toUpperCase()]);
  const exact = buildLineageGraph(table);
  assert.equal(exact.edgeCount, clean.edgeCount - 1);
  assert.equal(exact.report.missingParents.pairs, 3);
  assert.deepEqual(exact.report.caseOnlyMismatches, {
    count: 1,
    resolved: false,
    examples: [[parent.toUpperCase(), parent]],
  });
  assert.equal(buildLineageGraph(table, { ignoreCase: true }).report.missingParents.pairs, 2);
  assertOracleUnchanged(table, { ignoreCase: true });
});

test("with normalizeIds: false a URL parent is missing, as in the authors' exact matching", () => {
  const [[child, parent]] = childrenWithParent(clean, 1);
  const table = setParents(sample, child, "finetune_parent", [`https://huggingface.co/${parent}`]);
  const stats = lineageStats(table, { normalizeIds: false });
  assert.deepEqual(stats["graph.full.edges_by_edge_type"], { finetune: 1549, None: 1 });
  assert.equal(stats["graph.dropped_missing_parent.pairs"], 3);
});

test("cycleClosingEdges() drops the edge into the oldest model of a cycle", () => {
  const table = pl.DataFrame({
    id: ["x/new", "x/old", "x/mid"],
    createdAt: [new Date("2025-01-01"), new Date("2023-01-01"), new Date("2024-01-01")],
    finetune_parent: [["x/mid"], ["x/new"], ["x/old"]],
  });
  const g = buildLineageGraph(table);
  assert.equal(g.edgeCount, 2);
  assert.deepEqual(g.report.cycleEdgesDropped.examples, [["x/old", "x/mid", "x/new"]]);
  assert.deepEqual(parentsOf(g, 1), [], "x/old is a root again");
  const none = cycleClosingEdges(3, g.childStart, g.edgeChild, null);
  assert.equal(none.droppedEdges.length, 0);
});

test("lineageGenerations() refuses a graph with a cycle", () => {
  const g = buildLineageGraph(pl.DataFrame({ id: ["p/a", "p/b"], finetune_parent: [[], ["p/a"]] }));
  const cyclic: LineageGraph = {
    ...g,
    edgeCount: 2,
    edgeParent: Int32Array.of(0, 1),
    edgeChild: Int32Array.of(1, 0),
    childStart: Int32Array.of(0, 1, 2),
    parentStart: Int32Array.of(0, 1, 2),
    parentEdge: Int32Array.of(1, 0),
  };
  assert.throws(() => lineageGenerations(cyclic), /lineage\/generations: \bcycle\b at p\/a/);
});

test("duplicate model ids resolve a parent to the first row and are reported", () => {
  const g = buildLineageGraph(
    pl.DataFrame({ id: ["d/base", "d/base", "d/child"], finetune_parent: [[], [], ["d/base"]] }),
  );
  assert.deepEqual(parentsOf(g, 2), [0]);
  assert.deepEqual(g.report.duplicateModelIds, { count: 1, examples: ["d/base"] });
});

test("normalizeModelId() and normalizeModelIdExpr() agree", () => {
  const raw = [
    " https://huggingface.co/org/x/ ",
    "HTTPS://HF.CO/org/y",
    "huggingface.co/org/z",
    "www.huggingface.co/o/w",
    "org/plain",
    "\torg/tab\n",
  ];
  const expected = ["org/x", "org/y", "org/z", "o/w", "org/plain", "org/tab"];
  assert.deepEqual(raw.map(normalizeModelId), expected);
  assert.deepEqual(
    pl
      .DataFrame({ raw })
      .select(normalizeModelIdExpr(pl.col("raw")).alias("id"))
      .getColumn("id")
      .toArray(),
    expected,
  );
});
