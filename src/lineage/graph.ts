// The lineage graph in compressed sparse row form (docs/methods.md §3.1 nodes and edges, §3.3 variants; style point 6).
//
// Node i is row i of the snapshot table; edge e runs edgeParent[e] → edgeChild[e], and edges are sorted by
// (parent row, child row) — the authors' networkx edge order, which the samplers depend on.
//
//   children of v:  edgeChild[childStart[v] .. childStart[v + 1])          (edge index = position)
//   parents of v:   edgeParent[parentEdge[k]] for k in parentStart[v] .. parentStart[v + 1]   (parent row order)
//
// Self-loops and edges closing a cycle are dropped while building (report.ts, cycles.ts), so every graph is a DAG.
// Variants keep every node and filter edges by effective type (data/reference/README.md §4; the authors' cells 7, 10
// and the similarity notebook's "remove quantization edges" cell). Edges known only from `base_model:<id>` (type
// "none") are kept in "nomerges" and "nomerges_minus_quantized" and dropped from "finetune".
import pl from "nodejs-polars";
import { PARENT_COLUMNS, type SnapshotColumn } from "../data/schema";
import { cycleClosingEdges } from "./cycles";
import { type ParseLineageOptions, parseLineage } from "./edges";
import { EDGE_TYPE_CODE, type EdgeType, effectiveEdgeTypeCode } from "./relations";
import type { LineageReport } from "./report";
import { hasNumericColumn, nodeColumn } from "./nodeColumns";

/**
 * Graph variants of the paper, named as in the oracle (`subgraph_pattern_totals.<variant>`): `lineageVariant(full,
 * "nomerges")`.
 */
export type GraphVariant = "full" | "finetune" | "nomerges" | "nomerges_minus_quantized";

/** Every variant: `for (const v of GRAPH_VARIANTS) lineageVariant(full, v)`. */
export const GRAPH_VARIANTS: readonly GraphVariant[] = ["full", "finetune", "nomerges", "nomerges_minus_quantized"];

/** Which effective types each variant keeps: `VARIANT_KEEPS.finetune(EDGE_TYPE_CODE.finetune) === true`. */
export const VARIANT_KEEPS: Readonly<Record<GraphVariant, (edgeType: number) => boolean>> = {
  full: () => true,
  finetune: (t) => t === EDGE_TYPE_CODE.finetune,
  nomerges: (t) => t !== EDGE_TYPE_CODE.merge,
  nomerges_minus_quantized: (t) => t !== EDGE_TYPE_CODE.merge && t !== EDGE_TYPE_CODE.quantized,
};

/** A graph of one relation type's edges only (relationGraph): "only-adapter", "only-merge", ... */
export type RelationVariant = `only-${EdgeType}`;

/**
 * A lineage graph: CSR over node = row index, plus per-edge relation flags and effective type:
 * `buildLineageGraph(models).edgeCount`.
 */
export interface LineageGraph {
  variant: GraphVariant | RelationVariant;
  nodeCount: number;
  edgeCount: number;
  /** Model id of every node (row order). Look one up with `nodeId(graph, v)`. */
  ids: pl.Series;
  edgeParent: Int32Array;
  edgeChild: Int32Array;
  /** RELATION_FLAG bits plus GENERIC_PARENT_FLAG. */
  edgeFlags: Uint8Array;
  /** EDGE_TYPE_CODE after RELATION_PRECEDENCE. */
  edgeType: Uint8Array;
  childStart: Int32Array;
  parentStart: Int32Array;
  parentEdge: Int32Array;
  /** Index of each edge in the full graph (identity for "full"). */
  fullEdge: Int32Array;
  /** What was dropped or normalised while building the full graph (shared by its variants). */
  report: LineageReport;
}

/**
 * Options of buildLineageGraph: `buildLineageGraph(models, { ignoreCase: true })`; `{ withoutParentsOf: rows }` builds
 * the graph the table would give with those rows' parent columns emptied, without copying it.
 */
export interface LineageGraphOptions extends ParseLineageOptions {}

/**
 * The columns `buildLineageGraph` reads: the ids, the creation dates (to break cycles) and the parent columns.
 * Example: `buildLineageGraph(readSnapshotParquet(file, LINEAGE_COLUMNS))`.
 */
