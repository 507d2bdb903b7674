// A compile cache for the notebook kernel. tslab type-checks and compiles every cell with TypeScript; in a fresh
// kernel that costs 3-6 s of CPU per notebook, about half of what `make figures` spends on the sample. A cell's
// compiled JavaScript and declarations are a function of the cell's text, the declarations of the cells before it,
// the compiler (tslab, TypeScript, Node's version) and the type files the cell can see. This module keys each
// compiled cell by all of those and stores it under build/cell-cache/, so a cell compiled once is not compiled again
// until one of them changes; the compiler itself is only started when a cell misses.
//
// What the key covers:
// - the cell's text and the previous cells' declarations (tslab's `prevDecl`);
// - the converter's options, the working directory, Node's version and package-lock.json (so every package in
//   node_modules, tslab and its TypeScript included);
// - the content of every file under the working directory a cell can import or see types of (.ts, .d.ts, .json,
//   and .js without a .d.ts beside it), following links such as notebooks/kit -> build/kit. An edit to a function
//   body in src/ rebuilds build/kit/*.js but leaves the .d.ts unchanged, so it keeps the cache.
// What is never cached: a cell with diagnostics (errors are always the compiler's own), a cell importing a module
// through a relative path that leaves the working directory, and every cell of a kernel that used `%module` or
// compiled a local .ts file.
// `make figures` (tools/run_notebooks.py) also starts `precompile` beside the kernels: one process compiles every
// notebook's cells in run order, and a kernel that misses an entry while it runs waits for it (readEntry).
// KIT_CELL_CACHE=off turns the cache off; KIT_CELL_CACHE=<folder> keeps it in another folder.
// Usage (the kernel's start script): require("./tools/cell_cache.cjs").install()
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

/** The project's root, and where the cache lives unless KIT_CELL_CACHE says otherwise. */
const ROOT = path.resolve(__dirname, "..");
const DEFAULT_CACHE = path.join(ROOT, "build", "cell-cache");
/** Bump when the entry layout or the key changes. */
const FORMAT = "cell-cache 1";
const TYPE_FILE = /\.(d\.[cm]?ts|[cm]?ts|tsx|json)$/;
const SCRIPT_FILE = /\.([cm]?js)$/;
const SKIPPED_DIRS = new Set(["node_modules", ".ipynb_checkpoints", ".git"]);

/** sha256 hex of the given parts, separated so that no two lists of parts hash alike. */
function digest(parts) {
  const hash = crypto.createHash("sha256");
  for (const part of parts)
    hash
      .update(String(Buffer.byteLength(part)))
      .update(":")
      .update(part);
  return hash.digest("hex");
}

/**
 * The content hash of the type-relevant files under `dir` (but not under `skip`), re-reading only files whose size or
 * mtime changed. Example: `const watch = localTypes("/project/notebooks"); watch.fingerprint()`.
 */
function localTypes(dir, skip = "") {
  const known = new Map(); // path -> { size, mtimeMs, hash }
  function files(d, out, seen) {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return out;
    }
    const names = new Set(entries.map((e) => e.name));
    for (const e of entries) {
      if (e.name.startsWith(".") || SKIPPED_DIRS.has(e.name)) continue;
      const full = path.join(d, e.name);
      if (full === skip) continue;
      let isDir = e.isDirectory();
      if (e.isSymbolicLink()) {
        try {
          isDir = fs.statSync(full).isDirectory();
        } catch {
          continue; // a dangling link (notebooks/kit before the kit is built) holds nothing to import
        }
      }
      if (isDir) {
        const real = fs.realpathSync(full);
        if (!seen.has(real)) files(full, out, new Set([...seen, real]));
      } else if (TYPE_FILE.test(e.name)) out.push(full);
      else if (SCRIPT_FILE.test(e.name) && !names.has(e.name.replace(SCRIPT_FILE, ".d.ts"))) out.push(full);
    }
    return out;
  }
  return {
    /** One hash over the names and contents of the files, sorted by path. */
    fingerprint() {
      const list = files(dir, [], new Set([fs.realpathSync(dir)])).sort();
      const parts = [];
      for (const file of list) {
        const stat = fs.statSync(file);
        let entry = known.get(file);
        if (!entry || entry.size !== stat.size || entry.mtimeMs !== stat.mtimeMs) {
          entry = { size: stat.size, mtimeMs: stat.mtimeMs, hash: digest([fs.readFileSync(file, "latin1")]) };
          known.set(file, entry);
        }
        parts.push(path.relative(dir, file), entry.hash);
      }
      return digest(parts);
    },
  };
}

/** True when the text imports or requires a relative path that leaves `dir` (its types are not in the key). */
function importsOutside(text, dir) {
  const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']*)["']/g;
  for (const m of text.matchAll(specifier)) {
    const target = path.resolve(dir, m[1]);
    if (target !== dir && !target.startsWith(dir + path.sep)) return true;
  }
  return false;
}

/** The folder of markers, one per running precompiler, named by its pid. */
const PRECOMPILING = "precompiling";
/** Longest a kernel waits for a precompiler's entry, ms. */
const PRECOMPILER_WAIT_MS = 300_000;

