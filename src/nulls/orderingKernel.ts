// The exact ordering of one strongly connected component with integer weights, for the ordering nulls: the
// lexicographically first optimum, as drift/ordering.ts's solver gives it, about five times faster at 20 values.
// The dynamic programme over subsets runs in WebAssembly (orderingKernel.wat, compiled into orderingKernelWasm.ts);
// this file lays out its tables and reads the ordering back.
//
// NOTE: measured on 20-value components of the flip nulls, 8–10 ms per component here against 43–55 ms for the same
// programme in JavaScript, whose loop over a subset's free values V8 runs at about 2 ns per step.
import { lazyWasmExports, memoryWords } from "../wasm";
import { ORDERING_KERNEL_WASM } from "./orderingKernelWasm";

/** Largest total weight firstOptimum takes (sums of three table entries stay below 2^31). */
export const INTEGER_LIMIT = 2 ** 29;

/** Most values in one component (the tables take 2^(k + 3) bytes). */
export const MAX_COMPONENT = 26;

interface Kernel {
  memory: WebAssembly.Memory;
  configure: (k: number, lowBits: number, lo: number, hi: number, col: number, g: number) => void;
  columns: (w: number) => void;
  solve: (base: number, bits: number) => void;
}

/** The kernel's exports, instantiated on first use. */
const loadKernel = lazyWasmExports<Kernel>(ORDERING_KERNEL_WASM);

/**
 * The lexicographically first optimal ordering (value indices, first placed first) of a k × k problem with
 * non-negative integer weights totalling below INTEGER_LIMIT: g(S) = max over v ∉ S of gain(S, v) + g(S ∪ {v}), then
 * the smallest tight v at each step. Example: `firstOptimum(3, Float64Array.from([0, 2, 0, 0, 0, 1, 1, 0, 0]))`.
 */
export function firstOptimum(k: number, w: Float64Array): number[] {
  if (!Number.isInteger(k) || k < 1 || k > MAX_COMPONENT)
    throw new Error(`nulls/orderingKernel: a component has 1 to ${MAX_COMPONENT} values, got ${k}`);
  if (w.length !== k * k) throw new Error(`nulls/orderingKernel: the weights must have k * k = ${k * k} entries`);
  const { memory, configure, columns, solve } = loadKernel();
  const highBits = k >> 1,
    lowBits = k - highBits,
    loMask = (1 << lowBits) - 1;
  const size = 2 ** k,
    full = size - 1;
  // Word offsets: g, col, lo, hi, w.
  const gAt = 0,
    colAt = size,
    loAt = 2 * size,
    hiAt = loAt + k * 2 ** lowBits,
    wAt = hiAt + k * 2 ** highBits,
    bytes = (wAt + k * k) * 4;
  const m = memoryWords(memory, bytes);
  // gain(mask, v) for the masks of `bits` values from `offset` on, by adding one row per lowest bit
  const table = (at: number, bits: number, offset: number) => {
    m.fill(0, at, at + k);
    for (let mask = 1; mask < 2 ** bits; mask++) {
      const low = 31 - Math.clz32(mask & -mask),
        prev = at + (mask & (mask - 1)) * k,
        row = (low + offset) * k,
        to = at + mask * k;
      for (let v = 0; v < k; v++) m[to + v] = m[prev + v] + w[row + v];
    }
  };
  table(loAt, lowBits, 0);
  table(hiAt, highBits, lowBits);
  m.set(w, wAt);
  m.fill(-1, gAt, gAt + size);
  m[gAt + full] = 0;
  configure(k, lowBits, loAt * 4, hiAt * 4, colAt * 4, gAt * 4);
  columns(wAt * 4);
  solve(0, k);
  const ordering: number[] = [];
  for (let s = 0; s !== full; ) {
    const a = loAt + (s & loMask) * k,
      b = hiAt + (s >>> lowBits) * k;
    let v = 0;
    while (v < k && (s & (1 << v) || m[a + v] + m[b + v] + m[gAt + (s | (1 << v))] !== m[gAt + s])) v++;
    if (v === k)
      throw new Error(`nulls/orderingKernel: no value attains g after ${ordering.length} placed (kernel fault)`);
    ordering.push(v);
    s |= 1 << v;
  }
  return ordering;
}
