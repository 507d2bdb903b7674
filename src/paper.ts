// The paper's own numbers, in one place: population counts, edge counts per relation, mutation rates, ordering metrics,
// orderings, card drift and the means its similarity figures show (docs/methods.md §3.2, §4.2, §5, §6; exact values
// from the authors' notebook outputs in data/reference/paper-key-stats.json, figure means read from the figures).
// Notebooks put them beside the kit's number on the dataset in use; the synthetic generator is calibrated to them.
// Two runs exist (docs/methods.md §6): "v1" (paper v1, full graph, the authors' Aug-6 backup) and "final" (the
// repository's fine-tune-only re-run).

/** Models in the paper's snapshot (docs/methods.md §2.1): `PAPER_MODEL_COUNT === 1_860_411`. */
export const PAPER_MODEL_COUNT = 1_860_411;

/**
 * Parent -> child edges per relation inside the snapshot (docs/methods.md §3.2; merge = 573,653 - 532,729, an upper
 * bound: docs/methods.md §7): `PAPER_EDGE_COUNTS.finetune === 189_391`.
 */
export const PAPER_EDGE_COUNTS = { finetune: 189_391, quantized: 101_921, adapter: 241_417, merge: 40_924 } as const;

/**
 * Children by relation that have children of their own, no-merges graph (docs/methods.md §3.2):
 * `PAPER_FURTHER_CHILDREN.finetune`.
 */
export const PAPER_FURTHER_CHILDREN = { finetune: 15_047, quantized: 970, adapter: 458 } as const;

/** A count out of a total as the paper reports it; `fraction` alone when only a percentage was printed. */
export interface PaperFraction {
  accounted?: number;
  total?: number;
  fraction: number;
}

/** A mutation rate as the paper gives it; `mutations` only where the notebook printed it. */
export interface PaperRate {
  mutations?: number;
  traffic: number;
  rate: number;
}

/**
 * Mutation rates per run and trait (v1: the paper's rounded percentages; final: the notebook's exact print; no
 * library rate was printed): `PAPER_MUTATION_RATES.v1.licenses!.rate`.
 */
export const PAPER_MUTATION_RATES: Readonly<
  Record<"v1" | "final", Partial<Record<"licenses" | "languages" | "pipeline_tag" | "library_name", PaperRate>>>
> = {
  v1: {
    languages: { rate: 0.128, traffic: 115_660 },
    licenses: { rate: 0.1498, traffic: 320_065 },
    pipeline_tag: { rate: 0.2314, traffic: 251_060 },
  },
  final: {
    languages: { mutations: 11458.436364615904, traffic: 47_369, rate: 0.24189736672963127 },
    licenses: { mutations: 27409.5, traffic: 138_694, rate: 0.1976257083940185 },
    pipeline_tag: { mutations: 55307.0, traffic: 134_711, rate: 0.410560384823808 },
  },
};

/**
 * "Drift directions" and "mutations accounted for" per run and trait (docs/methods.md §6):
 * `PAPER_ORDERING_METRICS.final.licenses.driftDirections`.
 */
export const PAPER_ORDERING_METRICS: Readonly<
  Record<"v1" | "final", Record<string, { driftDirections: PaperFraction; mutations: PaperFraction }>>
> = {
  v1: {
    licenses: { driftDirections: { accounted: 132, total: 140, fraction: 132 / 140 }, mutations: { fraction: 0.8426 } },
    languages: {
      driftDirections: { accounted: 186, total: 190, fraction: 186 / 190 },
      mutations: { fraction: 0.7471 },
    },
    pipeline_tag: {
      driftDirections: { accounted: 111, total: 121, fraction: 111 / 121 },
      mutations: { fraction: 0.9516 },
    },
    library_name: { driftDirections: { accounted: 43, total: 43, fraction: 1 }, mutations: { fraction: 0.9926 } },
  },
  final: {
    licenses: {
      driftDirections: { accounted: 113, total: 121, fraction: 113 / 121 },
      mutations: { accounted: 37_469, total: 44_285, fraction: 37_469 / 44_285 },
    },
    languages: {
      driftDirections: { accounted: 186, total: 189, fraction: 186 / 189 },
      mutations: { accounted: 89_028, total: 118_718, fraction: 89_028 / 118_718 },
    },
    pipeline_tag: {
      driftDirections: { accounted: 30, total: 32, fraction: 30 / 32 },
      mutations: { fraction: 0.9819267842493847 },
    },
    library_name: {
      driftDirections: { accounted: 17, total: 17, fraction: 1 },
      mutations: { fraction: 0.8365783593999362 },
    },
  },
};

