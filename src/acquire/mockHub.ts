// A local stand-in for the Hugging Face Hub on 127.0.0.1, for tests, the benchmark and the acquisition
// notebook (these machines cannot reach huggingface.co). It answers the requests @huggingface/hub makes:
//   GET /api/models?limit&cursor&...        listing pages, `Link: <absolute url>; rel="next"`
//   GET /api/models/<id>[/revision/<rev>]   model info
//   GET /<id>/resolve/<rev>/README.md       model cards (404 + X-Error-Code EntryNotFound when absent)
//   GET /datasets/<id>/resolve/<rev>/<path> LFS-style files: Range, Content-Range, ETag = sha256
// It serves the listing objects it is given verbatim (seeded from a listing folder such as data/sample), checks the
// bearer token when told one (recording only whether it came), and injects faults on demand: 429 with Retry-After, 5xx,
// connections cut mid-body, truncated JSON, slow answers, a corrupted byte, a Range request answered with the whole
// file.
import * as crypto from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { createRng, type Rng } from "../random";
import { findDataFile, readTextFile } from "../data/gzipFile";
import { readCardTexts } from "../data/listing";

/** Which endpoint a request hit. */
export type MockRoute = "listing" | "model-info" | "card" | "file" | "other";

/** Kinds of injected fault. */
export type MockFaultKind =
  | "rate-limit"
  | "server-error"
  | "reset"
  | "truncated-json"
  | "slow"
  | "corrupt"
  | "ignore-range";

/** A fault for the next `times` matching requests (or each one with `probability`). */
export interface MockFault {
  kind: MockFaultKind;
  /** Endpoint it applies to (default: any). */
  route?: MockRoute;
  /** Only requests with (true) or without (false) a Range header (default: both). */
  ranged?: boolean;
  /** How many requests it hits (default 1; Infinity for all). */
  times?: number;
  /** Hit a matching request only with this probability (seeded), until `times` are used. */
  probability?: number;
  /** rate-limit: the Retry-After header, seconds (default 1; null sends none). */
  retryAfterSeconds?: number | null;
  /** server-error: the status (default 500). */
  status?: number;
  /** slow: extra delay before answering, ms. */
  delayMs?: number;
  /** reset, truncated-json: body bytes sent before the cut (default half of the body). */
  afterBytes?: number;
  /** corrupt: offset in the resource of the byte flipped (default 0). */
  offset?: number;
}

/** One request the mock answered. The Authorization header itself is never kept. */
export interface MockRequest {
  method: string;
  path: string;
  route: MockRoute;
  range: string | null;
  hadToken: boolean;
  status: number;
  fault: MockFaultKind | null;
}

/** A file served under `<repo>/resolve/<revision>/<path>`, e.g. repo "datasets/org/name". */
export interface MockHubFile {
  repo: string;
  revision: string;
  path: string;
  content: Buffer;
}

/** What the mock serves: listing objects as JSON text (one per model, in listing order) and card texts by id. */
export interface MockHubData {
  listing: readonly string[];
  cards: ReadonlyMap<string, string>;
}

/** Options of startMockHub. */
export interface MockHubOptions {
  /** Delay before every answer, ms (default 0). */
  latencyMs?: number;
  /** When set, requests must carry `Authorization: Bearer <token>`; others get 401. */
  token?: string;
  /** Model ids whose files answer 403 GatedRepo. */
  gated?: Iterable<string>;
  files?: readonly MockHubFile[];
  /** Largest page served (default 1000). */
  maxPageSize?: number;
  /** Keys appended to every served listing object, e.g. { gated: false } (default none: objects verbatim). */
  extraListingKeys?: Record<string, unknown>;
  /** Keep a log of every request (default true). */
  recordRequests?: boolean;
  /** Seed of probabilistic faults. */
  seed?: number;
  /** Called as each request arrives (before any latency). */
  onRequest?: (request: MockRequest) => void;
}

/** A running mock Hub. */
export interface MockHub {
  /** Base URL, e.g. http://127.0.0.1:41234 (pass it as hubUrl). */
  readonly url: string;
  readonly requests: MockRequest[];
  /** Requests per endpoint. */
  readonly counts: Record<MockRoute, number>;
  /** Delay before every answer, ms; may be changed while running. */
  latencyMs: number;
  /** Most requests in progress at the same time so far. */
  readonly maxInFlight: number;
  /** Adds a fault. */
  inject(fault: MockFault): void;
  /** Removes every pending fault. */
  clearFaults(): void;
  /** Pending faults. */
  readonly faults: readonly MockFault[];
  /** Stops the server and cuts open connections. */
  close(): Promise<void>;
}

