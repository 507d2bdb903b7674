// The kit's WebAssembly kernels (src/**/*.wat, tools/build_wasm.cjs): every committed module holds exactly what its
// source compiles to, so an edited .wat without `make wasm` fails here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ORDERING_KERNEL_WASM } from "../src/nulls/orderingKernelWasm";

test("every committed WebAssembly module is what its .wat source compiles to", async () => {
  const { compileWat, moduleSource, modulePath, watFiles } = require("../tools/build_wasm.cjs");
  const sources: string[] = watFiles();
  assert.deepEqual(sources, [
    "src/nulls/mutationKernel.wat",
    "src/nulls/orderingKernel.wat",
    "src/randomKernel.wat",
    "src/similarity/levenshteinKernel.wat",
  ]);
  for (const wat of sources) {
    const bytes: Uint8Array = await compileWat(wat);
    const committed = readFileSync(modulePath(wat), "utf8");
    assert.equal(committed, moduleSource(wat, bytes), `${modulePath(wat)} is out of date: run make wasm`);
  }
  const kernel = await compileWat("src/nulls/orderingKernel.wat");
  assert.equal(Buffer.from(kernel).toString("base64"), ORDERING_KERNEL_WASM);
});
