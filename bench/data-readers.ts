// Throughput of the snapshot data layer at full scale (docs/methods.md §2.2: 1,860,411 models, 5.2 GB CSV).
// Builds a released-format CSV of ROWS models by replicating the real sample (listing + cards, ids
// suffixed "-r<k>"), then times readReleasedCsv (MB/s, peak RSS) and deriveFromTags on the result.
// Usage: npx tsx bench/data-readers.ts [rows=1860411] [csv=data/bench/released.csv] [--keep]
import * as fs from "node:fs";
import * as path from "node:path";
import pl from "nodejs-polars";
import { loadSettings } from "../src/settings";
import { listingFiles } from "../src/datasets";
import { readCardTexts, readListing } from "../src/data/listing";
import { readReleasedCsv } from "../src/data/releasedCsv";
import { writeReleasedCsv } from "../src/data/releasedCsvWriter";
import { deriveFromTags } from "../src/data/tags";

function replicatedTable(base: pl.DataFrame, rows: number): pl.DataFrame {
  const copies = Math.ceil(rows / base.height);
  const parts = Array.from({ length: copies }, (_, k) =>
    base.withColumns(
      pl
        .col("id")
        .add(pl.lit(`-r${k}`))
        .alias("id"),
    ),
  );
  return pl.concat(parts, { rechunk: true, how: "vertical" }).slice(0, rows);
}

function peakRssGb(): string {
  return (process.resourceUsage().maxRSS / 1e6).toFixed(2);
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_860_411);
  const settings = loadSettings();
  const csvPath = path.resolve(process.argv[3] ?? path.join(settings.dataDir, "bench", "released.csv"));
  fs.mkdirSync(path.dirname(csvPath), { recursive: true });
  const sample = listingFiles(loadSettings({ dataset: "sample" }));
  const base = readListing(sample.listing, undefined, { progress: false }).table;
  const cards = readCardTexts(sample.cards!);
  const table = replicatedTable(base, rows);
  const written = writeReleasedCsv(table, csvPath, {
    cardText: (_row, id) => cards.get(id.replace(/-r\d+$/, "")) ?? null,
  });
  console.log(
    `write: ${rows} rows, ${(written.bytes / 1e9).toFixed(2)} GB in ${written.seconds.toFixed(1)} s (${(written.bytes / 1e6 / written.seconds).toFixed(0)} MB/s)`,
  );

  const rssBefore = peakRssGb();
  const { table: read, report } = await readReleasedCsv(csvPath, { missingCard: "paper" });
  console.log(
    `readReleasedCsv: ${report.rowsKept} rows, ${(report.bytes / 1e9).toFixed(2)} GB in ${report.seconds.toFixed(1)} s = ${report.mbPerSecond.toFixed(0)} MB/s; ` +
      `derived cells checked ${report.derivedCellsChecked}; peak RSS ${peakRssGb()} GB (before the read ${rssBefore} GB)`,
  );

  const t0 = Date.now();
  const derived = deriveFromTags(read.select("tags"));
  console.log(
    `deriveFromTags: ${derived.height} rows, ${read.select(pl.col("tags").lst.lengths().sum()).row(0)[0]} tags in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  if (!process.argv.includes("--keep")) fs.rmSync(csvPath);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
