// Verified, resumable download (src/acquire/download.ts) and `make data`'s conversion
// (src/acquire/paperDataset.ts) against the mock Hub, with the sample's released-format CSV
// (3.7 MB) standing in for the paper's 5.2 GB LFS file.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  ChecksumError,
  PAPER_DATASET,
  downloadVerified,
  isVerified,
  sha256File,
  type PinnedFile,
} from "../src/acquire/download";
import { fetchPaperDataset } from "../src/acquire/paperDataset";
import { loadDataset } from "../src/datasets";
import { readReleasedCsv } from "../src/data/releasedCsv";
import { loadSettings } from "../src/settings";
import { recordingSleep, startMockHub, tempDir, type MockHubOptions } from "./helpers/mockHub";
import { releasedCsvOf } from "./helpers/data";

const content = fs.readFileSync(releasedCsvOf("sample"));
const other = Buffer.concat([content, Buffer.from("one more line\n")]);
const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");
const REPO = { type: "dataset" as const, name: "test-org/released" };
const REV_A = "a".repeat(40);
const REV_B = "b".repeat(40);
const fileA: PinnedFile = { repo: REPO, revision: REV_A, path: "ai_ecosystem_sample.csv", sha256: sha(content) };
const fileB: PinnedFile = { repo: REPO, revision: REV_B, path: "ai_ecosystem_sample.csv", sha256: sha(other) };
const quiet = { progress: false } as const;
const hubs: { close(): Promise<void> }[] = [];
after(() => Promise.all(hubs.map((h) => h.close())));

async function hub(options: MockHubOptions = {}) {
  const h = await startMockHub(
    { listing: [], cards: new Map() },
    {
      ...options,
      files: [
        { repo: "datasets/test-org/released", revision: REV_A, path: "ai_ecosystem_sample.csv", content },
        { repo: "datasets/test-org/released", revision: REV_B, path: "ai_ecosystem_sample.csv", content: other },
      ],
    },
  );
  hubs.push(h);
  return h;
}

test("PAPER_DATASET pins the authors' revision and LFS sha256 (docs/methods.md §2.2)", () => {
  assert.deepEqual(PAPER_DATASET, {
    repo: { type: "dataset", name: "modelbiome/ai_ecosystem_withmodelcards" },
    revision: "4cb5d8739a8fce7c03826994dd756c244b4126bf",
    path: "ai_ecosystem_withmodelcards.csv",
    sha256: "7a6aaed5e4434e9bd3b5141c0fbb48da87ec267cfe96bffa2bb1f4d5b0d7c74f",
  });
});

test("downloadVerified() cut twice mid-body resumes with Range from each cut and verifies", async () => {
  const h = await hub({
    onRequest: (r) => {
      if (r.route === "file" && r.range === null)
        h.inject({ kind: "reset", route: "file", ranged: true, afterBytes: 1_500_000 });
    },
  });
  h.inject({ kind: "reset", route: "file", ranged: false, afterBytes: 1_000_000 });
  const dest = path.join(tempDir("download-twice"), "released.csv");
  const s = await downloadVerified(fileA, { ...quiet, dest, hubUrl: h.url, retry: { sleep: recordingSleep().sleep } });
  const last = content.length - 1;
  assert.deepEqual(
    h.requests.filter((r) => r.route === "file").map((r) => [r.range, r.fault]),
    [
      ["bytes=0-0", null],
      [null, "reset"],
      [`bytes=1000000-${last}`, "reset"],
      [`bytes=2500000-${last}`, null],
    ],
  );
  assert.deepEqual([s.bytes, s.retries, s.alreadyVerified, s.sha256], [content.length, 2, false, fileA.sha256]);
  assert.ok(fs.readFileSync(dest).equals(content));
  assert.ok(isVerified(dest, fileA.sha256));
  assert.deepEqual(fs.readdirSync(path.dirname(dest)).sort(), ["released.csv", "released.csv.verified.json"]);
  const again = await downloadVerified(fileA, { ...quiet, dest, hubUrl: h.url });
  assert.deepEqual([again.alreadyVerified, again.bytesThisRun], [true, 0]);
});

test("a download interrupted with no retries left keeps its .part, and the next run resumes it with Range", async () => {
  const h = await hub();
  h.inject({ kind: "reset", route: "file", ranged: false, afterBytes: 1_234_567 });
  const dest = path.join(tempDir("download-resume"), "released.csv");
  await assert.rejects(
    downloadVerified(fileA, { ...quiet, dest, hubUrl: h.url, retry: { maxRetries: 0 } }),
    /gave up on GET http:\/\/127\.0\.0\.1:\d+\/datasets\/test-org\/released\/resolve\/a{40}\/ai_ecosystem_sample\.csv: connection cut at byte 1234567 of 3699612.*retry budget: 0 of 0 retries used/,
  );
  assert.equal(fs.statSync(`${dest}.part`).size, 1_234_567);
  assert.equal(fs.existsSync(dest), false);
  const s = await downloadVerified(fileA, { ...quiet, dest, hubUrl: h.url });
  assert.deepEqual([s.resumedAt, s.bytesThisRun], [1_234_567, content.length - 1_234_567]);
  assert.equal(h.requests.at(-1)!.range, `bytes=1234567-${content.length - 1}`);
  assert.ok(fs.readFileSync(dest).equals(content));
});

