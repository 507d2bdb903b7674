// The kernel's compile cache (tools/cell_cache.cjs) when files change: an edit to a type file a cell can see must
// reach the compiler, and a fresh one, since tslab's own sees edits only when its polling watchers fire; an edit the
// compiler does not read keeps the cache; a cell with errors is never cached. Its own file, because TypeScript
// keeps the first working directory it is asked for, and these cells run in a temporary folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../src/settings";
import { type Converter, cellCache, countingFactory } from "./helpers/tslabConverter";

const root = repoRoot();

test("an edit to a type file the cells can see reaches the compiler; errors are never cached", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cell-cache-types-"));
  const cacheDir = path.join(dir, ".cache");
  const previous = process.cwd();
  process.chdir(dir);
  try {
    const { counts, create } = countingFactory();
    const factory = cellCache.cachedConverterFactory(create, cacheDir, root, dir);
    const converter = factory({}) as Converter;
    try {
      const cell = 'import { width } from "./shapes";\nconst doubled = width;';
      fs.writeFileSync(path.join(dir, "shapes.d.ts"), "export declare const width: number;\n");
      const asNumber = converter.convert("", cell);
      assert.deepEqual(asNumber.diagnostics, []);
      assert.match(asNumber.declOutput ?? "", /doubled: number/);
      assert.equal(converter.convert("", cell).declOutput, asNumber.declOutput);
      assert.equal(counts.compiled, 1, "the same cell and types: read from the cache");

      fs.writeFileSync(path.join(dir, "shapes.d.ts"), "export declare const width: string;\n");
      assert.match(converter.convert("", cell).declOutput ?? "", /doubled: string/);
      assert.equal(counts.compiled, 2, "a changed .d.ts is compiled again");

      // A script with declarations beside it is not what the compiler reads for types: editing it keeps the cache.
      fs.writeFileSync(path.join(dir, "shapes.js"), "exports.width = 'a';\n");
      converter.convert("", cell);
      assert.equal(counts.compiled, 2);
      // A script without declarations is (checkJs): adding one is compiled again.
      fs.writeFileSync(path.join(dir, "helper.js"), "exports.helper = 1;\n");
      converter.convert("", cell);
      assert.equal(counts.compiled, 3);

      const wrong = 'const count: number = "three";';
      assert.equal(converter.convert("", wrong).diagnostics.length, 1);
      assert.equal(converter.convert("", wrong).diagnostics.length, 1);
      assert.equal(counts.compiled, 5, "a cell with errors goes to the compiler every time");
      assert.equal(counts.compilers, 3, "one compiler, and a fresh one after each edit the key sees");
    } finally {
      converter.close();
    }
  } finally {
    process.chdir(previous);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a kernel waits for a running precompiler's entry instead of compiling, and compiles once it has gone", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cell-cache-wait-"));
  const previous = process.cwd();
  process.chdir(dir);
  const filled = path.join(dir, ".filled");
  const waiting = path.join(dir, ".waiting");
  const cell = "const answer: number = 42;";
  try {
    const { counts, create } = countingFactory();
    const first = cellCache.cachedConverterFactory(create, filled, root, dir)({}) as Converter;
    const expected = first.convert("", cell);
    first.close();
    assert.equal(counts.compiled, 1);
    const entry = fs.readdirSync(filled, { recursive: true }).find((f) => String(f).endsWith(".json"));
    assert.ok(entry, "the first compile stored an entry");

    // A stand-in precompiler: marked in the cache, it writes the entry after 600 ms, then lives on a while.
    const target = path.join(waiting, String(entry));
    const script = `setTimeout(() => { require("fs").mkdirSync(${JSON.stringify(path.dirname(target))}, { recursive: true }); require("fs").copyFileSync(${JSON.stringify(path.join(filled, String(entry)))}, ${JSON.stringify(target)}); }, 600); setTimeout(() => {}, 3000);`;
    const precompiler = spawn(process.execPath, ["-e", script], { stdio: "ignore" });
    fs.mkdirSync(path.join(waiting, "precompiling"), { recursive: true });
    fs.writeFileSync(path.join(waiting, "precompiling", String(precompiler.pid)), "");
    const kernel = cellCache.cachedConverterFactory(create, waiting, root, dir)({}) as Converter;
    const t0 = performance.now();
    assert.deepEqual(kernel.convert("", cell), JSON.parse(JSON.stringify(expected)));
    assert.ok(performance.now() - t0 >= 400, "it waited for the entry");
    assert.equal(counts.compiled, 1, "and compiled nothing");
    precompiler.kill();
    execFileSync("sleep", ["0.2"]);
    // The precompiler has gone, leaving its marker, and is a zombie (this thread has not let Node reap it): a missing
    // entry is compiled at once, not waited for.
    assert.equal(kernel.convert("", "const other = 1;").diagnostics.length, 0);
    assert.equal(counts.compiled, 2);
    kernel.close();
  } finally {
    process.chdir(previous);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
