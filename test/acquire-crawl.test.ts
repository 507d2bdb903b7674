// The listing crawl (src/acquire/crawl.ts) against the mock Hub serving the real sample: a full crawl
// gives back the sample, killed and restarted crawls end with every model exactly once, storms are
// survived within the retry budget, and failures say what failed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { crawlListing, crawlCheckpointPath, type CrawlCheckpoint } from "../src/acquire/crawl";
import { listShards } from "../src/acquire/listingShards";
import { readListing } from "../src/data/listing";
import { createRng } from "../src/random";
import { repoRoot } from "../src/settings";
import { readNdjson, recordingSleep, sampleHubsForFile, sampleListing, tempDir } from "./helpers/mockHub";
import { SAMPLE_LISTING } from "./helpers/data";

const expected = sampleListing();
const quiet = { progress: false } as const;
const hub = sampleHubsForFile();

const readLines = (file: string) => readNdjson(file);

/** Asserts the crawl folder's listing.ndjson is the sample: same objects, same key order, same line order. */
function assertEqualsSample(dir: string): void {
  const got = readLines(path.join(dir, "listing.ndjson"));
  assert.equal(got.length, expected.length);
  assert.deepEqual(
    got.map((o) => o.id),
    expected.map((o) => o.id),
  );
  for (let i = 0; i < got.length; i++) {
    assert.deepEqual(Object.keys(got[i]), Object.keys(expected[i]), `keys of line ${i + 1}`);
    assert.deepEqual(got[i], expected[i], `line ${i + 1}`);
  }
}

test("crawlListing() of the real sample writes listing.ndjson equal to listing.ndjson, line by line", async () => {
  const h = await hub();
  const dir = tempDir("crawl-full");
  const s = await crawlListing({ ...quiet, outDir: dir, hubUrl: h.url, pageSize: 100 });
  assert.deepEqual([s.complete, s.models, s.pages, s.duplicatesSkipped, s.retries], [true, 1572, 16, 0, 0]);
  assertEqualsSample(dir);
  const listing = h.requests.filter((r) => r.route === "listing");
  assert.equal(listing.length, 16);
  assert.ok(
    listing.every(
      (r) =>
        /[?&]limit=100&/.test(r.path) && r.path.includes("expand=trendingScore") && r.path.includes("expand=cardData"),
    ),
  );
  assert.ok(listing.slice(1).every((r) => r.path.includes("&cursor=")));
  assert.equal(fs.existsSync(path.join(dir, "listing.extra.ndjson")), false);
  const crawled = readListing(path.join(dir, "listing.ndjson"), undefined, quiet).table;
  const sample = readListing(SAMPLE_LISTING, undefined, quiet).table;
  assert.ok(crawled.frameEqual(sample, true), "the data layer reads the crawl as it reads the sample");
});

test("crawlListing() keeps keys beyond the listing format in listing.extra.ndjson", async () => {
  const h = await hub({ extraListingKeys: { gated: false, cardData: { license: "mit" } } });
  const dir = tempDir("crawl-extra");
  await crawlListing({ ...quiet, outDir: dir, hubUrl: h.url, pageSize: 500 });
  assertEqualsSample(dir);
  const extras = readLines(path.join(dir, "listing.extra.ndjson"));
  assert.equal(extras.length, 1572);
  assert.deepEqual(extras[0], { id: expected[0].id, gated: false, cardData: { license: "mit" } });
});

