// The paper's two term vectorisers (docs/methods.md §4.1; data/reference/README.md §9.2): scikit-learn CountVectorizer
// and TfidfVectorizer with max_features=512, lowercase, token pattern (?u)\b\w\w+\b, unigrams and bigrams, fitted on
// the documents of the graph in use. The vocabulary is the 512 terms with the largest total count over the corpus;
// TF-IDF weights raw counts by the smoothed idf ln((1 + N) / (1 + df)) + 1 and scales each vector to unit l2 norm.
//
// Ties at the 512th place: scikit-learn ranks terms with numpy's unstable argsort, so which tied terms it keeps is an
// outcome of that sort. `tieBreak: "numpy"` (the default) reproduces it exactly, `"code-point"` keeps the tied terms
// first in code-point order (the stable choice); the tied terms and the tie-break are reported in `fit`
// (vocabulary.ts). `vocabulary` fixes the terms instead, as scikit-learn's own `vocabulary` parameter does.
import { corpusOf, type DnaCorpus } from "./dna";
import { countTerms, type TermTable } from "./termTable";
import { bigramKey1, bigramKey2, tokenize, tokenSpans, tokenText, type TokenSpans } from "./tokens";
import {
  compareCodePoints,
  cutVocabulary,
  DEFAULT_TIE_BREAK,
  termKey,
  type TieBreak,
  type VocabularyFit,
} from "./vocabulary";

/** The paper's vocabulary size: `fitVectorizer(corpus, { maxFeatures: MAX_FEATURES })`. */
export const MAX_FEATURES = 512;

/** Options of `fitVectorizer`. */
export interface VectorizerOptions {
  /** Vocabulary size [512]. */
  maxFeatures?: number;
  /** Use these terms instead of the fitted ones (e.g. the reference's `vocabulary_512`) [fitted]. */
  vocabulary?: readonly string[];
  /** Which terms tied at the cut are kept: scikit-learn's own pick or code-point order ["numpy"]. */
  tieBreak?: TieBreak;
  /** The corpus's terms, already counted (`await countTermsAsync(corpus)` on a streamed corpus) [counted here]. */
  counted?: TermTable;
}

/** A document vector over the vocabulary: sorted feature indices, their weights and the l2 norm. */
export interface SparseVector {
  index: Int32Array;
  value: Float64Array;
  norm: number;
}

/** How a vector's weights are made: raw counts (bag of words) or l2-normalised tf-idf. */
export type TermWeighting = "count" | "tfidf";

/** A fitted vectoriser: `const v = fitVectorizer(corpus); v.transform(text, "tfidf")`. */
export interface Vectorizer {
  /** Terms of the vector features, in code-point order (scikit-learn's feature order). */
  terms: string[];
  /** Smoothed idf of each feature. */
  idf: Float64Array;
  /** Documents holding each feature. */
  df: Float64Array;
  /** The vocabulary this corpus gives by itself, and how it was cut. */
  fit: VocabularyFit;
  /** True when `terms` came from options.vocabulary. */
  givenVocabulary: boolean;
  /** The vector of one document: `v.transform("{'_id': ...}", "tfidf")`. */
  transform(text: string, weighting: TermWeighting): SparseVector;
}

/**
 * Fits the vocabulary (and idf) on a corpus's documents, or on a list of texts (null entries are not documents).
 * Example: `fitVectorizer(metadataCorpus(models), { vocabulary: oracle.vocabulary_512 })`.
 */
export function fitVectorizer(
  documents: DnaCorpus | readonly (string | null)[],
  options: VectorizerOptions = {},
): Vectorizer {
  const maxFeatures = options.maxFeatures ?? MAX_FEATURES;
  const corpus = Array.isArray(documents)
    ? corpusOf("metadata", documents as (string | null)[])
    : (documents as DnaCorpus);
  const table = options.counted ?? countTerms(corpus);
  if (table.documents !== corpus.documentCount)
    throw new Error(
      `similarity/vectorizer: the counted terms cover ${table.documents} documents, the corpus has ${corpus.documentCount}`,
    );
  const fit = cutVocabulary(table, corpus, maxFeatures, options.tieBreak ?? DEFAULT_TIE_BREAK);
  const terms = options.vocabulary ? [...options.vocabulary].sort(compareCodePoints) : fit.vocabulary_512;
  const keys = terms.map(termKey);
  const df = new Float64Array(terms.length);
  keys.forEach(([k1, k2], i) => {
    const slot = table.find(k1, k2);
    df[i] = slot < 0 ? 0 : table.dfAt(slot);
  });
  const n = table.documents;
  const idf = df.map((d) => Math.log((1 + n) / (1 + d)) + 1);
  const lookup = new VocabularyLookup(terms, keys);
  const spans = tokenSpans();
  return {
    terms,
    idf,
    df,
    fit,
    givenVocabulary: options.vocabulary !== undefined,
    transform: (text, weighting) => lookup.vector(text, weighting, idf, spans),
  };
}

