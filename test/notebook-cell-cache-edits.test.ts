// The kernel's compile cache (tools/cell_cache.cjs) when files change: an edit to a type file a cell can see must
// reach the compiler, and a fresh one, since tslab's own sees edits only when its polling watchers fire; an edit the
// compiler does not read keeps the cache; a cell with errors is never cached. Its own file, because TypeScript
// keeps the first working directory it is asked for, and these cells run in a temporary folder.
import { test } from "node:test";
import assert from "node:assert/strict";
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
