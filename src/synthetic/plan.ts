// The whole synthetic snapshot as typed arrays (no strings, no polars): lineage, traits, languages,
// cards and extras in time order, plus a random row order. Frames are built from it chunk by chunk
// (synthetic-frame.ts), so the plan is the only part held for the whole snapshot (~0.3 GB at 1.86M).
import { type Rng, createRng, shuffleInPlace } from "../random";
import { type CardHeads, buildCardHeads } from "./card-text";
import { type CardPlan, planCards } from "./cards";
import { type Extras, planExtras } from "./extras";
import { type Lineage, planLineage } from "./graph";
import { type LanguagePlan, planLanguages } from "./languages";
import { type Traits, planTraits } from "./traits";

/** A planned synthetic snapshot: per-model arrays in time order and the row order of the table. */
export interface SyntheticPlan {
  n: number;
  seed: number | string;
  lineage: Lineage;
  traits: Traits;
  languages: LanguagePlan;
  heads: CardHeads;
  cards: CardPlan;
  extras: Extras;
  /** timeOf[row] is the time index of the model in that row; rowOf is its inverse. */
  timeOf: Int32Array;
  rowOf: Int32Array;
}

/**
 * Plans a synthetic snapshot of `n` models from `seed`: `planSynthetic(20_000, 1)`.
 * Every random step draws from its own fork of the seed, so changing one stage leaves the others' draws alone.
 */
export function planSynthetic(n: number, seed: number | string = 1): SyntheticPlan {
  if (!Number.isSafeInteger(n) || n < 100) throw new Error("synthetic/plan: n must be an integer >= 100, got " + n);
  const rng: Rng = createRng(seed);
  const lineage = planLineage(n, rng.fork("lineage"));
  const traits = planTraits(lineage, rng.fork("traits"));
  const languages = planLanguages(lineage, traits, rng.fork("languages"));
  const heads = buildCardHeads(rng.fork("card-text"));
  const cards = planCards(lineage, heads, rng.fork("cards"));
  const extras = planExtras(lineage, traits, cards, rng.fork("extras"));
  const timeOf = shuffleInPlace(
    Int32Array.from({ length: n }, (_, i) => i),
    rng.fork("rows"),
  );
  const rowOf = new Int32Array(n);
  for (let r = 0; r < n; r++) rowOf[timeOf[r]] = r;
  return { n, seed, lineage, traits, languages, heads, cards, extras, timeOf, rowOf };
}
