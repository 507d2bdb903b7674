// Term statistics of a corpus for the vectorisers (docs/methods.md §4.1): for every distinct unigram and bigram, its
// total count over the corpus (what scikit-learn's max_features ranks by), its document frequency (for the idf)
// and the first node holding it (to turn a kept key back into its string).
//
// NOTE: an open-addressing hash table in one typed array keyed by the 64-bit term key of tokens.ts (20 bytes per
// slot, linear probing, at most 60% full, at most 2^28 slots). A Map keyed by strings tops out at 2^24 entries and costs a string per
// term; the paper's 1.86M metadata strings hold about 15M distinct terms (every model id and object id). Each
// document's terms are first merged in a small table of their own, so the big one sees each term once per document
// (which also gives the document frequency), and the big table is sized once from the first documents' rate of new
// terms instead of doubling its way up.
import type { DnaCorpus } from "./dna";
import { bigramKey1, bigramKey2, tokenize, tokenSpans, type TokenSpans } from "./tokens";

const MAX_LOAD = 0.6;
/** Documents read before the table is sized for the whole corpus. */
const SIZING_DOCUMENTS = 20_000;
/** Most slots (2^28, 5.4 GB): about 161M distinct terms, the metadata strings of some 20M models. */
const MAX_CAPACITY = 1 << 28;
/** Most distinct terms reserved up front (2^25 slots, 640 MiB). */
const MAX_RESERVED = MAX_LOAD * (1 << 25);

/** Int32 fields per slot: key1, key2, count (0 = empty), document frequency, first node. */
const STRIDE = 5;
const K1 = 0,
  K2 = 1,
  COUNT = 2,
  DF = 3,
  FIRST = 4;

/** Counts, document frequencies and first nodes of all terms of a corpus: `countTerms(corpus)`. */
export class TermTable {
  private mask: number;
  // NOTE: one interleaved array, so that probing a cold slot costs one cache miss rather than one per field.
  private slots: Int32Array;
  /** Distinct terms. */
  size = 0;
  /** Documents added. */
  documents = 0;
  // Per-document merge table, reset by stamping.
  private local = {
    mask: 255,
    k1: new Int32Array(256),
    k2: new Int32Array(256),
    count: new Int32Array(256),
    stamp: new Int32Array(256),
    used: new Int32Array(256),
    n: 0,
  };

