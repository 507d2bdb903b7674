// The term vectorisers against real scikit-learn 1.2.1 and numpy 1.24 (Debian 12's python3-sklearn, the reference
// run's versions) through test/helpers/sklearn_vectorize.py: numpyArgsort against np.argsort (ties, and inputs that
// drive the introsort into its heapsort fallback); fitVectorizer's vocabulary, idf, vectors and cosines on corpora
// built to tie at the 512-term cut, on adversarial text and on the sample's two corpora; the analyzer on every code
// point. Without scikit-learn under /usr/bin/python3 these tests fail with how to install it; they never skip.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { loadDataset } from "../src/datasets";
import { createRng, shuffleInPlace, type Rng } from "../src/random";
import { loadSettings } from "../src/settings";
import { cardCorpus, metadataCorpus, type DnaCorpus } from "../src/similarity/dna";
import { numpyArgsort } from "../src/similarity/numpyArgsort";
import { cosineSimilarity, fitVectorizer, type SparseVector } from "../src/similarity/vectorizer";
import { compareCodePoints, documentTerms, type TieBreak } from "../src/similarity/vocabulary";
import { referenceResults } from "./helpers/data";

const PYTHON = "/usr/bin/python3";
const HELPER = path.join(__dirname, "helpers", "sklearn_vectorize.py");
const INSTALL = "install Debian's scikit-learn as root: apt-get install -y --no-install-recommends python3-sklearn";

interface CorpusRequest {
  label: string;
  documents: string[];
  max_features: number;
  pairs: [number, number][];
  vocabulary?: string[];
}
interface PairResult {
  bow: Record<string, number>[];
  tfidf: Record<string, number>[];
  bow_cosine: number;
  tfidf_cosine: number;
}
interface CorpusResult {
  vocabulary: string[];
  idf: number[];
  pairs: PairResult[];
}
interface Reference {
  versions: { python: string; numpy: string; sklearn: string };
  corpora: CorpusResult[];
  argsort: number[][];
  code_points?: string[];
}

/** Runs the Python side once per request; fails with the install hint when scikit-learn is missing. */
function runSklearn(request: { corpora?: CorpusRequest[]; argsort?: number[][]; code_points?: boolean }): Reference {
  const run = spawnSync(PYTHON, [HELPER], { input: JSON.stringify(request), maxBuffer: 1 << 30, encoding: "utf8" });
  if (run.error || run.status !== 0) {
    const stderr = (run.stderr ?? "").trim().split("\n").slice(-1)[0];
    const why = stderr || run.error?.message || `exit ${run.status}`;
    assert.fail(`similarity-sklearn: ${PYTHON} cannot run scikit-learn (${why}); ${INSTALL}`);
  }
  const out = JSON.parse(run.stdout) as Reference;
  const { numpy, sklearn } = out.versions;
  const versions = `found numpy ${numpy}, scikit-learn ${sklearn}`;
  const needs = `similarity-sklearn: needs numpy 1.24 and scikit-learn 1.2 (${versions}); ${INSTALL}`;
  assert.ok(numpy.startsWith("1.24.") && sklearn.startsWith("1.2."), needs);
  return out;
}

// ----------------------------------------------------------------------------------------------------
// numpyArgsort

/**
 * numpy's aquicksort_ with a comparison callback, written independently of the port to find inputs for it; true when
 * heapsort took over a range (`onHeapsort` is called first). McIlroy's adversary ("A killer adversary for quicksort",
 * 1999) freezes values as the sort compares them so that every pivot is nearly the smallest, which exhausts the depth
 * limit.
 */
