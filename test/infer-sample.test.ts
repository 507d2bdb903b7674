// Lineage inference evaluated on the real sample (src/infer/evaluate.ts): with the notebook's seed, the held-out
// draw and every number below are fixed, and inference beats both naive baselines.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadDataset } from "../src/datasets";
import { availableCards } from "../src/infer/cardTexts";
import { calibrationSpec } from "../src/infer/charts";
import { evaluateInference, type MethodMetrics } from "../src/infer/evaluate";
import { createRng } from "../src/random";
import { loadSettings } from "../src/settings";

const settings = loadSettings({ dataset: "sample" });
const models = loadDataset(settings);
const { cards, source } = availableCards(settings, models);
const evaluation = evaluateInference(models, { rng: createRng(1).fork("60-lineage-inference"), cards });
const overall = (method: string): MethodMetrics =>
  evaluation.metrics.find((m) => m.method === method && m.relation === "all")!;

test("the sample's held-out draw: 310 of 1,550 children, whole cards", () => {
  assert.equal(source, "full text");
  assert.equal(evaluation.eligible, 1550);
  assert.equal(evaluation.heldOut.length, 310);
  assert.equal(evaluation.declaredParentLater, 1);
  assert.equal(evaluation.inference.report.cardSource, "full text");
});

test("maxHeldOut keeps the first children of the same seeded draw", () => {
  const capped = evaluateInference(models, { rng: createRng(1).fork("60-lineage-inference"), cards, maxHeldOut: 50 });
  assert.equal(capped.heldOut.length, 50);
  const drawn = new Set(evaluation.heldOut);
  assert.ok(
    Array.from(capped.heldOut).every((v) => drawn.has(v)),
    "the capped children are among the uncapped draw",
  );
  assert.throws(() => evaluateInference(models, { maxHeldOut: 0 }), /maxHeldOut must be at least 1/);
});

test("precision@1 and recall@5 on the sample, exactly, for seed 1", () => {
  const got = (m: MethodMetrics) => [m.withCandidate, m.precisionAt1, m.recallAt5];
  assert.deepEqual(got(overall("inference")), [310, 247 / 310, 278 / 310]);
  assert.deepEqual(got(overall("most popular model")), [310, 93 / 310, 260 / 310]);
  assert.deepEqual(got(overall("longest common name prefix")), [310, 7 / 310, 24 / 310]);
  assert.deepEqual(got(overall("card")), [189, 1, 189 / 310]);
  const relation = evaluation.relationAccuracy[0];
  assert.deepEqual([relation.correct, relation.children], [291, 310]);
  const at = evaluation.calibration.find((p) => p.threshold === 0.8)!;
  assert.deepEqual([at.kept, at.correct], [201, 201]);
});

test("inference beats both naive baselines on the sample", () => {
  const inference = overall("inference");
  for (const baseline of ["most popular model", "longest common name prefix"]) {
    const b = overall(baseline);
    assert.ok(inference.precisionAt1! > b.precisionAt1!, `precision@1 above ${baseline}`);
    assert.ok(inference.recallAt5! > b.recallAt5!, `recall@5 above ${baseline}`);
  }
});

test("two evaluations with the same seed agree to the last bit", () => {
  const again = evaluateInference(models, { rng: createRng(1).fork("60-lineage-inference"), cards });
  assert.deepEqual(again.metrics, evaluation.metrics);
  assert.deepEqual(again.calibration, evaluation.calibration);
});

test("the calibration figure names the held-out share the evaluation used", () => {
  assert.equal(evaluation.share, 0.2);
  assert.equal(evaluation.calibration.share, 0.2);
  const subtitle = (spec: object) => (spec as { title: { subtitle: string } }).title.subtitle;
  assert.equal(
    subtitle(calibrationSpec(evaluation.calibration, 0.8)),
    "declared edges held out (20% of children), inferred from metadata",
  );
  assert.match(subtitle(calibrationSpec(Object.assign([...evaluation.calibration], { share: 0.35 }))), /\(35% of/);
  assert.match(subtitle(calibrationSpec(evaluation.calibration, 0.8, 0.125)), /\(12\.5% of/);
  assert.equal(
    subtitle(calibrationSpec([...evaluation.calibration])),
    "declared edges held out, inferred from metadata",
  );
  // the share rides on the array, so the stats still hold a plain list of points
  const json = JSON.stringify(evaluation.calibration);
  assert.ok(json.startsWith("[") && !json.includes('"share":'));
});
