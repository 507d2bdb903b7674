// The family-resemblance figure and the family similarity matrix (docs/methods.md §5 F-sim-meta-tfidf; §4.1): pure spec
// builders, so the tests read the specs: panels and their width ratios, one point per configuration in the paper's
// order, the glyph of each configuration with its compared pair, shading by generations apart, the duo-panel
// interval, determinism for a seed; then family trees in tree order, kinship classes and the matrix.
import { test } from "node:test";
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { GAP_FILLS, resemblanceFigureSpec, resemblanceLayout } from "../src/charts/resemblance";
import { renderSvg } from "../src/charts/render";
import { similarityMatrixSpec } from "../src/charts/similarityMatrix";
import { buildLineageGraph } from "../src/lineage/graph";
import { createRng } from "../src/random";
import type { MeanInterval } from "../src/similarity/bootstrap";
import { metadataCorpus } from "../src/similarity/dna";
import {
  ancestorSteps,
  familySimilarity,
  generationsApartOf,
  kinshipClassOf,
  pickFamilyRoot,
} from "../src/similarity/familyMatrix";
import { familyOf } from "../src/lineage/family";
import { KINSHIP_CONFIGS, KINSHIP_PATTERNS } from "../src/similarity/kinship";
import { levenshteinMeasure } from "../src/similarity/measures";
import { resemblanceStats, runResemblance } from "../src/similarity/resemblance";

/** A fine-tune family with metadata columns, from a child → parent map (ids sorted). */
function familyModels(parents: Record<string, string | null>): pl.DataFrame {
  const ids = Object.keys(parents).sort();
  const list = (p: string | null) => (p === null ? [] : [p]);
  return pl
    .DataFrame({
      id: ids,
      _id: ids.map((_, i) => `65${String(i).padStart(22, "0")}`),
      createdAt: ids.map((_, i) => new Date(Date.UTC(2024, 0, 1 + i))),
      likes: ids.map((_, i) => i),
      downloads: ids.map((_, i) => 10 * i),
      trendingScore: ids.map(() => null as number | null),
      private: ids.map(() => false),
      tags: ids.map((id) => ["transformers", ...list(parents[id]).map((p) => "base_model:finetune:" + p)]),
      pipeline_tag: ids.map((_, i) => (i % 2 ? "text-generation" : null)),
      library_name: ids.map(() => "transformers"),
      parent_model: ids.map((id) => list(parents[id])),
      finetune_parent: ids.map((id) => list(parents[id])),
      quantized_parent: ids.map(() => [] as string[]),
      adapter_parent: ids.map(() => [] as string[]),
      merge_parent: ids.map(() => [] as string[]),
    })
    .withColumns(pl.col("trendingScore").cast(pl.Float64));
}
const FAMILY = {
  "o/r": null,
  "o/a": "o/r",
  "o/b": "o/r",
  "o/c": "o/r",
  "o/a1": "o/a",
  "o/a2": "o/a",
  "o/a1x": "o/a1",
  "o/b1": "o/b",
  "o/z": null,
};

const stats = (): Record<string, MeanInterval> =>
  Object.fromEntries(
    KINSHIP_CONFIGS.map((c, i) => [
      c.key,
      { mean: 0.1 + i / 30, ci95: [0.05 + i / 30, 0.15 + i / 30], valid_pairs: 100 + i },
    ]),
  );
const dataOf = (spec: any, name: string) => spec.data.find((d: any) => d.name === name).values;

test("resemblanceFigureSpec: eight panels with width ratios 1,1,2,3,2,4,5,6 and a shared 0–1 axis", () => {
  const spec = resemblanceFigureSpec(stats(), { yTitle: "Cosine Similarity" }) as any;
  const panels = dataOf(spec, "panels");
  assert.deepEqual(
    panels.map((p: any) => p.pattern),
    ["rando", "duo", "trio_1", "trio_2", "quad_0", "quad_1", "quad_2", "quad_3"],
  );
  assert.deepEqual(
    panels.map((p: any) => p.widthRatio),
    [1, 1, 2, 3, 2, 4, 5, 6],
  );
  assert.deepEqual(
    panels.map((p: any) => p.width / panels[0].width),
    [1, 1, 2, 3, 2, 4, 5, 6],
  );
  assert.deepEqual(spec.scales.find((s: any) => s.name === "y").domain, [0, 1]);
  assert.equal(spec.axes.length, 1);
  assert.equal(spec.axes[0].title, "Cosine Similarity");
});

