// Kinship sampling and bootstrap intervals (docs/methods.md §4.1; data/reference/README.md §9.3): the pattern table,
// anchor totals against the lineage pattern totals and the reference, every drawn pair's relation on a literal family,
// anchor weights in proportion to multiplicity, determinism for a seed, and numpy's percentile rule.
import { test } from "node:test";
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { loadDataset } from "../src/datasets";
import { buildLineageGraph, lineageVariant, nodeId, parentsOf, type LineageGraph } from "../src/lineage/graph";
import { subgraphPatternTotals } from "../src/lineage/patterns";
import { createRng } from "../src/random";
import { loadSettings } from "../src/settings";
import { bootstrapMean, percentileOfSorted } from "../src/similarity/bootstrap";
import { KINSHIP_CONFIGS, KINSHIP_PATTERNS, kinshipConfig } from "../src/similarity/kinship";
import { authorsNTotals, samplersWithoutInstancesStat } from "../src/similarity/fixedPairs";
import { anchorTable, sampleConfig, sampleKinship } from "../src/similarity/sample";
import { referenceResults } from "./helpers/data";

/** A fine-tune family from a child → parent map (ids sorted, so rows are in id order). */
function familyTable(parents: Record<string, string | null>): pl.DataFrame {
  const ids = Object.keys(parents).sort();
  const list = (p: string | null) => (p === null ? [] : [p]);
  return pl.DataFrame({
    id: ids,
    createdAt: ids.map((_, i) => new Date(Date.UTC(2024, 0, 1 + i))),
    likes: ids.map(() => 0),
    downloads: ids.map(() => 0),
    parent_model: ids.map((id) => list(parents[id])),
    finetune_parent: ids.map((id) => list(parents[id])),
    quantized_parent: ids.map(() => [] as string[]),
    adapter_parent: ids.map(() => [] as string[]),
    merge_parent: ids.map(() => [] as string[]),
  });
}

/** r has children a, b, c; a has children a1, a2; a1 has child a1x; b has child b1; z is alone. */
const FAMILY = { r: null, a: "r", b: "r", c: "r", a1: "a", a2: "a", a1x: "a1", b1: "b", z: null };

test("KINSHIP_PATTERNS: eight patterns with 1,1,2,3,2,4,5,6 configurations, keyed as the reference", () => {
  assert.deepEqual(
    KINSHIP_PATTERNS.map((p) => p.name),
    ["rando", "duo", "trio_1", "trio_2", "quad_0", "quad_1", "quad_2", "quad_3"],
  );
  assert.deepEqual(
    KINSHIP_PATTERNS.map((p) => p.configs.length),
    [1, 1, 2, 3, 2, 4, 5, 6],
  );
  assert.equal(KINSHIP_CONFIGS.length, 24);
  assert.deepEqual(
    KINSHIP_CONFIGS.slice(0, 4).map((c) => c.key),
    ["rando_1", "duo_1", "trio_1_1", "trio_1_2"],
  );
  assert.equal(kinshipConfig("quad_2_2").kinship, "uncle-nephew");
  assert.deepEqual(kinshipPatternGaps(), {
    rando: [null],
    duo: [1],
    trio_1: [1, 0],
    trio_2: [2, 1, 1],
    quad_0: [1, 0],
    quad_1: [2, 1, 1, 0],
    quad_2: [2, 1, 1, 1, 0],
    quad_3: [3, 2, 2, 1, 1, 1],
  });
});

function kinshipPatternGaps(): Record<string, (number | null)[]> {
  return Object.fromEntries(KINSHIP_PATTERNS.map((p) => [p.name, p.configs.map((c) => c.generationsApart)]));
}

test("every drawn pair has its configuration's relation in a literal family", () => {
  const g = buildLineageGraph(familyTable(FAMILY));
  const id = (v: number) => nodeId(g, v);
  const parent = (v: number) => parentsOf(g, v).map(id)[0] ?? null;
  const up = (v: string, k: number): string | null =>
    k === 0 ? v : FAMILY[v as keyof typeof FAMILY] === null ? null : up(FAMILY[v as keyof typeof FAMILY]!, k - 1);
  for (const s of sampleKinship(g, { n: 300, rng: createRng(7) })) {
    for (let i = 0; i < s.a.length; i++) {
      const [a, b] = [id(s.a[i]), id(s.b[i])];
      assert.notEqual(a, b, s.config.key);
      const gap = s.config.generationsApart;
      if (s.config.kinship === "siblings") assert.equal(parent(s.a[i]), parent(s.b[i]), `${s.config.key}: ${a}, ${b}`);
      else if (s.config.kinship === "uncle-nephew")
        assert.ok(up(a, 2) === parent(s.b[i]) || up(b, 2) === parent(s.a[i]), `${s.config.key}: ${a}, ${b}`);
      else if (gap !== null) assert.ok(up(a, gap) === b || up(b, gap) === a, `${s.config.key}: ${a}, ${b}`);
    }
  }
});