/** Feature index of a term key (open addressing over the vocabulary), with a character check on every hit. */
class VocabularyLookup {
  private readonly mask: number;
  private readonly slotKey1: Int32Array;
  private readonly slotKey2: Int32Array;
  private readonly slotFeature: Int32Array;
  private readonly scratch: Float64Array;
  private readonly touched: Int32Array;

  constructor(
    private readonly terms: string[],
    keys: [number, number][],
  ) {
    let cap = 4;
    while (cap < terms.length * 2) cap <<= 1;
    this.mask = cap - 1;
    this.slotKey1 = new Int32Array(cap);
    this.slotKey2 = new Int32Array(cap);
    this.slotFeature = new Int32Array(cap).fill(-1);
    keys.forEach(([k1, k2], f) => {
      let s = k1 & this.mask;
      while (this.slotFeature[s] >= 0) s = (s + 1) & this.mask;
      this.slotKey1[s] = k1;
      this.slotKey2[s] = k2;
      this.slotFeature[s] = f;
    });
    this.scratch = new Float64Array(terms.length);
    this.touched = new Int32Array(terms.length);
  }

  private feature(k1: number, k2: number): number {
    for (let s = k1 & this.mask; this.slotFeature[s] >= 0; s = (s + 1) & this.mask) {
      if (this.slotKey1[s] === k1 && this.slotKey2[s] === k2) return this.slotFeature[s];
    }
    return -1;
  }

  vector(text: string, weighting: TermWeighting, idf: Float64Array, spans: TokenSpans): SparseVector {
    const count = tokenize(text, spans);
    let touched = 0;
    const hit = (f: number, term: string) => {
      if (f < 0 || this.terms[f] !== term) return;
      if (this.scratch[f] === 0) this.touched[touched++] = f;
      this.scratch[f]++;
    };
    const token = (t: number) => tokenText(spans, t);
    for (let t = 0; t < count; t++) {
      const f = this.feature(spans.h1[t], spans.h2[t]);
      if (f >= 0) hit(f, token(t));
    }
    for (let t = 0; t + 1 < count; t++) {
      const f = this.feature(bigramKey1(spans.h1[t], spans.h1[t + 1]), bigramKey2(spans.h2[t], spans.h2[t + 1]));
      if (f >= 0) hit(f, token(t) + " " + token(t + 1));
    }
    const index = this.touched.slice(0, touched).sort();
    const value = new Float64Array(touched);
    let sq = 0;
    for (let i = 0; i < touched; i++) {
      const f = index[i];
      value[i] = weighting === "tfidf" ? this.scratch[f] * idf[f] : this.scratch[f];
      this.scratch[f] = 0;
      sq += value[i] * value[i];
    }
    let norm = Math.sqrt(sq);
    if (weighting === "tfidf" && norm > 0) {
      for (let i = 0; i < touched; i++) value[i] /= norm;
      norm = Math.sqrt(value.reduce((s, v) => s + v * v, 0));
    }
    return { index, value, norm };
  }
}

/**
 * Cosine similarity of two sparse vectors, 0 when either is all zeros (scikit-learn's cosine_similarity).
 * Example: `cosineSimilarity(v.transform(a, "count"), v.transform(b, "count"))`.
 */
export function cosineSimilarity(a: SparseVector, b: SparseVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  let dot = 0;
  for (let i = 0, j = 0; i < a.index.length && j < b.index.length; ) {
    const x = a.index[i];
    const y = b.index[j];
    if (x === y) dot += a.value[i++] * b.value[j++];
    else if (x < y) i++;
    else j++;
  }
  return dot / (a.norm * b.norm);
}
