// Model cards of a list of models (docs/methods.md §2.1, collection step 2): the README.md of each repo,
// fetched with the @huggingface/hub client (`downloadFile`), a bounded number at once (default 16;
// the authors ran 20 threads), under the retry policy of retry.ts. Each model gets one line in the
// cards NDJSON, `{"id", "card", "ratelimit_retries", "exception_raised"}`: the text (null when there
// is none) and the paper's bookkeeping columns (docs/methods.md §2.3): 429 retries, and the reason a card
// is missing (404, gated, gave up). data/listing.ts reads the file as a cards NDJSON (it uses id and
// card). Resumable: ids already in the file are skipped; a line cut by a kill is dropped on restart.
import * as fs from "node:fs";
import { HubApiError, downloadFile } from "@huggingface/hub";
import pl from "nodejs-polars";
import { forEachLine } from "../data/blockReader";
import { doubled } from "../typedArrays";
import { RateProgress } from "./rateProgress";
import { Retrier, RetryExhaustedError, type RequestTally, type RetryOptions } from "./retry";
import { DEFAULT_CARD_CONCURRENCY, DEFAULT_HUB_URL } from "./hubSettings";
import { scrubError, scrubSecrets } from "./secrets";

const SCOPE = "acquire/cards";

/** One line of the cards NDJSON. */
export interface CardRecord {
  id: string;
  /** README.md text, or null when the model has none or it could not be fetched. */
  card: string | null;
  /** Retries after HTTP 429 while fetching this card (the paper's ratelimit_retries). */
  ratelimit_retries: number;
  /** Why there is no card ("404 EntryNotFound: ..."), or null (the paper's exception_raised). */
  exception_raised: string | null;
}

/** Options of fetchCards. */
export interface CardFetchOptions {
  /** The cards NDJSON to append to (created when missing). */
  outFile: string;
  hubUrl?: string;
  token?: string;
  /** Cards fetched at once (default 16). */
  concurrency?: number;
  /** Git revision of every repo (default "main"). */
  revision?: string;
  retry?: RetryOptions;
  progress?: boolean;
  signal?: AbortSignal;
}

/** What fetchCards did. */
export interface CardFetchSummary {
  outFile: string;
  /** Distinct ids asked for. */
  requested: number;
  /** Ids already in the file (a resumed run), not fetched again. */
  skipped: number;
  fetched: number;
  withCard: number;
  /** Models without a card: README.md or the repo not found (404). */
  notFound: number;
  /** Gated or private repos (401/403). */
  gated: number;
  /** Models whose card fetch gave up (its attempts ran out, e.g. rate-limited throughout) or failed otherwise. */
  failed: number;
  rateLimitRetries: number;
  retries: number;
  seconds: number;
}

/**
 * Fetches the README.md of each model id into `outFile`, skipping ids already there.
 * Example: `await fetchCards(listedModelIds("data/crawl/listing.ndjson"), { outFile: "data/crawl/cards.ndjson" })`.
 * Throws (after writing every finished card) when the run's retry budget is exhausted.
 */
export async function fetchCards(ids: readonly string[], options: CardFetchOptions): Promise<CardFetchSummary> {
  const done = finishedCardIds(options.outFile);
  const uniqueIds = [...new Set(ids)];
  const pendingIds = uniqueIds.filter((id) => !done.has(id));
  const retrier = new Retrier({
    ...options.retry,
    signal: options.signal ?? options.retry?.signal,
    secrets: [options.token, ...(options.retry?.secrets ?? [])],
  });
  const summary: CardFetchSummary = {
    outFile: options.outFile,
    requested: uniqueIds.length,
    skipped: uniqueIds.length - pendingIds.length,
    fetched: 0,
    withCard: 0,
    notFound: 0,
    gated: 0,
    failed: 0,
    rateLimitRetries: 0,
    retries: 0,
    seconds: 0,
  };
  const progress = new RateProgress(SCOPE, "cards", pendingIds.length, options.progress ?? true);
  const fd = fs.openSync(options.outFile, "a");
  let next = 0;
  let fatal: unknown = null;
  const worker = async () => {
    while (fatal === null && next < pendingIds.length) {
      const id = pendingIds[next++];
      try {
        const record = await fetchOneCard(id, options, retrier);
        fs.writeSync(fd, JSON.stringify(record) + "\n");
        count(summary, record);
        progress.update(summary.fetched);
      } catch (e) {
        fatal ??= e;
      }
    }
  };
  try {
    await Promise.all(
      Array.from(
        { length: Math.min(options.concurrency ?? DEFAULT_CARD_CONCURRENCY, Math.max(pendingIds.length, 1)) },
        worker,
      ),
    );
  } finally {
    fs.closeSync(fd);
  }
  summary.retries = retrier.used;
  summary.seconds = progress.seconds;
  progress.finish(
    summary.fetched,
    `${summary.withCard} with a card, ${summary.notFound} not found, ${summary.gated} gated, ${summary.failed} failed`,
  );
  if (fatal !== null) {
    const e = scrubError(fatal, [options.token]);
    if (e instanceof Error && !e.message.startsWith("acquire/")) e.message = `${SCOPE}: ${e.message}`;
    throw e;
  }
  return summary;
}

