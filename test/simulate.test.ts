// The drift simulator (src/simulate/) and its experiments (src/nulls/simulation.ts, calibrate.ts) with known answers:
// the snapshot table is canonical and its derived columns are what its tags give; the graph and trait columns read
// from the grown arrays equal the ones the pipeline builds from the table; q = 1 with enough models recovers the hidden
// ordering exactly; at q = 1/2 "drift directions accounted for" lies inside its flip-null interval; calibration reads
// back what the sample holds; the paper calibration keeps the most frequent licenses and languages of the paper's key
// stats and lists them on as many models as the paper; DATASET=simulated loads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SNAPSHOT_SCHEMA } from "../src/data/schema";
import { deriveFromTags } from "../src/data/tags";
import { loadDataset } from "../src/datasets";
import { loadSettings } from "../src/settings";
import { createRng } from "../src/random";
import { GRAPH_VARIANTS, buildLineageGraph, lineageVariant } from "../src/lineage/graph";
import { mutationRate } from "../src/drift/mutation";
import { TRAITS, traitColumn } from "../src/drift/traitCodes";
import { calibrateSimulator } from "../src/nulls/calibrate";
import { orderingNullTest } from "../src/nulls/ordering";
import { ecosystemGraph, ecosystemTraitColumn, qScan, simulatedOrdering } from "../src/nulls/simulation";
import { type SimulatorParams, checkSimulatorParams, moveProbability } from "../src/simulate/params";
import { paperSimulatorParams } from "../src/simulate/paperParams";
import { growEcosystem } from "../src/simulate/grow";
import { ecosystemTable, simulateSnapshot } from "../src/simulate/table";
import { PAPER_MODEL_COUNT } from "../src/paper";
import { paperKeyStats } from "./helpers/data";

const same = (x: ArrayLike<number>, y: ArrayLike<number>) =>
  x.length === y.length && Array.from(x).every((v, i) => v === y[i]);

/** A small world with one trait of six values and nearly flat weights. */
function flatParams(q: number, n: number): SimulatorParams {
  return {
    ...paperSimulatorParams({ n, q, rootShare: 0.3, attachment: 0.5 }),
    traits: {
      licenses: {
        values: ["a", "b", "c", "d", "e", "f"],
        weights: [6, 5, 5, 4, 4, 3],
        presence: 1,
        rates: { finetune: 0.3, quantized: 0.3, adapter: 0.3, merge: 0.3 },
        ordering: [3, 0, 5, 1, 4, 2],
      },
    },
  };
}

test("the snapshot table is canonical, its tags give its derived columns, and a seed fixes it", () => {
  const { table } = simulateSnapshot(paperSimulatorParams({ n: 5000, q: 0.8 }), 3);
  assert.deepEqual(table.columns, Object.keys(SNAPSHOT_SCHEMA));
  for (const [name, dtype] of Object.entries(SNAPSHOT_SCHEMA))
    assert.equal(String(table.getColumn(name).dtype), String(dtype).replace(/Utf8/g, "String"), name);
  const derived = deriveFromTags(table.select("tags"));
  for (const c of derived.columns) if (c !== "tags") assert.ok(derived.getColumn(c).seriesEqual(table.getColumn(c)), c);
  assert.ok(simulateSnapshot(paperSimulatorParams({ n: 5000, q: 0.8 }), 3).table.frameEqual(table));
  assert.ok(!simulateSnapshot(paperSimulatorParams({ n: 5000, q: 0.8 }), 4).table.frameEqual(table));
  const graph = buildLineageGraph(table);
  assert.equal(graph.report.missingParents.pairs, 0);
  assert.equal(graph.report.cycleEdgesDropped.count, 0);
});

test("the graph and trait columns read from the grown arrays equal the pipeline's from the table", () => {
  const eco = growEcosystem(paperSimulatorParams({ n: 20_000, q: 0.7 }), 5);
  const table = ecosystemTable(eco);
  const full = buildLineageGraph(table);
  for (const variant of GRAPH_VARIANTS) {
    const a = lineageVariant(full, variant),
      b = ecosystemGraph(eco, variant);
    for (const k of [
      "edgeParent",
      "edgeChild",
      "edgeFlags",
      "edgeType",
      "childStart",
      "parentStart",
      "parentEdge",
      "fullEdge",
    ] as const)
      assert.ok(same(a[k], b[k]), `${variant}.${k}`);
    assert.ok(a.ids.seriesEqual(b.ids), `${variant}.ids`);
  }
  for (const trait of TRAITS) {
    const a = traitColumn(table, trait),
      b = ecosystemTraitColumn(eco, trait);
    assert.ok(same(a.start, b.start), trait);
    for (let k = 0; k < a.codes.length; k++) assert.equal(a.values[a.codes[k]], b.values[b.codes[k]]);
  }
});

test("q = 1 with enough models recovers the planted ordering exactly", () => {
  const r = simulatedOrdering(flatParams(1, 30_000), 1, "licenses", 20);
  assert.equal(r.values, 6);
  assert.equal(r.tau, 1);
  assert.equal(r.directions[0], r.directions[1]);
  assert.equal(r.directions[1], 15); // every pair of the six values has a net direction
});