  constructor(capacity = 1 << 16) {
    const cap = powerOfTwoAtLeast(capacity);
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * STRIDE);
  }

  /** Number of slots. */
  get capacity(): number {
    return this.mask + 1;
  }

  /** Total occurrences of the term in slot s (0: empty slot). */
  countAt(s: number): number {
    return this.slots[s * STRIDE + COUNT];
  }
  /** Documents holding the term in slot s. */
  dfAt(s: number): number {
    return this.slots[s * STRIDE + DF];
  }
  /** First node holding the term in slot s. */
  firstDocAt(s: number): number {
    return this.slots[s * STRIDE + FIRST];
  }
  /** The term key of slot s. */
  keyAt(s: number): [number, number] {
    return [this.slots[s * STRIDE + K1], this.slots[s * STRIDE + K2]];
  }

  /** Slot of a term key, or -1: `table.find(k1, k2)`. */
  find(k1: number, k2: number): number {
    const d = this.slots;
    for (let slot = k1 & this.mask; ; slot = (slot + 1) & this.mask) {
      const o = slot * STRIDE;
      if (d[o + COUNT] === 0) return -1;
      if (d[o + K1] === k1 && d[o + K2] === k2) return slot;
    }
  }

  /**
   * Adds every unigram and bigram of one document of node `node` (nodes in increasing order): `table.addDocument(text,
   * v, spans)`.
   */
  addDocument(text: string, node: number, spans: TokenSpans): void {
    tokenize(text, spans);
    this.addTokens(spans, node);
  }

  /** Adds the unigrams and bigrams of a document already tokenized into `spans`: `table.addTokens(spans, v)`. */
  addTokens(spans: TokenSpans, node: number): void {
    this.documents++;
    const count = spans.count;
    if (2 * count + 2 > this.local.mask + 1) this.growLocal(2 * count + 2);
    const local = this.local;
    local.n = 0;
    const stamp = this.documents;
    const h1 = spans.h1;
    const h2 = spans.h2;
    for (let k = 0; k < count; k++) this.addLocal(h1[k], h2[k], stamp);
    for (let k = 0; k + 1 < count; k++)
      this.addLocal(bigramKey1(h1[k], h1[k + 1]), bigramKey2(h2[k], h2[k + 1]), stamp);
    for (let i = 0; i < local.n; i++) {
      const s = local.used[i];
      this.add(local.k1[s], local.k2[s], local.count[s], node);
    }
  }

  /** Grows the table to hold `distinct` terms within the load limit (one rehash). */
  reserve(distinct: number): void {
    const cap = Math.min(MAX_CAPACITY, powerOfTwoAtLeast(Math.ceil(distinct / MAX_LOAD)));
    if (cap > this.mask + 1) this.rehash(cap);
  }

  private addLocal(k1: number, k2: number, stamp: number): void {
    const l = this.local;
    let slot = k1 & l.mask;
    for (;;) {
      if (l.stamp[slot] !== stamp) {
        l.stamp[slot] = stamp;
        l.k1[slot] = k1;
        l.k2[slot] = k2;
        l.count[slot] = 1;
        l.used[l.n++] = slot;
        return;
      }
      if (l.k1[slot] === k1 && l.k2[slot] === k2) {
        l.count[slot]++;
        return;
      }
      slot = (slot + 1) & l.mask;
    }
  }

  private growLocal(n: number): void {
    const cap = powerOfTwoAtLeast(n * 2);
    this.local = {
      mask: cap - 1,
      k1: new Int32Array(cap),
      k2: new Int32Array(cap),
      count: new Int32Array(cap),
      stamp: new Int32Array(cap),
      used: new Int32Array(cap),
      n: 0,
    };
  }

  private add(k1: number, k2: number, occurrences: number, node: number): void {
    const d = this.slots;
    for (let slot = k1 & this.mask; ; slot = (slot + 1) & this.mask) {
      const o = slot * STRIDE;
      if (d[o + COUNT] === 0) {
        d[o + K1] = k1;
        d[o + K2] = k2;
        d[o + COUNT] = occurrences;
        d[o + DF] = 1;
        d[o + FIRST] = node;
        if (++this.size > MAX_LOAD * (this.mask + 1)) this.rehash((this.mask + 1) * 2);
        return;
      }
      if (d[o + K1] === k1 && d[o + K2] === k2) {
        d[o + COUNT] += occurrences;
        d[o + DF]++;
        return;
      }
    }
  }

  private rehash(cap: number): void {
    if (cap > MAX_CAPACITY)
      throw new Error(
        `similarity/termTable: more than ${Math.floor(MAX_LOAD * MAX_CAPACITY)} distinct terms; fit the vectoriser on ` +
          "a sample of the documents (every k-th model, as fitSimilarity does) instead of the whole corpus",
      );
    const old = this.slots;
    this.mask = cap - 1;
    const d = (this.slots = new Int32Array(cap * STRIDE));
    for (let o = 0; o < old.length; o += STRIDE) {
      if (old[o + COUNT] === 0) continue;
      let slot = old[o + K1] & this.mask;
      while (d[slot * STRIDE + COUNT] !== 0) slot = (slot + 1) & this.mask;
      d.set(old.subarray(o, o + STRIDE), slot * STRIDE);
    }
  }
}

function powerOfTwoAtLeast(n: number): number {
  let cap = 1;
  while (cap < n) cap *= 2;
  return cap;
}

/**
 * Counts the terms of every document of a corpus, in node order.
 * Example: `const table = countTerms(corpusOf("metadata", ["a bb cc", "bb cc"])); table.count[table.find(...termKey("bb
 * cc"))]` is 2.
 */
export function countTerms(corpus: DnaCorpus): TermTable {
  const table = new TermTable();
  const spans = tokenSpans();
  const add = (tokens: TokenSpans, v: number) => {
    table.addTokens(tokens, v);
    if (table.documents === SIZING_DOCUMENTS && corpus.documentCount > 2 * SIZING_DOCUMENTS) {
      // New terms per document usually fall as the corpus grows, so this rate mostly overestimates; doubling covers
      // the rest, and the reservation is capped so that an odd start cannot claim gigabytes.
      table.reserve(Math.min(MAX_RESERVED, (table.size / SIZING_DOCUMENTS) * corpus.documentCount));
    }
  };
  if (corpus.forEachTokens) corpus.forEachTokens(add);
  else
    corpus.forEachDocument((text, v) => {
      tokenize(text, spans);
      add(spans, v);
    });
  return table;
}
