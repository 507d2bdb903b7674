// Lineage of the synthetic ecosystem (docs/methods.md §3): creation times, which models are children by
// which relation, and their parents. Arrays are in time order (index = rank by createdAt), and a
// parent always has a smaller index than its children, so parents are created first, every parent is
// in the snapshot and there are no cycles.
//
// Steps: createdAt times -> the ten top parents and their children (§5 parent table) -> the other
// children per relation, exact counts (§3.2) -> children that become parents (§3.2 "children that
// have children") and root parents -> every parent gets one child, then the remaining child slots
// draw an earlier parent by heavy-tailed attractiveness (Fenwick tree restricted to earlier parents).
import { type Rng, shuffleInPlace, weightedIndex } from "../random";
import {
  ARCHETYPES,
  CHILD_PARENT_WEIGHT,
  CHILD_RATE_KNOTS,
  GENERIC_ROOT_PARENTS,
  MAX_PARENT_WEIGHT_SHARE,
  MAX_PARENTS,
  MERGE_PARENT_COUNT_WEIGHTS,
  PAPER_CHILDREN_WITH_CHILDREN,
  PARENT_CUTOFF_DAYS,
  PARENT_WEIGHT_PARETO_ALPHA,
  SNAPSHOT_LAST_CREATED_MS,
  TOP_PARENTS,
  scaleToSize,
} from "./calibration";
import { PAPER_EDGE_COUNTS } from "../paper";
import { RELATIONS } from "../data/tags";
import { sampleCreatedAt } from "./time";
import { Fenwick, apportion, knotValue, lowerBound, pickWeighted, toKnots } from "./sampling";

/** Relation codes of the lineage arrays: 0 none, then RELATIONS order (1 finetune ... 4 merge). */
export const REL = { none: 0, finetune: 1, quantized: 2, adapter: 3, merge: 4 } as const;

/** The lineage of a synthetic snapshot, in time order. */
export interface Lineage {
  n: number;
  /** createdAt in epoch ms, strictly increasing with the index. */
  createdAt: Float64Array;
  /** REL code of the model's incoming edges (REL.none for models without parents). */
  relation: Uint8Array;
  /** CSR: the parents of i are parents[parentOffsets[i] .. parentOffsets[i + 1]). */
  parentOffsets: Int32Array;
  parents: Int32Array;
  /** Out-degree (children) of every model. */
  childCount: Int32Array;
  /** Index into TOP_PARENTS, or -1. */
  topParent: Int16Array;
  /** ARCHETYPES index: drawn for root parents (top parents from their table row), inherited from the
   *  first parent by children, -1 for models without lineage. */
  archetype: Int8Array;
}

/** Archetype mix of generic root parents (assumption; LLM, image-generation and encoder bases dominate). */
const ROOT_ARCHETYPE_WEIGHTS: Readonly<Record<string, number>> = {
  llm: 0.42,
  diffusion: 0.18,
  encoder: 0.22,
  speech: 0.07,
  vision: 0.08,
  rl: 0,
  other: 0.03,
};

/** Relation mix of a parent's children by parent class (assumption), in RELATIONS order. */
const CHILD_RELATION_PROFILE: Readonly<Record<string, readonly number[]>> = {
  llm: [0.4, 0.25, 0.3, 0.05],
  diffusion: [0.3, 0.03, 0.62, 0.05],
  encoder: [0.85, 0.01, 0.12, 0.02],
  speech: [0.85, 0.02, 0.13, 0],
  vision: [0.8, 0.02, 0.18, 0],
  rl: [1, 0, 0, 0],
  other: [0.7, 0.1, 0.2, 0],
  // parents that are themselves children, by their incoming relation
  "child:finetune": [0.35, 0.3, 0.2, 0.15],
  "child:quantized": [0.4, 0.4, 0, 0.2],
  "child:adapter": [0.5, 0.1, 0.3, 0.1],
  "child:merge": [0.2, 0.2, 0, 0.6],
};

/** Weight of a top parent's child when picking children that become parents (assumption: bursts rarely branch). */
const TOP_CHILD_PARENT_WEIGHT = { spread: 0.3, burst: 0.05 };
/** Most of a top parent's window its children may fill (small snapshots clamp the paper's counts). */
const MAX_WINDOW_SHARE = 0.8;
/** Root-parent weight = floor + age as a share of the snapshot's span (assumption: older models are likelier bases). */
const ROOT_AGE_WEIGHT_FLOOR = 0.2;

const DAY_MS = 86_400_000;

