// The two ordering metrics of the paper (docs/methods.md §4.3 "The two reported metrics") from a raw transition matrix
// among the top-n values, fast enough to run a thousand times:
//
//   oriented graph   one edge per pair in the majority direction, weight = |n_ij − n_ji| (net traffic)
//   ordering         an exact weighted optimum (the linear ordering problem), solved per strongly connected component
//   directions       oriented edges u → v with u before v / all oriented edges
//   mutations        raw transitions i → j with i before j / all raw transitions
//
// Why per component: an ordering that puts the components in their topological order and keeps each one's inner
// order is never worse (every edge between components then points forward, and no edge inside one changes), so an
// optimum is the components' optima strung together. With the direction removed the oriented graph of a sparse trait
// splits into many small components, and the exact solver (drift/ordering.ts, 2^k · k for a component of k values)
// only meets those. Each component takes the solver's lexicographically first optimum; components go in topological
// order, smallest value index first.
//
// NOTE: a component with integer weights (every count matrix) is solved by `firstOptimum` (orderingKernel.ts): the
// solver's dynamic programme without the passes that count optima and collect precedences, in WebAssembly, about
// five times faster at 20 values; it returns the solver's lexicographically first optimum (the tests compare both).
// Other weights go to drift/ordering.ts itself.
import { type OrderingProblem, solveOrdering } from "../drift/ordering";
import { firstOptimum, INTEGER_LIMIT } from "./orderingKernel";

/** The metrics of one matrix: counts out of totals, and the ordering found (value indices, upstream first). */
export interface OrderingMetrics {
  /** [oriented edges accounted for, oriented edges]. */
  directions: [number, number];
  /** [raw transitions accounted for, raw transitions]. */
  mutations: [number, number];
  ordering: number[];
  /** Weighted optimum: net traffic consistent with the ordering. */
  optimum: number;
  /** Size of the largest strongly connected component (what the exact solver had to search). */
  largestComponent: number;
}

/** Strongly connected components of a digraph of n ≤ 30 nodes given as out-neighbour bit masks. */
function components(n: number, out: Int32Array): Int32Array {
  const reach = Int32Array.from(out);
  for (let v = 0; v < n; v++) reach[v] |= 1 << v;
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) if (reach[i] & (1 << k)) reach[i] |= reach[k];
  const label = new Int32Array(n).fill(-1);
  let count = 0;
  for (let v = 0; v < n; v++) {
    if (label[v] >= 0) continue;
    for (let u = v; u < n; u++) if (reach[v] & (1 << u) && reach[u] & (1 << v)) label[u] = count;
    count++;
  }
  return label;
}

/** True when every weight is a non-negative integer and their total is below INTEGER_LIMIT. */
function smallIntegers(w: Float64Array): boolean {
  let total = 0;
  for (let i = 0; i < w.length; i++) {
    if (!Number.isInteger(w[i]) || w[i] < 0) return false;
    total += w[i];
  }
  return total < INTEGER_LIMIT;
}

/**
 * The ordering metrics of an n × n raw transition matrix (`raw[i * n + j]` = transitions i → j), n ≤ 26. Example:
 * `orderingMetrics(analysis.problems.raw.weights, analysis.topValues.length).directions`.
 */
export function orderingMetrics(raw: Float64Array, n: number): OrderingMetrics {
  if (raw.length !== n * n) throw new Error(`nulls/orderingMetrics: the matrix must have n * n = ${n * n} entries`);
  const traffic = new Float64Array(n * n);
  const out = new Int32Array(n);
  let oriented = 0,
    rawTotal = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      rawTotal += raw[i * n + j];
      const net = raw[i * n + j] - raw[j * n + i];
      if (net > 0) {
        traffic[i * n + j] = net;
        out[i] |= 1 << j;
        oriented++;
      }
    }
  const label = components(n, out);
  const count = n === 0 ? 0 : Math.max(...label) + 1;
  // Kahn's algorithm over the components, smallest first member first.
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let v = 0; v < n; v++) members[label[v]].push(v);
  const indegree = new Int32Array(count);
  const next: Set<number>[] = Array.from({ length: count }, () => new Set());
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      if (out[i] & (1 << j) && label[i] !== label[j] && !next[label[i]].has(label[j])) {
        next[label[i]].add(label[j]);
        indegree[label[j]]++;
      }
  const ready = members.map((_, c) => c).filter((c) => indegree[c] === 0);
  const ordering: number[] = [];
  let largest = 0;
  while (ready.length > 0) {
    ready.sort((a, b) => members[a][0] - members[b][0]);
    const c = ready.shift()!;
    const m = members[c];
    largest = Math.max(largest, m.length);
    if (m.length === 1) ordering.push(m[0]);
    else {
      const k = m.length;
      const weights = new Float64Array(k * k);
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) weights[a * k + b] = traffic[m[a] * n + m[b]];
      const problem: OrderingProblem = { n: k, weights };
      const order = smallIntegers(weights) ? firstOptimum(k, weights) : solveOrdering(problem).ordering;
      for (const local of order) ordering.push(m[local]);
    }
    for (const d of next[c]) if (--indegree[d] === 0) ready.push(d);
  }
  const position = new Int32Array(n);
  ordering.forEach((v, i) => {
    position[v] = i;
  });
  let forwardEdges = 0,
    forwardRaw = 0,
    optimum = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j || position[i] > position[j]) continue;
      forwardRaw += raw[i * n + j];
      if (traffic[i * n + j] > 0) {
        forwardEdges++;
        optimum += traffic[i * n + j];
      }
    }
  return {
    directions: [forwardEdges, oriented],
    mutations: [forwardRaw, rawTotal],
    ordering,
    optimum,
    largestComponent: largest,
  };
}

/** Kendall's tau between an ordering and a reference rank (no ties): `kendallTau([2, 0, 1], [0, 1, 2])`. */
export function kendallTau(ordering: readonly number[], rank: ArrayLike<number>): number {
  const k = ordering.length;
  if (k < 2) return Number.NaN;
  let concordant = 0,
    discordant = 0;
  for (let a = 0; a < k; a++)
    for (let b = a + 1; b < k; b++) {
      if (rank[ordering[a]] < rank[ordering[b]]) concordant++;
      else discordant++;
    }
  return (concordant - discordant) / ((k * (k - 1)) / 2);
}
