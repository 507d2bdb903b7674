// docs/recipes.md stays true: its code blocks run, in order, as one notebook would run them, on the shipped sample.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../src/settings";

const root = repoRoot();

test("every code block of docs/recipes.md runs on the sample, and a researcher's figure stays out of figures/", () => {
  const text = fs.readFileSync(path.join(root, "docs/recipes.md"), "utf8");
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length >= 10, `${blocks.length} blocks`);
  const [opening, ...rest] = blocks;
  assert.match(opening, /^import \* as kit from "\.\/src\/index";/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recipes-"));
  const figures = path.join(dir, "figures");
  const body = [opening.replace(/^import .*\n/, ""), ...rest].join("\n");
  const file = path.join(dir, "recipes.ts");
  fs.writeFileSync(
    file,
    `import * as kit from ${JSON.stringify(path.join(root, "src/index"))};\n(async () => {\n${body}\n})().catch((e) => { console.error(e); process.exit(1); });\n`,
  );
  const env = { ...process.env, DATASET: "", HF_DATA: "", FIGURES_DIR: "" };
  const out = execFileSync(process.execPath, ["--import", "tsx", file], {
    cwd: root,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  assert.match(out, /90-my-idea: dataset sample/);
  assert.match(out, /build\/figures\/sample\/90-my-idea-tasks\.svg/);
  assert.equal(fs.existsSync(path.join(root, "figures", "90-my-idea-tasks.svg")), false);
  fs.rmSync(dir, { recursive: true, force: true });
  void figures;
});
