// Declared lineage plus inferred edges, kept apart: the inferred edges a threshold accepts, a LineageGraph holding
// both (every edge flagged declared or inferred), and how the paper's headline numbers move when the inferred edges
// are added (docs/methods.md §3.4 families, §4.3 mutation rates and orderings).
//
//   inferredEdges(inference, { threshold: 0.8 })     best candidate of each child whose score reaches 0.8
//   graphWithInferredEdges(declared, edges, models)  { graph (variant "full"), inferred: 1 per inferred edge }
//   headlineShift(models, declared, augmented)       one row per number: declared edges | declared + inferred edges
//
// The combined graph is a full LineageGraph, so every variant, family and drift function of the kit runs on it
// unchanged; `inferred[graph.fullEdge[e]]` says whether edge e of any variant was inferred.
import pl from "nodejs-polars";
import { TRAITS, type Trait } from "../drift/traitCodes";
import { ORDERING_RUNS, driftRun, traitColumns } from "../drift/driftRun";
import { cycleClosingEdges } from "../lineage/cycles";
import { lineageFamilies } from "../lineage/families";
import { type LineageGraph, lineageVariant } from "../lineage/graph";
import { hasNumericColumn, nodeColumn } from "../lineage/nodeColumns";
import { EDGE_TYPE_BY_CODE, RELATION_FLAG, effectiveEdgeTypeCode } from "../lineage/relations";
import type { Relation } from "../data/tags";
import type { EdgeCountRow } from "./charts";
import { type ParentInference, bestPairs, scorePairs } from "./infer";

/** Inferred edges: parent and child rows, relation (EDGE_TYPE_CODE) and score, one per accepted candidate. */
export interface InferredEdges {
  /** Index of each edge's pair in `inference.signals`. */
  pair: Int32Array;
  parent: Int32Array;
  child: Int32Array;
  relation: Uint8Array;
  score: Float64Array;
  /** The threshold that accepted them. */
  threshold: number;
}

/** Options of `inferredEdges`. */
export interface InferredEdgeOptions {
  /** Least score of an accepted candidate [0.8]. */
  threshold?: number;
  /** Candidates accepted per child, best first [1]. */
  perChild?: number;
}

/** The best candidates whose score reaches the threshold: `inferredEdges(inference, { threshold: 0.9 }).child.length`. */
export function inferredEdges(inference: ParentInference, options: InferredEdgeOptions = {}): InferredEdges {
  const threshold = options.threshold ?? 0.8;
  const perChild = options.perChild ?? 1;
  const s = inference.signals;
  const scores = scorePairs(s, inference.weights);
  const pair: number[] = [],
    parent: number[] = [],
    child: number[] = [],
    relation: number[] = [],
    score: number[] = [];
  for (let c = 0; c < inference.children.length; c++) {
    for (const k of bestPairs(s, scores, c, perChild)) {
      if (!(scores[k] >= threshold)) continue;
      pair.push(k);
      parent.push(s.parent[k]);
      child.push(inference.children[c]);
      relation.push(inference.relation[c]);
      score.push(scores[k]);
    }
  }
  return {
    pair: Int32Array.from(pair),
    parent: Int32Array.from(parent),
    child: Int32Array.from(child),
    relation: Uint8Array.from(relation),
    score: Float64Array.from(score),
    threshold,
  };
}

/** A lineage graph of declared and inferred edges, with a flag per edge. */
export interface AugmentedGraph {
  /** Variant "full": every declared edge and every accepted inferred edge. */
  graph: LineageGraph;
  /** 1 for an inferred edge, by edge of `graph` (for a variant's edge e: `inferred[variant.fullEdge[e]]`). */
  inferred: Uint8Array;
  declaredEdges: number;
  inferredEdges: number;
  /** Inferred edges left out because a declared edge already joins the pair. */
  duplicates: number;
  /** Inferred edges left out because they would close a cycle. */
  cycleEdges: number;
}

/** CSR offsets over an endpoint array. */
function startsOf(n: number, endpoint: Int32Array): Int32Array {
  const starts = new Int32Array(n + 1);
  for (let e = 0; e < endpoint.length; e++) starts[endpoint[e] + 1]++;
  for (let v = 0; v < n; v++) starts[v + 1] += starts[v];
  return starts;
}

/** A full graph from edges sorted by (parent, child). */
function assemble(
  declared: LineageGraph,
  edgeParent: Int32Array,
  edgeChild: Int32Array,
  edgeFlags: Uint8Array,
): LineageGraph {
  const n = declared.nodeCount;
  const edgeType = new Uint8Array(edgeFlags.length);
  for (let e = 0; e < edgeType.length; e++) edgeType[e] = effectiveEdgeTypeCode(edgeFlags[e]);
  const parentStart = startsOf(n, edgeChild);
  const parentEdge = new Int32Array(edgeChild.length);
  const cursor = parentStart.slice(0, n);
  for (let e = 0; e < edgeChild.length; e++) parentEdge[cursor[edgeChild[e]]++] = e;
  return {
    variant: "full",
    nodeCount: n,
    edgeCount: edgeParent.length,
    ids: declared.ids,
    edgeParent,
    edgeChild,
    edgeFlags,
    edgeType,
    childStart: startsOf(n, edgeParent),
    parentStart,
    parentEdge,
    fullEdge: Int32Array.from({ length: edgeParent.length }, (_, e) => e),
    report: declared.report,
  };
}

