// The ordering null models (src/nulls/ordering.ts, orderingMetrics.ts) with known answers: the per-component exact
// ordering equals the whole-graph solver's optimum, the per-edge transitions add up to drift's raw matrix, a planted
// ordering is rejected by the flip null and a direction-free graph is not, and Kendall's tau on known orderings; the
// WebAssembly kernel gives the solver's lexicographically first optimum.
import { test } from "node:test";
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { createRng } from "../src/random";
import { buildLineageGraph } from "../src/lineage/graph";
import { traitColumn } from "../src/drift/traitCodes";
import { traitOrdering } from "../src/drift/traitOrdering";
import { solveOrdering } from "../src/drift/ordering";
import { edgeTransitions, orderingNullTest } from "../src/nulls/ordering";
import { kendallTau, orderingMetrics } from "../src/nulls/orderingMetrics";
import { firstOptimum } from "../src/nulls/orderingKernel";
import { summarizeNull } from "../src/nulls/summary";

/**
 * A snapshot of stars: one root per license value v, and children switching from a root's license to another value.
 * `direction(a, b)` says which way a change between values a < b goes (true: a → b).
 */
function constructed(values: number, changes: number, seed: number, direction: (a: number, b: number) => boolean) {
  const rng = createRng(seed);
  const ids: string[] = [],
    licenses: string[][] = [],
    parents: string[][] = [];
  for (let v = 0; v < values; v++) {
    ids.push(`org/root-${v}`);
    licenses.push([`lic-${v}`]);
    parents.push([]);
  }
  for (let k = 0; k < changes; k++) {
    const a = rng.int(values);
    let b = rng.int(values - 1);
    if (b >= a) b++;
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const [from, to] = direction(lo, hi) ? [lo, hi] : [hi, lo];
    ids.push(`org/child-${k}`);
    licenses.push([`lic-${to}`]);
    parents.push([`org/root-${from}`]);
  }
  const empty = ids.map(() => [] as string[]);
  const table = pl.DataFrame({
    id: ids,
    licenses: pl.Series("licenses", licenses, pl.List(pl.Utf8)),
    parent_model: pl.Series("parent_model", empty, pl.List(pl.Utf8)),
    finetune_parent: pl.Series("finetune_parent", parents, pl.List(pl.Utf8)),
    quantized_parent: pl.Series("quantized_parent", empty, pl.List(pl.Utf8)),
    adapter_parent: pl.Series("adapter_parent", empty, pl.List(pl.Utf8)),
    merge_parent: pl.Series("merge_parent", empty, pl.List(pl.Utf8)),
  });
  return { graph: buildLineageGraph(table), licenses: traitColumn(table, "licenses") };
}

test("orderingMetrics reaches the exact optimum of the whole graph and counts like traitOrdering", () => {
  for (const seed of [1, 2, 3]) {
    const { graph, licenses } = constructed(9, 300, seed, (a, b) => (a + b) % 3 !== 0);
    const a = traitOrdering(graph, licenses, 20);
    const m = orderingMetrics(a.problems.raw.weights, a.topValues.length);
    assert.equal(m.optimum, a.weighted.optimum);
    assert.equal(m.optimum, solveOrdering(a.problems.weighted).optimum);
    const [lo, hi] = a.ranges.orientedEdges;
    assert.ok(m.directions[0] >= lo && m.directions[0] <= hi, `directions ${m.directions[0]} in [${lo}, ${hi}]`);
    assert.equal(m.directions[1], a.orientedEdges);
    assert.equal(m.mutations[1], a.mutations[1]);
    const t = edgeTransitions(graph, licenses, a.top.top);
    assert.deepEqual(Array.from(t.raw), Array.from(a.problems.raw.weights));
  }
});

test("a planted ordering is rejected by the flip null; a direction-free graph is not", () => {
  const planted = constructed(10, 400, 7, () => true);
  const p = orderingNullTest(planted.graph, planted.licenses, 20, {
    replicates: 200,
    rng: createRng(1),
    nulls: ["flip"],
  });
  assert.deepEqual(p.observed.directions, [p.observed.directions[1], p.observed.directions[1]]);
  assert.ok(p.nulls.flip!.directions.pValue <= 0.01, `planted p = ${p.nulls.flip!.directions.pValue}`);
  assert.ok(p.nulls.flip!.mutations.pValue <= 0.01);
  const free = constructed(10, 400, 7, (a, b) => ((a * 7 + b * 13) % 5) % 2 === 0);
  const f = orderingNullTest(free.graph, free.licenses, 20, { replicates: 200, rng: createRng(1), nulls: ["flip"] });
  assert.ok(f.nulls.flip!.directions.pValue > 0.05, `direction-free p = ${f.nulls.flip!.directions.pValue}`);
});

