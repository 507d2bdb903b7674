// Null models of the mutation rate (docs/methods.md §4.3 "Mutation rate", §6 "Mutation rates"): against what is
// "license mutates in 19.8% of fine-tunes" low? Over the same edges (both ends list the trait), the child's trait set
// is replaced by another model's:
//
//   population   a model drawn uniformly among all models that list the trait: no inheritance at all
//   family       a model drawn uniformly among the other members of the child's family (the weakly connected
//                component in the graph in use) that list the trait: the family's marginal, no parent-level
//                inheritance. Observed well below it means children copy their own parent, not just their family.
//
// The null rate is the mean 1 − Jaccard over the edges, R times; the p-value counts null rates at or below the
// observed one. Relation types are compared by a permutation test: the per-edge mutations of two relations pooled,
// their labels shuffled R times, the difference of the means recomputed.
//
// NOTE: a null draw costs a random number and three array reads. Each node's distinct values are interned once as a
// set (models listing nothing get none), and the distances from each parent's set to every set are tabled before the
// draws, which then run in WebAssembly (mutationKernel.ts). Beyond DENSE_DISTANCE_LIMIT table entries a draw merges
// the two sorted sets instead, in JavaScript.
// The draws, their order and the sums are those of comparing the two models' value lists directly, so the nulls are
// the same numbers (test/nulls-mutation.test.ts checks them against that reference on real datasets). R is the most
// replicates within a work budget (budget.ts), counted in edge draws.
import type { LineageGraph } from "../lineage/graph";
import { type Families, lineageFamilies } from "../lineage/families";
import type { TraitColumn } from "../drift/traitCodes";
import { type Rng, TWO_POW_32 } from "../random";
import { DEFAULT_REPLICATES, NULL_BUDGETS, type ReplicatePlan, replicatesFor } from "./budget";
import { mutationKernelRun, shuffleRun } from "./mutationKernel";
import { type NullSummary, summarizeNull } from "./summary";

/** Per-edge mutation (1 − Jaccard of the two value sets), NaN where an end lists nothing; `rate` as mutationRate. */
export interface EdgeMutations {
  values: Float64Array;
  /** Edges where both ends list the trait. */
  traffic: number;
  mutations: number;
  rate: number | null;
}

/** 1 − Jaccard of the value sets of nodes a and b (both non-empty), with stamp arrays keyed by `key`. */
function distance(column: TraitColumn, a: number, b: number, mark: Int32Array, seen: Int32Array, key: number): number {
  const { start, codes } = column;
  let setA = 0;
  for (let k = start[a]; k < start[a + 1]; k++)
    if (mark[codes[k]] !== key) {
      mark[codes[k]] = key;
      setA++;
    }
  let setB = 0,
    shared = 0;
  for (let k = start[b]; k < start[b + 1]; k++) {
    const code = codes[k];
    if (seen[code] === key) continue;
    seen[code] = key;
    setB++;
    if (mark[code] === key) shared++;
  }
  const union = setA + setB - shared;
  return union === shared ? 0 : (union - shared) / union;
}

/** Stamp arrays for `distance`, one pair per column. */
function stamps(column: TraitColumn): { mark: Int32Array; seen: Int32Array; next: () => number } {
  const mark = new Int32Array(column.values.length).fill(-1),
    seen = new Int32Array(column.values.length).fill(-1);
  let key = 0;
  return { mark, seen, next: () => key++ };
}

/**
 * The mutation of every edge, in edge order; its sum and mean equal drift's mutationRate. Example:
 * `edgeMutations(finetune, licenses).rate`.
 */
export function edgeMutations(graph: LineageGraph, column: TraitColumn): EdgeMutations {
  const { start } = column;
  if (start.length !== graph.nodeCount + 1)
    throw new Error(`nulls/mutation: the trait column has ${start.length - 1} nodes but the graph ${graph.nodeCount}`);
  const values = new Float64Array(graph.edgeCount).fill(Number.NaN);
  const s = stamps(column);
  let mutations = 0,
    traffic = 0;
  for (let e = 0; e < graph.edgeCount; e++) {
    const p = graph.edgeParent[e],
      c = graph.edgeChild[e];
    if (start[p] === start[p + 1] || start[c] === start[c + 1]) continue;
    values[e] = distance(column, p, c, s.mark, s.seen, s.next());
    mutations += values[e];
    traffic++;
  }
  return { values, traffic, mutations, rate: traffic ? mutations / traffic : null };
}

/** A null model of the mutation rate: `MUTATION_NULLS[1] === "family"`. */
export type MutationNull = "population" | "family";

