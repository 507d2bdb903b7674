// Reader of the paper's released CSV, `modelbiome/ai_ecosystem_withmodelcards` (docs/methods.md §2.2-2.3):
// an unnamed pandas index column, then model_id, likes, trendingScore, private, downloads, tags,
// pipeline_tag, library_name, createdAt, the ten tag-derived list columns, modelCard,
// ratelimit_retries, exception_raised. Lists are Python reprs. Streams the file (5.2 GB for the full
// snapshot) with bounded memory, reduces each card on the way (cards.ts), recomputes the derived
// columns from `tags` (tags.ts) and checks them against the file's own (releasedCsvPlan.ts).
// NOTE: the main thread only finds records, checks UTF-8 and measures cards; polars parses the other
// fields (sideCsv.ts), and each chunk's plan runs with `collect()` on libuv's thread pool while the
// main thread reads the next chunk, so both cores work at once; hence the reader is async.
import * as path from "node:path";
import type pl from "nodejs-polars";
import { BlockReader } from "./blockReader";
import type { CardOptions } from "./cards";
import { CsvRecordScanner, fieldText, type CsvRecord } from "./csvRecords";
import { ProblemLog, type ReadReport } from "./problems";
import { Progress } from "./progress";
import { releasedChunkPlan, settleReleasedChunk } from "./releasedCsvPlan";
import { SIDE_COLUMNS, SideCsvBuilder, type SideChunk } from "./sideCsv";
import { concatChunks, selectCanonical } from "./snapshotRows";
import { firstInvalidUtf8Offset } from "./utf8";

const SCOPE = "data/releasedCsv";
const DEFAULT_CHUNK_ROWS = 50_000;

/** The 22 named columns of the released CSV, in file order (after the unnamed index column). */
export const RELEASED_CSV_COLUMNS = [...SIDE_COLUMNS, "modelCard", "ratelimit_retries", "exception_raised"] as const;

/** Columns the reader needs; the index column, ratelimit_retries and exception_raised are optional. */
export const REQUIRED_CSV_COLUMNS: readonly string[] = RELEASED_CSV_COLUMNS.filter(
  (c) => c !== "ratelimit_retries" && c !== "exception_raised",
);

/** Options of readReleasedCsv. */
export interface ReleasedCsvReadOptions extends CardOptions {
  /** Skip and count bad rows (and list derived-column mismatches) instead of throwing (default false). */
  lenient?: boolean;
  /** Compare the file's derived columns with those recomputed from tags (default true). */
  checkDerived?: boolean;
  /** Progress lines on stderr for long reads (default true). */
  progress?: boolean;
  /** Rows per polars chunk (default 50,000). */
  chunkRows?: number;
}

/** A canonical table and what the read met. */
export interface ReleasedCsvReadResult {
  table: pl.DataFrame;
  report: ReadReport & { derivedCellsChecked: number };
}

/**
 * Reads a released-format CSV into the canonical table (file order). An empty modelCard field is a
 * missing card (the CSV cannot tell it from an empty card). `_id` is null: the format has none.
 * Example: `const { table, report } = await readReleasedCsv("hf-data/ai_ecosystem_sample.csv", { missingCard: "paper"
 * })`.
 */
export async function readReleasedCsv(
  csvPath: string,
  options: ReleasedCsvReadOptions = {},
): Promise<ReleasedCsvReadResult> {
  const log = new ProblemLog(SCOPE, csvPath, options.lenient ?? false);
  const reader = new BlockReader(csvPath);
  const progress = new Progress(SCOPE, path.basename(csvPath), reader.size, options.progress ?? true);
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
  const pipeline = new ChunkPipeline(log, options.checkDerived ?? true);
  let rowsRead = 0;
  try {
    const scanner = new CsvRecordScanner(reader);
    const header = readHeader(scanner, log, csvPath);
    const rows = new SideCsvBuilder(header.sideFields, header.get("modelCard")!, {
      missingCard: options.missingCard ?? "natural",
    });
    for (let rec = scanner.next(); rec !== null; rec = scanner.next()) {
      if (!("fieldCount" in rec)) {
        rowsRead++;
        log.add(rec.kind, rec.line, rec.message);
        continue;
      }
      if (isBlankRecord(rec)) continue;
      rowsRead++;
      if (isAcceptable(rec, header, reader, log)) rows.push(rec);
      if (rows.length >= chunkRows) await pipeline.launch(rows.take());
      if ((rowsRead & 0x3fff) === 0) progress.update(rowsRead, reader.consumed);
    }
    if (rows.length > 0 || pipeline.isEmpty) await pipeline.launch(rows.take());
    await pipeline.drain();
  } catch (e) {
    await pipeline.drain(); // an earlier line's problem, still in flight, is reported first
    throw e;
  } finally {
    reader.close();
  }
  const table = selectCanonical(concatChunks(pipeline.chunks, log));
  progress.finish(rowsRead, reader.size);
  const report = log.report({ rowsRead, rowsKept: table.height, bytes: reader.size, seconds: progress.seconds });
  return { table, report: { ...report, derivedCellsChecked: pipeline.cellsChecked } };
}

