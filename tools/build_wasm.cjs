// Compiles the kit's WebAssembly sources (src/**/*.wat) with wabt and writes each one's bytes, base64, into a
// TypeScript module beside it (orderingKernel.wat -> orderingKernelWasm.ts), so the kit loads them with no file
// lookup and no compiler at run time. `make wasm` runs it; the unit tests check that every committed module still
// holds exactly what its source compiles to.
// Usage: node tools/build_wasm.cjs [--check]   (--check: fail, naming the file, where a module is out of date)
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const SRC = path.join(ROOT, "src");
/** Proposals the sources use; wabt rejects anything else. */
const FEATURES = { simd: true };

/** Every .wat file under src/, relative to the root, sorted. */
function watFiles(dir = SRC) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return watFiles(full);
      return e.name.endsWith(".wat") ? [path.relative(ROOT, full)] : [];
    })
    .sort();
}

/** The module a .wat file is written to: src/nulls/orderingKernel.wat -> src/nulls/orderingKernelWasm.ts. */
function modulePath(watFile) {
  return watFile.replace(/\.wat$/, "Wasm.ts");
}

/** The binary a .wat file compiles to (validated). Example: `await compileWat("src/nulls/orderingKernel.wat")`. */
async function compileWat(watFile) {
  const wabt = await require("wabt")();
  const text = fs.readFileSync(path.join(ROOT, watFile), "utf8");
  const parsed = wabt.parseWat(watFile, text, FEATURES);
  try {
    parsed.resolveNames();
    parsed.validate(FEATURES);
    return Uint8Array.from(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

/** The TypeScript module holding a binary: one exported base64 constant named after the file. */
function moduleSource(watFile, bytes) {
  const name = path.basename(watFile, ".wat");
  const constant = `${name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}_WASM`;
  const base64 = Buffer.from(bytes).toString("base64");
  const lines = base64.match(/.{1,116}/g) ?? [""];
  return [
    `// ${path.basename(watFile)} compiled by tools/build_wasm.cjs (\`make wasm\`); edit the .wat, not this file.`,
    "",
    `/** The compiled bytes of ${path.basename(watFile)}, base64. */`,
    `export const ${constant} =`,
    ...lines.map((l, i) => `  "${l}"${i === lines.length - 1 ? ";" : " +"}`),
    "",
  ].join("\n");
}

async function main() {
  const check = process.argv.includes("--check");
  const stale = [];
  for (const wat of watFiles()) {
    const target = modulePath(wat);
    const source = moduleSource(wat, await compileWat(wat));
    const current = fs.existsSync(path.join(ROOT, target)) ? fs.readFileSync(path.join(ROOT, target), "utf8") : null;
    if (current === source) continue;
    if (check) stale.push(target);
    else {
      fs.writeFileSync(path.join(ROOT, target), source);
      console.log(`wasm: wrote ${target} from ${wat}`);
    }
  }
  if (stale.length > 0) {
    console.error(`wasm: out of date with its .wat source (run make wasm): ${stale.join(", ")}`);
    process.exit(1);
  }
}

if (require.main === module)
  main().catch((error) => {
    console.error(`wasm: ${error.message}`);
    process.exit(1);
  });

module.exports = { watFiles, modulePath, compileWat, moduleSource };
