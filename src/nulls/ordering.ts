// Null models of the optimal ordering (docs/methods.md §4.3 "Exact optimal orderings", §6 "Ordering metrics"): how
// often would "drift directions accounted for" and "mutations accounted for" reach their observed values if trait
// changes had no direction? Each null keeps the traffic and destroys the direction, then the same top-n values are
// ordered again exactly (orderingMetrics.ts):
//
//   flip         every lineage edge's change is reversed with probability 1/2 (its whole contribution to the
//                transition graph transposed), so each pair keeps its traffic n_ij + n_ji and loses its majority
//   flip-parent  the same, but all children of one parent model flip together: siblings that made the same change
//                are one event, so a heavy edge made by one prolific parent cannot count as many independent votes
//   relabel      within each parent trait the child traits are relabelled by a random permutation of the other top-n
//                values: each trait keeps how often and how unevenly it is left, not where it goes. (Permuting the
//                child traits among edges that share a parent trait, without relabelling, would leave every count of
//                a single-valued trait unchanged.)
//
// The p-value is (1 + #{null ≥ observed}) / (R + 1); the interval is the 2.5th–97.5th percentile of the R null values.
// R is the most replicates within a work budget (budget.ts), counted in edges carrying transitions: the flip nulls draw
// one coin per such edge, and the denser the traffic, the larger the components each replicate solves exactly.
import type { LineageGraph } from "../lineage/graph";
import { orientedTraitGraph, topTraits } from "../drift/oriented";
import type { TraitColumn } from "../drift/traitCodes";
import { traitTransitions } from "../drift/transitions";
import type { Rng } from "../random";
import { DEFAULT_REPLICATES, NULL_BUDGETS, type ReplicatePlan, replicatesFor } from "./budget";
import { type NullSummary, summarizeNull } from "./summary";
import { type OrderingMetrics, orderingMetrics } from "./orderingMetrics";

/** A null model of the ordering: `ORDERING_NULLS[0] === "flip"`. */
export type OrderingNull = "flip" | "flip-parent" | "relabel";

/** Every ordering null, the primary one first: `for (const kind of ORDERING_NULLS) ...`. */
export const ORDERING_NULLS: readonly OrderingNull[] = ["flip", "flip-parent", "relabel"];

/** One line per null for tables and legends: `ORDERING_NULL_LABELS.flip`. */
export const ORDERING_NULL_LABELS: Readonly<Record<OrderingNull, string>> = {
  flip: "each change reversed with probability 1/2",
  "flip-parent": "all children of one parent reversed together",
  relabel: "child traits relabelled within each parent trait",
};

/** Each lineage edge's transitions among the top-n values (CSR over the edges that log any). */
export interface EdgeTransitions {
  /** Number of top-n values; cell i * n + j counts transitions from value i to value j. */
  n: number;
  /** Transitions of edge k: cells[start[k] .. start[k + 1]) with counts. */
  start: Int32Array;
  cells: Int32Array;
  counts: Float64Array;
  /** Parent model of edge k. */
  parent: Int32Array;
  /** The summed matrix: the raw transitions among the top-n values (drift/traitOrdering.ts `problems.raw`). */
  raw: Float64Array;
}

/**
 * The transitions each lineage edge logs among the given values (codes), exactly as drift/transitions.ts counts
 * them. Example: `edgeTransitions(finetune, licenses, topCodes).raw`.
 */
export function edgeTransitions(graph: LineageGraph, column: TraitColumn, top: readonly number[]): EdgeTransitions {
  const n = top.length;
  const k = column.values.length;
  const index = new Int32Array(k).fill(-1);
  top.forEach((code, i) => {
    index[code] = i;
  });
  const { start: cs, codes } = column;
  const inParent = new Int32Array(k).fill(-1),
    inChild = new Int32Array(k).fill(-1),
    done = new Int32Array(k).fill(-1);
  const starts = [0],
    cells: number[] = [],
    counts: number[] = [],
    parents: number[] = [];
  const local = new Map<number, number>();
  const log = (a: number, b: number) => {
    const i = index[a],
      j = index[b];
    if (i >= 0 && j >= 0) local.set(i * n + j, (local.get(i * n + j) ?? 0) + 1);
  };
  for (let e = 0; e < graph.edgeCount; e++) {
    const p = graph.edgeParent[e],
      c = graph.edgeChild[e];
    const p0 = cs[p],
      p1 = cs[p + 1],
      c0 = cs[c],
      c1 = cs[c + 1];
    if (p0 === p1 || c0 === c1) continue;
    for (let x = p0; x < p1; x++) inParent[codes[x]] = e;
    for (let x = c0; x < c1; x++) inChild[codes[x]] = e;
    local.clear();
    for (let x = c0; x < c1; x++) {
      const a = codes[x];
      if (inParent[a] === e || done[a] === e) continue;
      done[a] = e;
      for (let y = p0; y < p1; y++) log(codes[y], a);
    }
    for (let x = p0; x < p1; x++) {
      const r = codes[x];
      if (inChild[r] === e || done[r] === e) continue;
      done[r] = e;
      for (let y = c0; y < c1; y++) log(r, codes[y]);
    }
    if (local.size === 0) continue;
    for (const [cell, count] of [...local].sort((a, b) => a[0] - b[0])) {
      cells.push(cell);
      counts.push(count);
    }
    starts.push(cells.length);
    parents.push(p);
  }
  const raw = new Float64Array(n * n);
  cells.forEach((cell, x) => {
    raw[cell] += counts[x];
  });
  return {
    n,
    start: Int32Array.from(starts),
    cells: Int32Array.from(cells),
    counts: Float64Array.from(counts),
    parent: Int32Array.from(parents),
    raw,
  };
}

