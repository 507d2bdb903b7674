// Lineage graph logic on tiny literal families (docs/methods.md §3): precedence between relations, merges with two
// parents, untyped edges, missing parents, variants, families, generations, pattern totals and deltas.
import { test } from "node:test";
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { buildLineageGraph, childrenOf, lineageVariant, nodeId, nodeOf, parentsOf } from "../src/lineage/graph";
import { loadDataset } from "../src/datasets";
import { loadSettings } from "../src/settings";
import { edgeDeltas, edgeTable } from "../src/lineage/deltas";
import { familySizeHistogram, largestFamilies, largestFamilyIndices, lineageFamilies } from "../src/lineage/families";
import { familyTable, lineageDistributions } from "../src/lineage/familyTable";
import { lineageGenerations } from "../src/lineage/generations";
import { furtherChildren, subgraphPatternTotals } from "../src/lineage/patterns";
import { lineageStats } from "../src/lineage/lineageStats";
import { syntheticLineageTable } from "../src/synthetic/lineageTable";
import {
  EDGE_TYPE_CODE,
  GENERIC_PARENT_FLAG,
  RELATION_FLAG,
  RELATION_PRECEDENCE,
  edgeTypesKey,
  effectiveEdgeTypeCode,
} from "../src/lineage/relations";

const list = (...ids: string[]) => ids;

/** Five models: a base, its finetune, a merge of both, a quantized finetune of the chat model and an adapter. */
function eveAndCain(): pl.DataFrame {
  return pl.DataFrame({
    id: ["eve/base", "eve/chat", "cain/merge", "cain/q4", "abel/lora"],
    createdAt: [1, 2, 3, 4, 5].map((d) => new Date(Date.UTC(2024, 0, d))),
    likes: [10, 0, 5, 1, 2],
    downloads: [100, 50, 0, 25, 75],
    parent_model: [list(), list("eve/base"), list("eve/base", "eve/chat"), list("eve/chat"), list("eve/base")],
    finetune_parent: [list(), list("eve/base"), list(), list("eve/chat"), list()],
    quantized_parent: [list(), list(), list(), list("eve/chat"), list()],
    adapter_parent: [list(), list(), list(), list(), list("eve/chat", "ghost/model")],
    merge_parent: [list(), list(), list("eve/base", "eve/chat"), list(), list()],
  });
}

const edgesOf = (g: ReturnType<typeof buildLineageGraph>) =>
  Array.from(g.edgeParent, (p, e) => `${nodeId(g, p)}>${nodeId(g, g.edgeChild[e])}`);

test("RELATION_PRECEDENCE is merge > adapter > quantized > finetune, the authors' last-wins order", () => {
  assert.deepEqual(RELATION_PRECEDENCE, ["merge", "adapter", "quantized", "finetune"]);
  const F = RELATION_FLAG;
  assert.equal(effectiveEdgeTypeCode(F.finetune | F.merge), EDGE_TYPE_CODE.merge);
  assert.equal(effectiveEdgeTypeCode(F.finetune | F.quantized), EDGE_TYPE_CODE.quantized);
  assert.equal(effectiveEdgeTypeCode(F.quantized | F.adapter), EDGE_TYPE_CODE.adapter);
  assert.equal(effectiveEdgeTypeCode(F.adapter | F.merge | GENERIC_PARENT_FLAG), EDGE_TYPE_CODE.merge);
  assert.equal(effectiveEdgeTypeCode(GENERIC_PARENT_FLAG), EDGE_TYPE_CODE.none);
  assert.equal(edgeTypesKey(F.merge | F.finetune | GENERIC_PARENT_FLAG), "finetune+merge");
  assert.equal(edgeTypesKey(GENERIC_PARENT_FLAG), "");
});

test("buildLineageGraph(table) makes one edge per (parent, child), in (parent row, child row) order", () => {
  const g = buildLineageGraph(eveAndCain());
  assert.deepEqual(edgesOf(g), [
    "eve/base>eve/chat",
    "eve/base>cain/merge",
    "eve/base>abel/lora",
    "eve/chat>cain/merge",
    "eve/chat>cain/q4",
    "eve/chat>abel/lora",
  ]);
  const types = edgeTable(g).select("edge_type", "edge_types").toRecords();
  assert.deepEqual(
    types.map((r) => [r.edge_type, r.edge_types]),
    [
      ["finetune", "finetune"],
      ["merge", "merge"],
      [null, ""],
      ["merge", "merge"],
      ["quantized", "finetune+quantized"],
      ["adapter", "adapter"],
    ],
  );
  assert.deepEqual(
    parentsOf(g, 2).map((v) => nodeId(g, v)),
    ["eve/base", "eve/chat"],
  );
  assert.deepEqual(
    childrenOf(g, 1).map((v) => nodeId(g, v)),
    ["cain/merge", "cain/q4", "abel/lora"],
  );
  assert.deepEqual(g.report.missingParents, {
    pairs: 1,
    childrenAffected: 1,
    distinctMissingParents: 1,
    topMissingParents: [["ghost/model", 1]],
  });
  assert.equal(g.report.multiRelationEdges.count, 1);
  assert.deepEqual(g.report.multiRelationEdges.examples, [["eve/chat", "cain/q4", "finetune+quantized"]]);
});

