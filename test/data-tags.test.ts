// Tag-derived columns (src/data/tags.ts) against the authors' rules (docs/methods.md §2.3) and against the
// released-format sample CSVs, row by row.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import pl from "nodejs-polars";
import { DERIVED_TAG_COLUMNS, deriveFromTags } from "../src/data/tags";
import { languageNameOf } from "../src/data/languages";
import { pythonListRepr } from "../src/data/pyrepr";
import { readTextFile } from "../src/data/gzipFile";
import { SAMPLE_LISTING, SMOLLM2_LISTING, releasedCsvOf } from "./helpers/data";

/** The authors' get_expanded_dataset rules, written out directly in JS (the reference). */
function referenceDerive(tags: string[]): Record<string, string[]> {
  const stripped = (p: string) => tags.filter((t) => t.startsWith(p)).map((t) => t.split(p).join(""));
  const typed = (r: string) =>
    tags.filter((t) => t.startsWith(`base_model:${r}:`)).map((t) => t.slice(`base_model:${r}:`.length));
  return {
    regions: stripped("region:"),
    licenses: stripped("license:"),
    arxiv_papers: stripped("arxiv:"),
    datasets: stripped("dataset:"),
    parent_model: tags.filter((t) => t.startsWith("base_model:") && t.split(":").length === 2).map((t) => t.slice(11)),
    finetune_parent: typed("finetune"),
    quantized_parent: typed("quantized"),
    adapter_parent: typed("adapter"),
    merge_parent: typed("merge"),
    languages: tags
      .filter((t) => [...t].length === 2 && languageNameOf(t) !== undefined)
      .map((t) => languageNameOf(t)!),
  };
}

function derivedRows(tagLists: string[][]): Record<string, string[]>[] {
  const df = pl
    .DataFrame({ j: tagLists.map((t) => t.map((x) => "\x1f" + x).join("")) })
    .select(pl.col("j").str.split("\x1f").lst.slice(1, 1e9).alias("tags"));
  return deriveFromTags(df)
    .select(...DERIVED_TAG_COLUMNS)
    .toRecords() as unknown as Record<string, string[]>[];
}

test("deriveFromTags follows each rule's worked example", () => {
  const [row] = derivedRows([
    [
      "region:us",
      "license:mit",
      "license:license:x",
      "arxiv:2106.09685",
      "dataset:glue",
      "dataset:org/data:dataset:v2",
      "base_model:org/x",
      "base_model:finetune:org/x",
      "base_model:adapter:org/y",
      "base_model:quantized:org/z",
      "base_model:merge:org/a",
      "base_model:merge:org/b",
      "base_model:org/with:colon",
      "en",
      "EN",
      "eng",
      "el",
      "sw",
      "R1",
      "en",
    ],
  ]);
  assert.deepEqual(row.regions, ["us"]);
  assert.deepEqual(row.licenses, ["mit", "x"]); // Python tag.replace removes every occurrence
  assert.deepEqual(row.arxiv_papers, ["2106.09685"]);
  assert.deepEqual(row.datasets, ["glue", "org/data:v2"]);
  assert.deepEqual(row.parent_model, ["org/x"]); // "base_model:org/with:colon" has two colons
  assert.deepEqual(row.finetune_parent, ["org/x"]);
  assert.deepEqual(row.adapter_parent, ["org/y"]);
  assert.deepEqual(row.quantized_parent, ["org/z"]);
  assert.deepEqual(row.merge_parent, ["org/a", "org/b"]);
  assert.deepEqual(row.languages, ["English", "Modern Greek (1453-)", "Swahili (macrolanguage)", "English"]); // order and duplicates kept
});

test("deriveFromTags gives empty lists for no tags and keeps a null tags list null", () => {
  const df = pl.DataFrame({ j: ["", null] }).select(pl.col("j").str.split("\x1f").lst.slice(1, 1e9).alias("tags"));
  const rows = deriveFromTags(df)
    .select(...DERIVED_TAG_COLUMNS)
    .toRecords();
  for (const c of DERIVED_TAG_COLUMNS) {
    assert.deepEqual(rows[0][c], [], c);
    assert.equal(rows[1][c], null, c);
  }
});

test("deriveFromTags equals the reference rules on 2,000 random tag lists with edge cases", () => {
  const pieces = [
    "region:",
    "license:",
    "arxiv:",
    "dataset:",
    "base_model:",
    "finetune:",
    "quantized:",
    "adapter:",
    "merge:",
    ":",
    "en",
    "EN",
    "x",
    "",
    "ü",
    "😀",
  ];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lists = Array.from({ length: 2000 }, () =>
    Array.from({ length: Math.floor(next() * 8) }, () =>
      Array.from({ length: 1 + Math.floor(next() * 4) }, () => pieces[Math.floor(next() * pieces.length)]).join(""),
    ),
  );
  const rows = derivedRows(lists);
  lists.forEach((tags, i) => assert.deepEqual(rows[i], referenceDerive(tags), JSON.stringify(tags)));
});

/** Minimal RFC-4180 parser for the test: rows of string fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let value = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        const k = text.indexOf('"', i);
        value += text.slice(i, k);
        i = k + 1;
        if (text[i] === '"') {
          value += '"';
          i++;
        } else break;
      }
    } else {
      const m = /[,\n]/g;
      m.lastIndex = i;
      const hit = m.exec(text);
      const end = hit ? hit.index : text.length;
      value = text.slice(i, end);
      i = end;
    }
    row.push(value);
    if (text[i] === ",") i++;
    else {
      rows.push(row);
      row = [];
      i++;
    }
  }
  return rows;
}

for (const [name, dataset, listingFile] of [
  ["main sample", "sample", SAMPLE_LISTING],
  ["smollm2", "smollm2", SMOLLM2_LISTING],
] as const) {
  const listing = readTextFile(listingFile)
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const csv = parseCsv(fs.readFileSync(releasedCsvOf(dataset), "utf8"));
  const rows = csv.length - 1;
  test(`${name}: the 10 derived columns computed from listing tags equal ai_ecosystem_sample.csv in all ${rows} rows (${rows * 10} cells)`, () => {
    const header = csv[0];
    assert.equal(listing.length, rows);
    const derived = derivedRows(listing.map((m) => m.tags));
    let compared = 0;
    for (let r = 0; r < rows; r++) {
      assert.equal(csv[r + 1][header.indexOf("model_id")], listing[r].id);
      for (const c of DERIVED_TAG_COLUMNS) {
        assert.equal(pythonListRepr(derived[r][c]), csv[r + 1][header.indexOf(c)], `${listing[r].id} ${c}`);
        compared++;
      }
    }
    assert.equal(compared, rows * DERIVED_TAG_COLUMNS.length);
  });
}
