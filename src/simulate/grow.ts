// Grows a simulated ecosystem in typed arrays (docs/methods.md §4.3): one model at a time, in creation order, so every
// parent is older than its child and the lineage is a forest (plus the merges' second parents).
//
//   model i     root with probability rootShare; else a relation r from relationMix and a parent p:
//               uniform among models 0..i-1 with probability `attachment` (a candidate kept with its fertility),
//               else the parent end of a uniformly drawn earlier edge, i.e. in proportion to children already had
//   merge       a second, distinct parent drawn the same way
//   names       organisation of the parent with probability sameOrganisation, else a uniform one; family = root
//   trait       a root lists one with probability `presence`, drawn from the marginal; a child of a parent without
//               it with probability `gained`; a child of a parent with it keeps listing it with probability `kept`
//               and then copies the parent's value with probability h(r), otherwise makes one mutation attempt:
//               propose w from the marginal, keep u when w = u, accept w with σ(u, w) (1 downstream of u in the
//               hidden ordering, (1 − q)/q upstream, mirrored for q < 1/2)
//
// Per pair of values u before w the flows are then in the odds q : (1 − q), so q = 1/2 is a world with no direction
// and the marginal stays put. h(r) = 1 − rate(r) / M(q), where M(q) is the probability that an attempt moves
// (moveProbability): the expected mutation rate of an edge then equals the target `rates[r]` when M(q) allows it.
// The tree draws from `rng.fork("tree")` and each trait from its own stream, so two runs that differ only in q or in
// the traits share their trees. NOTE: no JS object per model. At the paper's 1,860,411 models (paper calibration) the
// tree alone grows in about 0.3 s, the tree and the four traits in about 1.5 s; `make bench`, stage simulate-full,
// times the growth together with writing the snapshot table.
import { RELATIONS, type Relation } from "../data/tags";
import { createRng, type Rng } from "../random";
import {
  type SimTrait,
  type SimTraitParams,
  type SimulatorParams,
  SIM_TRAITS,
  checkSimulatorParams,
  directionFactors,
  hiddenOrdering,
  moveProbability,
} from "./params";

/** One grown trait: the value of every model (−1: the model does not list it), and the hidden ordering. */
export interface SimulatedTrait {
  trait: SimTrait;
  values: string[];
  /** Index into `values` per model, −1 where the model lists nothing. */
  value: Int32Array;
  /** Hidden ordering, upstream first (value indices). */
  ordering: number[];
  /** Inheritance probability used per relation. */
  inherit: Record<Relation, number>;
  /** False where the target mutation rate exceeds what one attempt can reach at this q (then h = 0). */
  reachable: Record<Relation, boolean>;
}

/** A grown ecosystem: `growEcosystem(params, 1).parent[i]` is model i's parent (−1 for a root). */
export interface SimulatedEcosystem {
  params: SimulatorParams;
  seed: number | string;
  n: number;
  /** First parent per model, −1 for roots. */
  parent: Int32Array;
  /** Second parent of a merge, else −1. */
  parent2: Int32Array;
  /** Index into RELATIONS of the edge into the model, −1 for roots. */
  relation: Int8Array;
  organisation: Int32Array;
  /** The root each model descends from through its first parent. */
  family: Int32Array;
  traits: Partial<Record<SimTrait, SimulatedTrait>>;
}

/** Index drawn from cumulative weights by binary search (first cumulative above u · total). */
function cumulativeDraw(cumulative: Float64Array, rng: Rng): number {
  const target = rng() * cumulative[cumulative.length - 1];
  let lo = 0,
    hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function cumulativeOf(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => {
    s += w;
    out[i] = s;
  });
  return out;
}

/** Grows the lineage: parents, relations, organisations and families. */
function growTree(p: SimulatorParams, rng: Rng) {
  const n = p.n;
  const parent = new Int32Array(n).fill(-1),
    parent2 = new Int32Array(n).fill(-1),
    relation = new Int8Array(n).fill(-1),
    organisation = new Int32Array(n),
    family = new Int32Array(n);
  const organisations = Math.max(1, Math.round(p.organisationShare * n));
  const mix = cumulativeOf(RELATIONS.map((r) => p.relationMix[r]));
  const maxFertility = Math.max(...Object.values(p.fertility), 1e-300);
  const keep = new Float64Array(RELATIONS.length + 1); // index relation + 1; 0 = root
  keep[0] = (p.fertility.root ?? 1) / maxFertility;
  RELATIONS.forEach((r, k) => {
    keep[k + 1] = (p.fertility[r] ?? 1) / maxFertility;
  });
  const ends = new Int32Array(2 * n);
  let edges = 0;
  const pick = (i: number): number => {
    if (edges === 0 || rng() < p.attachment) {
      let c = 0;
      for (let tries = 0; tries < 64; tries++) {
        c = rng.int(i);
        const f = keep[relation[c] + 1];
        if (f >= 1 || rng() < f) return c;
      }
      return c;
    }
    return ends[rng.int(edges)];
  };
  for (let i = 0; i < n; i++) {
    if (i === 0 || rng() < p.rootShare) {
      organisation[i] = rng.int(organisations);
      family[i] = i;
      continue;
    }
    const r = cumulativeDraw(mix, rng);
    const first = pick(i);
    parent[i] = first;
    relation[i] = r;
    ends[edges++] = first;
    if (RELATIONS[r] === "merge" && i > 1) {
      for (let tries = 0; tries < 8; tries++) {
        const second = pick(i);
        if (second !== first) {
          parent2[i] = second;
          ends[edges++] = second;
          break;
        }
      }
    }
    organisation[i] = rng() < p.sameOrganisation ? organisation[first] : rng.int(organisations);
    family[i] = family[first];
  }
  return { parent, parent2, relation, organisation, family };
}

