// NDJSON shards of a listing crawl (docs/methods.md §2.1), in the format data/listing.ts reads: one line per
// model with the listing keys (_id, id, likes, trendingScore, private, downloads, tags, pipeline_tag,
// library_name, createdAt, modelId) in that order, each present exactly when the API sent it, with the
// API's value. Keys the API sends beyond those (cardData, gated, lastModified) go to a parallel
// `.extra.ndjson` line `{"id", ...}`. A model id already written is skipped, so every model is in
// the crawl once.
import * as fs from "node:fs";
import * as path from "node:path";
import { forEachLine } from "../data/blockReader";
import { readTextFile } from "../data/gzipFile";
import { LISTING_KEYS } from "../data/schema";
import { truncateTo } from "./checkpoint";

/** Where the writer stands: the shard being written and the bytes of it (and of its extras) that hold whole pages. */
export interface ShardPosition {
  shard: number;
  shardBytes: number;
  extraBytes: number;
  shardModels: number;
}

/** `shards/listing-00003.ndjson` inside a crawl folder. */
export function shardPath(dir: string, shard: number): string {
  return path.join(dir, "shards", `listing-${String(shard).padStart(5, "0")}.ndjson`);
}

/** The extras file beside a shard: `listing-00003.extra.ndjson`. */
export function extraShardPath(dir: string, shard: number): string {
  return shardPath(dir, shard).replace(/\.ndjson$/, ".extra.ndjson");
}

/** Shard files of a crawl folder, in order. */
export function listShards(dir: string): string[] {
  const folder = path.join(dir, "shards");
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((f) => /^listing-\d{5}\.ndjson$/.test(f))
    .sort()
    .map((f) => path.join(folder, f));
}

const LISTING_KEY_SET: ReadonlySet<string> = new Set(LISTING_KEYS);
const hasOwn = (o: object, k: string) => Object.hasOwn(o, k);

/**
 * Splits one API object into its listing line (listing keys in LISTING_KEYS order) and its extra keys.
 * Example: `splitListingObject({ id: "a/b", cardData: {}, likes: 1 })` is { listing: { id: "a/b", likes: 1 }, extra: {
 * cardData: {} } }.
 */
export function splitListingObject(item: Record<string, unknown>): {
  listing: Record<string, unknown>;
  extra: Record<string, unknown> | null;
} {
  const listing: Record<string, unknown> = {};
  for (const key of LISTING_KEYS) if (hasOwn(item, key)) listing[key] = item[key];
  let extra: Record<string, unknown> | null = null;
  for (const key of Object.keys(item)) {
    if (LISTING_KEY_SET.has(key)) continue;
    extra ??= {};
    extra[key] = item[key];
  }
  return { listing, extra };
}

/** Appends pages of listing objects to the shards of a crawl folder, from a checkpointed position. */
export class ListingShardWriter {
  private fd = -1;
  private extraFd = -1;

  /**
   * Opens the shard at `position`: truncates it (and its extras) to the checkpointed bytes, so lines
   * written after the last checkpoint are dropped, and removes any later shard.
   */
  constructor(
    readonly dir: string,
    readonly position: ShardPosition,
    private readonly seen: Set<string>,
  ) {
    fs.mkdirSync(path.join(dir, "shards"), { recursive: true });
    for (const file of listShards(dir)) {
      const index = Number(/listing-(\d{5})/.exec(file)![1]);
      if (index > position.shard) {
        fs.rmSync(file);
        fs.rmSync(extraShardPath(dir, index), { force: true });
      }
    }
    this.openCurrent();
  }

  /** Appends one page; returns how many models were written and how many were skipped as already written. */
  appendPage(items: readonly unknown[]): { written: number; duplicates: number } {
    const lines: string[] = [];
    const extras: string[] = [];
    let duplicates = 0;
    for (const item of items) {
      const obj = (item ?? {}) as Record<string, unknown>;
      const id = typeof obj.id === "string" ? obj.id : null;
      if (id !== null) {
        if (this.seen.has(id)) {
          duplicates++;
          continue;
        }
        this.seen.add(id);
      }
      const { listing, extra } = splitListingObject(obj);
      lines.push(JSON.stringify(listing));
      if (extra) extras.push(JSON.stringify({ id, ...extra }));
    }
    if (lines.length > 0) this.position.shardBytes += fs.writeSync(this.fd, Buffer.from(lines.join("\n") + "\n"));
    if (extras.length > 0)
      this.position.extraBytes += fs.writeSync(this.extraFile(), Buffer.from(extras.join("\n") + "\n"));
    this.position.shardModels += lines.length;
    return { written: lines.length, duplicates };
  }

