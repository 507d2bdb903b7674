// Exact optimal orderings of traits (docs/methods.md §4.3 "Optimal ordering"; data/reference/README.md §6.4): the
// linear ordering problem the authors solve as an ILP with OR-Tools — order the nodes to maximise the total weight of
// edges u → v with u before v (weight = traffic for the weighted ordering, 1 for the unweighted one).
//
// Solved exactly by dynamic programming over subsets, without a solver: placing v right after the set S of
// already-placed nodes gains gain(S, v) = Σ_{u ∈ S} w(u → v), and
//
//   g(S) = max over v ∉ S of gain(S, v) + g(S ∪ {v}),   g(all) = 0,   optimum = g(∅).
//
// A transition S → S ∪ {v} is tight when it attains g(S); the tight transitions reachable from ∅ are exactly the
// prefixes of optimal orderings. From them the solver reads, with no extra search:
//   - the lexicographically first optimal ordering (the smallest node index that stays tight at each step),
//   - how many optimal orderings exist (paths of tight transitions),
//   - the precedences shared by every optimal ordering (a is forced before b when no optimal prefix holds b but not a),
//   - the min and max of other additive metrics over all optimal orderings (e.g. edges or raw transitions accounted for).
// NOTE: gains come from two half-width lookup tables per node (2 · n · 2^(n/2) entries), so each DP step is two
// array reads; time and memory grow as 2^n · n (n = 20: about 0.3 s; n = 22: about 1.5 s, 200 MB).
/** Largest n the solver accepts (2^26 states): `if (n > MAX_ORDERING_NODES) ...`. */
export const MAX_ORDERING_NODES = 26;

/** An ordering problem: `weights[u * n + v]` is gained when u is placed before v. */
export interface OrderingProblem {
  n: number;
  weights: Float64Array;
}

/**
 * Options of solveOrdering: additive pairwise metrics (same layout as weights) whose range over optimal orderings is
 * wanted.
 */
export interface OrderingOptions {
  secondary?: Record<string, Float64Array>;
}

/** The exact solution: `solveOrdering({ n, weights }).ordering`. */
export interface OrderingSolution {
  n: number;
  optimum: number;
  /** The lexicographically first optimal ordering (node indices). */
  ordering: number[];
  /** Number of optimal orderings (exact below 2^53). */
  optimalCount: number;
  /** Pairs (a, b): a precedes b in every optimal ordering; sorted by a, then b. */
  forcedPrecedences: [number, number][];
  /** [min, max] of each secondary metric over the optimal orderings. */
  ranges: Record<string, [number, number]>;
}

/** Split lookup tables: gain(S, v) = lo[(v << lowBits) | (S & loMask)] + hi[(v << highBits) | (S >>> lowBits)]. */
interface GainTables {
  lo: Float64Array;
  hi: Float64Array;
  lowBits: number;
  highBits: number;
  loMask: number;
}

function gainTables(n: number, w: Float64Array): GainTables {
  const highBits = n >> 1,
    lowBits = n - highBits;
  const build = (bits: number, offset: number) => {
    const size = 1 << bits,
      table = new Float64Array(n << bits);
    for (let v = 0; v < n; v++) {
      const base = v << bits;
      for (let mask = 1; mask < size; mask++) {
        const low = 31 - Math.clz32(mask & -mask);
        table[base | mask] = table[base | (mask & (mask - 1))] + w[(low + offset) * n + v];
      }
    }
    return table;
  };
  return { lo: build(lowBits, 0), hi: build(highBits, lowBits), lowBits, highBits, loMask: (1 << lowBits) - 1 };
}

function checkProblem(p: OrderingProblem, extra: Float64Array[]): void {
  if (!Number.isInteger(p.n) || p.n < 0)
    throw new Error(`drift/ordering: n must be a non-negative integer, got ${p.n}`);
  if (p.n > MAX_ORDERING_NODES)
    throw new Error(`drift/ordering: n = ${p.n} exceeds ${MAX_ORDERING_NODES} (2^n states)`);
  for (const w of [p.weights, ...extra]) {
    if (w.length !== p.n * p.n)
      throw new Error(`drift/ordering: weights must have n * n = ${p.n * p.n} entries, got ${w.length}`);
    for (let i = 0; i < w.length; i++)
      if (!Number.isFinite(w[i])) throw new Error("drift/ordering: weights must be finite");
  }
}

/** Equality slack: 0 for integer weights (exact), else relative to the total weight. */
function slack(w: Float64Array): number {
  let total = 0,
    integral = true;
  for (let i = 0; i < w.length; i++) {
    total += Math.abs(w[i]);
    if (!Number.isInteger(w[i])) integral = false;
  }
  return integral ? 0 : 1e-9 * Math.max(1, total);
}

/** g(S) for every S (see the file header). */
function valueToGo(n: number, t: GainTables): Float64Array {
  const size = 1 << n,
    full = size - 1,
    { lo, hi, lowBits, highBits, loMask } = t;
  const g = new Float64Array(size);
  for (let s = full - 1; s >= 0; s--) {
    let best = -Infinity;
    const a = s & loMask,
      b = s >>> lowBits;
    for (let rest = full & ~s; rest; rest &= rest - 1) {
      const bit = rest & -rest,
        v = 31 - Math.clz32(bit);
      const value = lo[(v << lowBits) | a] + hi[(v << highBits) | b] + g[s | bit];
      if (value > best) best = value;
    }
    g[s] = best;
  }
  return g;
}

