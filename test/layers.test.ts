// Data flows one way through src/: a module imports only from its own folder and from lower layers. The order is
// written once, in the README's "Layout" section, and read from there.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../src/settings";

const root = repoRoot();
const src = path.join(root, "src");

/**
 * The layers of the README's "Layout" section: lines "  3. synthetic/, acquire/   ..." → [["synthetic", "acquire"],
 * ...].
 */
function readmeLayers(): string[][] {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const block = /<!-- layers -->\n```\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, "README.md has a ```-fenced block after <!-- layers -->");
  return block[1]
    .split("\n")
    .map((line) => /^\s*\d+\.\s+(\S.*?)(\s{2,}|$)/.exec(line))
    .filter((m) => m !== null)
    .map((m) => m![1].split(",").map((unit) => unit.trim().replace(/\/$/, "").replace(/\.ts$/, "")));
}

/** The unit of a file under src/: its top folder, or its name without .ts for a top-level file. */
function unitOf(file: string): string {
  const rel = path.relative(src, file).split(path.sep);
  return rel.length > 1 ? rel[0] : rel[0].replace(/\.(ts|cjs)$/, "");
}

/** Every .ts file under a folder. */
function tsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
    );
}

/** The relative imports of a source file, resolved to files. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:from\s+|require\(|import\()\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]);
  return specs.map((s) => path.resolve(path.dirname(file), s));
}

test("the README names every unit of src/ in exactly one layer", () => {
  const layers = readmeLayers();
  const named = layers.flat();
  assert.equal(new Set(named).size, named.length, "a unit is named twice");
  const units = [...new Set(tsFiles(src).map(unitOf))].sort();
  assert.deepEqual([...named].sort(), units);
});

test("no module of src/ imports a module of a higher layer, or a peer folder of its own layer", () => {
  const layerOf = new Map<string, number>();
  readmeLayers().forEach((units, i) => units.forEach((u) => layerOf.set(u, i)));
  const violations: string[] = [];
  for (const file of tsFiles(src)) {
    const from = unitOf(file);
    for (const target of importsOf(file)) {
      const to = unitOf(target);
      if (to === from) continue;
      if (layerOf.get(to)! >= layerOf.get(from)!)
        violations.push(`${path.relative(root, file)} imports ${path.relative(root, target)} (${from} → ${to})`);
    }
  }
  assert.deepEqual(violations, []);
});

test("the layer check catches an upward import", () => {
  const layerOf = new Map<string, number>([
    ["data", 1],
    ["charts", 7],
  ]);
  const upward = (from: string, to: string) => layerOf.get(to)! >= layerOf.get(from)!;
  assert.equal(upward("data", "charts"), true);
  assert.equal(upward("charts", "data"), false);
});
