// The vocabulary of the paper's vectorisers (docs/methods.md §4.1; data/reference/README.md §9.2, §9.4): scikit-learn
// keeps the max_features terms with the largest total count over the corpus. When the cut splits a tie, which tied
// terms stay depends on the tie-break, recorded in the fit and listed with the tied terms:
//  - "numpy" (default) reproduces the paper's code, scikit-learn 1.2.1 on numpy 1.24: `_sort_features` puts the
//    columns in code-point order, then `_limit_features` keeps `(-tfs).argsort()[:max_features]`, an unstable
//    introsort (numpyArgsort.ts) whose pick among equal counts depends on the whole array. Reproducing it needs every
//    term's place in code-point order, so when the cut splits a tie a second pass over the corpus recovers the text
//    of every distinct token (on 1.86M metadata strings with 14.5M distinct terms it takes about as long as counting);
//  - "code-point" keeps the tied terms that come first in code-point order (Python's string order), the stable choice.
// Kept terms are counted by key (termTable.ts) and turned back into strings at the end.
import type { DnaCorpus } from "./dna";
import { numpyArgsort } from "./numpyArgsort";
import type { TermTable } from "./termTable";
import { bigramKey1, bigramKey2, tokenize, tokenSpans, tokenText } from "./tokens";

/** How terms tied at the cut are chosen (see the header): `fitVectorizer(corpus, { tieBreak: "code-point" })`. */
export type TieBreak = "numpy" | "code-point";

/** The tie-breaks, default first: `TIE_BREAKS.includes(name as TieBreak)`. */
export const TIE_BREAKS: readonly TieBreak[] = ["numpy", "code-point"];

/** The tie-break of the paper's code (scikit-learn 1.2.1, numpy 1.24): `cutVocabulary(t, c, k, DEFAULT_TIE_BREAK)`. */
export const DEFAULT_TIE_BREAK: TieBreak = "numpy";

/** How the fitted vocabulary was cut, keyed like the reference's `*_fixed_pairs_and_vocabulary`. */
export interface VocabularyFit {
  corpus_size: number;
  vocabulary_512: string[];
  distinct_terms_before_cut: number;
  term_count_at_rank_512: number | null;
  term_count_at_rank_513: number | null;
  /** Every term whose count equals the count at the cut when the cut splits a tie; else []. */
  terms_tied_at_cut: string[];
  /** Which tied terms were kept when the cut splits a tie (either way recorded). */
  tie_break: TieBreak;
}

/**
 * The 64-bit key of a term string ("token" or "token token") as two int32 halves, equal to the key the scanner
 * gives the same term inside a document. Example: `termKey("qwen1 72b")`.
 */
