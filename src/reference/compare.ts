// One comparison of a notebook's stats with reference results (data/reference/README.md §1): every key is compared by
// the rule its path calls for (drift.ts for `orderings.<run>.traits.*`, similarity.ts for `similarity.*`, rules.ts for
// the rest), with one status vocabulary. `NotebookRun.compare` records, compares and shows in one call.
import { traitRule, tieOnly } from "./drift";
import { leafAt } from "./results";
import { AGREEING, type ComparisonStatus, compareValues, isPlainObject, isStringList } from "./rules";
import { TEXT_LEAVES, similarityRule } from "./similarity";

/** One compared key. */
export interface Comparison {
  key: string;
  status: ComparisonStatus;
  reference: unknown;
  ours: unknown;
  /** Why, where a rule says more than the status (sampled means, fixed pairs). */
  detail: string;
  /**
   * Text fields only the reference has (e.g. Python exception names), left out of the comparison and of `reference`.
   */
  skippedFields: string[];
}

/**
 * Compares stats keyed by reference path with parsed reference results, each key by its rule; keys the reference
 * lacks are "no reference". Example: `compareStats(referenceResults, { "graph.full.edges": 1550 })[0].status`.
 */
export function compareStats(reference: unknown, stats: Record<string, unknown>): Comparison[] {
  return Object.keys(stats)
    .sort()
    .map((key) => compareKey(reference, stats, key));
}

/** Counts of each status: `statusCounts(comparisons)` is e.g. { equal: 30, "equal up to tie order": 6 }. */
export function statusCounts(comparisons: readonly Comparison[]): Partial<Record<ComparisonStatus, number>> {
  const counts: Partial<Record<ComparisonStatus, number>> = {};
  for (const c of comparisons) counts[c.status] = (counts[c.status] ?? 0) + 1;
  return counts;
}

/** True when every compared key agrees (keys without a reference aside): `allAgree(compareStats(ref, stats))`. */
export function allAgree(comparisons: readonly Comparison[]): boolean {
  return comparisons.every((c) => c.status === "no reference" || c.status === "not compared" || AGREEING.has(c.status));
}

function compareKey(reference: unknown, stats: Record<string, unknown>, key: string): Comparison {
  const ours = stats[key];
  const ref = leafAt(reference, key);
  const skippedFields: string[] = [];
  const result = (status: ComparisonStatus, detail = ""): Comparison => ({
    key,
    status,
    reference: ref,
    ours,
    detail,
    skippedFields,
  });
  if (ref === undefined) return result("no reference");
  if (TEXT_LEAVES.has(key)) return result("not compared", "text");
  if (key.startsWith("similarity.")) {
    const { status, detail } = similarityRule(key.slice("similarity.".length), ref, ours);
    return result(status, detail);
  }
  const trait = /^(orderings\.[^.]+\.traits\.[^.]+)\.(.+)$/.exec(key);
  if (trait) {
    const sibling = (field: string) => leafAt(reference, `${trait[1]}.${field}`);
    let status = traitRule(trait[2], ref, ours, sibling, skippedFields);
    const nodesKey = `${trait[1]}.top_graph_nodes`;
    if (
      status === "differs" &&
      key !== nodesKey &&
      tieOnly(sibling("top_graph_nodes"), stats[nodesKey], sibling("top_n_boundary_tie"))
    ) {
      status = "differs at a cut-off tie";
    }
    return result(status);
  }
  const compared = withoutTextOnlyInReference(ref, ours, skippedFields);
  return { key, status: compareValues(compared, ours), reference: compared, ours, detail: "", skippedFields };
}

/** The reference value without the text fields that only it has (recorded in `skipped`). */
function withoutTextOnlyInReference(ref: unknown, ours: unknown, skipped: string[]): unknown {
  if (!isPlainObject(ref) || !isPlainObject(ours)) return ref;
  const kept: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(ref)) {
    if (!(field in ours) && (typeof value === "string" || isStringList(value))) skipped.push(field);
    else kept[field] = value;
  }
  return kept;
}
