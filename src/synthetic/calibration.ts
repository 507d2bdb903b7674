// The numbers the synthetic ecosystem is calibrated to. Each constant names its source: a section of
// docs/methods.md (the paper's code outputs) or data/reference/paper-key-stats.json, or "assumption" where
// the paper reports nothing and a plausible value was chosen. Counts are per PAPER_MODEL_COUNT models;
// `scaleToSize` turns them into counts for another size. Trait tables live in tables.ts; the paper's own counts in
// ../paper.ts.
import type { Relation } from "../data/tags";
import { PAPER_FURTHER_CHILDREN, PAPER_MODEL_COUNT, PAPER_ORDERINGS } from "../paper";

/** Children (by incoming relation) that have children of their own (docs/methods.md §3.2, paper.ts). */
export const PAPER_CHILDREN_WITH_CHILDREN: Readonly<Record<Relation, number>> = {
  ...PAPER_FURTHER_CHILDREN,
  merge: 900, // assumption: §3.2 reports the no-merge graph only; about 5% of the ~18K merge children
};

/** Probability of 2, 3 and 4 parents per merge child (assumption; merges have two or more parents, §3.4). */
export const MERGE_PARENT_COUNT_WEIGHTS: readonly number[] = [0, 0, 0.8, 0.15, 0.05];

/** Most parents one merge child can have in the generator (the length of MERGE_PARENT_COUNT_WEIGHTS - 1). */
export const MAX_PARENTS = MERGE_PARENT_COUNT_WEIGHTS.length - 1;

/** Root models (no parent) with at least one child, besides TOP_PARENTS (assumption; not reported, §7.4). */
export const GENERIC_ROOT_PARENTS = 60_000;

/** Pareto exponent of a generic parent's attractiveness (assumption: heavy-tailed children per parent). */
export const PARENT_WEIGHT_PARETO_ALPHA = 1.5;

/** Cap on one generic parent's share of all attractiveness, so TOP_PARENTS stay the top ten (assumption). */
export const MAX_PARENT_WEIGHT_SHARE = 0.004;

/** Attractiveness multiplier of a parent that is itself a child (assumption: derivatives attract fewer). */
export const CHILD_PARENT_WEIGHT = 0.5;

/** The generator's model archetypes; each fixes which tasks, libraries and licenses fit a model. */
export const ARCHETYPES = ["llm", "diffusion", "encoder", "speech", "vision", "rl", "other"] as const;

/** An archetype name. */
export type Archetype = (typeof ARCHETYPES)[number];

/** One of the paper's top parents (docs/methods.md §5 parent table and §5 "Size of Largest Families"). */
export interface TopParent {
  id: string;
  /** Children whose only parent is this model (paper value_counts of parent_model). */
  children: number;
  /** Hub creation date (public model pages; the spike date for models older than the Hub's createdAt). */
  createdAt: string;
  /** Children are created in [childrenFrom, childrenTo] (ISO dates; defaults: after createdAt, to the end). */
  childrenFrom?: string;
  childrenTo?: string;
  /** Share of children per relation (assumption, from the Hub's model tree pages' typical mix). */
  mix: Partial<Record<Relation, number>>;
  archetype: Archetype;
  license: string | null;
  task: string;
  library: string;
  languages: readonly string[];
  /** Card length in characters (assumption, chosen so edge-weighted parent means match §5 F-cardlength). */
  cardLength: number;
}

