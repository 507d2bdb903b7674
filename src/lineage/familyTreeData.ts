// The nodes and edges of one family for drawing it as a tree (the paper's Figure 3 style,
// docs/methods.md §5): any model's root (followed up first parents) and all its descendants, laid out
// along each node's first parent, with the edges to further parents (merges) kept apart, and a cap
// on how many models are drawn.
import { childrenOf, nodeId, nodeOf, parentsOf, type LineageGraph } from "./graph";
import { EDGE_TYPE_BY_CODE } from "./relations";

/** A drawn model: its tree parent (first parent within the drawing) and the relation of that edge. */
export interface TreeNode {
  id: string;
  parent: string | null;
  relation: string | null;
  downloads: number;
  generation: number;
}

/** An edge to a further parent (e.g. a merge's second parent), drawn on top of the tree. */
export interface ExtraEdge {
  source: string;
  target: string;
  relation: string;
}

/** What `familyTreeData` returns: the drawn part of the family and how much of it that is. */
export interface FamilyTreeData {
  root: string;
  nodes: TreeNode[];
  extraEdges: ExtraEdge[];
  /**
   * Models in the root's whole tree: the root and every descendant through any relation. With merges this can
   * exceed the root's family in the no-merges graph (merges join families), and it leaves out the other roots
   * of a family with several.
   */
  treeSize: number;
  /** True when the tree was cut to `maxNodes`. */
  truncated: boolean;
}

/** Options of `familyTreeData`. */
export interface FamilyTreeOptions {
  /** Most models drawn; larger families are cut breadth-first from the root [1500]. */
  maxNodes?: number;
  /** downloads per node (row order), for node sizes. */
  downloads?: ArrayLike<number>;
}

/**
 * The family of `modelId` as a drawable tree: climbs first parents to a root, then walks children
 * breadth-first (in row order) until `maxNodes`. Example: `familyTreeData(full, "google/gemma-7b")`.
 */
export function familyTreeData(graph: LineageGraph, modelId: string, options: FamilyTreeOptions = {}): FamilyTreeData {
  const maxNodes = options.maxNodes ?? 1500;
  const start = nodeOf(graph, modelId);
  let root = start;
  const onPath = new Set<number>([root]);
  for (let p = parentsOf(graph, root); p.length > 0 && !onPath.has(p[0]); p = parentsOf(graph, root)) {
    root = p[0];
    onPath.add(root);
  }
  const size = treeSize(graph, root);
  const placed = new Map<number, TreeNode>();
  const extraEdges: ExtraEdge[] = [];
  const queue = [root];
  placed.set(root, { id: nodeId(graph, root), parent: null, relation: null, downloads: options.downloads?.[root] ?? 0, generation: 0 });
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    const e0 = graph.childStart[v];
    const children = childrenOf(graph, v);
    children.forEach((c, k) => {
      const relation = EDGE_TYPE_BY_CODE[graph.edgeType[e0 + k]];
      if (placed.has(c)) {
        extraEdges.push({ source: nodeId(graph, v), target: nodeId(graph, c), relation });
      } else if (placed.size < maxNodes) {
        placed.set(c, { id: nodeId(graph, c), parent: nodeId(graph, v), relation, downloads: options.downloads?.[c] ?? 0, generation: placed.get(v)!.generation + 1 });
        queue.push(c);
      }
    });
  }
  const drawn = new Set([...placed.values()].map((n) => n.id));
  return {
    root: nodeId(graph, root),
    nodes: [...placed.values()],
    extraEdges: extraEdges.filter((e) => drawn.has(e.source) && drawn.has(e.target)),
    treeSize: size,
    truncated: placed.size < size,
  };
}

/** The root and all its descendants through any relation, counted without a cap (explicit stack, no recursion). */
function treeSize(graph: LineageGraph, root: number): number {
  const seen = new Set<number>([root]);
  const stack = [root];
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (const w of childrenOf(graph, u)) {
      if (!seen.has(w)) {
        seen.add(w);
        stack.push(w);
      }
    }
  }
  return seen.size;
}
