// The notebooks' canonical form, as git stores them: no outputs, no execution counts, no metadata a kernel or an
// editor adds (cell ids, collapsed/scrolled flags, the kernel's language_info extras), keys sorted, one-space
// indentation. Installed by `make setup` as git's clean filter for *.ipynb (.gitattributes), so saving a notebook
// with outputs in Jupyter leaves `git status` clean; also strips files in place and checks what git stores.
// Git compares a saved file's size with the index before it runs the filter, so after a save it lists the notebook
// as modified until the index is refreshed; Jupyter's post-save hook (jupyter/jupyter_*_config.py) runs `--refresh`,
// which refreshes the index entry when the only changes are outputs and metadata, and leaves real edits alone.
// Usage: node tools/nbstrip.cjs < in.ipynb > out.ipynb        (the clean filter)
//        node tools/nbstrip.cjs --write FILE...                (strip in place)
//        node tools/nbstrip.cjs --check FILE...                (exit 1 when what git stores is not canonical)
//        node tools/nbstrip.cjs --refresh FILE...              (after a save: refresh git's index entry)
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

/** The notebook metadata kept: the kernel spec and the language's name and file extension. */
function canonicalMetadata(metadata) {
  const out = {};
  if (metadata.kernelspec) out.kernelspec = metadata.kernelspec;
  if (metadata.language_info) {
    const { file_extension, name } = metadata.language_info;
    out.language_info = { file_extension, name };
  }
  return out;
}

/** Keys sorted at every level, as nbformat writes them. */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

/** The canonical text of a notebook's JSON text. */
function canonical(text) {
  const nb = JSON.parse(text);
  nb.metadata = canonicalMetadata(nb.metadata || {});
  nb.nbformat_minor = Math.min(nb.nbformat_minor ?? 4, 4); // cell ids came with 4.5; these notebooks do without
  nb.cells = (nb.cells || []).map((cell) => {
    const out = { cell_type: cell.cell_type, metadata: {}, source: cell.source };
    if (cell.cell_type === "code") {
      out.execution_count = null;
      out.outputs = [];
    }
    if (cell.attachments) out.attachments = cell.attachments;
    return out;
  });
  return `${JSON.stringify(sortKeys(nb), null, 1)}\n`;
}

/** What git stores for a path (the index), or null when the path is not tracked. */
function stored(file) {
  try {
    const dir = path.dirname(path.resolve(file));
    return execFileSync("git", ["show", `:./${path.basename(file)}`], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return null;
  }
}

/** Refreshes git's index entry of a saved notebook whose canonical form is what git stores; true when it did. */
function refresh(file) {
  const before = stored(file);
  if (before === null || canonical(fs.readFileSync(file, "utf8")) !== before) return false;
  execFileSync("git", ["add", "--", path.basename(file)], { cwd: path.dirname(path.resolve(file)), stdio: "ignore" });
  return true;
}

module.exports = { canonical };

if (require.main === module) {
  const [mode, ...files] = process.argv.slice(2);
  if (mode === undefined) {
    process.stdout.write(canonical(fs.readFileSync(0, "utf8")));
  } else if (mode === "--write") {
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      const clean = canonical(text);
      if (clean !== text) {
        fs.writeFileSync(file, clean);
        console.log(`stripped ${file}`);
      }
    }
  } else if (mode === "--refresh") {
    for (const file of files) refresh(file);
  } else if (mode === "--check") {
    const dirty = files.filter((file) => {
      const text = stored(file) ?? fs.readFileSync(file, "utf8");
      return canonical(text) !== text;
    });
    if (dirty.length > 0) {
      console.error(
        `Notebooks must be stored without outputs and kernel metadata (run make strip):\n  ${dirty.join("\n  ")}`,
      );
      process.exit(1);
    }
  } else {
    console.error("usage: node tools/nbstrip.cjs [--write|--check|--refresh] FILE...   (no argument: stdin to stdout)");
    process.exit(2);
  }
}
