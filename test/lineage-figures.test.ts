// Specs of the family-trees figures (docs/methods.md §5 Figure 3, §4.4): the tree drawing of a real family with every
// relation type (SmolLM2), its cap on large families, and the growth and structure charts of the real sample,
// checked on titles, scales, colours, order and data rather than on pixels.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { createdAtHistogramSpec, familyGrowthSpec } from "../src/charts/timeCharts";
import { familyTreeSpec, RELATION_COLORS } from "../src/charts/familyTree";
import { logLogSpec, sideBySide } from "../src/charts/distributions";
import { renderSvg } from "../src/charts/render";
import { loadDataset } from "../src/datasets";
import { familyTreeData } from "../src/lineage/familyTreeData";
import { lineageFamilies, largestFamilies, largestFamilyIndices } from "../src/lineage/families";
import { buildLineageGraph, lineageVariant } from "../src/lineage/graph";
import { nodeColumn } from "../src/lineage/nodeColumns";
import pl from "nodejs-polars";
import { createdAtMs, familyGrowth, timeHistogram } from "../src/summary/createdAt";
import { loadSettings } from "../src/settings";
import { SMOLLM2_EDGES } from "./helpers/data";

const smol = loadSettings({ dataset: "smollm2" });
const smolModels = loadDataset(smol);
const smolGraph = buildLineageGraph(smolModels);

/** Relation counts of smollm2/edges.csv, the family's own edge list. */
function edgeFileRelations(): Record<string, number> {
  const counts: Record<string, number> = {};
  const lines = fs.readFileSync(SMOLLM2_EDGES, "utf8").trim().split("\n").slice(1);
  for (const line of lines) {
    const relation = line.slice(line.lastIndexOf(",") + 1);
    counts[relation] = (counts[relation] ?? 0) + 1;
  }
  return counts;
}

test("familyTreeData(SmolLM2) climbs from a leaf to the root and draws every edge with its relation", () => {
  const tree = familyTreeData(smolGraph, "mradermacher/Al-Atlas-LLM-Large-GGUF", {
    downloads: nodeColumn(smolModels, "downloads"),
  });
  assert.equal(tree.root, "HuggingFaceTB/SmolLM2-1.7B");
  assert.equal(tree.treeSize, 1042);
  assert.equal(tree.nodes.length, 1042);
  assert.equal(tree.truncated, false);
  assert.equal(tree.extraEdges.length, 0, "the SmolLM2 family has no second parents");
  const drawn: Record<string, number> = {};
  for (const n of tree.nodes) if (n.relation !== null) drawn[n.relation] = (drawn[n.relation] ?? 0) + 1;
  assert.deepEqual(drawn, edgeFileRelations());
  assert.deepEqual(drawn, { adapter: 522, finetune: 282, quantized: 237 });
  assert.equal(tree.nodes.filter((n) => n.parent === null).length, 1);
});

test("familyTreeSpec() colours edges by relation, sizes nodes by downloads and labels only the root", async () => {
  const tree = familyTreeData(smolGraph, "HuggingFaceTB/SmolLM2-1.7B", {
    downloads: nodeColumn(smolModels, "downloads"),
  });
  const spec = familyTreeSpec(tree) as any;
  assert.equal(spec.title.text, "Family of HuggingFaceTB/SmolLM2-1.7B");
  assert.equal(spec.title.subtitle, "1,042 models");
  assert.deepEqual(RELATION_COLORS, {
    finetune: "#1f77b4",
    merge: "#e377c2",
    quantized: "#2ca02c",
    adapter: "#9467bd",
    none: "#999999",
  });
  const relation = spec.scales.find((s: any) => s.name === "relation");
  assert.deepEqual(relation.domain, ["finetune", "merge", "quantized", "adapter", "none"]);
  assert.deepEqual(relation.range, ["#1f77b4", "#e377c2", "#2ca02c", "#9467bd", "#999999"]);
  assert.equal(spec.scales.find((s: any) => s.name === "size").domain.field, "logDownloads");
  const tidy = spec.data[0].transform.find((t: any) => t.type === "tree");
  assert.equal(tidy.method, "tidy");
  const label = spec.marks.find((m: any) => m.type === "text");
  assert.equal(label.encode.update.text.signal, "datum.depth === 0 ? datum.id : ''");
  // Drawn: the root's label appears once, and every relation of the family has stroked edges.
  const svg = await renderSvg(spec);
  assert.equal(svg.split(">HuggingFaceTB/SmolLM2-1.7B<").length - 1, 1);
  for (const r of ["finetune", "quantized", "adapter"] as const)
    assert.ok(svg.includes(`stroke="${RELATION_COLORS[r]}"`), `${r} edges drawn`);
  assert.ok(!svg.includes(`stroke="${RELATION_COLORS.merge}" stroke-width="0.8"`), "no merge edge in this family");
});

