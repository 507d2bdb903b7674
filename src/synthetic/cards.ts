// Model cards of the synthetic models, reduced as the canonical table keeps them: presence, length in
// characters and words, the auto-generated flag and a key into the head dictionary (synthetic-card-text).
// Calibrated to docs/methods.md §5 F-cardlength and data/reference/paper-key-stats.json model_cards: 67.04% of models
// have a card, 99.6% of edge children do; parents' cards are about twice as long as children's (9.8k vs 4.4k chars);
// about 29% of children have an auto-generated card against about 4% of parents, by relation.
import { type Rng, shuffleInPlace } from "../random";
import {
  AUTO_GENERATED_BY_RELATION,
  CARD_LENGTH_BY_RELATION,
  CARD_SHARE,
  CHILD_CARD_SHARE,
  PAPER_CHILDREN_WITH_CHILDREN,
  TOP_PARENTS,
} from "./calibration";
import { PAPER_EDGE_COUNTS } from "../paper";
import { RELATIONS, type Relation } from "../data/tags";
import { CARD_KIND, type CardHeads, HEAD_CHARS, STUB_LENGTHS, VARIANTS, headKey } from "./card-text";
import type { Lineage } from "./graph";
import { lognormal } from "./sampling";

/** Reduced cards per model (time order). */
export interface CardPlan {
  kind: Uint8Array; // CARD_KIND
  slot: Int16Array; // variant slot in the head dictionary, -1 without a card
  chars: Int32Array; // 0 without a card
  words: Int32Array;
  head: Int32Array; // key into CardHeads.texts, -1 without a card
}

/** P(card) of a root parent (assumption: bases are documented; top parents always are). */
const ROOT_CARD_SHARE = 0.97;
/** P(auto-generated) of a root parent (assumption; tuned to §5 parents ~0.04 over edges). */
const ROOT_AUTO = 0.05;
/** Multiplier on a child's auto-generated probability when it has children itself (assumption; §5 parents ~0.04). */
const PARENT_AUTO_FACTOR = 0.3;
/** P(auto-generated card) of a model without lineage (assumption; tuned to 289k models citing arXiv 1910.09700). */
const ISOLATED_AUTO = 0.2;
/** Share of auto-generated cards that are the Trainer's (the rest are the Hub template), by relation (assumption). */
const TRAINER_SHARE: Readonly<Record<Relation | "isolated" | "root", number>> = {
  finetune: 0.75,
  quantized: 0,
  adapter: 0.1,
  merge: 0,
  isolated: 0.45,
  root: 0,
};
/** Share of cards shorter than 512 characters, by class (assumption; tuned to §4.1: 618,531 long non-auto cards). */
const STUB_SHARE: Readonly<Record<Relation | "isolated" | "root", number>> = {
  finetune: 0.2,
  quantized: 0.2,
  adapter: 0.25,
  merge: 0.15,
  isolated: 0.45,
  root: 0.03,
};
/** Mean length of full cards of children that are parents and of models without lineage (assumption). */
const FULL_CARD_MEAN = { childParent: 5_000, isolated: 4_000 };
/**
 * Mean length of full cards of root parents by archetype (assumption; tuned to §5: finetune parents 12.2k, quantized
 * 8.5k).
 */
const ROOT_CARD_MEAN = [9_000, 9_000, 17_000, 17_000, 12_000, 5_000, 8_000];
/** Log-sd of card lengths (assumption). */
const CARD_LENGTH_SIGMA = 0.8;
/** Characters per whitespace-separated word in a long card (assumption: markdown with code and links). */
const CHARS_PER_WORD = 6.5;
/** P(a bespoke child card reuses its parent's wording), so families resemble each other (assumption). */
const FAMILY_WORDING = 0.6;
/** Longest card the generator writes, in characters. */
const MAX_CARD_CHARS = 200_000;

const MEAN_STUB = STUB_LENGTHS.reduce((a, b) => a + b, 0) / STUB_LENGTHS.length;

/** P(auto-generated | child has a card, has no children) so the share over all edges is the paper's. */
function childAutoShare(rel: Relation): number {
  const branching = PAPER_CHILDREN_WITH_CHILDREN[rel] / PAPER_EDGE_COUNTS[rel];
  return AUTO_GENERATED_BY_RELATION[rel].child / CHILD_CARD_SHARE / (1 - branching * (1 - PARENT_AUTO_FACTOR));
}

