// The snapshot readers and writers on the real sample (docs/methods.md §2): listing NDJSON + cards, the
// released CSV, the CSV writer (inverse of the reader) and the canonical parquet.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import pl from "nodejs-polars";
import { PARENT_COLUMNS, SNAPSHOT_COLUMNS, SNAPSHOT_SCHEMA, type SnapshotColumn } from "../src/data/schema";
import { FULL_PARQUET } from "../src/acquire/paperDataset";
import { loadDataset } from "../src/datasets";
import { loadSettings } from "../src/settings";
import { readListing } from "../src/data/listing";
import { readReleasedCsv } from "../src/data/releasedCsv";
import { fillerCard, writeReleasedCsv } from "../src/data/releasedCsvWriter";
import { readSnapshotParquet, writeSnapshotParquet } from "../src/data/parquet";
import { measureCard } from "../src/data/cards";
import { LISTING_KEY_BIT, listingKeysFromNulls } from "../src/data/schema";
import { readTextFile } from "../src/data/gzipFile";
import { AUTHORS_CSV_SHA256, SAMPLE_CARDS, SAMPLE_LISTING, SMOLLM2_LISTING, releasedCsvOf } from "./helpers/data";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "data-readers-"));
const quiet = { progress: false };
/**
 * What the released CSV format can carry of a listing table: no `_id`, and key presence only as the API omits nulls.
 */
const asCsvCarries = (t: pl.DataFrame) =>
  t.withColumns(pl.lit(null).cast(pl.Utf8).alias("_id")).withColumns(listingKeysFromNulls().alias("listing_keys"));

function cardsById(): Map<string, string> {
  const lines = readTextFile(SAMPLE_CARDS).trim().split("\n");
  return new Map(lines.map((l) => JSON.parse(l)).map((o) => [o.id, o.card]));
}

function assertSameTable(actual: pl.DataFrame, expected: pl.DataFrame): void {
  assert.deepEqual(actual.columns, expected.columns);
  for (const c of expected.columns)
    assert.ok(actual.getColumn(c).seriesEqual(expected.getColumn(c), true, true), `column ${c} differs`);
  assert.ok(actual.frameEqual(expected, true));
}

test("readListing gives the canonical columns and dtypes in order, in listing order", () => {
  const { table, report, cardsReport } = readListing(SAMPLE_LISTING, SAMPLE_CARDS, quiet);
  assert.deepEqual(table.columns, SNAPSHOT_COLUMNS);
  for (const c of SNAPSHOT_COLUMNS)
    assert.equal(
      String(table.getColumn(c).dtype).replace(/Utf8/g, "String"),
      String(SNAPSHOT_SCHEMA[c]).replace(/Utf8/g, "String"),
      c,
    );
  assert.equal(table.height, 1572);
  assert.equal(report.rowsKept, 1572);
  assert.equal(cardsReport?.rowsKept, 1415);
  assert.equal(cardsReport?.cardsWithoutListedModel, 0);
  const first = table.row(0);
  assert.equal(first[SNAPSHOT_COLUMNS.indexOf("id")], "0x6e676e/generate-context");
  assert.equal(first[SNAPSHOT_COLUMNS.indexOf("author")], "0x6e676e");
  assert.equal((first[SNAPSHOT_COLUMNS.indexOf("createdAt")] as Date).toISOString(), "2025-01-29T08:29:22.000Z");
});

test("readListing reads smollm2 (explicit nulls, no cards): 1042 models, 1041 parent links", () => {
  const { table } = readListing(SMOLLM2_LISTING, undefined, quiet);
  assert.equal(table.height, 1042);
  assert.equal(table.filter(pl.col("_id").isNull()).height, 1042);
  assert.equal(table.filter(pl.col("parent_model").lst.lengths().gt(0)).height, 1041);
  assert.equal(table.filter(pl.col("has_card")).height, 0);
});

