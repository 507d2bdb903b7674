// The paper's term analyzer (docs/methods.md §4.1 "Bag-of-words cosine"; data/reference/README.md §9.2): scikit-learn's
// CountVectorizer with lowercase=True, token pattern `(?u)\b\w\w+\b` and ngram_range=(1, 2). A document is
// lowercased, cut into maximal runs of two or more word characters (Python's Unicode \w: letters, numbers and
// "_"; combining marks are not word characters), and its terms are the tokens followed by each pair of adjacent
// tokens joined by one space: "Qwen/Qwen1.5-72B" ⇥ tokens qwen, qwen1, 72b ⇥ terms qwen, qwen1, 72b, "qwen qwen1",
// "qwen1 72b".
//
// Python 3.11 (the reference run's) knows Unicode 14.0: characters assigned later, which a newer JavaScript runtime
// takes as letters, digits or capitals, are here neither word characters nor lowercased, as in Python.
//
// NOTE: terms are counted by a 64-bit key (two 32-bit hashes) computed from the characters, not by string, so
// fitting millions of documents never builds a string per term; the kept terms are turned back into strings at the
// end (vectorizer.ts), and every key match against a vocabulary is checked character by character.
import { doubled } from "../typedArrays";

/** 1 for BMP code units that are Python \w characters (surrogates excluded); built on first use. */
let wordTable: Uint8Array | undefined;
/** Lowercase of each BMP code unit when it is one code unit and context-free; NO_FOLD otherwise. */
let foldTable: Uint16Array | undefined;
const NO_FOLD = 0xffff;
const WORD_CHAR = /^[\p{L}\p{N}_]$/u;

/**
 * Code points Unicode assigned after 14.0, through 17.0 (hex, "first-last"): unassigned for Python 3.11. A runtime on a
 * later Unicode may know more, which the every-code-point test against scikit-learn would show.
 */
const NEWER_THAN_PYTHON =
  "88f 897 c5c cdc cf3 ece 1acf-1add 1ae0-1aeb 1b4e-1b4f 1b7f 1c89-1c8a 20c1 2427-2429 2b96 2ffc-2fff " +
  "31e4-31e5 31ef a7cb-a7cf a7d2 a7d4 a7da-a7dc a7f1 fbc3-fbd2 fd90-fd91 fdc8-fdce 105c0-105f3 " +
  "10940-10959 10d40-10d65 10d69-10d85 10d8e-10d8f 10ec2-10ec7 10ed0-10ed8 10efa-10eff 1123f-11241 " +
  "11380-11389 1138b 1138e 11390-113b5 113b7-113c0 113c2 113c5 113c7-113ca 113cc-113d5 113d7-113d8 " +
  "113e1-113e2 116d0-116e3 11b00-11b09 11b60-11b67 11bc0-11be1 11bf0-11bf9 11db0-11ddb 11de0-11de9 " +
  "11f00-11f10 11f12-11f3a 11f3e-11f5a 1342f 13439-13455 13460-143fa 16100-16139 16d40-16d79 " +
  "16ea0-16eb8 16ebb-16ed3 16ff2-16ff6 187f8-187ff 18cff 18d09-18d1e 18d80-18df2 1b132 1b155 " +
  "1cc00-1ccfc 1cd00-1ceb3 1ceba-1ced0 1cee0-1cef0 1d2c0-1d2d3 1df25-1df2a 1e030-1e06d 1e08f " +
  "1e4d0-1e4f9 1e5d0-1e5fa 1e5ff 1e6c0-1e6de 1e6e0-1e6f5 1e6fe-1e6ff 1f6d8 1f6dc 1f774-1f77f 1f7d9 " +
  "1f8b2-1f8bb 1f8c0-1f8c1 1f8d0-1f8d8 1fa54-1fa57 1fa75-1fa77 1fa87-1fa8a 1fa8e-1fa8f 1faad-1faaf " +
  "1fabb-1fabf 1fac6 1fac8 1facd-1facf 1fada-1fadc 1fadf 1fae8-1faea 1faef 1faf7-1faf8 1fbcb-1fbef " +
  "1fbfa 2b739-2b73f 2cea2-2cead 2ebf0-2ee5d 31350-33479";
/** NEWER_THAN_PYTHON as sorted [first, last] pairs; built on first use. */
let newerRanges: Int32Array | undefined;