test("a family larger than maxNodes is cut breadth-first from the root and the subtitle says so", () => {
  const tree = familyTreeData(smolGraph, "HuggingFaceTB/SmolLM2-1.7B", { maxNodes: 100 });
  assert.equal(tree.truncated, true);
  assert.equal(tree.nodes.length, 100);
  assert.ok(Math.max(...tree.nodes.map((n) => n.generation)) <= 2, "breadth first: near generations first");
  assert.equal((familyTreeSpec(tree) as any).title.subtitle, "100 of 1,042 models shown (breadth-first from the root)");
});

test("growth and createdAt charts of the real sample: the paper's titles, families largest first, sizes that add up", () => {
  const settings = loadSettings({ dataset: "sample" });
  const models = loadDataset(settings);
  const nomerges = lineageVariant(buildLineageGraph(models), "nomerges");
  const families = lineageFamilies(nomerges);
  const top = largestFamilyIndices(families, 10);
  const rankOf = new Int32Array(families.count).fill(-1);
  top.forEach((f, k) => {
    rankOf[f] = k;
  });
  const names = largestFamilies(nomerges, 10, families).map((f) => f.name);
  const times = createdAtMs(models);
  const growth = familyGrowth(
    times,
    Int32Array.from(families.familyOf, (f) => rankOf[f]),
    names,
    Date.parse("2020-01-01"),
  );
  // Each family's last point is its whole size (every sample model has a createdAt after 2020).
  const sizes = largestFamilies(nomerges, 10, families).map((f) => f.size);
  names.forEach((name, k) => {
    const points = growth.filter((p) => p.family === name);
    assert.equal(points[points.length - 1].size, sizes[k], name);
    for (let i = 1; i < points.length; i++)
      assert.ok(points[i].size >= points[i - 1].size && points[i].day > points[i - 1].day);
  });
  assert.ok(
    sizes.every((s, i) => i === 0 || s <= sizes[i - 1]),
    "largest first",
  );
  const g = familyGrowthSpec(growth, names) as any;
  assert.equal(g.title, "Size of Largest Families over Time");
  assert.deepEqual(g.encoding.color.sort, names);
  assert.equal(g.encoding.x.title, "Date");

  const bins = timeHistogram(times, 100);
  assert.equal(bins.length, 100);
  assert.equal(
    bins.reduce((s, b) => s + b.count, 0),
    models.height,
  );
  const h = createdAtHistogramSpec(bins) as any;
  assert.equal(h.title, "'CreatedAt' Dates");
  assert.equal(h.encoding.y.title, "Number of models");
});

test("structure panels are log-log with their titles in order", () => {
  const spec = sideBySide([
    logLogSpec({ 1: 10, 2: 3, 0: 5 }, { title: "Family size", xTitle: "Models in family", yTitle: "Families" }),
    logLogSpec({ 1: 4 }, { title: "Family depth", xTitle: "Generations below the root", yTitle: "Families" }),
  ]) as any;
  assert.deepEqual(
    spec.hconcat.map((c: any) => c.title),
    ["Family size", "Family depth"],
  );
  assert.equal(spec.hconcat[0].encoding.x.scale.type, "log");
  assert.equal(spec.hconcat[0].encoding.y.scale.type, "log");
  assert.deepEqual(
    spec.hconcat[0].data.values,
    [
      { value: 1, count: 10 },
      { value: 2, count: 3 },
    ],
    "zero values dropped, sorted",
  );
});

test("a tree holds its root's descendants: a merge child is drawn, the merge's other root is not counted", () => {
  const ids = ["A", "B", "a1", "m"];
  const table = pl.DataFrame({
    id: ids,
    createdAt: ids.map((_, i) => new Date(Date.UTC(2024, 0, 1 + i))),
    likes: ids.map(() => 0),
    downloads: ids.map(() => 0),
    parent_model: [[], [], ["A"], ["A", "B"]],
    finetune_parent: [[], [], ["A"], []],
    quantized_parent: ids.map(() => [] as string[]),
    adapter_parent: ids.map(() => [] as string[]),
    merge_parent: [[], [], [], ["A", "B"]],
  });
  const graph = buildLineageGraph(table);
  const tree = familyTreeData(graph, "a1");
  assert.equal(tree.root, "A");
  assert.deepEqual(
    tree.nodes.map((n) => [n.id, n.parent, n.relation]),
    [
      ["A", null, null],
      ["a1", "A", "finetune"],
      ["m", "A", "merge"],
    ],
  );
  assert.equal(tree.treeSize, 3, "B is in the merge-joined component but not below A");
  assert.equal(tree.truncated, false);
  assert.equal(familyTreeData(graph, "B").treeSize, 2, "B and its merge child");
});
