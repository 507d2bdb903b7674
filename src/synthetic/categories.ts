// Category tables of the synthetic generator's single-valued traits (license, pipeline_tag,
// library_name): names, the paper's frequencies (docs/methods.md §5 F-summary, data/reference/paper-key-stats.json),
// quotas for a snapshot of n models, and which values fit each archetype. Category 0 is always "none" (null).
import {
  ARCHETYPES,
  type Archetype,
  DIFFUSION_ONLY_LICENSES,
  LIBRARY_NAME_SHARE,
  LIBRARY_SHARES,
  LLM_ONLY_LICENSES,
  PIPELINE_TAG_SHARE,
  TASK_SHARES,
} from "./calibration";
import { PAPER_MODEL_COUNT } from "../paper";
import { LICENSE_COUNTS } from "./tables";
import { apportion } from "./sampling";

/** One single-valued trait: category names (0 = none) and the paper's frequency of each. */
export interface CategoryTable {
  /** names[0] is null (no value). */
  names: (string | null)[];
  /** Paper frequency of each category, none included (any scale). */
  weights: Float64Array;
  /** allowed[archetype][k] is 1 when category k fits the archetype (none always fits). */
  allowed: Uint8Array[];
}

/** Index of a category name: `categoryIndex(LICENSES, "mit")` is 2. */
export function categoryIndex(table: CategoryTable, name: string | null): number {
  const k = table.names.indexOf(name);
  if (k < 0) throw new Error("synthetic/categories: unknown category " + name);
  return k;
}

/** Quotas of each category for `n` models: exact integers summing to n. */
export function categoryQuotas(table: CategoryTable, n: number): Float64Array {
  return Float64Array.from(apportion(n, Array.from(table.weights)));
}

function table(
  names: (string | null)[],
  weights: number[],
  fits: (name: string, a: Archetype) => boolean,
): CategoryTable {
  const allowed = ARCHETYPES.map((a) => Uint8Array.from(names, (name) => (name === null || fits(name, a) ? 1 : 0)));
  return { names, weights: Float64Array.from(weights), allowed };
}

/** Shares with the paper's top ten kept and the assumed tail scaled to fill the rest. */
function normalisedShares(rows: ReadonlyArray<readonly [string, number, unknown]>): number[] {
  const top = rows.slice(0, 10).reduce((s, r) => s + r[1], 0);
  const tail = rows.slice(10).reduce((s, r) => s + r[1], 0);
  return rows.map((r, i) => (i < 10 ? r[1] : (r[1] * (1 - top)) / tail));
}

const LICENSED = LICENSE_COUNTS.reduce((s, [, c]) => s + c, 0);

/** Licenses: data/reference/paper-key-stats.json license_counts_all_models; none = models without a license tag. */
export const LICENSES: CategoryTable = table(
  [null, ...LICENSE_COUNTS.map(([name]) => name)],
  [PAPER_MODEL_COUNT - LICENSED, ...LICENSE_COUNTS.map(([, c]) => c)],
  (name, a) =>
    LLM_ONLY_LICENSES.includes(name) ? a === "llm" : DIFFUSION_ONLY_LICENSES.includes(name) ? a === "diffusion" : true,
);

/** Archetype of each task category (-1 for none). */
export const TASK_ARCHETYPE: Int8Array = Int8Array.from([-1, ...TASK_SHARES.map(([, , a]) => ARCHETYPES.indexOf(a))]);

/** Tasks: docs/methods.md §5 shares among models with a pipeline_tag, times PIPELINE_TAG_SHARE. */
export const TASKS: CategoryTable = table(
  [null, ...TASK_SHARES.map(([name]) => name)],
  [1 - PIPELINE_TAG_SHARE, ...normalisedShares(TASK_SHARES).map((s) => s * PIPELINE_TAG_SHARE)],
  (name, a) => TASK_SHARES.some(([t, , ta]) => t === name && ta === a),
);

/** Libraries: docs/methods.md §5 shares among models with a library_name, times LIBRARY_NAME_SHARE. */
export const LIBRARIES: CategoryTable = table(
  [null, ...LIBRARY_SHARES.map(([name]) => name)],
  [1 - LIBRARY_NAME_SHARE, ...normalisedShares(LIBRARY_SHARES).map((s) => s * LIBRARY_NAME_SHARE)],
  (name, a) => LIBRARY_SHARES.some(([l, , archs]) => l === name && archs.includes(a)),
);
