// The simulator calibrated to the paper's population (docs/methods.md §3.2, §6; exact counts from the authors' printed
// outputs in data/reference/paper-key-stats.json): 1,860,411 models, the children per relation, the further-children
// shares, the trait marginals of the summary figure and the mutation rates. Where the paper prints no number, the
// value below says so and what was assumed instead.
import * as fs from "node:fs";
import * as path from "node:path";
import { PAPER_EDGE_COUNTS, PAPER_FURTHER_CHILDREN, PAPER_MODEL_COUNT, PAPER_MUTATION_RATES } from "../paper";
import { repoRoot } from "../settings";
import type { SimTraitParams, SimulatorParams } from "./params";

/** The authors' printed outputs on the paper's snapshot (data/reference/README.md), read once. */
const KEY_STATS_FILE = path.join("data", "reference", "paper-key-stats.json");
let keyStats: Record<string, unknown> | undefined;

/**
 * A count table of paper-key-stats.json, most frequent first (ties by name): `paperCounts("license_counts_all_models")`.
 */
function paperCounts(key: "license_counts_all_models" | "language_counts_all_models"): [string, number][] {
  keyStats ??= JSON.parse(fs.readFileSync(path.join(repoRoot(), KEY_STATS_FILE), "utf8")) as Record<string, unknown>;
  const counts = keyStats[key] as Record<string, number> | undefined;
  if (!counts) throw new Error(`simulate/paperParams: ${KEY_STATS_FILE} has no ${key}`);
  return Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
}

/** Licenses kept: the 30 most frequent of `license_counts_all_models`. */
const TOP_LICENSES = 30;

/** Languages kept: the 25 most frequent of `language_counts_all_models`. */
const TOP_LANGUAGES = 25;

/** Models listing a language (docs/methods.md §6 "Summary figure"; the key-stats file holds only the counts). */
const PAPER_LANGUAGE_MODELS = 258_938;

/**
 * The share of roots listing a trait, from the paper's share of all models listing it. The paper prints no share of
 * roots, so it is solved under the simulator's own rules: a root lists the trait with probability p, and a child
 * keeps its parent's (`kept` = 1) or, when the parent lists none, gains one with probability p (`gained` = presence),
 * so a child of a root lists it with probability 1 − (1 − p)². Taking every child as a root's child (few children have
 * children of their own: PAPER_FURTHER_CHILDREN), the share of all models is r·p + (1 − r)·(1 − (1 − p)²) with r the
 * root share; this solves it for p. Deeper descendants list the trait a little more often, and whole families list it
 * or not together, so a grown snapshot lands near the paper's share, not on it (at 1,860,411 models, seed 1: licenses
 * 36.0% against the paper's 36.1%, languages 14.1% against 13.9%). Example: `rootPresence(0.36, 0.7)` is about 0.3.
 */
function rootPresence(share: number, rootShare: number): number {
  const a = 1 - rootShare;
  if (a <= 0) return share;
  const b = 2 - rootShare;
  return (b - Math.sqrt(b * b - 4 * a * share)) / (2 * a);
}

/** Task shares (% of models with a task), the summary figure's top 10 (docs/methods.md §6 "Summary figure"). */
const TASK_SHARES: [string, number][] = [
  ["text-generation", 41.07],
  ["text-classification", 13.62],
  ["text-to-image", 11.4],
  ["reinforcement-learning", 8.66],
  ["automatic-speech-recognition", 3.49],
  ["token-classification", 3.23],
  ["image-classification", 2.59],
  ["fill-mask", 2.1],
  ["feature-extraction", 2.01],
  ["question-answering", 1.79],
];

/** Library shares (% of models with a library), the summary figure's top 10 (docs/methods.md §6). */
const LIBRARY_SHARES: [string, number][] = [
  ["transformers", 63.17],
  ["peft", 19.92],
  ["diffusers", 8.31],
  ["stable-baselines3", 2.14],
  ["sentence-transformers", 1.32],
  ["ml-agents", 1.08],
  ["tf-keras", 0.34],
  ["adapter-transformers", 0.33],
  ["keras", 0.26],
  ["mlx", 0.26],
];