test("resemblanceFigureSpec: one point and interval per configuration, left to right in the paper's order", () => {
  const spec = resemblanceFigureSpec(stats()) as any;
  const points = dataOf(spec, "points");
  assert.deepEqual(
    points.map((p: any) => p.key),
    KINSHIP_CONFIGS.map((c) => c.key),
  );
  assert.ok(points.every((p: any, i: number) => i === 0 || p.x > points[i - 1].x));
  assert.ok(points.every((p: any) => p.yHi < p.y && p.y < p.yLo)); // pixel y grows downwards
  assert.equal(dataOf(spec, "drawn").length, 24);
});

test("resemblanceFigureSpec: each configuration's glyph is its pattern, with exactly the compared pair highlighted", () => {
  const spec = resemblanceFigureSpec(stats()) as any;
  const nodes = dataOf(spec, "glyphNodes");
  const edges = dataOf(spec, "glyphEdges");
  const expectedNodes = KINSHIP_PATTERNS.flatMap((p) =>
    p.configs.flatMap((c) => p.roles.map((r) => `${c.key}:${r}:${c.pair.includes(r)}`)),
  );
  assert.deepEqual(
    nodes.map((n: any) => `${n.key}:${n.role}:${n.compared}`),
    expectedNodes,
  );
  assert.equal(
    edges.length,
    KINSHIP_PATTERNS.reduce((s, p) => s + p.edges.length * p.configs.length, 0),
  );
  const layout = resemblanceLayout();
  for (const n of nodes) {
    const column = layout.columns.find((c) => c.key === n.key)!;
    assert.ok(
      n.x > column.x && n.x < column.x + layout.columns[1].x - layout.columns[0].x,
      `${n.key} glyph inside its column`,
    );
    assert.ok(n.y > layout.plotHeight, "glyphs sit under the axis");
  }
});

test("resemblanceFigureSpec: columns shaded by generations apart; the random pair unshaded", () => {
  const shading = dataOf(resemblanceFigureSpec(stats()) as any, "shading");
  assert.ok(!shading.some((s: any) => s.key === "rando_1"));
  const gapOf = Object.fromEntries(shading.map((s: any) => [s.key, s.gap]));
  assert.equal(gapOf.quad_3_1, "3 generations apart");
  assert.equal(gapOf.trio_2_1, "2 generations apart");
  assert.equal(gapOf.duo_1, "1 generation apart");
  assert.equal(gapOf.quad_2_5, "same generation");
  assert.deepEqual(Object.keys(GAP_FILLS), [
    "3 generations apart",
    "2 generations apart",
    "1 generation apart",
    "same generation",
  ]);
});

test("resemblanceFigureSpec: the duo interval is its own by default, the random pair's with duoInterval 'paper'", () => {
  const s = stats();
  const duo = (spec: any) => dataOf(spec, "points").find((p: any) => p.key === "duo_1");
  assert.deepEqual([duo(resemblanceFigureSpec(s)).lo, duo(resemblanceFigureSpec(s)).hi], s.duo_1.ci95);
  assert.deepEqual(
    [
      duo(resemblanceFigureSpec(s, { duoInterval: "paper" })).lo,
      duo(resemblanceFigureSpec(s, { duoInterval: "paper" })).hi,
    ],
    s.rando_1.ci95,
  );
  assert.equal(duo(resemblanceFigureSpec(s, { duoInterval: "paper" })).mean, s.duo_1.mean);
});