/**
 * The declared graph plus inferred edges, each flagged: `graphWithInferredEdges(full, inferredEdges(inference),
 * models).inferred`. An inferred edge that duplicates a declared one, or would close a cycle, is left out and
 * counted; declared edges are never removed.
 */
export function graphWithInferredEdges(
  declared: LineageGraph,
  edges: InferredEdges,
  table?: pl.DataFrame,
): AugmentedGraph {
  if (declared.variant !== "full")
    throw new Error(`infer/augment: inferred edges are added to the full graph, not "${declared.variant}"`);
  const n = declared.nodeCount;
  const created = table && hasNumericColumn(table, "createdAt") ? nodeColumn(table, "createdAt") : null;
  let keep = new Uint8Array(edges.child.length).fill(1);
  let duplicates = 0;
  let cycleEdges = 0;
  for (;;) {
    // NOTE: one float key per edge, (parent · n + child) · 2 + inferred, so a declared pair sorts before its copy.
    const m = declared.edgeCount;
    const keys: number[] = [];
    for (let e = 0; e < m; e++) keys.push((declared.edgeParent[e] * n + declared.edgeChild[e]) * 2);
    const flagOf = new Map<number, number>();
    for (let i = 0; i < edges.child.length; i++) {
      if (!keep[i]) continue;
      const key = (edges.parent[i] * n + edges.child[i]) * 2 + 1;
      keys.push(key);
      flagOf.set(key, RELATION_FLAG[EDGE_TYPE_BY_CODE[edges.relation[i]] as Relation] ?? 0);
    }
    const sorted = Float64Array.from(keys).sort();
    const edgeParent: number[] = [],
      edgeChild: number[] = [],
      flags: number[] = [],
      inferred: number[] = [],
      source: number[] = [];
    let declaredAt = 0;
    let lastPair = -1;
    for (const key of sorted) {
      const pair = Math.floor(key / 2);
      const isInferred = key - pair * 2;
      if (pair === lastPair) {
        if (isInferred) duplicates++;
        continue;
      }
      lastPair = pair;
      const p = Math.floor(pair / n);
      edgeParent.push(p);
      edgeChild.push(pair - p * n);
      flags.push(isInferred ? flagOf.get(key)! : declared.edgeFlags[declaredAt++]);
      inferred.push(isInferred);
      source.push(isInferred ? key : -1);
    }
    const graph = assemble(declared, Int32Array.from(edgeParent), Int32Array.from(edgeChild), Uint8Array.from(flags));
    const cycles = cycleClosingEdges(n, graph.childStart, graph.edgeChild, created, Number.POSITIVE_INFINITY);
    if (cycles.droppedEdges.length === 0) {
      const flagged = Uint8Array.from(inferred);
      let count = 0;
      for (const f of flagged) count += f;
      return {
        graph,
        inferred: flagged,
        declaredEdges: graph.edgeCount - count,
        inferredEdges: count,
        duplicates,
        cycleEdges,
      };
    }
    // drop every inferred edge on a cycle, then build again
    const drop = new Set<number>();
    const edgeBetween = (a: number, b: number) => {
      for (let e = graph.childStart[a]; e < graph.childStart[a + 1]; e++) if (graph.edgeChild[e] === b) return e;
      return -1;
    };
    for (const cycle of cycles.cycles)
      for (let i = 0; i < cycle.length; i++) {
        const e = edgeBetween(cycle[i], cycle[(i + 1) % cycle.length]);
        if (e >= 0 && inferred[e]) drop.add(source[e]);
      }
    const next = new Uint8Array(keep);
    for (let i = 0; i < edges.child.length; i++)
      if (keep[i] && drop.has((edges.parent[i] * n + edges.child[i]) * 2 + 1)) {
        next[i] = 0;
        cycleEdges++;
      }
    if (drop.size === 0)
      throw new Error("infer/augment: a cycle of declared edges only; the declared graph is not a DAG");
    keep = next;
    duplicates = 0;
  }
}

/** Edges per effective type, declared and inferred: `edgeCountsByType(augmented)` feeds `edgesAddedSpec`. */
export function edgeCountsByType(augmented: AugmentedGraph): EdgeCountRow[] {
  const g = augmented.graph;
  const rows: EdgeCountRow[] = [];
  for (const relation of ["finetune", "adapter", "quantized", "merge", "none"] as const) {
    let declared = 0,
      inferred = 0;
    for (let e = 0; e < g.edgeCount; e++) {
      if (EDGE_TYPE_BY_CODE[g.edgeType[e]] !== relation) continue;
      if (augmented.inferred[e]) inferred++;
      else declared++;
    }
    if (declared + inferred === 0) continue;
    rows.push({ relation, edges: "declared", count: declared }, { relation, edges: "inferred", count: inferred });
  }
  return rows;
}

