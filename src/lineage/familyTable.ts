// One row per family with its name, roots, size, depth and relation mix (docs/methods.md §3.4, §5 "Size of Largest
// Families"), and the distributions the paper never printed (docs/methods.md §7 open question 4): family size, family
// depth and children per parent.
import pl from "nodejs-polars";
import { type Families, countValues, familyNameNode, lineageFamilies } from "./families";
import { type GenerationRule, familyDepths, lineageGenerations } from "./generations";
import type { LineageGraph } from "./graph";
import { modelIds } from "./nodeColumns";
import { childrenPerParentHistogram } from "./patterns";
import { EDGE_TYPE_BY_CODE } from "./relations";

/** Options of familyTable and lineageDistributions: `familyTable(g, { generationRule: "shortest" })`. */
export interface FamilyTableOptions {
  /** Families of the graph, when already computed [lineageFamilies(graph)]. */
  families?: Families;
  /** Generation rule for depths ["longest"]. */
  generationRule?: GenerationRule;
}

/**
 * Families sorted by size (largest first, ties by first node): family, name (the authors' rule), name_is_root,
 * first_root, roots (count), size, depth, edges, and edges per effective type (finetune … merge, none):
 * `familyTable(nomerges).head(10)`.
 */
export function familyTable(graph: LineageGraph, options: FamilyTableOptions = {}): pl.DataFrame {
  const families = options.families ?? lineageFamilies(graph);
  const F = families.count;
  const depth = familyDepths(families, lineageGenerations(graph, options.generationRule ?? "longest"));
  const nameNode = new Int32Array(F),
    nameIsRoot = new Array<boolean>(F);
  for (let f = 0; f < F; f++) {
    const found = familyNameNode(graph, families.firstNode[f]);
    nameNode[f] = found.node;
    nameIsRoot[f] = found.reachedRoot;
  }
  const firstRoot = new Int32Array(F).fill(-1),
    rootCount = new Int32Array(F);
  for (let v = 0; v < graph.nodeCount; v++) {
    if (graph.parentStart[v + 1] > graph.parentStart[v]) continue;
    const f = families.familyOf[v];
    if (rootCount[f]++ === 0) firstRoot[f] = v;
  }
  const types = EDGE_TYPE_BY_CODE.length;
  const typeCounts = new Int32Array(F * types),
    edges = new Int32Array(F);
  for (let e = 0; e < graph.edgeCount; e++) {
    const f = families.familyOf[graph.edgeChild[e]];
    edges[f]++;
    typeCounts[graph.edgeType[e] * F + f]++;
  }
  const columns: pl.Series[] = [
    pl.Series(
      "family",
      Int32Array.from({ length: F }, (_, f) => f),
    ),
    modelIds(graph.ids, nameNode, "name"),
    pl.Series("name_is_root", nameIsRoot, pl.Bool),
    modelIds(graph.ids, firstRoot, "first_root"),
    pl.Series("roots", rootCount),
    pl.Series("size", families.size),
    pl.Series("depth", depth),
    pl.Series("edges", edges),
  ];
  EDGE_TYPE_BY_CODE.forEach((t, code) => columns.push(pl.Series(t, typeCounts.subarray(code * F, (code + 1) * F))));
  return pl.DataFrame(columns).sort(["size", "family"], [true, false]);
}

/**
 * Distributions of a graph's families and parents, value → count (keys ascending):
 * `lineageDistributions(g).familyDepth`.
 */
export interface LineageDistributions {
  familySize: Record<string, number>;
  familyDepth: Record<string, number>;
  childrenPerParent: Record<string, number>;
  generation: Record<string, number>;
}

/** Family size, family depth, children per parent and generation distributions: `lineageDistributions(finetune)`. */
export function lineageDistributions(graph: LineageGraph, options: FamilyTableOptions = {}): LineageDistributions {
  const families = options.families ?? lineageFamilies(graph);
  const generation = lineageGenerations(graph, options.generationRule ?? "longest");
  return {
    familySize: countValues(families.size),
    familyDepth: countValues(familyDepths(families, generation)),
    childrenPerParent: childrenPerParentHistogram(graph),
    generation: countValues(generation),
  };
}