function replicaUsesHeapsort(n: number, less: (a: number, b: number) => boolean, onHeapsort = () => {}): boolean {
  const t = Array.from({ length: n }, (_, i) => i);
  const swap = (i: number, j: number) => ([t[i], t[j]] = [t[j], t[i]]);
  const stack: [number, number, number][] = [];
  let heap = false;
  let [pl, pr, depth] = [0, n - 1, 2 * Math.floor(Math.log2(n))];
  for (;;) {
    if (depth < 0) {
      if (!heap) onHeapsort();
      heap = true;
      t.splice(pl, pr - pl + 1, ...t.slice(pl, pr + 1).sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0)));
    } else {
      while (pr - pl > 15) {
        const pm = pl + ((pr - pl) >> 1);
        if (less(t[pm], t[pl])) swap(pm, pl);
        if (less(t[pr], t[pm])) swap(pr, pm);
        if (less(t[pm], t[pl])) swap(pm, pl);
        const vp = t[pm];
        let pi = pl;
        let pj = pr - 1;
        swap(pm, pj);
        for (;;) {
          do pi++;
          while (less(t[pi], vp));
          do pj--;
          while (less(vp, t[pj]));
          if (pi >= pj) break;
          swap(pi, pj);
        }
        swap(pi, pr - 1);
        depth--;
        if (pi - pl < pr - pi) {
          stack.push([pi + 1, pr, depth]);
          pr = pi - 1;
        } else {
          stack.push([pl, pi - 1, depth]);
          pl = pi + 1;
        }
      }
      for (let i = pl + 1; i <= pr; i++) for (let j = i; j > pl && less(t[j], t[j - 1]); j--) swap(j, j - 1);
    }
    const next = stack.pop();
    if (!next) return heap;
    [pl, pr, depth] = next;
  }
}

/**
 * McIlroy's adversarial input of length n against the replica. The adversary stops when heapsort first takes over;
 * the values never frozen by then (most of that range) get `levels` values above all others, in a pattern, so the
 * same path leads to a heapsort of many equal values.
 */
function killerInput(n: number, levels: number): number[] {
  const GAS = Number.MAX_SAFE_INTEGER;
  const value = new Array<number>(n).fill(GAS);
  let solid = 0;
  let candidate = -1;
  let stopped = false;
  const less = (x: number, y: number) => {
    if (stopped) return value[x] < value[y];
    if (value[x] === GAS && value[y] === GAS) value[x === candidate ? x : y] = solid++;
    if (value[x] === GAS) candidate = x;
    else if (value[y] === GAS) candidate = y;
    return value[x] < value[y];
  };
  replicaUsesHeapsort(n, less, () => (stopped = true));
  return value.map((v, i) => (v === GAS ? solid + ((i * 7) % levels) : v));
}

function randomArrays(rng: Rng): number[][] {
  const arrays: number[][] = [];
  for (const n of [0, 1, 2, 3, 15, 16, 17, 18, 40, 100, 1000, 10_000, 100_000]) {
    for (const distinct of [1, 2, 5, 100, 1e9]) arrays.push(Array.from({ length: n }, () => -rng.int(distinct)));
  }
  // Term counts as a corpus has them: mostly 1, a long tail; sorted, reversed and sawtooth runs.
  arrays.push(Array.from({ length: 300_000 }, () => -Math.max(1, Math.floor(1 / (rng() + 1e-6)))));
  for (const f of [(i: number) => i % 17, (i: number) => -i, (i: number) => i >> 4]) {
    arrays.push(Array.from({ length: 5000 }, (_, i) => f(i)));
  }
  return arrays;
}

test("numpyArgsort equals numpy 1.24's argsort on int64 arrays, ties and heapsort fallback included", () => {
  const rng = createRng("numpy-argsort");
  const sizes = [
    [1000, 1],
    [1000, 3],
    [5000, 2],
    [20_000, 1],
    [20_000, 5],
  ];
  const killers = sizes.map(([n, levels]) => killerInput(n, levels));
  killers.push(killers[0].map((v) => Math.floor(v / 2))); // also ties among the frozen values
  for (const k of killers) {
    assert.ok(
      replicaUsesHeapsort(k.length, (a, b) => k[a] < k[b]),
      "the killer input reaches the heapsort fallback",
    );
  }
  const arrays = [...randomArrays(rng), ...killers];
  const reference = runSklearn({ argsort: arrays }).argsort;
  arrays.forEach((values, i) => {
    const got = numpyArgsort(Float64Array.from(values));
    assert.deepEqual(Array.from(got), reference[i], `array ${i} (length ${values.length})`);
    assert.deepEqual(Array.from(numpyArgsort(Int32Array.from(values))), reference[i]);
  });
});