/** True while a precompiler that marked itself in `cacheDir` is alive. */
function precompilerRunning(cacheDir) {
  let pids;
  try {
    pids = fs.readdirSync(path.join(cacheDir, PRECOMPILING));
  } catch {
    return false;
  }
  return pids.some((pid) => processAlive(Number(pid)));
}

/** True when the process exists and has not exited (an exited child its parent has not yet reaped is a zombie). */
function processAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== "EPERM") return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8"); // "pid (name) S ...": the state follows the name
    return stat[stat.lastIndexOf(")") + 2] !== "Z";
  } catch {
    return true; // no /proc here: the signal said it exists
  }
}

/**
 * A stored entry, or null. While a precompiler runs (make figures starts one beside the kernels, a few cells ahead of
 * them), a missing entry is waited for, so the kernel does not start a compiler of its own for a cell that is being
 * compiled; when the precompiler ends without it (the cell has errors, say), the kernel compiles it.
 */
function readEntry(file, cacheDir, wait) {
  const deadline = Date.now() + PRECOMPILER_WAIT_MS;
  for (;;) {
    try {
      return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch {
      // not there (yet), or unreadable
    }
    if (!wait || Date.now() > deadline || !precompilerRunning(cacheDir)) return null;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
  }
}

/**
 * Wraps tslab's `createConverter` so that compiled cells come from `cacheDir` when their key matches. With
 * `waitForPrecompiler`, a miss waits while a precompiler is running (see readEntry); the precompiler itself does not.
 * Example: `const create = cachedConverterFactory(converter.createConverter, "build/cell-cache", root)`.
 */
function cachedConverterFactory(
  createConverter,
  cacheDir,
  projectRoot,
  cwd = process.cwd(),
  waitForPrecompiler = true,
) {
  const lock = path.join(projectRoot, "package-lock.json");
  const packages = fs.existsSync(lock) ? fs.readFileSync(lock, "utf8") : "";
  const types = localTypes(cwd, path.resolve(cacheDir)); // the cache's own entries are not types
  return function createCachedConverter(options) {
    let real = null;
    let realSaw = ""; // the type files' fingerprint when `real` was started
    // Set once `%module` defines an in-memory module or a cell compiles a local .ts file into the kernel: from then
    // on a cell's compilation depends on the kernel's history, which no key sees.
    let bypass = false;
    // tslab's compiler sees edits to files through polling watchers, so just after an edit it may still compile
    // against the old text. A compiler started before the files last changed is replaced by a fresh one, which reads
    // them as they are now (unless the kernel's history matters, see `bypass`); only a result whose files did not
    // change while it compiled is stored.
    const compiler = (fingerprint = types.fingerprint()) => {
      if (real && realSaw !== fingerprint && !bypass) {
        real.close();
        real = null;
      }
      if (!real) {
        real = createConverter(options);
        realSaw = fingerprint;
      }
      return real;
    };
    const environment = digest([FORMAT, process.versions.node, JSON.stringify(options ?? {}), cwd, packages]);
    return {
      convert(prevDecl, src) {
        if (bypass || importsOutside(src, cwd) || importsOutside(prevDecl, cwd))
          return compiler().convert(prevDecl, src);
        const fingerprint = types.fingerprint();
        const key = digest([environment, fingerprint, prevDecl, src]);
        const file = path.join(cacheDir, key.slice(0, 2), `${key}.json`);
        const stored = readEntry(file, cacheDir, waitForPrecompiler);
        if (stored) return stored;
        const result = compiler(fingerprint).convert(prevDecl, src);
        if (result.sideOutputs) bypass = true;
        else if (result.diagnostics.length === 0 && types.fingerprint() === fingerprint) {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          const temporary = `${file}.${process.pid}.tmp`;
          fs.writeFileSync(temporary, JSON.stringify(result));
          fs.renameSync(temporary, file); // atomic: a kernel reading at the same time sees all or nothing
        }
        return result;
      },
      inspect: (...args) => compiler().inspect(...args),
      complete: (...args) => compiler().complete(...args),
      addModule(...args) {
        bypass = true;
        return compiler().addModule(...args);
      },
      close() {
        if (real) real.close();
      },
    };
  };
}

/** The cache's folder: build/cell-cache, the folder KIT_CELL_CACHE names, or null for KIT_CELL_CACHE=off. */
function cacheFolder() {
  const setting = process.env.KIT_CELL_CACHE ?? "";
  if (setting === "off") return null;
  return setting === "" ? DEFAULT_CACHE : path.resolve(setting);
}

/**
 * Installs the cache into tslab before its kernel starts (in `cacheFolder()`, unless it is off); returns the folder
 * used, or null. Example: `require("./tools/cell_cache.cjs").install()`.
 */
function install() {
  const dir = cacheFolder();
  if (dir === null) return null;
  const converter = require(path.join(ROOT, "node_modules", "tslab", "dist", "converter.js"));
  converter.createConverter = cachedConverterFactory(converter.createConverter, dir, ROOT);
  return dir;
}

/** The code cells of a notebook file, as the kernel receives them (empty cells are not sent). */
function codeCells(file) {
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  return (nb.cells ?? [])
    .filter((c) => c.cell_type === "code")
    .map((c) => (Array.isArray(c.source) ? c.source.join("") : String(c.source ?? "")))
    .filter((src) => src.trim() !== "");
}

/**
 * Compiles the cells of notebooks that sit in one folder into the cache, as their kernels would, in this process:
 * one compiler for all of them instead of one per kernel. Returns how many cells were compiled and read.
 * A notebook stops at its first cell with errors or with `%module`/browser code; its kernel then meets that cell
 * as usual. Must run with that folder as the working directory (tslab compiles relative to it).
 * Example: `precompile(["notebooks/30-resemblance.ipynb"], "build/cell-cache")`.
 */
function precompile(notebooks, cacheDir) {
  const tslab = path.join(ROOT, "node_modules", "tslab", "dist");
  const { getCodeMetadata } = require(path.join(tslab, "metadata.js"));
  const { createConverter } = require(path.join(tslab, "converter.js"));
  let compiled = 0;
  const counting = (options) => {
    const real = createConverter(options);
    return { ...real, convert: (...args) => (compiled++, real.convert(...args)), close: () => real.close() };
  };
  const converter = cachedConverterFactory(
    counting,
    cacheDir,
    ROOT,
    process.cwd(),
    false,
  )({ isJS: false, isBrowser: false });
  let cells = 0;
  try {
    for (const file of notebooks) {
      let prevDecl = "";
      for (const src of codeCells(file)) {
        const meta = getCodeMetadata(src);
        if (meta.module || meta.mode === "browser") break;
        const converted = converter.convert(prevDecl, src);
        cells++;
        if (converted.diagnostics.length > 0 || converted.sideOutputs) break;
        prevDecl = converted.declOutput || "";
      }
    }
  } finally {
    converter.close();
  }
  return { cells, compiled };
}

/** Runs `node cell_cache.cjs precompile-folder <files>` in `dir`; resolves to its { cells, compiled }. */
function precompileInChild(dir, files, cacheDir) {
  const { spawn } = require("node:child_process");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, "precompile-folder", cacheDir, ...files], {
      cwd: dir,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`cell_cache: precompiling in ${dir} failed (${code})`)),
    );
  });
}

