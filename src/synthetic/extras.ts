// The remaining columns of the synthetic models: authors, downloads, likes, trendingScore, dataset and
// arXiv tags, and the Hub's format and capability tags. Frequencies follow docs/methods.md §5 where the
// paper gives them (dataset tags: 229,630 occurrences led by imagefolder; arXiv 1910.09700 on the Hub's
// default card template); the rest are plausible assumptions.
import { type Rng, weightedIndex } from "../random";
import { ARCHETYPES, CARBON_PAPER, DATASET_TAGS, TOP_DATASETS, scaleToSize } from "./calibration";
import { RELATIONS } from "../data/tags";
import { CARD_KIND } from "./card-text";
import type { CardPlan } from "./cards";
import { LIBRARIES, categoryIndex } from "./categories";
import { type Lineage, REL } from "./graph";
import { lognormal } from "./sampling";
import type { Traits } from "./traits";

/** Dataset tag slots per model. */
export const DATASET_SLOTS = 3;
/** arXiv tag slots per model: the carbon paper, then one other paper. */
export const ARXIV_SLOTS = 2;

/** Per-model extras (time order); codes index the dictionaries below (0 = none). */
export interface Extras {
  author: Int32Array;
  downloads: Float64Array;
  likes: Float64Array;
  trending: Float64Array;
  datasets: Int32Array; // n * DATASET_SLOTS codes into datasetNames (0 = none)
  arxiv: Int32Array; // n * ARXIV_SLOTS codes into ARXIV_IDS (0 = none)
  format: Uint8Array; // FORMAT_TAGS
  capability: Uint8Array; // CAPABILITY_TAGS
  datasetNames: (string | null)[];
}

/** Authors per model (assumption: the Hub has roughly one account per four models). */
const AUTHORS_PER_MODEL = 0.28;
/** Skew of author activity: code = floor(A * u^AUTHOR_SKEW), so low codes publish most (assumption). */
const AUTHOR_SKEW = 2.5;
/** P(child is published by its parent's author) (assumption). */
const SAME_AUTHOR = 0.08;
/** P(dataset tags), by class (assumption; tuned to 229,630 occurrences, §5). */
const DATASET_SHARE: Readonly<Record<string, number>> = {
  finetune: 0.2,
  quantized: 0.05,
  adapter: 0.12,
  merge: 0.04,
  root: 0.15,
  isolated: 0.08,
};
/** Probability of 1, 2 or 3 dataset tags for a model that has some (assumption). */
const DATASET_COUNT_WEIGHTS = [0, 0.72, 0.2, 0.08];
/** P(a child lists its parent's first dataset) (assumption). */
const INHERIT_DATASET = 0.3;
/** Zipf exponent of the tail of datasets, ranks 11 and up (assumption; keeps rank 11 below wikipedia's share, §5). */
const DATASET_ZIPF = 0.7;
/** P(a bespoke card keeps the template's carbon-paper citation) (assumption; tuned to §5 cs.CY 289,447). */
const BESPOKE_CITES_CARBON = 0.14;
/** P(another arXiv tag), by archetype in ARCHETYPES order (assumption). */
const PAPER_SHARE = [0.06, 0.08, 0.08, 0.1, 0.1, 0.02, 0.02];
/** P(a merge cites a merging method) and P(an adapter cites LoRA) (assumption). */
const METHOD_PAPER_SHARE = { merge: 0.3, adapter: 0.15 };
/** Downloads and likes (assumption; the paper reports neither): lognormal means, log-sd, and P(zero). */
const POPULARITY = {
  top: { downloads: 3e6, likes: 2_000, sigma: 0.8, likesSigma: 0.6 },
  rootDownloadsPerSqrtChild: 2_000,
  isolatedDownloads: 60,
  childDownloads: 150,
  downloadsSigma: 2,
  zeroDownloads: 0.35,
  rootLikes: 40,
  otherLikes: 4,
  likesSigma: 1.3,
  zeroLikes: { root: 0.2, other: 0.75 },
};
/**
 * Weight-file format tags: P(gguf | no library), P(pytorch-only | before safetensors), P(safetensors | after)
 * (assumption).
 */
const FORMAT_SHARE = { gguf: 0.5, pytorchOnly: 0.7, safetensors: 0.85 };

