// Streaming RFC-4180 record scanner for the paper's released CSV (docs/methods.md §2.2-2.3: pandas
// `to_csv` output, "," separator, '"' quoting with doubled quotes, "\n" line ends, fields with
// newlines quoted). Works on bytes: a record is a list of byte ranges; callers decode only the
// fields they need. NOTE: quoted fields are scanned with Buffer.indexOf (native memchr), so the
// multi-kB card fields cost almost nothing to skip over.
import type { BlockReader } from "./blockReader";

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Upper bound on fields per record (the released CSV has 23; its derived file 26). */
export const MAX_CSV_FIELDS = 256;

/** One record: field k is `buffer[starts[k], ends[k])`, quoted when `flags[k] & QUOTED`. */
export interface CsvRecord {
  buffer: Buffer;
  fieldCount: number;
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  line: number; // 1-based line where the record starts
  start: number; // byte range of the whole record in `buffer`, terminator excluded
  end: number;
}

/** Field was quoted. */
export const QUOTED = 1;
/** Quoted field contains doubled quotes ("") to undo. */
export const HAS_DOUBLED_QUOTES = 2;
/** Unquoted field contains a '"' (kept as data, as pandas does). */
export const STRAY_QUOTE = 4;

/** A record the scanner could not read; scanning resumes on the next line. */
export interface CsvSyntaxProblem {
  kind: "unterminated-quote" | "malformed-row" | "truncated";
  line: number;
  message: string;
}

const INCOMPLETE = -1;
const UNTERMINATED = -2;

/** Scans records one at a time from a BlockReader, keeping line numbers. */
export class CsvRecordScanner {
  private line = 1;
  private readonly record: CsvRecord;
  private problem: CsvSyntaxProblem | null = null;

  constructor(private readonly reader: BlockReader) {
    this.record = {
      buffer: reader.buffer,
      fieldCount: 0,
      line: 0,
      start: 0,
      end: 0,
      starts: new Int32Array(MAX_CSV_FIELDS),
      ends: new Int32Array(MAX_CSV_FIELDS),
      flags: new Uint8Array(MAX_CSV_FIELDS),
    };
  }

  /**
   * The next record, a syntax problem (the bad record is skipped), or null at the end of the file.
   * The record's buffer is only valid until the next call.
   */
  next(): CsvRecord | CsvSyntaxProblem | null {
    const r = this.reader;
    for (;;) {
      if (r.start >= r.end && !r.fill()) return null;
      const next = this.scan(r.buffer, r.start, r.end, r.eof);
      if (next !== INCOMPLETE) {
        r.start = next;
        const problem = this.problem;
        this.problem = null;
        return problem ?? this.record;
      }
      if (!r.fill()) r.eof = true; // retry with eof set: the last record has no terminator
    }
  }