interface Build {
  n: number;
  createdAt: Float64Array;
  relation: Uint8Array;
  parentCount: Uint8Array;
  /** 0 free, 1 top parent, 2 child, 3 generic root parent. */
  role: Uint8Array;
  topParent: Int16Array;
  topChildOf: Int32Array; // for children of top parents, the parent's index
  rootArchetype: Int8Array;
}

/**
 * Plans the lineage of `n` models: `planLineage(20_000, createRng(1))`.
 * Edge counts per relation are PAPER_EDGE_COUNTS scaled to n, exactly.
 */
export function planLineage(n: number, rng: Rng): Lineage {
  const b: Build = {
    n,
    createdAt: sampleCreatedAt(n, rng.fork("createdAt")),
    relation: new Uint8Array(n),
    parentCount: new Uint8Array(n),
    role: new Uint8Array(n),
    topParent: new Int16Array(n).fill(-1),
    topChildOf: new Int32Array(n).fill(-1),
    rootArchetype: new Int8Array(n).fill(-1),
  };
  const guard = placeTopParents(b, rng.fork("top"));
  chooseChildren(b, guard, rng.fork("children"));
  const childParents = chooseChildParents(b, rng.fork("child-parents"));
  const roots = chooseRoots(b, guard, rng.fork("roots"));
  return connect(b, roots, childParents, rng.fork("connect"));
}

/** Places the top parents at their creation dates and picks their children; returns the first free index. */
function placeTopParents(b: Build, rng: Rng): number {
  const { n, createdAt, role } = b;
  TOP_PARENTS.forEach((top, j) => {
    let at = lowerBound(createdAt, Date.parse(top.createdAt + "T00:00:00Z"));
    while (at < n && role[at] !== 0) at++;
    if (at >= n) return;
    role[at] = 1;
    b.topParent[at] = j;
    b.rootArchetype[at] = ARCHETYPES.indexOf(top.archetype);
    const from = top.childrenFrom ? Date.parse(top.childrenFrom + "T00:00:00Z") : 0;
    const to = top.childrenTo ? Date.parse(top.childrenTo + "T23:59:59Z") : Infinity;
    const lo = Math.max(at + 1, lowerBound(createdAt, from));
    const hi = to === Infinity ? n : lowerBound(createdAt, to);
    const wanted = Math.min(scaleToSize(top.children, n), Math.floor(MAX_WINDOW_SHARE * Math.max(0, hi - lo)));
    const rels = RELATIONS.map((r) => top.mix[r] ?? 0);
    const perRelation = apportion(wanted, rels);
    const codes: number[] = [];
    perRelation.forEach((count, r) => {
      for (let k = 0; k < count; k++) codes.push(r + 1);
    });
    shuffleInPlace(codes, rng);
    for (let k = 0; k < codes.length; ) {
      const i = lo + rng.int(hi - lo);
      if (role[i] !== 0) continue;
      role[i] = 2;
      b.relation[i] = codes[k++];
      b.parentCount[i] = 1;
      b.topChildOf[i] = at;
    }
  });
  let guard = 0;
  while (guard < n && role[guard] !== 0) guard++;
  return guard;
}

/** Picks the remaining children of every relation (exact counts), weighted by CHILD_RATE_KNOTS. */
function chooseChildren(b: Build, guard: number, rng: Rng): void {
  const { n, createdAt, role, relation } = b;
  const named = new Int32Array(RELATIONS.length);
  for (let i = 0; i < n; i++) if (relation[i] > 0) named[relation[i] - 1]++;
  for (const name of ["quantized", "adapter", "merge", "finetune"] as const) {
    const r = RELATIONS.indexOf(name);
    const edges = Math.max(0, scaleToSize(PAPER_EDGE_COUNTS[name], n) - named[r]);
    const counts = name === "merge" ? mergeParentCounts(edges, rng) : null;
    const wanted = counts ? counts.length : edges;
    const rate = dailyRates(toKnots(CHILD_RATE_KNOTS[name]), createdAt[0], createdAt[n - 1]);
    const weights = new Float64Array(n);
    for (let i = guard + 1; i < n; i++)
      if (role[i] === 0) weights[i] = rate[Math.floor((createdAt[i] - createdAt[0]) / DAY_MS)];
    const picked = pickWeighted(wanted, weights, rng);
    picked.forEach((i, k) => {
      role[i] = 2;
      relation[i] = r + 1;
      b.parentCount[i] = counts ? counts[k] : 1;
    });
  }
}

/** Knot values per day from `first` to `last` (a lookup table instead of a search per model). */
function dailyRates(knots: ReturnType<typeof toKnots>, first: number, last: number): Float64Array {
  const days = Math.floor((last - first) / DAY_MS) + 1;
  return Float64Array.from({ length: days }, (_, d) => knotValue(knots, first + (d + 0.5) * DAY_MS));
}

