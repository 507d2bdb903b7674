// The mutation-rate nulls (src/nulls/mutation.ts) with known answers: per-edge mutations add up to drift's rate on the
// real sample; children that copy their parent reject both nulls; children that draw from their family match the
// family null and reject the population null; a relation whose children always copy beats one whose children do not.
import { test } from "node:test";
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { createRng } from "../src/random";
import { loadDataset } from "../src/datasets";
import { loadSettings } from "../src/settings";
import { buildLineageGraph, lineageVariant, relationGraph } from "../src/lineage/graph";
import { mutationRate } from "../src/drift/mutation";
import { TRAITS, traitColumn } from "../src/drift/traitCodes";
import { DENSE_DISTANCE_LIMIT, edgeMutations, mutationNullTest, relationComparison } from "../src/nulls/mutation";
import { lineageFamilies } from "../src/lineage/families";

/** A snapshot from [id, license value, parent id or null, relation] rows. */
function snapshot(rows: [string, number, string | null, "finetune" | "quantized"][]) {
  const empty = rows.map(() => [] as string[]);
  const typed = (rel: string) => rows.map(([, , p, r]) => (p !== null && r === rel ? [p] : []));
  const table = pl.DataFrame({
    id: rows.map((r) => r[0]),
    licenses: pl.Series(
      "licenses",
      rows.map((r) => [`lic-${r[1]}`]),
      pl.List(pl.Utf8),
    ),
    parent_model: pl.Series("parent_model", empty, pl.List(pl.Utf8)),
    finetune_parent: pl.Series("finetune_parent", typed("finetune"), pl.List(pl.Utf8)),
    quantized_parent: pl.Series("quantized_parent", typed("quantized"), pl.List(pl.Utf8)),
    adapter_parent: pl.Series("adapter_parent", empty, pl.List(pl.Utf8)),
    merge_parent: pl.Series("merge_parent", empty, pl.List(pl.Utf8)),
  });
  return { graph: buildLineageGraph(table), licenses: traitColumn(table, "licenses") };
}

/** Star families: a root with value f mod 6 and `size` children whose value is `child(rng, root)`. */
function stars(
  count: number,
  size: number,
  seed: number,
  child: (rng: () => number, root: number) => number,
  relation: "finetune" | "quantized" = "finetune",
) {
  const rng = createRng(seed);
  const rows: [string, number, string | null, "finetune" | "quantized"][] = [];
  for (let f = 0; f < count; f++) {
    rows.push([`org/root-${f}`, f % 6, null, relation]);
    for (let c = 0; c < size; c++) rows.push([`org/f${f}-c${c}`, child(rng, f % 6), `org/root-${f}`, relation]);
  }
  return snapshot(rows);
}

test("per-edge mutations add up to drift's mutation rate on the real sample", () => {
  const models = loadDataset(loadSettings({ dataset: "sample" }), { missingCard: "paper" });
  const finetune = lineageVariant(buildLineageGraph(models), "finetune");
  for (const trait of TRAITS) {
    const column = traitColumn(models, trait);
    const ours = edgeMutations(finetune, column),
      theirs = mutationRate(finetune, column);
    assert.equal(ours.traffic, theirs.traffic, trait);
    assert.ok(Math.abs(ours.mutations - theirs.mutations) < 1e-9, trait);
  }
});

test("children that copy their parent reject both nulls", () => {
  // Two-level families: a root, three mid models with distinct values, six children under each copying it (90%).
  const rng = createRng(1);
  const rows: [string, number, string | null, "finetune" | "quantized"][] = [];
  for (let f = 0; f < 30; f++) {
    rows.push([`org/root-${f}`, f % 6, null, "finetune"]);
    for (let m = 0; m < 3; m++) {
      const value = (f + m) % 6;
      rows.push([`org/f${f}-m${m}`, value, `org/root-${f}`, "finetune"]);
      for (let c = 0; c < 6; c++)
        rows.push([`org/f${f}-m${m}-c${c}`, rng() < 0.9 ? value : (value + 3) % 6, `org/f${f}-m${m}`, "finetune"]);
    }
  }
  const { graph, licenses } = snapshot(rows);
  const t = mutationNullTest(graph, licenses, { replicates: 100, rng: createRng(2) });
  assert.ok((t.observed.rate as number) < 0.25, `rate ${t.observed.rate}`);
  assert.ok(t.nulls.population!.pValue <= 0.01);
  assert.ok(t.nulls.family!.pValue <= 0.01, `family p = ${t.nulls.family!.pValue}`);
});

test("children drawing from their family's marginal match the family null, not the population's", () => {
  const { graph, licenses } = stars(40, 12, 3, (rng, root) => (rng() < 0.5 ? root : (root + 1) % 6));
  const t = mutationNullTest(graph, licenses, { replicates: 200, rng: createRng(4) });
  assert.ok(t.nulls.population!.pValue <= 0.01, `population p = ${t.nulls.population!.pValue}`);
  assert.ok(t.nulls.family!.pValue > 0.05, `family p = ${t.nulls.family!.pValue}`);
});