  /** Scans one record from `start`; returns the offset after it, or INCOMPLETE when more bytes are needed. */
  private scan(buf: Buffer, start: number, end: number, eof: boolean): number {
    const rec = this.record;
    let p = start;
    let f = 0;
    let newlines = 0;
    let malformed = "";
    for (;;) {
      if (f === MAX_CSV_FIELDS) malformed ||= `more than ${MAX_CSV_FIELDS} fields`;
      const k = Math.min(f, MAX_CSV_FIELDS - 1);
      if (p < end && buf[p] === QUOTE) {
        const close = this.closingQuote(buf, p + 1, end, eof);
        if (close === INCOMPLETE) return INCOMPLETE;
        if (close === UNTERMINATED)
          return this.fail("unterminated-quote", "quoted field runs to the end of the file", end, newlines);
        rec.starts[k] = p + 1;
        rec.ends[k] = close;
        rec.flags[k] = QUOTED | (this.doubledSeen ? HAS_DOUBLED_QUOTES : 0);
        newlines += countNewlines(buf, p + 1, close);
        p = close + 1;
        if (p < end && buf[p] !== COMMA && buf[p] !== LF && buf[p] !== CR) {
          malformed ||= "text after a closing quote";
          while (p < end && buf[p] !== COMMA && buf[p] !== LF) p++;
        }
      } else {
        let q = p;
        let stray = 0;
        for (; q < end; q++) {
          const c = buf[q];
          if (c === COMMA || c === LF) break;
          if (c === QUOTE) stray = STRAY_QUOTE;
        }
        rec.starts[k] = p;
        rec.ends[k] = q < end && buf[q] === LF && q > p && buf[q - 1] === CR ? q - 1 : q;
        rec.flags[k] = stray;
        p = q;
      }
      f++;
      if (p >= end) {
        if (!eof) return INCOMPLETE;
        this.setRecord(buf, start, end, f, newlines);
        this.problem = { kind: "truncated", line: rec.line, message: "last record has no line end (file cut off?)" };
        return end;
      }
      const c = buf[p];
      if (c === COMMA) {
        p++;
        continue;
      }
      if (c === CR && p + 1 >= end && !eof) return INCOMPLETE;
      const terminator = c === LF ? 1 : c === CR && p + 1 < end && buf[p + 1] === LF ? 2 : 0;
      if (terminator === 0) {
        malformed ||= "carriage return after a closing quote";
        p++;
        continue;
      }
      this.setRecord(buf, start, p, f, newlines);
      if (malformed) this.problem = { kind: "malformed-row", line: rec.line, message: malformed };
      return p + terminator;
    }
  }

  /** Whether the last closingQuote call skipped a '""' pair. */
  private doubledSeen = false;

  /**
   * Offset of the quote closing a quoted field whose text starts at `from` ('""' pairs are skipped),
   * UNTERMINATED at the end of the file without one, or INCOMPLETE when more bytes are needed.
   */
  private closingQuote(buf: Buffer, from: number, end: number, eof: boolean): number {
    this.doubledSeen = false;
    for (let q = from; ; ) {
      const k = buf.indexOf(QUOTE, q);
      if (k < 0 || k >= end) return eof ? UNTERMINATED : INCOMPLETE;
      if (k + 1 >= end && !eof) return INCOMPLETE;
      if (k + 1 < end && buf[k + 1] === QUOTE) {
        this.doubledSeen = true;
        q = k + 2;
        continue;
      }
      return k;
    }
  }

  private setRecord(buf: Buffer, start: number, end: number, fieldCount: number, newlines: number): void {
    const rec = this.record;
    rec.buffer = buf;
    rec.start = start;
    rec.end = end;
    rec.fieldCount = fieldCount;
    rec.line = this.line;
    this.line += newlines + 1;
  }

  /** Records a syntax problem of the record starting on the current line; returns `resume`. */
  private fail(kind: CsvSyntaxProblem["kind"], message: string, resume: number, newlines: number): number {
    this.problem = { kind, line: this.line, message };
    this.line += newlines + 1;
    return resume;
  }
}

function countNewlines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let k = buf.indexOf(LF, from); k >= 0 && k < to; k = buf.indexOf(LF, k + 1)) n++;
  return n;
}

/** Decodes field `k` of a record as UTF-8, undoing doubled quotes. */
export function fieldText(rec: CsvRecord, k: number): string {
  const text = rec.buffer.toString("utf8", rec.starts[k], rec.ends[k]);
  return rec.flags[k] & HAS_DOUBLED_QUOTES ? text.replace(/""/g, '"') : text;
}

/**
 * Python's QUOTE_MINIMAL: quote a field holding ",", '"', "\n" or "\r", doubling quotes. (CPython's
 * csv with lineterminator "\n" leaves a lone "\r" unquoted, which pandas cannot read back; this quotes it.)
 */
export function csvField(value: string): string {
  if (!/[",\n\r]/.test(value)) return value;
  return '"' + value.replace(/"/g, '""') + '"';
}
