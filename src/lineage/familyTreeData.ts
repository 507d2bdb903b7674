// The nodes and edges of one family for drawing it as a tree (the paper's Figure 3 style, docs/methods.md §5
// Figure-3): the family of any model (family.ts), laid out along each node's first parent, with the edges to further
// parents (merges) kept apart, and a cap on how many models are drawn.
import { familyOf } from "./family";
import { nodeId, type LineageGraph } from "./graph";
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
 * The family of `modelId` as a drawable tree (`familyOf` cut to `maxNodes`), nodes in breadth-first order, with the
 * edges to further parents among the drawn models. Example: `familyTreeData(full, "google/gemma-7b")`.
 */
export function familyTreeData(graph: LineageGraph, modelId: string, options: FamilyTreeOptions = {}): FamilyTreeData {
  const family = familyOf(graph, modelId, { max: options.maxNodes ?? 1500 });
  const byBreadth = Array.from(family.nodes.keys()).sort((i, j) => family.breadthRank[i] - family.breadthRank[j]);
  const drawn = new Set(family.nodes);
  const nodes: TreeNode[] = byBreadth.map((i) => ({
    id: family.ids[i],
    parent: family.parent[i] < 0 ? null : family.ids[family.parent[i]],
    relation: family.edge[i] < 0 ? null : EDGE_TYPE_BY_CODE[graph.edgeType[family.edge[i]]],
    downloads: options.downloads?.[family.nodes[i]] ?? 0,
    generation: family.depth[i],
  }));
  const treeEdges = new Set(family.edge);
  const extraEdges: ExtraEdge[] = [];
  for (const i of byBreadth) {
    const v = family.nodes[i];
    for (let e = graph.childStart[v]; e < graph.childStart[v + 1]; e++) {
      const c = graph.edgeChild[e];
      if (drawn.has(c) && !treeEdges.has(e))
        extraEdges.push({
          source: nodeId(graph, v),
          target: nodeId(graph, c),
          relation: EDGE_TYPE_BY_CODE[graph.edgeType[e]],
        });
    }
  }
  return { root: nodeId(graph, family.root), nodes, extraEdges, treeSize: family.size, truncated: family.truncated };
}
