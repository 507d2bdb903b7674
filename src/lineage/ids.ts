// Model ids as they appear in parent references, and how they are matched to the models of the snapshot
// (docs/methods.md §3.1 "Missing parents"; style point 5).
//
// The authors matched parent ids to model ids exactly (`if parent_model not in G.nodes()`), so a parent written as a
// URL, with stray whitespace or with different casing was dropped as "missing". The kit normalises the form of an id
// (URL prefix, whitespace, trailing slash) by default, and keeps the paper's case-sensitive matching by default:
//
//   " https://huggingface.co/org/x/ "  ⇥  "org/x"        (normalised: the Hub page of org/x)
//   "Org/X"                             ⇥  "Org/X"        (case kept; reported when only case differs from a model)
import type pl from "nodejs-polars";

/**
 * Regex of the Hub URL prefixes stripped from an id (`https://huggingface.co/`, `www.`, `https://hf.co/`): `new
 * RegExp(HUB_URL_PREFIX, "i")`.
 */
export const HUB_URL_PREFIX = "^(?:(?:https?://)?(?:www\\.)?huggingface\\.co/|https?://hf\\.co/)";

const HUB_URL_PREFIX_JS = new RegExp(HUB_URL_PREFIX, "i");

/** The canonical form of a model id: `normalizeModelId(" https://huggingface.co/org/x/ ") === "org/x"`. */
export function normalizeModelId(raw: string): string {
  return raw.trim().replace(HUB_URL_PREFIX_JS, "").replace(/\/+$/, "");
}

/** The same normalisation as a polars expression: `df.select(normalizeModelIdExpr(pl.col("raw")))`. */
export function normalizeModelIdExpr(raw: pl.Expr): pl.Expr {
  return raw.str
    .strip()
    .str.replace("(?i)" + HUB_URL_PREFIX, "")
    .str.replace("/+$", "");
}

/** Options of id matching, defaults in LINEAGE_ID_DEFAULTS: `buildLineageGraph(models, { normalizeIds: false })`. */
export interface IdMatchOptions {
  /** Strip a Hub URL prefix, surrounding whitespace and trailing slashes before matching [true]. */
  normalizeIds?: boolean;
  /** Resolve a parent id that matches a model only when case is ignored [false: the paper matched exactly]. */
  ignoreCase?: boolean;
}

/** Defaults of IdMatchOptions: `{ ...LINEAGE_ID_DEFAULTS, ...options }`. */
export const LINEAGE_ID_DEFAULTS: Required<IdMatchOptions> = { normalizeIds: true, ignoreCase: false };