/** Runs each chunk's polars plan off the main thread, one chunk in flight, and settles results in order. */
class ChunkPipeline {
  readonly chunks: pl.DataFrame[] = [];
  cellsChecked = 0;
  private inFlight: { result: Promise<pl.DataFrame>; side: SideChunk } | null = null;

  constructor(
    private readonly log: ProblemLog,
    private readonly checkDerived: boolean,
  ) {}

  get isEmpty(): boolean {
    return this.chunks.length === 0 && this.inFlight === null;
  }

  /** Starts a chunk's plan, after settling the previous one. */
  async launch(side: SideChunk): Promise<void> {
    const result = releasedChunkPlan(side.plan, this.checkDerived).collect();
    result.catch(() => undefined); // rejections surface in drain()
    await this.drain();
    this.inFlight = { result, side };
  }

  /** Waits for the chunk in flight and settles it (logs its problems). */
  async drain(): Promise<void> {
    const job = this.inFlight;
    if (!job) return;
    this.inFlight = null;
    let planned: pl.DataFrame;
    try {
      planned = await job.result;
    } finally {
      job.side.dispose();
    }
    if (planned.height !== job.side.rows)
      throw new Error(`${SCOPE}: polars read ${planned.height} rows of a chunk of ${job.side.rows}`);
    const { chunk, cellsChecked } = settleReleasedChunk(planned, this.log, this.checkDerived);
    this.cellsChecked += cellsChecked;
    this.chunks.push(chunk);
  }
}

/** Column name -> field index, from the header record. */
type Header = ReadonlyMap<string, number> & { fieldCount: number; sideFields: readonly number[] };

function readHeader(scanner: CsvRecordScanner, log: ProblemLog, csvPath: string): Header {
  const rec = scanner.next();
  if (rec === null) log.fatal("truncated", 1, "empty file: no header");
  if (!("fieldCount" in rec)) log.fatal(rec.kind, rec.line, `header: ${rec.message}`);
  const names = Array.from({ length: rec.fieldCount }, (_, k) => fieldText(rec, k).replace(/^\ufeff/, ""));
  const header = new Map(names.map((n, k) => [n, k])) as Map<string, number> & {
    fieldCount: number;
    sideFields: number[];
  };
  const missing = REQUIRED_CSV_COLUMNS.filter((c) => !header.has(c));
  if (missing.length > 0)
    log.fatal("missing-column", 1, `missing required column(s) ${missing.join(", ")} in ${path.basename(csvPath)}`);
  header.fieldCount = rec.fieldCount;
  header.sideFields = SIDE_COLUMNS.map((c) => header.get(c)!);
  return header;
}

/** Field count and UTF-8 checks of a record; a problem is logged and gives false. */
function isAcceptable(rec: CsvRecord, header: Header, reader: BlockReader, log: ProblemLog): boolean {
  if (rec.fieldCount !== header.fieldCount) {
    log.add("field-count", rec.line, `expected ${header.fieldCount} fields, found ${rec.fieldCount}`);
    return false;
  }
  if (reader.isUtf8(rec.start, rec.end)) return true;
  reportInvalidUtf8(rec, header, log);
  return false;
}

/** True for the empty line pandas skips (one empty unquoted field). */
function isBlankRecord(rec: CsvRecord): boolean {
  return rec.fieldCount === 1 && rec.ends[0] === rec.starts[0] && rec.flags[0] === 0;
}

function reportInvalidUtf8(rec: CsvRecord, header: Header, log: ProblemLog): void {
  for (const [name, k] of header) {
    const offset = firstInvalidUtf8Offset(rec.buffer.subarray(rec.starts[k], rec.ends[k]));
    if (offset >= 0)
      return log.add("invalid-utf8", rec.line, `invalid UTF-8 at byte ${offset + 1} of the field`, {
        column: name || "(index)",
      });
  }
  log.add("invalid-utf8", rec.line, "invalid UTF-8 between fields");
}
