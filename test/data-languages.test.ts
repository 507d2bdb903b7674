// ISO 639-1 -> pycountry name table (src/data/languages.ts, generated languageNames.ts), docs/methods.md §2.3.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ISO639_1_CODES, ISO639_1_NAMES, languageNameOf } from "../src/data/languages";
import { readListing } from "../src/data/listing";
import { BlockReader } from "../src/data/blockReader";
import { CsvRecordScanner, fieldText, type CsvRecord } from "../src/data/csvRecords";
import { pythonListRepr } from "../src/data/pyrepr";
import { SAMPLE_LISTING, paperKeyStats, releasedCsvOf } from "./helpers/data";

const keyStats = paperKeyStats();

test("the table maps the worked examples: en, el, sw", () => {
  assert.equal(languageNameOf("en"), "English");
  assert.equal(languageNameOf("el"), "Modern Greek (1453-)");
  assert.equal(languageNameOf("sw"), "Swahili (macrolanguage)");
  assert.equal(languageNameOf("EN"), undefined); // the authors' dict lookup is case-sensitive
  assert.equal(languageNameOf("eng"), undefined); // 3-letter codes fail their len == 2 check
});

test("every one of the 184 names in key_stats language_counts_all_models is produced by the table", () => {
  const paperNames = Object.keys(keyStats.language_counts_all_models);
  assert.equal(paperNames.length, 184);
  const ours = new Set(ISO639_1_NAMES);
  assert.deepEqual(
    paperNames.filter((n) => !ours.has(n)),
    [],
  );
  assert.equal(ISO639_1_CODES.length, 184);
  assert.equal(new Set(ISO639_1_CODES).size, 184);
});

test("no name needs escaping in a Python repr (the polars fast path relies on it)", () => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must not occur
  for (const name of ISO639_1_NAMES) assert.doesNotMatch(name, /['"\\\x00-\x1f]/, name);
});

test("the sample CSV's languages column is reproduced from listing tags in all 1572 rows", () => {
  const { table } = readListing(SAMPLE_LISTING, undefined, { progress: false });
  const ours = table.getColumn("languages").toArray() as unknown as string[][];
  const reader = new BlockReader(releasedCsvOf("sample"));
  const scanner = new CsvRecordScanner(reader);
  const header = scanner.next() as CsvRecord;
  const column = Array.from({ length: header.fieldCount }, (_, k) => fieldText(header, k)).indexOf("languages");
  let row = 0;
  for (let rec = scanner.next(); rec !== null; rec = scanner.next(), row++) {
    assert.ok("fieldCount" in rec);
    assert.equal(pythonListRepr(ours[row]), fieldText(rec, column), `row ${row}`);
  }
  reader.close();
  assert.equal(row, 1572);
  assert.equal(ours.filter((l) => l.length > 0).length, 507); // oracle expanded_dataset.languages_nonempty
});