test("a configuration without instances gets no point, and the figure is the same for the same seed", async () => {
  const { "o/a1x": _deep, ...shallow } = FAMILY; // no chain of three generations: quad_3 has no instance
  const models = familyModels(shallow);
  const graph = buildLineageGraph(models);
  const figure = () => {
    const run = runResemblance(graph, metadataCorpus(models), {
      n: 200,
      bootstrap: 50,
      rng: createRng(4),
      measures: ["levenshtein"],
    });
    return JSON.stringify(resemblanceFigureSpec(resemblanceStats(run.results.levenshtein!)));
  };
  const first = figure();
  assert.equal(first, figure());
  const spec = JSON.parse(first);
  assert.equal(dataOf(spec, "points").find((p: any) => p.key === "quad_3_1").mean, null);
  assert.equal(dataOf(spec, "drawn").length, 24 - 6);
  assert.ok((await renderSvg(spec)).includes("no instance"));
});

test("familyOf lists members depth first from the root, children in id order; kinship classes from the tree", () => {
  const graph = buildLineageGraph(familyModels(FAMILY));
  const tree = familyOf(graph, "o/a1x");
  assert.deepEqual(tree.ids, ["o/r", "o/a", "o/a1", "o/a1x", "o/a2", "o/b", "o/b1", "o/c"]);
  assert.deepEqual(Array.from(tree.depth), [0, 1, 2, 3, 2, 1, 2, 1]);
  const at = (id: string) => tree.ids.indexOf(id);
  assert.deepEqual(ancestorSteps(tree, at("o/a1x"), at("o/b1")), [3, 2]);
  assert.equal(kinshipClassOf(tree, at("o/r"), at("o/a")), "parent–child");
  assert.equal(kinshipClassOf(tree, at("o/a"), at("o/c")), "siblings");
  assert.equal(kinshipClassOf(tree, at("o/a1"), at("o/b")), "uncle–nephew");
  assert.equal(kinshipClassOf(tree, at("o/a1"), at("o/b1")), "cousins");
  assert.equal(kinshipClassOf(tree, at("o/r"), at("o/a1x")), "great-grandparent–great-grandchild");
  assert.equal(generationsApartOf(tree, at("o/r"), at("o/a1")), "2 generations apart");
  const cut = familyOf(graph, "o/r", { max: 3 });
  assert.deepEqual([cut.ids, cut.size, cut.truncated], [["o/r", "o/a", "o/b"], 8, true]);
  assert.deepEqual(Array.from(familyOf(graph, "o/r", { max: 5 }).breadthRank), [0, 1, 4, 2, 3]);
});

test("pickFamilyRoot prefers a family that fits, else cuts the one with the most documents, and says which", () => {
  const models = familyModels(FAMILY);
  const graph = buildLineageGraph(models);
  const corpus = metadataCorpus(models);
  assert.deepEqual(pickFamilyRoot(graph, corpus, { max: 60 }), {
    root: graph.ids.toArray().indexOf("o/r"),
    cut: false,
  });
  assert.deepEqual(pickFamilyRoot(graph, corpus, { max: 3 }), { root: graph.ids.toArray().indexOf("o/r"), cut: true });
  const lone = familyModels({ "o/x": null, "o/y": null });
  assert.equal(pickFamilyRoot(buildLineageGraph(lone), metadataCorpus(lone)), null);
});

test("familySimilarity gives a symmetric matrix in tree order with the mean per class; the spec draws it", () => {
  const models = familyModels(FAMILY);
  const graph = buildLineageGraph(models);
  const corpus = metadataCorpus(models);
  assert.equal(graph.ids.get(pickFamilyRoot(graph, corpus)!.root), "o/r");
  const tree = familyOf(graph, "o/r");
  const fam = familySimilarity(tree, corpus, levenshteinMeasure(corpus));
  const m = fam.matrix;
  assert.equal(m.rows, 8);
  assert.ok(m.isSymmetric());
  for (let i = 0; i < 8; i++) assert.equal(m.get(i, i), 1);
  assert.equal(
    fam.byClass.reduce((s, c) => s + c.pairs, 0),
    (8 * 7) / 2,
  );
  const pc = fam.byClass.find((c) => c.group === "parent–child")!;
  assert.equal(pc.pairs, 7);
  const spec = similarityMatrixSpec(fam) as any;
  assert.equal(spec.hconcat[0].data.values.length, 64);
  assert.deepEqual(spec.hconcat[0].encoding.y.sort.slice(0, 2), ["01 o/r", "02 ·o/a"]);
});
