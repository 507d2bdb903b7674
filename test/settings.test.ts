import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadSettings, repoRoot } from "../src/settings";

const root = repoRoot();

test("repoRoot() finds the folder holding package.json", () => {
  assert.ok(fs.existsSync(path.join(root, "package.json")));
  assert.ok(fs.existsSync(path.join(root, "Makefile")));
});

test("loadSettings() defaults to the shipped real sample, its reference results and figures/", () => {
  const s = loadSettings({}, {});
  assert.equal(s.dataset, "sample");
  assert.equal(s.hfData, path.join(root, "data/sample"));
  assert.equal(s.reference, path.join(root, "data/reference/sample.json"));
  assert.equal(s.figuresDir, path.join(root, "figures"));
  assert.equal(s.seed, 1);
});

test("loadSettings() gives each shipped dataset its folder and reference, and generated ones neither", () => {
  const smol = loadSettings({}, { DATASET: "smollm2" });
  assert.deepEqual(
    [smol.hfData, smol.reference, smol.figuresDir],
    [
      path.join(root, "data/smollm2"),
      path.join(root, "data/reference/smollm2.json"),
      path.join(root, "build/figures/smollm2"),
    ],
  );
  const radar = loadSettings({}, { DATASET: "radar" });
  assert.deepEqual([radar.hfData, radar.reference], [path.join(root, "data/radar"), null]);
  const demo = loadSettings({}, { DATASET: "demo" });
  assert.deepEqual([demo.hfData, demo.reference, demo.figuresDir], [null, null, path.join(root, "build/figures/demo")]);
});

test("loadSettings() reads a user's HF_DATA folder as hf-data, without reference results, figures out of figures/", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "settings-"));
  fs.writeFileSync(path.join(dir, "listing.ndjson"), "");
  for (const env of [{ HF_DATA: dir }, { HF_DATA: dir, DATASET: "sample" }, { HF_DATA: dir, DATASET: "hf-data" }]) {
    const s = loadSettings({}, env);
    assert.deepEqual(
      [s.dataset, s.hfData, s.reference, s.figuresDir],
      ["hf-data", dir, null, path.join(root, "build/figures/hf-data")],
    );
  }
  const withReference = loadSettings({}, { HF_DATA: dir, REFERENCE: "data/reference/sample.json" });
  assert.equal(withReference.reference, path.join(root, "data/reference/sample.json"));
  fs.rmSync(dir, { recursive: true });
});

test("loadSettings() keeps a shipped folder's name when HF_DATA points at it", () => {
  assert.equal(loadSettings({}, { HF_DATA: "data/smollm2" }).dataset, "smollm2");
  assert.equal(loadSettings({}, { HF_DATA: "data/sample" }).reference, path.join(root, "data/reference/sample.json"));
});

test("loadSettings() reads DATASET, SEED and FIGURES_DIR from the environment", () => {
  const s = loadSettings({}, { DATASET: "synthetic-full", SEED: "7", FIGURES_DIR: "/tmp/f" });
  assert.equal(s.dataset, "synthetic-full");
  assert.equal(s.seed, 7);
  assert.equal(s.figuresDir, "/tmp/f");
});

test("loadSettings() stops with one line naming the setting: unknown dataset, missing folder, bad seed, conflicts", () => {
  assert.throws(
    () => loadSettings({}, { DATASET: "sampel" }),
    /^Error: settings: unknown DATASET "sampel"; expected one of sample, smollm2, radar, hf-data/,
  );
  assert.throws(
    () => loadSettings({}, { HF_DATA: "/nonexistent/folder" }),
    /settings: HF_DATA=\/nonexistent\/folder: no such folder/,
  );
  assert.throws(() => loadSettings({}, { HF_DATA: os.tmpdir() }), /settings: HF_DATA=.* holds no listing\.ndjson/);
  assert.throws(
    () => loadSettings({}, { HF_DATA: "data/sample", DATASET: "radar" }),
    /HF_DATA names a folder of your own, which is DATASET=hf-data/,
  );
  assert.throws(() => loadSettings({}, { DATASET: "hf-data" }), /DATASET=hf-data needs HF_DATA=<folder>/);
  assert.throws(() => loadSettings({}, { REFERENCE: "nope.json" }), /settings: REFERENCE=nope\.json: no such file/);
  assert.throws(() => loadSettings({}, { SEED: "1.5" }), /SEED must be an integer, got "1.5"/);
});

test("an override of the dataset wins over HF_DATA in the environment", () => {
  const s = loadSettings({ dataset: "smollm2" }, { HF_DATA: "/nonexistent/folder" });
  assert.equal(s.hfData, path.join(root, "data/smollm2"));
});