/** arXiv ids the generator cites (real ids from the authors' category cache); index 0 = none. */
export const ARXIV_IDS: readonly (string | null)[] = [
  null,
  CARBON_PAPER.id,
  "2106.09685",
  "2305.14314",
  "2305.18290",
  "2307.09288",
  "2310.06825",
  "2407.21783",
  "2412.15115",
  "2403.08295",
  "2402.03300",
  "2309.16609",
  "2203.02155",
  "2005.14165",
  "2306.01708",
  "2311.03099",
  "2203.05482",
  "1810.04805",
  "1910.01108",
  "1907.11692",
  "1908.10084",
  "1706.03762",
  "2210.11416",
  "2112.10752",
  "2307.01952",
  "2212.04356",
  "2010.11929",
];
/** Papers an archetype cites (indices into ARXIV_IDS), in ARCHETYPES order. */
const PAPERS_BY_ARCHETYPE: readonly (readonly number[])[] = [
  [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
  [23, 24, 2],
  [17, 18, 19, 20, 21, 22],
  [25, 21],
  [26, 21],
  [21],
  [21],
];
const MERGE_PAPERS = [14, 15, 16];
const LORA_PAPER = 2;

/** Separator of several tags held in one string before they are split into a list (never inside a tag). */
export const TAG_SEPARATOR = "\u001f";

const tagGroup = (...tags: string[]) => tags.join(TAG_SEPARATOR);

/** Format tags (the weights' file format); index 0 = none. */
export const FORMAT_TAGS: readonly (string | null)[] = [
  null,
  "safetensors",
  "pytorch",
  "gguf",
  tagGroup("pytorch", "safetensors"),
];
/** Indices into FORMAT_TAGS. */
const FORMAT = { none: 0, safetensors: 1, pytorch: 2, gguf: 3, both: 4 };
/** Indices into CAPABILITY_TAGS. */
const CAPABILITY = { none: 0, textGeneration: 1, endpoints: 2, lora: 3, trainer: 4 };
/** Capability tags the Hub appends after the license; index 0 = none. */
export const CAPABILITY_TAGS: readonly (string | null)[] = [
  null,
  tagGroup("autotrain_compatible", "text-generation-inference", "endpoints_compatible"),
  "endpoints_compatible",
  "lora",
  tagGroup("generated_from_trainer", "endpoints_compatible"),
];

const TRANSFORMERS = categoryIndex(LIBRARIES, "transformers");
const DIFFUSERS = categoryIndex(LIBRARIES, "diffusers");
const PEFT = categoryIndex(LIBRARIES, "peft");
const SAFETENSORS_FROM_MS = Date.UTC(2023, 5, 1);
const TRENDING_WINDOW_MS = 45 * 86_400_000;

/** Extras of every model: `planExtras(lineage, traits, cards, rng.fork("extras"))`. */
export function planExtras(L: Lineage, t: Traits, c: CardPlan, rng: Rng): Extras {
  const { n } = L;
  const e: Extras = {
    author: new Int32Array(n),
    downloads: new Float64Array(n),
    likes: new Float64Array(n),
    trending: new Float64Array(n),
    datasets: new Int32Array(n * DATASET_SLOTS),
    arxiv: new Int32Array(n * ARXIV_SLOTS),
    format: new Uint8Array(n),
    capability: new Uint8Array(n),
    datasetNames: datasetCatalogue(n),
  };
  const authors = Math.max(1, Math.round(AUTHORS_PER_MODEL * n));
  const last = L.createdAt[n - 1];
  for (let i = 0; i < n; i++) {
    const p = L.relation[i] > 0 ? L.parents[L.parentOffsets[i]] : -1;
    const cls = p >= 0 ? RELATIONS[L.relation[i] - 1] : L.childCount[i] > 0 ? "root" : "isolated";
    e.author[i] = p >= 0 && rng() < SAME_AUTHOR ? e.author[p] : Math.floor(authors * rng() ** AUTHOR_SKEW);
    popularity(e, L, i, cls, rng);
    if (last - L.createdAt[i] < TRENDING_WINDOW_MS) e.trending[i] = Math.floor(e.likes[i] / 2);
    datasets(e, i, p, DATASET_SHARE[cls], rng);
    papers(e, i, c.kind[i], t.archetype[i], L.relation[i], rng);
    e.format[i] = formatOf(t.library[i], L.createdAt[i], rng);
    e.capability[i] = capabilityOf(t.library[i], t.archetype[i], L.relation[i], c.kind[i]);
  }
  return e;
}

function popularity(e: Extras, L: Lineage, i: number, cls: string, rng: Rng): void {
  const p = POPULARITY;
  if (L.topParent[i] >= 0) {
    e.downloads[i] = Math.floor(lognormal(rng, p.top.downloads, p.top.sigma));
    e.likes[i] = Math.floor(lognormal(rng, p.top.likes, p.top.likesSigma));
    return;
  }
  const root = cls === "root";
  const base = root
    ? p.rootDownloadsPerSqrtChild * (1 + Math.sqrt(L.childCount[i]))
    : cls === "isolated"
      ? p.isolatedDownloads
      : p.childDownloads;
  e.downloads[i] = !root && rng() < p.zeroDownloads ? 0 : Math.floor(lognormal(rng, base, p.downloadsSigma));
  e.likes[i] =
    rng() < (root ? p.zeroLikes.root : p.zeroLikes.other)
      ? 0
      : Math.floor(1 + lognormal(rng, root ? p.rootLikes : p.otherLikes, p.likesSigma));
}

/** Dataset names: the paper's top ten, then a long synthetic tail sized like §5's 30,298 distinct tags. */
function datasetCatalogue(n: number): (string | null)[] {
  const tail = Math.max(20, scaleToSize(DATASET_TAGS.distinct, n));
  return [
    null,
    ...TOP_DATASETS.map(([name]) => name),
    ...Array.from({ length: tail }, (_, k) => `datasets-org${k % 97}/corpus-${k}`),
  ];
}

const TOP_DATASET_SHARE = TOP_DATASETS.reduce((s, [, c]) => s + c, 0) / DATASET_TAGS.occurrences;
const TOP_DATASET_WEIGHTS = TOP_DATASETS.map(([, c]) => c);

/** A dataset: one of the top ten in the paper's proportions, else the Zipf tail. */
function drawDataset(e: Extras, rng: Rng): number {
  if (rng() < TOP_DATASET_SHARE) return 1 + weightedIndex(TOP_DATASET_WEIGHTS, rng);
  const tail = e.datasetNames.length - 1 - TOP_DATASETS.length;
  const a = 1 - DATASET_ZIPF;
  const lo = (TOP_DATASETS.length + 1) ** a;
  const hi = (TOP_DATASETS.length + 1 + tail) ** a;
  const rank = Math.floor((lo + rng() * (hi - lo)) ** (1 / a)) - TOP_DATASETS.length - 1; // continuous Zipf inverse CDF
  return 1 + TOP_DATASETS.length + Math.min(tail - 1, Math.max(0, rank));
}

function datasets(e: Extras, i: number, p: number, share: number, rng: Rng): void {
  if (rng() >= share) return;
  const count = weightedIndex(DATASET_COUNT_WEIGHTS, rng);
  const at = i * DATASET_SLOTS;
  for (let k = 0; k < count; k++) {
    const inherited = k === 0 && p >= 0 && e.datasets[p * DATASET_SLOTS] > 0 && rng() < INHERIT_DATASET;
    const d = inherited ? e.datasets[p * DATASET_SLOTS] : drawDataset(e, rng);
    let dup = false;
    for (let j = 0; j < k; j++) if (e.datasets[at + j] === d) dup = true;
    if (!dup) e.datasets[at + k] = d;
  }
}

function papers(e: Extras, i: number, cardKind: number, arch: number, relation: number, rng: Rng): void {
  const at = i * ARXIV_SLOTS;
  if (cardKind === CARD_KIND.template || (cardKind === CARD_KIND.bespoke && rng() < BESPOKE_CITES_CARBON))
    e.arxiv[at] = 1;
  let paper = 0;
  if (relation === REL.merge && rng() < METHOD_PAPER_SHARE.merge) paper = MERGE_PAPERS[rng.int(MERGE_PAPERS.length)];
  else if (relation === REL.adapter && rng() < METHOD_PAPER_SHARE.adapter) paper = LORA_PAPER;
  else if (rng() < PAPER_SHARE[arch]) paper = PAPERS_BY_ARCHETYPE[arch][rng.int(PAPERS_BY_ARCHETYPE[arch].length)];
  e.arxiv[at + 1] = paper;
}

function formatOf(library: number, createdAt: number, rng: Rng): number {
  if (library === 0) return rng() < FORMAT_SHARE.gguf ? FORMAT.gguf : FORMAT.none; // gguf repositories rarely declare a library
  if (library !== TRANSFORMERS && library !== DIFFUSERS && library !== PEFT) return FORMAT.none;
  if (createdAt < SAFETENSORS_FROM_MS) return rng() < FORMAT_SHARE.pytorchOnly ? FORMAT.pytorch : FORMAT.both;
  return rng() < FORMAT_SHARE.safetensors ? FORMAT.safetensors : FORMAT.none;
}

function capabilityOf(library: number, arch: number, relation: number, cardKind: number): number {
  if (cardKind === CARD_KIND.trainer) return CAPABILITY.trainer;
  if (library === PEFT || (library === DIFFUSERS && relation === REL.adapter)) return CAPABILITY.lora;
  if (library === TRANSFORMERS)
    return arch === ARCHETYPES.indexOf("llm") ? CAPABILITY.textGeneration : CAPABILITY.endpoints;
  return CAPABILITY.none;
}
