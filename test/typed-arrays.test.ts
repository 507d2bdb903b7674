// The typed-array helpers (src/typedArrays.ts): counting sorts applied least significant key first order items by
// several keys exactly as a comparison sort does, ties kept in input order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../src/random";
import { doubled, sortedByKey } from "../src/typedArrays";

test("sortedByKey, least significant key first, orders by (parent, child, flag) as a comparison sort does", () => {
  const rng = createRng(5);
  for (const [m, n] of [
    [0, 1],
    [1, 3],
    [5_000, 40],
    [20_000, 20_000_000],
  ]) {
    // few distinct parents, so that (parent, child) pairs repeat and the flag decides
    const parent = Int32Array.from({ length: m }, () => rng.int(Math.min(n, 50)) * Math.max(1, Math.floor(n / 50)));
    const child = Int32Array.from({ length: m }, () => rng.int(Math.min(n, 60)));
    const flag = Uint8Array.from({ length: m }, () => 1 << rng.int(5));
    let order: Int32Array = Int32Array.from({ length: m }, (_, i) => i);
    order = sortedByKey(order, flag, 32);
    order = sortedByKey(order, child, n);
    order = sortedByKey(order, parent, n);
    const expected = Array.from({ length: m }, (_, i) => i).sort(
      (a, b) => parent[a] - parent[b] || child[a] - child[b] || flag[a] - flag[b] || a - b,
    );
    assert.deepEqual(Array.from(order), expected, `${m} items, keys below ${n}`);
  }
  assert.deepEqual(Array.from(sortedByKey(Int32Array.of(0, 1, 2), Uint8Array.of(2, 0, 2), 3)), [1, 0, 2]);
});

test("doubled keeps the values and doubles the length", () => {
  const a = doubled(Int32Array.of(4, 5, 6));
  assert.deepEqual(Array.from(a), [4, 5, 6, 0, 0, 0]);
});
