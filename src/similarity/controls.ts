// Kinship controls: baselines for "related models are more alike than random pairs" (docs/methods.md §4.1 "The paper's
// three claims") that hold family and organisation fixed. Each draws pairs uniformly among all pairs of its kind:
//
//   any               two distinct models (the paper's random pair; the same draws as `rando_1`)
//   same-family       two models of one family (weakly connected component of the graph), at any distance
//   same-organisation two models of one organisation (the id's part before "/") in different families
//   across-families   two models of different families
//
// A pair is drawn as a first model a with weight w(a) = the number of partners it has, then a uniform partner, so
// every unordered pair has probability 2 / Σ w. Models are sorted by (group, subgroup) so that "a partner outside a's
// block" is one index draw: j = int(total − block); j ≥ block start → j + block size.
import type { LineageGraph } from "../lineage/graph";
import { lineageFamilies } from "../lineage/families";
import type { Rng } from "../random";
import { sortedByKey } from "../typedArrays";
import { kinshipConfig, type KinshipConfig } from "./kinship";
import type { KinshipSample } from "./sample";

/** A kinship control: `KINSHIP_CONTROLS[1] === "same-family"`. */
export type KinshipControl = "any" | "same-family" | "same-organisation" | "across-families";

/** Every control, the paper's random pair first: `for (const c of KINSHIP_CONTROLS) ...`. */
export const KINSHIP_CONTROLS: readonly KinshipControl[] = [
  "any",
  "same-family",
  "same-organisation",
  "across-families",
];

/** Short labels: `CONTROL_LABELS["same-organisation"]`. */
export const CONTROL_LABELS: Readonly<Record<KinshipControl, string>> = {
  any: "random pair (any)",
  "same-family": "random pair, same family",
  "same-organisation": "random pair, same organisation, other family",
  "across-families": "random pair, different families",
};

/**
 * The configuration a control's pairs are scored and keyed under: "any" is `rando_1` itself; the others are random
 * pairs keyed `control_<name>`. Example: `controlConfig("same-family").key` is "control_same_family".
 */
export function controlConfig(control: KinshipControl): KinshipConfig {
  if (control === "any") return kinshipConfig("rando_1");
  const key = `control_${control.replace(/-/g, "_")}`;
  return {
    key,
    pattern: "rando",
    config: 1,
    pair: ["a", "b"],
    kinship: "random",
    generationsApart: null,
    label: CONTROL_LABELS[control],
  };
}

/** Families and organisations of every node, as integer codes. */
export interface ControlGroups {
  family: Int32Array;
  /** Organisation per node; an id without "/" is an organisation of its own. */
  organisation: Int32Array;
}

const groupCache = new WeakMap<LineageGraph, ControlGroups>();

/** The families (of this graph) and organisations (from the ids) of every node: `controlGroups(finetune).family`. */
export function controlGroups(graph: LineageGraph): ControlGroups {
  let groups = groupCache.get(graph);
  if (groups) return groups;
  const ids = graph.ids.toArray() as string[];
  const codes = new Map<string, number>();
  const organisation = new Int32Array(ids.length);
  ids.forEach((id, v) => {
    const slash = id.indexOf("/");
    const org = slash < 0 ? `\u0000${v}` : id.slice(0, slash);
    let code = codes.get(org);
    if (code === undefined) codes.set(org, (code = codes.size));
    organisation[v] = code;
  });
  groups = { family: lineageFamilies(graph).familyOf, organisation };
  groupCache.set(graph, groups);
  return groups;
}

/** One more than the largest code of a group array (codes are non-negative). */
function codeRange(codes: Int32Array): number {
  let top = -1;
  for (let v = 0; v < codes.length; v++) {
    if (codes[v] < 0) throw new Error(`similarity/controls: node ${v} has the negative group code ${codes[v]}`);
    if (codes[v] > top) top = codes[v];
  }
  return top + 1;
}

/** Nodes sorted by (major, minor) with the block of each node at both levels. */
interface Blocks {
  order: Int32Array;
  /** Position of each node in `order`. */
  position: Int32Array;
  majorStart: Int32Array;
  majorSize: Int32Array;
  minorStart: Int32Array;
  minorSize: Int32Array;
}

