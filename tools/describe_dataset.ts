// Before any notebook runs: checks the settings and prints which data the run uses, where it comes from and how big
// it is. A setting that names something missing ends here, in a second, with one line and exit code 2.
// Usage: node --import tsx tools/describe_dataset.ts
import * as fs from "node:fs";
import * as path from "node:path";
import pl from "nodejs-polars";
import { FULL_PARQUET } from "../src/acquire/paperDataset";
import { describeDataset, listingFiles, syntheticSnapshotPath, storedSyntheticSize } from "../src/datasets";
import { forEachLine } from "../src/data/blockReader";
import { SYNTHETIC_SIZES } from "../src/synthetic/generate";
import { loadSettings, pathFromRoot, type Settings } from "../src/settings";

/** Lines of a plain or .gz NDJSON file that are not blank. */
function countLines(file: string): number {
  let n = 0;
  forEachLine(file, (line) => {
    if (line.end > line.start) n++;
  });
  return n;
}

/** How big the run's dataset is, without building its table. */
function sizeOf(settings: Settings): string {
  const count = (n: number) => n.toLocaleString("en-US");
  switch (settings.dataset) {
    case "demo":
      return `${count(SYNTHETIC_SIZES.demo)} models`;
    case "simulated":
      return `${count(settings.simulation.n)} models`;
    case "synthetic-full":
    case "synthetic-10x": {
      const size = storedSyntheticSize(settings.dataset)!;
      const file = syntheticSnapshotPath(settings, size);
      return fs.existsSync(file)
        ? `${count(pl.scanParquet(file).select(pl.len()).collectSync().getColumn("len").get(0))} models`
        : `${count(SYNTHETIC_SIZES[size])} models, generated on first use (${size === "full" ? "about a minute" : "a few minutes"})`;
    }
    case "full": {
      const file = path.join(settings.dataDir, FULL_PARQUET);
      if (!fs.existsSync(file))
        throw new Error(
          `DATASET=full needs ${pathFromRoot(settings, file)}; run \`make data\` first (5.2 GB download)`,
        );
      return `${count(pl.scanParquet(file).select(pl.len()).collectSync().getColumn("len").get(0))} models`;
    }
    default: {
      const { listing, cards } = listingFiles(settings);
      return `${count(countLines(listing))} models, ${cards ? count(countLines(cards)) + " cards" : "no cards"}`;
    }
  }
}

try {
  const settings = loadSettings();
  const about = describeDataset(settings);
  const reference = settings.reference ? pathFromRoot(settings, settings.reference) : "none for this dataset";
  console.log(
    `dataset ${about.label}\n  read from ${about.source}; ${sizeOf(settings)}\n` +
      `  reference results: ${reference}; figures and stats -> ${pathFromRoot(settings, settings.figuresDir)}/`,
  );
} catch (error) {
  console.error(`make figures: ${(error as Error).message}`);
  process.exit(2);
}
