// Verified, resumable download of one file of a Hub repo (docs/methods.md §2.2: the paper's released
// dataset is a 5.2 GB CSV in `modelbiome/ai_ecosystem_withmodelcards`, pinned by revision and LFS
// sha256). The @huggingface/hub client resolves the file (`fileDownloadInfo`: size and ETag) and
// streams it (`downloadFile` gives a range-capable blob); a resumed run asks the same blob for
// `slice(offset)`, which the client fetches with `Range: bytes=offset-`. Bytes go to `<file>.part`
// (with `<file>.part.json` naming what it is a part of); the whole part is hashed, and only a part
// whose sha256 matches becomes `<file>`, recorded in `<file>.verified.json`. A mismatch deletes the
// unverified part only: a previously verified file stays as it was.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { downloadFile, fileDownloadInfo, type RepoDesignation } from "@huggingface/hub";
import { readJsonIfExists, writeJsonAtomic } from "./checkpoint";
import { RateProgress } from "./rateProgress";
import { Retrier, type RetryOptions } from "./retry";
import { DEFAULT_HUB_URL } from "./hubSettings";
import { scrubError } from "./secrets";

const SCOPE = "acquire/download";

/** A file pinned by repo, revision, path and content hash. */
export interface PinnedFile {
  repo: { type: "dataset" | "model"; name: string };
  revision: string;
  path: string;
  /** Lowercase hex sha256 of the content (the LFS oid). */
  sha256: string;
}

/** The paper's released dataset (docs/methods.md §2.2): 1,860,411 models with cards, about 5.2 GB of CSV. */
export const PAPER_DATASET: Readonly<PinnedFile> = {
  repo: { type: "dataset", name: "modelbiome/ai_ecosystem_withmodelcards" },
  revision: "4cb5d8739a8fce7c03826994dd756c244b4126bf",
  path: "ai_ecosystem_withmodelcards.csv",
  sha256: "7a6aaed5e4434e9bd3b5141c0fbb48da87ec267cfe96bffa2bb1f4d5b0d7c74f",
};

/** Options of downloadVerified. */
export interface DownloadOptions {
  /** Where the verified file goes. */
  dest: string;
  hubUrl?: string;
  token?: string;
  retry?: RetryOptions;
  progress?: boolean;
  signal?: AbortSignal;
}

/** What downloadVerified did. */
export interface DownloadSummary {
  dest: string;
  sha256: string;
  bytes: number;
  /** Bytes fetched by this run (0 when the verified file was already there). */
  bytesThisRun: number;
  /** Offset this run started at (> 0 when it resumed a part). */
  resumedAt: number;
  alreadyVerified: boolean;
  retries: number;
  seconds: number;
}

/** The record of a verified file (`<file>.verified.json`). */
interface VerifiedRecord {
  sha256: string;
  size: number;
  mtimeMs: number;
  repo: string;
  revision: string;
  path: string;
}

/** What a `.part` is a part of (`<file>.part.json`). */
interface PartRecord {
  url: string;
  etag: string;
  size: number;
  sha256: string;
}

/** Thrown when a downloaded file's sha256 is not the expected one. */
export class ChecksumError extends Error {
  constructor(
    message: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(message);
    this.name = "ChecksumError";
  }
}

/**
 * Downloads a pinned file to `dest`, resuming an earlier part, and verifies its sha256 before it takes the final name.
 * Example: `await downloadVerified(PAPER_DATASET, { dest: "data/ai_ecosystem_withmodelcards.csv" })`.
 */
