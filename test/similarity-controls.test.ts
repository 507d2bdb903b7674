// Kinship controls (src/similarity/controls.ts) and the metadata string without identity (metadataString.ts `redact`):
// "any" reproduces the paper's random pair exactly; every control draws only pairs of its kind, uniformly, and counts
// them exactly; the redacted strings drop exactly the identity (and lineage) and leave the default unchanged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../src/random";
import { loadDataset } from "../src/datasets";
import { loadSettings } from "../src/settings";
import { buildLineageGraph, lineageVariant } from "../src/lineage/graph";
import { KINSHIP_CONTROLS, controlConfig, controlGroups, sampleControl } from "../src/similarity/controls";
import { kinshipConfig } from "../src/similarity/kinship";
import { metadataCorpus } from "../src/similarity/dna";
import { metadataStrings } from "../src/similarity/metadataString";
import { similarityMeasures } from "../src/similarity/measures";
import { fitVectorizer } from "../src/similarity/vectorizer";
import { kinshipSimilarities, runResemblance } from "../src/similarity/resemblance";
import { sampleKinship } from "../src/similarity/sample";
import { resemblanceControls } from "../src/nulls/resemblance";

const models = loadDataset(loadSettings({ dataset: "sample" }), { missingCard: "paper" });
const finetune = lineageVariant(buildLineageGraph(models), "finetune");

test("the 'any' control draws the paper's random pairs and reproduces their mean", async () => {
  const rng = createRng(3);
  const [paper] = sampleKinship(finetune, { n: 800, rng: rng.fork("pairs"), configs: [kinshipConfig("rando_1")] });
  const [any] = sampleKinship(finetune, { n: 800, rng: rng.fork("pairs"), configs: [], controls: ["any"] });
  assert.deepEqual(Array.from(any.a), Array.from(paper.a));
  assert.deepEqual(Array.from(any.b), Array.from(paper.b));
  assert.equal(any.config.key, "rando_1");
  const corpus = metadataCorpus(models);
  const tfidf = similarityMeasures(corpus).measures.tfidf;
  const [x] = kinshipSimilarities([paper], corpus, tfidf, { bootstrap: 50, rng: rng.fork("b") });
  const [y] = kinshipSimilarities([any], corpus, tfidf, { bootstrap: 50, rng: rng.fork("b") });
  assert.equal(y.mean, x.mean);
  // The controlled run's paper string gives runResemblance's means exactly (same pairs, same bootstrap streams).
  const seeded = createRng(9);
  const plain = runResemblance(finetune, corpus, { n: 300, bootstrap: 20, rng: seeded, measures: ["tfidf"] });
  const controlled = await resemblanceControls(finetune, models, {
    n: 300,
    bootstrap: 20,
    rng: createRng(9),
    variants: ["paper"],
  });
  const rando = plain.results.tfidf!.find((r) => r.config.key === "rando_1")!;
  assert.equal(controlled.runs[0].stats.rando_1.mean, rando.mean);
  assert.deepEqual(controlled.runs[0].stats.rando_1.ci95, rando.ci95);
  assert.equal(controlled.runs[0].baselines.find((b) => b.control === "any")!.mean, rando.mean);
});

test("every control draws only pairs of its kind and counts them exactly", () => {
  const { family, organisation } = controlGroups(finetune);
  const n = finetune.nodeCount;
  const pairsOf = (ok: (a: number, b: number) => boolean) => {
    let count = 0;
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (ok(a, b)) count++;
    return count;
  };
  const rules = {
    "same-family": (a: number, b: number) => family[a] === family[b],
    "same-organisation": (a: number, b: number) => organisation[a] === organisation[b] && family[a] !== family[b],
    "across-families": (a: number, b: number) => family[a] !== family[b],
  };
  for (const [control, ok] of Object.entries(rules) as [keyof typeof rules, (a: number, b: number) => boolean][]) {
    const s = sampleControl(finetune, control, 2000, createRng(1).fork(control));
    assert.equal(s.config.key, controlConfig(control).key);
    assert.equal(s.instances, pairsOf(ok), control);
    for (let i = 0; i < s.a.length; i++) {
      assert.notEqual(s.a[i], s.b[i]);
      assert.ok(ok(s.a[i], s.b[i]), `${control}: pair ${s.a[i]}, ${s.b[i]}`);
    }
  }
  assert.deepEqual(KINSHIP_CONTROLS, ["any", "same-family", "same-organisation", "across-families"]);
});

