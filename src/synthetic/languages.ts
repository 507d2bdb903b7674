// Language sets of the synthetic models (docs/methods.md §5 F-summary language panel, F-languages-count,
// F-language-transitions). Lineage models are visited in time order: roots list a few languages or a
// large multilingual set; children copy (quantized), or keep English and drop the rest (finetunes and
// adapters), which is the paper's drift toward English (parents list ~6.6 languages, children ~1.8).
// Models without lineage then take exactly what is left of each language's count and of the number of
// reporting models (258,938 per 1.86M), so the per-language counts match data/reference/paper-key-stats.json.
import { type Rng, shuffleInPlace, weightedIndex } from "../random";
import { LANGUAGE_REPORTING_MODELS, TOP_PARENTS, scaleToSize } from "./calibration";
import { RELATIONS, type Relation } from "../data/tags";
import type { Lineage } from "./graph";
import { languageNameOf } from "../data/languages";
import { LANGUAGE_COUNTS } from "./tables";
import { apportion } from "./sampling";
import type { Traits } from "./traits";

/** ISO 639-1 codes, most listed first (index 0 is "en"). */
export const LANGUAGE_CODES: readonly string[] = LANGUAGE_COUNTS.map(([code]) => code);

/** pycountry names aligned with LANGUAGE_CODES (from languages.ts, the derived-column table). */
export const LANGUAGE_NAMES: readonly string[] = LANGUAGE_CODES.map((code) => {
  const name = languageNameOf(code);
  if (!name) throw new Error("synthetic/languages: no ISO 639-1 name for " + code);
  return name;
});

/** Distinct language sets (sets[0] is empty) and each model's set id. */
export interface LanguagePlan {
  sets: Int16Array[];
  setOf: Int32Array;
}

const EN = 0;
/** P(root lists languages), by archetype (assumption; speech and text encoders document languages most). */
const ROOT_REPORT = [0.45, 0.2, 0.6, 0.7, 0.15, 0, 0.1];
/**
 * P(a reporting root lists a large multilingual set), by archetype (assumption; tuned to §5: finetune parents ~12
 * languages).
 */
const ROOT_MULTILINGUAL = [0.02, 0.02, 0.6, 0.9, 0.05, 0, 0.05];
/** Roots with fewer children are less often multilingual, by (children / this)^2 (assumption: a few
 *  multilingual bases such as Whisper or XLM-R have thousands of finetunes, §5 F-languages-count). */
const MULTILINGUAL_FULL_DEGREE = 20;
/** P(finetune child lists languages | parent lists a large set) (assumption: speech finetunes name their language). */
const LARGE_SET_CHILD_REPORT = 0.9;
/** Sizes of multilingual sets: they list the most common languages (assumption, e.g. Whisper 99, XLM-R 94). */
const MULTILINGUAL_SIZES = [12, 20, 46, 94, 99, 100, 100];
/** P(child lists languages | parent lists some), by relation (assumption; tuned to §5 edge counts where both list). */
const CHILD_REPORT: Readonly<Record<Relation, number>> = { finetune: 0.5, quantized: 0.85, adapter: 0.18, merge: 0.35 };
/** P(child lists languages | parent lists none), by relation (assumption). */
const CHILD_REPORT_FROM_NONE: Readonly<Record<Relation, number>> = {
  finetune: 0.08,
  quantized: 0.05,
  adapter: 0.03,
  merge: 0.05,
};
/** P(child copies the parent's whole set), by relation (assumption; §5: quantized 2.95 -> 2.55). */
const CHILD_COPY: Readonly<Record<Relation, number>> = { finetune: 0.03, quantized: 0.85, adapter: 0.05, merge: 0.15 };
/** Small fresh sets: ["en"], [X], ["en", X], ["en", X, Y] (assumption; §5: 85.6% of reporting models list English). */
const FRESH_SET_WEIGHTS = [0.72, 0.12, 0.12, 0.04];
/**
 * Sets larger than this are rarely copied whole by finetunes, adapters and merges (assumption; §5: children list ~1.8).
 */