/**
 * Precompiles notebooks into the cache: one process per folder (TypeScript keeps the first working directory it is
 * asked for, and tslab compiles relative to it), one after the other. One process compiles faster than two here
 * (each pays TypeScript's start-up and warm-up again).
 * Example: `await precompileAll(["notebooks/00-quickstart.ipynb"], "build/cell-cache")`.
 */
async function precompileAll(files, cacheDir) {
  const byFolder = new Map();
  for (const file of files.map((f) => path.resolve(f))) {
    const dir = path.dirname(file);
    byFolder.set(dir, [...(byFolder.get(dir) ?? []), file]);
  }
  const totals = { cells: 0, compiled: 0 };
  for (const [dir, notebooks] of byFolder) {
    const { cells, compiled } = await precompileInChild(dir, notebooks, cacheDir);
    totals.cells += cells;
    totals.compiled += compiled;
  }
  return totals;
}

module.exports = { install, cachedConverterFactory, importsOutside, localTypes, precompile, precompileAll };

// Usage: node tools/cell_cache.cjs precompile <notebook.ipynb ...>
// tools/run_notebooks.py starts it beside the kernels, with the notebooks in the order it runs them; it prints
// "ready" once kernels may rely on it, and a summary line on stderr when it compiled something.
if (require.main === module) {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "precompile-folder") {
    // A child of `precompile`: the notebooks of its working directory; prints its counts as JSON.
    const [cacheDir, ...files] = rest;
    process.stdout.write(JSON.stringify(precompile(files, cacheDir)));
  } else if (command === "precompile" && rest.length > 0) {
    const cacheDir = cacheFolder();
    if (cacheDir === null) {
      process.stdout.write("ready\n");
      process.exit(0);
    }
    // The marker tells kernels started beside this process to wait for its entries rather than compile.
    const marker = path.join(cacheDir, PRECOMPILING, String(process.pid));
    fs.mkdirSync(path.dirname(marker), { recursive: true });
    fs.writeFileSync(marker, "");
    process.on("exit", () => fs.rmSync(marker, { force: true }));
    for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(1));
    process.stdout.write("ready\n");
    const started = Date.now();
    precompileAll(rest, cacheDir).then(
      ({ cells, compiled }) => {
        if (compiled > 0)
          process.stderr.write(
            `cells: compiled ${compiled} of ${cells} notebook cells in ${((Date.now() - started) / 1000).toFixed(1)} s (cached in ${path.relative(ROOT, cacheDir) || "."})\n`,
          );
      },
      (error) => {
        process.stderr.write(`${error.message}\n`);
        process.exit(1);
      },
    );
  } else {
    process.stderr.write("usage: node tools/cell_cache.cjs precompile <notebook.ipynb ...>\n");
    process.exit(2);
  }
}
