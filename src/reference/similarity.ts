// The rules for the similarity stats (data/reference/README.md §1, §9): sampled means are random on both sides, so a
// mean agrees when |mean_ours − mean_ref| ≤ 2.5·h, with h the half-width of the reference's 95% interval (about 3.5 σ
// of the difference of two independent estimates). A configuration whose pattern has no instance agrees when both
// sides report no mean and 0 valid pairs; `valid_pairs` is reported, not compared. A zero-width interval means every
// valid pair was the same pair (quad_3 on the sample's cards): the mean is then deterministic and agrees within the
// float tolerance. Fixed pairs agree to the float tolerance, and the vocabulary cut exactly up to the tie at the cut.
import type { MeanInterval } from "../similarity/bootstrap";
import type { FixedPair } from "../similarity/fixedPairs";
import type { VocabularyFit } from "../similarity/vocabulary";
import { AGREEING, type ComparisonStatus, REFERENCE_TOLERANCE, compareValues } from "./rules";

/** One configuration's comparison. */
export interface SampledComparison {
  config: string;
  reference: MeanInterval | undefined;
  ours: MeanInterval | undefined;
  /** |ours − reference| (null when either has no mean). */
  difference: number | null;
  /** 2.5 × the reference's half-width (at least the float tolerance of a deterministic mean). */
  allowed: number | null;
  agrees: boolean;
}

/** Keys of the similarity stats holding the authors' printed text or seeding notes: never compared (§11). */
export const TEXT_LEAVES: ReadonlySet<string> = new Set(["similarity.seeds", "similarity.printed_cards_progress"]);

/**
 * How far apart sampled means may be, in reference half-widths (data/reference/README.md §1): `compareSampledMeans(ref,
 * ours, SAMPLED_MEAN_HALF_WIDTHS)`.
 */
export const SAMPLED_MEAN_HALF_WIDTHS = 2.5;

/**
 * Compares one run keyed by configuration with the reference's (both `{ config: { mean, ci95, valid_pairs } }`).
 * Example: `compareSampledMeans(referenceValue(settings, "similarity.metadata.tfidf"), resemblanceStats(results))`.
 */
export function compareSampledMeans(
  reference: Record<string, MeanInterval>,
  ours: Record<string, MeanInterval>,
  halfWidths = SAMPLED_MEAN_HALF_WIDTHS,
): SampledComparison[] {
  const keys = [...new Set([...Object.keys(reference), ...Object.keys(ours)])];
  return keys.map((config) => {
    const ref = reference[config];
    const mine = ours[config];
    if (!ref || !mine) return { config, reference: ref, ours: mine, difference: null, allowed: null, agrees: false };
    if (ref.mean === null || mine.mean === null) {
      const bothEmpty = ref.mean === null && mine.mean === null && mine.valid_pairs === 0;
      return { config, reference: ref, ours: mine, difference: null, allowed: null, agrees: bothEmpty };
    }
    const half = ((ref.ci95[1] as number) - (ref.ci95[0] as number)) / 2;
    const allowed = Math.max(halfWidths * half, REFERENCE_TOLERANCE); // means lie in [0, 1]
    const difference = Math.abs(mine.mean - ref.mean);
    return { config, reference: ref, ours: mine, difference, allowed, agrees: difference <= allowed };
  });
}

/**
 * Largest absolute difference between two lists of fixed pairs (same order and ids): `fixedPairsMaxError(ref, ours)`.
 */
export function fixedPairsMaxError(reference: readonly FixedPair[], ours: readonly FixedPair[]): number {
  if (reference.length !== ours.length) return Infinity;
  let worst = 0;
  reference.forEach((r, i) => {
    const o = ours[i];
    if (o.a !== r.a || o.b !== r.b) worst = Infinity;
    else
      worst = Math.max(
        worst,
        Math.abs(o.tfidf - r.tfidf),
        Math.abs(o.bow - r.bow),
        Math.abs(o.levenshtein - r.levenshtein),
      );
  });
  return worst;
}

/**
 * The rule for one `similarity.*` key (the key without the prefix): sampled runs by the 2.5 half-width rule, the
 * duo-panel quirk's interval likewise, fixed pairs to the float tolerance with the vocabulary cut exact up to the tie
 * at the cut, the rest by the generic rules. Example: `similarityRule("metadata.tfidf", ref, ours).status`.
 */