/** Solves an ordering problem exactly: `solveOrdering({ n: 3, weights }).optimum`. */
export function solveOrdering(problem: OrderingProblem, options: OrderingOptions = {}): OrderingSolution {
  const secondaryNames = Object.keys(options.secondary ?? {});
  const secondary = secondaryNames.map((k) => options.secondary![k]);
  checkProblem(problem, secondary);
  const n = problem.n,
    size = 1 << n,
    full = size - 1;
  const t = gainTables(n, problem.weights),
    eps = slack(problem.weights);
  const g = valueToGo(n, t);
  const { lo, hi, lowBits, highBits, loMask } = t;
  const tight = (s: number, v: number) =>
    Math.abs(lo[(v << lowBits) | (s & loMask)] + hi[(v << highBits) | (s >>> lowBits)] + g[s | (1 << v)] - g[s]) <= eps;

  const reach = new Uint8Array(size),
    count = new Float64Array(size);
  reach[0] = 1;
  count[0] = 1;
  const secTables = secondary.map((w) => gainTables(n, w));
  const lows = secondary.map(() => new Float64Array(size).fill(Infinity)),
    highs = secondary.map(() => new Float64Array(size).fill(-Infinity));
  lows.forEach((a) => {
    a[0] = 0;
  });
  highs.forEach((a) => {
    a[0] = 0;
  });
  const canPrecede = new Int32Array(n); // bit a of canPrecede[b]: some optimal ordering puts b before a
  for (let s = 0; s < size; s++) {
    if (!reach[s]) continue;
    const outside = full & ~s;
    for (let rest = s; rest; rest &= rest - 1) canPrecede[31 - Math.clz32(rest & -rest)] |= outside;
    const a = s & loMask,
      b = s >>> lowBits,
      target = g[s];
    for (let rest = outside; rest; rest &= rest - 1) {
      const bit = rest & -rest,
        v = 31 - Math.clz32(bit),
        next = s | bit;
      if (Math.abs(lo[(v << lowBits) | a] + hi[(v << highBits) | b] + g[next] - target) > eps) continue;
      reach[next] = 1;
      count[next] += count[s];
      for (let m = 0; m < secTables.length; m++) {
        const st = secTables[m];
        const gain = st.lo[(v << lowBits) | a] + st.hi[(v << highBits) | b];
        if (lows[m][s] + gain < lows[m][next]) lows[m][next] = lows[m][s] + gain;
        if (highs[m][s] + gain > highs[m][next]) highs[m][next] = highs[m][s] + gain;
      }
    }
  }
  const ordering: number[] = [];
  for (let s = 0; s !== full; ) {
    let v = 0;
    while (s & (1 << v) || !tight(s, v)) v++;
    ordering.push(v);
    s |= 1 << v;
  }
  const forcedPrecedences: [number, number][] = [];
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) if (a !== b && !(canPrecede[b] & (1 << a))) forcedPrecedences.push([a, b]);
  const ranges: Record<string, [number, number]> = {};
  secondaryNames.forEach((name, m) => {
    ranges[name] = [lows[m][full], highs[m][full]];
  });
  return { n, optimum: g[0], ordering, optimalCount: count[full], forcedPrecedences, ranges };
}

/** Total weight of an ordering (node indices): `orderingValue({ n, weights }, [2, 0, 1])`. */
export function orderingValue(problem: OrderingProblem, ordering: readonly number[]): number {
  const { n, weights } = problem;
  if (ordering.length !== n || new Set(ordering).size !== n)
    throw new Error("drift/ordering: not a permutation of the nodes");
  let total = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) total += weights[ordering[i] * n + ordering[j]];
  return total;
}

/** Up to `limit` optimal orderings, in lexicographic order of node indices: `optimalOrderings(problem, 5)`. */
export function optimalOrderings(problem: OrderingProblem, limit: number): number[][] {
  checkProblem(problem, []);
  const n = problem.n,
    full = (1 << n) - 1;
  const t = gainTables(n, problem.weights),
    eps = slack(problem.weights),
    g = valueToGo(n, t);
  const out: number[][] = [];
  const prefix: number[] = [];
  const walk = (s: number): void => {
    if (out.length >= limit) return;
    if (s === full) {
      out.push(prefix.slice());
      return;
    }
    for (let v = 0; v < n && out.length < limit; v++) {
      if (s & (1 << v)) continue;
      const gain = t.lo[(v << t.lowBits) | (s & t.loMask)] + t.hi[(v << t.highBits) | (s >>> t.lowBits)];
      if (Math.abs(gain + g[s | (1 << v)] - g[s]) > eps) continue;
      prefix.push(v);
      walk(s | (1 << v));
      prefix.pop();
    }
  };
  walk(0);
  return out;
}

/**
 * The transitive reduction of a precedence relation (pairs implied through a third node dropped):
 * `transitiveReduction(forced)`.
 */
export function transitiveReduction(pairs: readonly [number, number][]): [number, number][] {
  const has = new Set(pairs.map(([a, b]) => `${a},${b}`));
  const after = new Map<number, number[]>();
  for (const [a, b] of pairs) after.set(a, [...(after.get(a) ?? []), b]);
  return pairs.filter(([a, b]) => !(after.get(a) ?? []).some((c) => c !== b && has.has(`${c},${b}`)));
}