export const LINEAGE_COLUMNS: SnapshotColumn[] = ["id", "createdAt", ...PARENT_COLUMNS];

/** Builds the full lineage graph of a snapshot table: `const full = buildLineageGraph(loadDataset(settings))`. */
export function buildLineageGraph(table: pl.DataFrame, options: LineageGraphOptions = {}): LineageGraph {
  const parsed = parseLineage(table, options);
  const n = parsed.nodeCount;
  let { edgeParent, edgeChild, edgeFlags } = parsed;
  const childStart = startsOf(n, edgeParent);
  const createdAtMs = hasNumericColumn(table, "createdAt") ? nodeColumn(table, "createdAt") : null;
  const cycleBreak = cycleClosingEdges(n, childStart, edgeChild, createdAtMs);
  const report = parsed.report;
  if (cycleBreak.droppedEdges.length > 0) {
    report.cycleEdgesDropped.count = cycleBreak.droppedEdges.length;
    report.cycleEdgesDropped.examples = cycleBreak.cycles.map((c) => c.map((v) => String(parsed.ids.get(v))));
    const keep = new Uint8Array(edgeParent.length).fill(1);
    for (const e of cycleBreak.droppedEdges) keep[e] = 0;
    ({ edgeParent, edgeChild, edgeFlags } = selectEdges(keep, edgeParent, edgeChild, edgeFlags));
  }
  const edgeType = new Uint8Array(edgeFlags.length);
  for (let e = 0; e < edgeType.length; e++) edgeType[e] = effectiveEdgeTypeCode(edgeFlags[e]);
  const fullEdge = new Int32Array(edgeParent.length);
  for (let e = 0; e < fullEdge.length; e++) fullEdge[e] = e;
  return assemble("full", n, parsed.ids, edgeParent, edgeChild, edgeFlags, edgeType, fullEdge, report);
}

/** The same nodes with only the edges a variant keeps: `const finetune = lineageVariant(full, "finetune")`. */
export function lineageVariant(full: LineageGraph, variant: GraphVariant): LineageGraph {
  if (full.variant !== "full")
    throw new Error(`lineage/graph: variants are taken from the full graph, not "${full.variant}"`);
  if (variant === "full") return full;
  return keepEdges(full, variant, VARIANT_KEEPS[variant]);
}

/**
 * The graph of one relation type: every node, and only the edges whose effective type is `relation` ("none" = edges
 * known only from the generic `base_model:<id>` tag). Example: `relationGraph(full, "quantized").edgeCount`.
 */
export function relationGraph(full: LineageGraph, relation: EdgeType): LineageGraph {
  if (full.variant !== "full")
    throw new Error(`lineage/graph: relation graphs are taken from the full graph, not "${full.variant}"`);
  const code = EDGE_TYPE_CODE[relation];
  if (code === undefined)
    throw new Error(
      `lineage/graph: unknown relation "${relation}"; expected one of ${Object.keys(EDGE_TYPE_CODE).join(", ")}`,
    );
  return keepEdges(full, `only-${relation}`, (t) => t === code);
}

/** The full graph's nodes with the edges whose effective type passes `keeps`. */
function keepEdges(
  full: LineageGraph,
  variant: GraphVariant | RelationVariant,
  keeps: (edgeType: number) => boolean,
): LineageGraph {
  const keep = new Uint8Array(full.edgeCount);
  for (let e = 0; e < keep.length; e++) keep[e] = keeps(full.edgeType[e]) ? 1 : 0;
  const kept = selectEdges(keep, full.edgeParent, full.edgeChild, full.edgeFlags, full.edgeType, full.fullEdge);
  const { edgeParent, edgeChild, edgeFlags } = kept;
  return assemble(
    variant,
    full.nodeCount,
    full.ids,
    edgeParent,
    edgeChild,
    edgeFlags,
    kept.edgeType!,
    kept.fullEdge!,
    full.report,
  );
}

/** The model id of node v: `nodeId(graph, graph.edgeParent[0])`. */
export function nodeId(graph: LineageGraph, v: number): string {
  return String(graph.ids.get(v));
}

/**
 * The node of a model id, with an error naming the id when the snapshot lacks it: `nodeOf(graph, "org/x")`. A repeated
 * id gives its first row.
 */