const LARGE_SET = 10;
/** Multiplier on CHILD_COPY for large sets (assumption). */
const LARGE_SET_COPY = 0.2;
/** A child's set when its parent lists only English: [en], [en, X], [X] (assumption; §5 children ~1.5 languages). */
const FROM_ENGLISH_ONLY = [0.5, 0.4, 0.1];
/** ... when the parent lists English and others: [en], [X], [en, X] (assumption; English is kept most, §5 drift). */
const FROM_ENGLISH_AND_OTHERS = [0.35, 0.15, 0.5];
/** ... when the parent lists no English: [X], [en], [en, X] (assumption). */
const FROM_OTHERS = [0.7, 0.15, 0.15];
/** ... when the parent lists a large multilingual set: [X], [en], [en, X] (assumption: one target language). */
const FROM_MULTILINGUAL = [0.35, 0.2, 0.45];
/** P(a merge of a small set adds English rather than another language) (assumption; §5: merges 1.68 -> 1.93). */
const MERGE_ADDS_ENGLISH = 0.5;

class SetBook {
  readonly sets: Int16Array[] = [new Int16Array(0)];
  private readonly ids = new Map<string, number>([["", 0]]);
  readonly used: Float64Array = new Float64Array(LANGUAGE_CODES.length);

  /** Id of a set (indices in any order; duplicates dropped). */
  id(members: number[]): number {
    const sorted = Int16Array.from(new Set(members)).sort();
    const key = sorted.join(",");
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(sorted);
      this.ids.set(key, id);
    }
    return id;
  }

  /** Counts the languages of set `id` as used by one more model. */
  use(id: number): number {
    for (const l of this.sets[id]) this.used[l]++;
    return id;
  }
}

const NON_ENGLISH_WEIGHTS = LANGUAGE_COUNTS.map(([, c], l) => (l === EN ? 0 : c));

function otherLanguage(rng: Rng): number {
  return weightedIndex(NON_ENGLISH_WEIGHTS, rng);
}

function freshSet(rng: Rng): number[] {
  switch (weightedIndex(FRESH_SET_WEIGHTS, rng)) {
    case 0:
      return [EN];
    case 1:
      return [otherLanguage(rng)];
    case 2:
      return [EN, otherLanguage(rng)];
    default:
      return [EN, otherLanguage(rng), otherLanguage(rng)];
  }
}

function multilingualSet(rng: Rng): number[] {
  const size = MULTILINGUAL_SIZES[rng.int(MULTILINGUAL_SIZES.length)];
  return Array.from({ length: Math.min(size, LANGUAGE_CODES.length) }, (_, l) => l);
}

/** A language of `set` drawn by how common it is (data/reference/paper-key-stats.json counts). */
function commonMember(set: ArrayLike<number>, rng: Rng): number {
  return set[
    weightedIndex(
      Array.from(set, (l) => LANGUAGE_COUNTS[l][1]),
      rng,
    )
  ];
}

/** The reduced set a finetune or adapter child lists: mostly English alone (§5 F-language-transitions). */
function reducedSet(parent: Int16Array, rng: Rng): number[] {
  const others = Array.from(parent).filter((l) => l !== EN);
  if (others.length === 0)
    return [[EN], [EN, otherLanguage(rng)], [otherLanguage(rng)]][weightedIndex(FROM_ENGLISH_ONLY, rng)];
  const pick = commonMember(others, rng);
  if (others.length < parent.length) return [[EN], [pick], [EN, pick]][weightedIndex(FROM_ENGLISH_AND_OTHERS, rng)];
  return [[pick], [EN], [EN, pick]][weightedIndex(FROM_OTHERS, rng)];
}

/** The set a child of a large multilingual parent lists: its one target language, often with English. */
function specialisedSet(parent: Int16Array, rng: Rng): number[] {
  const pick = commonMember(parent, rng);
  return [[pick], [EN], [EN, pick]][weightedIndex(FROM_MULTILINGUAL, rng)];
}

function childSet(book: SetBook, parentSet: number, rel: Relation, rng: Rng): number {
  const parent = book.sets[parentSet];
  if (parent.length === 0) return rng() < CHILD_REPORT_FROM_NONE[rel] ? book.id(freshSet(rng)) : 0;
  const large = parent.length > LARGE_SET;
  if (rng() >= (large && rel === "finetune" ? LARGE_SET_CHILD_REPORT : CHILD_REPORT[rel])) return 0;
  if (rng() < CHILD_COPY[rel] * (large && rel !== "quantized" ? LARGE_SET_COPY : 1)) return parentSet;
  if (rel === "merge")
    return book.id(
      large ? specialisedSet(parent, rng) : [...parent, rng() < MERGE_ADDS_ENGLISH ? EN : otherLanguage(rng)],
    );
  if (rel === "quantized") return book.id([EN]);
  return book.id(large ? specialisedSet(parent, rng) : reducedSet(parent, rng));
}