test("controls draw their pairs uniformly (small graph, chi-square bound)", () => {
  const small = lineageVariant(buildLineageGraph(models.head(40)), "finetune");
  const { family } = controlGroups(small);
  const counts = new Map<string, number>();
  const draws = 40_000;
  const s = sampleControl(small, "same-family", draws, createRng(11));
  for (let i = 0; i < draws; i++) {
    const key = `${Math.min(s.a[i], s.b[i])},${Math.max(s.a[i], s.b[i])}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let pairs = 0;
  for (let a = 0; a < small.nodeCount; a++)
    for (let b = a + 1; b < small.nodeCount; b++) if (family[a] === family[b]) pairs++;
  assert.equal(counts.size, pairs);
  const expected = draws / pairs;
  let chi = 0;
  for (const c of counts.values()) chi += (c - expected) ** 2 / expected;
  // chi-square with pairs − 1 degrees of freedom: mean pairs − 1, sd sqrt(2 (pairs − 1)); 5 sd is far in the tail.
  assert.ok(chi < pairs - 1 + 5 * Math.sqrt(2 * (pairs - 1)), `chi-square ${chi.toFixed(1)} on ${pairs - 1} df`);
});

test("the string without identity drops exactly _id, id and modelId; with lineage, the base_model tags too", () => {
  const rows = models.head(200);
  const paper = metadataStrings(rows);
  assert.deepEqual(metadataStrings(rows, {}), paper);
  const identity = metadataStrings(rows, { redact: "identity" });
  const lineage = metadataStrings(rows, { redact: "identity-and-lineage" });
  identity.forEach((s, i) => {
    assert.ok(!/'(_id|id|modelId)': /.test(s), s);
    const stripped = paper[i]
      .replace(/'_id': [^,]*, /, "")
      .replace(/'id': '[^']*', /, "")
      .replace(/, 'modelId': '[^']*'/, "");
    assert.equal(s, stripped);
  });
  lineage.forEach((s) => assert.ok(!s.includes("base_model:"), s));
  for (const [redact, strings] of [
    ["identity", identity],
    ["identity-and-lineage", lineage],
  ] as const) {
    const lazy = metadataCorpus(rows, { redact, lazy: true, chunkRows: 70 });
    for (let v = 0; v < 20; v++) assert.equal(lazy.text(v), strings[v]);
    // the lazy corpus fits from column tokens; the vocabulary equals the one fitted from the texts
    const eager = metadataCorpus(rows, { redact });
    const [fromTokens, fromTexts] = [fitVectorizer(lazy), fitVectorizer(eager)];
    assert.deepEqual(fromTokens.terms, fromTexts.terms, redact);
    assert.deepEqual(Array.from(fromTokens.df), Array.from(fromTexts.df), redact);
  }
});

test("resemblanceControls gives the same runs whether the variants are counted together or one at a time", async () => {
  for (const dataset of ["sample", "radar"] as const) {
    const table = dataset === "sample" ? models : loadDataset(loadSettings({ dataset }), { missingCard: "paper" });
    const graph = lineageVariant(buildLineageGraph(table), "finetune");
    const run = (countTogether: boolean) =>
      resemblanceControls(graph, table, { n: 400, bootstrap: 20, rng: createRng(5), countTogether });
    const [together, apart] = [await run(true), await run(false)];
    assert.equal(together.runs.length, 3);
    assert.deepEqual(apart, together, dataset);
    // the variants' vocabularies differ, so a mix-up of their term tables would show in the means
    const means = together.runs.map((r) => r.stats.duo_1?.mean);
    assert.equal(new Set(means).size, 3, `${dataset}: ${means.join(", ")}`);
  }
});