test("a relation whose children copy keeps the parent's license more often than one whose children do not", () => {
  const copy = stars(30, 6, 5, (_rng, root) => root, "quantized");
  const mutate = stars(30, 6, 6, (rng, root) => (rng() < 0.5 ? root : (root + 1) % 6), "finetune");
  const quantized = edgeMutations(relationGraph(copy.graph, "quantized"), copy.licenses);
  const finetune = edgeMutations(relationGraph(mutate.graph, "finetune"), mutate.licenses);
  const c = relationComparison(quantized, finetune, {
    trait: "licenses",
    relation: "quantized",
    baseline: "finetune",
    replicates: 200,
    rng: createRng(7),
  });
  assert.equal(c.rate, 0);
  assert.ok(c.difference.observed > 0.3);
  assert.ok(c.difference.pValue <= 0.01);
  const same = relationComparison(finetune, finetune, {
    trait: "licenses",
    relation: "finetune",
    baseline: "finetune",
    replicates: 200,
    rng: createRng(8),
  });
  assert.ok(same.difference.pValue > 0.05);
});

/** The nulls written the plain way: one rng.int per edge, 1 − Jaccard of the two nodes' own value lists. */
function referenceNulls(
  graph: ReturnType<typeof buildLineageGraph>,
  column: ReturnType<typeof traitColumn>,
  seed: string,
  replicates: number,
) {
  const { start, codes } = column;
  const values = (v: number) => new Set(codes.subarray(start[v], start[v + 1]));
  const distance = (a: number, b: number) => {
    const x = values(a),
      y = values(b);
    let shared = 0;
    for (const c of x) if (y.has(c)) shared++;
    const union = x.size + y.size - shared;
    return union === shared ? 0 : (union - shared) / union;
  };
  const lists = (v: number) => start[v + 1] > start[v];
  const families = lineageFamilies(graph);
  const listed: number[] = [];
  for (let v = 0; v < graph.nodeCount; v++) if (lists(v)) listed.push(v);
  const members = new Map<number, number[]>();
  for (const v of listed) {
    const f = families.familyOf[v];
    if (!members.has(f)) members.set(f, []);
    members.get(f)!.push(v);
  }
  const edges: [number, number][] = [];
  for (let e = 0; e < graph.edgeCount; e++)
    if (lists(graph.edgeParent[e]) && lists(graph.edgeChild[e])) edges.push([graph.edgeParent[e], graph.edgeChild[e]]);
  const out: Record<string, number[]> = {};
  for (const kind of ["population", "family"]) {
    const rng = createRng(`${seed}/${kind}`);
    out[kind] = [];
    for (let r = 0; r < replicates; r++) {
      let sum = 0;
      for (const [p, c] of edges) {
        if (kind === "population") sum += distance(p, listed[rng.int(listed.length)]);
        else {
          const block = members.get(families.familyOf[c])!;
          const own = block.indexOf(c);
          let k = rng.int(block.length - 1);
          if (k >= own) k++;
          sum += distance(p, block[k]);
        }
      }
      out[kind].push(sum / edges.length);
    }
  }
  return out;
}

test("the mutation nulls equal the plain per-edge computation, draw for draw, on the real sample and radar", () => {
  for (const dataset of ["sample", "radar"] as const) {
    const models = loadDataset(loadSettings({ dataset }));
    const graph = lineageVariant(buildLineageGraph(models), "finetune");
    for (const trait of TRAITS) {
      const column = traitColumn(models, trait);
      const test = mutationNullTest(graph, column, { replicates: 40, rng: createRng(`${dataset}-${trait}`) });
      if (test.observed.traffic === 0) continue;
      const reference = referenceNulls(graph, column, `${dataset}-${trait}`, 40);
      for (const kind of ["population", "family"] as const)
        assert.deepEqual(Array.from(test.nulls[kind]!.values), reference[kind], `${dataset} ${trait} ${kind}`);
    }
  }
});