export async function downloadVerified(file: PinnedFile, options: DownloadOptions): Promise<DownloadSummary> {
  const started = Date.now();
  const expected = file.sha256.toLowerCase();
  const hubUrl = (options.hubUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, "");
  const retrier = new Retrier({
    ...options.retry,
    signal: options.signal ?? options.retry?.signal,
    secrets: [options.token, ...(options.retry?.secrets ?? [])],
  });
  const summary = (
    bytes: number,
    bytesThisRun: number,
    resumedAt: number,
    alreadyVerified: boolean,
  ): DownloadSummary => ({
    dest: options.dest,
    sha256: expected,
    bytes,
    bytesThisRun,
    resumedAt,
    alreadyVerified,
    retries: retrier.used,
    seconds: (Date.now() - started) / 1000,
  });
  if (isVerified(options.dest, expected)) return summary(fs.statSync(options.dest).size, 0, 0, true);
  if (fs.existsSync(options.dest) && (await sha256File(options.dest)) === expected) {
    recordVerified(options.dest, expected, sourceOf(file)); // a file put there by hand (or a copy) is checked, not downloaded again
    return summary(fs.statSync(options.dest).size, 0, 0, true);
  }
  try {
    const common = {
      repo: file.repo as RepoDesignation,
      path: file.path,
      revision: file.revision,
      hubUrl,
      accessToken: options.token,
    };
    const info = await fileDownloadInfo({ ...common, fetch: retrier.fetchFor("buffered") });
    const where = `${file.repo.type}s/${file.repo.name}@${file.revision}/${file.path}`;
    if (info === null) throw new Error(`${SCOPE}: ${where} not found on ${hubUrl}`);
    const announced = info.etag.replace(/^W\//, "").replace(/"/g, "").toLowerCase();
    if (/^[0-9a-f]{64}$/.test(announced) && announced !== expected) {
      throw new ChecksumError(
        `${SCOPE}: ${where}: the Hub announces sha256 ${announced}, expected ${expected}; nothing downloaded`,
        expected,
        announced,
      );
    }
    // NOTE: info.url may be a signed CDN address; records and messages name the Hub's resolve URL instead.
    const resolveUrl = `${hubUrl}/${file.repo.type === "dataset" ? "datasets/" : ""}${file.repo.name}/resolve/${encodeURIComponent(file.revision)}/${file.path}`;
    const part = `${options.dest}.part`;
    const resumedAt = preparePart(part, { url: resolveUrl, etag: info.etag, size: info.size, sha256: expected });
    const blob = await downloadFile({
      ...common,
      xet: false,
      downloadInfo: info,
      fetch: checkedRanges(retrier.fetchFor("streaming"), part),
    });
    if (blob === null) throw new Error(`${SCOPE}: ${where} not found on ${hubUrl}`);
    const bytes = await streamToPart(blob, part, resumedAt, resolveUrl, retrier, options.progress ?? true);
    if (bytes !== info.size) throw new Error(`${SCOPE}: ${part} has ${bytes} bytes, the Hub announced ${info.size}`);
    await verifyAndInstall(part, options.dest, expected, sourceOf(file));
    return summary(bytes, bytes - resumedAt, resumedAt, false);
  } catch (e) {
    throw scrubError(e, [options.token]);
  }
}

/** Keeps a part that belongs to the same file and ETag (returns its length), else starts an empty one. */
function preparePart(part: string, record: PartRecord): number {
  const meta = `${part}.json`;
  const saved = readJsonIfExists<PartRecord>(meta);
  const same =
    saved !== null && saved.etag === record.etag && saved.size === record.size && saved.sha256 === record.sha256;
  const size = same && fs.existsSync(part) ? fs.statSync(part).size : -1;
  if (size >= 0 && size <= record.size) return size;
  fs.mkdirSync(path.dirname(part), { recursive: true });
  fs.writeFileSync(part, "");
  writeJsonAtomic(meta, record);
  return 0;
}

/**
 * A fetch that refuses an answer to `Range: bytes=<offset>-` that does not start at that offset (a
 * server ignoring Range answers 200 with the whole file, which appended to the part would corrupt it).
 */
function checkedRanges(inner: typeof fetch, part: string): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const range = /^bytes=(\d+)-/.exec(new Headers(init?.headers).get("range") ?? "");
    if (!range || range[1] === "0" || !response.ok) return response;
    const served = /^bytes (\d+)-/.exec(response.headers.get("content-range") ?? "");
    if (response.status === 206 && served?.[1] === range[1]) return response;
    await response.body?.cancel().catch(() => undefined);
    throw new Error(
      `asked for bytes from ${range[1]} on, the server answered HTTP ${response.status} ${response.headers.get("content-range") ?? "without Content-Range"}; delete ${part} to download from the start`,
    );
  };
}

