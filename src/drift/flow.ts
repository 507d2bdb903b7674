// What a transition figure draws (docs/methods.md §5 F-license, F-language-transitions, F-task-transitions, library
// transitions): the top-n traits placed top to bottom by the weighted optimal ordering (upstream on top), sized by
// appearances and coloured by the paper's categories (§4.3), with the oriented edges between them.
import { createRng } from "../random";
import type { TraitOrdering } from "./traitOrdering";
import type { TraitGraph } from "./transitions";

/**
 * The paper's license categories (docs/methods.md §4.3, orderings notebook cell 12): `LICENSE_CATEGORIES.Commercial`.
 */
export const LICENSE_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  Commercial: ["gemma", "llama2", "llama3", "llama3.1", "llama3.2", "llama3.3"],
  "Use restrictions": [
    "openrail++",
    "openrail",
    "creativeml-openrail-m",
    "bigscience-bloom-rail-1.0",
    "cc-by-nc-4.0",
    "cc-by-nc-sa-4.0",
    "cc-by-nc-nd-4.0",
  ],
  Copyleft: ["cc-by-4.0", "cc-by-sa-4.0", "gpl-3.0", "gpl-2.0"],
  Permissive: ["mit", "apache-2.0", "unlicense", "cc0-1.0", "cc", "artistic-2.0", "afl-3.0"],
};

/** The paper's task categories (docs/methods.md §4.3): `TASK_CATEGORIES.Generative.includes("translation")`. */
export const TASK_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  "Embeddings and Features": ["feature-extraction", "fill-mask", "sentence-similarity"],
  Generative: [
    "any-to-any",
    "image-text-to-text",
    "automatic-speech-recognition",
    "text-to-speech",
    "translation",
    "question-answering",
    "summarization",
    "text-generation",
    "text-to-image",
    "image-to-text",
    "audio-to-audio",
  ],
  Classification: [
    "image-classification",
    "text-classification",
    "audio-classification",
    "video-classification",
    "token-classification",
    "code-classification",
    "object-detection",
  ],
  "Reinforcement Learning": ["reinforcement-learning"],
};

/** Category of traits in no list: `traitCategory("wtfpl", LICENSE_CATEGORIES) === OTHER_CATEGORY`. */
export const OTHER_CATEGORY = "Other";

/** The category of a trait value, or "Other": `traitCategory("mit", LICENSE_CATEGORIES) === "Permissive"`. */
export function traitCategory(value: string, categories: Readonly<Record<string, readonly string[]>>): string {
  for (const [name, members] of Object.entries(categories)) if (members.includes(value)) return name;
  return OTHER_CATEGORY;
}

/** One drawn trait: `rank` 0 is the most upstream; `slot` is its horizontal position 0..n-1. */
export interface FlowNode {
  trait: string;
  appearances: number;
  rank: number;
  slot: number;
  category: string;
}
/** One drawn oriented edge; `downstream` is false when it points up, against the ordering. */
export interface FlowEdge {
  from: string;
  to: string;
  traffic: number;
  downstream: boolean;
}
/** A transition figure's data: `traitFlowData(analysis, { categories: LICENSE_CATEGORIES, seed: 1 })`. */
export interface TraitFlowData {
  trait: string;
  n: number;
  nodes: FlowNode[];
  edges: FlowEdge[];
  driftDirections: [number, number];
  mutations: [number, number];
  optimalOrderings: number;
}

/** Options of traitFlowData: categories for colours [none] and the seed of the horizontal shuffle [1]. */
export interface TraitFlowOptions {
  categories?: Readonly<Record<string, readonly string[]>>;
  seed?: number | string;
}

/**
 * Nodes and edges of a transition figure, x slots a seeded shuffle like the authors' random x: `traitFlowData(a, {
 * seed: 1 })`.
 */
export function traitFlowData(a: TraitOrdering, options: TraitFlowOptions = {}): TraitFlowData {
  const rng = createRng(`${options.seed ?? 1}/traitFlow/${a.trait}`);
  const order = a.orderingWeighted;
  const slots = order.map((_, i) => i);
  for (let i = slots.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  const rank = new Map(order.map((t, i) => [t, i]));
  const appearances = new Map(a.top.top.map((code) => [a.transitions.column.values[code], a.top.appearances[code]]));
  return {
    trait: a.trait,
    n: a.n,
    nodes: order.map((trait, i) => ({
      trait,
      appearances: appearances.get(trait) ?? 0,
      rank: i,
      slot: slots[i],
      category: options.categories ? traitCategory(trait, options.categories) : OTHER_CATEGORY,
    })),
    edges: a.rows.oriented.map(([from, to, traffic]) => ({
      from,
      to,
      traffic,
      downstream: rank.get(from)! < rank.get(to)!,
    })),
    driftDirections: a.driftDirections.weighted,
    mutations: a.mutations,
    optimalOrderings: a.weighted.optimalCount,
  };
}

/**
 * Raw transitions summed by category pair, most first: `categoryTransitions(g, LICENSE_CATEGORIES)[0]` → ["Commercial",
 * "Permissive", 34].
 */
export function categoryTransitions(
  g: TraitGraph,
  categories: Readonly<Record<string, readonly string[]>>,
): [string, string, number][] {
  const sums = new Map<string, number>();
  for (let k = 0; k < g.from.length; k++) {
    const key = `${traitCategory(g.column.values[g.from[k]], categories)}\u0000${traitCategory(g.column.values[g.to[k]], categories)}`;
    sums.set(key, (sums.get(key) ?? 0) + g.transitions[k]);
  }
  return [...sums]
    .map(([key, n]) => [...key.split("\u0000"), n] as [string, string, number])
    .sort((a, b) => b[2] - a[2] || (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
}

/**
 * Net raw transitions from one category group to another (positive: drift into the second): `netCategoryFlow(rows,
 * ["Commercial"], ["Permissive"]).net`.
 */
export function netCategoryFlow(
  rows: readonly [string, string, number][],
  from: readonly string[],
  to: readonly string[],
): { forward: number; backward: number; net: number } {
  let forward = 0,
    backward = 0;
  for (const [a, b, n] of rows) {
    if (from.includes(a) && to.includes(b)) forward += n;
    if (to.includes(a) && from.includes(b)) backward += n;
  }
  return { forward, backward, net: forward - backward };
}