/** Both mutation-rate nulls: `for (const kind of MUTATION_NULLS) ...`. */
export const MUTATION_NULLS: readonly MutationNull[] = ["population", "family"];

/** One line per null: `MUTATION_NULL_LABELS.family`. */
export const MUTATION_NULL_LABELS: Readonly<Record<MutationNull, string>> = {
  population: "child's trait drawn from all models listing it",
  family: "child's trait drawn from its own family",
};

/** The observed rate of one trait on one graph beside its two nulls (absent nulls: nothing to test). */
export interface MutationNullTest {
  trait: string;
  observed: EdgeMutations;
  nulls: Partial<Record<MutationNull, NullSummary>>;
  /** The replicates each null ran and why (budget.ts); work = edges drawn per replicate. */
  plan: ReplicatePlan;
}

/** Options of mutationNullTest. */
export interface MutationNullOptions {
  /** Most replicates R [1000]. */
  replicates?: number;
  /** Edge draws all replicates of one null may take [NULL_BUDGETS.mutation]; Infinity runs `replicates` always. */
  budget?: number;
  /** Seeded generator; null `kind` draws from `rng.fork(kind)`. */
  rng: Rng;
}

/** Each node's distinct values interned: node v lists set `setOf[v]` (-1: nothing), set s is codes[start[s] .. start[s + 1]), sorted. */
interface TraitSets {
  setOf: Int32Array;
  start: Int32Array;
  codes: Int32Array;
  count: number;
}

/** Interned sets of each column met, and families of each graph: a notebook tests every trait on several graphs. */
const setsOfColumn = new WeakMap<TraitColumn, TraitSets>();
const familiesOfGraph = new WeakMap<LineageGraph, Families>();

/** The interned sets of a column, computed once per column object. */
function cachedTraitSets(column: TraitColumn): TraitSets {
  let sets = setsOfColumn.get(column);
  if (!sets) setsOfColumn.set(column, (sets = traitSets(column)));
  return sets;
}

/** The families of a graph, computed once per graph object. */
function cachedFamilies(graph: LineageGraph): Families {
  let families = familiesOfGraph.get(graph);
  if (!families) familiesOfGraph.set(graph, (families = lineageFamilies(graph)));
  return families;
}

/** Interns the distinct value sets of a column's nodes (a one-value set is keyed by its code, others by their text). */
function traitSets(column: TraitColumn): TraitSets {
  const { start, codes } = column;
  const n = start.length - 1;
  const setOf = new Int32Array(n).fill(-1);
  const single = new Int32Array(column.values.length).fill(-1);
  const byKey = new Map<string, number>();
  const setStart: number[] = [0],
    setCodes: number[] = [];
  const add = (values: readonly number[]) => {
    for (const c of values) setCodes.push(c);
    setStart.push(setCodes.length);
    return setStart.length - 2;
  };
  for (let v = 0; v < n; v++) {
    const a = start[v],
      b = start[v + 1];
    if (a === b) continue;
    let same = true;
    for (let k = a + 1; k < b && same; k++) same = codes[k] === codes[a];
    if (same) {
      const c = codes[a];
      if (single[c] < 0) single[c] = add([c]);
      setOf[v] = single[c];
      continue;
    }
    const distinct = [...new Set(codes.subarray(a, b))].sort((x, y) => x - y);
    const key = distinct.join(",");
    let id = byKey.get(key);
    if (id === undefined) byKey.set(key, (id = add(distinct)));
    setOf[v] = id;
  }
  return { setOf, start: Int32Array.from(setStart), codes: Int32Array.from(setCodes), count: setStart.length - 1 };
}