/**
 * Starts a mock Hub on 127.0.0.1 (ephemeral port).
 * Example: `const hub = await startMockHub(sampleHubData(settings.hfData)); ...; await hub.close()`.
 */
export async function startMockHub(data: MockHubData, options: MockHubOptions = {}): Promise<MockHub> {
  const state = new MockState(data, options);
  const server = http.createServer((req, res) => {
    state.handle(req, res).catch((e: Error) => {
      if (!res.headersSent) sendJson(res, 500, { error: `mock hub: ${e.message}` });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    get url() {
      return state.base;
    },
    requests: state.requests,
    counts: state.counts,
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(ms: number) {
      state.latencyMs = ms;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    inject: (fault) => state.faults.push({ ...fault, times: fault.times ?? 1 }),
    clearFaults: () => {
      state.faults.length = 0;
    },
    get faults() {
      return state.faults;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

class MockState {
  base = "";
  latencyMs: number;
  readonly requests: MockRequest[] = [];
  readonly counts: Record<MockRoute, number> = { listing: 0, "model-info": 0, card: 0, file: 0, other: 0 };
  readonly faults: MockFault[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly listing: readonly string[];
  private readonly index = new Map<string, number>();
  private readonly gated: ReadonlySet<string>;
  private readonly files = new Map<string, { file: MockHubFile; sha256: string }>();
  private readonly rng: Rng;

  constructor(
    private readonly data: MockHubData,
    private readonly options: MockHubOptions,
  ) {
    this.latencyMs = options.latencyMs ?? 0;
    const extra = options.extraListingKeys ? JSON.stringify(options.extraListingKeys).slice(1, -1) : "";
    this.listing = extra ? data.listing.map((line) => line.replace(/}\s*$/, `, ${extra}}`)) : data.listing;
    this.listing.forEach((line, i) => this.index.set((JSON.parse(line) as { id: string }).id, i));
    this.gated = new Set(options.gated ?? []);
    for (const file of options.files ?? []) {
      this.files.set(`${file.repo}@${file.revision}/${file.path}`, {
        file,
        sha256: crypto.createHash("sha256").update(file.content).digest("hex"),
      });
    }
    this.rng = createRng(options.seed ?? 1).fork("mock-hub-faults");
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.base);
    const route = routeOf(url.pathname);
    const auth = req.headers.authorization ?? "";
    const hadToken = this.options.token !== undefined && auth === `Bearer ${this.options.token}`;
    const record: MockRequest = {
      method: req.method ?? "GET",
      path: url.pathname + url.search,
      route,
      range: req.headers.range ?? null,
      hadToken,
      status: 0,
      fault: null,
    };
    this.counts[route]++;
    if (this.options.recordRequests ?? true) this.requests.push(record);
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    let answered = false;
    const done = () => {
      if (answered) return;
      answered = true; // at "finish" the answer is with the OS, before the client can send its next request
      record.status = res.statusCode;
      this.inFlight--;
    };
    res.on("finish", done);
    res.on("close", done);
    this.options.onRequest?.(record);
    if (this.latencyMs > 0) await delay(this.latencyMs);
    if (this.options.token !== undefined && !hadToken)
      return sendJson(res, 401, { error: "Invalid credentials in Authorization header" });
    const fault = this.takeFault(route, record.range !== null);
    record.fault = fault?.kind ?? null;
    if (fault?.kind === "slow") await delay(fault.delayMs ?? 1000);
    if (fault?.kind === "rate-limit") {
      const headers: Record<string, string> =
        fault.retryAfterSeconds === null ? {} : { "Retry-After": String(fault.retryAfterSeconds ?? 1) };
      return sendJson(res, 429, { error: "You have been rate-limited; retry later" }, headers);
    }
    if (fault?.kind === "server-error") return sendJson(res, fault.status ?? 500, { error: "Internal Error" });
    const body = fault && fault.kind !== "slow" ? fault : null;
    if (route === "listing") return this.serveListing(url, res, body);
    if (route === "model-info") return this.serveModelInfo(url, res, body);
    return this.serveResolve(req, url, res, body, route);
  }

  private takeFault(route: MockRoute, ranged: boolean): MockFault | null {
    for (let i = 0; i < this.faults.length; i++) {
      const f = this.faults[i];
      if (f.route !== undefined && f.route !== route) continue;
      if (f.ranged !== undefined && f.ranged !== ranged) continue;
      if (f.probability !== undefined && this.rng() >= f.probability) continue;
      f.times = (f.times ?? 1) - 1;
      if (f.times <= 0) this.faults.splice(i, 1);
      return f;
    }
    return null;
  }

  private serveListing(url: URL, res: http.ServerResponse, fault: MockFault | null): void {
    const maxPage = this.options.maxPageSize ?? 1000;
    const limit = Math.min(Math.max(Number(url.searchParams.get("limit")) || maxPage, 1), maxPage);
    const offset = decodeCursor(url.searchParams.get("cursor"));
    const end = Math.min(offset + limit, this.listing.length);
    const headers: Record<string, string> = {};
    if (end < this.listing.length) {
      const next = new URL(url.pathname + url.search, this.base);
      next.searchParams.set("cursor", encodeCursor(end));
      headers.Link = `<${next.toString()}>; rel="next"`;
    }
    const body = Buffer.from("[" + this.listing.slice(offset, end).join(",") + "]");
    send(res, 200, { "Content-Type": "application/json; charset=utf-8", ...headers }, body, fault);
  }

  private serveModelInfo(url: URL, res: http.ServerResponse, fault: MockFault | null): void {
    const id = decodeURIComponent(url.pathname.slice("/api/models/".length)).replace(/\/revision\/[^/]+$/, "");
    const i = this.index.get(id);
    if (i === undefined)
      return sendJson(res, 404, { error: "Repository not found" }, { "X-Error-Code": "RepoNotFound" });
    send(res, 200, { "Content-Type": "application/json; charset=utf-8" }, Buffer.from(this.listing[i]), fault);
  }

  private serveResolve(
    req: http.IncomingMessage,
    url: URL,
    res: http.ServerResponse,
    fault: MockFault | null,
    route: MockRoute,
  ): void {
    const pathname = decodeURIComponent(url.pathname);
    const at = pathname.indexOf("/resolve/");
    if (at < 0) return sendJson(res, 404, { error: "Not found" });
    const repo = pathname.slice(1, at);
    const [revision, ...rest] = pathname.slice(at + "/resolve/".length).split("/");
    const filePath = rest.join("/");
    if (route === "card" && this.index.has(repo)) {
      if (this.gated.has(repo))
        return sendJson(
          res,
          403,
          {
            error: `Access to model ${repo} is restricted. You must have access to it and be authenticated to access it.`,
          },
          { "X-Error-Code": "GatedRepo" },
        );
      const card = this.data.cards.get(repo);
      if (card === undefined)
        return sendJson(res, 404, { error: "Entry not found" }, { "X-Error-Code": "EntryNotFound" });
      const content = Buffer.from(card, "utf8");
      const etag = `"${crypto.createHash("sha1").update(content).digest("hex")}"`;
      return sendRange(req, res, content, { "Content-Type": "text/plain; charset=utf-8", ETag: etag }, fault);
    }
    const entry = this.files.get(`${repo}@${revision}/${filePath}`);
    if (!entry) {
      const known = [...this.files.values()].some((f) => f.file.repo === repo);
      if (!known && route === "card")
        return sendJson(res, 404, { error: "Repository not found" }, { "X-Error-Code": "RepoNotFound" });
      const sameRevision = [...this.files.values()].some((f) => f.file.repo === repo && f.file.revision === revision);
      return sendJson(
        res,
        404,
        { error: sameRevision ? "Entry not found" : "Invalid rev id" },
        { "X-Error-Code": sameRevision ? "EntryNotFound" : "RevisionNotFound" },
      );
    }
    const etag = `"${entry.sha256}"`;
    sendRange(
      req,
      res,
      entry.file.content,
      {
        "Content-Type": "application/octet-stream",
        ETag: etag,
        "X-Linked-ETag": etag,
        "X-Linked-Size": String(entry.file.content.length),
      },
      fault,
    );
  }
}

/** Which endpoint a path belongs to. */
function routeOf(pathname: string): MockRoute {
  if (pathname === "/api/models") return "listing";
  if (pathname.startsWith("/api/models/")) return "model-info";
  if (!pathname.includes("/resolve/")) return "other";
  return pathname.startsWith("/datasets/") || !pathname.endsWith("/README.md") ? "file" : "card";
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64url");
}

function decodeCursor(cursor: string | null): number {
  if (!cursor) return 0;
  const offset = (JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { offset?: unknown }).offset;
  return typeof offset === "number" && offset >= 0 ? offset : 0;
}

/** Serves `content` honouring a `Range: bytes=a-b | a- | -n` header (206 + Content-Range), else 200. */
function sendRange(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  content: Buffer,
  headers: Record<string, string>,
  fault: MockFault | null,
): void {
  const size = content.length;
  const range = req.headers.range;
  const all = { ...headers, "Accept-Ranges": "bytes" };
  if (!range || fault?.kind === "ignore-range") return send(res, 200, all, content, fault);
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  let start = m && m[1] !== "" ? Number(m[1]) : m && m[2] !== "" ? Math.max(0, size - Number(m[2])) : NaN;
  let end = m && m[1] !== "" && m[2] !== "" ? Number(m[2]) : size - 1;
  end = Math.min(end, size - 1);
  if (!m || Number.isNaN(start) || start > end) {
    return send(res, 416, { "Content-Range": `bytes */${size}` }, Buffer.alloc(0), null);
  }
  start = Math.max(0, start);
  send(
    res,
    206,
    { ...all, "Content-Range": `bytes ${start}-${end}/${size}` },
    content.subarray(start, end + 1),
    fault,
    start,
  );
}

/** Sends a body, applying a body fault: cut the connection, truncate the body, or flip one byte. */
function send(
  res: http.ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  fault: MockFault | null,
  bodyOffset = 0,
): void {
  let out = body;
  if (fault?.kind === "corrupt") {
    const at = (fault.offset ?? 0) - bodyOffset;
    if (at >= 0 && at < out.length) {
      out = Buffer.from(body);
      out[at] ^= 0xff;
    }
  }
  const cut = Math.max(0, Math.min(fault?.afterBytes ?? Math.floor(out.length / 2), Math.max(out.length - 1, 0)));
  if (fault?.kind === "truncated-json") {
    res.writeHead(status, { ...headers, "Content-Length": String(cut) });
    res.end(out.subarray(0, cut));
    return;
  }
  res.writeHead(status, { ...headers, "Content-Length": String(out.length) });
  if (fault?.kind === "reset") {
    res.write(out.subarray(0, cut), () => res.destroy());
    return;
  }
  res.end(out);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(
    res,
    status,
    { "Content-Type": "application/json; charset=utf-8", ...headers },
    Buffer.from(JSON.stringify(body)),
    null,
  );
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A Hub-listing folder as mock data: the listing lines verbatim and the card texts (each file plain or .gz).
 * Example: `sampleHubData(loadSettings().hfData!).listing.length` is 1572.
 */
export function sampleHubData(folder: string): MockHubData {
  const listingFile = findDataFile(folder, "listing.ndjson");
  if (listingFile === null)
    throw new Error(`acquire/mockHub: ${folder} holds no listing.ndjson (nor listing.ndjson.gz)`);
  const listing = readTextFile(listingFile)
    .split("\n")
    .filter((l) => l.trim() !== "");
  const cardsFile = findDataFile(folder, "cards.ndjson");
  return { listing, cards: cardsFile ? readCardTexts(cardsFile) : new Map() };
}

/**
 * `n` listing objects made from `listing` repeated, copy k > 0 with ids (id, modelId, _id) suffixed "-k", for
 * benchmarks.
 * Example: `repeatedListing(sample.listing, 100_000).length` is 100,000, all ids distinct.
 */
export function repeatedListing(listing: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let k = 0; out.length < n; k++) {
    for (const line of listing) {
      if (out.length >= n) break;
      if (k === 0) {
        out.push(line);
        continue;
      }
      const obj = JSON.parse(line) as Record<string, unknown>;
      for (const key of ["_id", "id", "modelId"]) if (typeof obj[key] === "string") obj[key] = `${obj[key]}-${k}`;
      out.push(JSON.stringify(obj));
    }
  }
  return out;
}
