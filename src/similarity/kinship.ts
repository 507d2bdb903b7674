// The paper's table of local family structures (docs/methods.md §4.1 "Kinship structures"; data/reference/README.md
// §9.3): eight patterns, each with its anchor and multiplicity, and the 24 pair configurations compared in the
// similarity figures, keyed as the reference keys them (`<pattern>_<config>`, e.g. "quad_2_5").
//
//   pattern  structure            anchor (weight)                          configurations (generations apart)
//   rando    a, b unrelated       2 distinct nodes, uniform                 (a,b) random
//   duo      u→v                  edge, uniform                             (u,v) 1
//   trio_1   u→{v,w}              node, C(k(u),2)                           (u,v) 1 · (v,w) 0
//   trio_2   u→v→w                edge u→v, k(v)                            (u,w) 2 · (v,w) 1 · (u,v) 1
//   quad_0   u→{v,w,x}            node, C(k(u),3)                           (u,v) 1 · (v,w) 0
//   quad_1   u→v→{w,x}            edge u→v, C(k(v),2)                       (u,w) 2 · (v,w) 1 · (u,v) 1 · (w,x) 0
//   quad_2   u→{v,x}, v→w         edge u→v, k(v)·(k(u)−1)                   (u,w) 2 · (w,x) 1 · (v,w) 1 · (u,v) 1 · (v,x) 0
//   quad_3   t→u→v→w              edge u→v with a parent of u, k(v)         (t,w) 3 · (u,w) 2 · (t,v) 2 · (v,w) 1 · (u,v) 1 · (t,u) 1

/** A sampler of the paper, named as in its code and the reference. */
export type PatternName = "rando" | "duo" | "trio_1" | "trio_2" | "quad_0" | "quad_1" | "quad_2" | "quad_3";

/** How the two compared models are related. */
export type Kinship =
  | "random"
  | "parent-child"
  | "siblings"
  | "grandparent-grandchild"
  | "uncle-nephew"
  | "great-grandparent-great-grandchild";

/** One of the 24 compared pairs: `KINSHIP_CONFIGS[3].key` is "trio_1_2" (siblings). */
export interface KinshipConfig {
  /** Reference key: "<pattern>_<config>". */
  key: string;
  pattern: PatternName;
  /** 1-based configuration number within the pattern (the authors' `config`). */
  config: number;
  /** The two roles compared, e.g. ["u", "w"]. */
  pair: [string, string];
  kinship: Kinship;
  /** Generations between the two; null for a random pair. */
  generationsApart: number | null;
  /** Short label, e.g. "siblings (v,w)". */
  label: string;
}

/** One pattern: its roles, edges (parent → child), anchor rule and configurations. */
export interface KinshipPattern {
  name: PatternName;
  /** Structure as text, e.g. "u→{v,w}". */
  structure: string;
  roles: string[];
  edges: [string, string][];
  /** The anchor and its multiplicity weight, as the paper's table states them. */
  anchor: string;
  weight: string;
  /** Glyph layout of each role: x in [0, 1] across, generation down. */
  layout: Record<string, [number, number]>;
  configs: KinshipConfig[];
}

const KINSHIP_LABEL: Record<Kinship, string> = {
  random: "random pair",
  "parent-child": "parent–child",
  siblings: "siblings",
  "grandparent-grandchild": "grandparent–grandchild",
  "uncle-nephew": "uncle–nephew",
  "great-grandparent-great-grandchild": "great-grandparent–great-grandchild",
};

const KINSHIP_BY_GAP: Record<string, Kinship> = {
  "0": "siblings",
  "1": "parent-child",
  "2": "grandparent-grandchild",
  "3": "great-grandparent-great-grandchild",
};

type PatternRow = Omit<KinshipPattern, "configs"> & { pairs: [string, string, number | null, Kinship?][] };