/** The ten parents with most children (docs/methods.md §5); Qwen1.5 bursts in Sep-Oct 2024 (§5 families plot). */
export const TOP_PARENTS: readonly TopParent[] = [
  {
    id: "black-forest-labs/FLUX.1-dev",
    children: 33_042,
    createdAt: "2024-07-31",
    mix: { adapter: 0.84, finetune: 0.14, quantized: 0.02 },
    archetype: "diffusion",
    license: "other",
    task: "text-to-image",
    library: "diffusers",
    languages: ["en"],
    cardLength: 9_000,
  },
  {
    id: "Qwen/Qwen1.5-0.5B",
    children: 32_501,
    createdAt: "2024-01-22",
    childrenFrom: "2024-09-01",
    childrenTo: "2024-10-31",
    mix: { adapter: 0.9, finetune: 0.1 },
    archetype: "llm",
    license: "other",
    task: "text-generation",
    library: "transformers",
    languages: ["en"],
    cardLength: 9_000,
  },
  {
    id: "Qwen/Qwen1.5-1.8B",
    children: 30_581,
    createdAt: "2024-01-22",
    childrenFrom: "2024-09-01",
    childrenTo: "2024-10-31",
    mix: { adapter: 0.9, finetune: 0.1 },
    archetype: "llm",
    license: "other",
    task: "text-generation",
    library: "transformers",
    languages: ["en"],
    cardLength: 9_000,
  },
  {
    id: "google/gemma-2b",
    children: 23_794,
    createdAt: "2024-02-08",
    mix: { adapter: 0.85, finetune: 0.13, quantized: 0.02 },
    archetype: "llm",
    license: "gemma",
    task: "text-generation",
    library: "transformers",
    languages: [],
    cardLength: 9_500,
  },
  {
    id: "google/gemma-7b",
    children: 9_565,
    createdAt: "2024-02-08",
    mix: { adapter: 0.6, finetune: 0.34, quantized: 0.06 },
    archetype: "llm",
    license: "gemma",
    task: "text-generation",
    library: "transformers",
    languages: [],
    cardLength: 12_000,
  },
  {
    id: "distilbert/distilbert-base-uncased",
    children: 9_361,
    createdAt: "2022-03-02",
    mix: { finetune: 0.97, adapter: 0.03 },
    archetype: "encoder",
    license: "apache-2.0",
    task: "fill-mask",
    library: "transformers",
    languages: ["en"],
    cardLength: 12_000,
  },
  {
    id: "stabilityai/stable-diffusion-xl-base-1.0",
    children: 8_430,
    createdAt: "2023-07-25",
    mix: { adapter: 0.8, finetune: 0.2 },
    archetype: "diffusion",
    license: "openrail++",
    task: "text-to-image",
    library: "diffusers",
    languages: [],
    cardLength: 9_000,
  },
  {
    id: "Qwen/Qwen1.5-7B",
    children: 6_457,
    createdAt: "2024-01-22",
    mix: { adapter: 0.7, finetune: 0.22, quantized: 0.08 },
    archetype: "llm",
    license: "other",
    task: "text-generation",
    library: "transformers",
    languages: ["en"],
    cardLength: 9_000,
  },
  {
    id: "google-bert/bert-base-uncased",
    children: 5_556,
    createdAt: "2022-03-02",
    mix: { finetune: 0.96, adapter: 0.04 },
    archetype: "encoder",
    license: "apache-2.0",
    task: "fill-mask",
    library: "transformers",
    languages: ["en"],
    cardLength: 14_000,
  },
  {
    id: "aubmindlab/bert-base-arabertv02",
    children: 4_000,
    createdAt: "2022-03-02",
    mix: { finetune: 1 },
    archetype: "encoder",
    license: null,
    task: "fill-mask",
    library: "transformers",
    languages: ["ar"],
    cardLength: 8_000,
  },
];

// --- createdAt (docs/methods.md §2.1, §5 "'CreatedAt' Dates" histogram: 100 bins, 2022-03 to 2025-07) ---

/** createdAt of the oldest models: the Hub's migration timestamp (§2.1: earliest about 2022-03). */
export const SNAPSHOT_FIRST_CREATED_MS = Date.UTC(2022, 2, 2, 23, 29, 4);

/** Latest createdAt in the snapshot: 2025-07-12T17:14:09Z (docs/methods.md §2.1). */
export const SNAPSHOT_LAST_CREATED_MS = Date.UTC(2025, 6, 12, 17, 14, 9);

/** Models sharing the first-bin spike (§5: the first bin holds about 31K; about 3K of it is background). */
export const FIRST_BIN_SPIKE_MODELS = 28_000;

/**
 * Relative creation rate (models per day) at knots, linear in between (§5 histogram: peaks of about
 * 55K per bin in Sep 2024 and 51K in Jan 2025; the other knots are an assumption shaped like the plot).
 */
