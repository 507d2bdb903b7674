// The rules for the drift stats (data/reference/README.md §1, §6.3–6.5), on top of the generic rules of rules.ts:
//
//   *.trait_graph_transitions, *.top_graph_*_edges/transitions   rows as a set (their order is a tool choice)
//   *.top_graph_nodes, *.top_n_boundary_tie                       membership; a different pick inside the reference's
//                                                                 boundary tie is "differs at a cut-off tie"
//   *.ordering_weighted                                           same traits and every forced precedence respected
//                                                                 (optimal orderings are not unique)
//   *.ordering_unweighted                                         same traits
//   *.drift_directions_accounted_for, *.mutations_accounted_for   counts inside the range over all optimal orderings
//   *.ilp_ties                                                    field by field; precedences as sets; the harness's
//                                                                 own fields (sample orderings, timings) skipped
//
// compare.ts applies them to every key under `orderings.<run>.traits.<trait>.`.
import { type ComparisonStatus, compareValues, sameSet } from "./rules";

/**
 * ilp_ties fields describing the reference's own search, not the data; never compared:
 * `HARNESS_ONLY_FIELDS.includes("seconds")`.
 */
export const HARNESS_ONLY_FIELDS = [
  "another_weighted_optimal_ordering",
  "another_unweighted_optimal_ordering",
  "distinct_weighted_optimal_orderings_seen",
  "forced_precedence_ilps_solved",
  "seconds",
];

/**
 * The rule for one field of orderings.<run>.traits.<trait> (see the file header); `sibling(field)` reads another field
 * of the same trait in the reference. Example: `traitRule("top_graph_nodes", ref, ours, sibling, [])`.
 */
export function traitRule(
  field: string,
  ref: any,
  ours: any,
  sibling: (field: string) => any,
  skipped: string[],
): ComparisonStatus {
  const ties = sibling("ilp_ties") ?? {};
  switch (field) {
    case "trait_graph_transitions":
    case "top_graph_oriented_edges":
    case "top_graph_raw_transitions":
      return sameSet(ref, ours);
    case "top_graph_nodes": {
      const status = sameSet(ref, ours);
      return status === "differs" && tieOnly(ref, ours, sibling("top_n_boundary_tie"))
        ? "differs at a cut-off tie"
        : status;
    }
    case "top_n_boundary_tie":
      if (ref === null || ours === null) return ref === ours ? "equal" : "differs";
      if (ref.count !== ours.count || sameSet(ref.tied_traits, ours.tied_traits) === "differs") return "differs";
      return sameSet(ref.selected, ours.selected) === "differs" ? "differs at a cut-off tie" : compareValues(ref, ours);
    case "ordering_weighted": {
      const status = sameSet(ref, ours);
      if (status === "differs" || !Array.isArray(ours)) return status;
      const position = new Map((ours as string[]).map((t, i) => [t, i]));
      const forced: [string, string][] = ties.forced_precedences ?? [];
      return forced.every(([a, b]) => position.get(a)! < position.get(b)!) ? status : "differs";
    }
    case "ordering_unweighted":
      return sameSet(ref, ours);
    case "drift_directions_accounted_for": {
      const range = ties.compatible_oriented_edges_range_over_weighted_optimal_orderings;
      const inRange = (x: any) =>
        Array.isArray(x) &&
        x[1] === ref.weighted_ordering[1] &&
        within(x[0], range ?? [ref.weighted_ordering[0], ref.weighted_ordering[0]]);
      const weightedOk = inRange(ours.weighted_ordering);
      const printedOk =
        JSON.stringify(ref.as_printed_by_notebook) === JSON.stringify(ours.as_printed_by_notebook) ||
        inRange(ours.as_printed_by_notebook);
      if (!weightedOk || !printedOk || compareValues(ref.unweighted_ordering, ours.unweighted_ordering) !== "equal")
        return "differs";
      return compareValues(ref, ours) === "equal" ? "equal" : "equal up to tie order";
    }
    case "mutations_accounted_for": {
      if (compareValues(ref, ours) === "equal") return "equal";
      const range = ties.compatible_raw_transitions_range_over_weighted_optimal_orderings;
      const ok =
        range &&
        ours.total === ref.total &&
        within(ours.compatible, range) &&
        ours.fraction === ours.compatible / ours.total;
      return ok ? "equal up to tie order" : "differs";
    }
    case "ilp_ties":
      return compareTies(ref, ours, skipped);
    default:
      return compareValues(ref, ours);
  }
}

function compareTies(ref: any, ours: any, skipped: string[]): ComparisonStatus {
  let status: ComparisonStatus = "equal";
  for (const [field, value] of Object.entries(ref)) {
    if (HARNESS_ONLY_FIELDS.includes(field)) {
      skipped.push(field);
      continue;
    }
    if (!(field in ours)) return "differs";
    const setLike = field.startsWith("forced_precedences") || field === "traits_without_oriented_edges";
    const s = setLike ? sameSet(value, ours[field]) : compareValues(value, ours[field]);
    if (s === "differs") return "differs";
    if (s !== "equal") status = "equal up to tie order";
  }
  return status;
}

/**
 * True when two top-n node lists differ only by which members of the reference's boundary tie were picked:
 * `tieOnly(ref, ours, tie)`.
 */
export function tieOnly(ref: any, ours: any, tie: any): boolean {
  if (
    !tie ||
    !Array.isArray(ref) ||
    !Array.isArray(ours) ||
    ref.length !== ours.length ||
    sameSet(ref, ours) !== "differs"
  )
    return false;
  const tied = new Set<string>(tie.tied_traits);
  const rest = (list: [string, number][]) =>
    list
      .filter(([t]) => !tied.has(t))
      .map((x) => JSON.stringify(x))
      .sort()
      .join("\n");
  const picks = (list: [string, number][]) => list.filter(([t, c]) => tied.has(t) && c === tie.count).length;
  return rest(ref) === rest(ours) && picks(ref) === picks(ours);
}

function within(x: number, range: [number, number]): boolean {
  return typeof x === "number" && x >= range[0] && x <= range[1];
}
