// Plain and gzip-compressed data files behind one interface. The shipped datasets are gzip files
// (data/README.md); a user's folder may hold either form of each file. Decompression streams through
// fflate's synchronous inflater, so a multi-GB .gz listing is read with bounded memory, like a plain one.
import * as fs from "node:fs";
import * as path from "node:path";
import { Gunzip } from "fflate";

/** Bytes read from disk per step when inflating a .gz file. */
const COMPRESSED_BLOCK_BYTES = 1 << 20;

/** A file read front to back: plain bytes, or the inflated bytes of a .gz file. */
export interface ByteSource {
  /** True for a .gz file. */
  readonly compressed: boolean;
  /** Size of the file on disk. */
  readonly size: number;
  /** Bytes of the file on disk read so far. */
  readonly position: number;
  /** Copies up to `length` next bytes into `buffer` at `offset`; 0 at the end. */
  read(buffer: Buffer, offset: number, length: number): number;
  close(): void;
}

/** True when a path names a gzip file (by its ".gz" suffix): `isGzipPath("listing.ndjson.gz")` is true. */
export function isGzipPath(file: string): boolean {
  return file.endsWith(".gz");
}

/** Opens a plain or .gz file for sequential reading: `const s = openByteSource("listing.ndjson.gz")`. */
export function openByteSource(file: string): ByteSource {
  return isGzipPath(file) ? new GzipSource(file) : new PlainSource(file);
}

/**
 * The path of `name` or of `name.gz` inside `folder`, whichever exists (the plain file first), or null.
 * Example: `findDataFile("data/sample", "listing.ndjson")` is "data/sample/listing.ndjson.gz".
 */
export function findDataFile(folder: string, name: string): string | null {
  for (const candidate of [path.join(folder, name), path.join(folder, name + ".gz")])
    if (fs.existsSync(candidate)) return candidate;
  return null;
}

/** The whole text of a plain or .gz UTF-8 file: `readTextFile("data/arxiv/arxiv_all_categories_dict.txt.gz")`. */
export function readTextFile(file: string): string {
  return readBytes(file).toString("utf8");
}

/** The whole content of a plain or .gz file, inflated. Example: `readBytes("cards.ndjson.gz").length`. */
export function readBytes(file: string): Buffer {
  if (!isGzipPath(file)) return fs.readFileSync(file);
  const source = new GzipSource(file);
  const parts: Buffer[] = [];
  try {
    for (;;) {
      const block = Buffer.allocUnsafe(8 << 20);
      const n = source.read(block, 0, block.length);
      if (n === 0) break;
      parts.push(block.subarray(0, n));
    }
  } finally {
    source.close();
  }
  return Buffer.concat(parts);
}

class PlainSource implements ByteSource {
  readonly compressed = false;
  readonly size: number;
  position = 0;
  private readonly fd: number;

  constructor(file: string) {
    this.fd = fs.openSync(file, "r");
    this.size = fs.fstatSync(this.fd).size;
  }

  read(buffer: Buffer, offset: number, length: number): number {
    const n = fs.readSync(this.fd, buffer, offset, length, null);
    this.position += n;
    return n;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

class GzipSource implements ByteSource {
  readonly compressed = true;
  readonly size: number;
  position = 0;
  private readonly fd: number;
  private readonly input = Buffer.allocUnsafe(COMPRESSED_BLOCK_BYTES);
  private readonly inflater: Gunzip;
  /** Inflated chunks not handed out yet; `head` bytes of the first one are already out. */
  private readonly pending: Uint8Array[] = [];
  private head = 0;
  private ended = false;

  constructor(private readonly file: string) {
    this.fd = fs.openSync(file, "r");
    this.size = fs.fstatSync(this.fd).size;
    this.inflater = new Gunzip((chunk) => {
      if (chunk.length > 0) this.pending.push(chunk);
    });
  }

  read(buffer: Buffer, offset: number, length: number): number {
    while (this.pending.length === 0 && !this.ended) this.inflateMore();
    let written = 0;
    while (written < length && this.pending.length > 0) {
      const chunk = this.pending[0];
      const n = Math.min(length - written, chunk.length - this.head);
      buffer.set(chunk.subarray(this.head, this.head + n), offset + written);
      written += n;
      this.head += n;
      if (this.head === chunk.length) {
        this.pending.shift();
        this.head = 0;
      }
    }
    return written;
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private inflateMore(): void {
    const n = fs.readSync(this.fd, this.input, 0, this.input.length, null);
    this.position += n;
    try {
      this.inflater.push(this.input.subarray(0, n), n === 0);
    } catch (error) {
      throw new Error(
        `data/gzipFile: ${this.file}: not a valid gzip file (${(error as Error).message} after ${this.position} bytes)`,
      );
    }
    if (n === 0) this.ended = true;
  }
}
