// One family as a tree (docs/methods.md §3.4, §5 Figure-3), in d3-hierarchy's spirit: climb first parents from any
// member to its root, keep members breadth first from the root up to a cap, and lay them out depth first (children in
// row order). The tree drawing (familyTreeData.ts) and the similarity matrix (similarity/familyMatrix.ts) both read a
// family through `familyOf`; a family larger than the cap is cut to the breadth-first subtree of the root, and says so.
import { nodeOf, parentsOf, type LineageGraph } from "./graph";

/** A family laid out as a tree: position i holds `nodes[i]`; parent, depth and relation are per position. */
export interface Family {
  /** The root node (no parent, or the first repeated node when climbing first parents). */
  root: number;
  /** Members in depth-first preorder from the root, children in row order. */
  nodes: Int32Array;
  /** Position of each member's tree parent (-1 for the root): its first parent reached breadth first. */
  parent: Int32Array;
  /** Generations below the root. */
  depth: Int32Array;
  /** Edge index (in the graph) of each member's tree edge; -1 for the root. */
  edge: Int32Array;
  /** Rank of each position in breadth-first order (the order in which the cap keeps members). */
  breadthRank: Int32Array;
  /** Model ids, by position. */
  ids: string[];
  /** Models in the root's whole tree: the root and every descendant in this graph, uncapped. */
  size: number;
  /** True when the tree was cut to `max` members. */
  truncated: boolean;
}

/** Options of `familyOf`. */
export interface FamilyOptions {
  /** Most members kept, breadth first from the root [all]. */
  max?: number;
}

/** The root of a model's family: climbs first parents until a node has none (or one repeats): `familyRootOf(g, v)`. */
export function familyRootOf(graph: LineageGraph, node: number): number {
  let root = node;
  const climbed = new Set([root]);
  for (let p = parentsOf(graph, root); p.length > 0 && !climbed.has(p[0]); p = parentsOf(graph, root))
    climbed.add((root = p[0]));
  return root;
}

/**
 * The family of a model (id or node) as a tree, cut to `max` members breadth first from its root.
 * Example: `familyOf(finetune, "Qwen/Qwen1.5-72B", { max: 40 }).ids`.
 */
export function familyOf(graph: LineageGraph, model: string | number, options: FamilyOptions = {}): Family {
  const max = options.max ?? Number.POSITIVE_INFINITY;
  if (!(max >= 1)) throw new Error(`lineage/family: max must be at least 1, got ${max}`);
  const root = familyRootOf(graph, typeof model === "number" ? model : nodeOf(graph, model));
  const treeEdge = new Map<number, number>([[root, -1]]);
  const breadth = [root];
  for (let head = 0; head < breadth.length && treeEdge.size < max; head++) {
    const v = breadth[head];
    for (let e = graph.childStart[v]; e < graph.childStart[v + 1] && treeEdge.size < max; e++) {
      const c = graph.edgeChild[e];
      if (treeEdge.has(c)) continue;
      treeEdge.set(c, e);
      breadth.push(c);
    }
  }
  const size = eachDescendant(graph, root, () => {});
  return layOut(graph, root, treeEdge, breadth, size);
}

/** Depth-first preorder over the kept members (explicit stack; children pushed in reverse to pop in row order). */
function layOut(
  graph: LineageGraph,
  root: number,
  treeEdge: Map<number, number>,
  breadth: number[],
  size: number,
): Family {
  const n = breadth.length;
  const rank = new Map(breadth.map((v, i) => [v, i]));
  const nodes = new Int32Array(n),
    parent = new Int32Array(n),
    depth = new Int32Array(n),
    edge = new Int32Array(n);
  const breadthRank = new Int32Array(n);
  const position = new Map<number, number>();
  const stack: number[] = [root];
  for (let i = 0; stack.length > 0; i++) {
    const v = stack.pop()!;
    const e = treeEdge.get(v)!;
    position.set(v, i);
    nodes[i] = v;
    edge[i] = e;
    parent[i] = e < 0 ? -1 : position.get(graph.edgeParent[e])!;
    depth[i] = e < 0 ? 0 : depth[parent[i]] + 1;
    breadthRank[i] = rank.get(v)!;
    for (let k = graph.childStart[v + 1] - 1; k >= graph.childStart[v]; k--) {
      if (treeEdge.get(graph.edgeChild[k]) === k) stack.push(graph.edgeChild[k]);
    }
  }
  const ids = Array.from(nodes, (v) => String(graph.ids.get(v)));
  return { root, nodes, parent, depth, edge, breadthRank, ids, size, truncated: n < size };
}

/**
 * Visits a root and every descendant once, breadth first (children in row order), with its generations below the
 * root (the shortest path). Example: `eachDescendant(g, root, (v, depth) => { deepest = Math.max(deepest, depth); })`.
 */
export function eachDescendant(
  graph: LineageGraph,
  root: number,
  visit: (node: number, depth: number) => void,
): number {
  const depthOf = new Map<number, number>([[root, 0]]);
  const queue = [root];
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head];
    const d = depthOf.get(u)!;
    visit(u, d);
    for (let e = graph.childStart[u]; e < graph.childStart[u + 1]; e++) {
      const w = graph.edgeChild[e];
      if (!depthOf.has(w)) {
        depthOf.set(w, d + 1);
        queue.push(w);
      }
    }
  }
  return queue.length;
}
