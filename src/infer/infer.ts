// Parent inference from metadata: for each model without a declared parent, a ranked list of candidate parents with
// a score and the evidence behind it, and the relation the child most likely has to them. Candidates come from
// indexes (candidates.ts); each (child, candidate) pair then gets eight signals, all in typed arrays:
//
//   name        1 when the candidate's core is the child's whole core (TheBloke/X-GGUF → org/X), 0.5–0.9 when it is
//               contained in the child's name (more when it covers more of it), else up to 0.5 for a shared prefix or
//               up to 0.8 for a long run of characters ("qwen35-0-8b" for Qwen3.5-0.8B); scaled down for short cores
//               and for cores many models share ("demo", "test")
//   card        the strength of the child card's strongest mention of the candidate (cards.ts)
//   similarity  TF-IDF cosine of the two metadata strings (docs/methods.md §4.1), for each child's best candidates
//   popularity  declared children, downloads and likes of the candidate on log scales, 0..1 (a prior)
//   kind        the candidate's declared children of the relation inferred for the child, log scale, 0..1 (a prior:
//               adapters come from the models adapters are made of)
//   history     the child's author has declared the candidate as the parent of another model
//   author      the candidate has the child's author
//   derivative  the candidate looks like a quantized copy or an adapter itself (markers.ts), which rarely have children
//
// and a hard rule of time: a candidate created after the child is rejected (kept aside, flagged `later`, so that an
// evaluation can measure what the rule is worth). The score is a logistic function of a weighted sum of the signals
// (INFER_WEIGHTS). The weights are fixed, not fitted per dataset: they were chosen by a coordinate search on held-out
// draws of the three shipped datasets (seeds other than the default), then scaled together so that a score reads
// roughly as the precision of the candidate (evaluate.ts measures it).
import pl from "nodejs-polars";
import { LISTING_KEYS_COLUMN, PARENT_COLUMNS, type SnapshotColumn } from "../data/schema";
import type { Relation } from "../data/tags";
import { buildLineageGraph, LINEAGE_COLUMNS, type LineageGraph } from "../lineage/graph";
import { hasNumericColumn, nodeColumn } from "../lineage/nodeColumns";
import { EDGE_TYPE_CODE } from "../lineage/relations";
import { type Rng, shuffleInPlace } from "../random";
import { METADATA_COLUMNS, metadataChunk } from "../similarity/metadataString";
import { METADATA_CORPUS_COLUMNS, metadataCorpus } from "../similarity/dna";
import { cosineSimilarity, fitVectorizer, type SparseVector, type Vectorizer } from "../similarity/vectorizer";
import {
  CARD_MENTION_KINDS,
  CARD_MENTION_RELATION,
  CARD_MENTION_STRENGTH,
  type CardEvidence,
  readCardEvidence,
} from "./cards";
import { type CandidateLimits, DEFAULT_CANDIDATE_LIMITS, SOURCE, candidatePairs } from "./candidates";
import { isDerivativeMask, markerMasks, relationFromMarkers, type RelationSources } from "./markers";
import { hiddenFlags, hideDeclaredParents, visibleRows } from "./hidden";
import { coreNameExpr, nameTokens, sharedPrefixTokens, tokenRunAt } from "./names";

/**
 * Every column `inferParents` and `evaluateInference` read, so that a large snapshot can be loaded without the rest:
 * `loadDataset(settings, { columns: INFER_COLUMNS })`.
 */
export const INFER_COLUMNS: readonly SnapshotColumn[] = [
  ...new Set<SnapshotColumn>([
    ...LINEAGE_COLUMNS,
    "author",
    "downloads",
    "likes",
    "tags",
    "library_name",
    "card_head",
    ...METADATA_CORPUS_COLUMNS,
  ]),
];

/** Weights of the score: logistic(bias + Σ weight · signal). */
export interface InferWeights {
  bias: number;
  name: number;
  card: number;
  similarity: number;
  popularity: number;
  kind: number;
  history: number;
  author: number;
  derivative: number;
}

