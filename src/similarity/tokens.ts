// The paper's term analyzer (docs/methods.md §4.1 "Bag-of-words cosine"; data/reference/README.md §9.2): scikit-learn's
// CountVectorizer with lowercase=True, token pattern `(?u)\b\w\w+\b` and ngram_range=(1, 2). A document is
// lowercased, cut into maximal runs of two or more word characters (Python's Unicode \w: letters, numbers and
// "_"; combining marks are not word characters), and its terms are the tokens followed by each pair of adjacent
// tokens joined by one space: "Qwen/Qwen1.5-72B" ⇥ tokens qwen, qwen1, 72b ⇥ terms qwen, qwen1, 72b, "qwen qwen1",
// "qwen1 72b".
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

function isWordCodePoint(cp: number): boolean {
  if (cp < 65536) {
    wordTable ??= buildWordTable();
    return wordTable[cp] === 1;
  }
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

function buildWordTable(): Uint8Array {
  const table = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (c < 128 ? (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 : WORD_CHAR.test(String.fromCharCode(c))) table[c] = 1;
  }
  return table;
}

function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) {
    if (c < 128) table[c] = c >= 65 && c <= 90 ? c + 32 : c;
    else if (c === NO_FOLD) table[c] = 0x20; // U+FFFF, a non-word noncharacter, must not read as the marker
    else if (c >= 0xd800 && c <= 0xdfff) table[c] = NO_FOLD;
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
  return { count: 0, source: "", start: new Int32Array(capacity), end: new Int32Array(capacity), h1: new Int32Array(capacity), h2: new Int32Array(capacity) };
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
  spans.source = text.toLowerCase();
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
  return count >= 0 ? count : scanTokens(fragment.toLowerCase(), spans, from);
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
      if (cp <= 0xffff || String.fromCodePoint(cp).toLowerCase() !== String.fromCodePoint(cp)) {
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
        if (String.fromCodePoint(cp).toLowerCase() !== String.fromCodePoint(cp)) return -1;
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