/**
 * The paper's weighted orderings, upstream first (docs/methods.md §6; data/reference/paper-key-stats.json for final):
 * `PAPER_ORDERINGS.v1.licenses[0] === "gemma"`.
 */
export const PAPER_ORDERINGS: Readonly<Record<"v1" | "final", Record<string, readonly string[]>>> = {
  v1: {
    licenses: [
      "gemma",
      "llama3.1",
      "llama3.2",
      "openrail++",
      "creativeml-openrail-m",
      "cc-by-nc-4.0",
      "llama3",
      "llama2",
      "mit",
      "afl-3.0",
      "bigscience-bloom-rail-1.0",
      "llama3.3",
      "apache-2.0",
      "cc-by-nc-sa-4.0",
      "cc-by-4.0",
      "openrail",
      "artistic-2.0",
      "cc-by-sa-4.0",
      "gpl-3.0",
      "cc",
    ],
    languages: [
      "Polish",
      "Swedish",
      "Thai",
      "Italian",
      "Portuguese",
      "Romanian",
      "Dutch",
      "German",
      "French",
      "Japanese",
      "Indonesian",
      "Vietnamese",
      "Turkish",
      "Russian",
      "Spanish",
      "Chinese",
      "Arabic",
      "Hindi",
      "Korean",
      "English",
    ],
    pipeline_tag: [
      "image-text-to-text",
      "fill-mask",
      "feature-extraction",
      "automatic-speech-recognition",
      "text-to-speech",
      "translation",
      "summarization",
      "text-generation",
      "text-to-image",
      "object-detection",
      "image-classification",
      "image-to-text",
      "any-to-any",
      "sentence-similarity",
      "question-answering",
      "text-classification",
      "reinforcement-learning",
      "audio-to-audio",
      "token-classification",
      "audio-classification",
    ],
  },
  final: {
    licenses: [
      "gemma",
      "llama3.1",
      "llama3.3",
      "llama3.2",
      "llama3",
      "openrail++",
      "llama2",
      "apache-2.0",
      "creativeml-openrail-m",
      "cc-by-nc-4.0",
      "mit",
      "openrail",
      "cc-by-nc-sa-4.0",
      "cc-by-sa-4.0",
      "cc-by-4.0",
      "cc",
      "bigscience-bloom-rail-1.0",
      "afl-3.0",
      "artistic-2.0",
      "gpl-3.0",
    ],
    languages: [
      "Polish",
      "Swedish",
      "Thai",
      "Italian",
      "Romanian",
      "Portuguese",
      "Dutch",
      "German",
      "French",
      "Japanese",
      "Indonesian",
      "Vietnamese",
      "Turkish",
      "Russian",
      "Spanish",
      "Chinese",
      "Arabic",
      "Hindi",
      "Korean",
      "English",
    ],
    pipeline_tag: [
      "fill-mask",
      "feature-extraction",
      "automatic-speech-recognition",
      "question-answering",
      "text-generation",
      "text-to-image",
      "image-classification",
      "text-classification",
      "reinforcement-learning",
      "token-classification",
    ],
    library_name: [
      "peft",
      "adapter-transformers",
      "timm",
      "transformers",
      "diffusers",
      "mlx",
      "ml-agents",
      "tf-keras",
      "sentence-transformers",
      "keras",
    ],
  },
};

/**
 * Card and language drift over the paper's 573,653 edges (numerical_drifts.ipynb; docs/methods.md §5):
 * `PAPER_CARD_DRIFT.cardLength.childMean`.
 */