test("numpyArgsort(values, k) is the first k entries of the full argsort", () => {
  const rng = createRng("numpy-argsort-prefix");
  const arrays = [...randomArrays(rng), killerInput(3000, 2)];
  for (const values of arrays) {
    const full = numpyArgsort(Float64Array.from(values));
    for (const k of [0, 1, 16, 17, 512, Math.floor(values.length / 2), values.length, values.length + 5]) {
      assert.deepEqual(numpyArgsort(Float64Array.from(values), k), full.slice(0, Math.min(k, values.length)));
    }
  }
  assert.deepEqual(Array.from(numpyArgsort(Float64Array.from([-3, -1, -3]))), [0, 2, 1]);
});

// ----------------------------------------------------------------------------------------------------
// Corpora

/** Characters for generated tokens: ASCII, Latin-1, Greek, Cyrillic, CJK, fullwidth (U+FFxx) and astral letters. */
const ALPHABETS = [
  "abcdefghijklmnopqrstuvwxyz",
  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
  "éèßñøåÆÖÜçÐÞ",
  "αβγδεζηθλμπρτφχψωΑΒΓΔΛΠΦΨΩ",
  "абвгдежзийклмнопрстуфхцчшщыэюяБДЖЯ",
  "文学创作模型数据训练中文",
  "ｆｕｌｌＷＩＤＴＨ０１２",
  "𐐀𐐁𐐨𐐩𝐀𝐁𝒜𝔸𞤀𞤢𐒰𐓘",
  "١٢٣٤٥٠²³½Ⅻⅻ①",
];

function randomToken(rng: Rng): string {
  const alphabet = [...ALPHABETS[rng() < 0.6 ? 0 : rng.int(ALPHABETS.length)]];
  const length = 2 + rng.int(rng() < 0.9 ? 6 : 40);
  let s = "";
  for (let i = 0; i < length; i++) s += alphabet[rng.int(alphabet.length)];
  return s;
}

/** `distinct` tokens (unique once lowercased), some prefixes of others so that "ab", "ab c" and "abc" meet. */
function distinctTokens(distinct: number, rng: Rng): string[] {
  const seen = new Set<string>();
  const tokens: string[] = [];
  while (tokens.length < distinct) {
    const base = tokens.length > 10 && rng() < 0.25 ? tokens[rng.int(tokens.length)] : "";
    const token = base + randomToken(rng);
    const terms = documentTerms(token);
    if (terms.length !== 1 || terms[0] !== token.toLowerCase() || seen.has(token.toLowerCase())) continue;
    seen.add(token.toLowerCase());
    tokens.push(token);
  }
  return tokens;
}

const SEPARATORS = [" ", " ", ", ", "/", "-", "\n", " | ", ": ", "'"];

/**
 * A corpus whose token counts tie at the cut: `tied` tokens share count c at ranks spanning 512 (some of them above
 * the cut, some below), the others count more or less. Bigrams mostly count 1 and stay below the cut.
 */
function tieCorpus(distinct: number, tied: number, seed: number): string[] {
  const rng = createRng(`tie-corpus/${distinct}/${tied}/${seed}`);
  const tokens = distinctTokens(distinct, rng);
  const c = 2 + rng.int(3);
  const strong = 512 - 1 - rng.int(tied - 1);
  const occurrences: string[] = [];
  tokens.forEach((token, i) => {
    const count = i < strong ? c + 1 + rng.int(6) : i < strong + tied ? c : 1 + rng.int(c - 1);
    for (let k = 0; k < count; k++) occurrences.push(token);
  });
  shuffleInPlace(occurrences, rng);
  const documents: string[] = [];
  for (let i = 0; i < occurrences.length; ) {
    const n = 1 + rng.int(8);
    let doc = "";
    for (const token of occurrences.slice(i, i + n)) doc += (doc ? SEPARATORS[rng.int(SEPARATORS.length)] : "") + token;
    documents.push(doc);
    i += n;
  }
  return documents;
}

