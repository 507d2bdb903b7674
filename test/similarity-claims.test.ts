// The paper's three resemblance claims (docs/methods.md §5 "Interpretation text"): the rules on constructed results
// (each can fail), on the means the paper's figures show, and on a fresh metadata TF-IDF run over the real sample at
// the paper's n and B, where all three hold with margins far outside sampling noise.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadDataset } from "../src/datasets";
import { buildLineageGraph, lineageVariant } from "../src/lineage/graph";
import { createRng } from "../src/random";
import { loadSettings } from "../src/settings";
import type { MeanInterval } from "../src/similarity/bootstrap";
import { resemblanceClaims } from "../src/similarity/claims";
import { metadataCorpus } from "../src/similarity/dna";
import { KINSHIP_CONFIGS } from "../src/similarity/kinship";
import { paperFigureMeans, paperFigureStats } from "../src/similarity/paperMeans";
import { resemblanceStats, runResemblance } from "../src/similarity/resemblance";
import { sampleKinship } from "../src/similarity/sample";

/** Results where every configuration has `base`, with some overridden. */
function results(base: number, overrides: Record<string, number> = {}): Record<string, MeanInterval> {
  const stats: Record<string, MeanInterval> = {};
  for (const c of KINSHIP_CONFIGS) {
    const mean = overrides[c.key] ?? base;
    stats[c.key] = { mean: mean, ci95: [mean - 0.01, mean + 0.01], valid_pairs: 100 };
  }
  return stats;
}

const verdicts = (stats: Record<string, MeanInterval>) =>
  Object.fromEntries(resemblanceClaims(stats).map((c) => [c.claim, c.holds]));

test("the claim rules fail where their statement fails", () => {
  // Siblings above parent–child, falling with generations, random far below: all hold.
  const good = results(0.6, {
    rando_1: 0.1,
    trio_1_2: 0.8,
    quad_0_2: 0.8,
    trio_2_1: 0.5,
    quad_1_1: 0.5,
    quad_2_1: 0.5,
    quad_3_1: 0.4,
    quad_3_2: 0.5,
    quad_3_3: 0.5,
  });
  assert.deepEqual(verdicts(good), { "related-vs-random": true, "siblings-vs-parent-child": true, generations: true });
  // One related configuration inside the random pair's interval breaks claim 1.
  assert.equal(
    verdicts({ ...good, quad_2_2: { mean: 0.105, ci95: [0.09, 0.11], valid_pairs: 100 } })["related-vs-random"],
    false,
  );
  // Siblings of the cherry below its parent–child pair break claim 2.
  assert.equal(
    verdicts({ ...good, trio_1_2: { mean: 0.55, ci95: [0.54, 0.56], valid_pairs: 100 } })["siblings-vs-parent-child"],
    false,
  );
  // Three generations apart above two breaks claim 3.
  assert.equal(verdicts({ ...good, quad_3_1: { mean: 0.7, ci95: [0.69, 0.71], valid_pairs: 100 } }).generations, false);
});

test("on the paper's own figure means, the claims hold on metadata TF-IDF and break where the figures show it", () => {
  assert.equal(Object.keys(paperFigureMeans("metadata", "tfidf")).length, 24);
  assert.equal(
    Object.keys(paperFigureMeans("model_cards", "levenshtein")).length,
    21,
    "three points hidden by the legend",
  );
  const main = resemblanceClaims(paperFigureStats("metadata", "tfidf"));
  assert.deepEqual(
    main.map((c) => c.holds),
    [true, true, true],
  );
  assert.equal(main[0].numbers.random_mean, 0.116);
  assert.ok(Math.abs(main[0].numbers.ratio - 6.31) < 0.01, `paper ratio ${main[0].numbers.ratio}`);
  // Card Levenshtein: quad_1_1 (0.182) and quad_2_1 (0.166) below the random pair (0.191).
  const cardLev = resemblanceClaims(paperFigureStats("model_cards", "levenshtein"));
  assert.equal(cardLev[0].holds, false);
  assert.equal(cardLev[0].numbers.configs_above, 18);
  assert.equal(cardLev[0].numbers.configs_related, 20);
});

test("real sample, metadata TF-IDF at n = 5000, B = 1000: the paper's three claims hold, and by how much", () => {
  const settings = loadSettings({ dataset: "sample" });
  const models = loadDataset(settings);
  const graph = lineageVariant(buildLineageGraph(models), "finetune");
  const rng = createRng(settings.seed);
  const samples = sampleKinship(graph, { n: 5000, rng: rng.fork("pairs") });
  const run = runResemblance(graph, metadataCorpus(models), { samples: samples, bootstrap: 1000, rng: rng });
  const [related, siblings, generations] = resemblanceClaims(resemblanceStats(run.results.tfidf!));
  // Claim 1: all 23 related configurations above the random pair's interval; related pairs about 3× as alike.
  assert.equal(related.holds, true, related.detail);
  assert.equal(related.numbers.configs_above, 23);
  assert.ok(Math.abs(related.numbers.random_mean - 0.181) < 0.01, related.detail);
  assert.ok(Math.abs(related.numbers.related_mean - 0.535) < 0.01, related.detail);
  // Claim 2: siblings beat parent–child by about 0.12 (cherry) and 0.10 (star); the sampling error is ~0.005.
  assert.equal(siblings.holds, true, siblings.detail);
  assert.ok(siblings.numbers.trio_1_difference > 0.09, siblings.detail);
  assert.ok(siblings.numbers.quad_0_difference > 0.07, siblings.detail);
  // Claim 3: 0.62 > 0.35 > 0.23 for one, two and three generations apart.
  assert.equal(generations.holds, true, generations.detail);
  assert.ok(generations.numbers.gap_1 - generations.numbers.gap_2 > 0.2, generations.detail);
  assert.ok(generations.numbers.gap_2 - generations.numbers.gap_3 > 0.08, generations.detail);
});
