// Single-valued traits of the synthetic models: archetype, license, pipeline_tag, library_name and the
// architecture tag. Lineage models are visited in time order: roots draw from the paper's frequencies,
// children mostly inherit and otherwise drift in the paper's directions (docs/methods.md §4.3, §6:
// commercial licenses toward apache-2.0/mit, fill-mask toward classification, peft toward transformers).
// Models without lineage then draw from what is left of each quota, so the marginals match the paper's
// counts (§5 F-summary) up to children overshooting a quota.
import { type Rng, shuffleInPlace, weightedIndex } from "../random";
import { ARCHETYPES, LICENSE_ORDER, LLM_ONLY_LICENSES, TASK_ORDER, TOP_PARENTS } from "./calibration";
import { RELATIONS, type Relation } from "../data/tags";
import {
  type CategoryTable,
  LIBRARIES,
  LICENSES,
  TASKS,
  TASK_ARCHETYPE,
  categoryIndex,
  categoryQuotas,
} from "./categories";
import type { Lineage } from "./graph";
import { QuotaUrn, fairFill } from "./sampling";

/** Single-valued traits per model (time order); category codes index LICENSES, TASKS, LIBRARIES, MODEL_TYPES. */
export interface Traits {
  archetype: Int8Array;
  license: Int16Array;
  task: Int16Array;
  library: Int16Array;
  modelType: Int16Array;
}

/** Architecture tags per archetype (the Hub's model-type tag; first one is the most common). */
const MODEL_TYPES_BY_ARCHETYPE: Readonly<Record<string, readonly string[]>> = {
  llm: ["llama", "qwen2", "mistral", "gemma", "gpt2", "phi3", "gpt_neox"],
  diffusion: ["stable-diffusion", "stable-diffusion-xl", "flux"],
  encoder: ["bert", "roberta", "distilbert", "xlm-roberta", "deberta-v2", "electra"],
  speech: ["whisper", "wav2vec2", "speecht5"],
  vision: ["vit", "resnet", "swin", "convnext", "detr"],
  rl: ["deep-reinforcement-learning"],
  other: ["tabular", "time-series"],
};

/** All architecture tags; code k + 1 in Traits.modelType (0 = none). */
export const MODEL_TYPES: readonly string[] = Object.values(MODEL_TYPES_BY_ARCHETYPE).flat();

/** Architecture tag of each top parent (public model pages). */
const TOP_PARENT_MODEL_TYPES = [
  "flux",
  "qwen2",
  "qwen2",
  "gemma",
  "gemma",
  "distilbert",
  "stable-diffusion-xl",
  "qwen2",
  "bert",
  "bert",
];

/** Probability a root parent has each trait (assumption: bases are well documented). */
const ROOT_HAS = { license: 0.85, task: 0.9, library: 0.92 };
/**
 * P(child lists a license | parent lists one), by relation (assumption; tuned to §6: 73% of finetune edges both
 * report).
 */
const LICENSE_REPORT: Readonly<Record<Relation, number>> = { finetune: 0.8, quantized: 0.75, adapter: 0.4, merge: 0.6 };
/** P(child lists a license | parent lists none) (assumption). */
const LICENSE_FROM_NONE = 0.25;
/** P(child's license differs from its parent's): commercial parents drift much more (§4.3 F-license arrows). */
const LICENSE_MUTATION = { commercial: 0.6, other: 0.18 };
/**
 * Share of license mutations that go downstream in LICENSE_ORDER; the rest are random (§6: ~94% of drift directions).
 */
const DIRECTED_SHARE = 0.85;
/** P(child keeps the parent's task) for relations that never change the task, else no task (assumption). */
const TASK_KEEP: Readonly<Record<Relation, number>> = { finetune: 1, quantized: 0.85, adapter: 0.75, merge: 0.9 };
/**
 * P(a finetune changes the task), by parent task (data/reference/paper-key-stats.json: 41% of finetune edges change
 * task; §5 F-task-transitions: fill-mask -> classification dominates).
 */
const TASK_MUTATION: Readonly<Record<string, number>> = { "fill-mask": 0.85, "feature-extraction": 0.6, default: 0.4 };
/**
 * Archetypes whose tasks a finetune may move between (text models switch heads, e.g. LLMs fine-tuned as classifiers).
 */
const TASK_MODALITIES: readonly (readonly string[])[] = [
  ["llm", "encoder"],
  ["diffusion", "vision"],
  ["speech"],
  ["rl"],
  ["other"],
];
/** P(child gets a task | parent has none) (assumption). */
const TASK_FROM_NONE = 0.5;
/** Archetype of models without lineage and without a task (assumption). */
const NO_TASK_ARCHETYPE_WEIGHTS = [0.45, 0.15, 0.2, 0.05, 0.05, 0.05, 0.05];

/**
 * Draws the single-valued traits of every model: `planTraits(lineage, rng.fork("traits"))`.
 * Lineage models first (time order, inheriting), then the others from the remaining quotas (fairFill).
 */