/** Whether a trait has any value in the table (a mutation rate needs both ends to list one). */
function traitPresent(columns: ReturnType<typeof traitColumns>, trait: Trait): boolean {
  return columns[trait].values.length > 0;
}

/** The numbers of `headlineShift`: metric rows and the orderings. */
export interface HeadlineShift {
  /** metric, "declared edges", "declared + inferred edges", change. */
  table: pl.DataFrame;
  /** trait, edges ("declared" or "declared + inferred"), the weighted optimal ordering of the final run. */
  orderings: pl.DataFrame;
  /** Traits without any value in the table (no mutation rate or ordering). */
  traitsMissing: Trait[];
}

/**
 * How the paper's headline numbers move when inferred edges join the declared ones: edges by type, families of the
 * no-merges graph, mutation rates and the two ordering metrics of the final run (fine-tune graph).
 * Example: `kit.showTable(headlineShift(models, full, augmented).table)`.
 */
export function headlineShift(table: pl.DataFrame, declared: LineageGraph, augmented: AugmentedGraph): HeadlineShift {
  const graphs = [declared, augmented.graph];
  const rows: [string, number | null, number | null][] = [];
  const add = (metric: string, f: (g: LineageGraph) => number | null) =>
    rows.push([metric, f(graphs[0]), f(graphs[1])]);
  add("edges", (g) => g.edgeCount);
  for (const type of ["finetune", "adapter", "quantized", "merge"] as const)
    add(`edges: ${type}`, (g) => g.edgeType.reduce((s, t) => s + (EDGE_TYPE_BY_CODE[t] === type ? 1 : 0), 0));
  add("models with a parent", (g) => {
    let k = 0;
    for (let v = 0; v < g.nodeCount; v++) if (g.parentStart[v + 1] > g.parentStart[v]) k++;
    return k;
  });
  const same = augmented.inferredEdges === 0; // nothing added: compute once
  const families = same
    ? Array(2).fill(lineageFamilies(lineageVariant(declared, "nomerges")))
    : graphs.map((g) => lineageFamilies(lineageVariant(g, "nomerges")));
  const familyStat = (f: (x: ReturnType<typeof lineageFamilies>) => number) => (g: LineageGraph) =>
    f(families[graphs.indexOf(g)]);
  add(
    "families (no-merges graph)",
    familyStat((x) => x.count),
  );
  add(
    "largest family",
    familyStat((x) => x.size.reduce((a, b) => Math.max(a, b), 0)),
  );
  add(
    "models in families of 2 or more",
    familyStat((x) => x.size.reduce((a, b) => a + (b >= 2 ? b : 0), 0)),
  );
  const columns = traitColumns(table);
  const runs = same
    ? Array(2).fill(driftRun(declared, columns, ORDERING_RUNS.final))
    : graphs.map((g) => driftRun(g, columns, ORDERING_RUNS.final));
  const traitsMissing = TRAITS.filter((t) => !traitPresent(columns, t));
  for (const t of TRAITS) {
    if (traitsMissing.includes(t)) continue;
    add(`mutation rate: ${t} (fine-tune edges)`, (g) => runs[graphs.indexOf(g)].rates[t].rate);
    add(`edges counted: ${t}`, (g) => runs[graphs.indexOf(g)].rates[t].traffic);
    add(`drift directions accounted for: ${t}`, (g) => {
      const [a, b] = runs[graphs.indexOf(g)].traits[t].driftDirections.weighted;
      return b ? a / b : null;
    });
    add(`mutations accounted for: ${t}`, (g) => {
      const [a, b] = runs[graphs.indexOf(g)].traits[t].mutations;
      return b ? a / b : null;
    });
  }
  const orderingRows = TRAITS.filter((t) => !traitsMissing.includes(t)).flatMap((t) =>
    runs.map((r, i) => ({
      trait: t,
      edges: i === 0 ? "declared" : "declared + inferred",
      ordering: r.traits[t].orderingWeighted.slice(0, 8).join(" > "),
    })),
  );
  return {
    table: pl.DataFrame({
      metric: rows.map((r) => r[0]),
      "declared edges": pl.Series(
        "declared edges",
        rows.map((r) => r[1]),
        pl.Float64,
      ),
      "declared + inferred edges": pl.Series(
        "declared + inferred edges",
        rows.map((r) => r[2]),
        pl.Float64,
      ),
      change: pl.Series(
        "change",
        rows.map((r) => (r[1] === null || r[2] === null ? null : r[2] - r[1])),
        pl.Float64,
      ),
    }),
    orderings: pl.DataFrame({
      trait: orderingRows.map((r) => r.trait),
      edges: orderingRows.map((r) => r.edges),
      ordering: orderingRows.map((r) => r.ordering),
    }),
    traitsMissing,
  };
}
