// Family resemblance against the authors' oracle on the real sample (data/reference/README.md §1, §9): every leaf of
// `similarity.*` in the stats the 30-resemblance notebook wrote, compared mechanically by the README's rules; and a
// fresh run of both corpora and all three measures at the reference's n = 5000 and B = 1000, every sampled mean
// within 2.5 half-widths of the reference's. The vocabulary is the reference's where ours differs only in the tie
// at the 512th place (test/similarity-vectorizer.test.ts checks that it does), so only sampling differs.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadDataset } from "../src/datasets";
import { buildLineageGraph, lineageVariant } from "../src/lineage/graph";
import { createRng } from "../src/random";
import { loadSettings, repoRoot } from "../src/settings";
import { cardCorpus, metadataCorpus } from "../src/similarity/dna";
import { compareStats } from "../src/reference/compare";
import { leafAt, leafPaths } from "../src/reference/results";
import { AGREEING } from "../src/reference/rules";
import { compareSampledMeans } from "../src/reference/similarity";
import { resemblanceStats, runResemblance } from "../src/similarity/resemblance";
import { sampleKinship } from "../src/similarity/sample";
import { referenceResults } from "./helpers/data";

const settings = loadSettings({ dataset: "sample" });
const oracle = referenceResults("sample").similarity;

test("the 30-resemblance stats name every similarity quantity of the oracle, and each agrees by the oracle's rule", () => {
  const file = path.join(repoRoot(), "figures", "stats", "30-resemblance.json");
  assert.ok(fs.existsSync(file), `${file} is missing: run make figures NOTEBOOKS=notebooks/30-resemblance.ipynb`);
  const stats = JSON.parse(fs.readFileSync(file, "utf8"));
  assert.equal(stats.dataset, "sample");
  const values = Object.fromEntries(
    Object.entries(stats.stats as Record<string, { value: unknown }>).map(([k, e]) => [k, e.value]),
  );
  const reference = referenceResults("sample");
  const leaves = leafPaths(reference, "similarity").filter((key) => typeof leafAt(reference, key) !== "string");
  const missing = leaves.filter(
    (key) => !(key in values) && key !== "similarity.seeds" && key !== "similarity.printed_cards_progress",
  );
  assert.deepEqual(missing, [], "reference quantities without a stat");
  const compared = compareStats(reference, values).filter(
    (c) => c.status !== "no reference" && c.status !== "not compared",
  );
  assert.ok(compared.length >= 19, `only ${compared.length} leaves compared`);
  const failing = compared.filter((c) => !AGREEING.has(c.status));
  assert.deepEqual(
    failing.map((c) => `${c.key}: ${c.status} (${c.detail})`),
    [],
  );
});

test("SmolLM2: metadata on the fine-tune graph and on the final repository's graph agree; quad_3 has no instance", () => {
  const smol = loadSettings({ dataset: "smollm2" });
  const reference = referenceResults("smollm2").similarity;
  const models = loadDataset(smol);
  const full = buildLineageGraph(models);
  const corpus = metadataCorpus(models);
  const failing: string[] = [];
  for (const [key, variant] of [
    ["metadata", "finetune"],
    ["metadata_repo_graph_variant", "nomerges_minus_quantized"],
  ] as const) {
    const graph = lineageVariant(full, variant);
    const run = runResemblance(graph, corpus, {
      n: reference.n_samples,
      bootstrap: reference.n_bootstrap,
      rng: createRng(smol.seed),
    });
    for (const [measure, results] of Object.entries(run.results)) {
      for (const r of compareSampledMeans(reference[key][measure].value, resemblanceStats(results!)))
        if (!r.agrees) failing.push(`${key}.${measure}.${r.config}`);
    }
    assert.equal(run.results.tfidf!.find((r) => r.config.key === "quad_3_1")!.valid_pairs, 0);
  }
  assert.deepEqual(failing, []);
});

test("a fresh run at n = 5000, B = 1000, vocabulary fitted with scikit-learn's tie-break: all 144 sampled means (2 corpora × 3 measures × 24 configurations) agree", () => {
  const models = loadDataset(settings, { missingCard: "paper" });
  const graph = lineageVariant(buildLineageGraph(models), "finetune");
  const rng = createRng(settings.seed);
  const samples = sampleKinship(graph, { n: oracle.n_samples, rng: rng.fork("pairs") });
  const failing: string[] = [];
  let compared = 0;
  for (const [label, corpus] of [
    ["metadata", metadataCorpus(models)],
    ["model_cards", cardCorpus(models)],
  ] as const) {
    const run = runResemblance(graph, corpus, { samples, bootstrap: oracle.n_bootstrap, rng });
    for (const [measure, results] of Object.entries(run.results)) {
      const rows = compareSampledMeans(oracle[label][measure].value, resemblanceStats(results!));
      compared += rows.length;
      for (const r of rows)
        if (!r.agrees)
          failing.push(
            `${label}.${measure}.${r.config}: |${r.ours?.mean} − ${r.reference?.mean}| = ${r.difference} > ${r.allowed}`,
          );
      if (label === "model_cards") for (const r of results!) assert.equal(r.valid_pairs + r.skipped, oracle.n_samples);
    }
  }
  assert.equal(compared, 144);
  assert.deepEqual(failing, []);
});
