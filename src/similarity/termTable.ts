// Term statistics of a corpus for the vectorisers (docs/methods.md §4.1): for every distinct unigram and bigram, its
// total count over the corpus (what scikit-learn's max_features ranks by), its document frequency (for the idf)
// and the first node holding it (to turn a kept key back into its string).
//
// NOTE: an open-addressing hash table in one typed array keyed by the 64-bit term key of tokens.ts (20 bytes per
// slot, linear probing, at most 60% full, at most 2^28 slots). A Map keyed by strings tops out at 2^24 entries and
// costs a string per term; the paper's 1.86M metadata strings hold about 15M distinct terms (every model id and
// object id). Each document's terms are first merged in a small table of their own, so the big one sees each term
// once per document (which also gives the document frequency). The big table is sized from the rate of new terms
// once a tenth of the corpus is read, instead of doubling its way up.
//
// On a large corpus the big table lives in a worker thread: this thread reads the documents into term keys, the worker
// merges each document's terms and inserts them, in the same order, so both cores work and the table is the same as
// in one thread.
//
// Variants of the metadata strings (the paper's, and without the identity keys or the lineage tags) share most of
// their terms, so they are counted in one table: each term occurrence carries a mask of the variants holding it,
// each slot holds a count, document frequency and first node per variant, and each variant reads the table through a
// view of its own. A term of several variants is then inserted once per document instead of once per variant.
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { rowCount, type TableRows } from "../data/rows";
import type { DnaCorpus } from "./dna";
import {
  forEachMetadataTokenPartsAsync,
  forEachMetadataTokenVariantsAsync,
  type MetadataTokenParts,
  type MetadataVariant,
} from "./metadataTokens";
import { bigramKey1, bigramKey2, tokenize, tokenSpans, type TokenSpans } from "./tokens";

/** Documents from which `countTerms` inserts in a worker thread by default. */
export const WORKER_FROM_DOCUMENTS = 100_000;
/** Documents read before a first sizing of the table; it is sized again at a tenth of the corpus. */
const SIZING_DOCUMENTS = 20_000;
/** Terms sent to the inserter at a time. */
const BATCH_TERMS = 1 << 16;
/** Batches on their way to the worker before this thread waits for it. */
const MAX_IN_FLIGHT = 8;

/**
 * Int32 fields per slot: key1, key2, then count (0 = empty), document frequency and first node. With V > 1 variants:
 * key1, key2, an occupied flag, then count, document frequency and first node of each variant (count 0: the variant
 * lacks the term).
 */
const K1 = 0,
  K2 = 1,
  OCCUPIED = 2;
/** Int32 fields per slot of a table of `variants` variants: `slotStride(1)` is 5. */
function slotStride(variants: number): number {
  return variants === 1 ? 5 : 3 + 3 * variants;
}

/**
 * The big table as the inserter leaves it: slots (slotStride(variants) int32 each), mask = slots - 1, distinct terms
 * of each variant.
 */
interface TableState {
  slots: Int32Array;
  mask: number;
  variants: number;
  distinctPerVariant: number[];
}

/**
 * Documents' terms to insert: the keys of `n` terms, document d's being those from `end[d - 1]` (0 for d = 0) to
 * `end[d]`, of node `node[d]`, for `docs` documents; with several variants, `variantMask[t]` has bit k set when term
 * t belongs to variant k.
 */
interface TermBatch {
  k1: Int32Array;
  k2: Int32Array;
  variantMask: Uint8Array | null;
  n: number;
  end: Int32Array;
  node: Int32Array;
  docs: number;
}

/**
 * The inserting half of the table for `variants` variants: `createInserter(1).insert(batch)`, then `state()`.
 * NOTE: self-contained (it refers to nothing outside its body), because a worker thread runs its source text. Its
 * limits are literals here for the same reason: at most 60% full, at most 2^28 slots (5.4 GB for one variant, about
 * 161M terms, the metadata strings of some 20M models).
 */