test("a crawl killed (SIGKILL) at random points and restarted three times ends with every model exactly once", {
  timeout: 60_000,
}, async () => {
  const rng = createRng("crawl-kill");
  let child: ReturnType<typeof spawn> | null = null;
  let killAt = -1;
  let listingRequests = 0;
  const h = await hub({
    latencyMs: 8,
    onRequest: (r) => {
      if (r.route !== "listing") return;
      listingRequests++;
      if (listingRequests === killAt) setTimeout(() => child?.kill("SIGKILL"), rng.int(12));
    },
  });
  const dataDir = tempDir("crawl-kill");
  const runCrawl = () =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
      child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot(), "tools", "crawl.ts")], {
        cwd: repoRoot(),
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          HUB_URL: h.url,
          DATA_DIR: dataDir,
          HF_TOKEN: "",
          CRAWL_STEPS: "listing",
          CRAWL_PAGE_SIZE: "40",
        },
      });
      let stderr = "";
      child.stderr!.on("data", (d) => (stderr += d));
      child.on("exit", (code, signal) => resolve({ code, signal, stderr }));
    });
  const pagesAtKill: number[] = [];
  for (let kill = 0; kill < 3; kill++) {
    killAt = listingRequests + 3 + rng.int(8); // 40 pages in all: each run gets 3..10 pages further before its kill
    const result = await runCrawl();
    assert.equal(result.signal, "SIGKILL", `run ${kill + 1} should have been killed: ${result.stderr}`);
    const checkpoint = JSON.parse(
      fs.readFileSync(crawlCheckpointPath(path.join(dataDir, "crawl")), "utf8"),
    ) as CrawlCheckpoint;
    pagesAtKill.push(checkpoint.pages);
  }
  killAt = -1;
  const last = await runCrawl();
  assert.equal(last.code, 0, last.stderr);
  assert.ok(
    pagesAtKill[0] > 0 && pagesAtKill[0] < pagesAtKill[1] && pagesAtKill[1] < pagesAtKill[2] && pagesAtKill[2] < 40,
    `checkpointed pages ${pagesAtKill}`,
  );
  assertEqualsSample(path.join(dataDir, "crawl"));
  const checkpoint = JSON.parse(
    fs.readFileSync(crawlCheckpointPath(path.join(dataDir, "crawl")), "utf8"),
  ) as CrawlCheckpoint;
  assert.deepEqual(
    [checkpoint.models, checkpoint.pages, checkpoint.duplicatesSkipped, checkpoint.nextUrl],
    [1572, 40, 0, null],
  );
});

test("a crash between a shard write and its checkpoint loses and repeats nothing", async () => {
  const h = await hub();
  const dir = tempDir("crawl-crash");
  const crashAt = (page: number) => (p: { pages: number }) => {
    if (p.pages === page) throw new Error("simulated crash after the shard write");
  };
  await assert.rejects(
    crawlListing({ ...quiet, outDir: dir, hubUrl: h.url, pageSize: 100, afterShardWrite: crashAt(5) }),
    /simulated crash/,
  );
  const shardLines = readLines(listShards(dir)[0]).length;
  assert.equal(shardLines, 500, "the crashed page is in the shard");
  assert.equal(
    (JSON.parse(fs.readFileSync(crawlCheckpointPath(dir), "utf8")) as CrawlCheckpoint).models,
    400,
    "but not in the checkpoint",
  );
  const s = await crawlListing({ ...quiet, outDir: dir, hubUrl: h.url, pageSize: 100 });
  assert.deepEqual([s.resumed, s.modelsThisRun, s.duplicatesSkipped], [true, 1172, 0]);
  assertEqualsSample(dir);
});

test("a crawl aborted at three random page counts, rotating shards, resumes to every model exactly once", async () => {
  const rng = createRng("crawl-abort");
  let controller = new AbortController();
  let abortAt = -1;
  let listingRequests = 0;
  const h = await hub({
    onRequest: (r) => {
      if (r.route === "listing" && ++listingRequests === abortAt) controller.abort();
    },
  });
  const dir = tempDir("crawl-abort");
  const options = { ...quiet, outDir: dir, hubUrl: h.url, pageSize: 50, shardModels: 250 };
  for (let i = 0; i < 3; i++) {
    controller = new AbortController();
    abortAt = listingRequests + 2 + rng.int(8);
    await assert.rejects(crawlListing({ ...options, signal: controller.signal }), { name: "AbortError" });
  }
  const s = await crawlListing(options);
  assert.deepEqual([s.complete, s.models, s.pages, s.duplicatesSkipped], [true, 1572, 32, 0]);
  assert.equal(s.shards.length, 7, "250 models (5 pages) per shard");
  assertEqualsSample(dir);
});