/** The signals that can be switched off one at a time: `SIGNALS.includes("card")`. */
export type Signal = "name" | "card" | "similarity" | "popularity" | "kind" | "history" | "author" | "derivative";

/** Every signal, in the order tables list them. */
export const SIGNALS: readonly Signal[] = [
  "name",
  "card",
  "similarity",
  "popularity",
  "kind",
  "history",
  "author",
  "derivative",
];

/** The hand-set weights: `{ ...INFER_WEIGHTS, card: 0 }` ranks without the card. */
export const INFER_WEIGHTS: Readonly<InferWeights> = {
  bias: -3,
  name: 3.75,
  card: 3,
  similarity: 1.5,
  popularity: 1.25,
  kind: 0.75,
  history: 1.25,
  author: -1,
  derivative: -1.75,
};

/** Where card evidence came from: whole card texts, the table's first 512 characters, or nothing. */
export type CardSource = "full text" | "first 512 characters" | "none";

/** Options of `inferParents`. */
export interface InferOptions {
  /** Rows to infer parents for: "parentless" (no declared parent at all) or explicit rows ["parentless"]. */
  children?: "parentless" | ArrayLike<number>;
  /** The declared graph, for the number of children of each candidate [built from the table]. */
  graph?: LineageGraph;
  /** Whole card texts by model id (`readCardTexts`); without them the `card_head` column is read when present. */
  cards?: ReadonlyMap<string, string> | null;
  /** Rewrites each child's card text before it is read (an evaluation hides the declared `base_model` key). */
  transformCard?: (text: string) => string;
  /**
   * Rows read as if `hideDeclaredParents` had removed their declared lineage (an evaluation's held-out children),
   * without copying the table; a `graph` passed along must already leave their parents out [none].
   */
  hiddenLineage?: ArrayLike<number>;
  /** A fitted vectoriser for the similarity signal; null leaves similarity out [fitted on the table's metadata]. */
  vectorizer?: Vectorizer | null;
  /** Score weights [INFER_WEIGHTS]. */
  weights?: Partial<InferWeights>;
  /** Candidate limits [DEFAULT_CANDIDATE_LIMITS]. */
  limits?: Partial<CandidateLimits>;
  /** Each child's best candidates (by the score without similarity) that get a similarity [25]. */
  similarityTop?: number;
  /** Children whose similarities are computed at once (bounds memory) [5,000]. */
  batch?: number;
}

/** Every candidate pair with its signals, grouped by child (pairs of child c are pairStart[c] .. pairStart[c + 1]). */
export interface CandidateSignals {
  /** Index into `children`. */
  child: Int32Array;
  /** Row of the candidate parent. */
  parent: Int32Array;
  /** SOURCE bits. */
  sources: Uint8Array;
  /** Strongest card mention (CARD_MENTION_KINDS code), 255 for none. */
  cardKind: Uint8Array;
  name: Float32Array;
  card: Float32Array;
  /** NaN where not computed (not among the child's best candidates, or no vectoriser). */
  similarity: Float32Array;
  popularity: Float32Array;
  kind: Float32Array;
  history: Float32Array;
  author: Uint8Array;
  derivative: Uint8Array;
  /** 1 when the candidate was created after the child (rejected by the time rule). */
  later: Uint8Array;
  pairStart: Int32Array;
}

/** What `inferParents` returns: the children, their candidates and signals, and each child's relation. */
export interface ParentInference {
  /** Model id of every row. */
  ids: pl.Series;
  /** Rows inferred, ascending. */
  children: Int32Array;
  /** Inferred relation of each child (EDGE_TYPE_CODE), from its markers and card. */
  relation: Uint8Array;
  /** The child's marker mask (markers.ts), per child. */
  markers: Uint16Array;
  /** The card evidence read for each child, or null. */
  cards: (CardEvidence | null)[];
  signals: CandidateSignals;
  weights: InferWeights;
  cardSource: CardSource;
  /** Children of every row in the declared graph, downloads and likes (for evidence lines). */
  popularityCounts: { children: Int32Array; downloads: Float64Array; likes: Float64Array };
  /** Counts: children, pairs, pairs per source, candidates rejected as later than their child. */
  report: InferReport;
}