/** Parent counts (2..MAX_PARENTS) of merge children whose sum is exactly `edges`. */
function mergeParentCounts(edges: number, rng: Rng): number[] {
  const mean = MERGE_PARENT_COUNT_WEIGHTS.reduce((s, w, k) => s + w * k, 0);
  const m = Math.floor(edges / 2) === 0 ? 0 : Math.max(1, Math.min(Math.floor(edges / 2), Math.round(edges / mean)));
  const counts = Array.from({ length: m }, () => weightedIndex(MERGE_PARENT_COUNT_WEIGHTS, rng));
  let sum = counts.reduce((a, c) => a + c, 0);
  for (let guard = 0; sum !== edges && guard < 100 * (m + 1); guard++) {
    const k = rng.int(m);
    if (sum > edges && counts[k] > 2) {
      counts[k]--;
      sum--;
    }
    if (sum < edges && counts[k] < MAX_PARENTS) {
      counts[k]++;
      sum++;
    }
  }
  return counts;
}

/** Picks the children that become parents, per relation (PAPER_CHILDREN_WITH_CHILDREN scaled). */
function chooseChildParents(b: Build, rng: Rng): Int32Array {
  const { n, createdAt, relation, topChildOf } = b;
  const cutoff = SNAPSHOT_LAST_CREATED_MS - PARENT_CUTOFF_DAYS * DAY_MS;
  const chosen: number[] = [];
  RELATIONS.forEach((name, r) => {
    const weights = new Float64Array(n);
    let available = 0;
    for (let i = 0; i < n; i++) {
      if (relation[i] !== r + 1 || createdAt[i] >= cutoff) continue;
      const top = topChildOf[i] >= 0 ? TOP_PARENTS[b.topParent[topChildOf[i]]] : null;
      weights[i] = top ? (top.childrenTo ? TOP_CHILD_PARENT_WEIGHT.burst : TOP_CHILD_PARENT_WEIGHT.spread) : 1;
      available++;
    }
    const wanted = Math.min(available, scaleToSize(PAPER_CHILDREN_WITH_CHILDREN[name], n));
    for (const i of pickWeighted(wanted, weights, rng)) chosen.push(i);
  });
  return Int32Array.from(chosen).sort();
}

/** Picks the generic root parents (older models likelier); the first free model is always one. */
function chooseRoots(b: Build, guard: number, rng: Rng): Int32Array {
  const { n, createdAt, role } = b;
  const cutoff = SNAPSHOT_LAST_CREATED_MS - PARENT_CUTOFF_DAYS * DAY_MS;
  const span = SNAPSHOT_LAST_CREATED_MS - createdAt[0] || 1;
  const weights = new Float64Array(n);
  for (let i = guard + 1; i < n; i++) {
    if (role[i] === 0 && createdAt[i] < cutoff)
      weights[i] = ROOT_AGE_WEIGHT_FLOOR + (SNAPSHOT_LAST_CREATED_MS - createdAt[i]) / span;
  }
  const picked = pickWeighted(Math.max(0, scaleToSize(GENERIC_ROOT_PARENTS, n) - 1), weights, rng);
  const roots = guard < n ? Int32Array.from([guard, ...picked]) : picked;
  const archetypeWeights = ARCHETYPES.map((a) => ROOT_ARCHETYPE_WEIGHTS[a]);
  for (const i of roots) {
    role[i] = 3;
    b.rootArchetype[i] = weightedIndex(archetypeWeights, rng);
  }
  return roots;
}

/** Relation profile of a parent: by archetype for roots, by incoming relation for children. */
function profileOf(b: Build, p: number): readonly number[] {
  if (b.relation[p] > 0) return CHILD_RELATION_PROFILE["child:" + RELATIONS[b.relation[p] - 1]];
  return CHILD_RELATION_PROFILE[ARCHETYPES[b.rootArchetype[p]]];
}

/** Heavy-tailed attractiveness per parent: Pareto, capped, smaller for parents that are children. */
function parentWeights(b: Build, parents: Int32Array, rng: Rng): Float64Array {
  const w = new Float64Array(parents.length);
  let sum = 0;
  parents.forEach((p, k) => {
    w[k] = (1 - rng()) ** (-1 / PARENT_WEIGHT_PARETO_ALPHA) * (b.relation[p] > 0 ? CHILD_PARENT_WEIGHT : 1);
    sum += w[k];
  });
  const cap = MAX_PARENT_WEIGHT_SHARE * sum;
  for (let k = 0; k < w.length; k++) w[k] = Math.min(w[k], cap);
  return w;
}

