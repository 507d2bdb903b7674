import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadSettings, repoRoot } from "../src/settings";

test("repoRoot() finds the folder holding package.json", () => {
  assert.ok(fs.existsSync(path.join(repoRoot(), "package.json")));
  assert.ok(fs.existsSync(path.join(repoRoot(), "Makefile")));
});

test("loadSettings() defaults to the real sample when HF_DATA holds one, with figures in figures/", () => {
  const s = loadSettings({}, {});
  assert.equal(s.hfData, path.resolve(repoRoot(), "../shared/hf-data"));
  assert.ok(fs.existsSync(path.join(s.hfData, "listing.ndjson")), "the shared sample is present here");
  assert.equal(s.dataset, "sample");
  assert.equal(s.figuresDir, path.join(repoRoot(), "figures"));
  assert.equal(s.seed, 1);
});

test("loadSettings() falls back to demo without a sample, and keeps its figures out of figures/", () => {
  const s = loadSettings({}, { HF_DATA: "/nonexistent/folder" });
  assert.equal(s.dataset, "demo");
  assert.equal(s.figuresDir, path.join(repoRoot(), "build/figures/demo"));
});

test("loadSettings() reads DATASET, SEED and FIGURES_DIR from the environment", () => {
  const s = loadSettings({}, { DATASET: "synthetic-full", SEED: "7", FIGURES_DIR: "/tmp/f" });
  assert.equal(s.dataset, "synthetic-full");
  assert.equal(s.seed, 7);
  assert.equal(s.figuresDir, "/tmp/f");
});

test("loadSettings() rejects an unknown dataset and a non-integer seed by name", () => {
  assert.throws(() => loadSettings({}, { DATASET: "sampel" }), /unknown DATASET "sampel"; expected one of sample, smollm2/);
  assert.throws(() => loadSettings({}, { SEED: "1.5" }), /SEED must be an integer, got "1.5"/);
});