for (const rule of ["natural", "paper"] as const) {
  test(`listing+cards and ai_ecosystem_sample.csv give equal tables (missingCard ${rule}; _id is not in the CSV)`, async () => {
    const fromListing = readListing(SAMPLE_LISTING, SAMPLE_CARDS, { ...quiet, missingCard: rule }).table;
    const { table, report } = await readReleasedCsv(releasedCsvOf("sample"), { ...quiet, missingCard: rule });
    assert.equal(report.derivedCellsChecked, 15720);
    assert.equal(report.problems.length, 0);
    assertSameTable(table, asCsvCarries(fromListing));
  });
}

test("smollm2 listing and its released CSV give equal tables (10,420 derived cells checked)", async () => {
  const fromListing = readListing(SMOLLM2_LISTING, undefined, { ...quiet, missingCard: "paper" }).table;
  const { table, report } = await readReleasedCsv(releasedCsvOf("smollm2"), { ...quiet, missingCard: "paper" });
  assert.equal(report.derivedCellsChecked, 10420);
  assertSameTable(table, asCsvCarries(fromListing));
});

for (const dataset of ["sample", "smollm2"] as const) {
  test(`${dataset}: the released CSV derived from the shipped listing is the authors' file byte for byte (sha256)`, () => {
    const sha = crypto
      .createHash("sha256")
      .update(fs.readFileSync(releasedCsvOf(dataset)))
      .digest("hex");
    assert.equal(sha, AUTHORS_CSV_SHA256[dataset]);
  });
}

test("writeReleasedCsv with the real card texts gives the same bytes as writeReleasedCsvOfFolder", () => {
  const cards = cardsById();
  const { table } = readListing(SAMPLE_LISTING, undefined, quiet);
  const out = path.join(tmp, "sample.csv");
  writeReleasedCsv(table, out, { ...quiet, cardText: (_row, id) => cards.get(id) ?? null });
  assert.ok(fs.readFileSync(out).equals(fs.readFileSync(releasedCsvOf("sample"))));
});

test("writeReleasedCsv with filler cards round-trips the whole canonical table (paper rule)", async () => {
  const { table } = readListing(SAMPLE_LISTING, SAMPLE_CARDS, { ...quiet, missingCard: "paper" });
  const out = path.join(tmp, "filler.csv");
  const written = writeReleasedCsv(table, out, quiet);
  assert.equal(written.inexactFillers, 0);
  const back = await readReleasedCsv(out, { ...quiet, missingCard: "paper" });
  assertSameTable(back.table, asCsvCarries(table));
});

test("fillerCard reaches the requested head, length, words and flag", () => {
  const filler = fillerCard("# Model", 12, 4, false);
  assert.deepEqual(filler, { text: "# Model ab b", exact: true });
  const auto = fillerCard("x".repeat(512), 2000, 100, true);
  assert.equal(auto.exact, true);
  assert.deepEqual(measureCard(auto.text), { codePoints: 2000, words: 100 });
  assert.match(auto.text, /generated automatically/);
  assert.equal(fillerCard("abc", 5, 10, false).exact, false); // 10 words cannot fit in 5 characters
});