const ROWS: PatternRow[] = [
  {
    name: "rando",
    structure: "a, b",
    roles: ["a", "b"],
    edges: [],
    anchor: "two distinct nodes, uniform",
    weight: "—",
    layout: { a: [0.3, 0.9], b: [0.7, 0.3] },
    pairs: [["a", "b", null, "random"]],
  },
  {
    name: "duo",
    structure: "u→v",
    roles: ["u", "v"],
    edges: [["u", "v"]],
    anchor: "edge u→v, uniform",
    weight: "1",
    layout: { u: [0.5, 0], v: [0.5, 1] },
    pairs: [["u", "v", 1]],
  },
  {
    name: "trio_1",
    structure: "u→{v,w}",
    roles: ["u", "v", "w"],
    edges: [
      ["u", "v"],
      ["u", "w"],
    ],
    anchor: "node u with k(u) ≥ 2",
    weight: "C(k(u), 2)",
    layout: { u: [0.5, 0], v: [0.2, 1], w: [0.8, 1] },
    pairs: [
      ["u", "v", 1],
      ["v", "w", 0],
    ],
  },
  {
    name: "trio_2",
    structure: "u→v→w",
    roles: ["u", "v", "w"],
    edges: [
      ["u", "v"],
      ["v", "w"],
    ],
    anchor: "edge u→v",
    weight: "k(v)",
    layout: { u: [0.5, 0], v: [0.5, 1], w: [0.5, 2] },
    pairs: [
      ["u", "w", 2],
      ["v", "w", 1],
      ["u", "v", 1],
    ],
  },
  {
    name: "quad_0",
    structure: "u→{v,w,x}",
    roles: ["u", "v", "w", "x"],
    edges: [
      ["u", "v"],
      ["u", "w"],
      ["u", "x"],
    ],
    anchor: "node u with k(u) ≥ 3",
    weight: "C(k(u), 3)",
    layout: { u: [0.5, 0], v: [0.1, 1], w: [0.5, 1], x: [0.9, 1] },
    pairs: [
      ["u", "v", 1],
      ["v", "w", 0],
    ],
  },
  {
    name: "quad_1",
    structure: "u→v→{w,x}",
    roles: ["u", "v", "w", "x"],
    edges: [
      ["u", "v"],
      ["v", "w"],
      ["v", "x"],
    ],
    anchor: "edge u→v with k(v) ≥ 2",
    weight: "C(k(v), 2)",
    layout: { u: [0.5, 0], v: [0.5, 1], w: [0.2, 2], x: [0.8, 2] },
    pairs: [
      ["u", "w", 2],
      ["v", "w", 1],
      ["u", "v", 1],
      ["w", "x", 0],
    ],
  },
  {
    name: "quad_2",
    structure: "u→{v,x}, v→w",
    roles: ["u", "v", "x", "w"],
    edges: [
      ["u", "v"],
      ["u", "x"],
      ["v", "w"],
    ],
    anchor: "edge u→v with k(u) ≥ 2, k(v) ≥ 1",
    weight: "k(v)·(k(u) − 1)",
    layout: { u: [0.5, 0], v: [0.2, 1], x: [0.8, 1], w: [0.2, 2] },
    pairs: [
      ["u", "w", 2],
      ["w", "x", 1, "uncle-nephew"],
      ["v", "w", 1],
      ["u", "v", 1],
      ["v", "x", 0],
    ],
  },
  {
    name: "quad_3",
    structure: "t→u→v→w",
    roles: ["t", "u", "v", "w"],
    edges: [
      ["t", "u"],
      ["u", "v"],
      ["v", "w"],
    ],
    anchor: "edge u→v where u has a parent t",
    weight: "k(v)",
    layout: { t: [0.5, 0], u: [0.5, 1], v: [0.5, 2], w: [0.5, 3] },
    pairs: [
      ["t", "w", 3],
      ["u", "w", 2],
      ["t", "v", 2],
      ["v", "w", 1],
      ["u", "v", 1],
      ["t", "u", 1],
    ],
  },
];

/**
 * The eight patterns in the figures' panel order: `KINSHIP_PATTERNS.map((p) => p.configs.length)` is [1,1,2,3,2,4,5,6].
 */
export const KINSHIP_PATTERNS: readonly KinshipPattern[] = ROWS.map(({ pairs, ...row }) => ({
  ...row,
  configs: pairs.map(([a, b, gap, named], i) => {
    const kinship = named ?? KINSHIP_BY_GAP[String(gap)];
    return {
      key: `${row.name}_${i + 1}`,
      pattern: row.name,
      config: i + 1,
      pair: [a, b] as [string, string],
      kinship,
      generationsApart: gap,
      label: `${KINSHIP_LABEL[kinship]} (${a},${b})`,
    };
  }),
}));

/** The 24 configurations in figure order: `KINSHIP_CONFIGS.map((c) => c.key)` starts "rando_1", "duo_1", "trio_1_1". */
export const KINSHIP_CONFIGS: readonly KinshipConfig[] = KINSHIP_PATTERNS.flatMap((p) => p.configs);

/** The configuration with a reference key: `kinshipConfig("quad_2_2").kinship` is "uncle-nephew". */
export function kinshipConfig(key: string): KinshipConfig {
  const config = KINSHIP_CONFIGS.find((c) => c.key === key);
  if (!config)
    throw new Error(
      `similarity/kinship: unknown configuration "${key}"; keys are ${KINSHIP_CONFIGS.map((c) => c.key).join(", ")}`,
    );
  return config;
}

/** The pattern called `name`: `kinshipPattern("quad_3").roles` is ["t", "u", "v", "w"]. */
export function kinshipPattern(name: PatternName): KinshipPattern {
  const pattern = KINSHIP_PATTERNS.find((p) => p.name === name);
  if (!pattern) throw new Error(`similarity/kinship: unknown pattern "${name}"`);
  return pattern;
}

/** Display label of a kinship: `kinshipLabel("uncle-nephew")` is "uncle–nephew". */
export function kinshipLabel(kinship: Kinship): string {
  return KINSHIP_LABEL[kinship];
}
