// Retry policy for HTTP APIs (the Hub's listing and files here; any other JSON API such as arXiv's can
// reuse it). Retried: 429 (waiting what Retry-After asks), 408 and 5xx, dropped connections, timeouts,
// and bodies a reader rejects (truncated JSON). Waits grow exponentially with seeded jitter (docs/methods.md
// §2.1: the authors' card scraper backed off exponentially too). One budget of retries is shared by
// every request of a run, so a storm ends in a clear error instead of an endless crawl.
import { setTimeout as sleepFor } from "node:timers/promises";
import { createRng, type Rng } from "../random";
import { scrubSecrets } from "./secrets";

const SCOPE = "acquire/retry";

/** Knobs of the retry policy. Delays are in milliseconds of real time before `timeScale`. */
export interface RetryPolicy {
  /** Retries allowed in total for one run (all requests together): the retry budget. */
  maxRetries: number;
  /** Attempts allowed for one request (the first try included). */
  maxAttempts: number;
  /** First backoff delay; attempt k waits baseDelayMs * 2^(k-1), capped, times a jitter in [0.5, 1). */
  baseDelayMs: number;
  /** Cap of one backoff delay. */
  maxDelayMs: number;
  /** Longest Retry-After honoured; a server asking for more makes the request give up. */
  maxRetryAfterMs: number;
  /** A request whose response (headers, and the body of a buffered read) takes longer is retried. */
  requestTimeoutMs: number;
  /** Multiplies every wait: 1 honours real seconds; tests pass 0 or inject `sleep`. */
  timeScale: number;
  /** Seed of the jitter. */
  seed: number | string;
}

/** Defaults: 8 attempts per request, 1,000 retries per run, 1 s doubling to 60 s, Retry-After up to 15 min. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxRetries: 1000,
  maxAttempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 15 * 60_000,
  requestTimeoutMs: 60_000,
  timeScale: 1,
  seed: 1,
};

/** One retry about to wait. `delayMs` is before timeScale. */
export interface RetryEvent {
  url: string;
  attempt: number; // the attempt that failed, 1-based
  reason: string;
  status?: number;
  rateLimited: boolean;
  delayMs: number;
}

/** Options of a Retrier: the policy plus injectable clock, fetch, cancellation and secrets to scrub. */
export interface RetryOptions extends Partial<RetryPolicy> {
  /** Waits `ms` (already scaled). Default: a real timer that honours `signal`. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The fetch underneath (default: global fetch). */
  fetch?: typeof fetch;
  /** Cancels the run: pending waits and requests reject with the signal's reason. */
  signal?: AbortSignal;
  /** Strings never to print (the access token); replaced in every error message. */
  secrets?: readonly (string | undefined)[];
  /** Called before each wait. */
  onRetry?: (event: RetryEvent) => void;
}

/** What one logical request (or one model's card) went through. */
export interface RequestTally {
  retries: number;
  rateLimited: number; // retries after a 429
}

/** Thrown by a body reader to ask for another attempt (truncated JSON, short body). */
export class RetryableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RetryableError";
  }
}

/** Thrown when a request gives up: its own attempts ran out (`kind` "request") or the run's budget did ("budget"). */
export class RetryExhaustedError extends Error {
  constructor(
    message: string,
    readonly kind: "request" | "budget",
    readonly url: string,
    readonly status: number | undefined,
    readonly rateLimited: boolean,
  ) {
    super(message);
    this.name = "RetryExhaustedError";
  }
}

/** Statuses worth another try: timeout, rate limit, server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Milliseconds a Retry-After header asks for (delta seconds or an HTTP date), or null.
 * Example: `parseRetryAfter("2")` is 2000.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * Backoff before retry number `attempt` (1-based): min(max, base * 2^(attempt-1)) * (0.5 + 0.5 * rng()).
 * Example: `backoffDelay(3, { baseDelayMs: 1000, maxDelayMs: 60000 }, rng)` is in [2000, 4000).
 */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  rng: Rng,
): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full * (0.5 + 0.5 * rng()));
}

interface Failure {
  reason: string;
  status?: number;
  retryAfterMs?: number | null;
}

/**
 * Runs requests under one retry policy and one shared budget: `new Retrier({ maxRetries: 50 }).request(url, {}, (r) =>
 * r.json())`.
 */