export function nodeOf(graph: LineageGraph, modelId: string): number {
  // NOTE: one vectorised scan of the id column per call (about 20 ms at 1.86M models), not a JS Map of every id: that
  // took 2 s and hundreds of MB to build at 1.86M models, and V8's Map holds at most 2^24 (16.7M) entries.
  const hit = pl
    .DataFrame([graph.ids.rename("id")])
    .lazy()
    .withRowIndex("row")
    .filter(pl.col("id").eq(pl.lit(modelId)))
    .select("row")
    .head(1)
    .collectSync();
  if (hit.height === 0) throw new Error(`lineage/graph: model "${modelId}" is not in the snapshot`);
  return Number(hit.getColumn("row").get(0));
}

/** Number of children of v in this graph: `childCount(graph, v)`. */
export function childCount(graph: LineageGraph, v: number): number {
  return graph.childStart[v + 1] - graph.childStart[v];
}

/** Number of parents of v in this graph: `parentCount(graph, v)`. */
export function parentCount(graph: LineageGraph, v: number): number {
  return graph.parentStart[v + 1] - graph.parentStart[v];
}

/** The parents of v in parent row order (networkx predecessor order for a single parent): `parentsOf(graph, v)`. */
export function parentsOf(graph: LineageGraph, v: number): number[] {
  const out: number[] = [];
  for (let k = graph.parentStart[v]; k < graph.parentStart[v + 1]; k++) out.push(graph.edgeParent[graph.parentEdge[k]]);
  return out;
}

/** The children of v in child row order: `childrenOf(graph, v)`. */
export function childrenOf(graph: LineageGraph, v: number): number[] {
  return Array.from(graph.edgeChild.subarray(graph.childStart[v], graph.childStart[v + 1]));
}

function assemble(
  variant: GraphVariant | RelationVariant,
  n: number,
  ids: pl.Series,
  edgeParent: Int32Array,
  edgeChild: Int32Array,
  edgeFlags: Uint8Array,
  edgeType: Uint8Array,
  fullEdge: Int32Array,
  report: LineageReport,
): LineageGraph {
  const childStart = startsOf(n, edgeParent);
  const parentStart = startsOf(n, edgeChild);
  // Counting sort of the edges by child; stable, so each child's parents stay in parent row order.
  const parentEdge = new Int32Array(edgeChild.length);
  const cursor = parentStart.slice(0, n);
  for (let e = 0; e < edgeChild.length; e++) parentEdge[cursor[edgeChild[e]]++] = e;
  return {
    variant,
    nodeCount: n,
    edgeCount: edgeParent.length,
    ids,
    edgeParent,
    edgeChild,
    edgeFlags,
    edgeType,
    childStart,
    parentStart,
    parentEdge,
    fullEdge,
    report,
  };
}

/** CSR offsets: starts[v] .. starts[v + 1] is the range of edges whose endpoint is v. */
function startsOf(n: number, endpoint: Int32Array): Int32Array {
  const starts = new Int32Array(n + 1);
  for (let e = 0; e < endpoint.length; e++) starts[endpoint[e] + 1]++;
  for (let v = 0; v < n; v++) starts[v + 1] += starts[v];
  return starts;
}

function selectEdges(
  keep: Uint8Array,
  edgeParent: Int32Array,
  edgeChild: Int32Array,
  edgeFlags: Uint8Array,
  edgeType?: Uint8Array,
  fullEdge?: Int32Array,
) {
  let m = 0;
  for (let e = 0; e < keep.length; e++) m += keep[e];
  const out = {
    edgeParent: new Int32Array(m),
    edgeChild: new Int32Array(m),
    edgeFlags: new Uint8Array(m),
    edgeType: edgeType ? new Uint8Array(m) : undefined,
    fullEdge: fullEdge ? new Int32Array(m) : undefined,
  };
  for (let e = 0, k = 0; e < keep.length; e++) {
    if (!keep[e]) continue;
    out.edgeParent[k] = edgeParent[e];
    out.edgeChild[k] = edgeChild[e];
    out.edgeFlags[k] = edgeFlags[e];
    if (out.edgeType) out.edgeType[k] = edgeType![e];
    if (out.fullEdge) out.fullEdge[k] = fullEdge![e];
    k++;
  }
  return out;
}