function createInserter(variants: number) {
  const stride = variants === 1 ? 5 : 3 + 3 * variants;
  const maxLoad = 0.6;
  const maxCapacity = 1 << 28;
  let mask = (1 << 16) - 1;
  let slots = new Int32Array((mask + 1) * stride);
  let distinct = 0;
  const distinctPerVariant = new Array<number>(variants).fill(0);
  let touched = 0;
  const powerOfTwoAtLeast = (n: number) => {
    let cap = 1;
    while (cap < n) cap *= 2;
    return cap;
  };
  const rehash = (cap: number) => {
    if (cap > maxCapacity)
      throw new Error(
        `similarity/termTable: more than ${Math.floor(maxLoad * maxCapacity)} distinct terms; fit the vectoriser on ` +
          "a sample of the documents (every k-th model, as fitSimilarity does) instead of the whole corpus",
      );
    const old = slots;
    mask = cap - 1;
    const d = (slots = new Int32Array(cap * stride));
    for (let o = 0; o < old.length; o += stride) {
      if (old[o + 2] === 0) continue; // field 2: the count of one variant, the occupied flag of several
      let slot = old[o] & mask;
      while (d[slot * stride + 2] !== 0) slot = (slot + 1) & mask;
      // NOTE: field by field; a subarray per slot allocates an object per term (tens of seconds at 145M terms)
      const n = slot * stride;
      for (let f = 0; f < stride; f++) d[n + f] = old[o + f];
    }
  };
  // Merge table of one document's terms, reset by stamping, and the merged terms of a batch (with several variants,
  // each merged term's counts per variant, `variants` apart).
  let local = {
    mask: 255,
    k1: new Int32Array(256),
    k2: new Int32Array(256),
    count: new Int32Array(256),
    stamp: new Int32Array(256),
  };
  let stamp = 0;
  let merged = { k1: new Int32Array(0), k2: new Int32Array(0), count: new Int32Array(0), node: new Int32Array(0) };
  const reserve = (terms: number) => {
    const cap = Math.min(maxCapacity, powerOfTwoAtLeast(Math.ceil(terms / maxLoad)));
    if (cap > mask + 1) rehash(cap);
  };
  /** Merges each document's terms (the big table then sees a term once per document: its document frequency). */
  const mergeDocuments = (b: TermBatch): number => {
    if (merged.k1.length < b.n) {
      merged = {
        k1: new Int32Array(b.n),
        k2: new Int32Array(b.n),
        count: new Int32Array(b.n * variants),
        node: new Int32Array(b.n),
      };
    }
    // NOTE: every array in a local constant: closure variables read in these loops cost a load each time.
    const mk1 = merged.k1;
    const mk2 = merged.k2;
    const mcount = merged.count;
    const mnode = merged.node;
    const bk1 = b.k1;
    const bk2 = b.k2;
    const bmask = b.variantMask;
    let m = 0;
    for (let doc = 0, from = 0; doc < b.docs; doc++) {
      const to = b.end[doc];
      if (2 * (to - from) > local.mask + 1) {
        let cap = 256;
        while (cap < 2 * (to - from)) cap *= 2;
        local = {
          mask: cap - 1,
          k1: new Int32Array(cap),
          k2: new Int32Array(cap),
          count: new Int32Array(cap),
          stamp: new Int32Array(cap),
        };
      }
      const lmask = local.mask;
      const lk1 = local.k1;
      const lk2 = local.k2;
      const lat = local.count; // where the slot's term is in merged
      const lstamp = local.stamp;
      const node = b.node[doc];
      const st = ++stamp;
      for (let t = from; t < to; t++) {
        const k1 = bk1[t];
        const k2 = bk2[t];
        for (let slot = k1 & lmask; ; slot = (slot + 1) & lmask) {
          if (lstamp[slot] !== st) {
            lstamp[slot] = st;
            lk1[slot] = k1;
            lk2[slot] = k2;
            lat[slot] = m;
            mk1[m] = k1;
            mk2[m] = k2;
            if (bmask === null) mcount[m] = 1;
            else for (let v = 0, bits = bmask[t]; v < variants; v++) mcount[m * variants + v] = (bits >> v) & 1;
            mnode[m++] = node;
            break;
          }
          if (lk1[slot] === k1 && lk2[slot] === k2) {
            if (bmask === null) mcount[lat[slot]]++;
            else
              for (let v = 0, bits = bmask[t], at = lat[slot] * variants; v < variants; v++)
                mcount[at + v] += (bits >> v) & 1;
            break;
          }
        }
      }
      from = to;
    }
    return m;
  };
  return {
    /**
     * Adds a batch: merges each document's terms, then reads every merged term's home slot before inserting. Those
     * reads do not depend on each other, so the processor overlaps their cache and TLB misses, and the inserts that
     * follow find their slots in cache.
     */
    insert(b: TermBatch): void {
      const m = mergeDocuments(b);
      const mk1 = merged.k1;
      const mk2 = merged.k2;
      const mcount = merged.count;
      const mnode = merged.node;
      let d = slots;
      let msk = mask;
      let limit = maxLoad * (msk + 1);
      let sink = 0;
      for (let i = 0; i < m; i++) sink |= d[(mk1[i] & msk) * stride + 2];
      touched = sink;
      let size = distinct;
      for (let i = 0; i < m; i++) {
        const k1 = mk1[i];
        const k2 = mk2[i];
        for (let slot = k1 & msk; ; slot = (slot + 1) & msk) {
          const o = slot * stride;
          const fresh = d[o + 2] === 0;
          if (!fresh && (d[o] !== k1 || d[o + 1] !== k2)) continue;
          if (variants === 1) {
            if (fresh) {
              d[o] = k1;
              d[o + 1] = k2;
              d[o + 2] = mcount[i];
              d[o + 3] = 1;
              d[o + 4] = mnode[i];
            } else {
              d[o + 2] += mcount[i];
              d[o + 3]++;
            }
          } else {
            if (fresh) {
              d[o] = k1;
              d[o + 1] = k2;
              d[o + 2] = 1;
            }
            for (let v = 0, at = i * variants, f = o + 3; v < variants; v++, f += 3) {
              const c = mcount[at + v];
              if (c === 0) continue;
              if (d[f] === 0) {
                d[f + 2] = mnode[i];
                distinctPerVariant[v]++;
              }
              d[f] += c;
              d[f + 1]++;
            }
          }
          if (fresh && ++size > limit) {
            distinct = size;
            rehash((msk + 1) * 2);
            d = slots;
            msk = mask;
            limit = maxLoad * (msk + 1);
          }
          break;
        }
      }
      distinct = size;
    },
    /**
     * Sizes the table for the whole corpus from the rate of new terms so far, capped at `cap` terms. New terms per
     * document usually fall as a corpus grows, so the rate mostly overestimates; doubling covers the rest.
     */
    plan(documentsRead: number, documentsTotal: number, cap: number): void {
      reserve(Math.min(cap, (distinct / documentsRead) * documentsTotal));
    },
    state: () => ({
      slots,
      mask,
      variants,
      distinctPerVariant: variants === 1 ? [distinct] : distinctPerVariant.slice(),
      touched,
    }),
  };
}

