// Loading the kit's WebAssembly kernels (src/**/*.wat, compiled by `make wasm` into base64 modules beside them): each
// is instantiated once per process, on first use, with no imports.

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