export function planTraits(L: Lineage, rng: Rng): Traits {
  const { n } = L;
  const t: Traits = {
    archetype: new Int8Array(n),
    license: new Int16Array(n),
    task: new Int16Array(n),
    library: new Int16Array(n),
    modelType: new Int16Array(n),
  };
  const urns = {
    license: new QuotaUrn(categoryQuotas(LICENSES, n)),
    task: new QuotaUrn(categoryQuotas(TASKS, n)),
    library: new QuotaUrn(categoryQuotas(LIBRARIES, n)),
  };
  const isolated: number[] = [];
  for (let i = 0; i < n; i++) {
    if (L.topParent[i] >= 0) assignTopParent(t, i, L.topParent[i]);
    else if (L.relation[i] > 0) assignChild(t, L, i, rng);
    else if (L.childCount[i] > 0) assignRoot(t, i, L.archetype[i], rng);
    else {
      isolated.push(i);
      continue;
    }
    urns.license.take(t.license[i]);
    urns.task.take(t.task[i]);
    urns.library.take(t.library[i]);
  }
  shuffleInPlace(isolated, rng);
  for (const i of isolated) assignIsolatedTask(t, i, urns.task, rng);
  fairFill(urns.library, LIBRARIES.allowed, t.archetype, isolated, t.library, rng);
  fairFill(urns.license, LICENSES.allowed, t.archetype, isolated, t.license, rng);
  return t;
}

function assignTopParent(t: Traits, i: number, j: number): void {
  const top = TOP_PARENTS[j];
  t.archetype[i] = ARCHETYPES.indexOf(top.archetype);
  t.license[i] = categoryIndex(LICENSES, top.license);
  t.task[i] = categoryIndex(TASKS, top.task);
  t.library[i] = categoryIndex(LIBRARIES, top.library);
  t.modelType[i] = MODEL_TYPES.indexOf(TOP_PARENT_MODEL_TYPES[j]) + 1;
}

const STATIC_WEIGHTS = new Map<string, number[]>();

/** Index drawn from `table` proportional to the paper's frequency among categories allowed for `arch`. */
function drawStatic(table: CategoryTable, arch: number, rng: Rng, exclude = 0): number {
  const key = `${table.names[1]}/${arch}/${exclude}`;
  let weights = STATIC_WEIGHTS.get(key);
  if (!weights) {
    const allowed = table.allowed[arch];
    weights = Array.from(table.weights, (w, c) => (c === 0 || c === exclude || !allowed[c] ? 0 : w));
    STATIC_WEIGHTS.set(key, weights);
  }
  return Math.max(weightedIndex(weights, rng), 0);
}

function modelTypeFor(arch: number, rng: Rng): number {
  const types = MODEL_TYPES_BY_ARCHETYPE[ARCHETYPES[arch]];
  return MODEL_TYPES.indexOf(types[Math.min(types.length - 1, Math.floor(types.length * rng() * rng()))]) + 1;
}

function assignRoot(t: Traits, i: number, arch: number, rng: Rng): void {
  t.archetype[i] = arch;
  t.license[i] = rng() < ROOT_HAS.license ? drawStatic(LICENSES, arch, rng) : 0;
  t.task[i] = rng() < ROOT_HAS.task ? drawStatic(TASKS, arch, rng) : 0;
  t.library[i] = rng() < ROOT_HAS.library ? drawStatic(LIBRARIES, arch, rng, PEFT) : 0;
  t.modelType[i] = modelTypeFor(arch, rng);
}

const PEFT = categoryIndex(LIBRARIES, "peft");
const TRANSFORMERS = categoryIndex(LIBRARIES, "transformers");
const DIFFUSERS = categoryIndex(LIBRARIES, "diffusers");
const MLX = categoryIndex(LIBRARIES, "mlx");
const COMMERCIAL = new Set(LLM_ONLY_LICENSES.map((name) => categoryIndex(LICENSES, name)));
const LICENSE_RANK = new Map(LICENSE_ORDER.map((name, r) => [categoryIndex(LICENSES, name), r]));
const TASK_RANK = new Map(TASK_ORDER.map((name, r) => [categoryIndex(TASKS, name), r]));
const ARCH = { llm: 0, diffusion: 1, encoder: 2 };
/** Tasks a finetune of each archetype may drift to: those of its modality (TASK_MODALITIES). */
const TASK_DRIFT_ALLOWED: Uint8Array[] = ARCHETYPES.map((a) => {
  const modality = TASK_MODALITIES.find((m) => m.includes(a)) ?? [a];
  return Uint8Array.from(TASKS.names, (_, k) => (k > 0 && modality.includes(ARCHETYPES[TASK_ARCHETYPE[k]]) ? 1 : 0));
});

function assignChild(t: Traits, L: Lineage, i: number, rng: Rng): void {
  const p = L.parents[L.parentOffsets[i]];
  const rel = RELATIONS[L.relation[i] - 1];
  const arch = L.archetype[i];
  t.archetype[i] = arch;
  t.modelType[i] = rng() < 0.95 ? t.modelType[p] : modelTypeFor(arch, rng);
  t.license[i] = childLicense(t.license[p], rel, arch, rng);
  t.task[i] = childTask(t.task[p], rel, arch, rng);
  t.library[i] = childLibrary(t.library[p], rel, arch, rng);
}