export function similarityRule(at: string, ref: any, ours: any): { status: ComparisonStatus; detail: string } {
  const verdict = (ok: boolean, detail: string, agree: ComparisonStatus = "within interval") => ({
    status: ok ? agree : ("differs" as const),
    detail,
  });
  if (/^(metadata|model_cards|metadata_repo_graph_variant)\.(tfidf|bow|levenshtein)$/.test(at)) {
    const rows = compareSampledMeans(ref, ours);
    const bad = rows.filter((r) => !r.agrees).map((r) => r.config);
    return verdict(
      bad.length === 0,
      `${rows.length - bad.length} of ${rows.length} configurations within 2.5 half-widths${bad.length ? "; not: " + bad.join(", ") : ""}`,
    );
  }
  if (at.endsWith("plot_quirk_duo_panel_errorbar_ci")) {
    const bad = Object.keys(ref).filter((m) => {
      const [lo, hi] = ref[m];
      const mine = ours?.[m];
      return (
        !mine ||
        Math.abs((mine[0] + mine[1]) / 2 - (lo + hi) / 2) >
          Math.max((SAMPLED_MEAN_HALF_WIDTHS * (hi - lo)) / 2, REFERENCE_TOLERANCE)
      );
    });
    return verdict(
      bad.length === 0,
      bad.length ? `interval centres differ: ${bad.join(", ")}` : "interval centres within 2.5 half-widths",
    );
  }
  if (/fixed_pairs(_and_vocabulary)?$/.test(at)) {
    const error = fixedPairsMaxError(ref.pairs, ours.pairs ?? []);
    const cut = ["corpus_size", "distinct_terms_before_cut", "term_count_at_rank_512", "term_count_at_rank_513"].filter(
      (k) => k in ref && ref[k] !== ours[k],
    );
    const tied = new Set<string>([...(ref.terms_tied_at_cut ?? []), ...(ours.terms_tied_at_cut ?? [])]);
    const mine = new Set<string>(ours.vocabulary_512 ?? []);
    const theirs = new Set<string>(ref.vocabulary_512 ?? []);
    const off = [...mine]
      .filter((t) => !theirs.has(t))
      .concat([...theirs].filter((t) => !mine.has(t)))
      .filter((t) => !tied.has(t));
    const sameTie =
      JSON.stringify([...(ref.terms_tied_at_cut ?? [])].sort()) ===
      JSON.stringify([...(ours.terms_tied_at_cut ?? [])].sort());
    const ok =
      error <= REFERENCE_TOLERANCE && cut.length === 0 && off.length === 0 && sameTie && mine.size === theirs.size;
    return verdict(
      ok,
      `pairs max abs error ${error.toExponential(2)}; cut ${cut.length ? "differs in " + cut.join(", ") : "equal"}; vocabulary ${off.length ? off.length + " terms differ outside the tie" : "equal up to the tie at the cut"}`,
      "equal",
    );
  }
  const status = compareValues(ref, ours);
  return {
    status,
    detail: AGREEING.has(status)
      ? status
      : `reference ${JSON.stringify(ref).slice(0, 80)} · here ${JSON.stringify(ours).slice(0, 80)}`,
  };
}

/** How a fitted vocabulary compares with the reference's: equal, different only inside the tie at the cut, or not. */
export interface VocabularyAgreement {
  onlyOurs: string[];
  onlyReference: string[];
  /** Same corpus size, distinct terms and counts at the cut, and every differing term is in the tie at the cut. */
  differsOnlyInTies: boolean;
  identical: boolean;
}

/** Compares our vocabulary cut with the reference's: `vocabularyAgreement(vectorizer.fit, oracle.vocabulary)`. */
export function vocabularyAgreement(ours: VocabularyFit, reference: VocabularyFit): VocabularyAgreement {
  const a = new Set(ours.vocabulary_512);
  const b = new Set(reference.vocabulary_512);
  const onlyOurs = [...a].filter((t) => !b.has(t));
  const onlyReference = [...b].filter((t) => !a.has(t));
  const tied = new Set([...ours.terms_tied_at_cut, ...reference.terms_tied_at_cut]);
  const sameCut =
    ours.corpus_size === reference.corpus_size &&
    ours.distinct_terms_before_cut === reference.distinct_terms_before_cut &&
    ours.term_count_at_rank_512 === reference.term_count_at_rank_512 &&
    ours.term_count_at_rank_513 === reference.term_count_at_rank_513;
  const identical = onlyOurs.length === 0 && onlyReference.length === 0;
  return {
    onlyOurs,
    onlyReference,
    identical,
    differsOnlyInTies: sameCut && [...onlyOurs, ...onlyReference].every((t) => tied.has(t)),
  };
}