/** True for a code point that Python 3.11 (Unicode 14.0) has unassigned but this runtime may not. */
function isNewerThanPython(cp: number): boolean {
  if (cp < 0x88f) return false;
  newerRanges ??= Int32Array.from(
    NEWER_THAN_PYTHON.split(" ").flatMap((r) => {
      const [first, last] = r.split("-").map((h) => parseInt(h, 16));
      return [first, last ?? first];
    }),
  );
  let lo = 0;
  let hi = newerRanges.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (newerRanges[2 * mid + 1] < cp) lo = mid + 1;
    else hi = mid;
  }
  return lo < newerRanges.length / 2 && newerRanges[2 * lo] <= cp;
}

/** True when an astral code point lowercases to something else (per Python 3.11). */
function astralLowercases(cp: number): boolean {
  const s = String.fromCodePoint(cp);
  return !isNewerThanPython(cp) && s.toLowerCase() !== s;
}

/**
 * Python 3.11's `str.lower()`: JavaScript's, except that code points newer than Unicode 14.0 stay as they are and,
 * being neither cased nor case-ignorable there, end a final sigma's context as the text's ends do.
 * Example: `pythonLower("ΟΔΥΣΣΕΥΣ İ")` is "οδυσσευς i̇".
 */
export function pythonLower(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x88f) continue;
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (isNewerThanPython(cp)) {
      out += text.slice(from, i).toLowerCase() + text.slice(i, i + width);
      from = i + width;
    }
    i += width - 1;
  }
  return from === 0 ? text.toLowerCase() : out + text.slice(from).toLowerCase();
}

function isWordCodePoint(cp: number): boolean {
  if (cp < 65536) {
    wordTable ??= buildWordTable();
    return wordTable[cp] === 1;
  }
  return !isNewerThanPython(cp) && WORD_CHAR.test(String.fromCodePoint(cp));
}

function buildWordTable(): Uint8Array {
  const table = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    if ((c >= 0xd800 && c <= 0xdfff) || isNewerThanPython(c)) continue;
    if (
      c < 128
        ? (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95
        : WORD_CHAR.test(String.fromCharCode(c))
    )
      table[c] = 1;
  }
  return table;
}

function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) {
    if (c < 128) table[c] = c >= 65 && c <= 90 ? c + 32 : c;
    else if (c === NO_FOLD)
      table[c] = 0x20; // U+FFFF, a non-word noncharacter, must not read as the marker
    else if (c >= 0xd800 && c <= 0xdfff) table[c] = NO_FOLD;
    else if (isNewerThanPython(c)) table[c] = c;
    else {
      const lower = String.fromCharCode(c).toLowerCase();
      // Capital sigma lowers by context (final sigma), U+0130 to two code units: both need the whole-text lowercase.
      table[c] = lower.length === 1 && c !== 0x03a3 ? lower.charCodeAt(0) : NO_FOLD;
    }
  }
  return table;
}

/** Token boundaries of one document: token k is source.slice(start[k], end[k]).toLowerCase(). Reused between calls. */
export interface TokenSpans {
  count: number;
  /** The text the offsets refer to: the document itself, or its lowercase when lowercasing changed its length. */
  source: string;
  start: Int32Array;
  end: Int32Array;
  /** Two 32-bit hashes per token (key of the unigram). */
  h1: Int32Array;
  h2: Int32Array;
}

/** An empty, growable span buffer: `const spans = tokenSpans(); tokenize(text, spans)`. */
export function tokenSpans(capacity = 256): TokenSpans {
  return {
    count: 0,
    source: "",
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    h1: new Int32Array(capacity),
    h2: new Int32Array(capacity),
  };
}

function grow(spans: TokenSpans): void {
  spans.start = doubled(spans.start);
  spans.end = doubled(spans.end);
  spans.h1 = doubled(spans.h1);
  spans.h2 = doubled(spans.h2);
}

/**
 * Fills `spans` with the tokens of a document as scikit-learn sees them after lowercasing (runs of ≥ 2 word
 * characters) and their hashes. Example: `tokenize("Qwen/Qwen1.5-72B", spans)` gives 3 tokens: qwen, qwen1, 72b.
 * NOTE: characters are lowercased one by one while scanning, which saves a lowercase copy of every document; the
 * rare text whose lowercase depends on context or changes length (Σ, İ, astral capitals) is lowercased whole first.
 */
export function tokenize(text: string, spans: TokenSpans): number {
  spans.source = text;
  const count = scanTokens(text, spans, 0);
  if (count >= 0) return count;
  spans.source = pythonLower(text);
  return scanTokens(spans.source, spans, 0);
}

