// Rows of a table held in memory (pl.DataFrame) or streamed from a file (pl.LazyDataFrame, e.g. scanSnapshotParquet),
// read the same way chunk by chunk: what the streaming readers of large corpora (similarity/dna.ts) build on.
import * as v8 from "node:v8";
import * as vm from "node:vm";
import pl from "nodejs-polars";

/** A table in memory, or a lazy scan read a chunk at a time. */
export type TableRows = pl.DataFrame | pl.LazyDataFrame;

/** True for a lazy scan: `isStreamed(pl.scanParquet(file))`. */
export function isStreamed(rows: TableRows): rows is pl.LazyDataFrame {
  return pl.LazyDataFrame.isLazyDataFrame(rows);
}

/** Number of rows (a lazy scan counts them from the file's metadata): `rowCount(models)`. */
export function rowCount(rows: TableRows): number {
  if (!isStreamed(rows)) return rows.height;
  return Number(rows.select(pl.len().alias("rows")).collectSync().getColumn("rows").get(0));
}

/** Rows [offset, offset + n) in memory: `rowSlice(scan, 200_000, 200_000)`. */
export function rowSlice(rows: TableRows, offset: number, n: number): pl.DataFrame {
  return isStreamed(rows) ? rows.slice(offset, n).collectSync() : rows.slice(offset, n);
}

let collectGarbage: (() => void) | undefined;

/**
 * Lets polars free the native memory of frames no longer referenced: a full garbage collection, then a turn of the
 * event loop, where Node runs the native finalizers. A synchronous loop over chunks never yields, so without this every
 * chunk's native memory stays until the loop ends (about 60 MB per 200,000 rows of metadata columns).
 * Example: `for (...) { readChunk(); await releaseNativeMemory(); }`.
 */
export async function releaseNativeMemory(): Promise<void> {
  // NOTE: `gc` is a global only under --expose-gc; the flag set at run time gives it to a fresh context.
  collectGarbage ??=
    (globalThis as { gc?: () => void }).gc ??
    (v8.setFlagsFromString("--expose-gc"), vm.runInNewContext("gc") as () => void);
  collectGarbage();
  await new Promise((resolve) => setImmediate(resolve));
}