/** Counts, document frequencies and first nodes of all terms of a corpus: `countTerms(corpus)`. */
export class TermTable {
  private readonly mask: number;
  // NOTE: one interleaved array, so that probing a cold slot costs one cache miss rather than one per field.
  private readonly slots: Int32Array;
  private readonly stride: number;
  /** Field of this variant's count; its document frequency and first node follow. */
  private readonly count: number;
  /** Distinct terms. */
  readonly size: number;

  /**
   * The table a counter left, as one of its variants sees it: `new TermTable(state, documents)` (see `countTerms`).
   * Slots holding only other variants' terms read as empty.
   */
  constructor(
    state: TableState,
    /** Documents added. */
    readonly documents: number,
    variant = 0,
  ) {
    if (!(variant >= 0 && variant < state.variants))
      throw new Error(`similarity/termTable: variant ${variant} of a table of ${state.variants}`);
    this.slots = state.slots;
    this.mask = state.mask;
    this.stride = slotStride(state.variants);
    this.count = state.variants === 1 ? 2 : 3 + 3 * variant;
    this.size = state.distinctPerVariant[variant];
  }

  /** Number of slots. */
  get capacity(): number {
    return this.mask + 1;
  }

  /** Total occurrences of the term in slot s (0: empty slot). */
  countAt(s: number): number {
    return this.slots[s * this.stride + this.count];
  }
  /** Documents holding the term in slot s. */
  dfAt(s: number): number {
    return this.slots[s * this.stride + this.count + 1];
  }
  /** First node holding the term in slot s. */
  firstDocAt(s: number): number {
    return this.slots[s * this.stride + this.count + 2];
  }
  /** The term key of slot s. */
  keyAt(s: number): [number, number] {
    return [this.slots[s * this.stride + K1], this.slots[s * this.stride + K2]];
  }