/** Counts of one inference run. */
export interface InferReport {
  children: number;
  childrenWithCandidates: number;
  pairs: number;
  bySource: Record<"name_exact" | "name_contained" | "name_prefix" | "card" | "history" | "popular", number>;
  rejectedAsLater: number;
  cardSource: CardSource;
  childrenWithCardEvidence: number;
}

/**
 * Rows without any declared parent (all five parent columns empty, or hidden: flags from `hiddenFlags`):
 * `parentlessRows(models).length`.
 */
export function parentlessRows(table: pl.DataFrame, hidden: Uint8Array | null = null): Int32Array {
  const columns = PARENT_COLUMNS.filter((c) => table.columns.includes(c));
  if (columns.length === 0) return Int32Array.from({ length: table.height }, (_, i) => i);
  const total = columns
    .map((c) => pl.col(c).lst.lengths().fillNull(0))
    .reduce((a, b) => a.add(b))
    .alias("n");
  const counts = table.select(total.cast(pl.UInt32)).getColumn("n").toTypedArray() as Uint32Array;
  const none = (i: number) => counts[i] === 0 || (hidden !== null && hidden[i] === 1);
  let m = 0;
  for (let i = 0; i < counts.length; i++) if (none(i)) m++;
  const rows = new Int32Array(m);
  for (let i = 0, k = 0; i < counts.length; i++) if (none(i)) rows[k++] = i;
  return rows;
}

/** What `parentlessSample` returns: the rows to infer parents for, ascending, and how many were parentless. */
export interface ParentlessSample {
  rows: Int32Array;
  /** Models without any declared parent; `rows.length` when no cap applied. */
  parentless: number;
}

/**
 * The parentless rows, or a seeded draw of `max` of them when there are more (inference on 1.3M models takes minutes
 * and GBs). Example: `inferParents(models, { children: parentlessSample(models, 100_000, rng).rows })`.
 */
export function parentlessSample(table: pl.DataFrame, max: number, rng: Rng): ParentlessSample {
  if (!(max >= 1)) throw new Error(`infer/infer: the most models to infer parents for must be at least 1, not ${max}`);
  const rows = parentlessRows(table);
  if (rows.length <= max) return { rows, parentless: rows.length };
  return { rows: shuffleInPlace(rows, rng).slice(0, max).sort(), parentless: rows.length };
}

/**
 * The popularity prior of every row, 0..1: half children, a quarter downloads, a quarter likes, each log-scaled.
 * Example: `popularityPrior(childCounts, nodeColumn(models, "downloads"), nodeColumn(models, "likes"))`.
 */
export function popularityPrior(children: Int32Array, downloads: Float64Array, likes: Float64Array): Float64Array {
  const n = children.length;
  let mc = 0,
    md = 0,
    ml = 0;
  for (let v = 0; v < n; v++) {
    mc = Math.max(mc, Math.log1p(children[v]));
    md = Math.max(md, Math.log1p(Math.max(0, downloads[v] || 0)));
    ml = Math.max(ml, Math.log1p(Math.max(0, likes[v] || 0)));
  }
  const out = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const c = mc > 0 ? Math.log1p(children[v]) / mc : 0;
    const d = md > 0 ? Math.log1p(Math.max(0, downloads[v] || 0)) / md : 0;
    const l = ml > 0 ? Math.log1p(Math.max(0, likes[v] || 0)) / ml : 0;
    out[v] = 0.5 * c + 0.25 * d + 0.25 * l;
  }
  return out;
}

