// Model-card fetching (src/acquire/cards.ts) against the mock Hub serving the real sample's cards:
// texts verbatim, bounded concurrency, the paper's ratelimit_retries / exception_raised bookkeeping,
// 404 and gated repos recorded rather than fatal, and resumption.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { cardBookkeeping, fetchCards, finishedCardIds, type CardRecord } from "../src/acquire/cards";
import pl from "nodejs-polars";
import { readListing } from "../src/data/listing";
import { readNdjson, recordingSleep, sampleHubsForFile, sampleListing, tempDir } from "./helpers/mockHub";
import { SAMPLE_CARDS, SAMPLE_LISTING } from "./helpers/data";

const ids = sampleListing().map((o) => o.id as string);
const sampleCards = new Map(readNdjson<{ id: string; card: string }>(SAMPLE_CARDS).map((o) => [o.id, o.card]));
const quiet = { progress: false } as const;
const hub = sampleHubsForFile();

const records = (file: string) => readNdjson<CardRecord>(file);

test("fetchCards() keeps exactly `concurrency` requests in flight (16 by default, 4 when asked)", async () => {
  for (const [concurrency, expected] of [
    [undefined, 16],
    [4, 4],
  ] as const) {
    const h = await hub({ latencyMs: 100 });
    const outFile = path.join(tempDir("cards-concurrency"), "cards.ndjson");
    await fetchCards(ids.slice(0, 48), { ...quiet, outFile, hubUrl: h.url, concurrency });
    assert.equal(h.maxInFlight, expected);
  }
});

test("fetchCards() writes every sample card verbatim, at most 16 at a time, and records the 157 models without one as 404", async () => {
  const h = await hub({ latencyMs: 3 });
  const outFile = path.join(tempDir("cards-all"), "cards.ndjson");
  const s = await fetchCards(ids, { ...quiet, outFile, hubUrl: h.url });
  assert.deepEqual(
    [s.fetched, s.withCard, s.notFound, s.gated, s.failed, s.rateLimitRetries],
    [1572, 1415, 157, 0, 0, 0],
  );
  assert.ok(h.maxInFlight <= 16, `${h.maxInFlight} requests at once`);
  const byId = new Map(records(outFile).map((r) => [r.id, r]));
  assert.equal(byId.size, 1572);
  for (const id of ids) {
    const r = byId.get(id)!;
    assert.equal(r.card, sampleCards.get(id) ?? null, id);
    assert.equal(r.ratelimit_retries, 0);
    if (!sampleCards.has(id))
      assert.match(
        r.exception_raised!,
        new RegExp(
          `^404 EntryNotFound: ${id} has no README\\.md \\(GET http://127\\.0\\.0\\.1:\\d+/${id}/resolve/main/README\\.md\\)$`,
        ),
      );
    else assert.equal(r.exception_raised, null);
  }
  const table = cardBookkeeping(outFile);
  assert.deepEqual(table.columns, ["id", "has_card", "ratelimit_retries", "exception_raised"]);
  assert.deepEqual(
    [
      table.height,
      table.filter(pl.col("has_card")).height,
      table.filter(pl.col("exception_raised").isNotNull()).height,
    ],
    [1572, 1415, 157],
  );
  const fromFetched = readListing(SAMPLE_LISTING, outFile, quiet).table;
  const fromSample = readListing(SAMPLE_LISTING, SAMPLE_CARDS, quiet).table;
  assert.ok(
    fromFetched.frameEqual(fromSample, true),
    "the data layer reads the fetched cards as it reads the sample's",
  );
});

test("fetchCards() records gated (403) and unknown (404) repos without stopping", async () => {
  const gated = ids.slice(10, 13);
  const h = await hub({ gated });
  const outFile = path.join(tempDir("cards-gated"), "cards.ndjson");
  const s = await fetchCards([...ids.slice(0, 20), "nobody/not-a-model"], { ...quiet, outFile, hubUrl: h.url });
  assert.deepEqual([s.fetched, s.gated, s.failed], [21, 3, 0]);
  const byId = new Map(records(outFile).map((r) => [r.id, r]));
  for (const id of gated)
    assert.match(byId.get(id)!.exception_raised!, new RegExp(`^403 GatedRepo: Access to model ${id} is restricted`));
  assert.match(
    byId.get("nobody/not-a-model")!.exception_raised!,
    /^404 RepoNotFound: Repository not found\. URL: http:\/\/127\.0\.0\.1:\d+\/nobody\/not-a-model\/resolve\/main\/README\.md/,
  );
  assert.equal(byId.get("nobody/not-a-model")!.card, null);
});