/** One null's outcome for both metrics. */
export interface OrderingNullResult {
  kind: OrderingNull;
  directions: NullSummary;
  mutations: NullSummary;
  /** Wall seconds of all replicates, and per replicate. */
  seconds: number;
  secondsPerReplicate: number;
  /** Largest strongly connected component the exact solver met in any replicate. */
  largestComponent: number;
}

/** A trait's ordering against its nulls: `orderingNullTest(finetune, licenses, 20, { replicates: 200, rng }).nulls`. */
export interface OrderingNullTest {
  trait: string;
  /** Top-n values (candidate order), the nodes of every ordering problem. */
  topValues: string[];
  observed: OrderingMetrics;
  /** Null results by kind; empty when the observed graph has no oriented edge (nothing to test). */
  nulls: Partial<Record<OrderingNull, OrderingNullResult>>;
  /** Why nothing was tested, when so. */
  skipped: string | null;
  /** The replicates each null ran and why (budget.ts); work = edges carrying transitions among the top values. */
  plan: ReplicatePlan;
}

/** Options of orderingNullTest. */
export interface OrderingNullOptions {
  /** Most replicates R per null [1000]. */
  replicates?: number;
  /** Edge draws all replicates of one null may take [NULL_BUDGETS.ordering]; Infinity runs `replicates` always. */
  budget?: number;
  /** Seeded generator; null `kind` draws from `rng.fork(kind)`. */
  rng: Rng;
  /** Nulls to run [all three]. */
  nulls?: readonly OrderingNull[];
}

const fraction = ([a, b]: [number, number]) => (b > 0 ? a / b : Number.NaN);

/** One replicate's raw matrix under a null. */
function replicateMatrix(
  t: EdgeTransitions,
  kind: OrderingNull,
  rng: Rng,
  stamp: Int32Array,
  bit: Uint8Array,
  r: number,
) {
  const n = t.n;
  const m = new Float64Array(n * n);
  if (kind === "relabel") {
    const others = new Int32Array(Math.max(0, n - 1));
    for (let i = 0; i < n; i++) {
      let k = 0;
      for (let j = 0; j < n; j++) if (j !== i) others[k++] = j;
      for (let x = others.length - 1; x > 0; x--) {
        const y = rng.int(x + 1);
        const tmp = others[x];
        others[x] = others[y];
        others[y] = tmp;
      }
      k = 0;
      for (let j = 0; j < n; j++) if (j !== i) m[i * n + others[k++]] = t.raw[i * n + j];
    }
    return m;
  }
  for (let e = 0; e + 1 < t.start.length; e++) {
    let flipped: boolean;
    if (kind === "flip") flipped = rng() < 0.5;
    else {
      const p = t.parent[e];
      if (stamp[p] !== r) {
        stamp[p] = r;
        bit[p] = rng() < 0.5 ? 1 : 0;
      }
      flipped = bit[p] === 1;
    }
    for (let x = t.start[e]; x < t.start[e + 1]; x++) {
      const cell = t.cells[x];
      const target = flipped ? (cell % n) * n + Math.floor(cell / n) : cell;
      m[target] += t.counts[x];
    }
  }
  return m;
}

/**
 * Tests one trait's optimal ordering against the nulls, on the top-n values of the trait's transition graph.
 * Example: `orderingNullTest(finetune, licenses, 20, { replicates: 1000, rng: rng.fork("licenses") })`.
 */
export function orderingNullTest(
  graph: LineageGraph,
  column: TraitColumn,
  n: number,
  options: OrderingNullOptions,
): OrderingNullTest {
  const max = options.replicates ?? DEFAULT_REPLICATES;
  if (!Number.isInteger(max) || max < 1)
    throw new Error(`nulls/ordering: replicates must be a positive integer, got ${max}`);
  const top = topTraits(orientedTraitGraph(traitTransitions(graph, column)), n).top;
  const t = edgeTransitions(graph, column, top);
  const observed = orderingMetrics(t.raw, t.n);
  const plan = replicatesFor(t.start.length - 1, {
    max,
    budget: options.budget ?? NULL_BUDGETS.ordering,
    unit: "edge draws",
  });
  const replicates = plan.replicates;
  const result: OrderingNullTest = {
    trait: column.trait,
    topValues: top.map((c) => column.values[c]),
    observed,
    nulls: {},
    skipped: null,
    plan,
  };
  if (observed.directions[1] === 0) {
    result.skipped =
      top.length < 2 ? "fewer than two values with transitions" : "no oriented edge among the top values";
    return result;
  }
  const stamp = new Int32Array(graph.nodeCount).fill(-1);
  const bit = new Uint8Array(graph.nodeCount);
  for (const kind of options.nulls ?? ORDERING_NULLS) {
    const rng = options.rng.fork(kind);
    const directions = new Float64Array(replicates),
      mutations = new Float64Array(replicates);
    let largest = 0;
    stamp.fill(-1);
    const t0 = performance.now();
    for (let r = 0; r < replicates; r++) {
      const metrics = orderingMetrics(replicateMatrix(t, kind, rng, stamp, bit, r), t.n);
      directions[r] = fraction(metrics.directions);
      mutations[r] = fraction(metrics.mutations);
      largest = Math.max(largest, metrics.largestComponent);
    }
    const seconds = (performance.now() - t0) / 1000;
    result.nulls[kind] = {
      kind,
      directions: summarizeNull(fraction(observed.directions), directions, "greater"),
      mutations: summarizeNull(fraction(observed.mutations), mutations, "greater"),
      seconds,
      secondsPerReplicate: seconds / replicates,
      largestComponent: largest,
    };
  }
  return result;
}
