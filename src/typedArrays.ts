// Small helpers for the growable typed-array columns that readers and tokenizers fill row by row.

/** Any typed array with a length constructor. */
export type GrowableArray = Uint8Array | Uint16Array | Int32Array | Float64Array;

/** A copy of `a` with twice its length, the first half equal to `a`: `spans.start = doubled(spans.start)`. */
export function doubled<T extends GrowableArray>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}