/**
 * The name signal of a pair from the two cores' tokens: 1 exact, 0.5–0.9 contained, up to 0.5 for a shared prefix,
 * and up to 0.8 when the parent's core, written without separators, is a long run of the child's ("qwen3508b" in
 * "ner-qwen35-0-8b-seed42" for Qwen/Qwen3.5-0.8B). Example: `nameSignal(["x", "lora"], ["x", "lora"])` is 1.
 */
export function nameSignal(child: readonly string[], parent: readonly string[]): number {
  if (child.length === 0 || parent.length === 0) return 0;
  if (child.length === parent.length && tokenRunAt(child, parent) === 0) return 1;
  if (tokenRunAt(child, parent) >= 0) {
    const covered = parent.join("-").length / child.join("-").length;
    return 0.5 + 0.4 * Math.min(1, covered);
  }
  const shared = sharedPrefixTokens(child, parent);
  const prefix = (0.5 * shared) / Math.max(child.length, parent.length);
  const p = parent.join("");
  const run = longestCommonRun(child.join(""), p);
  const squashed = run >= 4 ? 0.8 * (run / p.length) * Math.min(1, run / 8) : 0;
  return Math.max(prefix, squashed);
}

const runRow = new Int32Array(65);

/** Length of the longest common substring of two strings (first 64 characters): `longestCommonRun("abcd", "xbcy")` is 2. */
export function longestCommonRun(a: string, b: string): number {
  const n = Math.min(a.length, 64);
  const m = Math.min(b.length, 64);
  runRow.fill(0);
  let best = 0;
  for (let i = 1; i <= n; i++) {
    const ca = a.charCodeAt(i - 1);
    for (let j = m; j >= 1; j--) {
      if (ca === b.charCodeAt(j - 1)) {
        const v = runRow[j - 1] + 1;
        runRow[j] = v;
        if (v > best) best = v;
      } else runRow[j] = 0;
    }
  }
  return best;
}

/** Most models the default vectoriser is fitted on; a larger table is thinned to every k-th model. */
export const SIMILARITY_FIT_ROWS = 100_000;

/**
 * The vectoriser of the similarity signal: fitted on the metadata strings of every model (docs/methods.md §4.1), or
 * of every ⌈n / SIMILARITY_FIT_ROWS⌉-th model of a larger table, the `hiddenLineage` rows read without their declared
 * lineage. Example: `fitSimilarity(models).terms.length`.
 */
export function fitSimilarity(table: pl.DataFrame, hiddenLineage?: ArrayLike<number>): Vectorizer {
  const step = Math.ceil(table.height / SIMILARITY_FIT_ROWS);
  let fitted = step > 1 ? table.gatherEvery(step) : table;
  const hidden: number[] = [];
  for (let i = 0; i < (hiddenLineage?.length ?? 0); i++)
    if (hiddenLineage![i] % step === 0) hidden.push(hiddenLineage![i] / step);
  if (hidden.length > 0) fitted = hideDeclaredParents(fitted, hidden);
  return fitVectorizer(metadataCorpus(fitted));
}

/** The given rows of a frame, in the given order. */
function gatherRows(frame: pl.DataFrame, rows: Int32Array): pl.DataFrame {
  const at = pl.Series("row", rows);
  return frame.select(...frame.columns.map((c) => pl.col(c).gather(at)));
}

/**
 * How much a name match says, 0..1: short cores and cores many models share say less. Example:
 * `nameSpecificity("demo", 40)` is about 0.29, `nameSpecificity("llama-2-7b-chat", 1)` is 1.
 */
export function nameSpecificity(core: string, modelsWithCore: number): number {
  return Math.min(1, core.length / 10) / (1 + 0.1 * Math.log(Math.max(1, modelsWithCore)));
}