/**
 * Appends the tokens of one fragment of a document to `spans` (hashes only; `tokenText` does not apply). A document
 * fed fragment by fragment gives the tokens of the whole when the fragments meet at non-word characters.
 * Example: `spans.count = 0; appendTokens("_id", spans); appendTokens("6799e6e2", spans)`.
 */
export function appendTokens(fragment: string, spans: TokenSpans): number {
  const from = spans.count;
  const count = scanTokens(fragment, spans, from);
  return count >= 0 ? count : scanTokens(pythonLower(fragment), spans, from);
}

/** One scan with per-character folding from token index `from`; -1 when the text needs a whole-text lowercase first. */
function scanTokens(text: string, spans: TokenSpans, from: number): number {
  wordTable ??= buildWordTable();
  foldTable ??= buildFoldTable();
  const table = wordTable;
  const fold = foldTable;
  const n = text.length;
  let count = from;
  let i = 0;
  while (i < n) {
    let c = fold[text.charCodeAt(i)];
    let width = 1;
    let word: boolean;
    if (c === NO_FOLD) {
      const cp = text.codePointAt(i)!;
      if (cp <= 0xffff || astralLowercases(cp)) {
        if (cp < 0xd800 || cp > 0xdfff) return -1; // a character that lowercases by context or to several units
      }
      width = cp > 0xffff ? 2 : 1;
      word = isWordCodePoint(cp);
    } else word = table[c] === 1;
    if (!word) {
      i += width;
      continue;
    }
    const start = i;
    let h1 = 0x811c9dc5 | 0;
    let h2 = 0x2545f491 | 0;
    let chars = 0;
    while (i < n) {
      c = fold[text.charCodeAt(i)];
      width = 1;
      if (c === NO_FOLD) {
        const cp = text.codePointAt(i)!;
        if (cp <= 0xffff) {
          if (cp < 0xd800 || cp > 0xdfff) return -1;
          break; // a lone surrogate is not a word character
        }
        if (astralLowercases(cp)) return -1;
        if (!isWordCodePoint(cp)) break;
        width = 2;
        h1 = Math.imul(h1 ^ text.charCodeAt(i + 1), 0x01000193);
        h2 = Math.imul(h2 ^ text.charCodeAt(i + 1), 0x5bd1e995);
        h2 ^= h2 >>> 15;
        c = text.charCodeAt(i);
      } else if (table[c] !== 1) break;
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
      i += width;
      chars++;
    }
    if (chars < 2) continue;
    if (count === spans.start.length) grow(spans);
    spans.start[count] = start;
    spans.end[count] = i;
    spans.h1[count] = fmix(h1 ^ (i - start));
    spans.h2[count] = fmix(h2 + Math.imul(i - start, 0x27d4eb2f));
    count++;
  }
  spans.count = count;
  return count;
}

/**
 * Appends tokens [from, to) of `source` to `spans` (hashes only, as `appendTokens` leaves them): the same tokens
 * `appendTokens` would give for the fragments they came from. Example: `appendTokenRange(whole, 2, whole.count, spans)`.
 */
export function appendTokenRange(source: TokenSpans, from: number, to: number, spans: TokenSpans): void {
  let count = spans.count;
  while (count + (to - from) > spans.start.length) grow(spans);
  const { h1, h2 } = spans;
  const s1 = source.h1,
    s2 = source.h2;
  for (let k = from; k < to; k++, count++) {
    h1[count] = s1[k];
    h2[count] = s2[k];
  }
  spans.count = count;
}

/** Token k of the last `tokenize` call, lowercased: `tokenText(spans, 0)`. */
export function tokenText(spans: TokenSpans, k: number): string {
  return spans.source.slice(spans.start[k], spans.end[k]).toLowerCase();
}

/** Murmur3's 32-bit finaliser. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** First half of a bigram's key from its two tokens' keys: `bigramKey1(spans.h1[k], spans.h1[k + 1])`. */
export function bigramKey1(a1: number, b1: number): number {
  return fmix(Math.imul(a1, 0x9e3779b1) ^ ((b1 << 13) | (b1 >>> 19)) ^ 0x165667b1);
}

/** Second half of a bigram's key: `bigramKey2(spans.h2[k], spans.h2[k + 1])`. */
export function bigramKey2(a2: number, b2: number): number {
  return fmix((Math.imul(a2 ^ 0x7f4a7c15, 0xcc9e2d51) + b2) | 0);
}
