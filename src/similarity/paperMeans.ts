// The means the paper's six similarity figures show (docs/methods.md §5, "Means read from the PNGs": pixel extraction,
// ±0.005; three card-Levenshtein points are hidden by the legend). They let a run be held against the paper's own
// full-data numbers, and the claims be checked on the paper's figures the same way as on the kit's results.
import type { MeanInterval } from "./bootstrap";
import { KINSHIP_CONFIGS } from "./kinship";
import type { MeasureName } from "./measures";

/** The paper's figure columns, in the order of docs/methods.md's table. */
const COLUMNS = ["metadata.tfidf", "metadata.bow", "metadata.levenshtein", "model_cards.tfidf", "model_cards.bow", "model_cards.levenshtein"] as const;

/** Rows in KINSHIP_CONFIGS order (rando_1, duo_1, trio_1_1, ... quad_3_6); null = not readable in the figure. */
const ROWS: readonly (readonly (number | null)[])[] = [
  [0.116, 0.437, 0.440, 0.128, 0.193, 0.191],
  [0.639, 0.700, 0.545, 0.466, 0.484, 0.246],
  [0.662, 0.704, 0.535, 0.488, 0.503, 0.226],
  [0.838, 0.857, 0.747, 0.893, 0.878, 0.729],
  [0.578, 0.665, 0.553, 0.411, 0.426, 0.223],
  [0.746, 0.784, 0.642, 0.584, 0.586, 0.296],
  [0.810, 0.847, 0.716, 0.676, 0.696, 0.459],
  [0.661, 0.705, 0.550, 0.469, 0.495, 0.217],
  [0.838, 0.849, 0.751, 0.920, 0.894, 0.743],
  [0.624, 0.698, 0.543, 0.411, 0.420, 0.182],
  [0.795, 0.813, 0.623, 0.656, 0.624, 0.223],
  [0.839, 0.866, 0.735, 0.651, 0.693, 0.465],
  [0.869, 0.883, 0.743, 0.891, 0.891, 0.716],
  [0.524, 0.637, 0.526, 0.352, 0.386, 0.166],
  [0.586, 0.697, 0.591, 0.476, 0.518, 0.287],
  [0.703, 0.771, 0.640, 0.546, 0.554, 0.253],
  [0.819, 0.847, 0.681, 0.610, 0.640, 0.392],
  [0.778, 0.796, 0.638, 0.560, 0.574, 0.268],
  [0.588, 0.681, 0.601, 0.380, 0.406, 0.252],
  [0.686, 0.754, 0.652, 0.472, 0.494, null],
  [0.745, 0.806, 0.701, 0.547, 0.568, null],
  [0.794, 0.826, 0.700, 0.552, 0.572, null],
  [0.863, 0.898, 0.815, 0.703, 0.703, 0.463],
  [0.858, 0.888, 0.771, 0.764, 0.776, 0.557],
];

/** Precision of the means read from the paper's figures. */
export const PAPER_FIGURE_MEAN_PRECISION = 0.005;

/** The paper's figure means of one run: `paperFigureMeans("metadata", "tfidf").rando_1` is 0.116. */
export function paperFigureMeans(corpus: "metadata" | "model_cards", measure: MeasureName): Record<string, number> {
  const column = COLUMNS.indexOf(`${corpus}.${measure}` as (typeof COLUMNS)[number]);
  if (column < 0) throw new Error(`no paper figure for ${corpus} · ${measure}`);
  const means: Record<string, number> = {};
  KINSHIP_CONFIGS.forEach((c, row) => {
    const value = ROWS[row][column];
    if (value !== null) means[c.key] = value;
  });
  return means;
}

/** The paper's figure means as point intervals (its intervals are too small to read), for `resemblanceClaims`. */
export function paperFigureStats(corpus: "metadata" | "model_cards", measure: MeasureName): Record<string, MeanInterval> {
  const stats: Record<string, MeanInterval> = {};
  for (const [key, mean] of Object.entries(paperFigureMeans(corpus, measure))) stats[key] = { mean: mean, ci95: [mean, mean], valid_pairs: 0 };
  return stats;
}
