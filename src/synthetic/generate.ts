// A calibrated synthetic Hugging Face ecosystem in the canonical snapshot schema (schema.ts).
//
// It exists for scale tests (the benchmark runs every stage on 1.86M synthetic models) and for
// testing hypotheses on a population whose mechanisms are known. It is NOT the paper's data: ids,
// card text and most per-model values are invented. Its marginals are calibrated to the paper's
// (synthetic-calibration.ts cites the docs/methods.md section of every number): edge counts per relation
// (§3.2), the top-parent table and children-with-children rates (§3.2, §5), license, language, task and
// library frequencies (§5 F-summary, data/reference/paper-key-stats.json), the createdAt histogram (§5), card presence,
// length and auto-generated shares (§5 F-cardlength), and drift along edges in the paper's directions
// (§4.3, §6). synthetic-check.ts measures all of these back from a table.
//
// Deterministic: the same (n, seed) gives the same table, whatever the chunk size.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import pl from "nodejs-polars";
import { releaseNativeMemory } from "../data/rows";
import { PAPER_MODEL_COUNT } from "../paper";
import { buildSyntheticFrame, syntheticFrameSource } from "./frame";
import { planSynthetic } from "./plan";

/**
 * Named sizes: `demo` generates in about a second (offline notebooks); `full` is the paper's 1,860,411; `10x` is ten
 * times that (18,604,110), for headroom tests of a future Hub.
 */
export const SYNTHETIC_SIZES = { demo: 20_000, full: PAPER_MODEL_COUNT, "10x": 10 * PAPER_MODEL_COUNT } as const;

/** Options of the synthetic generator. */
export interface SyntheticOptions {
  /** Number of models [1,860,411]. */
  n?: number;
  /** Seed of every random step [1]. */
  seed?: number | string;
  /** Rows built at a time; bounds the transient memory of building strings [250,000]. */
  chunkSize?: number;
  /** writeSyntheticParquet keeps at most this many finished rows in memory, else spills chunks to disk [2,500,000]. */
  maxRowsInMemory?: number;
}

const DEFAULT_CHUNK = 250_000;
/** zstd level of the written parquet. */
const ZSTD_LEVEL = 1;
/** About 0.65 KB per finished row in polars, so the default keeps at most ~1.6 GB of finished chunks. */
const DEFAULT_MAX_ROWS_IN_MEMORY = 2_500_000;

/** Row ranges [start, end) of at most `chunk` rows covering [0, n). */
function chunks(n: number, chunk: number): [number, number][] {
  const size = Math.max(1, Math.floor(chunk));
  const out: [number, number][] = [];
  for (let start = 0; start < n; start += size) out.push([start, Math.min(n, start + size)]);
  return out;
}

/**
 * A calibrated synthetic snapshot as one DataFrame in the canonical schema, for scale tests and for
 * testing hypotheses; it is not the paper's data (its marginals are calibrated to the paper's).
 * Example: `generateSyntheticSnapshot({ n: SYNTHETIC_SIZES.demo, seed: settings.seed })`.
 */
export function generateSyntheticSnapshot(options: SyntheticOptions = {}): pl.DataFrame {
  const { n = SYNTHETIC_SIZES.full, seed = 1, chunkSize = DEFAULT_CHUNK } = options;
  const source = syntheticFrameSource(planSynthetic(n, seed));
  const frames = chunks(n, chunkSize).map(([start, end]) => buildSyntheticFrame(source, start, end));
  return frames.length === 1 ? frames[0] : pl.concat(frames, { how: "vertical", rechunk: true });
}

/** What writeSyntheticParquet wrote. */
export interface SyntheticWriteResult {
  path: string;
  rows: number;
  bytes: number;
  seconds: number;
  /** True when finished chunks were spilled to disk (n > maxRowsInMemory). */
  spilled: boolean;
}

/**
 * Writes the synthetic snapshot to one zstd parquet file, built `chunkSize` rows at a time and streamed into the file
 * by polars' sink. Peak memory is bounded: at most `maxRowsInMemory` finished rows are held; beyond that each finished
 * chunk is spilled to an Arrow IPC file in a temp folder (a row group of the output) and its memory released before
 * the next is built. The file is replaced atomically. Run with `node --expose-gc` at 18.6M models to keep the peak
 * near the plan's size. Example: `await writeSyntheticParquet("data/synthetic-full.parquet", { seed: 1 })`.
 */
export async function writeSyntheticParquet(
  file: string,
  options: SyntheticOptions = {},
): Promise<SyntheticWriteResult> {
  const t0 = performance.now();
  const {
    n = SYNTHETIC_SIZES.full,
    seed = 1,
    chunkSize = DEFAULT_CHUNK,
    maxRowsInMemory = DEFAULT_MAX_ROWS_IN_MEMORY,
  } = options;
  const source = syntheticFrameSource(planSynthetic(n, seed));
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const spill = n > maxRowsInMemory;
  const spillDir = spill ? fs.mkdtempSync(path.join(os.tmpdir(), "synthetic-chunks-")) : "";
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const parts: pl.LazyDataFrame[] = [];
    for (const [k, [start, end]] of chunks(n, chunkSize).entries()) {
      const frame = buildSyntheticFrame(source, start, end);
      if (!spill) {
        parts.push(frame.lazy());
        continue;
      }
      const part = path.join(spillDir, `chunk-${String(k).padStart(5, "0")}.arrow`);
      frame.writeIPC(part);
      parts.push(pl.scanIPC(part));
      await releaseNativeMemory();
    }
    // NOTE: one streaming sink encodes every chunk once (writing zstd parts and merging them encodes
    // twice); zstd level 1 writes 15-30% faster than the default and the file is no larger here.
    pl.concat(parts)
      .sinkParquet(tmp, { compression: "zstd", compressionLevel: ZSTD_LEVEL, maintainOrder: true })
      .collectSync();
    fs.renameSync(tmp, file);
  } finally {
    if (spill) fs.rmSync(spillDir, { recursive: true, force: true });
    fs.rmSync(tmp, { force: true });
  }
  return {
    path: file,
    rows: n,
    bytes: fs.statSync(file).size,
    seconds: (performance.now() - t0) / 1000,
    spilled: spill,
  };
}
