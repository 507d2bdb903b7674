// Seeded pseudo-random numbers for every random step of the kit: a stage takes an `rng` built from
// `settings.seed` instead of calling Math.random, so a run is reproducible bit for bit (the paper's
// notebooks seed nothing).
//
// Generator: sfc32 (Small Fast Counter, 128-bit state, passes PractRand), seeded by splitmix32.
// NOTE: all arithmetic is on 32-bit integers, so one draw costs a few nanoseconds; stages that draw
// millions of numbers take them in batches from fillUint32, whose loop runs in WebAssembly (randomKernel.wat)
// for batches of FILL_IN_KERNEL outputs or more.
import { RANDOM_KERNEL_WASM } from "./randomKernelWasm";
import { lazyWasmExports, memoryWords } from "./wasm";

/** A seeded generator: `rng()` is uniform in [0, 1). */
export interface Rng {
  /** Uniform float in [0, 1) with 32 random bits: `rng()`. */
  (): number;
  /** Raw uniform 32-bit unsigned integer: `rng.uint32()`. */
  uint32(): number;
  /**
   * Fills `out` with the next out.length outputs of `uint32()`, in a tight loop (a hot loop then reads them instead of
   * calling through the closure): `rng.fillUint32(new Uint32Array(m))`. `Math.floor((out[i] / 2 ** 32) * n)` is then
   * what `rng.int(n)` would have returned.
   */
  fillUint32(out: Uint32Array): Uint32Array;
  /** Uniform integer in [0, n): `rng.int(6)` is a die roll minus one. */
  int(n: number): number;
  /** Standard normal deviate (Box-Muller): `mean + sd * rng.normal()`. */
  normal(): number;
  /** An independent stream named by `label`, the same whatever this one has drawn: `rng.fork("licenses")`. */
  fork(label: string | number): Rng;
  /** The seed key this generator was built from (a fork's key is `<parent key>/<label>`). */
  readonly key: string;
}

/** 2^32: a uint32 draw u gives the integer floor(u / 2^32 · n) in [0, n), as `rng.int(n)` does. */
export const TWO_POW_32 = 4294967296;

/** 32-bit FNV-1a hash of a string: `hashString("a")` is 0xe40c292c. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Batches of at least this many outputs are drawn by the WebAssembly loop (smaller ones by the same loop in JS). */
export const FILL_IN_KERNEL = 64;

/** Outputs per call of the WebAssembly loop (its memory holds one batch: 4 MB). */
const KERNEL_BATCH = 1 << 20;

interface RandomKernel {
  memory: WebAssembly.Memory;
  fill: (n: number) => void;
}

/** The WebAssembly loop's exports, instantiated on first use with room for one batch. */
const randomKernel = lazyWasmExports<RandomKernel>(RANDOM_KERNEL_WASM, (kernel) =>
  memoryWords(kernel.memory, 16 + 4 * KERNEL_BATCH),
);

/** splitmix32 step: returns the next state and a well-mixed 32-bit output. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

/**
 * A seeded generator. Numbers and strings are both accepted; equal seeds give equal streams.
 * Example: `const rng = createRng(settings.seed); rng.int(10)`.
 */
export function createRng(seed: number | string = 1): Rng {
  const key = String(seed);
  let s = hashString(key);
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [next, out] = splitmix32(s);
    s = next;
    words.push(out);
  }
  let [a, b, c, d] = words;
  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) uint32(); // discard the warm-up outputs
  const rng = (() => uint32() / TWO_POW_32) as Rng;
  rng.uint32 = uint32;
  // NOTE: the step of uint32() again, on local copies of the state: a loop over the closure's own variables is slower.
  rng.fillUint32 = (out: Uint32Array) => {
    if (out.length >= FILL_IN_KERNEL) {
      const kernel = randomKernel();
      for (let from = 0; from < out.length; from += KERNEL_BATCH) {
        const n = Math.min(KERNEL_BATCH, out.length - from);
        const state = new Int32Array(kernel.memory.buffer, 0, 4);
        state[0] = a;
        state[1] = b;
        state[2] = c;
        state[3] = d;
        kernel.fill(n);
        [a, b, c, d] = state;
        out.set(new Uint32Array(kernel.memory.buffer, 16, n), from);
      }
      return out;
    }
    let [sa, sb, sc, sd] = [a, b, c, d];
    for (let i = 0; i < out.length; i++) {
      const t = (((sa + sb) | 0) + sd) | 0;
      sd = (sd + 1) | 0;
      sa = sb ^ (sb >>> 9);
      sb = (sc + (sc << 3)) | 0;
      sc = (sc << 21) | (sc >>> 11);
      sc = (sc + t) | 0;
      out[i] = t >>> 0;
    }
    [a, b, c, d] = [sa, sb, sc, sd];
    return out;
  };
  rng.int = (n: number) => Math.floor((uint32() / TWO_POW_32) * n);
  rng.normal = () => {
    const u = 1 - uint32() / TWO_POW_32; // (0, 1]
    const v = uint32() / TWO_POW_32;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  rng.fork = (label: string | number) => createRng(`${key}/${label}`);
  (rng as { key: string }).key = key;
  return rng;
}

/** Fisher-Yates shuffle in place; returns the same array: `shuffleInPlace(Int32Array.from([1, 2, 3]), rng)`. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(items: T, rng: Rng): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

/**
 * Index drawn with probability proportional to `weights[i]` (linear scan; for small tables).
 * Example: `weightedIndex([0.7, 0.2, 0.1], rng)` is 0 about 70% of the time.
 */
export function weightedIndex(weights: ArrayLike<number>, rng: Rng, total = -1): number {
  let sum = total;
  if (sum < 0) {
    sum = 0;
    for (let i = 0; i < weights.length; i++) sum += weights[i];
  }
  let u = rng() * sum;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  return -1;
}