test("lineageVariant() keeps every node; finetune drops untyped edges, nomerges keeps them", () => {
  const full = buildLineageGraph(eveAndCain());
  const count = (v: Parameters<typeof lineageVariant>[1]) => lineageVariant(full, v).edgeCount;
  assert.equal(count("full"), 6);
  assert.equal(count("finetune"), 1);
  assert.equal(count("nomerges"), 4);
  assert.equal(count("nomerges_minus_quantized"), 3);
  assert.equal(lineageVariant(full, "finetune").nodeCount, 5);
  const stats = lineageStats(full);
  assert.deepEqual(stats["graph.full.edges_by_edge_type"], {
    None: 1,
    finetune: 1,
    quantized: 1,
    adapter: 1,
    merge: 2,
  });
  assert.deepEqual(stats["graph.full.edges_by_edge_types_list"], {
    "": 1,
    finetune: 1,
    "finetune+quantized": 1,
    adapter: 1,
    merge: 2,
  });
  assert.deepEqual(stats["graph.finetune.wcc_size_histogram"], { "1": 3, "2": 1 });
  assert.throws(() => lineageVariant(lineageVariant(full, "finetune"), "nomerges"), /lineage\/graph: /);
});

test("lineageGenerations() of a merge is the longest path from a root by default, the shortest on request", () => {
  const full = buildLineageGraph(eveAndCain());
  assert.deepEqual(Array.from(lineageGenerations(full)), [0, 1, 2, 2, 2]);
  assert.deepEqual(Array.from(lineageGenerations(full, "shortest")), [0, 1, 1, 2, 1]);
});

test("largestFamilies() names a family by following the first parent up, and lists its true roots", () => {
  const table = pl.DataFrame({
    id: ["a/root", "b/root", "c/merge", "d/child", "e/alone"],
    merge_parent: [list(), list(), list("b/root", "a/root"), list(), list()],
    finetune_parent: [list(), list(), list(), list("c/merge"), list()],
  });
  const g = buildLineageGraph(table);
  assert.deepEqual(largestFamilies(g, 10), [
    { name: "a/root", size: 4, roots: ["a/root", "b/root"] },
    { name: "e/alone", size: 1, roots: ["e/alone"] },
  ]);
  assert.deepEqual(familySizeHistogram(lineageFamilies(g)), { "1": 1, "4": 1 });
  const rows = familyTable(g).toRecords();
  assert.equal(rows[0].roots, 2);
  assert.equal(rows[0].depth, 2);
  assert.equal(rows[0].merge, 2);
  assert.deepEqual(lineageDistributions(g).childrenPerParent, { "1": 3 });
});

test("furtherChildren() counts edges of each type whose child has children of its own", () => {
  const further = furtherChildren(lineageVariant(buildLineageGraph(eveAndCain()), "nomerges"));
  assert.deepEqual(further.finetune, { edges: 1, edgesToParents: 1 });
  assert.deepEqual(further.adapter, { edges: 1, edgesToParents: 0 });
  assert.deepEqual(further.none, { edges: 1, edgesToParents: 0 });
});

test("subgraphPatternTotals() equals brute-force enumeration of every pattern on a random forest", () => {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const n = 60;
  const ids = Array.from({ length: n }, (_, i) => `m/${String(i).padStart(2, "0")}`);
  const finetune = ids.map((_, i) => (i > 0 && next() < 0.85 ? [ids[Math.floor(next() * next() * i)]] : []));
  const g = buildLineageGraph(pl.DataFrame({ id: ids, finetune_parent: finetune }));
  const kids = (u: number) => childrenOf(g, u);
  const brute = { trio_1: 0, trio_2: 0, quad_0: 0, quad_1: 0, quad_2: 0, quad_3: 0 };
  for (let u = 0; u < n; u++) {
    const ku = kids(u);
    for (let a = 0; a < ku.length; a++)
      for (let b = a + 1; b < ku.length; b++) {
        brute.trio_1++;
        for (let c = b + 1; c < ku.length; c++) brute.quad_0++;
      }
    for (const v of ku) {
      const kv = kids(v);
      brute.trio_2 += kv.length;
      for (let a = 0; a < kv.length; a++) for (let b = a + 1; b < kv.length; b++) brute.quad_1++;
      for (const x of ku) if (x !== v) brute.quad_2 += kv.length;
      if (parentsOf(g, u).length > 0) brute.quad_3 += kv.length;
    }
  }
  const totals = subgraphPatternTotals(g);
  assert.ok(brute.quad_3 > 0 && brute.quad_2 > 0);
  assert.deepEqual(
    { ...totals },
    { ...brute, duo_edges: g.edgeCount, rando_nodes: n, rando_unordered_pairs: (n * (n - 1)) / 2 },
  );
});

