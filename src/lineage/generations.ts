// Generations: how far a model is below the roots of its family (docs/methods.md §3.4, §7 open question 4: depth
// distributions were never printed by the authors, so the definition is the kit's).
//
// A root (no parent) is generation 0. With several parents (merges), a model's generation is by default the LONGEST
// path from any root: 1 + the largest generation among its parents, so a child always sits below every parent
// (a merge of a generation-3 and a generation-1 model is generation 4). `"shortest"` gives 1 + the smallest.
// On a tree both rules agree. The family's depth is the largest generation in it.
import type { Families } from "./families";
import { type LineageGraph, nodeId } from "./graph";

/** How a model with several parents gets its generation: `lineageGenerations(full, "shortest")`. */
export type GenerationRule = "longest" | "shortest";

/** Generation of every node, by a topological pass (Kahn's algorithm): `const gen = lineageGenerations(finetune)`. */
export function lineageGenerations(graph: LineageGraph, rule: GenerationRule = "longest"): Int32Array {
  const n = graph.nodeCount;
  const waiting = new Int32Array(n),
    generation = new Int32Array(n).fill(-1),
    queue = new Int32Array(n);
  let head = 0,
    tail = 0;
  for (let v = 0; v < n; v++) {
    waiting[v] = graph.parentStart[v + 1] - graph.parentStart[v];
    if (waiting[v] === 0) {
      generation[v] = 0;
      queue[tail++] = v;
    }
  }
  const longest = rule === "longest";
  while (head < tail) {
    const v = queue[head++],
      next = generation[v] + 1;
    for (let e = graph.childStart[v]; e < graph.childStart[v + 1]; e++) {
      const w = graph.edgeChild[e];
      if (generation[w] < 0 || (longest ? next > generation[w] : next < generation[w])) generation[w] = next;
      if (--waiting[w] === 0) queue[tail++] = w;
    }
  }
  if (tail < n) {
    let v = 0;
    while (waiting[v] === 0) v++;
    throw new Error("lineage/generations: cycle at " + nodeId(graph, v));
  }
  return generation;
}

/** Depth of every family: the largest generation among its models: `familyDepths(fams, lineageGenerations(g))`. */
export function familyDepths(families: Families, generation: Int32Array): Int32Array {
  const depth = new Int32Array(families.count);
  for (let v = 0; v < generation.length; v++) {
    const f = families.familyOf[v];
    if (generation[v] > depth[f]) depth[f] = generation[v];
  }
  return depth;
}
