// HF_TOKEN reaches the Hub as `Authorization: Bearer` and nowhere else: `make crawl` (listing + cards)
// and `make data` run against the mock Hub with a unique token; the mock checks every request carried
// it, and neither the output of the runs nor any file they wrote contains it.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { crawlListing } from "../src/acquire/crawl";
import { Retrier } from "../src/acquire/retry";
import { hubSettings } from "../src/acquire/hubSettings";
import { describeToken, filesContaining, scrubSecrets } from "../src/acquire/secrets";
import { repoRoot } from "../src/settings";
import { HF_DATA, recordingSleep, sampleHubData, startMockHub, tempDir } from "./helpers/mockHub";
import { releasedCsvOf } from "./helpers/data";

const TOKEN = `hf_kitmarker${crypto.randomBytes(12).toString("hex")}`;
const csv = fs.readFileSync(releasedCsvOf("sample"));
const REV = "c".repeat(40);
const hubPromise = startMockHub(sampleHubData(HF_DATA), {
  token: TOKEN,
  files: [{ repo: "datasets/test-org/released", revision: REV, path: "released.csv", content: csv }],
});
after(async () => (await hubPromise).close());

/** Every file below a folder. */
function filesBelow(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesBelow(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Runs a tools/ script in a child process (asynchronously: the mock Hub answers from this process). */
function runTool(script: string, env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot(), "tools", script)], {
      cwd: repoRoot(),
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env, HF_TOKEN: TOKEN },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (status) => resolve({ status, output }));
  });
}

test("HF_TOKEN is sent on every request of make crawl and make data, and appears in no output and no file", {
  timeout: 60_000,
}, async () => {
  const hub = await hubPromise;
  const dataDir = tempDir("token");
  hub.inject({ kind: "rate-limit", route: "listing", retryAfterSeconds: 0 });
  hub.inject({ kind: "reset", route: "card", times: 2 });
  const crawl = await runTool("crawl.ts", { HUB_URL: hub.url, DATA_DIR: dataDir, CRAWL_PAGE_SIZE: "300" });
  assert.equal(crawl.status, 0, crawl.output);
  assert.match(crawl.output, /HF_TOKEN set \(sent as Authorization: Bearer\)/);
  assert.match(crawl.output, /listing complete: 1,572 models in 6 pages/);
  assert.match(
    crawl.output,
    /cards of 1,572 models: 0 already fetched, 1572 fetched this run \(1415 with a card, 157 not found, 0 gated, 0 failed\)/,
  );
  const released = {
    HUB_URL: hub.url,
    DATA_DIR: dataDir,
    RELEASED_REPO: "datasets/test-org/released",
    RELEASED_REVISION: REV,
    RELEASED_FILE: "released.csv",
  };
  const wrong = await runTool("download_data.ts", { ...released, RELEASED_SHA256: "f".repeat(64) });
  assert.equal(wrong.status, 1);
  assert.match(wrong.output, /the Hub announces sha256 [0-9a-f]{64}, expected f{64}; nothing downloaded/);
  const data = await runTool("download_data.ts", {
    ...released,
    RELEASED_SHA256: crypto.createHash("sha256").update(csv).digest("hex"),
  });
  assert.equal(data.status, 0, data.output);
  assert.match(data.output, /ai_ecosystem_withmodelcards\.parquet: 1,572 models/);

  assert.ok(hub.requests.length > 2990, `${hub.requests.length} requests`); // 7 listing, 2 per card with a README and 1 per model without, 3 for the file
  assert.deepEqual(
    hub.requests.filter((r) => !r.hadToken),
    [],
    "the mock saw the token on every request",
  );
  for (const output of [crawl.output, wrong.output, data.output])
    assert.ok(!output.includes(TOKEN), "the token is in a tool's output");
  const written = filesBelow(dataDir);
  for (const name of ["cards.ndjson", "listing.checkpoint.json", "ai_ecosystem_withmodelcards.parquet"])
    assert.ok(
      written.some((f) => path.basename(f) === name),
      `${name} in ${written.join(", ")}`,
    );
  for (const file of written) assert.equal(fs.readFileSync(file).indexOf(TOKEN), -1, `the token is in ${file}`);
  assert.deepEqual(filesContaining(dataDir, TOKEN), []);
});

test("error messages are scrubbed of the token, and a wrong token fails with the status and URL only", async () => {
  const hub = await hubPromise;
  const leaky: typeof fetch = async () => {
    throw new TypeError(`socket closed while sending Authorization: Bearer ${TOKEN}`);
  };
  const retrier = new Retrier({ fetch: leaky, secrets: [TOKEN], maxRetries: 1, sleep: recordingSleep().sleep });
  await assert.rejects(
    retrier.request(`${hub.url}/api/models`, {}, async (r) => r),
    (e: Error) => !e.message.includes(TOKEN) && e.message.includes("Bearer [redacted]"),
  );
  const wrongToken = "hf_wrong" + TOKEN.slice(8);
  await assert.rejects(
    crawlListing({ outDir: tempDir("token-401"), hubUrl: hub.url, token: wrongToken, progress: false }),
    (e: Error) => /HTTP 401/.test(e.message) && !e.message.includes(wrongToken) && !e.message.includes(TOKEN),
  );
});

test("hubSettings() reads HUB_URL, HF_TOKEN, CARD_CONCURRENCY and RETRY_BUDGET; describeToken() never shows the token", () => {
  const s = hubSettings(
    { dataDir: "/data" },
    { HUB_URL: "http://127.0.0.1:9/", HF_TOKEN: TOKEN, CARD_CONCURRENCY: "4" },
  );
  assert.deepEqual(s, {
    hubUrl: "http://127.0.0.1:9",
    token: TOKEN,
    cardConcurrency: 4,
    retryBudget: 1000,
    crawlDir: "/data/crawl",
  });
  assert.deepEqual(hubSettings({ dataDir: "/data" }, { RETRY_BUDGET: "0" }), {
    hubUrl: "https://huggingface.co",
    token: undefined,
    cardConcurrency: 16,
    retryBudget: 0,
    crawlDir: "/data/crawl",
  });
  assert.throws(
    () => hubSettings({ dataDir: "/data" }, { CARD_CONCURRENCY: "0" }),
    /CARD_CONCURRENCY must be an integer >= 1, got "0"/,
  );
  assert.ok(!describeToken(TOKEN).includes(TOKEN));
  assert.equal(scrubSecrets(`a ${TOKEN} b ${TOKEN}`, [TOKEN, undefined]), "a [redacted] b [redacted]");
});
