// Inferred parents as tables: each child's best candidates with their score, relation and evidence, and the edges a
// threshold accepts. The evidence column says in words why a candidate ranks where it does, for example
//
//   name: core "llama-2-7b-chat" = child's core · tf-idf 0.82 · 230 declared children, 1186755 downloads
//
// Card mentions, the author's history, the same author and a derivative-looking candidate add their own phrases. An
// older candidate gets no time note; a candidate created after the child would end with "· created after the child:
// rejected", but both tables rank as `bestPairs` does, which skips such candidates.
import pl from "nodejs-polars";
import { EDGE_TYPE_BY_CODE } from "../lineage/relations";
import { CARD_MENTION_KINDS } from "./cards";
import { SOURCE } from "./candidates";
import type { InferredEdges } from "./augment";
import { type ParentInference, bestPairs, scorePairs } from "./infer";
import { coreNames } from "./names";

/** Words for each card mention kind in an evidence line. */
const CARD_WORDS: Record<string, string> = {
  base_model: "card: base_model key",
  merge_config: "card: mergekit configuration",
  finetuned_from: 'card: "fine-tuned from" line',
  quantized_from: 'card: "quantized from" line',
  adapter_for: 'card: "adapter for" line',
  merge_of: 'card: "merge of" line',
  link: "card: links to it",
  mention: "card: names it",
};

/** The evidence line of one candidate pair. */
function evidenceOf(inference: ParentInference, k: number, childCore: string, parentCore: string): string {
  const s = inference.signals;
  const parts: string[] = [];
  const src = s.sources[k];
  if (src & SOURCE.NAME_EXACT) parts.push(`name: core "${parentCore}" = child's core`);
  else if (src & SOURCE.NAME_CONTAINED) parts.push(`name: "${parentCore}" inside "${childCore}"`);
  else if (s.name[k] > 0) parts.push(`name: partly shared with "${childCore}" (${s.name[k].toFixed(2)})`);
  if (s.cardKind[k] !== 255) parts.push(CARD_WORDS[CARD_MENTION_KINDS[s.cardKind[k]]]);
  if (!Number.isNaN(s.similarity[k])) parts.push(`tf-idf ${s.similarity[k].toFixed(2)}`);
  const p = s.parent[k];
  const counts = inference.popularityCounts;
  parts.push(`${counts.children[p]} declared children, ${Math.round(counts.downloads[p] || 0)} downloads`);
  if (s.history[k] > 0) parts.push("the child's author declared it before");
  if (s.author[k]) parts.push("same author");
  if (s.derivative[k]) parts.push("looks like a quantized copy or adapter itself");
  if (s.later[k]) parts.push("created after the child: rejected");
  return parts.join(" · ");
}

/** Options of `candidateTable`. */
export interface CandidateTableOptions {
  /** Candidates per child [5]. */
  top?: number;
  /** Only these children (rows) [all]. */
  children?: readonly number[];
}

/**
 * Each child's best candidates, one row each: child, parent, rank, score, relation, the signals and the evidence.
 * Example: `kit.showTable(candidateTable(inference, { top: 3 }).head(12))`.
 */
export function candidateTable(inference: ParentInference, options: CandidateTableOptions = {}): pl.DataFrame {
  const top = options.top ?? 5;
  const s = inference.signals;
  const scores = scorePairs(s, inference.weights);
  const wanted = options.children ? new Set(options.children) : null;
  const pairs: number[] = [];
  const ranks: number[] = [];
  for (let c = 0; c < inference.children.length; c++) {
    if (wanted && !wanted.has(inference.children[c])) continue;
    bestPairs(s, scores, c, top).forEach((k, i) => {
      pairs.push(k);
      ranks.push(i + 1);
    });
  }
  return pairTable(inference, Int32Array.from(pairs), scores, ranks);
}

/** The accepted edges with their evidence, one row each: `inferredEdgeTable(inference, edges)`. */
export function inferredEdgeTable(inference: ParentInference, edges: InferredEdges): pl.DataFrame {
  const scores = scorePairs(inference.signals, inference.weights);
  return pairTable(inference, edges.pair, scores, null);
}

function pairTable(
  inference: ParentInference,
  pairs: Int32Array,
  scores: Float64Array,
  ranks: number[] | null,
): pl.DataFrame {
  const s = inference.signals;
  const ids = pl.DataFrame([inference.ids.alias("id")]);
  const at = (rows: Int32Array) =>
    ids
      .select(pl.col("id").gather(pl.Series("row", rows)))
      .getColumn("id")
      .toArray() as string[];
  const childRows = Int32Array.from(pairs, (k) => inference.children[s.child[k]]);
  const parentRows = Int32Array.from(pairs, (k) => s.parent[k]);
  const childIds = at(childRows);
  const parentIds = at(parentRows);
  const childCores = coreNames(childIds);
  const parentCores = coreNames(parentIds);
  const pick = (a: ArrayLike<number>) => Array.from(pairs, (k) => a[k]);
  const columns: Record<string, unknown[]> = {
    child: childIds,
    parent: parentIds,
  };
  if (ranks) columns.rank = ranks;
  Object.assign(columns, {
    score: Array.from(pairs, (k) => scores[k]),
    relation: Array.from(pairs, (k) => EDGE_TYPE_BY_CODE[inference.relation[s.child[k]]]),
    name: pick(s.name),
    card: pick(s.card),
    similarity: Array.from(pairs, (k) => (Number.isNaN(s.similarity[k]) ? null : s.similarity[k])),
    popularity: pick(s.popularity),
    evidence: Array.from(pairs, (_, i) => evidenceOf(inference, pairs[i], childCores[i], parentCores[i])),
  });
  return pl.DataFrame(columns);
}