/** Fetches one card; records 404, gated and per-request give-ups; rethrows what should stop the run. */
async function fetchOneCard(id: string, options: CardFetchOptions, retrier: Retrier): Promise<CardRecord> {
  const tally: RequestTally = { retries: 0, rateLimited: 0 };
  const record = (card: string | null, exception: string | null): CardRecord => ({
    id,
    card,
    ratelimit_retries: tally.rateLimited,
    exception_raised: exception === null ? null : scrubSecrets(exception, [options.token]),
  });
  const hubUrl = (options.hubUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, "");
  const revision = options.revision ?? "main";
  const url = `${hubUrl}/${id}/resolve/${encodeURIComponent(revision)}/README.md`;
  try {
    for (let attempt = 1; ; attempt++) {
      const blob = await downloadFile({
        repo: { type: "model", name: id },
        path: "README.md",
        revision,
        hubUrl,
        accessToken: options.token,
        xet: false,
        fetch: retrier.fetchFor("buffered", tally),
      });
      if (blob === null) return record(null, `404 EntryNotFound: ${id} has no README.md (GET ${url})`);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      if (bytes.length === blob.size) return record(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes), null); // keeps a BOM: the text verbatim
      // A body shorter than the size the client was told (Content-Range) is a cut answer: fetch it again.
      await retrier.retryAfter(url, attempt, `README.md body has ${bytes.length} of ${blob.size} bytes`, tally);
    }
  } catch (e) {
    if (e instanceof RetryExhaustedError) {
      if (e.kind === "budget") throw e;
      return record(null, `${e.status ?? "network"} ${e.rateLimited ? "rate-limited" : "gave up"}: ${e.message}`);
    }
    if (e instanceof HubApiError) {
      const code =
        e.statusCode === 404
          ? "RepoNotFound"
          : e.statusCode === 401 || e.statusCode === 403
            ? "GatedRepo"
            : "HubApiError";
      return record(null, `${e.statusCode} ${code}: ${e.message}`);
    }
    throw e;
  }
}

function count(summary: CardFetchSummary, record: CardRecord): void {
  summary.fetched++;
  summary.rateLimitRetries += record.ratelimit_retries;
  const reason = record.exception_raised ?? "";
  if (record.card !== null) summary.withCard++;
  else if (reason.startsWith("404 ")) summary.notFound++;
  else if (reason.startsWith("401 ") || reason.startsWith("403 ")) summary.gated++;
  else summary.failed++;
}

/**
 * Ids already in a cards NDJSON. A last line cut by a killed run is removed from the file first.
 * Example: `finishedCardIds("data/crawl/cards.ndjson").size`.
 */
export function finishedCardIds(file: string): Set<string> {
  const ids = new Set<string>();
  if (!fs.existsSync(file)) return ids;
  let keepBytes = 0;
  let cut = false;
  forEachLine(file, (span, reader) => {
    if (!span.terminated) {
      cut = true;
      return;
    }
    const id = leadingId(span.buffer, span.start, span.end);
    if (id === null)
      throw new Error(
        `${SCOPE}: ${file}:${span.line}: a line without a leading "id"; is this a cards file written by fetchCards?`,
      );
    ids.add(id);
    keepBytes = reader.consumed + (span.end - span.start) + 1;
  });
  if (cut) fs.truncateSync(file, keepBytes);
  return ids;
}

/** The id of a line that starts `{"id":"..."` without parsing the (possibly long) card after it. */
function leadingId(buffer: Buffer, start: number, end: number): string | null {
  const prefix = '{"id":"';
  if (buffer.toString("utf8", start, Math.min(end, start + prefix.length)) !== prefix) return null;
  let i = start + prefix.length;
  while (i < end && buffer[i] !== 0x22) i += buffer[i] === 0x5c ? 2 : 1;
  if (i >= end) return null;
  return JSON.parse(buffer.toString("utf8", start + prefix.length - 1, i + 1)) as string;
}

/**
 * The bookkeeping columns of a cards NDJSON as a table: id, has_card, ratelimit_retries, exception_raised (card texts
 * are not kept).
 * Example: `cardBookkeeping("data/crawl/cards.ndjson").filter(pl.col("exception_raised").isNotNull())`.
 */
export function cardBookkeeping(file: string): pl.DataFrame {
  const ids: string[] = [];
  const exceptions: (string | null)[] = [];
  let hasCard = new Uint8Array(1024);
  let retries = new Int32Array(1024);
  forEachLine(file, (span) => {
    if (!span.terminated || span.end === span.start) return;
    const r = JSON.parse(span.buffer.toString("utf8", span.start, span.end)) as CardRecord;
    if (ids.length === hasCard.length) {
      hasCard = doubled(hasCard);
      retries = doubled(retries);
    }
    hasCard[ids.length] = r.card === null ? 0 : 1;
    retries[ids.length] = r.ratelimit_retries;
    ids.push(r.id);
    exceptions.push(r.exception_raised);
  });
  const n = ids.length;
  return pl.DataFrame([
    pl.Series("id", ids, pl.Utf8),
    pl.Series("has_card", hasCard.subarray(0, n)).cast(pl.Bool),
    pl.Series("ratelimit_retries", retries.subarray(0, n)),
    pl.Series("exception_raised", exceptions, pl.Utf8),
  ]);
}
