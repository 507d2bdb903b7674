// Saving a notebook in Jupyter stores its outputs and the kernel's metadata; git's clean filter (tools/nbstrip.cjs,
// installed by `make setup`) must keep that out of what git stores, so `git status` stays clean and the notebook
// lint, which reads what git stores, stays green.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../src/settings";

const root = repoRoot();
const filter = path.join(root, "tools", "nbstrip.cjs");
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" });

/** A notebook as Jupyter saves it after a run: outputs, counts, cell ids and metadata, the kernel's language_info. */
function savedAfterRun(committed: string): string {
  const nb = JSON.parse(committed);
  nb.nbformat_minor = 5;
  nb.metadata.language_info = {
    codemirror_mode: "typescript",
    file_extension: ".ts",
    mimetype: "text/typescript",
    name: "typescript",
    version: "3.7.2",
  };
  nb.cells.forEach((cell: any, i: number) => {
    cell.id = `cell-${i}`;
    if (cell.cell_type !== "code") return;
    cell.execution_count = i;
    cell.metadata = { scrolled: true };
    cell.outputs = [{ name: "stdout", output_type: "stream", text: ["1572 models\n"] }];
  });
  return JSON.stringify(nb, null, 1) + "\n";
}

/** A git repository holding one committed notebook, with or without the clean filter. */
function repoWithNotebook(withFilter: boolean): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nb-saves-"));
  git(dir, "init", "-q");
  git(dir, "config", "user.email", "kit@example.org");
  git(dir, "config", "user.name", "kit");
  if (withFilter) git(dir, "config", "filter.nbstrip.clean", `node ${JSON.stringify(filter)}`);
  fs.copyFileSync(path.join(root, ".gitattributes"), path.join(dir, ".gitattributes"));
  const file = path.join(dir, "00-quickstart.ipynb");
  fs.copyFileSync(path.join(root, "notebooks", "00-quickstart.ipynb"), file);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "notebook");
  return { dir, file };
}

test("a notebook saved with outputs and kernel metadata leaves git status clean, and the lint reads what git stores", () => {
  const { dir, file } = repoWithNotebook(true);
  fs.writeFileSync(file, savedAfterRun(fs.readFileSync(file, "utf8")));
  execFileSync(process.execPath, [filter, "--refresh", file]); // what Jupyter's post-save hook runs
  assert.equal(git(dir, "status", "--porcelain"), "");
  assert.equal(git(dir, "diff", "--cached", "--stat"), "", "nothing was staged");
  const lint = spawnSync(process.execPath, [filter, "--check", "00-quickstart.ipynb"], { cwd: dir, encoding: "utf8" });
  assert.equal(lint.status, 0, lint.stderr);
  assert.match(fs.readFileSync(file, "utf8"), /"output_type": "stream"/, "the working copy keeps its outputs");
  // A real edit stays a modification: the hook leaves it alone.
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("topN: 10", "topN: 5"));
  execFileSync(process.execPath, [filter, "--refresh", file]);
  assert.match(git(dir, "status", "--porcelain"), /M 00-quickstart\.ipynb/);
  assert.equal(git(dir, "diff", "--cached", "--stat"), "");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("without the filter the same save shows as modified and, once committed, fails the lint", () => {
  const { dir, file } = repoWithNotebook(false);
  fs.writeFileSync(file, savedAfterRun(fs.readFileSync(file, "utf8")));
  assert.match(git(dir, "status", "--porcelain"), /M 00-quickstart\.ipynb/);
  git(dir, "commit", "-q", "-am", "outputs");
  const lint = spawnSync(process.execPath, [filter, "--check", "00-quickstart.ipynb"], { cwd: dir, encoding: "utf8" });
  assert.equal(lint.status, 1);
  assert.match(lint.stderr, /00-quickstart\.ipynb/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the filter is the identity on every committed notebook", () => {
  for (const name of fs.readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb"))) {
    const text = fs.readFileSync(path.join(root, "notebooks", name), "utf8");
    assert.equal(execFileSync(process.execPath, [filter], { input: text, encoding: "utf8" }), text, name);
  }
});
