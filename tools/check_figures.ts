// Compares figures/ as a fresh `make figures` left it with the committed figures/ (git HEAD).
// Stats keys compare exactly unless the committed entry states a tolerance; SVG, PNG and spec
// files must be byte-identical. Prints one table row per difference and exits 1 if there is any.
// Usage: node --import tsx tools/check_figures.ts [figures-dir]
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { compareStats, type StatDifference } from "../src/notebook/compareStats";
import type { StatsFile } from "../src/notebook/run";

const dir = process.argv[2] ?? "figures";
const git = (...args: string[]) => execFileSync("git", args, { maxBuffer: 1 << 30 });

const committed = git("ls-tree", "-r", "--name-only", "HEAD", "--", dir).toString().split("\n").filter(Boolean);
const fresh = listFiles(dir);
const rows: StatDifference[] = [];

for (const file of committed) {
  if (!fs.existsSync(file)) {
    rows.push({ file, key: "(file)", committed: "present", fresh: "missing" });
    continue;
  }
  const before = git("show", `HEAD:${file}`);
  const after = fs.readFileSync(file);
  if (before.equals(after)) continue;
  if (file.endsWith(".json") && file.includes(`${path.sep}stats${path.sep}`)) {
    rows.push(
      ...compareStats(file, JSON.parse(before.toString()) as StatsFile, JSON.parse(after.toString()) as StatsFile),
    );
  } else {
    rows.push({ file, key: "(bytes)", committed: `${before.length} B`, fresh: `${after.length} B` });
  }
}
for (const file of fresh) {
  if (!committed.includes(file)) rows.push({ file, key: "(file)", committed: "missing", fresh: "new, not committed" });
}

if (rows.length === 0) {
  console.log(`check: a fresh run reproduces all ${committed.length} committed files in ${dir}/`);
} else {
  console.error(`check: ${rows.length} difference(s) between the committed ${dir}/ and a fresh run:\n`);
  console.error(formatTable(rows));
  process.exit(1);
}

/** All files below a folder, as repo-relative paths. */
function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(root, e.name)) : [path.join(root, e.name)]))
    .sort();
}

/** A plain-text table of differences. */
function formatTable(diffs: StatDifference[]): string {
  const header: StatDifference = {
    file: "file",
    key: "key",
    committed: "committed",
    fresh: "fresh",
    tolerance: "tolerance",
  };
  const all = [header, ...diffs].map((d) => [d.file, d.key, d.committed, d.fresh, d.tolerance ?? "exact"]);
  const widths = all[0].map((_, c) => Math.min(60, Math.max(...all.map((r) => r[c].length))));
  return all
    .map((r) =>
      r
        .map((cell, c) => cell.slice(0, 60).padEnd(widths[c]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
