// Normalised Levenshtein similarity (docs/methods.md §4.1 "Three similarity measures"; data/reference/README.md §9.2):
// 1 − lev(a, b) / max(|a|, |b|) on Unicode code points, 1 for two empty strings and 0 when exactly one is empty,
// as the authors' `normalized_levenshtein_similarity` over python-Levenshtein.
//
// The distance is Myers' bit-vector algorithm in Hyyrö's block form (G. Myers, "A fast bit-vector algorithm for
// approximate string matching based on dynamic programming", JACM 1999, §4 "advance_block"; H. Hyyrö 2003):
// the shorter string is the pattern, cut into 64-bit blocks; each character of the longer string advances every
// block by a handful of word operations, so a pair of 512-character strings costs 8 × 512 block steps.
// NOTE: the common prefix and suffix are stripped first (they never change the distance). The block loop runs in
// WebAssembly (levenshteinKernel.wat) on 64-bit words: JavaScript's bit operations stop at 32 bits, and its loop
// took 5.9 of the similarity bench stage's CPU seconds.

import { lazyWasmExports, memoryWords } from "../wasm";
import { LEVENSHTEIN_KERNEL_WASM } from "./levenshteinKernelWasm";

/** Bits per block of the WebAssembly loop (levenshteinKernel.wat). */
const WORD = 64;

/** Symbol of each BMP code point in the current pattern (-1: not in the pattern); reset after every call. */
const bmpSymbol = new Int32Array(65536).fill(-1);

/**
 * Code points of a string as an Int32Array (a surrogate pair is one code point, as Python's str).
 * Example: `codePoints("a😀")` is Int32Array [97, 128512].
 */
export function codePoints(text: string): Int32Array {
  const out = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out[n++] = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
        continue;
      }
    }
    out[n++] = c;
  }
  return n === out.length ? out : out.slice(0, n);
}

/**
 * Levenshtein distance (unit insert, delete, substitute) between two code-point arrays.
 * Example: `levenshteinDistanceOf(codePoints("kitten"), codePoints("sitting"))` is 3.
 */
export function levenshteinDistanceOf(a: Int32Array, b: Int32Array): number {
  let start = 0;
  let endA = a.length;
  let endB = b.length;
  while (start < endA && start < endB && a[start] === b[start]) start++;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const lenA = endA - start;
  const lenB = endB - start;
  if (lenA === 0) return lenB;
  if (lenB === 0) return lenA;
  // The shorter side is the pattern (fewer blocks).
  return lenA <= lenB ? myersDistance(a, start, endA, b, start, endB) : myersDistance(b, start, endB, a, start, endA);
}

interface LevenshteinKernel {
  memory: WebAssembly.Memory;
  distance: (m: number, blocks: number, peq: number, text: number, n: number, pv: number, mv: number) => number;
}

/** The WebAssembly block loop's exports, instantiated on first use. */
const levenshteinKernel = lazyWasmExports<LevenshteinKernel>(LEVENSHTEIN_KERNEL_WASM);

/** Myers/Hyyrö block algorithm: pattern p[ps, pe), text t[ts, te), both non-empty. */
function myersDistance(p: Int32Array, ps: number, pe: number, t: Int32Array, ts: number, te: number): number {
  const m = pe - ps,
    n = te - ts;
  const blocks = Math.ceil(m / WORD);
  // Pattern alphabet: symbol 0 is "not in the pattern" (all-zero match vectors).
  const astral = new Map<number, number>();
  let symbols = 1;
  for (let i = ps; i < pe; i++) {
    const c = p[i];
    if (c < 65536) {
      if (bmpSymbol[c] < 0) bmpSymbol[c] = symbols++;
    } else if (!astral.has(c)) astral.set(c, symbols++);
  }
  // Byte layout: peq (symbols × blocks words), the text's symbols, pv, mv.
  const { memory, distance } = levenshteinKernel();
  const peqAt = 0,
    textAt = symbols * blocks * 8,
    pvAt = textAt + Math.ceil(n / 2) * 8,
    mvAt = pvAt + blocks * 8,
    bytes = mvAt + blocks * 8;
  const words = memoryWords(memory, bytes);
  // bit i of block b of symbol s: the low word of a 64-bit block first (WebAssembly is little-endian)
  const peq = peqAt >> 2;
  words.fill(0, peq, textAt >> 2);
  for (let i = 0; i < m; i++) {
    const c = p[ps + i];
    const s = c < 65536 ? bmpSymbol[c] : astral.get(c)!;
    words[peq + (s * blocks + (i >>> 6)) * 2 + ((i >>> 5) & 1)] |= 1 << (i & 31);
  }
  for (let j = 0, at = textAt >> 2; j < n; j++) {
    const c = t[ts + j];
    const s = c < 65536 ? bmpSymbol[c] : (astral.get(c) ?? 0);
    words[at + j] = Math.max(s, 0);
  }
  for (let i = ps; i < pe; i++) if (p[i] < 65536) bmpSymbol[p[i]] = -1;
  return distance(m, blocks, peqAt, textAt, n, pvAt, mvAt);
}

/** Levenshtein distance of two strings on code points: `levenshteinDistance("kitten", "sitting")` is 3. */
export function levenshteinDistance(a: string, b: string): number {
  return levenshteinDistanceOf(codePoints(a), codePoints(b));
}

/**
 * The paper's normalised similarity on code-point arrays: 1 − dist / max(len); 1 if both are empty, 0 if one is.
 * Example: `normalizedLevenshteinOf(codePoints("abcd"), codePoints("abed"))` is 0.75.
 */
export function normalizedLevenshteinOf(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 1.0;
  if (a.length === 0 || b.length === 0) return 0.0;
  return 1 - levenshteinDistanceOf(a, b) / Math.max(a.length, b.length);
}

/**
 * The paper's normalised Levenshtein similarity of two strings: `levenshteinSimilarity("kitten", "sitting")` is 1 −
 * 3/7.
 */
export function levenshteinSimilarity(a: string, b: string): number {
  return normalizedLevenshteinOf(codePoints(a), codePoints(b));
}