test("the mutation nulls equal the plain computation with few and many value sets, with and without a distance table", () => {
  // 70,700 models in 700 star families; each model lists one or two values picked from its index. The distinct sets
  // number 7, 740 or over 70,000 (set ids of one, two or four bytes). The draws run in the WebAssembly kernel when the
  // distances from the parents' sets to every set fit DENSE_DISTANCE_LIMIT entries, else in JavaScript: 70,700 sets
  // with 700 distinct parent sets do not fit, 70,003 with 3 do.
  const { graph } = stars(700, 100, 11, () => 0);
  const n = graph.nodeCount;
  const column = (setOf: (v: number) => number[]) => {
    const start = new Int32Array(n + 1);
    const codes: number[] = [];
    for (let v = 0; v < n; v++) {
      codes.push(...setOf(v));
      start[v + 1] = codes.length;
    }
    const values = Array.from(
      { length: codes.reduce((a, b) => Math.max(a, b), 0) + 1 },
      (_, c) => `v${String(c).padStart(4, "0")}`,
    );
    return { trait: "languages" as const, values, start, codes: Int32Array.from(codes) };
  };
  const isParent = new Uint8Array(n);
  for (let e = 0; e < graph.edgeCount; e++) isParent[graph.edgeParent[e]] = 1;
  const cases = [
    { sets: 7, tabled: true, column: column((v) => [v % 7]) },
    { sets: 740, tabled: true, column: column((v) => [v % 20, 20 + (v % 37)]) },
    { sets: 70700, tabled: false, column: column((v) => [v % 400, 400 + Math.floor(v / 400)]) },
    {
      sets: 70003,
      tabled: true,
      column: column((v) => (isParent[v] ? [v % 3] : [v % 400, 400 + Math.floor(v / 400)])),
    },
  ];
  for (const { sets: expected, tabled, column: c } of cases) {
    const label = `${expected} sets, ${tabled ? "tabled" : "merged per draw"}`;
    const setOf = (v: number) => Array.from(c.codes.subarray(c.start[v], c.start[v + 1])).join();
    const sets = new Set<string>();
    for (let v = 0; v < n; v++) sets.add(setOf(v));
    assert.equal(sets.size, expected, label);
    const parentSets = new Set<string>();
    for (let e = 0; e < graph.edgeCount; e++) parentSets.add(setOf(graph.edgeParent[e]));
    assert.equal(parentSets.size * sets.size <= DENSE_DISTANCE_LIMIT, tabled, label);
    const test = mutationNullTest(graph, c, { replicates: 4, rng: createRng(`sets-${expected}`) });
    const reference = referenceNulls(graph, c, `sets-${expected}`, 4);
    for (const kind of ["population", "family"] as const)
      assert.deepEqual(Array.from(test.nulls[kind]!.values), reference[kind], `${label}, ${kind}`);
  }
});

test("the fine-tune relation graph gives the fine-tune variant's mutation tests, so notebook 50 runs them once", () => {
  for (const dataset of ["sample", "radar"] as const) {
    const models = loadDataset(loadSettings({ dataset }));
    const full = buildLineageGraph(models);
    const variant = lineageVariant(full, "finetune");
    const relation = relationGraph(full, "finetune");
    assert.deepEqual(relation.edgeParent, variant.edgeParent, dataset);
    assert.deepEqual(relation.edgeChild, variant.edgeChild, dataset);
    let tested = 0;
    for (const trait of TRAITS) {
      const column = traitColumn(models, trait);
      const a = mutationNullTest(variant, column, { replicates: 50, rng: createRng(`${dataset}/${trait}`) });
      const b = mutationNullTest(relation, column, { replicates: 50, rng: createRng(`${dataset}/${trait}`) });
      assert.deepEqual(b, { ...a, trait: b.trait }, `${dataset} ${trait}`);
      if (a.observed.traffic > 0) tested++;
    }
    assert.equal(tested, 4, `${dataset}: every trait has fine-tune traffic`);
  }
});

test("the relation comparison's shuffles equal plain rng.int Fisher–Yates shuffles, on radar's four relations", () => {
  const models = loadDataset(loadSettings({ dataset: "radar" }));
  const full = buildLineageGraph(models);
  const licenses = traitColumn(models, "licenses");
  const baseline = edgeMutations(relationGraph(full, "finetune"), licenses);
  let compared = 0;
  for (const relation of ["quantized", "adapter", "merge"] as const) {
    const tested = edgeMutations(relationGraph(full, relation), licenses);
    const seed = `compare/${relation}`;
    const c = relationComparison(tested, baseline, {
      trait: "licenses",
      relation,
      baseline: "finetune",
      replicates: 30,
      rng: createRng(seed),
    });
    // the plain statement: pool the per-edge values, shuffle with one rng.int per step, difference of the two means
    const a = tested.values.filter((v) => !Number.isNaN(v));
    const b = baseline.values.filter((v) => !Number.isNaN(v));
    const work = Float64Array.from([...a, ...b]);
    const rng = createRng(seed);
    const mean = (from: number, to: number) => {
      let s = 0;
      for (let i = from; i < to; i++) s += work[i];
      return s / (to - from);
    };
    const reference: number[] = [];
    for (let r = 0; r < 30; r++) {
      for (let i = work.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [work[i], work[j]] = [work[j], work[i]];
      }
      reference.push(mean(a.length, work.length) - mean(0, a.length));
    }
    assert.deepEqual(Array.from(c.difference.values), reference, relation);
    compared++;
  }
  assert.equal(compared, 3);
});