export const PAPER_CARD_DRIFT = {
  edges: 573_653,
  shareOfNodesWithCard: 0.6703620866571957,
  childHasCard: { True: 571_227, False: 2_426 },
  cardLength: {
    n: 558_385,
    parentMean: 9773.375631103048,
    childMean: 4401.633665031434,
    meanChange: -5371.741966071614,
  },
  /** Read from the figure, except the deltas (printed). */
  autoGenerated: {
    parentMeanAllEdges: 0.04,
    childMeanAllEdges: 0.293,
    deltaAllEdges: 0.2531983620760285,
    deltaBothHaveCard: 0.24868054288280356,
    bothHaveCardN: 558_942,
  },
  hasCard: { deltaAllEdges: 0.017376358181688145 },
  /**
   * Conditional n: edges where both list a language = the v1 language traffic (docs/methods.md §6); ≈115.6K in §4.2.
   */
  languages: {
    conditional: { n: 115_660, parentMean: 6.604478644302265, childMean: 1.81028877745115 },
    unconditional: { parentMean: 4.177246523595275, childMean: 0.4520014712727032 },
  },
  /** Per edge type, read from the figures (≈). */
  cardLengthByEdgeType: {
    adapter: { n: 235_040, parentMean: 9040, childMean: 3970 },
    finetune: { n: 185_532, parentMean: 12_160, childMean: 4800 },
    merge: { n: 39_308, parentMean: 5910, childMean: 3340 },
    quantized: { n: 98_505, parentMean: 8545, childMean: 5000 },
  },
} as const;

/** The paper's six similarity figures, as columns of PAPER_FIGURE_ROWS (docs/methods.md §5 F-sim-meta-tfidf). */
export const PAPER_FIGURE_COLUMNS = [
  "metadata.tfidf",
  "metadata.bow",
  "metadata.levenshtein",
  "model_cards.tfidf",
  "model_cards.bow",
  "model_cards.levenshtein",
] as const;

/** Means read from the figures' PNGs (±0.005), rows in kinship-configuration order (rando_1, duo_1, trio_1_1, ...
 * quad_3_6, as similarity/kinship.ts KINSHIP_CONFIGS); null = hidden by the legend. */
export const PAPER_FIGURE_ROWS: readonly (readonly (number | null)[])[] = [
  [0.116, 0.437, 0.44, 0.128, 0.193, 0.191],
  [0.639, 0.7, 0.545, 0.466, 0.484, 0.246],
  [0.662, 0.704, 0.535, 0.488, 0.503, 0.226],
  [0.838, 0.857, 0.747, 0.893, 0.878, 0.729],
  [0.578, 0.665, 0.553, 0.411, 0.426, 0.223],
  [0.746, 0.784, 0.642, 0.584, 0.586, 0.296],
  [0.81, 0.847, 0.716, 0.676, 0.696, 0.459],
  [0.661, 0.705, 0.55, 0.469, 0.495, 0.217],
  [0.838, 0.849, 0.751, 0.92, 0.894, 0.743],
  [0.624, 0.698, 0.543, 0.411, 0.42, 0.182],
  [0.795, 0.813, 0.623, 0.656, 0.624, 0.223],
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: 0.693 is a mean read from a figure, not ln 2
  [0.839, 0.866, 0.735, 0.651, 0.693, 0.465],
  [0.869, 0.883, 0.743, 0.891, 0.891, 0.716],
  [0.524, 0.637, 0.526, 0.352, 0.386, 0.166],
  [0.586, 0.697, 0.591, 0.476, 0.518, 0.287],
  [0.703, 0.771, 0.64, 0.546, 0.554, 0.253],
  [0.819, 0.847, 0.681, 0.61, 0.64, 0.392],
  [0.778, 0.796, 0.638, 0.56, 0.574, 0.268],
  [0.588, 0.681, 0.601, 0.38, 0.406, 0.252],
  [0.686, 0.754, 0.652, 0.472, 0.494, null],
  [0.745, 0.806, 0.701, 0.547, 0.568, null],
  [0.794, 0.826, 0.7, 0.552, 0.572, null],
  [0.863, 0.898, 0.815, 0.703, 0.703, 0.463],
  [0.858, 0.888, 0.771, 0.764, 0.776, 0.557],
];
