// The paper's term vectorisers (docs/methods.md §4.1; data/reference/README.md §9.2, §9.4): the analyzer on small
// literal documents, and on the real sample the fitted vocabulary's cut (corpus size, distinct terms, counts at ranks
// 512 and 513, the tie at the cut) and the fixed pairs under all three measures to 1e-9 with the reference's
// vocabulary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadDataset } from "../src/datasets";
import { buildLineageGraph, lineageVariant } from "../src/lineage/graph";
import { loadSettings } from "../src/settings";
import { cardCorpus, metadataCorpus, type DnaCorpus } from "../src/similarity/dna";
import { similarityMeasures } from "../src/similarity/measures";
import { fixedPairsMaxError, vocabularyAgreement } from "../src/reference/similarity";
import { fixedPairSelection, scoreFixedPairs } from "../src/similarity/fixedPairs";
import { cosineSimilarity, fitVectorizer } from "../src/similarity/vectorizer";
import { compareCodePoints, documentTerms, termKey } from "../src/similarity/vocabulary";
import { referenceResults } from "./helpers/data";

test("documentTerms lowercases, keeps runs of ≥ 2 word characters, then adds adjacent pairs (scikit-learn's order)", () => {
  assert.deepEqual(documentTerms("Qwen/Qwen1.5-72B"), ["qwen", "qwen1", "72b", "qwen qwen1", "qwen1 72b"]);
  assert.deepEqual(documentTerms("{'_id': 'x', 'a': 12}"), ["_id", "12", "_id 12"]);
  assert.deepEqual(documentTerms("文学 创作 ١٢٣ é"), ["文学", "创作", "١٢٣", "文学 创作", "创作 ١٢٣"]);
  // Python's \w has no combining marks: a Devanagari vowel sign splits the word.
  assert.deepEqual(documentTerms("हिन्दी ab"), ["ab"]);
  assert.deepEqual(documentTerms("a😀b cd😀ef"), ["cd", "ef", "cd ef"]);
});

test("termKey(term) is the key the scanner gives the same term inside a document; other shapes are rejected", () => {
  const texts = ["Alpha beta_2 GAMMA", "beta_2 gamma"];
  const v = fitVectorizer(texts, { maxFeatures: 10 });
  assert.deepEqual(v.terms, ["alpha", "alpha beta_2", "beta_2", "beta_2 gamma", "gamma"]);
  assert.deepEqual(Array.from(v.df), [1, 1, 2, 2, 2]);
  assert.deepEqual(
    Array.from(v.idf),
    [1, 1, 2, 2, 2].map((d) => Math.log(3 / (1 + d)) + 1),
  );
  assert.throws(() => termKey("Alpha"), /lowercase unigram or bigram/);
  assert.throws(() => termKey("a b c"), /unigram or bigram/);
});

test("fitVectorizer keeps the top terms by total count, ties in code-point order, and reports the tie at the cut", () => {
  const v = fitVectorizer(["bb aa", "aa cc", "dd"], { maxFeatures: 2 });
  // counts: aa 2; bb, cc, dd, "bb aa", "aa cc" 1 each → aa, then "aa cc" (the first tied term in code-point order).
  assert.deepEqual(v.fit.vocabulary_512, ["aa", "aa cc"]);
  assert.equal(v.fit.term_count_at_rank_512, 1);
  assert.equal(v.fit.term_count_at_rank_513, 1);
  assert.deepEqual(v.fit.terms_tied_at_cut, ["aa cc", "bb", "bb aa", "cc", "dd"]);
  assert.ok(compareCodePoints("\uffff", "😀") < 0 && "😀" < "\uffff"); // Python's order, not UTF-16's
  const bow = (s: string) => v.transform(s, "count");
  assert.equal(cosineSimilarity(bow("aa"), bow("aa aa")), 1);
  assert.equal(cosineSimilarity(bow("zz"), bow("aa")), 0); // zero vector
});

const settings = loadSettings({ dataset: "sample" });
const oracle = referenceResults("sample").similarity;
const models = loadDataset(settings, { missingCard: "paper" });
const graph = lineageVariant(buildLineageGraph(models), "finetune");

for (const [label, corpus] of [
  ["metadata", metadataCorpus(models)],
  ["model_cards", cardCorpus(models)],
] as [string, DnaCorpus][]) {
  const reference = oracle[`${label}_fixed_pairs_and_vocabulary`].value;

  test(`${label}: the fitted vocabulary equals the reference's except inside the tie at the 512th place`, () => {
    const fit = fitVectorizer(corpus).fit;
    for (const key of [
      "corpus_size",
      "distinct_terms_before_cut",
      "term_count_at_rank_512",
      "term_count_at_rank_513",
    ] as const)
      assert.equal(fit[key], reference[key], key);
    assert.deepEqual(fit.terms_tied_at_cut, [...reference.terms_tied_at_cut].sort(compareCodePoints));
    const agreement = vocabularyAgreement(fit, reference);
    assert.ok(agreement.differsOnlyInTies, JSON.stringify(agreement));
    assert.equal(agreement.onlyOurs.length, agreement.onlyReference.length);
  });

  test(`${label}: fixedPairSelection gives the reference's 35 pairs and, with its vocabulary, all three similarities to 1e-9`, () => {
    const selection = fixedPairSelection(graph, corpus);
    const { measures } = similarityMeasures(corpus, { vocabulary: reference.vocabulary_512 });
    const scored = scoreFixedPairs(graph, selection, measures);
    assert.deepEqual(
      scored.map((p) => [p.a, p.b, p.is_edge]),
      reference.pairs.map((p: any) => [p.a, p.b, p.is_edge]),
    );
    const error = fixedPairsMaxError(reference.pairs, scored);
    assert.ok(error <= 1e-9, `max abs error ${error}`);
  });
}