  /** Slot of a term key, or -1: `table.find(k1, k2)`. */
  find(k1: number, k2: number): number {
    const d = this.slots;
    for (let slot = k1 & this.mask; ; slot = (slot + 1) & this.mask) {
      const o = slot * this.stride;
      if (d[o + OCCUPIED] === 0) return -1;
      if (d[o + K1] === k1 && d[o + K2] === k2) return d[o + this.count] > 0 ? slot : -1;
    }
  }
}

/** Where the inserter runs: in this thread, or in a worker fed batch by batch. */
interface InserterHandle {
  insert(batch: TermBatch): void;
  plan(documentsRead: number, documentsTotal: number, cap: number): void;
  finish(): TableState;
}

function inThreadInserter(variants: number): InserterHandle {
  const { insert, plan, state } = createInserter(variants);
  return { insert, plan, finish: state };
}

/** Source of the worker: createInserter's text, fed by messages; replies on `workerData.port`. */
const WORKER_SOURCE = `
"use strict";
var __name = (f) => f; // a helper some TypeScript runners insert into function text
const { parentPort, workerData } = require("node:worker_threads");
const inserter = (${createInserter.toString()})(workerData.variants);
const done = new Int32Array(workerData.done);
let failed = false;
parentPort.on("message", (m) => {
  try {
    if (failed) return;
    if (m.kind === "batch") inserter.insert(m);
    else if (m.kind === "plan") inserter.plan(m.read, m.total, m.cap);
    else if (m.kind === "finish") {
      const s = inserter.state();
      // The buffer, not the view: a view of more than 2^30 elements arrives with a wrapped length (Node 20).
      workerData.port.postMessage({ kind: "table", buffer: s.slots.buffer, mask: s.mask, distinctPerVariant: s.distinctPerVariant }, [s.slots.buffer]);
    }
  } catch (e) {
    failed = true;
    workerData.port.postMessage({ kind: "error", message: e && e.message ? e.message : String(e) });
  } finally {
    Atomics.add(done, 0, 1);
    Atomics.notify(done, 0);
  }
});
`;

/**
 * An inserter in a worker thread. Batches go over by transfer; this thread waits (Atomics.wait) only when
 * MAX_IN_FLIGHT batches are queued, and at the end, where the table comes back by transfer as well.
 */
