// The vocabulary of the paper's vectorisers (docs/methods.md §4.1; data/reference/README.md §9.2, §9.4): scikit-learn keeps the
// max_features terms with the largest total count over the corpus. Ties at the last place are broken here by the
// terms' code-point order (Python's string order) and reported, since scikit-learn's own pick among tied terms comes
// from an unstable sort. Kept terms are counted by key (termTable.ts) and turned back into strings at the end.
import type { DnaCorpus } from "./dna";
import type { TermTable } from "./termTable";
import { bigramKey1, bigramKey2, tokenize, tokenSpans, tokenText } from "./tokens";

/** How the fitted vocabulary was cut, keyed like the reference's `*_fixed_pairs_and_vocabulary`. */
export interface VocabularyFit {
  corpus_size: number;
  vocabulary_512: string[];
  distinct_terms_before_cut: number;
  term_count_at_rank_512: number | null;
  term_count_at_rank_513: number | null;
  /** Every term whose count equals the count at the cut when the cut splits a tie; else []. */
  terms_tied_at_cut: string[];
}

/**
 * The 64-bit key of a term string ("token" or "token token") as two int32 halves, equal to the key the scanner
 * gives the same term inside a document. Example: `termKey("qwen1 72b")`.
 */
export function termKey(term: string): [number, number] {
  if (term !== term.toLowerCase()) throw new Error(`similarity/tokens: "${term}" is not a lowercase unigram or bigram of the paper's token pattern`);
  const spans = tokenSpans(4);
  const count = tokenize(term, spans);
  if (count === 1 && spans.end[0] - spans.start[0] === term.length) return [spans.h1[0], spans.h2[0]];
  const space = term.indexOf(" ");
  if (count === 2 && space > 0 && spans.end[0] === space && spans.start[1] === space + 1 && spans.end[1] === term.length) {
    return [bigramKey1(spans.h1[0], spans.h1[1]), bigramKey2(spans.h2[0], spans.h2[1])];
  }
  throw new Error(`similarity/tokens: "${term}" is not a lowercase unigram or bigram of the paper's token pattern`);
}

/**
 * The terms of a document in scikit-learn's order (unigrams, then bigrams), as strings; for display and tests.
 * Example: `documentTerms("Qwen/Qwen1.5-72B")` is ["qwen", "qwen1", "72b", "qwen qwen1", "qwen1 72b"].
 */
export function documentTerms(text: string): string[] {
  const spans = tokenSpans();
  const count = tokenize(text, spans);
  const tokens: string[] = [];
  for (let k = 0; k < count; k++) tokens.push(tokenText(spans, k));
  const bigrams: string[] = [];
  for (let k = 0; k + 1 < count; k++) bigrams.push(tokens[k] + " " + tokens[k + 1]);
  return tokens.concat(bigrams);
}

/** Python's str ordering (code points), which differs from JS `<` only around surrogate pairs. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * The top k terms of a counted corpus by total count (ties in code-point order), turned back into strings from their
 * first documents. Example: `cutVocabulary(countTerms(corpus), corpus, 512).vocabulary_512`.
 */
export function cutVocabulary(table: TermTable, corpus: DnaCorpus, k: number): VocabularyFit {
  const threshold = kthLargest(table, k + 1);
  const candidates: number[] = [];
  for (let s = 0; s < table.capacity; s++) if (table.countAt(s) >= threshold && table.countAt(s) > 0) candidates.push(s);
  const names = recoverTerms(table, corpus, candidates);
  const ranked = candidates.map((slot, i) => ({ term: names[i], count: table.countAt(slot) }));
  ranked.sort((a, b) => b.count - a.count || compareCodePoints(a.term, b.term));
  const kept = ranked.slice(0, k);
  const at = (r: number) => (r < ranked.length ? ranked[r].count : null);
  const cut = at(k - 1);
  const tied = cut !== null && at(k) === cut ? ranked.filter((r) => r.count === cut).map((r) => r.term).sort(compareCodePoints) : [];
  return {
    corpus_size: table.documents,
    vocabulary_512: kept.map((r) => r.term).sort(compareCodePoints),
    distinct_terms_before_cut: table.size,
    term_count_at_rank_512: cut,
    term_count_at_rank_513: at(k),
    terms_tied_at_cut: tied,
  };
}

/** The k-th largest term count of the table, via a bounded min-heap; 1 if it has fewer than k terms. */
function kthLargest(table: TermTable, k: number): number {
  const heap = new Uint32Array(k);
  let size = 0;
  for (let s = 0; s < table.capacity; s++) {
    const c = table.countAt(s);
    if (c === 0 || (size === k && c <= heap[0])) continue;
    if (size < k) {
      let i = size++;
      while (i > 0 && heap[(i - 1) >> 1] > c) {
        heap[i] = heap[(i - 1) >> 1];
        i = (i - 1) >> 1;
      }
      heap[i] = c;
    } else {
      let i = 0; // replace the minimum and sift down
      for (;;) {
        let child = 2 * i + 1;
        if (child >= k) break;
        if (child + 1 < k && heap[child + 1] < heap[child]) child++;
        if (heap[child] >= c) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = c;
    }
  }
  return size < k ? 1 : heap[0];
}

/** The strings of the given slots, found by re-reading the first document of each. */
function recoverTerms(table: TermTable, corpus: DnaCorpus, slots: number[]): string[] {
  const names = new Array<string>(slots.length);
  const wanted = new Map<string, number>();
  const byDoc = new Map<number, number[]>();
  slots.forEach((slot, i) => {
    wanted.set(table.keyAt(slot).join(":"), i);
    const doc = table.firstDocAt(slot);
    byDoc.set(doc, [...(byDoc.get(doc) ?? []), i]);
  });
  corpus.prefetch(byDoc.keys());
  const spans = tokenSpans();
  for (const doc of byDoc.keys()) {
    const count = tokenize(corpus.text(doc) as string, spans);
    const see = (k1: number, k2: number, text: () => string) => {
      const i = wanted.get(k1 + ":" + k2);
      if (i !== undefined && names[i] === undefined) names[i] = text();
    };
    for (let t = 0; t < count; t++) see(spans.h1[t], spans.h2[t], () => tokenText(spans, t));
    for (let t = 0; t + 1 < count; t++) {
      see(bigramKey1(spans.h1[t], spans.h1[t + 1]), bigramKey2(spans.h2[t], spans.h2[t + 1]), () => tokenText(spans, t) + " " + tokenText(spans, t + 1));
    }
  }
  for (let i = 0; i < names.length; i++) if (names[i] === undefined) throw new Error("similarity/vectorizer: a kept term was not found again in its document");
  return names;
}