/** Text where Python and JavaScript could part: scripts, case, marks, joiners, surrogates, markup. */
const ADVERSARIAL = [
  "İstanbul İİ İzmir",
  "ẞtraße STRASSE Straße",
  "ΟΔΥΣΣΕΥΣ ΣΟΦΟΣ ΣΣ Σ",
  "ΑΣ. ΑΣ' ΑΣ\u0301Α ΑΣ\u00adΑ",
  "ǅemal ǄǅǆǇ",
  "K Kelvin Ω Ohm Å Angstrom",
  "ﬀﬁﬂ ligatures ŉ",
  "Ⴀႁ Ა ა Ꭰꭰ 𐐀𐐨 𐒰𐓘 𞤀𞤢 𐕰𐖗",
  "ǈ ǋ ǲ ῼ ᾈ",
  "e\u0301te\u0301 cafe\u0301 naïve",
  "हिन्दी भाषा नमस्ते",
  "ภาษาไทย สวัสดี",
  "한국어 모델 ㄱㄴ",
  "日本語のモデル カタカナ ｶﾀｶﾅ",
  "العربية ١٢٣ ٤٥",
  "עברית שלום",
  "中文 文学创作 𠀀𠀁 𪜀x",
  "２０２４年 ＡＢＣ ａｂｃ",
  "zero\u200dwidth\u200cjoin a\u200db",
  "emoji😀face 👩‍💻coder 🇫🇷flag a😀b",
  "lone\ud800surrogate \udc00x xy\udbff",
  "<div class='model-card'>Hello&nbsp;World</div> <br/>",
  "```python\nimport torch\nmodel = AutoModel.from_pretrained('x')\n```",
  "# Title\n\n**bold** _italic_ `code_span` [link](https://hf.co/Qwen/Qwen1.5-72B)",
  "__init__ _ __ ___ a_b _x_",
  "2024 000123 3.14 1e-5 0x1F 12_345",
  "x".repeat(1000) + " " + "ab".repeat(700),
  "McDonald's O'Neil DROP_TABLE",
  "tab\tnew\nline\r\ncr nbsp\u00a0word ideo\u3000space",
  "soft\u00adhyphen mongolian\u180evs",
  "² ³ ½ Ⅻ ⅻ ① ⑽ 〇 〡",
  "ĲĳŁł ØÆŒœ ĦħĿŀ",
  "Kawi 𑼄𑼅 Garay 𐵐𐵱 CJK-H 𱍐𱍑 Tangsa 𖩰𖩱",
  "ꟋꟌ Ɤ Ᲊᲊ new-cased",
  "\u0345 ypogegrammeni ΑΙ\u0345",
  "UPPER lower MiXeD cAsE",
  "Ǳ ǲ ǳ",
  "ﬅ ﬆ ŉ ǰ ΐ",
  "ı I i İ",
  "\u2126\u212a\u212b",
];

function adversarialCorpus(seed: number, documents: number): string[] {
  const rng = createRng(`adversarial/${seed}`);
  const words = distinctTokens(400, rng);
  const out = [...ADVERSARIAL];
  while (out.length < documents) {
    let doc = "";
    for (let k = 1 + rng.int(10); k > 0; k--) {
      doc += rng() < 0.4 ? ADVERSARIAL[rng.int(ADVERSARIAL.length)] : words[rng.int(words.length)];
      doc += SEPARATORS[rng.int(SEPARATORS.length)];
    }
    out.push(doc);
  }
  return out;
}

