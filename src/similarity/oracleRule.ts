// Comparison of sampled similarity results with the reference (data/reference/README.md §1): sampled means are random on both
// sides, so a mean agrees when |mean_ours − mean_ref| ≤ 2.5·h, with h the half-width of the reference's 95%
// interval (about 3.5 σ of the difference of two independent estimates). A configuration whose pattern has no
// instance agrees when both sides report no mean and 0 valid pairs. `valid_pairs` is reported, not compared.
// A zero-width interval means every valid pair was the same pair (quad_3 on the sample's cards); the mean is then
// deterministic and agrees within FLOAT_SLACK, the reference's tolerance for deterministic values.
import type { MeanInterval } from "./bootstrap";

/** How far apart sampled means may be, in reference half-widths (data/reference/README.md §1): `compareSampledMeans(ref, ours, SAMPLED_MEAN_HALF_WIDTHS)`. */
export const SAMPLED_MEAN_HALF_WIDTHS = 2.5;

/** Absolute slack for rounding (the same values summed in another order): `Math.max(2.5 * h, FLOAT_SLACK)`. */
export const FLOAT_SLACK = 1e-9;

/** One configuration's comparison. */
export interface SampledComparison {
  config: string;
  reference: MeanInterval | undefined;
  ours: MeanInterval | undefined;
  /** |ours − reference| (null when either has no mean). */
  difference: number | null;
  /** 2.5 × the reference's half-width (at least FLOAT_SLACK). */
  allowed: number | null;
  agrees: boolean;
}

/**
 * Compares one run keyed by configuration with the reference's (both `{ config: { mean, ci95, valid_pairs } }`).
 * Example: `compareSampledMeans(oracleValue(settings, "similarity.metadata.tfidf"), resemblanceStats(results))`.
 */
export function compareSampledMeans(reference: Record<string, MeanInterval>, ours: Record<string, MeanInterval>, halfWidths = SAMPLED_MEAN_HALF_WIDTHS): SampledComparison[] {
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
    const allowed = Math.max(halfWidths * half, FLOAT_SLACK);
    const difference = Math.abs(mine.mean - ref.mean);
    return { config, reference: ref, ours: mine, difference, allowed, agrees: difference <= allowed };
  });
}

/** One fixed pair of the reference with its three similarities. */
export interface FixedPair {
  a: string;
  b: string;
  is_edge?: boolean;
  tfidf: number;
  bow: number;
  levenshtein: number;
}

/** Largest absolute difference between two lists of fixed pairs (same order and ids): `fixedPairsMaxError(ref, ours)`. */
export function fixedPairsMaxError(reference: readonly FixedPair[], ours: readonly FixedPair[]): number {
  if (reference.length !== ours.length) return Infinity;
  let worst = 0;
  reference.forEach((r, i) => {
    const o = ours[i];
    if (o.a !== r.a || o.b !== r.b) worst = Infinity;
    else worst = Math.max(worst, Math.abs(o.tfidf - r.tfidf), Math.abs(o.bow - r.bow), Math.abs(o.levenshtein - r.levenshtein));
  });
  return worst;
}

/** One reference leaf of `similarity.*` against the stats a notebook wrote. */
export interface SimilarityStatCheck {
  key: string;
  status: "agrees" | "differs" | "missing" | "not compared";
  detail: string;
}

/** Leaves holding the authors' printed text or seeding notes: not compared (data/reference/README.md §11). */
const TEXT_LEAVES = new Set(["seeds", "printed_cards_progress"]);

/**
 * Checks every leaf of a reference's `similarity` section against stats keyed `similarity.<path>` (data/reference/README.md §1):
 * sampled runs by the 2.5 half-width rule, fixed pairs to 1e-9 with the vocabulary cut exact (its terms up to the
 * tie at the cut), the duo-panel quirk's interval by the same rule as a mean, text leaves skipped, the rest exact.
 * Example: `compareSimilarityStats(oracle.similarity, statsFile.stats)`.
 */
