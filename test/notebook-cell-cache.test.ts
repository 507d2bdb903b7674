// The kernel's compile cache (tools/cell_cache.cjs): a cell read from the cache must equal what tslab's compiler
// makes of it, on every cell of the kit's notebooks; an edit to a type file a cell can see must reach the compiler
// again (test/notebook-cell-cache-edits.test.ts); and a notebook run through the real kernel fills the cache and reads
// it back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../src/settings";
import { writeNotebook } from "./helpers/notebooks";
import { type Converted, type Converter, cellCache, countingFactory } from "./helpers/tslabConverter";

const root = repoRoot();

/** The code cells of a notebook, in order. */
function codeCells(file: string): string[] {
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  return nb.cells
    .filter((c: { cell_type: string }) => c.cell_type === "code")
    .map((c: { source: string[] | string }) => (Array.isArray(c.source) ? c.source.join("") : c.source));
}

/** Converts a notebook's cells in order the way tslab's executor does; returns each cell's result. */
function convertAll(converter: Converter, cells: string[]): Converted[] {
  let prevDecl = "";
  return cells.map((src) => {
    const result = converter.convert(prevDecl, src);
    if (result.diagnostics.length === 0) prevDecl = result.declOutput ?? "";
    return result;
  });
}

test("a cached cell equals the compiler's output on every cell of the kit's notebooks", () => {
  spawnSync("node", [path.join(root, "tools", "build_kit.cjs")], { stdio: "inherit" });
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "cell-cache-"));
  const notebooksDir = path.join(root, "notebooks");
  const previous = process.cwd();
  process.chdir(notebooksDir); // tslab resolves imports from the working directory, as in the kernel
  try {
    const { counts, create } = countingFactory();
    const factory = cellCache.cachedConverterFactory(create, cacheDir, root, notebooksDir);
    const files = fs
      .readdirSync(notebooksDir)
      .filter((f) => f.endsWith(".ipynb"))
      .sort();
    assert.ok(files.length >= 11, `expected the kit's notebooks, found ${files.length}`);
    const first = factory({ isJS: false, isBrowser: false }) as Converter;
    const compiled = files.map((f) => convertAll(first, codeCells(path.join(notebooksDir, f))));
    first.close();
    const cellCount = compiled.reduce((n, cells) => n + cells.length, 0);
    const compiledOnce = counts.compiled; // fewer than the cells: notebooks share their import cell
    assert.equal(counts.compilers, 1);
    assert.ok(compiledOnce > cellCount / 2 && compiledOnce < cellCount, `${compiledOnce} of ${cellCount} compiled`);
    for (const [i, cells] of compiled.entries())
      for (const [j, r] of cells.entries())
        assert.deepEqual(r.diagnostics, [], `${files[i]} cell ${j + 1} has diagnostics`);

    const second = factory({ isJS: false, isBrowser: false }) as Converter;
    const cached = files.map((f) => convertAll(second, codeCells(path.join(notebooksDir, f))));
    second.close();
    assert.equal(counts.compilers, 1, "a fully cached run starts no compiler");
    assert.equal(counts.compiled, compiledOnce);
    assert.deepEqual(cached, JSON.parse(JSON.stringify(compiled)));
    // Another converter option (the browser's) is another key: nothing read across.
    const browser = factory({ isJS: false, isBrowser: true }) as Converter;
    browser.convert("", codeCells(path.join(notebooksDir, files[0]))[0]);
    browser.close();
    assert.equal(counts.compilers, 2);
  } finally {
    process.chdir(previous);
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
});

test("imports that leave the working directory are seen, so such cells are not cached", () => {
  const dir = path.join(root, "notebooks");
  assert.equal(cellCache.importsOutside('import * as kit from "./kit/index";', dir), false);
  assert.equal(cellCache.importsOutside('import { x } from "../src/index";', dir), true);
  assert.equal(cellCache.importsOutside('const m = require("../tools/x.cjs");', dir), true);
  assert.equal(cellCache.importsOutside('const m = await import("./kit/../../src/x");', dir), true);
  assert.equal(cellCache.importsOutside('import "./kit/index";', dir), false);
  assert.equal(cellCache.importsOutside('import * as pl from "nodejs-polars";', dir), false);
});

test("a notebook run through the kernel fills the cache, and a second run reads it with the same outputs", () => {
  const dir = fs.mkdtempSync(path.join(root, "build", "cell-cache-run-"));
  const cacheDir = `${dir}-cache`; // outside the notebook's folder, as build/cell-cache is
  // the executed copies and the run times too, as build/notebooks is: a .json file in the notebook's folder is part
  // of the cache key (a cell could import it)
  const out = `${dir}-out`;
  try {
    const file = writeNotebook(dir, "99-cache.ipynb", ["const n: number = 6 * 7;", 'console.log("n = " + n);']);
    const run = () => {
      const r = spawnSync("make", ["-s", "figures", `NOTEBOOKS=${file}`, `NB_OUT=${out}`, "JOBS=1"], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, MAKEFLAGS: "", KIT_CELL_CACHE: cacheDir },
      });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      const executed = JSON.parse(fs.readFileSync(path.join(out, "99-cache.ipynb"), "utf8"));
      return executed.cells[2].outputs.map((o: { text: string[] | string }) => [o.text].flat().join(""));
    };
    const entries = () => fs.readdirSync(cacheDir, { recursive: true }).filter((f) => String(f).endsWith(".json"));
    assert.deepEqual(run(), ["n = 42\n"]);
    assert.equal(entries().length, 2, "one entry per compiled cell");
    const stamps = entries().map((f) => fs.statSync(path.join(cacheDir, String(f))).mtimeMs);
    assert.deepEqual(run(), ["n = 42\n"]);
    assert.deepEqual(
      entries().map((f) => fs.statSync(path.join(cacheDir, String(f))).mtimeMs),
      stamps,
      "the second run rewrites no entry",
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
});
