// Kinship sampling (docs/methods.md §4.1 "Sampling of local structures"; data/reference/README.md §9.3; the authors'
// sample_helpers.py): for each configuration, draw n anchors of its pattern with probability proportional to their
// multiplicity (kinship.ts), complete a uniformly random instance around each anchor, and keep the compared pair.
// The weights are those whose sums `subgraphPatternTotals` (lineage/patterns.ts) reports.
//
// Each configuration draws anew from its own stream `rng.fork(<key>)`, as the authors call their sampler once per
// configuration, so one configuration's pairs do not depend on which others are drawn.
// NOTE: anchors are drawn by binary search over cumulative weights (the authors scan linearly), so n draws cost
// n·log(anchors) whatever the graph's size.
import type { LineageGraph } from "../lineage/graph";
import type { Rng } from "../random";
import { KINSHIP_CONFIGS, type KinshipConfig, type PatternName } from "./kinship";
import { type KinshipControl, controlConfig, sampleControl } from "./controls";

/** Anchors of one pattern: node or edge ids with cumulative multiplicity weights. */
export interface AnchorTable {
  pattern: PatternName;
  /** Node ids (trio_1, quad_0) or edge ids (the rest); empty for rando, which draws nodes uniformly. */
  anchors: Int32Array;
  cumulative: Float64Array;
  /** Sum of the weights: the pattern's total number of instances. */
  total: number;
}

/** The pairs drawn for one configuration: pair i is (a[i], b[i]), node ids of the graph. */
export interface KinshipSample {
  config: KinshipConfig;
  a: Int32Array;
  b: Int32Array;
  /** Instances of the pattern in the graph (0: nothing could be drawn). */
  instances: number;
}

/** Options of `sampleKinship`. */
export interface SampleOptions {
  /** Pairs drawn per configuration [5000, the paper's n]. */
  n?: number;
  /** Seeded generator (style point 10); each configuration uses `rng.fork(config.key)`. */
  rng: Rng;
  /** Configurations to draw [all 24]. */
  configs?: readonly KinshipConfig[];
  /** Kinship controls drawn after the configurations, each from `rng.fork(controlConfig(c).key)` [none]. */
  controls?: readonly KinshipControl[];
}

const anchorCache = new WeakMap<LineageGraph, Map<PatternName, AnchorTable>>();

/** The anchor table of a pattern in a graph (cached per graph): `anchorTable(finetune, "quad_3").total`. */
export function anchorTable(graph: LineageGraph, pattern: PatternName): AnchorTable {
  let byPattern = anchorCache.get(graph);
  if (!byPattern) anchorCache.set(graph, (byPattern = new Map()));
  let table = byPattern.get(pattern);
  if (!table) byPattern.set(pattern, (table = buildAnchors(graph, pattern)));
  return table;
}

function buildAnchors(graph: LineageGraph, pattern: PatternName): AnchorTable {
  const k = (v: number) => graph.childStart[v + 1] - graph.childStart[v];
  const hasParent = (v: number) => graph.parentStart[v + 1] > graph.parentStart[v];
  let weight: (id: number) => number;
  let count: number;
  switch (pattern) {
    case "rando":
      return {
        pattern,
        anchors: new Int32Array(0),
        cumulative: new Float64Array(0),
        total: graph.nodeCount >= 2 ? (graph.nodeCount * (graph.nodeCount - 1)) / 2 : 0,
      };
    case "trio_1":
    case "quad_0":
      count = graph.nodeCount;
      weight = pattern === "trio_1" ? (u) => (k(u) * (k(u) - 1)) / 2 : (u) => (k(u) * (k(u) - 1) * (k(u) - 2)) / 6;
      break;
    default: {
      count = graph.edgeCount;
      const kv = (e: number) => k(graph.edgeChild[e]);
      const ku = (e: number) => k(graph.edgeParent[e]);
      weight = {
        duo: () => 1,
        trio_2: kv,
        quad_1: (e: number) => (kv(e) * (kv(e) - 1)) / 2,
        quad_2: (e: number) => (ku(e) >= 2 ? kv(e) * (ku(e) - 1) : 0),
        quad_3: (e: number) => (hasParent(graph.edgeParent[e]) ? kv(e) : 0),
      }[pattern as "duo" | "trio_2" | "quad_1" | "quad_2" | "quad_3"];
    }
  }
  const ids: number[] = [];
  const cum: number[] = [];
  let total = 0;
  for (let id = 0; id < count; id++) {
    const w = weight(id);
    if (w <= 0) continue;
    total += w;
    ids.push(id);
    cum.push(total);
  }
  return { pattern, anchors: Int32Array.from(ids), cumulative: Float64Array.from(cum), total };
}