/** 1 − Jaccard of sets x and y, exactly as `distance` gives it for two nodes holding them. */
function setDistance(sets: TraitSets, x: number, y: number): number {
  const { start, codes } = sets;
  let i = start[x],
    j = start[y],
    shared = 0;
  const iEnd = start[x + 1],
    jEnd = start[y + 1];
  const both = iEnd - i + (jEnd - j);
  while (i < iEnd && j < jEnd) {
    const a = codes[i],
      b = codes[j];
    if (a === b) {
      shared++;
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  const union = both - shared;
  return union === shared ? 0 : (union - shared) / union;
}

/**
 * Most entries of a table of set distances (8 bytes each, 32 MB): rows for the distinct sets of the parents, a column
 * for every set. Beyond it a draw merges the two sorted sets in JavaScript, several times slower.
 */
export const DENSE_DISTANCE_LIMIT = 1 << 22;

/**
 * The distances from each distinct parent set to every set, one row per parent set in order of first use, and each
 * edge's row; null when they exceed DENSE_DISTANCE_LIMIT entries.
 */
function distanceRows(
  sets: TraitSets,
  parentSet: ArrayLike<number>,
): { parentRow: Int32Array; table: Float64Array } | null {
  const s = sets.count;
  const rowOf = new Int32Array(s).fill(-1);
  const parentRow = new Int32Array(parentSet.length);
  const rowSets: number[] = [];
  for (let i = 0; i < parentSet.length; i++) {
    const x = parentSet[i];
    if (rowOf[x] < 0) {
      if ((rowSets.length + 1) * s > DENSE_DISTANCE_LIMIT) return null;
      rowOf[x] = rowSets.length;
      rowSets.push(x);
    }
    parentRow[i] = rowOf[x];
  }
  const table = new Float64Array(rowSets.length * s);
  rowSets.forEach((x, r) => {
    for (let y = 0; y < s; y++) table[r * s + y] = setDistance(sets, x, y);
  });
  return { parentRow, table };
}

/**
 * The narrowest typed array holding set ids below `count`: the draws without a distance table read set ids at random
 * positions of arrays as long as the snapshot, and a narrower array keeps more of them in cache.
 */
function setIdArray(count: number): typeof Uint8Array | typeof Uint16Array | typeof Int32Array {
  return count <= 1 << 8 ? Uint8Array : count <= 1 << 16 ? Uint16Array : Int32Array;
}

/**
 * Tests a trait's mutation rate on a graph against the population and family nulls. Example:
 * `mutationNullTest(finetune, licenses, { replicates: 1000, rng: rng.fork("licenses") }).nulls.family!.pValue`.
 */
export function mutationNullTest(
  graph: LineageGraph,
  column: TraitColumn,
  options: MutationNullOptions,
): MutationNullTest {
  const max = options.replicates ?? DEFAULT_REPLICATES;
  if (!Number.isInteger(max) || max < 1)
    throw new Error(`nulls/mutation: replicates must be a positive integer, got ${max}`);
  const observed = edgeMutations(graph, column);
  const plan = replicatesFor(observed.traffic, {
    max,
    budget: options.budget ?? NULL_BUDGETS.mutation,
    unit: "edge draws",
  });
  const out: MutationNullTest = { trait: column.trait, observed, nulls: {}, plan };
  if (observed.traffic === 0) return out;
  const { start } = column;
  const n = graph.nodeCount;
  const sets = cachedTraitSets(column);
  // Models listing the trait, in row order, and grouped by family (a stable counting sort by family, so rows ascend
  // within a block); a child's family block and its own place in it.
  const families = cachedFamilies(graph);
  const { familyOf } = families;
  const listed: number[] = [];
  for (let v = 0; v < n; v++) if (start[v + 1] > start[v]) listed.push(v);
  const blockStart = new Int32Array(families.count + 1);
  for (const v of listed) blockStart[familyOf[v] + 1]++;
  for (let f = 0; f < families.count; f++) blockStart[f + 1] += blockStart[f];
  const cursor = blockStart.slice(0, families.count);
  const place = new Int32Array(n).fill(-1);
  const SetIds = setIdArray(sets.count);
  const familySet = new SetIds(listed.length);
  for (const v of listed) {
    const i = cursor[familyOf[v]]++;
    place[v] = i;
    familySet[i] = sets.setOf[v];
  }
  const listedSet = new SetIds(listed.length);
  listed.forEach((v, i) => (listedSet[i] = sets.setOf[v]));
  // Per counted edge: the parent's set, the child's family block (start, draws) and the child's place in it.
  const m = observed.traffic;
  const parentSet = new SetIds(m),
    blockBase = new Int32Array(m),
    blockDraws = new Int32Array(m),
    ownPlace = new Int32Array(m);
  for (let e = 0, i = 0; e < graph.edgeCount; e++) {
    if (Number.isNaN(observed.values[e])) continue;
    const c = graph.edgeChild[e],
      f = familyOf[c];
    parentSet[i] = sets.setOf[graph.edgeParent[e]];
    blockBase[i] = blockStart[f];
    blockDraws[i] = blockStart[f + 1] - blockStart[f] - 1; // the parent lists the trait too: at least one other model
    ownPlace[i] = place[c] - blockStart[f];
    i++;
  }
  const replicates = plan.replicates;
  // NOTE: each replicate's m draws come from one fillUint32 call; u / 2^32 · n is exactly rng.int(n), so the draws,
  // their order and the sums are those of calling rng.int per edge, at a fraction of the cost.
  const rows = distanceRows(sets, parentSet);
  const kernel = rows
    ? mutationKernelRun({ ...rows, setCount: sets.count, listedSet, familySet, blockBase, blockDraws, ownPlace })
    : null;
  const draws = kernel?.draws ?? new Uint32Array(m);
  const other = new SetIds(kernel ? 0 : m);
  for (const kind of MUTATION_NULLS) {
    const rng = options.rng.fork(kind);
    const rates = new Float64Array(replicates);
    for (let r = 0; r < replicates; r++) {
      rng.fillUint32(draws);
      let sum = 0;
      if (kernel) sum = kind === "population" ? kernel.population() : kernel.family();
      else {
        // the other model of each edge, then the distances (two plain loops keep the hot one free of branches)
        if (kind === "population") {
          const count = listedSet.length;
          for (let i = 0; i < m; i++) other[i] = listedSet[Math.floor((draws[i] / TWO_POW_32) * count)];
        } else
          for (let i = 0; i < m; i++) {
            let k = Math.floor((draws[i] / TWO_POW_32) * blockDraws[i]);
            if (k >= ownPlace[i]) k++;
            other[i] = familySet[blockBase[i] + k];
          }
        for (let i = 0; i < m; i++) sum += setDistance(sets, parentSet[i], other[i]);
      }
      rates[r] = sum / m;
    }
    out.nulls[kind] = summarizeNull(observed.rate as number, rates, "less");
  }
  return out;
}

/** Two relation types' per-edge mutations compared by a permutation test. */
export interface RelationComparison {
  trait: string;
  /** The relation tested to keep its parent's trait more often, and the one it is held against. */
  relation: string;
  baseline: string;
  rate: number | null;
  baselineRate: number | null;
  traffic: number;
  baselineTraffic: number;
  /** baselineRate − rate (positive: `relation` keeps the parent's trait more often), against label shuffles. */
  difference: NullSummary;
  /** The shuffles run and why (budget.ts); work = pooled edges shuffled per replicate. */
  plan: ReplicatePlan;
}

/** Options of relationComparison. */
export interface RelationComparisonOptions {
  trait: string;
  relation: string;
  baseline: string;
  /** Most replicates R [1000]. */
  replicates?: number;
  /** Shuffle draws all replicates may take [NULL_BUDGETS.relation]; Infinity runs `replicates` always. */
  budget?: number;
  rng: Rng;
}

/**
 * Tests whether children by `relation` keep their parent's trait more often than children by `baseline`, by
 * shuffling the relation labels of the pooled edges R times. Example: `relationComparison(edgeMutations(quantized,
 * licenses), edgeMutations(finetune, licenses), { trait: "licenses", relation: "quantized", baseline: "finetune",
 * rng })`.
 */
export function relationComparison(
  tested: EdgeMutations,
  baseline: EdgeMutations,
  options: RelationComparisonOptions,
): RelationComparison {
  const a = tested.values.filter((v) => !Number.isNaN(v)),
    b = baseline.values.filter((v) => !Number.isNaN(v));
  const pooled = new Float64Array(a.length + b.length);
  pooled.set(a);
  pooled.set(b, a.length);
  const testable = a.length > 0 && b.length > 0;
  const plan = replicatesFor(testable ? pooled.length - 1 : 0, {
    max: options.replicates ?? DEFAULT_REPLICATES,
    budget: options.budget ?? NULL_BUDGETS.relation,
    unit: "shuffle draws",
  });
  const mean = (x: ArrayLike<number>, from: number, to: number) => {
    let s = 0;
    for (let i = from; i < to; i++) s += x[i];
    return s / (to - from);
  };
  const observed = testable ? mean(b, 0, b.length) - mean(a, 0, a.length) : Number.NaN;
  const values = new Float64Array(testable ? plan.replicates : 0);
  // NOTE: a replicate's draws come from one fillUint32 call, in the order the shuffle takes them; u / 2^32 · (i + 1)
  // is exactly rng.int(i + 1), so the shuffles are those of calling rng.int per step (run in mutationKernel.wat).
  const run = shuffleRun(testable ? pooled : new Float64Array(0));
  for (let r = 0; r < values.length; r++) {
    options.rng.fillUint32(run.draws);
    run.shuffle();
    values[r] = mean(run.values, a.length, pooled.length) - mean(run.values, 0, a.length);
  }
  return {
    trait: options.trait,
    relation: options.relation,
    baseline: options.baseline,
    rate: tested.rate,
    baselineRate: baseline.rate,
    traffic: tested.traffic,
    baselineTraffic: baseline.traffic,
    difference: summarizeNull(observed, values, "greater"),
    plan,
  };
}