test("at q = 1/2 'drift directions accounted for' lies inside its flip-null interval", () => {
  const eco = growEcosystem(flatParams(0.5, 20_000), 2);
  const test = orderingNullTest(ecosystemGraph(eco, "finetune"), ecosystemTraitColumn(eco, "licenses"), 20, {
    replicates: 200,
    rng: createRng(3),
    nulls: ["flip"],
  });
  const d = test.nulls.flip!.directions;
  assert.ok(d.observed >= d.ci95[0] && d.observed <= d.ci95[1], `${d.observed} in [${d.ci95}]`);
  assert.ok(d.pValue > 0.05);
});

test("the bias shows in the mutation flows and in the scan; moveProbability and the checks", () => {
  const cells = qScan(flatParams(0.5, 8000), {
    qs: [0.5, 1],
    sizes: [8000],
    replicates: 2,
    trait: "licenses",
    rng: createRng(1),
  });
  assert.equal(cells.length, 2);
  assert.ok(cells[1].tau.mean > cells[0].tau.mean);
  assert.equal(cells[1].directions.mean, 1);
  assert.ok(Math.abs(moveProbability([1, 1], [0, 1], 0.5) - 0.5) < 1e-12);
  assert.ok(Math.abs(moveProbability([1, 1, 2], [2, 0, 1], 1) - (0.25 * 0.25 + 0.5 * 0.5)) < 1e-12);
  assert.throws(() => checkSimulatorParams({ ...flatParams(0.5, 10), q: 1.5 }), /^Error: simulate\/params: q must lie/);
  assert.throws(() => checkSimulatorParams({ ...flatParams(0.5, 0), n: 0 }), /^Error: simulate\/params: n must/);
});

test("calibration reads back the sample, and the calibrated simulator meets its mutation rates", () => {
  const models = loadDataset(loadSettings({ dataset: "sample" }), { missingCard: "paper" });
  const full = buildLineageGraph(models);
  const params = calibrateSimulator(models, full, { source: "sample" });
  assert.equal(params.n, models.height);
  assert.equal(params.relationMix.finetune, full.edgeCount);
  const finetune = lineageVariant(full, "finetune");
  for (const trait of TRAITS)
    assert.equal(params.traits[trait]!.rates.finetune, mutationRate(finetune, traitColumn(models, trait)).rate);
  const eco = growEcosystem({ ...params, n: 20_000 }, 1);
  const rate = mutationRate(ecosystemGraph(eco, "finetune"), ecosystemTraitColumn(eco, "licenses")).rate as number;
  assert.ok(Math.abs(rate - params.traits.licenses!.rates.finetune) < 0.05, `simulated ${rate}`);
});

test("the paper calibration: the most frequent licenses and languages, listed on the paper's share of models", () => {
  const stats = paperKeyStats();
  const top = (counts: Record<string, number>, k: number) =>
    Object.entries(counts)
      .sort(([, x], [, y]) => y - x)
      .slice(0, k);
  const params = paperSimulatorParams({ n: 200_000 });
  const licenses = params.traits.licenses!,
    languages = params.traits.languages!;
  assert.deepEqual(
    licenses.values.map((v, i) => [v, licenses.weights[i]]),
    top(stats.license_counts_all_models, 30),
  );
  assert.deepEqual(
    languages.values.map((v, i) => [v, languages.weights[i]]),
    top(stats.language_counts_all_models, 25),
  );
  assert.equal(languages.values[24], "Nepali (macrolanguage)");
  assert.ok(!languages.values.includes("Bengali"));
  // presence is a share of roots; the paper's shares are of all models (671,895 license tags, one per model;
  // 258,938 models listing a language), and a grown snapshot lists the trait on about as many
  const licensed = Object.values(stats.license_counts_all_models as Record<string, number>).reduce((s, c) => s + c, 0);
  assert.equal(licensed, 671_895);
  const eco = growEcosystem(params, 1);
  for (const [trait, share] of [
    ["licenses", licensed / PAPER_MODEL_COUNT],
    ["languages", 258_938 / PAPER_MODEL_COUNT],
  ] as const) {
    const t = params.traits[trait]!;
    assert.ok(t.presence < share, `${trait}: roots list it less often than all models`);
    const value = eco.traits[trait]!.value;
    let listing = 0;
    for (let i = 0; i < value.length; i++) if (value[i] >= 0) listing++;
    assert.ok(Math.abs(listing / eco.n - share) < 0.015, `${trait}: ${listing / eco.n} of models, paper ${share}`);
  }
});

test("DATASET=simulated loads the simulator's table from SIM_N, SIM_Q and SEED", () => {
  const settings = loadSettings({ dataset: "simulated", simulation: { n: 3000, q: 0.9 }, seed: 2 });
  const table = loadDataset(settings);
  assert.equal(table.height, 3000);
  assert.deepEqual(loadSettings({}, { DATASET: "simulated", SIM_N: "500", SIM_Q: "0.6" }).simulation, {
    n: 500,
    q: 0.6,
  });
  assert.throws(() => loadSettings({}, { DATASET: "simulated", SIM_Q: "2" }), /^Error: settings: SIM_Q must lie/);
});
