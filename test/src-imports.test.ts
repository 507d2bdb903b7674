import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../src/settings";

/** All .ts files below a folder. */
function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : e.name.endsWith(".ts") ? [full] : [];
  });
}

test("src/ imports name files, never folders (tslab's module loader does not resolve folder index files)", () => {
  const src = path.join(repoRoot(), "src");
  const bad: string[] = [];
  for (const file of tsFiles(src)) {
    const text = fs.readFileSync(file, "utf8").replace(/^\s*\/\/.*$/gm, "");
    for (const m of text.matchAll(/(?:from|require\()\s*"(\.{1,2}\/[^"]*|\.{1,2})"/g)) {
      const target = path.resolve(path.dirname(file), m[1]);
      const isFile = [".ts", ".cjs", ".js", ""].some(
        (ext) => fs.existsSync(target + ext) && fs.statSync(target + ext).isFile(),
      );
      if (!isFile) bad.push(`${path.relative(src, file)}: "${m[1]}"`);
    }
  }
  assert.deepEqual(bad, [], "use ./folder/index instead of ./folder");
});