test("anchors are drawn in proportion to their multiplicity (trio_1: C(3,2) = 3 cherries under r, 1 under a)", () => {
  const g = buildLineageGraph(familyTable(FAMILY));
  const s = sampleConfig(g, kinshipConfig("trio_1_2"), 20000, createRng(3));
  let underR = 0;
  for (let i = 0; i < s.a.length; i++) if (parentsOf(g, s.a[i]).map((v) => nodeId(g, v))[0] === "r") underR++;
  assert.ok(Math.abs(underR / s.a.length - 0.75) < 0.015, `share under r: ${underR / s.a.length}`);
});

test("sampleKinship is deterministic for a seed and each configuration's draws ignore the others", () => {
  const g = buildLineageGraph(familyTable(FAMILY));
  const one = sampleKinship(g, { n: 50, rng: createRng(11) });
  const two = sampleKinship(g, { n: 50, rng: createRng(11) });
  assert.deepEqual(
    one.map((s) => Array.from(s.a)),
    two.map((s) => Array.from(s.a)),
  );
  const only = sampleKinship(g, { n: 50, rng: createRng(11), configs: [kinshipConfig("quad_2_5")] });
  assert.deepEqual(Array.from(only[0].b), Array.from(one.find((s) => s.config.key === "quad_2_5")!.b));
  assert.notDeepEqual(Array.from(sampleKinship(g, { n: 50, rng: createRng(12) })[3].a), Array.from(one[3].a));
});

test("a pattern without instances draws nothing and is reported as the reference does", () => {
  const g = buildLineageGraph(familyTable({ r: null, a: "r", b: "r" }));
  const samples = sampleKinship(g, { n: 10, rng: createRng(1) });
  assert.equal(samples.find((s) => s.config.key === "quad_3_1")!.a.length, 0);
  assert.deepEqual(samplersWithoutInstancesStat(g, samples).quad_3, {
    graph_edges: 2,
    configs: [1, 2, 3, 4, 5, 6],
    calls: 18,
  });
});

for (const dataset of ["sample", "smollm2"] as const) {
  test(`${dataset}: anchor totals equal subgraphPatternTotals and the reference's n_totals (authors' quirks kept)`, () => {
    const oracle = referenceResults(dataset);
    const full = buildLineageGraph(loadDataset(loadSettings({ dataset })));
    const variants: [string, LineageGraph][] = [
      ["finetune", lineageVariant(full, "finetune")],
      ["nomerges", lineageVariant(full, "nomerges")],
      ["full", full],
    ];
    for (const [name, g] of variants) {
      const totals = subgraphPatternTotals(g);
      for (const p of ["trio_1", "trio_2", "quad_0", "quad_1", "quad_2", "quad_3"] as const)
        assert.equal(anchorTable(g, p).total, totals[p], `${name} ${p}`);
      assert.equal(anchorTable(g, "duo").total, g.edgeCount);
    }
    const samples = sampleKinship(variants[0][1], { n: 5, rng: createRng(1) });
    assert.deepEqual(
      authorsNTotals(samples, oracle.similarity.n_samples),
      oracle.similarity.metadata.tfidf_n_totals.value,
    );
  });
}

test("percentileOfSorted interpolates linearly as numpy.percentile; bootstrapMean is seeded and empty-safe", () => {
  const sorted = Float64Array.from([1, 2, 3, 4]);
  assert.equal(percentileOfSorted(sorted, 2.5), 1.075);
  assert.equal(percentileOfSorted(sorted, 97.5), 3.925);
  assert.equal(percentileOfSorted(sorted, 50), 2.5);
  const values = Float64Array.from({ length: 500 }, (_, i) => (i % 7) / 7);
  const a = bootstrapMean(values, { resamples: 300, rng: createRng(5) });
  assert.deepEqual(a, bootstrapMean(values, { resamples: 300, rng: createRng(5) }));
  assert.ok(a.ci95[0]! < a.mean! && a.mean! < a.ci95[1]!);
  assert.equal(a.valid_pairs, 500);
  assert.deepEqual(bootstrapMean(new Float64Array(0), { rng: createRng(5) }), {
    mean: null,
    ci95: [null, null],
    valid_pairs: 0,
  });
  assert.deepEqual(bootstrapMean(Float64Array.from([0.3, 0.3]), { rng: createRng(5) }).ci95, [0.3, 0.3]);
  // the resamples are those of one uint32() per draw, in order (batches above and below the WebAssembly threshold)
  for (const n of [37, 500]) {
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i) ** 2);
    const rng = createRng(9);
    const means = Float64Array.from({ length: 200 }, () => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[(rng.uint32() * (n / 4294967296)) | 0];
      return sum / n;
    }).sort();
    const b = bootstrapMean(x, { resamples: 200, rng: createRng(9) });
    assert.deepEqual(b.ci95, [percentileOfSorted(means, 2.5), percentileOfSorted(means, 97.5)], `n = ${n}`);
  }
});