export function compareSimilarityStats(reference: Record<string, any>, stats: Record<string, { value: unknown } | unknown>): SimilarityStatCheck[] {
  const valueAt = (key: string) => {
    const entry = (stats as Record<string, any>)[key];
    return entry !== null && typeof entry === "object" && "value" in entry ? entry.value : entry;
  };
  const checks: SimilarityStatCheck[] = [];
  const walk = (node: any, at: string) => {
    const isLeaf = node === null || typeof node !== "object" || Array.isArray(node) || "value" in node;
    if (!isLeaf) {
      for (const [k, child] of Object.entries(node)) walk(child, at ? `${at}.${k}` : k);
      return;
    }
    const ref = node !== null && typeof node === "object" && "value" in node ? node.value : node;
    const key = `similarity.${at}`;
    if (TEXT_LEAVES.has(at) || typeof ref === "string") return void checks.push({ key, status: "not compared", detail: "text" });
    const ours = valueAt(key);
    if (ours === undefined) return void checks.push({ key, status: "missing", detail: "no stat under this key" });
    checks.push({ key, ...checkLeaf(at, ref, ours) });
  };
  walk(reference, "");
  return checks;
}

function checkLeaf(at: string, ref: any, ours: any): { status: "agrees" | "differs"; detail: string } {
  const verdict = (ok: boolean, detail: string) => ({ status: ok ? ("agrees" as const) : ("differs" as const), detail });
  if (/^(metadata|model_cards|metadata_repo_graph_variant)\.(tfidf|bow|levenshtein)$/.test(at)) {
    const rows = compareSampledMeans(ref, ours);
    const bad = rows.filter((r) => !r.agrees).map((r) => r.config);
    return verdict(bad.length === 0, `${rows.length - bad.length} of ${rows.length} configurations within 2.5 half-widths${bad.length ? "; not: " + bad.join(", ") : ""}`);
  }
  if (at.endsWith("plot_quirk_duo_panel_errorbar_ci")) {
    const bad = Object.keys(ref).filter((m) => {
      const [lo, hi] = ref[m];
      const mine = ours?.[m];
      return !mine || Math.abs((mine[0] + mine[1]) / 2 - (lo + hi) / 2) > Math.max(SAMPLED_MEAN_HALF_WIDTHS * (hi - lo) / 2, FLOAT_SLACK);
    });
    return verdict(bad.length === 0, bad.length ? `interval centres differ: ${bad.join(", ")}` : "interval centres within 2.5 half-widths");
  }
  if (/fixed_pairs(_and_vocabulary)?$/.test(at)) {
    const error = fixedPairsMaxError(ref.pairs, ours.pairs ?? []);
    const cut = ["corpus_size", "distinct_terms_before_cut", "term_count_at_rank_512", "term_count_at_rank_513"].filter((k) => k in ref && ref[k] !== ours[k]);
    const tied = new Set<string>([...(ref.terms_tied_at_cut ?? []), ...(ours.terms_tied_at_cut ?? [])]);
    const mine = new Set<string>(ours.vocabulary_512 ?? []);
    const theirs = new Set<string>(ref.vocabulary_512 ?? []);
    const off = [...mine].filter((t) => !theirs.has(t)).concat([...theirs].filter((t) => !mine.has(t))).filter((t) => !tied.has(t));
    const sameTie = JSON.stringify([...(ref.terms_tied_at_cut ?? [])].sort()) === JSON.stringify([...(ours.terms_tied_at_cut ?? [])].sort());
    const ok = error <= 1e-9 && cut.length === 0 && off.length === 0 && sameTie && mine.size === theirs.size;
    return verdict(ok, `pairs max abs error ${error.toExponential(2)}; cut ${cut.length ? "differs in " + cut.join(", ") : "equal"}; vocabulary ${off.length ? off.length + " terms differ outside the tie" : "equal up to the tie at the cut"}`);
  }
  const equal = JSON.stringify(ref) === JSON.stringify(ours) || (typeof ref === "number" && typeof ours === "number" && Math.abs(ref - ours) <= 1e-9 * Math.max(Math.abs(ref), 1));
  return verdict(equal, equal ? "equal" : `reference ${JSON.stringify(ref).slice(0, 80)} · here ${JSON.stringify(ours).slice(0, 80)}`);
}