test("edgeDeltas() gives NaN relative change when the parent value is 0, and whole days rounded down", () => {
  const table = pl.DataFrame({
    id: ["p/zero", "c/one", "c/two"],
    createdAt: [new Date("2024-01-03T00:00:00Z"), new Date("2024-01-01T12:00:00Z"), new Date("2024-01-05T06:00:00Z")],
    likes: [0, 3, 0],
    downloads: [4, 6, 1],
    finetune_parent: [list(), list("p/zero"), list("p/zero")],
  });
  const g = buildLineageGraph(table);
  const d = edgeDeltas(g, table);
  assert.deepEqual(Array.from(d.changeInLikes), [3, 0]);
  assert.ok(Number.isNaN(d.percentageChangeInLikes[0]) && Number.isNaN(d.percentageChangeInLikes[1]));
  assert.deepEqual(Array.from(d.percentageChangeInDownloads), [0.5, -0.75]);
  assert.deepEqual(Array.from(d.changeInCreatedAtDays), [-2, 2]);
  assert.throws(() => edgeDeltas(g, table.head(2)), /lineage\/deltas: /);
});

test("largestFamilyIndices() gives the same top list by one pass as by a full sort, ties by first node", () => {
  const size = Int32Array.from({ length: 500 }, (_, f) => (f * 7919) % 13);
  const families = { count: size.length, familyOf: new Int32Array(0), size, firstNode: new Int32Array(0) };
  const sorted = Array.from({ length: size.length }, (_, f) => f).sort((a, b) => size[b] - size[a] || a - b);
  assert.deepEqual(largestFamilyIndices(families, 10), sorted.slice(0, 10));
  assert.deepEqual(largestFamilyIndices(families, 300), sorted.slice(0, 300));
});

test("syntheticLineageTable() has about the paper's edges per model, with merges and missing parents", () => {
  const table = syntheticLineageTable({ n: 20_000, seed: 3 });
  const full = buildLineageGraph(table);
  assert.equal(full.nodeCount, 20_000);
  const expected = (20_000 * 573_653) / 1_860_411;
  assert.ok(Math.abs(full.edgeCount - expected) < 0.1 * expected, `edges ${full.edgeCount}`);
  const stats = lineageStats(table);
  assert.ok((stats["graph.dropped_missing_parent.pairs"] as number) > 0);
  assert.ok((stats["graph.full.edges_by_edge_type"] as Record<string, number>).merge > 0);
});

test("lineageStats adds up edges whose relation flags share a label (typed tag with and without the generic tag)", () => {
  const models = pl.DataFrame({
    id: ["o/base", "o/a", "o/b", "o/c"],
    createdAt: [1, 2, 3, 4].map((d) => new Date(Date.UTC(2024, 0, d))),
    likes: [0, 0, 0, 0],
    downloads: [0, 0, 0, 0],
    parent_model: [list(), list("o/base"), list(), list("o/base")],
    finetune_parent: [list(), list(), list(), list()],
    quantized_parent: [list(), list(), list(), list()],
    adapter_parent: [list(), list("o/base"), list("o/base"), list("o/base")],
    merge_parent: [list(), list(), list(), list()],
  });
  const stats = lineageStats(models);
  assert.deepEqual(stats["graph.full.edges_by_edge_types_list"], { adapter: 3 });
  assert.deepEqual(stats["graph.full.edges_by_edge_type"], { adapter: 3 });
});

test("nodeOf() finds every id's first row, on tiny tables and on radar, and names an id that is missing", () => {
  const repeated = pl.DataFrame({
    id: ["a/x", "b/y", "a/x", "c/z"],
    createdAt: [1, 2, 3, 4].map((d) => new Date(Date.UTC(2024, 0, d))),
    parent_model: [list(), list("a/x"), list(), list("b/y")],
    finetune_parent: [list(), list(), list(), list()],
    quantized_parent: [list(), list(), list(), list()],
    adapter_parent: [list(), list(), list(), list()],
    merge_parent: [list(), list(), list(), list()],
  });
  const tiny = buildLineageGraph(repeated);
  assert.deepEqual(
    ["a/x", "b/y", "c/z"].map((id) => nodeOf(tiny, id)),
    [0, 1, 3],
  );
  assert.throws(() => nodeOf(tiny, "d/w"), /model "d\/w" is not in the snapshot/);
  // every id of a real listing of 15,904 models, against a scan for its first row
  const radar = buildLineageGraph(loadDataset(loadSettings({ dataset: "radar" })));
  const ids = radar.ids.toArray() as string[];
  const first = new Map<string, number>();
  ids.forEach((id, v) => {
    if (!first.has(id)) first.set(id, v);
  });
  for (let v = 0; v < ids.length; v += 97) assert.equal(nodeOf(radar, ids[v]), first.get(ids[v]), ids[v]);
});