test("crawlListing() survives 429 and 5xx storms, cut connections and truncated JSON within its retry budget", async () => {
  const h = await hub();
  h.inject({ kind: "rate-limit", route: "listing", times: 10, retryAfterSeconds: 2 });
  h.inject({ kind: "server-error", route: "listing", times: 6, status: 502 });
  h.inject({ kind: "reset", route: "listing", times: 2 });
  h.inject({ kind: "truncated-json", route: "listing", times: 2 });
  const clock = recordingSleep();
  const dir = tempDir("crawl-storm");
  const s = await crawlListing({
    ...quiet,
    outDir: dir,
    hubUrl: h.url,
    pageSize: 200,
    retry: { sleep: clock.sleep, maxRetries: 25, maxAttempts: 30 },
  });
  assert.equal(s.retries, 20);
  assert.deepEqual(clock.waits.slice(0, 10), Array(10).fill(2000), "Retry-After: 2 is waited for");
  assertEqualsSample(dir);
});

test("an exhausted retry budget fails the crawl with the URL and the budget, and a later run resumes", async () => {
  const h = await hub();
  let listing = 0;
  const dir = tempDir("crawl-budget");
  const options = { ...quiet, outDir: dir, hubUrl: h.url, pageSize: 100 };
  const failing = crawlListing({
    ...options,
    retry: { sleep: recordingSleep().sleep, maxRetries: 5, maxAttempts: 100 },
    afterShardWrite: () => {
      if (++listing === 3) h.inject({ kind: "server-error", route: "listing", times: Infinity, status: 503 });
    },
  });
  await assert.rejects(failing, (e: Error) => {
    assert.match(
      e.message,
      /^acquire\/retry: gave up on GET http:\/\/127\.0\.0\.1:\d+\/api\/models\?limit=100&.*cursor=.*: HTTP 503/,
    );
    assert.match(e.message, /retry budget: 5 of 5 retries used/);
    return true;
  });
  h.clearFaults();
  const s = await crawlListing(options);
  assert.deepEqual([s.resumed, s.modelsThisRun], [true, 1272]);
  assertEqualsSample(dir);
});

test("maxModels stops a crawl at a page boundary; the next run continues it", async () => {
  const h = await hub();
  const dir = tempDir("crawl-small");
  const first = await crawlListing({ ...quiet, outDir: dir, hubUrl: h.url, pageSize: 50, maxModels: 120 });
  assert.deepEqual([first.complete, first.listingPath, first.models, first.pages], [false, null, 150, 3]);
  const rest = await crawlListing({ ...quiet, outDir: dir, hubUrl: h.url, pageSize: 50 });
  assert.deepEqual([rest.complete, rest.modelsThisRun], [true, 1422]);
  assertEqualsSample(dir);
  const again = await crawlListing({ ...quiet, outDir: dir, hubUrl: h.url, pageSize: 50 });
  assert.deepEqual(
    [again.complete, again.modelsThisRun, again.pagesThisRun],
    [true, 0, 0],
    "a complete crawl is not fetched again",
  );
});

test("crawlListing() refuses to continue a checkpoint of another query, and reports a 401 with its URL", async () => {
  const h = await hub();
  const dir = tempDir("crawl-mismatch");
  await crawlListing({ ...quiet, outDir: dir, hubUrl: h.url, pageSize: 50, maxModels: 50 });
  await assert.rejects(
    crawlListing({ ...quiet, outDir: dir, hubUrl: h.url, pageSize: 100 }),
    /continues a crawl of .*limit=50.*, not .*limit=100/,
  );
  const locked = await hub({ token: "hf_required" });
  await assert.rejects(
    crawlListing({ ...quiet, outDir: tempDir("crawl-401"), hubUrl: locked.url }),
    /acquire\/crawl: listing request failed with HTTP 401: Invalid credentials in Authorization header\. URL: http:\/\/127\.0\.0\.1:\d+\/api\/models\?limit=500&/,
  );
});