/**
 * The kind signal: declared children of a candidate with a given relation (EDGE_TYPE_CODE), log scale, 0..1 of the
 * largest count of that relation. Example: `kindPopularity(graph)(v, EDGE_TYPE_CODE.adapter)`.
 */
export function kindPopularity(graph: LineageGraph): (v: number, relation: number) => number {
  const types = 5;
  const counts = new Int32Array(graph.nodeCount * types);
  for (let e = 0; e < graph.edgeCount; e++) counts[graph.edgeParent[e] * types + graph.edgeType[e]]++;
  const max = new Float64Array(types);
  for (let i = 0; i < counts.length; i++) max[i % types] = Math.max(max[i % types], Math.log1p(counts[i]));
  return (v, relation) => (max[relation] > 0 ? Math.log1p(counts[v * types + relation]) / max[relation] : 0);
}

/**
 * The history signal: the child's author has declared the candidate as a parent before, 0..1 (1 from three such
 * children on). Example: `authorHistory(graph, authorCodes)(parent, authorCodes[child])`.
 */
export function authorHistory(graph: LineageGraph, authorCodes: Uint32Array): (v: number, author: number) => number {
  let authors = 1;
  for (let v = 0; v < authorCodes.length; v++) authors = Math.max(authors, authorCodes[v] + 1);
  const counts = new Map<number, number>();
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = authorCodes[graph.edgeChild[e]];
    if (a === 0) continue;
    const key = graph.edgeParent[e] * authors + a;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return (v, author) => (author === 0 ? 0 : Math.min(1, (counts.get(v * authors + author) ?? 0) / 3));
}

function column(table: pl.DataFrame, name: string): Float64Array {
  return hasNumericColumn(table, name) ? nodeColumn(table, name) : new Float64Array(table.height);
}

/** Card texts of the children: whole texts by id, else the `card_head` column, else none. */
function childCards(
  table: pl.DataFrame,
  children: Int32Array,
  childIds: readonly string[],
  cards: ReadonlyMap<string, string> | null | undefined,
  hidden: Uint8Array | null,
): { texts: (string | null)[]; source: CardSource } {
  if (cards) return { texts: childIds.map((id) => cards.get(id) ?? null), source: "full text" };
  if (!table.columns.includes("card_head")) return { texts: childIds.map(() => null), source: "none" };
  const heads = visibleRows(table, children, ["card_head"], hidden).getColumn("card_head").toArray() as (
    | string
    | null
  )[];
  const any = heads.some((h) => h !== null && h !== "");
  return { texts: heads, source: any ? "first 512 characters" : "none" };
}

/** Per-row columns inferParents reads from the whole table, whatever rows are hidden or inferred. */
interface WholeTableColumns {
  /** Marker mask of every row (markers.ts), read only. */
  markers: Uint16Array;
  /** Dense code of every row's author (0: none), read only. */
  authorCodes: Uint32Array;
}

/**
 * The whole-table columns of each table met, computed once per table object (a polars DataFrame never changes): a
 * notebook infers parents twice on one table, for the evaluation and for the parentless models, and the markers alone
 * take seconds at 1.86M models. They cost 6 bytes per row.
 */
const wholeTableCache = new WeakMap<pl.DataFrame, WholeTableColumns>();

function wholeTableColumns(table: pl.DataFrame): WholeTableColumns {
  let columns = wholeTableCache.get(table);
  if (columns) return columns;
  const authorCodes = table.columns.includes("author")
    ? (table
        .lazy()
        .select(pl.col("author").rank("dense").fillNull(0).cast(pl.UInt32).alias("a"))
        .collectSync()
        .getColumn("a")
        .toTypedArray() as Uint32Array)
    : new Uint32Array(table.height);
  columns = { markers: markerMasks(table), authorCodes };
  wholeTableCache.set(table, columns);
  return columns;
}

/**
 * Infers candidate parents for the children (by default every model without a declared parent).
 * Example: `const inference = inferParents(models, { cards: kit.data.readCardTexts(kit.listingFiles(settings).cards!) })`.
 */