function workerInserter(variants: number): InserterHandle {
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { done: done.buffer, port: port2, variants },
    transferList: [port2],
  });
  worker.unref();
  let sent = 0;
  type TableReply = {
    kind: string;
    message?: string;
    buffer: ArrayBuffer;
    mask: number;
    distinctPerVariant: number[];
  };
  let table: TableReply | undefined;
  // Reads the worker's replies: throws its error, keeps its table.
  const readReplies = (port: MessagePort) => {
    for (let r = receiveMessageOnPort(port); r; r = receiveMessageOnPort(port)) {
      const reply = r.message as TableReply;
      if (reply.kind === "error") {
        void worker.terminate();
        port.close();
        throw new Error(reply.message);
      }
      table = reply;
    }
  };
  const waitUntil = (inFlight: number) => {
    for (let seen = Atomics.load(done, 0); sent - seen > inFlight; seen = Atomics.load(done, 0)) {
      Atomics.wait(done, 0, seen, 1000);
      readReplies(port1);
    }
  };
  const post = (message: object, transfer: ArrayBuffer[] = []) => {
    waitUntil(MAX_IN_FLIGHT - 1);
    sent++;
    worker.postMessage(message, transfer);
  };
  return {
    insert: (b) =>
      post({ ...b, kind: "batch" }, [
        b.k1.buffer,
        b.k2.buffer,
        b.end.buffer,
        b.node.buffer,
        ...(b.variantMask ? [b.variantMask.buffer] : []),
      ] as ArrayBuffer[]),
    plan: (read, total, cap) => post({ kind: "plan", read, total, cap }),
    finish: () => {
      post({ kind: "finish" });
      waitUntil(0);
      readReplies(port1);
      void worker.terminate();
      port1.close();
      if (table?.kind !== "table") throw new Error("similarity/termTable: the counting worker sent no table");
      const slots = new Int32Array(table.buffer);
      if (slots.length !== (table.mask + 1) * slotStride(variants))
        throw new Error(
          `similarity/termTable: the counting worker sent ${slots.length} table fields for ${table.mask + 1} slots`,
        );
      return {
        slots,
        mask: table.mask,
        variants,
        distinctPerVariant: table.distinctPerVariant,
      };
    },
  };
}

/** Bits of each kind of metadata variant in a term's variant mask (several variants of one kind share the table). */
interface VariantBits {
  paper: number;
  identity: number;
  lineage: number;
}

/** The reading half: gathers documents' term keys (unigrams, then bigrams) in batches for the inserter. */
class TermCounter {
  documents = 0;
  private batch: TermBatch;

  constructor(
    private readonly inserter: InserterHandle,
    private readonly variants: number,
  ) {
    this.batch = newBatch(BATCH_TERMS, variants > 1);
  }

  /** Adds the unigrams and bigrams of a document already tokenized into `spans` (nodes in increasing order). */
  addTokens(spans: TokenSpans, node: number): void {
    if (this.variants !== 1) throw new Error("similarity/termTable: a counter of several variants takes addParts");
    this.documents++;
    const b = this.room(Math.max(0, 2 * spans.count - 1));
    this.endDocument(b, appendTerms(b, b.n, spans, 0), node);
  }

  /**
   * Adds a metadata row's terms in every variant at once (MetadataTokenParts): each term of the whole row once, with
   * the variants holding it (every variant inside the redacted range, the paper's string only outside it, a bigram
   * across its edge included), then the terms of the row without its lineage tags where they differ.
   */
  addParts(parts: MetadataTokenParts, node: number, bits: VariantBits): void {
    this.documents++;
    const { whole, middle, last, lineage } = parts;
    const count = whole.count;
    const own = lineage === null ? 0 : bits.lineage;
    const inside = bits.paper | bits.identity | (lineage === null ? bits.lineage : 0);
    const outside = bits.paper;
    const b = this.room(Math.max(0, 2 * count - 1) + (own ? Math.max(0, 2 * lineage!.count - 1) : 0));
    const h1 = whole.h1;
    const h2 = whole.h2;
    const k1 = b.k1;
    const k2 = b.k2;
    const masks = b.variantMask!;
    let j = b.n;
    for (let k = 0; k < count; k++) {
      const mask = k >= middle && k < last ? inside : outside;
      if (mask === 0) continue;
      k1[j] = h1[k];
      k2[j] = h2[k];
      masks[j++] = mask;
    }
    for (let k = 0; k + 1 < count; k++) {
      const mask = k >= middle && k + 1 < last ? inside : outside;
      if (mask === 0) continue;
      k1[j] = bigramKey1(h1[k], h1[k + 1]);
      k2[j] = bigramKey2(h2[k], h2[k + 1]);
      masks[j++] = mask;
    }
    if (own) j = appendTerms(b, j, lineage!, own);
    this.endDocument(b, j, node);
  }