export class Retrier {
  readonly policy: RetryPolicy;
  /** Retries taken from the budget so far. */
  used = 0;
  /** Milliseconds waited so far (before timeScale). */
  waitedMs = 0;
  private readonly rng: Rng;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: RetryOptions = {}) {
    const policy = { ...DEFAULT_RETRY_POLICY };
    for (const key of Object.keys(DEFAULT_RETRY_POLICY) as (keyof RetryPolicy)[]) {
      if (options[key] !== undefined) (policy as Record<string, unknown>)[key] = options[key];
    }
    this.policy = policy;
    this.rng = createRng(policy.seed).fork("retry-jitter");
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** The run's cancellation signal, if any. */
  get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  /** "12 of 200 retries used, 3.5 s waited". */
  describeBudget(): string {
    return `${this.used} of ${this.policy.maxRetries} retries used, ${(this.waitedMs / 1000).toFixed(1)} s waited`;
  }

  /** The text with every secret replaced. */
  scrub(text: string): string {
    return scrubSecrets(text, this.options.secrets ?? []);
  }

  /**
   * Fetches `url` and passes the response to `read` inside the retry loop, so a body cut mid-way or
   * rejected by `read` (throw RetryableError) is fetched again. Retryable statuses never reach `read`.
   * Example: `await retrier.request(url, {}, async (r) => JSON.parse(await r.text()))`.
   */
  async request<T>(
    url: string,
    init: RequestInit,
    read: (response: Response) => Promise<T>,
    tally?: RequestTally,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      this.throwIfAborted();
      const timeout = new AbortController();
      const timer = setTimeout(
        () => timeout.abort(new RetryableError(`no response within ${this.policy.requestTimeoutMs} ms`)),
        this.policy.requestTimeoutMs,
      );
      const signal = this.signal ? AbortSignal.any([this.signal, timeout.signal]) : timeout.signal;
      let failure: Failure;
      try {
        const response = await this.fetchImpl(url, { ...init, signal });
        if (isRetryableStatus(response.status)) {
          failure = {
            reason: `HTTP ${response.status}${response.statusText ? " " + response.statusText : ""}`,
            status: response.status,
            retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
          };
          await response.body?.cancel().catch(() => undefined);
        } else {
          return await read(response);
        }
      } catch (e) {
        failure = this.classify(e, timeout.signal);
      } finally {
        clearTimeout(timer);
      }
      await this.wait(url, attempt, failure, tally);
    }
  }

  /**
   * Takes one retry from the budget and waits, for failures found outside `request` (a download cut
   * mid-stream). Throws RetryExhaustedError when the budget or the attempts are used up.
   */
  async retryAfter(url: string, attempt: number, reason: string, tally?: RequestTally): Promise<void> {
    await this.wait(url, attempt, { reason }, tally);
  }

  /**
   * A `fetch` for @huggingface/hub's `fetch` option. "buffered" reads the whole body inside the retry
   * loop (listing pages, cards); "streaming" hands the live body over (multi-GB files) and retries
   * only until the headers arrive.
   */
  fetchFor(mode: "buffered" | "streaming", tally?: RequestTally): typeof fetch {
    return (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      return this.request(url, init ?? {}, mode === "streaming" ? async (r) => r : bufferedCopy, tally);
    };
  }

  /** Error for a failed attempt: a message naming the URL, or a rethrow for non-retryable errors. */
  private classify(e: unknown, timeout: AbortSignal): Failure {
    if (this.signal?.aborted) throw this.signal.reason ?? e;
    if (timeout.aborted) return { reason: (timeout.reason as Error).message };
    if (e instanceof RetryableError) return { reason: e.message };
    if (e instanceof TypeError) return { reason: `connection failed: ${networkCause(e)}` };
    throw e;
  }

  private async wait(url: string, attempt: number, failure: Failure, tally?: RequestTally): Promise<void> {
    const rateLimited = failure.status === 429;
    const giveUp = (why: string, kind: "request" | "budget") =>
      new RetryExhaustedError(
        this.scrub(
          `${SCOPE}: gave up on GET ${url}: ${failure.reason}; ${why}; retry budget: ${this.describeBudget()}`,
        ),
        kind,
        url,
        failure.status,
        rateLimited,
      );
    if (attempt >= this.policy.maxAttempts)
      throw giveUp(`${attempt} attempts made (maxAttempts ${this.policy.maxAttempts})`, "request");
    if (this.used >= this.policy.maxRetries)
      throw giveUp(`the run's retry budget is exhausted (maxRetries ${this.policy.maxRetries})`, "budget");
    const asked = failure.retryAfterMs ?? null;
    if (asked !== null && asked > this.policy.maxRetryAfterMs) {
      throw giveUp(
        `the server asks to wait ${(asked / 1000).toFixed(0)} s, more than maxRetryAfterMs ${this.policy.maxRetryAfterMs}`,
        "request",
      );
    }
    const delayMs = asked ?? backoffDelay(attempt, this.policy, this.rng);
    this.used++;
    this.waitedMs += delayMs;
    if (tally) {
      tally.retries++;
      if (rateLimited) tally.rateLimited++;
    }
    this.options.onRetry?.({
      url: this.scrub(url),
      attempt,
      reason: this.scrub(failure.reason),
      status: failure.status,
      rateLimited,
      delayMs,
    });
    const scaled = delayMs * this.policy.timeScale;
    await (this.options.sleep ?? defaultSleep)(scaled, this.signal);
  }

  private throwIfAborted(): void {
    if (this.signal?.aborted) throw this.signal.reason;
  }
}

async function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms > 0) await sleepFor(ms, undefined, { signal });
}

/** A copy of a response with its body read into memory (errors while reading surface inside the retry loop). */
async function bufferedCopy(response: Response): Promise<Response> {
  const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
  const copy = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(copy, "url", { value: response.url });
  return copy;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** "ECONNRESET other side closed" from undici's TypeError("fetch failed" | "terminated", { cause }). */
function networkCause(e: TypeError): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const parts = [e.message, cause?.code, cause?.message].filter((p): p is string => Boolean(p));
  return [...new Set(parts)].join(": ");
}