export const CREATED_PER_DAY_KNOTS: ReadonlyArray<readonly [string, number]> = [
  ["2022-03-03", 250],
  ["2022-07-01", 330],
  ["2022-12-01", 420],
  ["2023-03-01", 560],
  ["2023-06-01", 850],
  ["2023-09-01", 1_000],
  ["2023-12-01", 1_150],
  ["2024-03-01", 1_500],
  ["2024-06-01", 1_900],
  ["2024-08-10", 2_300],
  ["2024-09-12", 5_200],
  ["2024-10-12", 2_900],
  ["2024-11-20", 2_600],
  ["2024-12-20", 3_000],
  ["2025-01-20", 4_700],
  ["2025-02-20", 3_100],
  ["2025-04-15", 3_300],
  ["2025-07-12", 3_600],
];

/** Relative chance over time that a model is a child of each relation (assumption: relation tags appear 2023+). */
export const CHILD_RATE_KNOTS: Readonly<Record<Relation, ReadonlyArray<readonly [string, number]>>> = {
  finetune: [
    ["2022-03-02", 0.2],
    ["2023-01-01", 0.5],
    ["2023-07-01", 1],
    ["2025-07-13", 1],
  ],
  quantized: [
    ["2022-03-02", 0],
    ["2023-05-01", 0.1],
    ["2023-10-01", 1],
    ["2025-07-13", 1],
  ],
  adapter: [
    ["2022-03-02", 0],
    ["2023-03-01", 0.2],
    ["2023-09-01", 1],
    ["2025-07-13", 1],
  ],
  merge: [
    ["2022-03-02", 0],
    ["2023-09-01", 0.2],
    ["2024-01-01", 1],
    ["2025-07-13", 1],
  ],
};

/** Parents are not picked among the last days of the snapshot (they need time for children). */
export const PARENT_CUTOFF_DAYS = 14;

// --- traits (docs/methods.md §5 F-summary; data/reference/paper-key-stats.json) ---

/** Models listing at least one language (§5: 1,860,411 - 1,601,473 with none). */
export const LANGUAGE_REPORTING_MODELS = 258_938;

/** Share of models with a pipeline_tag (assumption: 67% in the real sample; not in the paper). */
export const PIPELINE_TAG_SHARE = 0.66;

/** Share of models with a library_name (assumption: 67% in the real sample; not in the paper). */
export const LIBRARY_NAME_SHARE = 0.68;

/** pipeline_tag shares among models with one: the paper's top ten (§5), then an assumed tail. */
export const TASK_SHARES: ReadonlyArray<readonly [string, number, Archetype]> = [
  ["text-generation", 0.4107, "llm"],
  ["text-classification", 0.1362, "encoder"],
  ["text-to-image", 0.114, "diffusion"],
  ["reinforcement-learning", 0.0866, "rl"],
  ["automatic-speech-recognition", 0.0349, "speech"],
  ["token-classification", 0.0323, "encoder"],
  ["image-classification", 0.0259, "vision"],
  ["fill-mask", 0.021, "encoder"],
  ["feature-extraction", 0.0201, "encoder"],
  ["question-answering", 0.0179, "encoder"],
  // tail (assumption); normalised to the remaining 18.04%, each below question-answering
  ["text2text-generation", 0.0175, "llm"],
  ["sentence-similarity", 0.017, "encoder"],
  ["image-text-to-text", 0.016, "llm"],
  ["text-to-speech", 0.013, "speech"],
  ["image-to-image", 0.011, "diffusion"],
  ["translation", 0.01, "llm"],
  ["summarization", 0.008, "llm"],
  ["audio-classification", 0.008, "speech"],
  ["object-detection", 0.007, "vision"],
  ["image-segmentation", 0.006, "vision"],
  ["image-to-text", 0.006, "vision"],
  ["zero-shot-classification", 0.005, "encoder"],
  ["unconditional-image-generation", 0.005, "diffusion"],
  ["text-to-video", 0.004, "diffusion"],
  ["tabular-classification", 0.004, "other"],
  ["time-series-forecasting", 0.004, "other"],
  ["audio-to-audio", 0.004, "speech"],
  ["any-to-any", 0.003, "llm"],
  ["video-classification", 0.003, "vision"],
  ["zero-shot-image-classification", 0.003, "vision"],
  ["depth-estimation", 0.002, "vision"],
  ["image-feature-extraction", 0.002, "vision"],
  ["tabular-regression", 0.002, "other"],
  ["robotics", 0.002, "rl"],
  ["text-to-audio", 0.002, "speech"],
  ["visual-question-answering", 0.002, "llm"],
  ["table-question-answering", 0.002, "encoder"],
  ["document-question-answering", 0.002, "vision"],
  ["mask-generation", 0.002, "vision"],
  ["image-to-video", 0.002, "diffusion"],
  ["video-text-to-text", 0.002, "llm"],
  ["text-to-3d", 0.001, "diffusion"],
  ["voice-activity-detection", 0.001, "speech"],
  ["keypoint-detection", 0.001, "vision"],
  ["graph-ml", 0.001, "other"],
];