/** P(one attempt moves | parent value u) for every u: Σ_{w≠u} f(w)·σ(u, w). */
function moveByValue(t: SimTraitParams, rank: Int32Array, q: number): Float64Array {
  const total = t.weights.reduce((s, w) => s + w, 0);
  const [down, up] = directionFactors(q);
  return Float64Array.from(t.values, (_, u) => {
    let m = 0;
    t.weights.forEach((w, x) => {
      if (x !== u) m += (w / total) * (rank[x] > rank[u] ? down : up);
    });
    return m;
  });
}

/** Inheritance per relation meeting each target rate, given the mean move probability of the parents' values. */
function inheritance(t: SimTraitParams, move: readonly number[]) {
  const inherit = {} as Record<Relation, number>;
  const reachable = {} as Record<Relation, boolean>;
  RELATIONS.forEach((r, k) => {
    const given = t.inherit?.[r];
    if (given !== undefined) {
      inherit[r] = given;
      reachable[r] = true;
      return;
    }
    const rate = t.rates[r];
    reachable[r] = rate <= move[k] + 1e-12;
    inherit[r] = move[k] > 0 ? Math.min(1, Math.max(0, 1 - rate / move[k])) : 1;
  });
  return { inherit, reachable };
}

/** One pass down the tree with inheritance h per relation; returns the values and the parents' mean move chance. */
function traitPass(
  t: SimTraitParams,
  tree: ReturnType<typeof growTree>,
  rank: Int32Array,
  moveOf: Float64Array,
  h: readonly number[],
  q: number,
  rng: Rng,
): { value: Int32Array; move: number[] } {
  const cumulative = cumulativeOf(t.weights);
  const [down, up] = directionFactors(q);
  const n = tree.parent.length;
  const value = new Int32Array(n);
  const moveSum = new Float64Array(RELATIONS.length),
    edges = new Float64Array(RELATIONS.length);
  const kept = t.kept ?? 1,
    gained = t.gained ?? t.presence;
  for (let i = 0; i < n; i++) {
    const p = tree.parent[i];
    if (p < 0) {
      value[i] = rng() < t.presence ? cumulativeDraw(cumulative, rng) : -1;
      continue;
    }
    const pv = value[p];
    if (pv < 0) {
      value[i] = rng() < gained ? cumulativeDraw(cumulative, rng) : -1;
      continue;
    }
    if (kept < 1 && rng() >= kept) {
      value[i] = -1;
      continue;
    }
    const r = tree.relation[i];
    moveSum[r] += moveOf[pv];
    edges[r]++;
    if (rng() < h[r]) {
      value[i] = pv;
      continue;
    }
    const w = cumulativeDraw(cumulative, rng);
    const factor = rank[w] > rank[pv] ? down : up;
    value[i] = w !== pv && (factor >= 1 || rng() < factor) ? w : pv;
  }
  return { value, move: RELATIONS.map((_, k) => (edges[k] ? moveSum[k] / edges[k] : Number.NaN)) };
}

/**
 * Grows one trait down the tree. The inheritance that meets the target rates depends on the parents' values, which
 * depend on the inheritance, so it is set from the marginal first and corrected twice from the parents of the
 * previous pass (each pass replays the same random stream).
 */
function growTrait(
  trait: SimTrait,
  t: SimTraitParams,
  tree: ReturnType<typeof growTree>,
  q: number,
  streams: Rng,
): SimulatedTrait {
  const ordering = hiddenOrdering(t, streams.fork(`ordering/${trait}`));
  const rank = new Int32Array(t.values.length);
  ordering.forEach((v, i) => {
    rank[v] = i;
  });
  const moveOf = moveByValue(t, rank, q);
  const marginal = moveProbability(t.weights, ordering, q);
  let move = RELATIONS.map(() => marginal);
  let pass: { value: Int32Array; move: number[] } | undefined;
  let chosen = inheritance(t, move);
  for (let round = 0; round < 3; round++) {
    chosen = inheritance(t, move);
    pass = traitPass(
      t,
      tree,
      rank,
      moveOf,
      RELATIONS.map((r) => chosen.inherit[r]),
      q,
      streams.fork(`trait/${trait}`),
    );
    move = pass.move.map((m, k) => (Number.isNaN(m) ? move[k] : m));
  }
  return { trait, values: t.values.slice(), value: pass!.value, ordering, ...chosen };
}

/**
 * Grows an ecosystem from parameters and a seed, in typed arrays. Example:
 * `growEcosystem(paperSimulatorParams({ n: 200_000 }), 1).traits.licenses!.ordering`.
 */
export function growEcosystem(params: SimulatorParams, seed: number | string = 1): SimulatedEcosystem {
  checkSimulatorParams(params);
  const streams = createRng(seed).fork("simulate");
  const tree = growTree(params, streams.fork("tree"));
  const traits: Partial<Record<SimTrait, SimulatedTrait>> = {};
  for (const trait of SIM_TRAITS) {
    const t = params.traits[trait];
    if (t) traits[trait] = growTrait(trait, t, tree, params.q, streams);
  }
  return { params, seed, n: params.n, ...tree, traits };
}