/** Mean full-card length for a child so the mean over stubs and full cards is the paper's (§5 F-cardlength). */
function childFullMean(rel: Relation): number {
  const stub = STUB_SHARE[rel];
  return (CARD_LENGTH_BY_RELATION[rel].child - stub * MEAN_STUB) / (1 - stub);
}

/**
 * Card of every model: `planCards(lineage, heads, rng.fork("cards"))`. Exactly round(CARD_SHARE * n)
 * models have a card, unless lineage models alone exceed it.
 */
export function planCards(L: Lineage, heads: CardHeads, rng: Rng): CardPlan {
  const { n } = L;
  const c: CardPlan = {
    kind: new Uint8Array(n),
    slot: new Int16Array(n).fill(-1),
    chars: new Int32Array(n),
    words: new Int32Array(n),
    head: new Int32Array(n).fill(-1),
  };
  const isolated: number[] = [];
  let cards = 0;
  for (let i = 0; i < n; i++) {
    const rel = L.relation[i] > 0 ? RELATIONS[L.relation[i] - 1] : null;
    if (L.topParent[i] >= 0)
      setCard(c, heads, i, CARD_KIND.bespoke, rng.int(VARIANTS.bespoke), TOP_PARENTS[L.topParent[i]].cardLength, rng);
    else if (rel) {
      if (rng() >= CHILD_CARD_SHARE) continue;
      const auto = childAutoShare(rel) * (L.childCount[i] > 0 ? PARENT_AUTO_FACTOR : 1);
      const mean = L.childCount[i] > 0 ? FULL_CARD_MEAN.childParent : childFullMean(rel);
      const parentSlot = c.slot[L.parents[L.parentOffsets[i]]];
      drawCard(c, heads, i, rel, auto, mean, parentSlot, rng);
    } else if (L.childCount[i] > 0) {
      if (rng() >= ROOT_CARD_SHARE) continue;
      drawCard(c, heads, i, "root", ROOT_AUTO, ROOT_CARD_MEAN[Math.max(0, L.archetype[i])], -1, rng);
    } else {
      isolated.push(i);
      continue;
    }
    cards++;
  }
  const wanted = Math.max(0, Math.round(CARD_SHARE * n) - cards);
  shuffleInPlace(isolated, rng);
  for (let k = 0; k < Math.min(wanted, isolated.length); k++) {
    drawCard(c, heads, isolated[k], "isolated", ISOLATED_AUTO, FULL_CARD_MEAN.isolated, -1, rng);
  }
  return c;
}

function drawCard(
  c: CardPlan,
  heads: CardHeads,
  i: number,
  cls: Relation | "isolated" | "root",
  autoShare: number,
  fullMean: number,
  parentSlot: number,
  rng: Rng,
): void {
  let kind: number = CARD_KIND.bespoke;
  if (rng() < autoShare) kind = rng() < TRAINER_SHARE[cls] ? CARD_KIND.trainer : CARD_KIND.template;
  let slot: number;
  if (kind === CARD_KIND.trainer) slot = heads.firstSlot.trainer + rng.int(VARIANTS.trainer);
  else if (kind === CARD_KIND.template) slot = heads.firstSlot.template + rng.int(VARIANTS.template);
  else
    slot =
      parentSlot >= 0 && parentSlot < VARIANTS.bespoke && rng() < FAMILY_WORDING
        ? parentSlot
        : rng.int(VARIANTS.bespoke);
  const length =
    rng() < STUB_SHARE[cls] ? STUB_LENGTHS[rng.int(STUB_LENGTHS.length)] : lognormal(rng, fullMean, CARD_LENGTH_SIGMA);
  setCard(c, heads, i, kind, slot, length, rng);
}

/** Stores a card of about `length` characters: below 512 it becomes the longest stub that fits. */
function setCard(c: CardPlan, heads: CardHeads, i: number, kind: number, slot: number, length: number, rng: Rng): void {
  c.kind[i] = kind;
  c.slot[i] = slot;
  if (length < HEAD_CHARS) {
    let stub = STUB_LENGTHS.length - 1;
    while (stub > 0 && STUB_LENGTHS[stub] > length) stub--;
    stub = Math.max(stub, heads.minStub[slot]);
    c.head[i] = headKey(slot, stub);
    c.chars[i] = heads.chars[c.head[i]];
    c.words[i] = heads.words[c.head[i]];
    return;
  }
  const chars = Math.min(MAX_CARD_CHARS, Math.round(length));
  c.head[i] = headKey(slot);
  c.chars[i] = chars;
  c.words[i] = Math.max(heads.words[c.head[i]], Math.round((chars / CHARS_PER_WORD) * (0.85 + 0.3 * rng())));
}
