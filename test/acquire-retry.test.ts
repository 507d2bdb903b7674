// The retry policy (src/acquire/retry.ts) against the mock Hub: Retry-After honoured, 5xx and cut
// connections retried with seeded exponential backoff, a clear error when the budget runs out.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { Retrier, RetryExhaustedError, RetryableError, backoffDelay, parseRetryAfter } from "../src/acquire/retry";
import { createRng } from "../src/random";
import { recordingSleep, startSampleHub } from "./helpers/mockHub";

const hubPromise = startSampleHub();
after(async () => (await hubPromise).close());

const MODEL = "0x6e676e/generate-context";
const json = async (r: Response) => JSON.parse(await r.text()) as { id: string };

test("parseRetryAfter() reads delta seconds and HTTP dates, null otherwise", () => {
  assert.equal(parseRetryAfter("2"), 2000);
  assert.equal(parseRetryAfter("0.5"), 500);
  assert.equal(parseRetryAfter("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT")), 10_000);
  assert.equal(parseRetryAfter("soon"), null);
  assert.equal(parseRetryAfter(null), null);
});

test("backoffDelay() doubles from the base, caps, and jitters into [half, full) reproducibly", () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 10_000 };
  const a = [1, 2, 3, 4, 5, 6].map((k) => backoffDelay(k, policy, createRng(7)));
  const b = [1, 2, 3, 4, 5, 6].map((k) => backoffDelay(k, policy, createRng(7)));
  assert.deepEqual(a, b);
  [1000, 2000, 4000, 8000, 10_000, 10_000].forEach((full, i) =>
    assert.ok(a[i] >= full / 2 && a[i] < full, `attempt ${i + 1}: ${a[i]}`),
  );
});

test("Retrier.request() waits exactly what Retry-After asks through a 429 storm", async () => {
  const hub = await hubPromise;
  const clock = recordingSleep();
  hub.inject({ kind: "rate-limit", route: "model-info", times: 5, retryAfterSeconds: 3 });
  const retrier = new Retrier({ sleep: clock.sleep });
  const tally = { retries: 0, rateLimited: 0 };
  const model = await retrier.request(`${hub.url}/api/models/${MODEL}`, {}, json, tally);
  assert.equal(model.id, MODEL);
  assert.deepEqual(clock.waits, [3000, 3000, 3000, 3000, 3000]);
  assert.deepEqual(tally, { retries: 5, rateLimited: 5 });
  assert.equal(retrier.used, 5);
});

test("Retrier.request() survives a 5xx storm with seeded exponential backoff (same seed, same waits)", async () => {
  const hub = await hubPromise;
  const run = async () => {
    const clock = recordingSleep();
    hub.inject({ kind: "server-error", route: "model-info", times: 6, status: 503 });
    const model = await new Retrier({ sleep: clock.sleep, seed: 3, maxAttempts: 10 }).request(
      `${hub.url}/api/models/${MODEL}`,
      {},
      json,
    );
    assert.equal(model.id, MODEL);
    return clock.waits;
  };
  const first = await run();
  assert.equal(first.length, 6);
  first.forEach((ms, i) => assert.ok(ms >= 500 * 2 ** i && ms < 1000 * 2 ** i, `wait ${i + 1}: ${ms} ms`));
  assert.deepEqual(await run(), first);
});

test("Retrier.request() rejects with the URL path and the budget used when the run's budget is exhausted", async () => {
  const hub = await hubPromise;
  hub.inject({ kind: "server-error", route: "model-info", times: Infinity });
  const retrier = new Retrier({ sleep: recordingSleep().sleep, maxRetries: 4, maxAttempts: 100 });
  await assert.rejects(retrier.request(`${hub.url}/api/models/${MODEL}`, {}, json), (e: unknown) => {
    assert.ok(e instanceof RetryExhaustedError);
    assert.equal(e.kind, "budget");
    assert.match(
      e.message,
      /gave up on GET http:\/\/127\.0\.0\.1:\d+\/api\/models\/0x6e676e\/generate-context: HTTP 500/,
    );
    assert.match(e.message, /retry budget is exhausted \(maxRetries 4\); retry budget: 4 of 4 retries used/);
    return true;
  });
  hub.clearFaults();
});

test("Retrier.request() gives up one request after maxAttempts, naming the attempts", async () => {
  const hub = await hubPromise;
  hub.inject({ kind: "rate-limit", route: "model-info", times: 3, retryAfterSeconds: 0 });
  const retrier = new Retrier({ sleep: recordingSleep().sleep, maxAttempts: 3 });
  await assert.rejects(
    retrier.request(`${hub.url}/api/models/${MODEL}`, {}, json),
    (e: unknown) =>
      e instanceof RetryExhaustedError &&
      e.kind === "request" &&
      e.rateLimited &&
      /HTTP 429.*3 attempts made \(maxAttempts 3\)/.test(e.message),
  );
});

test("Retrier.request() refuses a Retry-After beyond maxRetryAfterMs instead of sleeping for it", async () => {
  const hub = await hubPromise;
  hub.inject({ kind: "rate-limit", route: "model-info", retryAfterSeconds: 7200 });
  const clock = recordingSleep();
  await assert.rejects(
    new Retrier({ sleep: clock.sleep }).request(`${hub.url}/api/models/${MODEL}`, {}, json),
    /asks to wait 7200 s, more than maxRetryAfterMs/,
  );
  assert.deepEqual(clock.waits, []);
});

test("Retrier.request() retries a connection cut mid-body and a body its reader rejects as truncated", async () => {
  const hub = await hubPromise;
  hub.inject({ kind: "reset", route: "model-info", afterBytes: 40 });
  hub.inject({ kind: "truncated-json", route: "model-info", afterBytes: 40 });
  const events: string[] = [];
  const retrier = new Retrier({ sleep: recordingSleep().sleep, onRetry: (e) => events.push(e.reason) });
  const read = async (r: Response) => {
    const text = await r.text();
    try {
      return JSON.parse(text) as { id: string };
    } catch {
      throw new RetryableError(`invalid JSON (${text.length} chars)`);
    }
  };
  const model = await retrier.request(`${hub.url}/api/models/${MODEL}`, {}, read);
  assert.equal(model.id, MODEL);
  assert.equal(events.length, 2);
  assert.match(events[0], /^connection failed: terminated/);
  assert.equal(events[1], "invalid JSON (40 chars)");
});

test("Retrier.request() retries an answer slower than requestTimeoutMs", async () => {
  const hub = await hubPromise;
  hub.inject({ kind: "slow", route: "model-info", delayMs: 400 });
  const events: string[] = [];
  const retrier = new Retrier({
    sleep: recordingSleep().sleep,
    requestTimeoutMs: 100,
    onRetry: (e) => events.push(e.reason),
  });
  const model = await retrier.request(`${hub.url}/api/models/${MODEL}`, {}, json);
  assert.equal(model.id, MODEL);
  assert.deepEqual(events, ["no response within 100 ms"]);
});

test("Retrier stops waiting when its signal aborts", async () => {
  const hub = await hubPromise;
  hub.inject({ kind: "rate-limit", route: "model-info", retryAfterSeconds: 60 });
  const controller = new AbortController();
  const pending = new Retrier({ signal: controller.signal }).request(`${hub.url}/api/models/${MODEL}`, {}, json);
  setTimeout(() => controller.abort(), 50);
  const t0 = Date.now();
  await assert.rejects(pending, { name: "AbortError" });
  assert.ok(Date.now() - t0 < 5000);
});