test("a table with quotes, backslashes, newlines and non-ASCII in tags and cards round-trips through the CSV", async () => {
  const listing = path.join(tmp, "odd.ndjson");
  const rows = [
    {
      id: "org/quote",
      likes: 1,
      downloads: 2,
      tags: ["it's", 'say "x"', "back\\slash", "tab\there", "license:o'k", "dataset:a,b", "é", "\u00a0"],
      createdAt: "2024-01-02T03:04:05.000Z",
    },
    {
      id: "org/plain",
      likes: 0,
      downloads: 0,
      tags: [],
      createdAt: "2024-01-02T03:04:05.000Z",
      trendingScore: 1.5e-5,
      private: true,
    },
  ];
  fs.writeFileSync(listing, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const cards = path.join(tmp, "odd-cards.ndjson");
  fs.writeFileSync(cards, JSON.stringify({ id: "org/quote", card: 'He said "hi",\r\nthen left 😀' }) + "\n");
  const { table } = readListing(listing, cards, quiet);
  const out = path.join(tmp, "odd.csv");
  writeReleasedCsv(table, out, { ...quiet, cardText: (row) => (row === 0 ? 'He said "hi",\r\nthen left 😀' : null) });
  const back = await readReleasedCsv(out, quiet);
  assertSameTable(back.table, asCsvCarries(table));
});

test("writeSnapshotParquet / readSnapshotParquet round-trip the table exactly (zstd) and project columns", () => {
  const { table } = readListing(SAMPLE_LISTING, SAMPLE_CARDS, { ...quiet, missingCard: "paper" });
  const out = path.join(tmp, "snapshot.parquet");
  writeSnapshotParquet(table, out);
  assertSameTable(readSnapshotParquet(out), table);
  assert.deepEqual(readSnapshotParquet(out, ["licenses", "id"]).columns, ["licenses", "id"]);
  assert.throws(() => writeSnapshotParquet(table.drop("tags"), out), /missing column\(s\) tags/);
  assert.throws(
    () => writeSnapshotParquet(table.withColumns(pl.col("likes").cast(pl.Float64)), out),
    /column likes has dtype Float64, expected Int64/,
  );
});

test("a released CSV with only its header reads as an empty canonical table", async () => {
  const file = path.join(tmp, "empty.csv");
  fs.writeFileSync(file, fs.readFileSync(releasedCsvOf("sample"), "utf8").split("\n")[0] + "\n");
  const { table } = await readReleasedCsv(file, quiet);
  assert.equal(table.height, 0);
  assert.deepEqual(table.columns, SNAPSHOT_COLUMNS);
});

test("readListing records which listing keys were present: absent in the sample, explicit nulls in smollm2", () => {
  const has = (t: pl.DataFrame, key: keyof typeof LISTING_KEY_BIT) =>
    (t.getColumn("listing_keys").toArray() as number[]).filter((m) => (m & LISTING_KEY_BIT[key]) !== 0).length;
  const sample = readListing(SAMPLE_LISTING, undefined, quiet).table;
  assert.equal(
    has(sample, "pipeline_tag"),
    sample.filter(pl.col("pipeline_tag").isNotNull()).height,
    "sample: key present only with a value",
  );
  assert.equal(has(sample, "_id"), 1572);
  const smol = readListing(SMOLLM2_LISTING, undefined, quiet).table;
  assert.equal(smol.filter(pl.col("pipeline_tag").isNull()).height, 768);
  assert.equal(has(smol, "pipeline_tag"), 1042, "smollm2: key present with null values");
  assert.equal(has(smol, "library_name"), 1042);
});

test("loadDataset(settings, { columns }) gives those columns of the whole table, from a listing and from a parquet", () => {
  const dataDir = path.join(tmp, "columns");
  fs.mkdirSync(dataDir, { recursive: true });
  // a stored snapshot holds the natural card rule, as `make data` writes it
  writeSnapshotParquet(readListing(SAMPLE_LISTING, SAMPLE_CARDS, quiet).table, path.join(dataDir, FULL_PARQUET));
  const picks: SnapshotColumn[][] = [
    ["card_length_chars", "id"], // the paper's rule rewrites it from has_card and card_head, which are not asked for
    ["id", ...PARENT_COLUMNS, "licenses"],
    ["tags"],
  ];
  for (const settings of [loadSettings({ dataset: "sample" }), loadSettings({ dataDir, dataset: "full" })])
    for (const missingCard of ["paper", "natural"] as const) {
      const whole = loadDataset(settings, { missingCard });
      for (const columns of picks)
        assertSameTable(loadDataset(settings, { missingCard, columns }), whole.select(...columns));
    }
  // the rule changes that column on this sample, so the first pick checks it
  const lengths = (rule: "paper" | "natural") =>
    loadDataset(loadSettings({ dataset: "sample" }), { missingCard: rule, columns: ["card_length_chars"] });
  assert.ok(!lengths("paper").frameEqual(lengths("natural")));
  assert.throws(
    () => loadDataset(loadSettings({ dataset: "sample" }), { columns: ["id", "licence" as SnapshotColumn] }),
    /not a column of the canonical table: licence/,
  );
});
