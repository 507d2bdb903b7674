// Family resemblance against kinship controls (docs/methods.md §4.1 "The paper's three claims", §5 F-sim-meta-tfidf):
// the paper's main figure (metadata strings, TF-IDF cosine, the 24 kinship configurations) recomputed with three
// baselines beside its random pair (similarity/controls.ts) and on metadata strings without the model's identity
// (similarity/metadataString.ts `redact`):
//
//   baselines   any pair (the paper's), same family, same organisation in other families, different families
//   corpora     the paper's string; without `_id`, `id`, `modelId` ("identity"); also without the `base_model:` tags
//               ("identity-and-lineage"), which name the parents
//
// Claim 1 (related beats random) is re-judged against each baseline: every related configuration's mean must lie above
// the baseline's 95% interval. Claims 2 and 3 compare related pairs only, so only the corpus can change them.
// Pairs come from `rng.fork("pairs")` and the bootstrap of the paper's corpus from `rng.fork("bootstrap/metadata/
// tfidf")`, so with the same seed, n and B the paper's corpus gives notebook 30-resemblance's means exactly.
import type pl from "nodejs-polars";
import type { LineageGraph } from "../lineage/graph";
import type { Rng } from "../random";
import type { MeanInterval } from "../similarity/bootstrap";
import { type ClaimCheck, resemblanceClaims } from "../similarity/claims";
import { type KinshipControl, controlConfig, controlGroups } from "../similarity/controls";
import { metadataCorpus } from "../similarity/dna";
import { KINSHIP_CONFIGS } from "../similarity/kinship";
import { similarityMeasures } from "../similarity/measures";
import { countMetadataVariantsAsync, type TermTable } from "../similarity/termTable";
import type { MetadataVariant } from "../similarity/metadataTokens";
import { type ConfigSimilarities, kinshipSimilarities, resemblanceStats } from "../similarity/resemblance";
import { type KinshipSample, sampleKinship } from "../similarity/sample";

/** Which metadata string is compared: the paper's, or one without the model's identity. */
export type CorpusVariant = MetadataVariant;

/** Every corpus variant, the paper's first: `for (const v of CORPUS_VARIANTS) ...`. */
export const CORPUS_VARIANTS: readonly CorpusVariant[] = ["paper", "identity", "identity-and-lineage"];

/** One line per corpus variant: `CORPUS_VARIANT_LABELS.identity`. */
export const CORPUS_VARIANT_LABELS: Readonly<Record<CorpusVariant, string>> = {
  paper: "paper's metadata string",
  identity: "without model id and organisation",
  "identity-and-lineage": "also without base_model tags",
};

/** Claim 1 judged against one baseline. */
export interface BaselineVerdict {
  control: KinshipControl;
  /** Stats key of the baseline (rando_1 for "any"). */
  key: string;
  mean: number | null;
  ci95: [number | null, number | null];
  /** Related configurations above the baseline's interval, of those drawn. */
  above: number;
  related: number;
  /** null when the baseline has no pair. */
  holds: boolean | null;
  /** Mean over related configurations, over and minus the baseline mean. */
  ratio: number;
  difference: number;
}

/** Same-organisation and other pairs of one configuration, scored apart. */
export interface OrganisationSplit {
  key: string;
  pairs: number;
  sameOrganisation: number;
  sameMean: number | null;
  otherMean: number | null;
}

/** One corpus variant's run. */
export interface ControlledResemblance {
  variant: CorpusVariant;
  /** Mean, 95% interval and valid pairs per configuration key and control key. */
  stats: Record<string, MeanInterval>;
  /** The paper's three claims with its own random pair. */
  claims: ClaimCheck[];
  baselines: BaselineVerdict[];
  /** duo_1, trio_1_2 and the controls split by whether the two models share an organisation. */
  organisationSplit: OrganisationSplit[];
}

/** Options of resemblanceControls. */
export interface ResemblanceControlOptions {
  /** Pairs per configuration [5000]. */
  n?: number;
  /** Bootstrap resamples [1000]. */
  bootstrap?: number;
  rng: Rng;
  /** Corpus variants [all three]. */
  variants?: readonly CorpusVariant[];
  /** Baselines beside the paper's random pair [same family, same organisation, different families]. */
  controls?: readonly KinshipControl[];
  /**
   * Count the variants' terms in one read of the table rather than one read each [true up to
   * COUNT_TOGETHER_MAX_ROWS models]: faster, but every variant's term table is held at once.
   */
  countTogether?: boolean;
}

/**
 * Most models whose variants are counted together by default: one read of the columns and one term table, whose slots
 * hold every variant's counts (48 bytes a slot for three variants, against 20 for one). At 1.86M models that table
 * takes 1.6 GB; at 18.6M it would take 12.9 GB beside the table, more than a 24 GB machine has to spare, so there
 * each variant is counted on its own (5.4 GB each, one after the other).
 */