test("a server that ignores Range on resume fails the download without touching the part", async () => {
  const h = await hub({
    onRequest: (r) => {
      if (r.route === "file" && r.range === null) h.inject({ kind: "ignore-range", route: "file", ranged: true });
    },
  });
  h.inject({ kind: "reset", route: "file", ranged: false, afterBytes: 1_000_000 });
  const dest = path.join(tempDir("download-ignore-range"), "released.csv");
  await assert.rejects(
    downloadVerified(fileA, { ...quiet, dest, hubUrl: h.url, retry: { sleep: recordingSleep().sleep } }),
    /acquire\/download: fetching .*ai_ecosystem_sample\.csv from byte 1000000 failed: asked for bytes from 1000000 on, the server answered HTTP 200 without Content-Range; delete .*released\.csv\.part to download from the start/,
  );
  assert.equal(fs.statSync(`${dest}.part`).size, 1_000_000);
  assert.equal(fs.existsSync(dest), false);
});

test("a corrupted byte fails the checksum with expected and got; the previously verified file is untouched", async () => {
  const h = await hub();
  const dest = path.join(tempDir("download-corrupt"), "released.csv");
  await downloadVerified(fileA, { ...quiet, dest, hubUrl: h.url });
  const verified = fs.statSync(dest);
  h.inject({ kind: "corrupt", route: "file", times: Infinity, offset: 123_456 });
  const corrupted = Buffer.from(other);
  corrupted[123_456] ^= 0xff;
  await assert.rejects(downloadVerified(fileB, { ...quiet, dest, hubUrl: h.url }), (e: unknown) => {
    assert.ok(e instanceof ChecksumError);
    assert.equal(e.expected, fileB.sha256);
    assert.equal(e.actual, sha(corrupted));
    assert.ok(e.message.includes(`expected sha256 ${fileB.sha256}, got ${sha(corrupted)}`));
    assert.match(
      e.message,
      /deleted the unverified .*released\.csv\.part; .*released\.csv \(verified earlier\) is untouched/,
    );
    return true;
  });
  assert.ok(fs.readFileSync(dest).equals(content));
  assert.equal(fs.statSync(dest).mtimeMs, verified.mtimeMs);
  assert.ok(isVerified(dest, fileA.sha256));
  assert.equal(fs.existsSync(`${dest}.part`), false);
});

test("a sha256 that differs from the one the Hub announces fails before any byte is downloaded", async () => {
  const h = await hub();
  const dest = path.join(tempDir("download-etag"), "released.csv");
  const wrong = { ...fileA, sha256: "0".repeat(64) };
  await assert.rejects(
    downloadVerified(wrong, { ...quiet, dest, hubUrl: h.url }),
    new RegExp(`the Hub announces sha256 ${fileA.sha256}, expected 0{64}; nothing downloaded`),
  );
  assert.deepEqual(
    h.requests.map((r) => r.range),
    ["bytes=0-0"],
  );
  assert.equal(fs.existsSync(`${dest}.part`), false);
});

test("a file already at the destination with the right sha256 is recorded as verified without downloading", async () => {
  const h = await hub();
  const dest = path.join(tempDir("download-present"), "released.csv");
  fs.writeFileSync(dest, content);
  const s = await downloadVerified(fileA, { ...quiet, dest, hubUrl: h.url });
  assert.deepEqual([s.alreadyVerified, s.bytesThisRun, h.requests.length], [true, 0, 0]);
  assert.ok(isVerified(dest, fileA.sha256));
});

test("downloadVerified() names the file when the Hub does not have it", async () => {
  const h = await hub();
  const dest = path.join(tempDir("download-404"), "x.csv");
  await assert.rejects(
    downloadVerified({ ...fileA, path: "missing.csv" }, { ...quiet, dest, hubUrl: h.url }),
    /acquire\/download: datasets\/test-org\/released@a{40}\/missing\.csv not found on http:\/\/127\.0\.0\.1:\d+/,
  );
});

test("fetchPaperDataset() downloads, verifies and converts to the parquet that DATASET=full loads", async () => {
  const h = await hub();
  const dataDir = tempDir("paper-dataset");
  const first = await fetchPaperDataset({ dataDir }, { hubUrl: h.url, token: undefined }, fileA, quiet);
  assert.deepEqual(
    [first.conversion.converted, first.conversion.rows, first.conversion.report.rowsSkipped],
    [true, 1572, 0],
  );
  assert.equal(await sha256File(path.join(dataDir, "ai_ecosystem_sample.csv")), fileA.sha256);
  const full = loadDataset(loadSettings({ dataDir, dataset: "full" }));
  const expected = (await readReleasedCsv(releasedCsvOf("sample"), quiet)).table;
  assert.ok(full.frameEqual(expected, true));
  const second = await fetchPaperDataset({ dataDir }, { hubUrl: h.url, token: undefined }, fileA, quiet);
  assert.deepEqual([second.download.alreadyVerified, second.conversion.converted], [true, false]);
});