function randomPairs(n: number, count: number, rng: Rng): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < count && n > 1; i++) pairs.push([rng.int(n), rng.int(n)]);
  return pairs;
}

// ----------------------------------------------------------------------------------------------------
// Comparison

function sparse(v: SparseVector): Record<string, number> {
  const out: Record<string, number> = {};
  v.index.forEach((f, i) => (out[String(f)] = v.value[i]));
  return out;
}

function assertClose(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12, `${what}: ${actual} vs scikit-learn ${expected}`);
}

function assertVectors(actual: Record<string, number>, expected: Record<string, number>, what: string): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${what}: nonzero features`);
  for (const f of Object.keys(expected)) assertClose(actual[f], expected[f], `${what} feature ${f}`);
}

/** Fits the kit on a request's documents and checks vocabulary, idf, vectors and cosines against scikit-learn's. */
function compare(request: CorpusRequest, reference: CorpusResult, tieBreak: TieBreak = "numpy"): void {
  const options = { maxFeatures: request.max_features, vocabulary: request.vocabulary, tieBreak };
  const v = fitVectorizer(request.documents, options);
  const label = request.label;
  if (request.vocabulary) {
    // scikit-learn keeps a given vocabulary's order; the kit sorts it. Compare term by term.
    assert.deepEqual([...reference.vocabulary].sort(compareCodePoints), v.terms, `${label}: vocabulary`);
    const idf = new Map(reference.vocabulary.map((t, i) => [t, reference.idf[i]]));
    v.terms.forEach((t, i) => assertClose(v.idf[i], idf.get(t)!, `${label}: idf of ${t}`));
  } else {
    assert.deepEqual(v.terms, reference.vocabulary, `${label}: vocabulary`);
    v.terms.forEach((t, i) => assertClose(v.idf[i], reference.idf[i], `${label}: idf of ${JSON.stringify(t)}`));
  }
  request.pairs.forEach(([a, b], p) => {
    const want = reference.pairs[p];
    const bow = [a, b].map((d) => v.transform(request.documents[d], "count"));
    const tfidf = [a, b].map((d) => v.transform(request.documents[d], "tfidf"));
    if (!request.vocabulary) {
      bow.forEach((x, k) => assertVectors(sparse(x), want.bow[k], `${label} pair ${p} bow ${k}`));
      tfidf.forEach((x, k) => assertVectors(sparse(x), want.tfidf[k], `${label} pair ${p} tfidf ${k}`));
    }
    assertClose(cosineSimilarity(bow[0], bow[1]), want.bow_cosine, `${label} pair ${p} bow cosine`);
    assertClose(cosineSimilarity(tfidf[0], tfidf[1]), want.tfidf_cosine, `${label} pair ${p} tfidf cosine`);
  });
}

// ----------------------------------------------------------------------------------------------------
// Tests

test("corpora built to tie at the cut: scikit-learn's vocabulary, idf, vectors, cosines (numpy tie-break)", () => {
  const requests: CorpusRequest[] = [];
  for (const distinct of [600, 1000, 5000]) {
    for (const tied of [2, 3, 10, 50, 150, 300]) {
      for (const seed of [1, 2, 3]) {
        const documents = tieCorpus(distinct, tied, seed);
        const pairs = randomPairs(documents.length, 4, createRng(`pairs/${distinct}/${tied}/${seed}`));
        requests.push({ label: `tie ${distinct}/${tied}/${seed}`, documents, max_features: 512, pairs });
      }
    }
  }
  const reference = runSklearn({ corpora: requests }).corpora;
  let codePointDiffers = 0;
  requests.forEach((request, i) => {
    const fit = fitVectorizer(request.documents, { maxFeatures: 512 }).fit;
    assert.ok(fit.terms_tied_at_cut.length >= 2, `${request.label}: the corpus ties at the cut`);
    assert.equal(fit.tie_break, "numpy");
    compare(request, reference[i]);
    const codePoint = fitVectorizer(request.documents, { maxFeatures: 512, tieBreak: "code-point" }).fit;
    assert.equal(codePoint.tie_break, "code-point");
    if (codePoint.vocabulary_512.join("\n") !== reference[i].vocabulary.join("\n")) codePointDiffers++;
  });
  // The numpy tie-break matters: code-point order keeps other terms in most of these corpora.
  const share = `${codePointDiffers} of ${requests.length}`;
  assert.ok(codePointDiffers >= requests.length / 2, `code-point order differs from scikit-learn in ${share}`);
});

test("adversarial text (scripts, case, marks, joiners, surrogates, markup): same terms, idf, vectors, cosines", () => {
  const requests: CorpusRequest[] = [];
  for (const [seed, n, maxFeatures] of [
    [1, 300, 512],
    [2, 800, 512],
    [3, 200, 40],
    [4, 60, 100_000],
  ]) {
    const documents = adversarialCorpus(seed, n);
    const neighbours = ADVERSARIAL.map((_, i): [number, number] => [i, (i + 1) % ADVERSARIAL.length]);
    const pairs = [...neighbours, ...randomPairs(documents.length, 20, createRng(`adv-pairs/${seed}`))];
    requests.push({ label: `adversarial ${seed}`, documents, max_features: maxFeatures, pairs });
  }
  const fixed = requests[0].documents;
  const distinct = [...new Set(documentTerms(fixed.join(" ")))].slice(0, 300);
  const vocabulary = shuffleInPlace(distinct, createRng("fixed-vocabulary"));
  const pairs = requests[0].pairs;
  requests.push({ label: "adversarial, given vocabulary", documents: fixed, max_features: 512, pairs, vocabulary });
  const reference = runSklearn({ corpora: requests }).corpora;
  requests.forEach((request, i) => compare(request, reference[i]));
});

test("every code point: the terms of 'a' + c + 'a' equal scikit-learn's (word characters, lowercasing)", () => {
  const reference = runSklearn({ code_points: true }).code_points!;
  const differ: string[] = [];
  for (let c = 0; c < 0x110000; c++) {
    const terms = documentTerms("a" + String.fromCodePoint(c) + "a").join("|");
    if (terms === reference[c]) continue;
    differ.push(`U+${c.toString(16).toUpperCase()} ${JSON.stringify(terms)} vs ${JSON.stringify(reference[c])}`);
  }
  assert.deepEqual(differ.slice(0, 20), [], `${differ.length} code points differ`);
});

const settings = loadSettings({ dataset: "sample" });
const models = loadDataset(settings, { missingCard: "paper" });
const oracle = referenceResults("sample").similarity;

const sampleCorpora: [string, DnaCorpus][] = [
  ["metadata", metadataCorpus(models)],
  ["model_cards", cardCorpus(models)],
];
for (const [label, corpus] of sampleCorpora) {
  test(`${label} of the sample: scikit-learn's vocabulary and vectors, the reference's vocabulary_512`, () => {
    const documents: string[] = [];
    corpus.forEachDocument((text) => documents.push(text));
    const pairs = randomPairs(documents.length, 25, createRng(`sample-pairs/${label}`));
    const request: CorpusRequest = { label, documents, max_features: 512, pairs };
    const [result] = runSklearn({ corpora: [request] }).corpora;
    compare(request, result);
    const reference = oracle[`${label}_fixed_pairs_and_vocabulary`].value;
    const fit = fitVectorizer(corpus).fit;
    assert.equal(fit.tie_break, "numpy");
    const expected = [...reference.vocabulary_512].sort(compareCodePoints);
    assert.deepEqual(fit.vocabulary_512, expected, "the reference's vocabulary_512");
    assert.deepEqual(fit.vocabulary_512, result.vocabulary);
    const codePoint = fitVectorizer(corpus, { tieBreak: "code-point" }).fit.vocabulary_512;
    assert.notDeepEqual(codePoint, fit.vocabulary_512, "the sample's tie makes the tie-break matter");
  });
}
