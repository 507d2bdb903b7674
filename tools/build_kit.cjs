// Compiles src/ into build/kit/ (JavaScript and .d.ts) when src/ changed, so a notebook kernel loads the kit without
// type-checking all of src/ again (the import cell takes about 1 s instead of 9). Called by `make figures` and by
// the kernel's start script, so an edit in src/ is picked up the next time a notebook (or its kernel) starts.
// A src/ that does not compile leaves a kit whose import fails with the compiler's message.
// Usage: node tools/build_kit.cjs   (prints nothing when build/kit is up to date)
"use strict";
const { execFileSync } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const SRC = path.join(ROOT, "src");
const OUT = path.join(ROOT, "build", "kit");
const STAMP = path.join(OUT, ".source-hash");

/** Every file under src/, relative, sorted. */
function sourceFiles(dir = SRC) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      return e.isDirectory() ? sourceFiles(full) : [path.relative(SRC, full)];
    })
    .sort();
}

/** A hash of the names and contents of src/, and of the compiler settings. */
function sourceHash(files) {
  const hash = crypto.createHash("sha256");
  for (const name of ["tsconfig.json", "tsconfig.kit.json", "package-lock.json"])
    hash.update(fs.readFileSync(path.join(ROOT, name)));
  for (const f of files) hash.update(f + "\0").update(fs.readFileSync(path.join(SRC, f)));
  return hash.digest("hex");
}

const LOCK = path.join(ROOT, "build", "kit.lock");

/** Runs `fn` holding build/kit.lock, so kernels started at once never compile into build/kit together. */
function withLock(fn) {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      if (Date.now() > deadline) fs.rmSync(LOCK, { recursive: true, force: true }); // left by a killed build
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds build/kit when src/ changed; returns true when it built. Throws with the compiler's output on failure. */
function ensureKit() {
  return withLock(buildIfStale);
}

function buildIfStale() {
  const files = sourceFiles();
  const hash = sourceHash(files);
  if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === hash) return false;
  const started = Date.now();
  const listed = path.join(OUT, ".source-files");
  const sameFiles = fs.existsSync(listed) && fs.readFileSync(listed, "utf8") === files.join("\n");
  if (!sameFiles) fs.rmSync(OUT, { recursive: true, force: true }); // a removed source leaves no stale module behind
  if (!sameFiles) fs.rmSync(path.join(ROOT, "build", "kit.tsbuildinfo"), { force: true });
  try {
    execFileSync(
      process.execPath,
      [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(ROOT, "tsconfig.kit.json")],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
    );
  } catch (error) {
    const output = `${error.stdout || ""}${error.stderr || ""}`.trim();
    fs.mkdirSync(OUT, { recursive: true });
    fs.rmSync(STAMP, { force: true });
    fs.writeFileSync(
      path.join(OUT, "index.js"),
      `throw new Error(${JSON.stringify("kit: src/ does not compile, so the notebooks cannot load it:\n" + output)});\n`,
    );
    fs.writeFileSync(path.join(OUT, "index.d.ts"), "export {};\n"); // the import type-checks; running it throws the message
    fs.rmSync(path.join(ROOT, "build", "kit.tsbuildinfo"), { force: true });
    throw new Error(`tools/build_kit: src/ does not compile:\n${output}`);
  }
  for (const f of files.filter((f) => !f.endsWith(".ts"))) fs.copyFileSync(path.join(SRC, f), path.join(OUT, f));
  fs.writeFileSync(listed, files.join("\n"));
  fs.writeFileSync(STAMP, hash);
  process.stderr.write(`kit: compiled src/ into build/kit/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return true;
}

module.exports = { ensureKit };

if (require.main === module) {
  try {
    ensureKit();
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