/** Fills every parent slot: one guaranteed child per parent, then weighted draws among earlier parents. */
function connect(b: Build, roots: Int32Array, childParents: Int32Array, rng: Rng): Lineage {
  const { n, relation, parentCount } = b;
  const parentOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) parentOffsets[i + 1] = parentOffsets[i] + parentCount[i];
  const parents = new Int32Array(parentOffsets[n]).fill(-1);
  for (let i = 0; i < n; i++) if (b.topChildOf[i] >= 0) parents[parentOffsets[i]] = b.topChildOf[i];
  const all = Int32Array.from([...roots, ...childParents]).sort();
  const slots = RELATIONS.map((_, r) => freeSlots(b, parentOffsets, parents, r + 1));
  const slotChild = slots.map((s) => Int32Array.from(s, (slot) => childOfSlot(parentOffsets, slot)));
  const free = slots.map((s) => new Fenwick(new Float64Array(s.length).fill(1)));
  const order = shuffleInPlace(Int32Array.from(all), rng);
  for (const p of order) {
    const profile = profileOf(b, p);
    const avail = slots.map((s, r) => free[r].prefix(s.length) - free[r].prefix(lowerBound(slotChild[r], p + 1)));
    let r = weightedIndex(
      profile.map((w, k) => (avail[k] > 0 ? w : 0)),
      rng,
    );
    if (r < 0 || avail[r] <= 0) r = weightedIndex(avail, rng);
    if (r < 0) continue;
    const before = free[r].prefix(lowerBound(slotChild[r], p + 1));
    const k = free[r].find(before + rng.int(avail[r]));
    free[r].add(k, -1);
    parents[slots[r][k]] = p;
  }
  const weights = parentWeights(b, all, rng);
  const fens = RELATIONS.map((_, r) => new Fenwick(Float64Array.from(all, (p, k) => weights[k] * profileOf(b, p)[r])));
  const archetype = Int8Array.from(b.rootArchetype);
  // NOTE: children are visited in time order, so every earlier parent's archetype is already known.
  for (let i = 0; i < n; i++) {
    if (relation[i] === 0) continue;
    const first = parentOffsets[i];
    for (let s = first; s < parentOffsets[i + 1]; s++) {
      if (parents[s] >= 0) continue;
      const want = s > first && parents[first] >= 0 ? archetype[parents[first]] : -1; // merge parents share an archetype
      parents[s] = drawParent(fens[relation[i] - 1], all, i, parentOffsets, parents, archetype, want, rng);
    }
    archetype[i] = archetype[parents[first]];
  }
  const childCount = new Int32Array(n);
  for (const p of parents) childCount[p]++;
  return { n, createdAt: b.createdAt, relation, parentOffsets, parents, childCount, topParent: b.topParent, archetype };
}

/** Unfilled parent slots of children of relation `code`, in child time order. */
function freeSlots(b: Build, offsets: Int32Array, parents: Int32Array, code: number): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < b.n; i++) {
    if (b.relation[i] !== code) continue;
    for (let s = offsets[i]; s < offsets[i + 1]; s++) if (parents[s] < 0) out.push(s);
  }
  return Int32Array.from(out);
}

/** The child owning a slot (binary search in the CSR offsets). */
function childOfSlot(offsets: Int32Array, slot: number): number {
  return lowerBound(offsets, slot + 1) - 1;
}

/** An earlier parent for `child` drawn by weight, distinct from its other parents, of archetype `want` if >= 0. */
function drawParent(
  fen: Fenwick,
  all: Int32Array,
  child: number,
  offsets: Int32Array,
  parents: Int32Array,
  archetype: Int8Array,
  want: number,
  rng: Rng,
): number {
  const eligible = lowerBound(all, child);
  if (eligible === 0) throw new Error("synthetic/graph: no parent created before child " + child);
  const total = fen.prefix(eligible);
  const taken = (p: number) => {
    for (let s = offsets[child]; s < offsets[child + 1]; s++) if (parents[s] === p) return true;
    return false;
  };
  for (let attempt = 0; attempt < 32; attempt++) {
    const p = total > 0 ? all[fen.find(rng() * total)] : all[rng.int(eligible)];
    if (!taken(p) && (want < 0 || attempt >= 16 || archetype[p] === want)) return p;
  }
  for (let k = eligible - 1; k >= 0; k--) if (!taken(all[k])) return all[k];
  throw new Error("synthetic/graph: not enough distinct parents before child " + child);
}
