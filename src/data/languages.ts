// ISO 639-1 language tags -> the English names the paper's `languages` column holds (docs/methods.md §2.3).
// The authors mapped every tag of length 2 that is a key of pycountry's language table; 3-letter
// codes never pass their length check. The table itself is generated (languageNames.ts).
import { ISO639_1_NAME_PAIRS } from "./languageNames";

/** The 184 ISO 639-1 codes, sorted: `ISO639_1_CODES.includes("en")`. */
export const ISO639_1_CODES: readonly string[] = ISO639_1_NAME_PAIRS.map(([code]) => code);

/**
 * English names aligned with ISO639_1_CODES: `ISO639_1_NAMES[ISO639_1_CODES.indexOf("el")]` is "Modern Greek (1453-)".
 */
export const ISO639_1_NAMES: readonly string[] = ISO639_1_NAME_PAIRS.map(([, name]) => name);

const NAME_BY_CODE: ReadonlyMap<string, string> = new Map(ISO639_1_NAME_PAIRS);

/**
 * The pycountry name of a tag, or undefined when the tag is not a (case-sensitive) ISO 639-1 code.
 * Example: `languageNameOf("sw")` is "Swahili (macrolanguage)"; `languageNameOf("EN")` is undefined.
 */
export function languageNameOf(tag: string): string | undefined {
  return NAME_BY_CODE.get(tag);
}