  /** Sizes the table for `total` documents from the terms of those read so far, at most `cap` terms. */
  plan(total: number, cap: number): void {
    this.flush();
    this.inserter.plan(this.documents, total, cap);
  }

  /** The counted table, as each variant sees it. */
  finish(): TermTable[] {
    this.flush();
    const state = this.inserter.finish();
    return Array.from({ length: this.variants }, (_, v) => new TermTable(state, this.documents, v));
  }

  /** The batch, flushed first when `terms` more terms or one more document would not fit. */
  private room(terms: number): TermBatch {
    const b = this.batch;
    if (b.n + terms <= b.k1.length && b.docs < b.end.length) return b;
    this.flush();
    return (this.batch = newBatch(Math.max(BATCH_TERMS, terms), this.variants > 1));
  }

  private endDocument(b: TermBatch, terms: number, node: number): void {
    b.n = terms;
    b.end[b.docs] = terms;
    b.node[b.docs++] = node;
  }

  private flush(): void {
    if (this.batch.docs === 0) return;
    this.inserter.insert(this.batch);
    this.batch = newBatch(BATCH_TERMS, this.variants > 1);
  }
}

/**
 * Writes the unigrams, then the bigrams, of `spans` into batch b from term j, each with `mask` when the batch has
 * variant masks; returns the next free term. Example: `b.n = appendTerms(b, b.n, spans, 0)`.
 */
function appendTerms(b: TermBatch, j: number, spans: TokenSpans, mask: number): number {
  const { h1, h2, count } = spans;
  const k1 = b.k1;
  const k2 = b.k2;
  const masks = b.variantMask;
  for (let k = 0; k < count; k++, j++) {
    k1[j] = h1[k];
    k2[j] = h2[k];
    if (masks !== null) masks[j] = mask;
  }
  for (let k = 0; k + 1 < count; k++, j++) {
    k1[j] = bigramKey1(h1[k], h1[k + 1]);
    k2[j] = bigramKey2(h2[k], h2[k + 1]);
    if (masks !== null) masks[j] = mask;
  }
  return j;
}

function newBatch(terms: number, masked: boolean): TermBatch {
  const docs = BATCH_TERMS >> 3;
  return {
    k1: new Int32Array(terms),
    k2: new Int32Array(terms),
    variantMask: masked ? new Uint8Array(terms) : null,
    n: 0,
    end: new Int32Array(docs),
    node: new Int32Array(docs),
    docs: 0,
  };
}

/** Options of `countTerms`. */
export interface CountTermsOptions {
  /** Insert in a worker thread [from WORKER_FROM_DOCUMENTS documents]; the table is the same either way. */
  worker?: boolean;
}

/**
 * Counts the terms of every document of a corpus, in node order.
 * Example: `const table = countTerms(corpusOf("metadata", ["a bb cc", "bb cc"])); table.countAt(table.find(...termKey("bb
 * cc")))` is 2.
 */
export function countTerms(corpus: DnaCorpus, options: CountTermsOptions = {}): TermTable {
  const counting = termCounting(corpus.documentCount, options);
  if (corpus.forEachTokens) corpus.forEachTokens(counting.add);
  else forEachDocumentTokens(corpus, counting.add);
  return counting.finish()[0];
}

/**
 * `countTerms` on a corpus that streams (`forEachTokensAsync`), letting each chunk's native memory go before the next:
 * the same table, in bounded memory on a large scan (at 18.6M models the synchronous pass holds about 5 GB of chunks).
 * Example: `similarityMeasures(corpus, { counted: await countTermsAsync(corpus) })`.
 */