  /** Flushes the written pages to disk (before the checkpoint that counts them is written). */
  sync(): void {
    fs.fsyncSync(this.fd);
    if (this.extraFd >= 0) fs.fsyncSync(this.extraFd);
  }

  /** Starts the next shard. */
  rotate(): void {
    this.close();
    this.position.shard++;
    this.position.shardBytes = 0;
    this.position.extraBytes = 0;
    this.position.shardModels = 0;
    this.openCurrent();
  }

  /** Closes the open files. */
  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    if (this.extraFd >= 0) fs.closeSync(this.extraFd);
    this.fd = this.extraFd = -1;
  }

  private openCurrent(): void {
    const { shard, shardBytes, extraBytes } = this.position;
    truncateTo(shardPath(this.dir, shard), shardBytes, `shard ${shard}`);
    const extra = extraShardPath(this.dir, shard);
    if (fs.existsSync(extra) || extraBytes > 0) truncateTo(extra, extraBytes, `the extras of shard ${shard}`);
    this.fd = fs.openSync(shardPath(this.dir, shard), "a");
  }

  private extraFile(): number {
    if (this.extraFd < 0) this.extraFd = fs.openSync(extraShardPath(this.dir, this.position.shard), "a");
    return this.extraFd;
  }
}

/**
 * The `id` of every line of a listing NDJSON (a shard or a whole listing), in order.
 * Example: `listedModelIds("data/crawl/listing.ndjson").length` is the number of models crawled.
 */
export function listedModelIds(file: string): string[] {
  const ids: string[] = [];
  forEachLine(file, (span) => {
    if (span.end === span.start) return;
    let obj: { id?: unknown };
    try {
      obj = JSON.parse(span.buffer.toString("utf8", span.start, span.end)) as { id?: unknown };
    } catch (e) {
      throw new Error(`acquire/listingShards: ${file}:${span.line}: ${(e as Error).message}`);
    }
    if (typeof obj.id !== "string") throw new Error(`acquire/listingShards: ${file}:${span.line}: no string "id"`);
    ids.push(obj.id);
  });
  return ids;
}

/** Concatenates files into `target` (atomically, through a temporary file); returns the bytes written. */
export function concatFiles(files: readonly string[], target: string): number {
  const tmp = `${target}.${process.pid}.tmp`;
  const out = fs.openSync(tmp, "w");
  const buffer = Buffer.allocUnsafe(8 << 20);
  let total = 0;
  try {
    for (const file of files) {
      const fd = fs.openSync(file, "r");
      try {
        for (let n = fs.readSync(fd, buffer); n > 0; n = fs.readSync(fd, buffer))
          total += fs.writeSync(out, buffer, 0, n);
      } finally {
        fs.closeSync(fd);
      }
    }
    fs.fsyncSync(out);
  } finally {
    fs.closeSync(out);
  }
  fs.renameSync(tmp, target);
  return total;
}

/** How two listing NDJSON files compare, object by object (key order included, spacing ignored). */
export interface ListingComparison {
  lines: [number, number];
  identical: number;
  /** 1-based line of the first difference, or null when the files hold the same objects in the same order. */
  firstDifference: number | null;
}

/**
 * Compares two listing NDJSON files (plain or .gz) line by line as parsed objects.
 * Example: `compareListingFiles("data/crawl/listing.ndjson", "data/sample/listing.ndjson.gz").firstDifference` is null
 * for an exact crawl.
 */
export function compareListingFiles(a: string, b: string): ListingComparison {
  const read = (file: string) =>
    readTextFile(file)
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.stringify(JSON.parse(l)));
  const [left, right] = [read(a), read(b)];
  let identical = 0;
  let firstDifference: number | null = null;
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] === right[i]) identical++;
    else firstDifference ??= i + 1;
  }
  return { lines: [left.length, right.length], identical, firstDifference };
}