/** library_name shares among models with one: the paper's top ten (§5), then an assumed tail. */
export const LIBRARY_SHARES: ReadonlyArray<readonly [string, number, readonly Archetype[]]> = [
  ["transformers", 0.6317, ["llm", "encoder", "speech", "vision"]],
  ["peft", 0.1992, ["llm", "encoder", "speech", "vision", "diffusion"]],
  ["diffusers", 0.0831, ["diffusion"]],
  ["stable-baselines3", 0.0214, ["rl"]],
  ["sentence-transformers", 0.0132, ["encoder"]],
  ["ml-agents", 0.0108, ["rl"]],
  ["tf-keras", 0.0034, ["encoder", "vision", "other"]],
  ["adapter-transformers", 0.0033, ["encoder", "llm"]],
  ["keras", 0.0026, ["vision", "other", "encoder"]],
  ["mlx", 0.0026, ["llm"]],
  // tail (assumption); normalised to the remaining 2.87%, each below mlx
  ["timm", 0.0024, ["vision"]],
  ["sample-factory", 0.0024, ["rl"]],
  ["onnx", 0.0022, ["llm", "vision", "encoder"]],
  ["open_clip", 0.0015, ["vision"]],
  ["speechbrain", 0.0015, ["speech"]],
  ["nemo", 0.0015, ["speech"]],
  ["espnet", 0.0015, ["speech"]],
  ["fastai", 0.0015, ["vision", "other"]],
  ["sklearn", 0.0015, ["other"]],
  ["spacy", 0.0012, ["encoder"]],
  ["flair", 0.0012, ["encoder"]],
  ["setfit", 0.0012, ["encoder"]],
  ["transformers.js", 0.0012, ["encoder", "llm"]],
  ["gliner", 0.001, ["encoder"]],
  ["coreml", 0.001, ["diffusion", "vision"]],
  ["bertopic", 0.001, ["encoder"]],
  ["unity-sentis", 0.001, ["vision"]],
  ["pyannote-audio", 0.0008, ["speech"]],
  ["span-marker", 0.0008, ["encoder"]],
  ["fasttext", 0.0008, ["encoder"]],
  ["allennlp", 0.0006, ["encoder"]],
];

/** License ordering, upstream first: the paper's final weighted ordering of the top-20 licenses (../paper.ts). */
export const LICENSE_ORDER: readonly string[] = PAPER_ORDERINGS.final.licenses;

/** Licenses only LLMs carry (docs/methods.md §4.3 "Commercial" category plus the model-specific RAILs). */
export const LLM_ONLY_LICENSES: readonly string[] = [
  "gemma",
  "llama2",
  "llama3",
  "llama3.1",
  "llama3.2",
  "llama3.3",
  "llama4",
  "bigscience-bloom-rail-1.0",
  "bigcode-openrail-m",
];

/** Licenses only image generators carry (the Stable Diffusion RAILs). */
export const DIFFUSION_ONLY_LICENSES: readonly string[] = [
  "creativeml-openrail-m",
  "openrail++",
  "deepfloyd-if-license",
];

/** Task ordering, upstream first (data/reference/paper-key-stats.json task_ordering_unweighted, final top-10 run). */
export const TASK_ORDER: readonly string[] = [
  "fill-mask",
  "text-to-image",
  "feature-extraction",
  "automatic-speech-recognition",
  "question-answering",
  "text-generation",
  "image-classification",
  "text-classification",
  "reinforcement-learning",
  "token-classification",
];