function blocks(major: Int32Array, minor: Int32Array): Blocks {
  const n = major.length;
  // by (major, minor, node): two stable counting sorts, minor first (a comparator sort took 2-4 s at 1.86M nodes)
  const identity = new Int32Array(n);
  for (let v = 0; v < n; v++) identity[v] = v;
  const order = sortedByKey(sortedByKey(identity, minor, codeRange(minor)), major, codeRange(major));
  const position = new Int32Array(n);
  const majorStart = new Int32Array(n),
    majorSize = new Int32Array(n),
    minorStart = new Int32Array(n),
    minorSize = new Int32Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && major[order[j]] === major[order[i]]) j++;
    for (let k = i; k < j; ) {
      let m = k;
      while (m < j && minor[order[m]] === minor[order[k]]) m++;
      for (let x = k; x < m; x++) {
        const v = order[x];
        position[v] = x;
        majorStart[v] = i;
        majorSize[v] = j - i;
        minorStart[v] = k;
        minorSize[v] = m - k;
      }
      k = m;
    }
    i = j;
  }
  return { order, position, majorStart, majorSize, minorStart, minorSize };
}

/** How many partners node v has under a control, and a uniform one of them. */
interface PairRule {
  weight(v: number): number;
  partner(v: number, rng: Rng): number;
}

function pairRule(control: KinshipControl, graph: LineageGraph, groups: ControlGroups): PairRule {
  const n = graph.nodeCount;
  if (control === "same-organisation") {
    const b = blocks(groups.organisation, groups.family);
    return {
      weight: (v) => b.majorSize[v] - b.minorSize[v],
      partner: (v, rng) => {
        let j = b.majorStart[v] + rng.int(b.majorSize[v] - b.minorSize[v]);
        if (j >= b.minorStart[v]) j += b.minorSize[v];
        return b.order[j];
      },
    };
  }
  const zero = new Int32Array(n);
  const b = blocks(groups.family, zero);
  if (control === "same-family")
    return {
      weight: (v) => b.majorSize[v] - 1,
      partner: (v, rng) => {
        let j = b.majorStart[v] + rng.int(b.majorSize[v] - 1);
        if (j >= b.position[v]) j++;
        return b.order[j];
      },
    };
  return {
    weight: (v) => n - b.majorSize[v],
    partner: (v, rng) => {
      let j = rng.int(n - b.majorSize[v]);
      if (j >= b.majorStart[v]) j += b.majorSize[v];
      return b.order[j];
    },
  };
}

/**
 * Draws n pairs of one control; "any" draws exactly as `rando_1` does, so with the same generator it gives the same
 * pairs. Example: `sampleControl(finetune, "same-family", 5000, rng.fork("control_same_family"))`.
 */
export function sampleControl(
  graph: LineageGraph,
  control: KinshipControl,
  n: number,
  rng: Rng,
  groups: ControlGroups = controlGroups(graph),
): KinshipSample {
  const config = controlConfig(control);
  const nodes = graph.nodeCount;
  if (control === "any") {
    const a = new Int32Array(nodes >= 2 ? n : 0),
      b = new Int32Array(a.length);
    for (let i = 0; i < a.length; i++) {
      a[i] = rng.int(nodes);
      let other = rng.int(nodes - 1);
      if (other >= a[i]) other++;
      b[i] = other;
    }
    return { config, a, b, instances: nodes >= 2 ? (nodes * (nodes - 1)) / 2 : 0 };
  }
  const rule = pairRule(control, graph, groups);
  const cumulative = new Float64Array(nodes);
  let total = 0;
  for (let v = 0; v < nodes; v++) cumulative[v] = total += rule.weight(v);
  const a = new Int32Array(total > 0 ? n : 0),
    b = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const target = rng() * total;
    let lo = 0,
      hi = nodes - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    a[i] = lo;
    b[i] = rule.partner(lo, rng);
  }
  return { config, a, b, instances: total / 2 };
}