export function inferParents(table: pl.DataFrame, options: InferOptions = {}): ParentInference {
  if (!table.columns.includes("id")) throw new Error("infer/infer: the table has no id column");
  const n = table.height;
  const limits = { ...DEFAULT_CANDIDATE_LIMITS, ...options.limits };
  const weights = { ...INFER_WEIGHTS, ...options.weights };
  const hidden = hiddenFlags(n, options.hiddenLineage);
  const children =
    options.children === undefined || options.children === "parentless"
      ? parentlessRows(table, hidden)
      : Int32Array.from(options.children).sort();
  for (let c = 0; c < children.length; c++)
    if (children[c] < 0 || children[c] >= n)
      throw new Error(`infer/infer: child row ${children[c]} is not in the table`);
  const graph = options.graph ?? buildLineageGraph(table, { withoutParentsOf: options.hiddenLineage });
  if (graph.nodeCount !== n) throw new Error(`infer/infer: the graph has ${graph.nodeCount} nodes, the table ${n}`);

  // node columns
  const childCounts = new Int32Array(n);
  for (let v = 0; v < n; v++) childCounts[v] = graph.childStart[v + 1] - graph.childStart[v];
  const downloads = column(table, "downloads");
  const likes = column(table, "likes");
  const popularity = popularityPrior(childCounts, downloads, likes);
  const created = column(table, "createdAt");
  if (!hasNumericColumn(table, "createdAt")) created.fill(Number.NaN);
  const whole = wholeTableColumns(table);
  let markers = whole.markers;
  if (hidden !== null) {
    markers = markers.slice(); // the cached masks stay those of the whole table
    const rows = Int32Array.from(options.hiddenLineage!);
    const columns = ["id", "library_name", "tags"].filter((c) => table.columns.includes(c));
    markerMasks(visibleRows(table, rows, columns, hidden)).forEach((mask, i) => (markers[rows[i]] = mask));
  }
  const authorCodes = whole.authorCodes;
  const frame = table
    .lazy()
    .select(pl.col("id"), coreNameExpr(pl.col("id")).alias("core"), pl.col("id").str.toLowerCase().alias("lower"))
    .withColumns(pl.col("core").count().over("core").cast(pl.UInt32).alias("shared"))
    .collectSync();
  const shared = frame.getColumn("shared").toTypedArray() as Uint32Array;
  const cores = frame.getColumn("core");
  const lowerIds = frame.getColumn("lower");
  const childFrame = gatherRows(frame, children);
  const childCores = childFrame.getColumn("core").toArray() as string[];
  const childIds = childFrame.getColumn("id").toArray() as string[];

  // cards
  const { texts, source: cardSource } = childCards(table, children, childIds, options.cards, hidden);
  const transform = options.transformCard ?? ((t: string) => t);
  const cards = texts.map((t) => (t ? readCardEvidence(transform(t)) : null));

  // relations
  const relation = new Uint8Array(children.length);
  const childMarkers = new Uint16Array(children.length);
  for (let c = 0; c < children.length; c++) {
    childMarkers[c] = markers[children[c]];
    relation[c] = EDGE_TYPE_CODE[childRelation(markers[children[c]], cards[c])];
  }
  const kinds = kindPopularity(graph);
  const history = authorHistory(graph, authorCodes);

  // candidates
  const raw = candidatePairs(
    {
      cores,
      lowerIds,
      authorCodes,
      popularity,
      childRows: children,
      childCores,
      cards,
      edgeParent: graph.edgeParent,
      edgeChild: graph.edgeChild,
    },
    limits,
  );
  const m = raw.child.length;
  const parentCores = gatherRows(frame.select("core"), raw.parent).getColumn("core").toArray() as string[];
  const childTokens = childCores.map(nameTokens);
  const signals: CandidateSignals = {
    child: raw.child,
    parent: raw.parent,
    sources: raw.sources,
    cardKind: raw.cardKind,
    name: new Float32Array(m),
    card: new Float32Array(m),
    similarity: new Float32Array(m).fill(Number.NaN),
    popularity: new Float32Array(m),
    kind: new Float32Array(m),
    history: new Float32Array(m),
    author: new Uint8Array(m),
    derivative: new Uint8Array(m),
    later: new Uint8Array(m),
    pairStart: new Int32Array(children.length + 1),
  };
  let rejected = 0;
  for (let k = 0; k < m; k++) {
    const c = raw.child[k];
    const child = children[c];
    const p = raw.parent[k];
    signals.pairStart[c + 1]++;
    const parentTokens = nameTokens(parentCores[k]);
    const sharing = shared[p] - (parentCores[k] === childCores[c] ? 1 : 0); // the child itself does not count
    signals.name[k] = nameSignal(childTokens[c], parentTokens) * nameSpecificity(parentCores[k], sharing);
    signals.card[k] = raw.cardKind[k] === 255 ? 0 : CARD_MENTION_STRENGTH[CARD_MENTION_KINDS[raw.cardKind[k]]];
    signals.popularity[k] = popularity[p];
    signals.kind[k] = kinds(p, relation[c]);
    signals.history[k] = history(p, authorCodes[child]);
    signals.author[k] = authorCodes[p] !== 0 && authorCodes[p] === authorCodes[child] ? 1 : 0;
    signals.derivative[k] = isDerivativeMask(markers[p]) ? 1 : 0;
    if (created[p] > created[child]) {
      signals.later[k] = 1;
      rejected++;
    }
  }
  for (let c = 0; c < children.length; c++) signals.pairStart[c + 1] += signals.pairStart[c];

  // similarity, for each child's best candidates by the other signals
  const vectorizer =
    options.vectorizer === undefined ? fitSimilarity(table, options.hiddenLineage) : options.vectorizer;
  if (vectorizer) {
    const noSimilarity = { ...weights, similarity: 0 };
    const pre = scorePairs(signals, noSimilarity);
    const top = options.similarityTop ?? 25;
    addSimilarities(table, children, signals, pre, vectorizer, top, options.batch ?? 5000, hidden);
  }

  let withCandidates = 0;
  for (let c = 0; c < children.length; c++) {
    for (let k = signals.pairStart[c]; k < signals.pairStart[c + 1]; k++)
      if (!signals.later[k]) {
        withCandidates++;
        break;
      }
  }
  const count = (bit: number) => signals.sources.reduce((s, x) => s + ((x & bit) !== 0 ? 1 : 0), 0);
  return {
    ids: table.getColumn("id"),
    children,
    relation,
    markers: childMarkers,
    cards,
    signals,
    weights,
    cardSource,
    popularityCounts: { children: childCounts, downloads, likes },
    report: {
      children: children.length,
      childrenWithCandidates: withCandidates,
      pairs: m,
      bySource: {
        name_exact: count(SOURCE.NAME_EXACT),
        name_contained: count(SOURCE.NAME_CONTAINED),
        name_prefix: count(SOURCE.NAME_PREFIX),
        card: count(SOURCE.CARD),
        history: count(SOURCE.HISTORY),
        popular: count(SOURCE.POPULAR),
      },
      rejectedAsLater: rejected,
      cardSource,
      childrenWithCardEvidence: cards.filter((e) => e !== null && e.mentions.length > 0).length,
    },
  };
}

