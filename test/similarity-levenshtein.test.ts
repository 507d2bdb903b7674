// Normalised Levenshtein similarity (docs/methods.md §4.1): the bit-parallel distance against the textbook dynamic
// programme on random strings (short, multi-block, astral code points, empty), and the paper's edge cases.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../src/random";
import {
  codePoints,
  levenshteinDistance,
  levenshteinSimilarity,
  normalizedLevenshteinOf,
} from "../src/similarity/levenshtein";
import { alignmentDistance, editAlignment } from "../src/similarity/editAlignment";
import { dpDistance } from "./helpers/levenshtein";

test("levenshteinDistance equals the dynamic programme on 2,000 random pairs (1 to 12 blocks, astral code points)", () => {
  const rng = createRng("levenshtein");
  const alphabet = ["a", "b", "c", "d", "é", "ß", "😀", "𝕏", "x", "{", "'", " "];
  for (let k = 0; k < 2000; k++) {
    const maxLen = k < 1500 ? 40 : 380;
    const sigma = 1 + rng.int(alphabet.length);
    const make = () => Array.from({ length: rng.int(maxLen) }, () => alphabet[rng.int(sigma)]).join("");
    const a = make();
    const b =
      k % 5 === 0 ? a.slice(0, rng.int(a.length + 1)) + make().slice(0, 5) + a.slice(rng.int(a.length + 1)) : make();
    assert.equal(levenshteinDistance(a, b), dpDistance(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
});

test("levenshteinDistance agrees with the Figure-4 alignment's distance", () => {
  const a = "{'id': 'Qwen/Qwen1.5-72B', 'likes': 60}";
  const b = "{'id': 'abideen/MegaQwen-120B', 'likes': 3}";
  assert.equal(levenshteinDistance(a, b), alignmentDistance(editAlignment(a, b)));
});

test("levenshteinSimilarity is 1 − dist / max(len) on code points, 1 for two empty strings and 0 for one", () => {
  assert.equal(levenshteinSimilarity("kitten", "sitting"), 1 - 3 / 7);
  assert.equal(levenshteinSimilarity("", ""), 1);
  assert.equal(levenshteinSimilarity("", "abc"), 0);
  assert.equal(levenshteinSimilarity("abc", ""), 0);
  assert.equal(levenshteinSimilarity("same", "same"), 1);
  assert.equal(levenshteinSimilarity("😀a", "😀b"), 0.5); // 2 code points each, JS length 3
  assert.equal(normalizedLevenshteinOf(codePoints("abcd"), codePoints("abed")), 0.75);
  assert.deepEqual(Array.from(codePoints("a😀")), [97, 128512]);
});

test("a pattern longer than 32 code points whose last block is partial keeps its score exact", () => {
  for (const m of [31, 32, 33, 63, 64, 65, 96, 511, 512, 513]) {
    const a = "ab".repeat(m).slice(0, m);
    const b = "ba".repeat(m + 3).slice(0, m + 3);
    assert.equal(levenshteinDistance(a, b), dpDistance(a, b), `m = ${m}`);
  }
});