export async function countTermsAsync(corpus: DnaCorpus, options: CountTermsOptions = {}): Promise<TermTable> {
  const counting = termCounting(corpus.documentCount, options);
  if (corpus.forEachTokensAsync) await corpus.forEachTokensAsync(counting.add);
  else if (corpus.forEachTokens) corpus.forEachTokens(counting.add);
  else forEachDocumentTokens(corpus, counting.add);
  return counting.finish()[0];
}

/**
 * The term tables of several variants of a table's metadata strings, counted in one read of its columns and one table
 * (`forEachMetadataTokenPartsAsync`, `addParts`); table i holds the same terms, with the same counts, document
 * frequencies and first nodes, as `countTermsAsync(metadataCorpus(table, { redact: variants[i] }))` (the paper's
 * string for "paper").
 * Example: `const [paper, identity] = await countMetadataVariantsAsync(models, ["paper", "identity"])`.
 */
export async function countMetadataVariantsAsync(
  table: TableRows,
  variants: readonly MetadataVariant[],
  options: CountTermsOptions & { chunkRows?: number } = {},
): Promise<TermTable[]> {
  if (variants.length === 0 || variants.length > 8)
    throw new Error(`similarity/termTable: one to eight variants are counted together, not ${variants.length}`);
  const counting = termCounting(rowCount(table), options, variants.length);
  if (variants.length === 1) {
    const add = (spans: readonly TokenSpans[], v: number) => counting.add(spans[0], v);
    await forEachMetadataTokenVariantsAsync(table, variants, add, { chunkRows: options.chunkRows });
  } else {
    const bit = (kind: MetadataVariant) => variants.reduce((m, v, k) => (v === kind ? m | (1 << k) : m), 0);
    const bits: VariantBits = { paper: bit("paper"), identity: bit("identity"), lineage: bit("identity-and-lineage") };
    const add = (parts: MetadataTokenParts, v: number) => counting.addParts(parts, v, bits);
    await forEachMetadataTokenPartsAsync(table, variants, add, { chunkRows: options.chunkRows });
  }
  return counting.finish();
}

function forEachDocumentTokens(corpus: DnaCorpus, add: (tokens: TokenSpans, v: number) => void): void {
  const spans = tokenSpans();
  corpus.forEachDocument((text, v) => {
    tokenize(text, spans);
    add(spans, v);
  });
}

/**
 * A counter for `total` documents of `variants` variants, sized as it reads: `add` each document's tokens (or `addParts`
 * its variants'), then `finish`.
 */
function termCounting(total: number, options: CountTermsOptions, variants = 1) {
  const useWorker = options.worker ?? total >= WORKER_FROM_DOCUMENTS;
  const counter = new TermCounter(useWorker ? workerInserter(variants) : inThreadInserter(variants), variants);
  // A first sizing after a few documents, capped (2^25 slots, 640 MiB for one variant) so that an odd start cannot
  // claim gigabytes; the second, at a tenth of the corpus, uncapped: one rehash at most on the way to the final size.
  const checkpoints = [
    { at: SIZING_DOCUMENTS, cap: 0.6 * (1 << 25) },
    { at: Math.max(2 * SIZING_DOCUMENTS, Math.floor(total / 10)), cap: Number.POSITIVE_INFINITY },
  ].filter((c) => total > 2 * c.at);
  const planned = () => {
    if (checkpoints.length > 0 && counter.documents === checkpoints[0].at) {
      counter.plan(total, checkpoints[0].cap);
      checkpoints.shift();
    }
  };
  return {
    add: (tokens: TokenSpans, v: number) => {
      counter.addTokens(tokens, v);
      planned();
    },
    addParts: (parts: MetadataTokenParts, v: number, bits: VariantBits) => {
      counter.addParts(parts, v, bits);
      planned();
    },
    finish: () => counter.finish(),
  };
}
