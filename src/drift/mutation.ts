// Mutation rates (docs/methods.md §4.3 "Mutation rate", §6 headline numbers; data/reference/README.md §6.1).
//
// Over the edges of a lineage graph, in edge order, an edge counts when parent and child both list the trait;
// it adds 1 − Jaccard = (|P ∪ C| − |P ∩ C|) / |P ∪ C| of the two value sets. rate = mutations / traffic.
//
//   parent licenses [mit], child [apache-2.0]             ⇥ adds 1
//   parent languages [en, fr], child [en]                  ⇥ adds 1/2
//   parent languages [en], child []                        ⇥ not counted (traffic unchanged)
//
// The paper's two runs differ by the graph only: v1 on the full graph, the final code on the fine-tune graph
// (`lineageVariant(full, "finetune")`). The sum runs in edge order exactly as the authors' loop, so `mutations`
// matches their float to the last bit.
import type { LineageGraph } from "../lineage/graph";
import { TRAITS, type Trait, type TraitColumn } from "./traitCodes";

/** A mutation rate: `{ mutations: 456, traffic: 836, rate: 0.545… }`; rate is null when no edge counts. */
export interface MutationRate {
  mutations: number;
  traffic: number;
  rate: number | null;
}

/** The authors' names of the rated traits, as their stats and prints name them: `RATE_NAMES.licenses === "license"`. */
export const RATE_NAMES: Readonly<Record<Trait, string>> = {
  languages: "language",
  licenses: "license",
  pipeline_tag: "task",
  library_name: "library",
};

/** Mutation rate of one trait over the edges of a graph: `mutationRate(lineageVariant(full, "finetune"), licenses)`. */
export function mutationRate(graph: LineageGraph, column: TraitColumn): MutationRate {
  const { start, codes } = column;
  if (start.length !== graph.nodeCount + 1) {
    throw new Error(`drift/mutation: the trait column has ${start.length - 1} nodes but the graph ${graph.nodeCount}`);
  }
  // NOTE: stamp arrays make each edge's set operations O(|P| + |C|) without allocating.
  const inParent = new Int32Array(column.values.length).fill(-1);
  const seenChild = new Int32Array(column.values.length).fill(-1);
  let mutations = 0;
  let traffic = 0;
  for (let e = 0; e < graph.edgeCount; e++) {
    const p = graph.edgeParent[e],
      c = graph.edgeChild[e];
    const p0 = start[p],
      p1 = start[p + 1],
      c0 = start[c],
      c1 = start[c + 1];
    if (p0 === p1 || c0 === c1) continue;
    let parentSet = 0;
    for (let k = p0; k < p1; k++)
      if (inParent[codes[k]] !== e) {
        inParent[codes[k]] = e;
        parentSet++;
      }
    let childSet = 0,
      shared = 0;
    for (let k = c0; k < c1; k++) {
      const code = codes[k];
      if (seenChild[code] === e) continue;
      seenChild[code] = e;
      childSet++;
      if (inParent[code] === e) shared++;
    }
    const union = parentSet + childSet - shared;
    if (union !== shared) mutations += (union - shared) / union;
    traffic++;
  }
  return { mutations, traffic, rate: traffic === 0 ? null : mutations / traffic };
}

/** Mutation rates of every trait: `mutationRates(finetune, columns).licenses.rate`. */
export function mutationRates(graph: LineageGraph, columns: Record<Trait, TraitColumn>): Record<Trait, MutationRate> {
  const out = {} as Record<Trait, MutationRate>;
  for (const trait of TRAITS) {
    const column = columns[trait];
    if (!column) throw new Error(`drift/mutation: no column for trait "${trait}"`);
    out[trait] = mutationRate(graph, column);
  }
  return out;
}
