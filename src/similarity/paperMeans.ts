// The means the paper's six similarity figures show (docs/methods.md §5, "Means read from the PNGs": pixel extraction,
// ±0.005; three card-Levenshtein points are hidden by the legend). They let a run be held against the paper's own
// full-data numbers, and the claims be checked on the paper's figures the same way as on the kit's results.
import { PAPER_FIGURE_COLUMNS, PAPER_FIGURE_ROWS } from "../paper";
import type { MeanInterval } from "./bootstrap";
import { KINSHIP_CONFIGS } from "./kinship";
import type { MeasureName } from "./measures";

/** Precision of the means read from the paper's figures. */
export const PAPER_FIGURE_MEAN_PRECISION = 0.005;

/** The paper's figure means of one run: `paperFigureMeans("metadata", "tfidf").rando_1` is 0.116. */
export function paperFigureMeans(corpus: "metadata" | "model_cards", measure: MeasureName): Record<string, number> {
  const column = PAPER_FIGURE_COLUMNS.indexOf(`${corpus}.${measure}` as (typeof PAPER_FIGURE_COLUMNS)[number]);
  if (column < 0) throw new Error(`no paper figure for ${corpus} · ${measure}`);
  const means: Record<string, number> = {};
  KINSHIP_CONFIGS.forEach((c, row) => {
    const value = PAPER_FIGURE_ROWS[row][column];
    if (value !== null) means[c.key] = value;
  });
  return means;
}

/** The paper's figure means as point intervals (its intervals are too small to read), for `resemblanceClaims`. */
export function paperFigureStats(
  corpus: "metadata" | "model_cards",
  measure: MeasureName,
): Record<string, MeanInterval> {
  const stats: Record<string, MeanInterval> = {};
  for (const [key, mean] of Object.entries(paperFigureMeans(corpus, measure)))
    stats[key] = { mean: mean, ci95: [mean, mean], valid_pairs: 0 };
  return stats;
}