/**
 * Language sets of every model: `planLanguages(lineage, traits, rng.fork("languages"))`.
 * Per-language counts and the number of reporting models match the paper scaled to n.
 */
export function planLanguages(L: Lineage, traits: Traits, rng: Rng): LanguagePlan {
  const { n } = L;
  const book = new SetBook();
  const setOf = new Int32Array(n);
  const isolated: number[] = [];
  let reporting = 0;
  for (let i = 0; i < n; i++) {
    if (L.topParent[i] >= 0)
      setOf[i] = book.id(TOP_PARENTS[L.topParent[i]].languages.map((c) => LANGUAGE_CODES.indexOf(c)));
    else if (L.relation[i] > 0)
      setOf[i] = childSet(book, setOf[L.parents[L.parentOffsets[i]]], RELATIONS[L.relation[i] - 1], rng);
    else if (L.childCount[i] > 0) setOf[i] = rootSet(book, traits.archetype[i], L.childCount[i], rng);
    else {
      isolated.push(i);
      continue;
    }
    book.use(setOf[i]);
    if (setOf[i] > 0) reporting++;
  }
  fillIsolated(
    book,
    setOf,
    shuffleInPlace(isolated, rng),
    scaleToSize(LANGUAGE_REPORTING_MODELS, n) - reporting,
    n,
    rng,
  );
  return { sets: book.sets, setOf };
}

function rootSet(book: SetBook, arch: number, children: number, rng: Rng): number {
  if (arch < 0 || rng() >= ROOT_REPORT[arch]) return 0;
  const multilingual = ROOT_MULTILINGUAL[arch] * Math.min(1, (children / MULTILINGUAL_FULL_DEGREE) ** 2);
  return book.id(rng() < multilingual ? multilingualSet(rng) : freshSet(rng));
}

/**
 * Gives `reporting` of the isolated models exactly the remaining language mentions: English to as many
 * as it has left, one other language to each of the rest, then the leftovers nested into the English
 * sets (set k gets every language with more than k mentions left: a few large multilingual sets).
 */
function fillIsolated(
  book: SetBook,
  setOf: Int32Array,
  isolated: number[],
  reporting: number,
  n: number,
  rng: Rng,
): void {
  const quota = apportion(
    scaleToSize(
      LANGUAGE_COUNTS.reduce((s, [, c]) => s + c, 0),
      n,
    ),
    LANGUAGE_COUNTS.map(([, c]) => c),
  );
  const left = quota.map((q, l) => Math.max(0, q - book.used[l]));
  const r = Math.max(0, Math.min(reporting, isolated.length));
  const members: number[][] = Array.from({ length: r }, () => []);
  const english = Math.min(left[EN], r);
  for (let k = 0; k < english; k++) members[k].push(EN);
  left[EN] -= english;
  for (let k = english; k < r; k++) {
    const l = weightedIndex(
      left.map((q, j) => (j === EN ? 0 : q)),
      rng,
    );
    if (l < 0) break;
    members[k].push(l);
    left[l]--;
  }
  for (let l = 1; l < left.length; l++) {
    for (let k = 0, placed = 0; placed < left[l] && k < r; k++) {
      if (members[k][members[k].length - 1] === l || members[k].includes(l)) continue;
      members[k].push(l);
      placed++;
    }
  }
  for (let k = 0; k < r; k++) if (members[k].length > 0) setOf[isolated[k]] = book.use(book.id(members[k]));
}

/** Codes ("en|fr") and names ("English|French") of a set, joined by `sep`. */
export function languageSetStrings(set: Int16Array, sep: string): { codes: string; names: string } {
  return {
    codes: Array.from(set, (l) => LANGUAGE_CODES[l]).join(sep),
    names: Array.from(set, (l) => LANGUAGE_NAMES[l]).join(sep),
  };
}