/** An anchor drawn with probability weight / total (first cumulative weight above a uniform draw). */
function drawAnchor(table: AnchorTable, rng: Rng): number {
  const target = rng() * table.total;
  const cum = table.cumulative;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return table.anchors[lo];
}

/**
 * Draws `n` pairs for each configuration. Example:
 * `sampleKinship(lineageVariant(full, "finetune"), { n: 5000, rng: createRng(settings.seed).fork("pairs") })`.
 */
export function sampleKinship(graph: LineageGraph, options: SampleOptions): KinshipSample[] {
  const n = options.n ?? 5000;
  if (!Number.isInteger(n) || n < 0) throw new Error(`similarity/sample: n must be a non-negative integer, got ${n}`);
  const drawn = (options.configs ?? KINSHIP_CONFIGS).map((config) =>
    sampleConfig(graph, config, n, options.rng.fork(config.key)),
  );
  for (const control of options.controls ?? [])
    drawn.push(sampleControl(graph, control, n, options.rng.fork(controlConfig(control).key)));
  return drawn;
}

/** Draws n pairs of one configuration: `sampleConfig(finetune, kinshipConfig("trio_1_2"), 5000, rng)`. */
export function sampleConfig(graph: LineageGraph, config: KinshipConfig, n: number, rng: Rng): KinshipSample {
  const table = anchorTable(graph, config.pattern);
  const a = new Int32Array(table.total > 0 ? n : 0);
  const b = new Int32Array(a.length);
  const { childStart, edgeChild, edgeParent, parentStart, parentEdge } = graph;
  const k = (v: number) => childStart[v + 1] - childStart[v];
  const child = (v: number) => edgeChild[childStart[v] + rng.int(k(v))];
  /** A child of v other than the one at CSR position `skip` (an edge id). */
  const otherChild = (v: number, skip: number) => {
    let j = rng.int(k(v) - 1);
    if (j >= skip - childStart[v]) j++;
    return edgeChild[childStart[v] + j];
  };
  /** Two distinct children of v. */
  const twoChildren = (v: number): [number, number] => {
    const i = rng.int(k(v));
    let j = rng.int(k(v) - 1);
    if (j >= i) j++;
    return [edgeChild[childStart[v] + i], edgeChild[childStart[v] + j]];
  };
  const parent = (v: number) => edgeParent[parentEdge[parentStart[v] + rng.int(parentStart[v + 1] - parentStart[v])]];
  for (let i = 0; i < a.length; i++) {
    const roles: Record<string, number> = {};
    if (config.pattern === "rando") {
      roles.a = rng.int(graph.nodeCount);
      let other = rng.int(graph.nodeCount - 1);
      if (other >= roles.a) other++;
      roles.b = other;
    } else if (config.pattern === "trio_1" || config.pattern === "quad_0") {
      const u = drawAnchor(table, rng);
      roles.u = u;
      [roles.v, roles.w] = twoChildren(u);
    } else {
      const e = drawAnchor(table, rng);
      const u = edgeParent[e];
      const v = edgeChild[e];
      roles.u = u;
      roles.v = v;
      if (config.pattern === "trio_2" || config.pattern === "quad_2" || config.pattern === "quad_3") roles.w = child(v);
      if (config.pattern === "quad_1") [roles.w, roles.x] = twoChildren(v);
      if (config.pattern === "quad_2") roles.x = otherChild(u, e);
      if (config.pattern === "quad_3") roles.t = parent(u);
    }
    a[i] = roles[config.pair[0]];
    b[i] = roles[config.pair[1]];
  }
  return { config, a, b, instances: table.total };
}
