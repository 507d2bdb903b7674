// Bad input for the snapshot readers (src/data/problems.ts): each case is a clear error naming the
// file, the line and the column or model id; with { lenient: true } a counted skip in the report.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readReleasedCsv, RELEASED_CSV_COLUMNS } from "../src/data/releasedCsv";
import { readListing } from "../src/data/listing";
import { DataError, type ProblemKind } from "../src/data/problems";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "data-bad-input-"));
const quiet = { progress: false };

function writeFixture(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

/** One released-CSV record; `card` spans two lines by default so line numbers are tested across it. */
function csvRow(index: number, id: string, over: Partial<Record<string, string>> = {}): string {
  const base: Record<string, string> = {
    model_id: id,
    likes: "1",
    trendingScore: "",
    private: "False",
    downloads: "2",
    tags: `"['license:mit', 'en', 'base_model:org/p', 'base_model:finetune:org/p']"`,
    pipeline_tag: "",
    library_name: "peft",
    createdAt: "2025-01-13T23:24:38.000Z",
    regions: "[]",
    licenses: "['mit']",
    arxiv_papers: "[]",
    datasets: "[]",
    parent_model: "['org/p']",
    finetune_parent: "['org/p']",
    quantized_parent: "[]",
    adapter_parent: "[]",
    merge_parent: "[]",
    languages: "['English']",
    modelCard: `"# Card of ${id}\nsecond line"`,
    ratelimit_retries: "0.0",
    exception_raised: "",
  };
  return [String(index), ...RELEASED_CSV_COLUMNS.map((c) => over[c] ?? base[c])].join(",") + "\n";
}

const HEADER = "," + RELEASED_CSV_COLUMNS.join(",") + "\n";
// Lines: header 1; row a 2-3; row b 4-5; row c 6-7.
const goodRows = [csvRow(0, "org/a"), csvRow(1, "org/b"), csvRow(2, "org/c")];

function csvWith(rowB: string, rowC = goodRows[2]): string {
  return HEADER + goodRows[0] + rowB + rowC;
}

async function expectCsvProblem(
  name: string,
  content: string | Buffer,
  kind: ProblemKind,
  message: RegExp,
  keptInLenient: number,
): Promise<void> {
  const file = writeFixture(name, content);
  await assert.rejects(readReleasedCsv(file, quiet), (e: unknown) => {
    assert.ok(e instanceof DataError, String(e));
    assert.equal(e.problem.kind, kind);
    assert.match(e.message, message);
    assert.ok(e.message.startsWith(`data/releasedCsv: ${file}:`), e.message);
    return true;
  });
  const { table, report } = await readReleasedCsv(file, { ...quiet, lenient: true });
  assert.equal(report.problemCounts[kind], 1, JSON.stringify(report.problemCounts));
  assert.equal(table.height, keptInLenient);
}

test("a valid fixture reads cleanly (3 rows, two-line cards)", async () => {
  const { table, report } = await readReleasedCsv(writeFixture("good.csv", csvWith(goodRows[1])), quiet);
  assert.equal(table.height, 3);
  assert.deepEqual(report.problemCounts, {});
});

test("CSV: wrong field count names the line", () =>
  expectCsvProblem(
    "fields.csv",
    csvWith(goodRows[1].replace("peft,", "")),
    "field-count",
    /:4: expected 23 fields, found 22/,
    2,
  ));

test("CSV: an unterminated quote names the line where the record starts", () =>
  expectCsvProblem(
    "unterminated.csv",
    csvWith(goodRows[1], csvRow(2, "org/c", { modelCard: '"never closed' })),
    "unterminated-quote",
    /:6: quoted field runs to the end/,
    2,
  ));

test("CSV: text after a closing quote is a malformed row", () =>
  expectCsvProblem(
    "quote.csv",
    csvWith(csvRow(1, "org/b", { tags: `"['en']"x` })),
    "malformed-row",
    /:4: text after a closing quote/,
    2,
  ));

test("CSV: an unparseable tags literal names the column and model", () =>
  expectCsvProblem(
    "literal.csv",
    csvWith(csvRow(1, "org/b", { tags: `"['en', 'x"` })),
    "bad-list-literal",
    /:4: tags is not a Python list of str.*column tags, model org\/b/,
    2,
  ));

test("CSV: a duplicate id names both lines", () =>
  expectCsvProblem(
    "duplicate.csv",
    csvWith(goodRows[1], csvRow(2, "org/a")),
    "duplicate-id",
    /:6: duplicate model id, first seen on line 2 \(model org\/a\)/,
    2,
  ));

test("CSV: likes = abc is a wrong type naming the column and model", () =>
  expectCsvProblem(
    "likes.csv",
    csvWith(csvRow(1, "org/b", { likes: "abc" })),
    "wrong-type",
    /:4: likes is not an integer: "abc" \(column likes, model org\/b\)/,
    2,
  ));

test("CSV: a malformed createdAt is a wrong type", () =>
  expectCsvProblem(
    "created.csv",
    csvWith(csvRow(1, "org/b", { createdAt: "yesterday" })),
    "wrong-type",
    /:4: createdAt is not an ISO-8601 UTC time.*column createdAt, model org\/b/,
    2,
  ));

test("CSV: a truncated file (last line cut) is reported", () =>
  expectCsvProblem(
    "truncated.csv",
    csvWith(goodRows[1], csvRow(2, "org/c", { modelCard: "x" }).slice(0, -10)),
    "truncated",
    /:6: last record has no line end/,
    2,
  ));

test("CSV: non-UTF-8 bytes name the line and column", () => {
  const bytes = Buffer.from(csvWith(csvRow(1, "org/b", { library_name: "pe@ft" })));
  bytes[bytes.indexOf("pe@ft") + 2] = 0xff;
  return expectCsvProblem(
    "utf8.csv",
    bytes,
    "invalid-utf8",
    /:4: invalid UTF-8 at byte 3 of the field \(column library_name\)/,
    2,
  );
});

test("CSV: a derived column that disagrees with tags is an error; lenient mode keeps the row and lists it", async () => {
  const file = writeFixture("derived.csv", csvWith(csvRow(1, "org/b", { licenses: "['apache-2.0']" })));
  await assert.rejects(
    readReleasedCsv(file, quiet),
    /derived.csv:4: licenses: file has \['apache-2.0'\], tags give \['mit'\] \(column licenses, model org\/b\)/,
  );
  const { table, report } = await readReleasedCsv(file, { ...quiet, lenient: true });
  assert.equal(table.height, 3);
  assert.equal(report.problemCounts["derived-mismatch"], 1);
  assert.equal(report.problems[0].id, "org/b");
});

test("CSV: a missing required column is fatal even in lenient mode", async () => {
  const file = writeFixture("column.csv", csvWith(goodRows[1]).replace(",likes,", ",likez,"));
  await assert.rejects(
    readReleasedCsv(file, { ...quiet, lenient: true }),
    /column.csv:1: missing required column\(s\) likes/,
  );
});

test("CSV: lenient mode counts several problems and keeps the good rows", async () => {
  const content =
    HEADER +
    goodRows[0] +
    csvRow(1, "org/b", { likes: "x" }) +
    csvRow(2, "org/c", { tags: "['oops" }) +
    csvRow(3, "org/d");
  const { table, report } = await readReleasedCsv(writeFixture("several.csv", content), { ...quiet, lenient: true });
  assert.deepEqual(table.getColumn("id").toArray(), ["org/a", "org/d"]);
  assert.equal(report.rowsRead, 4);
  assert.equal(report.rowsSkipped, 2);
  assert.deepEqual(report.problemCounts, { "wrong-type": 1, "bad-list-literal": 1 });
});

const LISTING_OK = {
  _id: "x1",
  id: "org/a",
  likes: 1,
  trendingScore: null,
  private: false,
  downloads: 3,
  tags: ["en"],
  createdAt: "2025-01-01T00:00:00.000Z",
  modelId: "org/a",
};
const ndjson = (...lines: (string | object)[]) =>
  lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n";

function expectListingProblem(
  name: string,
  content: string | Buffer,
  kind: ProblemKind,
  message: RegExp,
  keptInLenient: number,
): void {
  const file = writeFixture(name, content);
  assert.throws(
    () => readListing(file, undefined, quiet),
    (e: unknown) => {
      assert.ok(e instanceof DataError, String(e));
      assert.equal(e.problem.kind, kind);
      assert.match(e.message, message);
      assert.ok(e.message.startsWith(`data/listing: ${file}:`), e.message);
      return true;
    },
  );
  const { table, report } = readListing(file, undefined, { ...quiet, lenient: true });
  assert.equal(report.problemCounts[kind], 1, JSON.stringify(report.problemCounts));
  assert.equal(table.height, keptInLenient);
}

test("NDJSON: a line that is not JSON names the line", () =>
  expectListingProblem(
    "json.ndjson",
    ndjson(LISTING_OK, "{not json", { ...LISTING_OK, id: "org/b" }),
    "bad-json",
    /json.ndjson:2: /,
    2,
  ));

test("NDJSON: a line that is not an object is bad JSON", () =>
  expectListingProblem("array.ndjson", ndjson(LISTING_OK, "[1, 2]"), "bad-json", /:2: line is not a JSON object/, 1));

test("NDJSON: a missing required key names the key and model", () =>
  expectListingProblem(
    "key.ndjson",
    ndjson(LISTING_OK, { ...LISTING_OK, id: "org/b", createdAt: undefined }),
    "missing-key",
    /:2: missing required key "createdAt" \(column createdAt, model org\/b\)/,
    1,
  ));

test('NDJSON: likes = "abc" and tags = "x" are wrong types', () => {
  expectListingProblem(
    "likes.ndjson",
    ndjson(LISTING_OK, { ...LISTING_OK, id: "org/b", likes: "abc" }),
    "wrong-type",
    /:2: likes is not an integer: "abc" \(column likes, model org\/b\)/,
    1,
  );
  expectListingProblem(
    "tags.ndjson",
    ndjson({ ...LISTING_OK, tags: "x" }),
    "wrong-type",
    /:1: tags is not an array of strings/,
    0,
  );
});

test("NDJSON: a malformed createdAt is a wrong type", () =>
  expectListingProblem(
    "created.ndjson",
    ndjson(LISTING_OK, { ...LISTING_OK, id: "org/b", createdAt: "2025-13" }),
    "wrong-type",
    /:2: createdAt is not an ISO-8601 UTC time/,
    1,
  ));

test("NDJSON: a duplicate id names both lines", () =>
  expectListingProblem(
    "dup.ndjson",
    ndjson(LISTING_OK, { ...LISTING_OK, likes: 5 }),
    "duplicate-id",
    /:2: duplicate model id, first seen on line 1 \(model org\/a\)/,
    1,
  ));

test("NDJSON: a truncated last line is reported as truncated", () =>
  expectListingProblem(
    "cut.ndjson",
    ndjson(LISTING_OK) + JSON.stringify({ ...LISTING_OK, id: "org/b" }).slice(0, 30),
    "truncated",
    /:2: last line is cut off/,
    1,
  ));

test("NDJSON: non-UTF-8 bytes name the line and byte", () => {
  const bytes = Buffer.from(ndjson(LISTING_OK, { ...LISTING_OK, id: "org/b@" }));
  bytes[bytes.indexOf("org/b@") + 5] = 0xc3; // a lead byte followed by '"'
  expectListingProblem("utf8.ndjson", bytes, "invalid-utf8", /:2: invalid UTF-8 at byte \d+ of the line/, 1);
});

test("cards NDJSON: a duplicate card id and a non-string card are reported", () => {
  const listing = writeFixture("l.ndjson", ndjson(LISTING_OK));
  const duplicated = writeFixture("d.ndjson", ndjson({ id: "org/a", card: "x" }, { id: "org/a", card: "y" }));
  assert.throws(
    () => readListing(listing, duplicated, quiet),
    /data\/cards: .*d.ndjson:2: duplicate model id, first seen on line 1/,
  );
  const cards = writeFixture(
    "c.ndjson",
    ndjson({ id: "org/a", card: "x" }, { id: "org/a", card: "y" }, { id: "org/z", card: 5 }),
  );
  assert.throws(
    () => readListing(listing, cards, quiet),
    /c.ndjson:3: "card" is not a string or null \(column card, model org\/z\)/,
  );
  const { table, cardsReport } = readListing(listing, cards, { ...quiet, lenient: true });
  assert.deepEqual(cardsReport?.problemCounts, { "wrong-type": 1, "duplicate-id": 1 });
  assert.equal(table.getColumn("card_head").get(0), "x");
});
