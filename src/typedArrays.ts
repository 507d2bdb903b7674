// Small helpers for the growable typed-array columns that readers and tokenizers fill row by row.

/** Any typed array with a length constructor. */
export type GrowableArray = Uint8Array | Uint16Array | Int32Array | Float64Array;

/** A copy of `a` with twice its length, the first half equal to `a`: `spans.start = doubled(spans.start)`. */
export function doubled<T extends GrowableArray>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/**
 * The items of `order` stably sorted by `key[item]` (each key an integer in [0, range)), by one counting sort:
 * `sortedByKey(Int32Array.of(0, 1, 2), Uint8Array.of(2, 0, 2), 3)` is [1, 0, 2]. Applied least significant key first,
 * it sorts by several keys at once.
 */
export function sortedByKey(order: Int32Array, key: ArrayLike<number>, range: number): Int32Array {
  const start = new Int32Array(range + 1);
  for (let i = 0; i < order.length; i++) start[key[order[i]] + 1]++;
  for (let r = 0; r < range; r++) start[r + 1] += start[r];
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) out[start[key[order[i]]]++] = order[i];
  return out;
}