/** A value downstream of `from` in an ordering (by the paper's frequency), or a random one. */
function drift(table: CategoryTable, ranks: Map<number, number>, from: number, allowed: Uint8Array, rng: Rng): number {
  const rank = ranks.get(from) ?? -1;
  const directed = rng() < DIRECTED_SHARE;
  const w = Array.from(table.weights, (wk, k) => {
    if (k === 0 || k === from || !allowed[k]) return 0;
    if (!directed) return wk;
    const rk = ranks.get(k);
    return rk !== undefined && rk > rank ? wk : 0;
  });
  const k = weightedIndex(w, rng);
  return k > 0 ? k : from;
}

function childLicense(parent: number, rel: Relation, arch: number, rng: Rng): number {
  if (parent === 0) return rng() < LICENSE_FROM_NONE ? drawStatic(LICENSES, arch, rng) : 0;
  if (rng() >= LICENSE_REPORT[rel]) return 0;
  const mutation = COMMERCIAL.has(parent) ? LICENSE_MUTATION.commercial : LICENSE_MUTATION.other;
  return rng() < mutation ? drift(LICENSES, LICENSE_RANK, parent, LICENSES.allowed[arch], rng) : parent;
}

function childTask(parent: number, rel: Relation, arch: number, rng: Rng): number {
  if (parent === 0) return rng() < TASK_FROM_NONE ? drawStatic(TASKS, arch, rng) : 0;
  if (rel !== "finetune") return rng() < TASK_KEEP[rel] ? parent : 0;
  const name = TASKS.names[parent] as string;
  const mutation = TASK_MUTATION[name] ?? TASK_MUTATION.default;
  if (rng() >= mutation) return parent;
  return drift(TASKS, TASK_RANK, parent, TASK_DRIFT_ALLOWED[arch], rng);
}

/**
 * Library of an adapter child, by parent archetype group: [library, weight] (assumption; LoRAs of image models use
 * diffusers).
 */
const ADAPTER_LIBRARIES: Readonly<
  Record<"diffusion" | "encoder" | "other", ReadonlyArray<readonly [string | null, number]>>
> = {
  diffusion: [
    ["diffusers", 0.85],
    ["peft", 0.1],
    [null, 0.05],
  ],
  encoder: [
    ["peft", 0.88],
    ["adapter-transformers", 0.05],
    [null, 0.07],
  ],
  other: [
    ["peft", 0.93],
    [null, 0.07],
  ],
};
/**
 * Library of a quantized child: none (GGUF repositories rarely declare one), the base library, mlx for LLMs, else the
 * parent's (assumption).
 */
const QUANTIZED_LIBRARY = { none: 0.45, base: 0.35, mlx: 0.03 };
/**
 * P(a finetune of a peft adapter is a merged transformers model) (§6 library ordering: peft upstream of transformers).
 */
const MERGED_ADAPTER = 0.5;
/** P(a finetune or merge keeps its parent's library) (assumption; libraries are mostly inherited). */
const LIBRARY_KEEP = 0.9;

function adapterLibrary(arch: number, rng: Rng): number {
  const group = arch === ARCH.diffusion ? "diffusion" : arch === ARCH.encoder ? "encoder" : "other";
  const options = ADAPTER_LIBRARIES[group];
  return categoryIndex(
    LIBRARIES,
    options[
      weightedIndex(
        options.map(([, w]) => w),
        rng,
      )
    ][0],
  );
}

function childLibrary(parent: number, rel: Relation, arch: number, rng: Rng): number {
  if (rel === "adapter") return adapterLibrary(arch, rng);
  const u = rng();
  if (rel === "quantized") {
    if (u < QUANTIZED_LIBRARY.none) return 0;
    if (u < QUANTIZED_LIBRARY.none + QUANTIZED_LIBRARY.base) return arch === ARCH.diffusion ? DIFFUSERS : TRANSFORMERS;
    if (u < QUANTIZED_LIBRARY.none + QUANTIZED_LIBRARY.base + QUANTIZED_LIBRARY.mlx && arch === ARCH.llm) return MLX;
    return parent;
  }
  if (parent === PEFT) return u < MERGED_ADAPTER ? TRANSFORMERS : PEFT;
  if (parent > 0 && u < LIBRARY_KEEP) return parent;
  return drawStatic(LIBRARIES, arch, rng, PEFT);
}

function assignIsolatedTask(t: Traits, i: number, urn: QuotaUrn, rng: Rng): void {
  const task = Math.max(0, urn.draw(rng));
  const arch = task > 0 ? TASK_ARCHETYPE[task] : weightedIndex(NO_TASK_ARCHETYPE_WEIGHTS, rng);
  t.task[i] = task;
  t.archetype[i] = arch;
  t.modelType[i] = arch === ARCHETYPES.indexOf("other") && rng() < 0.7 ? 0 : modelTypeFor(arch, rng);
}