test("ratelimit_retries counts each card's 429s; a card rate-limited past maxAttempts is recorded, not fatal", async () => {
  const h = await hub();
  const outFile = path.join(tempDir("cards-429"), "cards.ndjson");
  const withCards = ids.filter((id) => sampleCards.has(id)).slice(0, 4);
  h.inject({ kind: "rate-limit", route: "card", times: 5, retryAfterSeconds: 1 });
  const clock = recordingSleep();
  const first = await fetchCards(withCards.slice(0, 2), {
    ...quiet,
    outFile,
    hubUrl: h.url,
    concurrency: 1,
    retry: { sleep: clock.sleep },
  });
  assert.deepEqual(
    records(outFile).map((r) => [r.id, r.ratelimit_retries, r.card === sampleCards.get(r.id)]),
    [
      [withCards[0], 5, true],
      [withCards[1], 0, true],
    ],
  );
  assert.deepEqual([first.rateLimitRetries, first.retries], [5, 5]);
  assert.deepEqual(clock.waits, [1000, 1000, 1000, 1000, 1000]);
  h.inject({ kind: "rate-limit", route: "card", times: 3, retryAfterSeconds: 0 });
  const second = await fetchCards(withCards.slice(2), {
    ...quiet,
    outFile,
    hubUrl: h.url,
    concurrency: 1,
    retry: { sleep: clock.sleep, maxAttempts: 3 },
  });
  assert.deepEqual([second.fetched, second.failed, second.withCard], [2, 1, 1]);
  const given = records(outFile)[2];
  assert.deepEqual([given.id, given.card, given.ratelimit_retries], [withCards[2], null, 2]);
  assert.match(
    given.exception_raised!,
    /^429 rate-limited: acquire\/retry: gave up on GET .*\/README\.md: HTTP 429 Too Many Requests; 3 attempts made/,
  );
});

test("fetchCards() retries cut connections, truncated bodies and 5xx for cards", async () => {
  const h = await hub();
  const outFile = path.join(tempDir("cards-faults"), "cards.ndjson");
  const some = ids.filter((id) => sampleCards.has(id)).slice(0, 30);
  h.inject({ kind: "reset", route: "card", times: 3 });
  h.inject({ kind: "truncated-json", route: "card", ranged: false, times: 3, afterBytes: 10 }); // the card's body, not the size probe
  h.inject({ kind: "server-error", route: "card", times: 3, status: 500 });
  const s = await fetchCards(some, { ...quiet, outFile, hubUrl: h.url, retry: { sleep: recordingSleep().sleep } });
  assert.deepEqual([s.withCard, s.failed, s.retries], [30, 0, 9]);
  for (const r of records(outFile)) assert.equal(r.card, sampleCards.get(r.id), r.id);
});

test("fetchCards() resumes: finished ids are skipped and a line cut by a kill is dropped", async () => {
  const h = await hub();
  const outFile = path.join(tempDir("cards-resume"), "cards.ndjson");
  await fetchCards(ids.slice(0, 100), { ...quiet, outFile, hubUrl: h.url });
  fs.appendFileSync(outFile, '{"id":"' + ids[100] + '","card":"cut by a ki');
  assert.equal(finishedCardIds(outFile).size, 100);
  const before = h.counts.card;
  const s = await fetchCards(ids.slice(0, 200), { ...quiet, outFile, hubUrl: h.url });
  assert.deepEqual([s.requested, s.skipped, s.fetched], [200, 100, 100]);
  const lines = records(outFile);
  assert.equal(lines.length, 200);
  assert.equal(new Set(lines.map((r) => r.id)).size, 200);
  const cardsFetched = lines.slice(100).filter((r) => r.card !== null).length;
  assert.equal(
    h.counts.card - before,
    100 + cardsFetched,
    "one probe per model and one GET per existing card, nothing for finished ids",
  );
});

test("an exhausted retry budget stops fetchCards() with a clear error; finished cards stay and a rerun completes", async () => {
  const h = await hub();
  const outFile = path.join(tempDir("cards-budget"), "cards.ndjson");
  let seen = 0;
  const h2 = await hub({
    onRequest: (r) => {
      if (r.route === "card" && ++seen === 60)
        h2.inject({ kind: "server-error", route: "card", times: Infinity, status: 503 });
    },
  });
  await assert.rejects(
    fetchCards(ids.slice(0, 80), {
      ...quiet,
      outFile,
      hubUrl: h2.url,
      concurrency: 4,
      retry: { sleep: recordingSleep().sleep, maxRetries: 6, maxAttempts: 100 },
    }),
    /acquire\/retry: gave up on GET http:\/\/127\.0\.0\.1:\d+\/.*\/resolve\/main\/README\.md: HTTP 503 Service Unavailable; the run's retry budget is exhausted \(maxRetries 6\); retry budget: 6 of 6 retries used/,
  );
  const partial = records(outFile);
  assert.ok(partial.length > 0 && partial.length < 80);
  assert.ok(
    partial.every((r) => r.exception_raised === null || r.exception_raised.startsWith("404 EntryNotFound")),
    "no card was recorded as failed",
  );
  const s = await fetchCards(ids.slice(0, 80), { ...quiet, outFile, hubUrl: h.url });
  assert.equal(s.skipped, partial.length);
  assert.equal(records(outFile).length, 80);
});
