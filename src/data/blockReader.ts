// Sequential block reading of multi-GB snapshot files with bounded memory (docs/methods.md §2.2: the
// released CSV is 5.2 GB, a Hub listing of 2M models is ~1 GB of NDJSON). The parsers consume
// `buffer[start, end)`; whatever they leave is moved to the front before the next read.
// A file whose name ends in ".gz" is decompressed on the fly (gzipFile.ts), block by block.
import { isUtf8 } from "node:buffer";
import { openByteSource, type ByteSource } from "./gzipFile";

/** Default block size: 8 MiB. */
export const DEFAULT_BLOCK_BYTES = 8 << 20;

/** A file read block by block; `buffer[start, end)` holds the bytes not consumed yet. */
export class BlockReader {
  buffer: Buffer;
  start = 0;
  end = 0;
  eof = false;
  /** File offset of buffer[0]. */
  private bufferOffset = 0;
  /** buffer[0, validUntil) is known to be valid UTF-8; buffer[validUntil, checkedUntil) failed as a whole. */
  private validUntil = 0;
  private checkedUntil = 0;
  private readonly source: ByteSource;

  constructor(
    readonly path: string,
    blockBytes = DEFAULT_BLOCK_BYTES,
  ) {
    this.source = openByteSource(path);
    this.buffer = Buffer.allocUnsafe(blockBytes);
  }

  /** Size of the file on disk (compressed size for a .gz file), for progress lines. */
  get size(): number {
    return this.source.size;
  }

  /** Bytes of the file on disk read so far: the offset of buffer[start] for a plain file, compressed bytes for .gz. */
  get consumed(): number {
    return this.source.compressed ? this.source.position : this.bufferOffset + this.start;
  }

  /**
   * Reads more bytes after `end`, first moving `[start, end)` to the front (and doubling the buffer
   * when that tail fills it). Returns false when the file has no more bytes.
   */
  fill(): boolean {
    if (this.eof) return false;
    this.compact();
    if (this.end === this.buffer.length) this.grow();
    const n = this.source.read(this.buffer, this.end, this.buffer.length - this.end);
    if (n === 0) {
      this.eof = true;
      return false;
    }
    this.end += n;
    return true;
  }

  /**
   * True when `buffer[start, end)` is valid UTF-8. NOTE: validates whole blocks up to their last
   * line end in one native call, so a typical record costs no call (and no subarray) at all.
   */
  isUtf8(start: number, end: number): boolean {
    if (end <= this.validUntil) return true;
    if (this.checkedUntil <= this.validUntil || end > this.checkedUntil) {
      const limit = this.eof ? this.end : this.buffer.lastIndexOf(10, this.end - 1) + 1;
      if (limit > this.validUntil && isUtf8(this.buffer.subarray(this.validUntil, limit))) this.validUntil = limit;
      this.checkedUntil = Math.max(limit, this.validUntil);
      if (end <= this.validUntil) return true;
    }
    return isUtf8(this.buffer.subarray(start, end));
  }

  /** Closes the file. */
  close(): void {
    this.source.close();
  }

  private compact(): void {
    if (this.start === 0) return;
    this.buffer.copy(this.buffer, 0, this.start, this.end);
    this.bufferOffset += this.start;
    this.validUntil = Math.max(0, this.validUntil - this.start);
    this.checkedUntil = Math.max(0, this.checkedUntil - this.start);
    this.end -= this.start;
    this.start = 0;
  }

  private grow(): void {
    const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
    this.buffer.copy(bigger, 0, 0, this.end);
    this.buffer = bigger;
  }
}

/** One line of a text file: bytes `buffer[start, end)` without the line terminator. */
export interface LineSpan {
  buffer: Buffer;
  start: number;
  end: number;
  line: number; // 1-based
  terminated: boolean; // false only for a last line without "\n"
}

/**
 * Calls `onLine` for each line of a file (terminator "\n" or "\r\n"), streaming block by block.
 * Example: `forEachLine("listing.ndjson", (l) => JSON.parse(l.buffer.toString("utf8", l.start, l.end)))`.
 */
export function forEachLine(
  path: string,
  onLine: (line: LineSpan, reader: BlockReader) => void,
  blockBytes?: number,
): void {
  const reader = new BlockReader(path, blockBytes);
  let line = 0;
  try {
    while (reader.fill() || reader.start < reader.end) {
      const { buffer } = reader;
      for (;;) {
        const nl = buffer.indexOf(10, reader.start);
        if (nl < 0 || nl >= reader.end) break;
        const end = nl > reader.start && buffer[nl - 1] === 13 ? nl - 1 : nl;
        onLine({ buffer, start: reader.start, end, line: ++line, terminated: true }, reader);
        reader.start = nl + 1;
      }
      if (reader.eof && reader.start < reader.end) {
        onLine({ buffer, start: reader.start, end: reader.end, line: ++line, terminated: false }, reader);
        reader.start = reader.end;
      }
      if (reader.eof) break;
    }
  } finally {
    reader.close();
  }
}
