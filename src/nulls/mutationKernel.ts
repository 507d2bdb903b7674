// The mutation nulls' replicate loop in WebAssembly (mutationKernel.wat, compiled into mutationKernelWasm.ts): this
// file lays one test's arrays out in the kernel's memory and sums a replicate's set distances through it, or shuffles
// a relation comparison's pooled values.
//
// NOTE: measured on notebook 50's sixteen mutation tests at 1.86M models, V8 ran the JavaScript loops (a draw, then a
// table read per edge) at about 20 ns per draw, whatever the width of the set ids or the size of the table; the
// kernel, with one float multiply and three reads per draw, at a fraction of that. The arithmetic is the same float64
// steps, so every sum is the same number.
import { lazyWasmExports, memoryWords } from "../wasm";
import { MUTATION_KERNEL_WASM } from "./mutationKernelWasm";

interface Kernel {
  memory: WebAssembly.Memory;
  population: (m: number, draws: number, rows: number, sets: number, count: number) => number;
  family: (m: number, draws: number, rows: number, sets: number, base: number, choices: number, own: number) => number;
  shuffle: (n: number, draws: number, values: number) => void;
}

/** The kernel's exports, instantiated on first use. */
const loadKernel = lazyWasmExports<Kernel>(MUTATION_KERNEL_WASM);

/** One mutation test's arrays, as mutation.ts builds them (the set ids of any integer typed array). */
export interface MutationKernelInput {
  /** Per counted edge, the row of `table` holding its parent's set. */
  parentRow: Int32Array;
  /** Row r, set y at r · setCount + y: 1 − Jaccard between the r-th parent set and set y. */
  table: Float64Array;
  setCount: number;
  /** The set of each model listing the trait, in row order (the population null draws from it). */
  listedSet: ArrayLike<number>;
  /** The same models grouped by family (the family null draws from the child's block). */
  familySet: ArrayLike<number>;
  /** Per counted edge: where the child's family block starts, its models other than the child, the child's place. */
  blockBase: Int32Array;
  blockDraws: Int32Array;
  ownPlace: Int32Array;
}

/** A test's arrays in the kernel's memory: fill `draws`, then sum one null's distances over the edges. */
export interface MutationKernelRun {
  /** The replicate's uint32 draws, one per edge (a view into the kernel's memory): `rng.fillUint32(run.draws)`. */
  draws: Uint32Array;
  /** Σ over the edges of the distance from the parent's set to a model drawn among all that list the trait. */
  population: () => number;
  /** Σ over the edges of the distance from the parent's set to a model drawn among the child's family. */
  family: () => number;
}

/**
 * Copies a test's arrays into the kernel's memory; the run is valid until the next call. Example:
 * `const run = mutationKernelRun(input); rng.fillUint32(run.draws); const rate = run.family() / m`.
 */
export function mutationKernelRun(input: MutationKernelInput): MutationKernelRun {
  const { parentRow, table, setCount, listedSet, familySet, blockBase, blockDraws, ownPlace } = input;
  const m = parentRow.length,
    listed = listedSet.length;
  if (familySet.length !== listed || blockBase.length !== m || blockDraws.length !== m || ownPlace.length !== m)
    throw new Error("nulls/mutationKernel: the per-edge and per-model arrays must have matching lengths");
  // Byte offsets: the table first (8-byte aligned), then 4-byte arrays.
  const tableAt = 0,
    drawsAt = tableAt + 8 * table.length,
    rowsAt = drawsAt + 4 * m,
    baseAt = rowsAt + 4 * m,
    choicesAt = baseAt + 4 * m,
    ownAt = choicesAt + 4 * m,
    listedAt = ownAt + 4 * m,
    familyAt = listedAt + 4 * listed,
    bytes = familyAt + 4 * listed;
  if (bytes > 2 ** 31) throw new Error(`nulls/mutationKernel: ${bytes} bytes of tables exceed the kernel's 2 GB`);
  const kernel = loadKernel();
  const buffer = memoryWords(kernel.memory, bytes).buffer;
  new Float64Array(buffer, tableAt, table.length).set(table);
  const rows = new Int32Array(buffer, rowsAt, m);
  for (let i = 0; i < m; i++) rows[i] = tableAt + 8 * parentRow[i] * setCount;
  new Int32Array(buffer, baseAt, m).set(blockBase);
  new Int32Array(buffer, choicesAt, m).set(blockDraws);
  new Int32Array(buffer, ownAt, m).set(ownPlace);
  new Int32Array(buffer, listedAt, listed).set(listedSet);
  new Int32Array(buffer, familyAt, listed).set(familySet);
  return {
    draws: new Uint32Array(buffer, drawsAt, m),
    population: () => kernel.population(m, drawsAt, rowsAt, listedAt, listed),
    family: () => kernel.family(m, drawsAt, rowsAt, familyAt, baseAt, choicesAt, ownAt),
  };
}

/** Pooled values in the kernel's memory, shuffled in place by one replicate's draws. */
export interface ShuffleRun {
  /** The replicate's uint32 draws, n − 1 of them (a view into the kernel's memory): `rng.fillUint32(run.draws)`. */
  draws: Uint32Array;
  /** The values, shuffled by every `shuffle()` (a view into the kernel's memory). */
  values: Float64Array;
  /** One Fisher–Yates pass from the current draws, as rng.int(i + 1) per step would make it. */
  shuffle: () => void;
}

/**
 * Copies values into the kernel's memory for repeated shuffles; the run is valid until the next call. Example:
 * `const run = shuffleRun(pooled); rng.fillUint32(run.draws); run.shuffle(); run.values[0]`.
 */
export function shuffleRun(values: Float64Array): ShuffleRun {
  const n = values.length;
  const valuesAt = 0,
    drawsAt = 8 * n,
    bytes = drawsAt + 4 * Math.max(0, n - 1);
  if (bytes > 2 ** 31) throw new Error(`nulls/mutationKernel: ${bytes} bytes of values exceed the kernel's 2 GB`);
  const kernel = loadKernel();
  const buffer = memoryWords(kernel.memory, bytes).buffer;
  const view = new Float64Array(buffer, valuesAt, n);
  view.set(values);
  return {
    draws: new Uint32Array(buffer, drawsAt, Math.max(0, n - 1)),
    values: view,
    shuffle: () => kernel.shuffle(n, drawsAt, valuesAt),
  };
}