// --- model cards (docs/methods.md §4.2, §5 F-cardlength; data/reference/paper-key-stats.json model_cards) ---

/** Share of all models with a card (data/reference/paper-key-stats.json share_of_nodes_with_model_card; §5: 67.04%). */
export const CARD_SHARE = 0.6703620866571957;

/** Share of edge children with a card (§5: 571,227 of 573,653). */
export const CHILD_CARD_SHARE = 571_227 / 573_653;

/** Mean card length in characters, parent -> child, on edges where both have a card (§5 F-cardlength). */
export const CARD_LENGTH_BY_RELATION: Readonly<Record<Relation, { parent: number; child: number }>> = {
  finetune: { parent: 12_160, child: 4_800 },
  quantized: { parent: 8_545, child: 5_000 },
  adapter: { parent: 9_040, child: 3_970 },
  merge: { parent: 5_910, child: 3_340 },
};

/**
 * Mean card length over all such edges (data/reference/paper-key-stats.json
 * mean_parent/child_bespoke_card_length_chars).
 */
export const CARD_LENGTH_OVERALL = { parent: 9_773.375631103048, child: 4_401.633665031434 };

/** P(auto-generated card), parent -> child, over all edges of a relation (§5 F-cardlength right panel). */
export const AUTO_GENERATED_BY_RELATION: Readonly<Record<Relation, { parent: number; child: number }>> = {
  finetune: { parent: 0.057, child: 0.501 },
  quantized: { parent: 0.079, child: 0.008 },
  adapter: { parent: 0.016, child: 0.29 },
  merge: { parent: 0.04, child: 0.0 },
};

/** P(auto-generated card) over all edges (§5: 0.040 -> 0.293). */
export const AUTO_GENERATED_OVERALL = { parent: 0.04, child: 0.293 };

/** Cards of at least 512 characters that are not auto-generated (docs/methods.md §4.1: 618,531 nodes). */
export const QUALIFYING_CARDS = 618_531;

/** Mean number of languages, parent -> child, on edges where both list one (§5 F-languages-count). */
export const EDGE_LANGUAGES_BY_RELATION: Readonly<Record<Relation, { edges: number; parent: number; child: number }>> =
  {
    finetune: { edges: 47_369, parent: 12.33, child: 1.53 },
    quantized: { edges: 41_222, parent: 2.95, child: 2.55 },
    adapter: { edges: 23_728, parent: 2.2, child: 1.05 },
    merge: { edges: 3_299, parent: 1.68, child: 1.93 },
  };

/**
 * Mean number of languages over edges where both list one (data/reference/paper-key-stats.json
 * *_n_languages_reporting).
 */
export const EDGE_LANGUAGES_OVERALL = { edges: 115_618, parent: 6.604478644302265, child: 1.81028877745115 };

// --- datasets and papers (docs/methods.md §5 F-summary) ---

/** Models per dataset tag for the ten most used datasets (§5). */
export const TOP_DATASETS: ReadonlyArray<readonly [string, number]> = [
  ["imagefolder", 5_143],
  ["glue", 3_518],
  ["generator", 3_271],
  ["squad", 1_862],
  ["emotion", 1_768],
  ["imagenet-1k", 1_563],
  ["mozilla-foundation/common_voice_11_0", 1_501],
  ["mozilla-foundation/common_voice_7_0", 1_333],
  ["imdb", 1_331],
  ["wikipedia", 1_309],
];

/** dataset: tag occurrences and distinct values (§5 "Other full counts"). */
export const DATASET_TAGS = { occurrences: 229_630, distinct: 30_298 };

/** The carbon-emissions paper cited by the default Hub card template (§5: cs.CY, 289,447 models). */
export const CARBON_PAPER = { id: "1910.09700", models: 289_447 };

/** Scales a per-paper count to a snapshot of `n` models: `scaleToSize(189_391, 20_000)` is 2,036. */
export function scaleToSize(paperCount: number, n: number): number {
  return Math.round((paperCount * n) / PAPER_MODEL_COUNT);
}
