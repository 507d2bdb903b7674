// The lineage numbers of the authors' oracle (data/reference/README.md §4 `graph.*`, §8 `families.*`, §9.4
// `subgraph_pattern_totals.*`), computed by the kit and keyed by the oracle's own key paths, so a notebook can write
// them to its stats and a test can compare any oracle file mechanically:
//
//   lineageStats(models)["graph.full.edges"]  → 1550
//   compareWithOracle(run.settings, stats)   (notebook/oracle.ts; the reference file is settings.reference)
import pl from "nodejs-polars";
import { countValues, largestFamilies, largestFamilyIndices, lineageFamilies } from "./families";
import { type LineageGraph, type LineageGraphOptions, buildLineageGraph, lineageVariant } from "./graph";
import { furtherChildren, nodesWithEdges, subgraphPatternTotals } from "./patterns";
import { edgeTypeLabel, edgeTypesKey } from "./relations";
import { edgeTable } from "./deltas";

/**
 * Graph variants the oracle reports under `graph.<variant>`: `ORACLE_GRAPH_VARIANTS.map((v) => stats["graph." + v +
 * ".edges"])`.
 */
export const ORACLE_GRAPH_VARIANTS = ["full", "finetune", "nomerges"] as const;

/**
 * Variants under `subgraph_pattern_totals.<variant>` (the last only in smollm2's oracle):
 * `stats["subgraph_pattern_totals.full"]`.
 */
export const ORACLE_PATTERN_VARIANTS = ["full", "finetune", "nomerges", "nomerges_minus_quantized"] as const;

/** Lineage numbers keyed by oracle key path: `lineageStats(models)["families.largest_10"]`. */
export function lineageStats(
  source: pl.DataFrame | LineageGraph,
  options: LineageGraphOptions = {},
): Record<string, unknown> {
  const full = "edgeParent" in source ? source : buildLineageGraph(source, options);
  const stats: Record<string, unknown> = {};
  const familiesOf = new Map<string, ReturnType<typeof lineageFamilies>>();
  for (const variant of ORACLE_GRAPH_VARIANTS) {
    const g = lineageVariant(full, variant),
      families = lineageFamilies(g),
      ends = nodesWithEdges(g);
    familiesOf.set(variant, families);
    const at = `graph.${variant}.`;
    stats[at + "nodes"] = g.nodeCount;
    stats[at + "edges"] = g.edgeCount;
    stats[at + "edges_by_edge_type"] = countLabels(g.edgeType, edgeTypeLabel);
    stats[at + "edges_by_edge_types_list"] = countLabels(g.edgeFlags, edgeTypesKey);
    stats[at + "weakly_connected_components"] = families.count;
    stats[at + "wcc_size_histogram"] = countValues(families.size);
    stats[at + "nodes_with_in_edge"] = ends.withParent;
    stats[at + "nodes_with_out_edge"] = ends.withChild;
  }
  const missing = full.report.missingParents;
  stats["graph.dropped_missing_parent.pairs"] = missing.pairs;
  stats["graph.dropped_missing_parent.children_affected"] = missing.childrenAffected;
  stats["graph.dropped_missing_parent.distinct_missing_parents"] = missing.distinctMissingParents;
  stats["graph.dropped_missing_parent.top_missing_parents"] = missing.topMissingParents;

  const nomerges = lineageVariant(full, "nomerges"),
    families = familiesOf.get("nomerges")!;
  stats["families.weakly_connected_components"] = families.count;
  stats["families.largest_10"] = largestFamilies(nomerges, 10, families);
  const ranked = largestFamilyIndices(families, 11);
  stats["families.size_tie_at_rank_10"] = ranked.length > 10 && families.size[ranked[9]] === families.size[ranked[10]];
  const further = furtherChildren(nomerges);
  stats["families.edges_and_further_children"] = {
    "Number of finetune edges": further.finetune.edges,
    "Number of quantization edges": further.quantized.edges,
    "Number of adapter edges": further.adapter.edges,
    "Number of further children after a finetune": further.finetune.edgesToParents,
    "Number of further children after a quantization": further.quantized.edgesToParents,
    "Number of further children after an adapter": further.adapter.edgesToParents,
  };
  for (const variant of ORACLE_PATTERN_VARIANTS) {
    stats[`subgraph_pattern_totals.${variant}`] = subgraphPatternTotals(lineageVariant(full, variant));
  }
  return stats;
}

/** The oracle's `graph.edges_csv_agreement` check of a graph against an edge list (parent, child, relation). */
export function edgeListAgreement(full: LineageGraph, edgeList: pl.DataFrame): Record<string, unknown> {
  const edges = edgeTable(full).select("parent", "child", "edge_type", "edge_types");
  const joined = edges.join(edgeList.select("parent", "child", "relation"), { on: ["parent", "child"], how: "inner" });
  return {
    "graph.edges_csv_agreement": {
      graph_edges: full.edgeCount,
      edges_csv_rows: edgeList.height,
      edge_type_equals_edges_csv_relation: joined.filter(pl.col("edge_type").eq(pl.col("relation"))).height,
      graph_edges_not_in_edges_csv: full.edgeCount - joined.height,
      edges_csv_rows_not_in_graph: edgeList.height - joined.height,
      edges_with_several_edge_types: edges.filter(pl.col("edge_types").str.contains("\\+")).height,
    },
  };
}

/** Edges per label; codes that share a label (flag sets equal up to the generic-tag bit) add up. */
function countLabels(codes: Uint8Array, label: (code: number) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [code, count] of Object.entries(countValues(codes))) {
    const key = label(Number(code));
    out[key] = (out[key] ?? 0) + count;
  }
  return out;
}