test("the three nulls keep the traffic, run on every trait, and are seeded", () => {
  const { graph, licenses } = constructed(8, 200, 3, () => true);
  const run = () => orderingNullTest(graph, licenses, 20, { replicates: 20, rng: createRng(5) });
  const a = run(),
    b = run();
  for (const kind of ["flip", "flip-parent", "relabel"] as const) {
    assert.ok(a.nulls[kind], kind);
    assert.deepEqual(Array.from(a.nulls[kind]!.directions.values), Array.from(b.nulls[kind]!.directions.values));
  }
  const none = orderingNullTest(
    graph,
    traitColumn(pl.DataFrame({ licenses: graph.ids.toArray().map(() => ["x"]) }), "licenses"),
    20,
    {
      replicates: 5,
      rng: createRng(1),
    },
  );
  assert.ok(none.skipped);
  assert.deepEqual(none.nulls, {});
});

test("summarizeNull counts ties as extreme and never gives p = 0", () => {
  const s = summarizeNull(1, Float64Array.from([1, 0.5, 0.9, 1]), "greater");
  assert.equal(s.pValue, 3 / 5);
  assert.equal(summarizeNull(2, Float64Array.from([1, 1]), "greater").pValue, 1 / 3);
  assert.equal(summarizeNull(0.1, Float64Array.from([0.5, 0.6]), "less").pValue, 1 / 3);
  assert.ok(Number.isNaN(summarizeNull(Number.NaN, Float64Array.from([1]), "greater").pValue));
});

test("kendallTau on known orderings", () => {
  assert.equal(kendallTau([0, 1, 2, 3], [0, 1, 2, 3]), 1);
  assert.equal(kendallTau([3, 2, 1, 0], [0, 1, 2, 3]), -1);
  assert.equal(kendallTau([1, 0, 2], [0, 1, 2]), 1 / 3);
});

test("firstOptimum gives drift's solver's lexicographically first optimum, 1 to 20 values, with and without ties", () => {
  const rng = createRng(2025);
  // net traffic (one direction per pair) with values up to `top`, or weights both ways; `empty`: share of zero pairs
  const problem = (k: number, top: number, bothWays: boolean, empty: number) => {
    const w = new Float64Array(k * k);
    for (let i = 0; i < k; i++)
      for (let j = i + 1; j < k; j++) {
        if (rng() < empty) continue;
        if (bothWays) {
          w[i * k + j] = rng.int(top + 1);
          w[j * k + i] = rng.int(top + 1);
        } else if (rng() < 0.5) w[i * k + j] = rng.int(top + 1);
        else w[j * k + i] = rng.int(top + 1);
      }
    return w;
  };
  let compared = 0,
    tiedOptima = 0;
  for (let k = 1; k <= 20; k++)
    for (const [top, bothWays, empty] of [
      [1000, false, 0],
      [2, false, 0],
      [3, false, 0.5],
      [5, true, 0.2],
    ] as const) {
      for (let r = 0; r < (k <= 12 ? 6 : 1); r++) {
        const w = problem(k, top, bothWays, empty);
        const solved = solveOrdering({ n: k, weights: w });
        const ordering = firstOptimum(k, w);
        assert.deepEqual(
          ordering,
          solved.ordering,
          `k = ${k}, weights up to ${top}, ${bothWays ? "both ways" : "net"}`,
        );
        compared++;
        if (solved.optimalCount > 1) tiedOptima++;
      }
    }
  assert.equal(compared, 12 * 4 * 6 + 8 * 4);
  // most problems with small weights have several optima, so the tie rule is what is compared
  assert.ok(tiedOptima > compared / 3, `${tiedOptima} of ${compared} problems with several optima`);
  assert.throws(() => firstOptimum(27, new Float64Array(27 * 27)), /1 to 26 values, got 27/);
});
