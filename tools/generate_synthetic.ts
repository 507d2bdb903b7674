// Writes a synthetic snapshot to parquet in its own process, so the generator's memory never stays in the caller (a
// notebook's kernel loading DATASET=synthetic-10x for the first time). Run with --expose-gc, which lets each spilled
// chunk's native memory go before the next is built.
// Usage: node --expose-gc --import tsx tools/generate_synthetic.ts <file.parquet> <models> <seed> [maxRowsInMemory
// [chunkSize]] (the last two as in SyntheticOptions; tests use them to spill a small table).
import { writeSyntheticParquet } from "../src/synthetic/generate";

async function main(): Promise<void> {
  const [file, models, seed, maxRows, chunk] = process.argv.slice(2);
  const n = Number(models);
  if (!file || !Number.isSafeInteger(n) || seed === undefined)
    throw new Error("usage: tools/generate_synthetic.ts <file.parquet> <models> <seed> [maxRowsInMemory [chunkSize]]");
  const result = await writeSyntheticParquet(file, {
    n,
    seed: /^\d+$/.test(seed) ? Number(seed) : seed,
    maxRowsInMemory: maxRows === undefined ? undefined : Number(maxRows),
    chunkSize: chunk === undefined ? undefined : Number(chunk),
  });
  console.error(
    `generate_synthetic: wrote ${result.rows.toLocaleString("en-US")} models, ${(result.bytes / 1e6).toFixed(0)} MB, in ${result.seconds.toFixed(0)} s`,
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