export function termKey(term: string): [number, number] {
  if (term !== term.toLowerCase())
    throw new Error(`similarity/tokens: "${term}" is not a lowercase unigram or bigram of the paper's token pattern`);
  const spans = tokenSpans(4);
  const count = tokenize(term, spans);
  if (count === 1 && spans.end[0] - spans.start[0] === term.length) return [spans.h1[0], spans.h2[0]];
  const space = term.indexOf(" ");
  if (
    count === 2 &&
    space > 0 &&
    spans.end[0] === space &&
    spans.start[1] === space + 1 &&
    spans.end[1] === term.length
  ) {
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
 * The top k terms of a counted corpus by total count, ties broken by `tieBreak`, turned back into strings.
 * Example: `cutVocabulary(countTerms(corpus), corpus, 512).vocabulary_512`.
 */
export function cutVocabulary(
  table: TermTable,
  corpus: DnaCorpus,
  k: number,
  tieBreak: TieBreak = DEFAULT_TIE_BREAK,
): VocabularyFit {
  if (!TIE_BREAKS.includes(tieBreak)) {
    throw new Error(`similarity/vocabulary: unknown tie-break "${tieBreak}" (numpy or code-point)`);
  }
  const threshold = kthLargest(table, k + 1);
  const candidates: number[] = [];
  for (let s = 0; s < table.capacity; s++)
    if (table.countAt(s) >= threshold && table.countAt(s) > 0) candidates.push(s);
  const names = recoverTerms(table, corpus, candidates);
  const ranked = candidates.map((slot, i) => ({ term: names[i], count: table.countAt(slot) }));
  ranked.sort((a, b) => b.count - a.count || compareCodePoints(a.term, b.term));
  const at = (r: number) => (r < ranked.length ? ranked[r].count : null);
  const cut = at(k - 1);
  const tied =
    cut !== null && at(k) === cut
      ? ranked
          .filter((r) => r.count === cut)
          .map((r) => r.term)
          .sort(compareCodePoints)
      : [];
  // Without a split tie both tie-breaks keep the same terms, and scikit-learn's sort needs no reproducing.
  const kept =
    tieBreak === "numpy" && tied.length > 0 ? numpyKept(table, corpus, k) : ranked.slice(0, k).map((r) => r.term);
  if (tied.length > 0) checkKept(kept, ranked, cut!, k);
  return {
    corpus_size: table.documents,
    vocabulary_512: kept.sort(compareCodePoints),
    distinct_terms_before_cut: table.size,
    term_count_at_rank_512: cut,
    term_count_at_rank_513: at(k),
    terms_tied_at_cut: tied,
    tie_break: tieBreak,
  };
}

/** Throws unless `kept` is k distinct ranked terms holding every term counted above the cut. */
function checkKept(kept: string[], ranked: { term: string; count: number }[], cut: number, k: number): void {
  const counts = new Map(ranked.map((r) => [r.term, r.count]));
  const keptSet = new Set(kept);
  const ok =
    keptSet.size === k &&
    kept.every((t) => (counts.get(t) ?? 0) >= cut) &&
    ranked.every((r) => r.count <= cut || keptSet.has(r.term));
  if (!ok) throw new Error("similarity/vocabulary: the tie-break kept terms outside the top by count");
}

/**
 * The top k terms as scikit-learn 1.2.1 keeps them: its columns in code-point order of their terms, ranked by numpy's
 * argsort of minus their total counts, the first k kept. The argsort runs over all terms (its pick among tied terms
 * depends on the whole array) but sorts only the ranges that reach into its first k places.
 */
function numpyKept(table: TermTable, corpus: DnaCorpus, k: number): string[] {
  const order = codePointOrder(table, corpus);
  const values = new Int32Array(order.slots.length);
  for (let i = 0; i < values.length; i++) values[i] = -table.countAt(order.slots[i]);
  return Array.from(numpyArgsort(values, k), (i) => order.text(order.slots[i]));
}

/**
 * Every term of the table in code-point order (scikit-learn's `sorted(vocabulary.items())`), as table slots, and the
 * text of a slot. One pass over the corpus gives each distinct token an id and its text, and each bigram its two
 * token ids, both read in the term's first document only. Tokens hold only word characters, all above the space, so a
 * term "a" sorts just before the bigrams "a …", and those among themselves by their second token: sorting the tokens,
 * then all terms by the pair (rank of the first token, 0 or 1 + rank of the second) with two counting sorts, gives the
 * order without a string per term.
 */
function codePointOrder(table: TermTable, corpus: DnaCorpus): { slots: Int32Array; text: (slot: number) => string } {
  const first = new Int32Array(table.capacity).fill(-1);
  const second = new Int32Array(table.capacity);
  const names = new TokenNames();
  const spans = tokenSpans();
  let tokenSlots = new Int32Array(256);
  let missing = table.size;
  // Terms first seen in each document: a document without any is skipped, and its scan stops at the last one.
  const fresh = new Int32Array(corpus.size);
  for (let s = 0; s < table.capacity; s++) if (table.countAt(s) > 0) fresh[table.firstDocAt(s)]++;
  const lost = () => new Error("similarity/vocabulary: a document holds a term the counted table lacks");
  corpus.forEachDocument((text, v) => {
    let left = fresh[v];
    if (left === 0) return;
    const count = tokenize(text, spans);
    if (tokenSlots.length < count) tokenSlots = new Int32Array(2 * count);
    const h1 = spans.h1;
    const h2 = spans.h2;
    for (let t = 0; t < count; t++) {
      const slot = table.find(h1[t], h2[t]);
      if (slot < 0) throw lost();
      tokenSlots[t] = slot;
      if (table.firstDocAt(slot) === v && first[slot] < 0) {
        first[slot] = names.add(tokenText(spans, t));
        second[slot] = -1;
        missing--;
        left--;
      }
    }
    for (let t = 0; left > 0 && t + 1 < count; t++) {
      const slot = table.find(bigramKey1(h1[t], h1[t + 1]), bigramKey2(h2[t], h2[t + 1]));
      if (slot < 0) throw lost();
      if (table.firstDocAt(slot) === v && first[slot] < 0) {
        first[slot] = first[tokenSlots[t]];
        second[slot] = first[tokenSlots[t + 1]];
        missing--;
        left--;
      }
    }
  });
  if (missing !== 0) {
    throw new Error(`similarity/vocabulary: ${missing} counted terms were not found again in the corpus`);
  }
  const rank = names.codePointRanks();
  const n = table.size;
  const slots = new Int32Array(n);
  const key = new Int32Array(n);
  for (let s = 0, j = 0; s < table.capacity; s++) {
    if (table.countAt(s) === 0) continue;
    slots[j] = s;
    key[j++] = second[s] < 0 ? 0 : rank[second[s]] + 1;
  }
  const byMinor = countingSort(slots, key, names.count + 1);
  for (let j = 0; j < n; j++) key[j] = rank[first[byMinor[j]]];
  const text = (s: number) =>
    second[s] < 0 ? names.text(first[s]) : names.text(first[s]) + " " + names.text(second[s]);
  return { slots: countingSort(byMinor, key, names.count), text };
}

/** `items` stably sorted by `keys` (parallel, each in [0, range)). */
function countingSort(items: Int32Array, keys: Int32Array, range: number): Int32Array {
  const start = new Int32Array(range + 1);
  for (let i = 0; i < keys.length; i++) start[keys[i] + 1]++;
  for (let r = 0; r < range; r++) start[r + 1] += start[r];
  const out = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) out[start[keys[i]]++] = items[i];
  return out;
}

/**
 * Distinct tokens by id, their UTF-16 code units packed in one array (no string per token is kept). Each unit is
 * stored remapped so that comparing units compares code points: surrogates (a code point above U+FFFF) move above
 * U+E000..U+FFFF.
 */
class TokenNames {
  private units = new Uint16Array(1 << 16);
  private start = new Int32Array(1 << 12);
  count = 0;

  /** Stores a token and returns its id. */
  add(token: string): number {
    let end = this.start[this.count];
    if (end + token.length > this.units.length) this.units = grow(this.units, end + token.length);
    if (this.count + 2 > this.start.length) this.start = grow(this.start, this.count + 2);
    for (let i = 0; i < token.length; i++) {
      const c = token.charCodeAt(i);
      this.units[end++] = c < 0xd800 ? c : c < 0xe000 ? c + 0x2000 : c - 0x800;
    }
    this.start[++this.count] = end;
    return this.count - 1;
  }

  /** The token of an id. */
  text(id: number): string {
    let s = "";
    for (let p = this.start[id]; p < this.start[id + 1]; p++) {
      const c = this.units[p];
      s += String.fromCharCode(c < 0xd800 ? c : c < 0xf800 ? c + 0x800 : c - 0x2000);
    }
    return s;
  }

  /** The rank of each id's token in code-point order, by multikey quicksort (Bentley and Sedgewick). */
  codePointRanks(): Int32Array {
    const { units, start } = this;
    const n = this.count;
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) ids[i] = i;
    // Unit d of token id, -1 past its end.
    const unit = (id: number, d: number) => (start[id] + d < start[id + 1] ? units[start[id] + d] : -1);
    const stack: number[] = [0, n, 0];
    while (stack.length > 0) {
      let d = stack.pop()!;
      let hi = stack.pop()!;
      let lo = stack.pop()!;
      while (hi - lo > 1) {
        if (hi - lo <= 12) {
          this.insertionSort(ids, lo, hi, d);
          break;
        }
        const a = unit(ids[lo], d);
        const b = unit(ids[(lo + hi) >> 1], d);
        const c = unit(ids[hi - 1], d);
        const pivot = a < b ? (b < c ? b : Math.max(a, c)) : a < c ? a : Math.max(b, c);
        let lt = lo;
        let gt = hi;
        for (let i = lo; i < gt; ) {
          const u = unit(ids[i], d);
          const x = ids[i];
          if (u < pivot) (ids[i++] = ids[lt]), (ids[lt++] = x);
          else if (u > pivot) (ids[i] = ids[--gt]), (ids[gt] = x);
          else i++;
        }
        if (lt - lo > 1) stack.push(lo, lt, d);
        if (hi - gt > 1) stack.push(gt, hi, d);
        if (pivot < 0) break;
        lo = lt;
        hi = gt;
        d++;
      }
    }
    const rank = new Int32Array(n);
    for (let r = 0; r < n; r++) rank[ids[r]] = r;
    return rank;
  }

  /** Sorts ids[lo, hi) whose tokens agree on their first d units. */
  private insertionSort(ids: Int32Array, lo: number, hi: number, d: number): void {
    for (let i = lo + 1; i < hi; i++) {
      const x = ids[i];
      let j = i;
      while (j > lo && this.compareFrom(ids[j - 1], x, d) > 0) {
        ids[j] = ids[j - 1];
        j--;
      }
      ids[j] = x;
    }
  }

  private compareFrom(a: number, b: number, d: number): number {
    const { units, start } = this;
    const la = start[a + 1] - start[a];
    const lb = start[b + 1] - start[b];
    for (let i = d; i < la && i < lb; i++) {
      const diff = units[start[a] + i] - units[start[b] + i];
      if (diff !== 0) return diff;
    }
    return la - lb;
  }
}

/** A copy of `a` with room for at least `n` entries. */
function grow<T extends Uint16Array | Int32Array>(a: T, n: number): T {
  let size = a.length * 2;
  while (size < n) size *= 2;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
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
      see(
        bigramKey1(spans.h1[t], spans.h1[t + 1]),
        bigramKey2(spans.h2[t], spans.h2[t + 1]),
        () => tokenText(spans, t) + " " + tokenText(spans, t + 1),
      );
    }
  }
  for (let i = 0; i < names.length; i++)
    if (names[i] === undefined)
      throw new Error("similarity/vectorizer: a kept term was not found again in its document");
  return names;
}