/**
 * The relation of a child from its markers and card, with some sources switched off:
 * `childRelation(markers, evidence, { name: true, tags: false, card: true })`.
 */
export function childRelation(
  mask: number,
  card: CardEvidence | null,
  sources: RelationSources = { name: true, tags: true, card: true },
): Relation {
  let hinted: Relation | null = card?.declaredRelation ?? null;
  if (card && hinted === null)
    for (const m of card.mentions) {
      const r = CARD_MENTION_RELATION[m.kind];
      if (r !== null) {
        hinted = r;
        break;
      }
    }
  const hints = card ? { relation: hinted, merge: card.merge, adapter: card.adapter, quantized: card.quantized } : null;
  return relationFromMarkers(mask, hints, sources);
}

/** Score of every pair under the weights (similarity NaN counts as 0): `scorePairs(inference.signals, weights)`. */
export function scorePairs(s: CandidateSignals, weights: InferWeights): Float64Array {
  const out = new Float64Array(s.child.length);
  for (let k = 0; k < out.length; k++) {
    const sim = Number.isNaN(s.similarity[k]) ? 0 : s.similarity[k];
    const z =
      weights.bias +
      weights.name * s.name[k] +
      weights.card * s.card[k] +
      weights.similarity * sim +
      weights.popularity * s.popularity[k] +
      weights.kind * s.kind[k] +
      weights.history * s.history[k] +
      weights.author * s.author[k] +
      weights.derivative * s.derivative[k];
    out[k] = 1 / (1 + Math.exp(-z));
  }
  return out;
}

