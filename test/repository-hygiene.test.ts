// The repository stands on its own: every citation of the kit's documents points at a section that exists, and no
// tracked file names a path outside the repository or of a particular machine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../src/settings";

const root = repoRoot();
const TEXT = /\.(ts|cjs|js|py|ipynb|md|json|csv|txt|toml|yml|yaml)$|^Makefile$|\/run$|^\.gitignore$/;
const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
  .split("\0")
  .filter((f) => f !== "");
/** This file, whose patterns and examples name what the others must not. */
const SELF = "test/repository-hygiene.test.ts";
const textFiles = tracked.filter((f) => TEXT.test(f) && fs.statSync(path.join(root, f)).isFile());

/**
 * Section numbers and figure anchors of a Markdown document: "## 4.1 Title" gives "4.1", `<a id="F-license">`
 * "F-license".
 */
function sectionsOf(file: string): Set<string> {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const found = new Set<string>();
  for (const m of text.matchAll(/^#{1,4} (\d+(?:\.\d+)*) /gm)) found.add(m[1]);
  for (const m of text.matchAll(/<a id="(F-[\w-]+|Figure-\d+)"><\/a>/g)) found.add(m[1]);
  return found;
}

const DOCUMENTS = ["docs/methods.md", "data/reference/README.md"];
const sections = new Map(DOCUMENTS.map((d) => [d, sectionsOf(d)]));

/** Every (document, section) a text cites: "docs/methods.md §3, §4.1" and "docs/methods.md §5 F-license". */
function citations(text: string): [string, string][] {
  const out: [string, string][] = [];
  const names = DOCUMENTS.map((d) => d.replace(/[./]/g, "\\$&")).join("|");
  for (const m of text.matchAll(new RegExp(`(${names})([^;)\\n]{0,120})`, "g"))) {
    const tail = m[2].split(new RegExp(names))[0];
    for (const s of tail.matchAll(/§ ?(\d+(?:\.\d+)*)/g)) out.push([m[1], s[1]]);
    for (const f of tail.matchAll(/\b(F-[a-z][\w-]*[a-z])/g)) out.push([m[1], f[1]]);
  }
  return out;
}

test("docs/methods.md and data/reference/README.md have numbered sections with anchors", () => {
  for (const doc of DOCUMENTS) {
    const text = fs.readFileSync(path.join(root, doc), "utf8");
    for (const m of text.matchAll(/^#{2,4} (\d+(?:\.\d+)*) /gm)) {
      assert.ok(text.includes(`<a id="s${m[1]}"></a>`), `${doc}: section ${m[1]} has no anchor s${m[1]}`);
    }
  }
  for (const s of ["2.1", "2.3", "3.4", "4.1", "4.3", "5", "6", "7"])
    assert.ok(sections.get("docs/methods.md")!.has(s), `methods §${s}`);
  for (const s of ["1", "6.5", "9.2", "11", "12.4"])
    assert.ok(sections.get("data/reference/README.md")!.has(s), `reference §${s}`);
});

test("every citation of a kit document in a tracked file names a section that exists", () => {
  const missing: string[] = [];
  let count = 0;
  for (const file of textFiles.filter((f) => f !== SELF)) {
    for (const [doc, section] of citations(fs.readFileSync(path.join(root, file), "utf8"))) {
      count++;
      if (!sections.get(doc)!.has(section)) missing.push(`${file}: ${doc} §${section}`);
    }
  }
  assert.deepEqual(missing, []);
  assert.ok(count > 150, `only ${count} citations found; the citation pattern no longer matches the code`);
});

test("the citation check finds a section that does not exist", () => {
  assert.deepEqual(citations("see docs/methods.md §4.1, §9.9 and F-license"), [
    ["docs/methods.md", "4.1"],
    ["docs/methods.md", "9.9"],
    ["docs/methods.md", "F-license"],
  ]);
  assert.equal(sections.get("docs/methods.md")!.has("9.9"), false);
});

test("no tracked file cites a document that is not in the repository", () => {
  const outside = /\bMETHODS\.md|(?<![\w/.-])key_stats\.json|oracle README|performance\.md|toolchain\.md|SOURCES\.md/;
  const offenders = textFiles.filter((f) => f !== SELF && outside.test(fs.readFileSync(path.join(root, f), "utf8")));
  assert.deepEqual(offenders, []);
});

test("no tracked file names a folder outside the repository or a machine's absolute path", () => {
  const forbidden = /\.\.\/shared\b|\bshared\/(hf-data|paper|notes)\b|(^|[\s"'`(=])\/(work|root|home|Users)\/[\w.-]/m;
  const offenders = textFiles.filter((f) => f !== SELF && forbidden.test(fs.readFileSync(path.join(root, f), "utf8")));
  assert.deepEqual(offenders, []);
  // the examples are assembled, so this file names no such path itself
  const machinePath = ["", "home", "someone", "kit", "src"].join("/");
  const outsideFolder = ["..", "shared", "hf-data"].join("/");
  assert.ok(
    forbidden.test(`const x = "${machinePath}"`) &&
      forbidden.test(`read ${outsideFolder}`) &&
      !forbidden.test("see data/sample/"),
  );
});

/** Names a folder's index.ts exports (values and types), with the file each comes from. */
function publicNames(): [string, string][] {
  const out: [string, string][] = [];
  const index = fs.readFileSync(path.join(root, "src/index.ts"), "utf8");
  const files = [...index.matchAll(/export \* as \w+ from "\.\/(\w+)\/index"/g)]
    .map((m) => `src/${m[1]}/index.ts`)
    .concat("src/index.ts");
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    for (const m of text.matchAll(/export (?:type )?\{([^}]*)\} from "(\.{1,2}\/[^"]+)"/g)) {
      const source = path.join(path.dirname(file), m[2]) + ".ts";
      if (!fs.existsSync(path.join(root, source))) continue;
      for (const name of m[1]
        .split(",")
        .map((n) => n.trim().replace(/^type /, ""))
        .filter(Boolean))
        out.push([name, source]);
    }
  }
  return out;
}

test("every public function of kit has a doc comment with an example in backticks", () => {
  const missing: string[] = [];
  let functions = 0;
  for (const [name, file] of publicNames()) {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    const at = new RegExp(`^export (?:async )?function ${name}\\b`, "m").exec(text);
    if (!at) continue;
    functions++;
    const before = text.slice(0, at.index).trimEnd();
    const doc = before.endsWith("*/") ? before.slice(before.lastIndexOf("/**")) : "";
    if (!doc.includes("`")) missing.push(`${file}: ${name}`);
  }
  assert.ok(functions > 100, `only ${functions} public functions found`);
  assert.deepEqual(missing, []);
});