/**
 * Mutation rates off the fine-tune graph, from the two runs (docs/methods.md §6): v1 covers all edges, final the
 * fine-tune edges, so (v1 mutations − final mutations) / (v1 traffic − final traffic) is the rate of the others.
 */
function otherRate(trait: "licenses" | "languages" | "pipeline_tag"): number {
  const v1 = PAPER_MUTATION_RATES.v1[trait]!,
    final = PAPER_MUTATION_RATES.final[trait]!;
  return (v1.rate * v1.traffic - final.rate * final.traffic) / (v1.traffic - final.traffic);
}

function trait(counts: [string, number][], presence: number, finetune: number, other: number): SimTraitParams {
  return {
    values: counts.map(([v]) => v),
    weights: counts.map(([, c]) => c),
    presence,
    rates: { finetune, quantized: other, adapter: other, merge: other },
  };
}

/** Options of paperSimulatorParams: any field to change, on top of the paper's numbers. */
export type PaperSimulatorOptions = Partial<Omit<SimulatorParams, "traits" | "source">>;

/**
 * The simulator calibrated to the paper's population. Fitted or assumed where the paper prints nothing:
 * `attachment` (fitted so the largest parent has about the paper's 33,042 children at full size), root fertility
 * and merge fertility (assumed equal to fine-tunes'), `sameOrganisation` and `organisationShare` (assumed from the
 * shipped real datasets), the presence of licenses and languages among roots (solved from their share of all models,
 * `rootPresence`), the presence of tasks and libraries (assumed 0.8), and the library mutation rate (assumed 5%).
 * Licenses and languages are the 30 and 25 most frequent of paper-key-stats.json. Example:
 * `paperSimulatorParams({ n: 200_000, q: 0.9 })`.
 */
export function paperSimulatorParams(options: PaperSimulatorOptions = {}): SimulatorParams {
  const children = PAPER_EDGE_COUNTS.finetune + PAPER_EDGE_COUNTS.quantized + PAPER_EDGE_COUNTS.adapter;
  const mergeChildren = PAPER_EDGE_COUNTS.merge / 2; // two parents each (docs/methods.md §7.2 item 9)
  const further = (r: "finetune" | "quantized" | "adapter") => PAPER_FURTHER_CHILDREN[r] / PAPER_EDGE_COUNTS[r];
  const ft = PAPER_MUTATION_RATES.final;
  const rootShare = 1 - (children + mergeChildren) / PAPER_MODEL_COUNT;
  const licenses = paperCounts("license_counts_all_models");
  // a model lists at most one license tag (as every model of the shipped sample and radar does), so the 671,895
  // license tags are as many models
  const licensed = licenses.reduce((sum, [, c]) => sum + c, 0);
  return {
    n: PAPER_MODEL_COUNT,
    rootShare,
    relationMix: {
      finetune: PAPER_EDGE_COUNTS.finetune,
      quantized: PAPER_EDGE_COUNTS.quantized,
      adapter: PAPER_EDGE_COUNTS.adapter,
      merge: mergeChildren,
    },
    attachment: PAPER_ATTACHMENT,
    fertility: {
      root: further("finetune"),
      finetune: further("finetune"),
      quantized: further("quantized"),
      adapter: further("adapter"),
      merge: further("finetune"),
    },
    sameOrganisation: 0.3,
    organisationShare: 0.4,
    q: 0.5,
    traits: {
      licenses: trait(
        licenses.slice(0, TOP_LICENSES),
        rootPresence(licensed / PAPER_MODEL_COUNT, rootShare),
        ft.licenses!.rate,
        otherRate("licenses"),
      ),
      languages: trait(
        paperCounts("language_counts_all_models").slice(0, TOP_LANGUAGES),
        rootPresence(PAPER_LANGUAGE_MODELS / PAPER_MODEL_COUNT, rootShare),
        ft.languages!.rate,
        otherRate("languages"),
      ),
      pipeline_tag: trait(TASK_SHARES, 0.8, ft.pipeline_tag!.rate, otherRate("pipeline_tag")),
      library_name: trait(LIBRARY_SHARES, 0.8, 0.05, 0.05),
    },
    source: "paper population (docs/methods.md §6)",
    ...options,
  };
}

/** Share of uniform parent picks for the paper's population, fitted to its largest parent (paperSimulatorParams). */
export const PAPER_ATTACHMENT = 0.22;