/** The `top` best pairs of child c among those not rejected (best first; ties by candidate row). */
export function bestPairs(
  s: CandidateSignals,
  scores: Float64Array,
  c: number,
  top: number,
  options: { includeLater?: boolean } = {},
): number[] {
  const best: number[] = [];
  for (let k = s.pairStart[c]; k < s.pairStart[c + 1]; k++) {
    if (s.later[k] && !options.includeLater) continue;
    let at = best.length;
    while (at > 0 && better(k, best[at - 1])) at--;
    if (at >= top) continue;
    best.splice(at, 0, k);
    if (best.length > top) best.pop();
  }
  return best;

  function better(a: number, b: number): boolean {
    return scores[a] > scores[b] || (scores[a] === scores[b] && s.parent[a] < s.parent[b]);
  }
}

/** Parent vectors kept from one batch to the next. */
const PARENT_VECTORS = 20_000;

/** Fills the similarity of each child's `top` best pairs, `batch` children at a time. */
function addSimilarities(
  table: pl.DataFrame,
  children: Int32Array,
  s: CandidateSignals,
  pre: Float64Array,
  vectorizer: Vectorizer,
  top: number,
  batch: number,
  hidden: Uint8Array | null,
): void {
  const columns = [...METADATA_COLUMNS, LISTING_KEYS_COLUMN].filter((c) => table.columns.includes(c));
  // NOTE: parents met in an earlier batch (the popular ones above all) keep their vectors, up to PARENT_VECTORS of them.
  const parentVectors = new Map<number, SparseVector>();
  for (let from = 0; from < children.length; from += batch) {
    const to = Math.min(children.length, from + batch);
    const chosen: number[] = [];
    const rows = new Set<number>();
    for (let c = from; c < to; c++) {
      const best = bestPairs(s, pre, c, top);
      if (best.length === 0) continue;
      rows.add(children[c]);
      for (const k of best) {
        chosen.push(k);
        if (!parentVectors.has(s.parent[k])) rows.add(s.parent[k]);
      }
    }
    if (chosen.length === 0) continue;
    const list = [...rows].sort((a, b) => a - b);
    const strings = metadataChunk(visibleRows(table, Int32Array.from(list), columns, hidden));
    const vectors = new Map<number, SparseVector>();
    list.forEach((v, i) => vectors.set(v, vectorizer.transform(strings[i], "tfidf")));
    const vectorOf = (v: number) => vectors.get(v) ?? parentVectors.get(v)!;
    for (const k of chosen) {
      const p = s.parent[k];
      s.similarity[k] = cosineSimilarity(vectorOf(children[s.child[k]]), vectorOf(p));
      if (parentVectors.size < PARENT_VECTORS && !parentVectors.has(p)) parentVectors.set(p, vectorOf(p));
    }
  }
}
