// The paper's three similarity measures over a corpus of DNA strings (docs/methods.md §4.1): TF-IDF cosine,
// bag-of-words cosine and normalised Levenshtein similarity. A measure scores two nodes of the graph (both must hold a
// document) or two free strings; any object with the same shape is a measure, so a notebook cell can try its own. NOTE:
// term vectors are made on first use and kept per node (up to VECTOR_CACHE_LIMIT, then the cache restarts), so a sample
// that revisits the same models pays for each once; code points are cheap next to the distance itself and are not kept.
import type { DnaCorpus } from "./dna";
import { countTermsAsync } from "./termTable";
import { codePoints, normalizedLevenshteinOf } from "./levenshtein";
import {
  cosineSimilarity,
  fitVectorizer,
  type SparseVector,
  type TermWeighting,
  type Vectorizer,
  type VectorizerOptions,
} from "./vectorizer";

/** The paper's measures, in the order of its figures: TF-IDF, bag of words, Levenshtein. */
export type MeasureName = "tfidf" | "bow" | "levenshtein";

/** `MEASURE_NAMES` in figure order. */
export const MEASURE_NAMES: readonly MeasureName[] = ["tfidf", "bow", "levenshtein"];

/** Axis titles per measure: `MEASURE_LABELS.tfidf` is "TF-IDF cosine similarity". */
export const MEASURE_LABELS: Readonly<Record<MeasureName, string>> = {
  tfidf: "TF-IDF cosine similarity",
  bow: "Bag-of-words cosine similarity",
  levenshtein: "Levenshtein Similarity (normalized)",
};

/** A similarity between models: `measure.similarity(a, b)` for nodes, `measure.ofTexts(s, t)` for strings; 0..1. */
export interface SimilarityMeasure {
  name: string;
  label: string;
  /** Similarity of nodes a and b of the corpus (both must have a document). */
  similarity(a: number, b: number): number;
  /** Similarity of two documents given as text. */
  ofTexts(a: string, b: string): number;
}

/** Most node vectors a measure keeps (about 1 KB each). */
const VECTOR_CACHE_LIMIT = 100_000;

/** The document of node v, or an error naming it. */
function documentOf(corpus: DnaCorpus, v: number): string {
  const text = corpus.text(v);
  if (text === null) throw new Error(`similarity/measures: node ${v} has no ${corpus.kind} document`);
  return text;
}

/**
 * Cosine of term vectors of a fitted vectoriser: `vectorMeasure(corpus, vectorizer, "tfidf")`.
 */
export function vectorMeasure(corpus: DnaCorpus, vectorizer: Vectorizer, weighting: TermWeighting): SimilarityMeasure {
  const cache = new Map<number, SparseVector>();
  const vector = (v: number) => {
    let vec = cache.get(v);
    if (!vec) {
      if (cache.size >= VECTOR_CACHE_LIMIT) cache.clear();
      cache.set(v, (vec = vectorizer.transform(documentOf(corpus, v), weighting)));
    }
    return vec;
  };
  const name: MeasureName = weighting === "tfidf" ? "tfidf" : "bow";
  return {
    name,
    label: MEASURE_LABELS[name],
    similarity: (a, b) => cosineSimilarity(vector(a), vector(b)),
    ofTexts: (a, b) => cosineSimilarity(vectorizer.transform(a, weighting), vectorizer.transform(b, weighting)),
  };
}

/** Normalised Levenshtein similarity of the documents: `levenshteinMeasure(corpus).similarity(a, b)`. */
export function levenshteinMeasure(corpus: DnaCorpus): SimilarityMeasure {
  const points = (v: number) => codePoints(documentOf(corpus, v));
  return {
    name: "levenshtein",
    label: MEASURE_LABELS.levenshtein,
    similarity: (a, b) => normalizedLevenshteinOf(points(a), points(b)),
    ofTexts: (a, b) => normalizedLevenshteinOf(codePoints(a), codePoints(b)),
  };
}

/** The three measures of a corpus and the vectoriser behind the two cosines. */
export interface CorpusMeasures {
  corpus: DnaCorpus;
  vectorizer: Vectorizer;
  measures: Record<MeasureName, SimilarityMeasure>;
}

/**
 * `similarityMeasures`, its terms counted with `countTermsAsync`: on a large corpus each chunk's memory is let go
 * before the next (the same measures; about 0.5 GB less at 1.86M models).
 * Example: `const { measures } = await similarityMeasuresAsync(metadataCorpus(models))`.
 */
export async function similarityMeasuresAsync(
  corpus: DnaCorpus,
  options: VectorizerOptions = {},
): Promise<CorpusMeasures> {
  return similarityMeasures(corpus, { ...options, counted: options.counted ?? (await countTermsAsync(corpus)) });
}

/**
 * Fits the vectoriser on the corpus (its documents in node order) and returns the three measures.
 * Example: `const { measures } = similarityMeasures(metadataCorpus(models)); measures.tfidf.similarity(u, v)`.
 */
export function similarityMeasures(corpus: DnaCorpus, options: VectorizerOptions = {}): CorpusMeasures {
  const vectorizer = fitVectorizer(corpus, options);
  return {
    corpus,
    vectorizer,
    measures: {
      tfidf: vectorMeasure(corpus, vectorizer, "tfidf"),
      bow: vectorMeasure(corpus, vectorizer, "count"),
      levenshtein: levenshteinMeasure(corpus),
    },
  };
}