export const COUNT_TOGETHER_MAX_ROWS = 4_000_000;

const BASELINES: readonly KinshipControl[] = ["same-family", "same-organisation", "across-families"];

function verdict(control: KinshipControl, stats: Record<string, MeanInterval>): BaselineVerdict {
  const key = controlConfig(control).key;
  const base = stats[key];
  const related = KINSHIP_CONFIGS.filter((c) => c.kinship !== "random" && typeof stats[c.key]?.mean === "number");
  const means = related.map((c) => stats[c.key].mean as number);
  const relatedMean = means.length ? means.reduce((s, m) => s + m, 0) / means.length : Number.NaN;
  const hi = base?.ci95[1];
  const above = hi == null ? 0 : means.filter((m) => m > hi).length;
  const mean = base?.mean ?? null;
  return {
    control,
    key,
    mean,
    ci95: base?.ci95 ?? [null, null],
    above,
    related: related.length,
    holds: mean === null || related.length === 0 ? null : above === related.length,
    ratio: mean ? relatedMean / mean : Number.NaN,
    difference: mean === null ? Number.NaN : relatedMean - mean,
  };
}

function organisationSplit(samples: readonly KinshipSample[], scored: ConfigSimilarities[], org: Int32Array) {
  const keys = new Set(["duo_1", "trio_1_2", ...BASELINES.map((c) => controlConfig(c).key), "rando_1"]);
  const out: OrganisationSplit[] = [];
  scored.forEach((r, k) => {
    const s = samples[k];
    if (!keys.has(r.config.key) || r.values.length !== s.a.length || out.some((o) => o.key === r.config.key)) return;
    let same = 0,
      sameSum = 0,
      otherSum = 0;
    for (let i = 0; i < s.a.length; i++) {
      if (org[s.a[i]] === org[s.b[i]]) {
        same++;
        sameSum += r.values[i];
      } else otherSum += r.values[i];
    }
    const other = s.a.length - same;
    out.push({
      key: r.config.key,
      pairs: s.a.length,
      sameOrganisation: same,
      sameMean: same ? sameSum / same : null,
      otherMean: other ? otherSum / other : null,
    });
  });
  return out;
}

/**
 * The main resemblance figure's numbers on each corpus variant, with the kinship controls. The variants' terms are
 * counted together, in one read of the table's columns, chunk by chunk (`countMetadataVariantsAsync`), or one variant
 * at a time on a table of more than COUNT_TOGETHER_MAX_ROWS models. Example:
 * `(await resemblanceControls(finetune, models, { rng: createRng(settings.seed) })).runs[0].baselines`.
 */
export async function resemblanceControls(
  graph: LineageGraph,
  models: pl.DataFrame,
  options: ResemblanceControlOptions,
): Promise<{ samples: KinshipSample[]; runs: ControlledResemblance[] }> {
  const controls = options.controls ?? BASELINES;
  const samples = sampleKinship(graph, { n: options.n ?? 5000, rng: options.rng.fork("pairs"), controls });
  const { organisation } = controlGroups(graph);
  const runs: ControlledResemblance[] = [];
  if (models.height !== graph.nodeCount)
    throw new Error(`nulls/resemblance: the table has ${models.height} rows, the graph ${graph.nodeCount} nodes`);
  const variants = options.variants ?? CORPUS_VARIANTS;
  const together = options.countTogether ?? models.height <= COUNT_TOGETHER_MAX_ROWS;
  const counted: (TermTable | null)[] = together
    ? await countMetadataVariantsAsync(models, variants)
    : variants.map(() => null);
  for (const [k, variant] of variants.entries()) {
    const corpus = metadataCorpus(models, variant === "paper" ? {} : { redact: variant });
    counted[k] ??= (await countMetadataVariantsAsync(models, [variant]))[0];
    const { measures } = similarityMeasures(corpus, { counted: counted[k] });
    counted[k] = null; // the fitted vocabulary keeps its 512 terms, not the table
    const scored = kinshipSimilarities(samples, corpus, measures.tfidf, {
      bootstrap: options.bootstrap,
      rng: options.rng.fork(variant === "paper" ? "bootstrap/metadata/tfidf" : `bootstrap/metadata-${variant}/tfidf`),
    });
    const stats = resemblanceStats(scored);
    runs.push({
      variant,
      stats,
      claims: resemblanceClaims(stats),
      baselines: (["any", ...controls] as KinshipControl[]).map((c) => verdict(c, stats)),
      organisationSplit: organisationSplit(samples, scored, organisation),
    });
  }
  return { samples, runs };
}
