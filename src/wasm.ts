// Loading the kit's WebAssembly kernels (src/**/*.wat, compiled by `make wasm` into base64 modules beside them): each
// is instantiated once per process, on first use, with no imports; and sizing a kernel's memory for its tables.

/**
 * A getter of a kernel's exports, instantiating it on the first call (then `init` runs once on them). Example:
 * `const kernel = lazyWasmExports<{ fill: (n: number) => void }>(RANDOM_KERNEL_WASM); kernel().fill(8)`.
 */
export function lazyWasmExports<T>(base64: string, init?: (exports: T) => void): () => T {
  let exports: T | null = null;
  return () => {
    if (exports === null) {
      const module = new WebAssembly.Module(Buffer.from(base64, "base64"));
      exports = new WebAssembly.Instance(module, {}).exports as unknown as T;
      init?.(exports);
    }
    return exports;
  };
}

/** WebAssembly pages of 64 KiB. */
const PAGE_BYTES = 65536;

/**
 * Grows a kernel's memory to hold at least `bytes`, and returns it as 32-bit words (a view made after any growth).
 * Example: `const words = memoryWords(kernel.memory, 16 + 4 * n)`.
 */
export function memoryWords(memory: WebAssembly.Memory, bytes: number): Int32Array {
  const missing = bytes - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / PAGE_BYTES));
  return new Int32Array(memory.buffer);
}