/** Streams the blob from `offset` into the part, resuming after cut connections; returns the part's length. */
async function streamToPart(
  blob: Blob,
  part: string,
  offset: number,
  url: string,
  retrier: Retrier,
  showProgress: boolean,
): Promise<number> {
  const progress = new RateProgress(SCOPE + ": " + path.basename(part, ".part"), "bytes", blob.size, showProgress);
  const fd = fs.openSync(part, "a");
  let written = offset;
  let attempt = 0;
  let failedAt = -1;
  try {
    while (written < blob.size) {
      try {
        const reader = (written === 0 ? blob : blob.slice(written)).stream().getReader();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          written += writeAll(fd, chunk.value);
          progress.update(written);
        }
        if (written < blob.size) throw new TypeError(`the body ended at byte ${written} of ${blob.size}`);
      } catch (e) {
        if (retrier.signal?.aborted) throw retrier.signal.reason;
        // The client's blob stream aborts with the message of a failed request (a 4xx, or retries given up).
        if (typeof e === "string") throw new Error(`${SCOPE}: fetching ${url} from byte ${written} failed: ${e}`);
        if (!(e instanceof TypeError)) throw e;
        attempt = written > failedAt ? 1 : attempt + 1; // a cut after progress starts the count again
        failedAt = written;
        await retrier.retryAfter(url, attempt, `connection cut at byte ${written} of ${blob.size}: ${e.message}`);
      }
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  progress.finish(written);
  return written;
}

/** Writes all of `bytes` at the end of the file; returns their number. */
function writeAll(fd: number, bytes: Uint8Array): number {
  for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done);
  return bytes.length;
}

/** Hashes the part; installs it as `dest` when the sha256 matches, else deletes the part and throws ChecksumError. */
async function verifyAndInstall(
  part: string,
  dest: string,
  expected: string,
  source: Omit<VerifiedRecord, "sha256" | "size" | "mtimeMs">,
): Promise<void> {
  const actual = await sha256File(part);
  if (actual !== expected) {
    fs.rmSync(part, { force: true });
    fs.rmSync(`${part}.json`, { force: true });
    const kept = fs.existsSync(dest) ? `; ${dest} (verified earlier) is untouched` : "";
    throw new ChecksumError(
      `${SCOPE}: checksum mismatch for ${source.repo}@${source.revision}/${source.path}: expected sha256 ${expected}, got ${actual}; deleted the unverified ${part}${kept}`,
      expected,
      actual,
    );
  }
  fs.renameSync(part, dest);
  fs.rmSync(`${part}.json`, { force: true });
  recordVerified(dest, actual, source);
}

/** Where a pinned file comes from, as the verified record names it. */
function sourceOf(file: PinnedFile): Omit<VerifiedRecord, "sha256" | "size" | "mtimeMs"> {
  return { repo: `${file.repo.type}s/${file.repo.name}`, revision: file.revision, path: file.path };
}

/** Writes `<dest>.verified.json` for a file whose sha256 was just checked. */
function recordVerified(
  dest: string,
  sha256: string,
  source: Omit<VerifiedRecord, "sha256" | "size" | "mtimeMs">,
): void {
  const stat = fs.statSync(dest);
  writeJsonAtomic(`${dest}.verified.json`, {
    sha256,
    size: stat.size,
    mtimeMs: stat.mtimeMs,
    ...source,
  } satisfies VerifiedRecord);
}

/** True when `dest` was verified against `sha256` and has not changed since (size and mtime). */
export function isVerified(dest: string, sha256: string): boolean {
  const record = readJsonIfExists<VerifiedRecord>(`${dest}.verified.json`);
  if (!record || record.sha256 !== sha256.toLowerCase() || !fs.existsSync(dest)) return false;
  const stat = fs.statSync(dest);
  return stat.size === record.size && stat.mtimeMs === record.mtimeMs;
}

/**
 * Lowercase hex sha256 of a file, read in 8 MiB blocks.
 * Example: `await sha256File("data/ai_ecosystem_withmodelcards.csv")`.
 */
export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 8 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
