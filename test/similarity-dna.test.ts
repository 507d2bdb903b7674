// The two DNA strings (docs/methods.md §4.1; data/reference/README.md §9.2): metadata strings against the reference's
// examples on the real sample (no listing_keys column: null pipeline_tag / library_name are absent keys) and on SmolLM2
// (keys present with explicit nulls, which needs the listing_keys column), their tokens without the strings, and the
// card corpus, in memory, lazy, and streamed from a parquet file.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import pl from "nodejs-polars";
import { loadDataset } from "../src/datasets";
import { loadSettings } from "../src/settings";
import { scanSnapshotParquet, writeSnapshotParquet } from "../src/data/parquet";
import { LISTING_KEYS } from "../src/data/schema";
import { cardCorpus, metadataCorpus } from "../src/similarity/dna";
import { LISTING_KEYS_COLUMN } from "../src/data/schema";
import { METADATA_COLUMNS, metadataStrings } from "../src/similarity/metadataString";
import { forEachMetadataTokens } from "../src/similarity/metadataTokens";
import { tokenSpans, tokenize } from "../src/similarity/tokens";
import { fitVectorizer } from "../src/similarity/vectorizer";
import { referenceResults } from "./helpers/data";

const sample = loadSettings({ dataset: "sample" });
const sampleModels = loadDataset(sample, { missingCard: "paper" });
const smolModels = loadDataset(loadSettings({ dataset: "smollm2" }));
const reference = (dataset: "sample" | "smollm2") => referenceResults(dataset).similarity;

function checkExamples(table: pl.DataFrame, examples: Record<string, string>): void {
  const ids = table.getColumn("id").toArray() as string[];
  const strings = metadataStrings(table, { chunkRows: 500 });
  assert.ok(Object.keys(examples).length > 0);
  for (const [id, expected] of Object.entries(examples)) assert.equal(strings[ids.indexOf(id)], expected, id);
}

test("metadataStrings(sample) without a listing_keys column equals the reference's examples (non-ASCII tags, absent keys)", () => {
  const models = sampleModels.columns.includes(LISTING_KEYS_COLUMN)
    ? sampleModels.drop(LISTING_KEYS_COLUMN)
    : sampleModels;
  checkExamples(models, reference("sample").metadata_string_examples.value);
});

test("metadataStrings(smollm2) equals the reference's examples, 'pipeline_tag': None included, from the listing_keys column", () => {
  const models = smolModels;
  assert.ok(
    models.columns.includes(LISTING_KEYS_COLUMN),
    `the smollm2 table has no "${LISTING_KEYS_COLUMN}" column (UInt16 bitmask over ${LISTING_KEYS.join(", ")}); the readers must record which listing keys were present`,
  );
  checkExamples(models, reference("smollm2").metadata_string_examples.value);
});

test("metadataStrings uses listing_keys bits: a cleared bit drops the key, a set bit prints None for a null", () => {
  const base = sampleModels.head(1);
  const all = (1 << LISTING_KEYS.length) - 1;
  const without = all & ~(1 << LISTING_KEYS.indexOf("likes")) & ~(1 << LISTING_KEYS.indexOf("modelId"));
  const table = base.withColumns(
    pl.lit(null).cast(pl.Utf8).alias("pipeline_tag"),
    pl.lit(without).cast(pl.UInt16).alias(LISTING_KEYS_COLUMN),
  );
  const s = metadataStrings(table)[0];
  assert.ok(!s.includes("'likes'") && !s.includes("'modelId'"), s);
  assert.ok(
    s.includes("'pipeline_tag': None, 'library_name': 'diffusers', 'createdAt': '2025-01-29T08:29:22.000Z'}"),
    s,
  );
  assert.ok(
    s.startsWith(
      "{'_id': '6799e6e24c3dbd12f9f5c5b1', 'id': '0x6e676e/generate-context', 'trendingScore': None, 'private': False, 'downloads': 0, 'tags': [",
    ),
    s,
  );
});

test("metadataStrings prints ints as ints and trendingScore as a Python float, with quotes chosen as Python does", () => {
  const base = sampleModels.head(1);
  const table = base.withColumns(
    pl.lit(479).cast(pl.Float64).alias("trendingScore"),
    pl.lit(12).cast(pl.Int64).alias("likes"),
    pl.lit("it's").alias("library_name"),
  );
  const s = metadataStrings(table)[0];
  assert.ok(s.includes("'likes': 12, 'trendingScore': 479.0, 'private': False"), s);
  assert.ok(s.includes(`'library_name': "it's"`), s);
});

test("cardCorpus keeps the 512-code-point head of the 574 qualifying cards of the sample", () => {
  const models = sampleModels;
  const cards = cardCorpus(models);
  assert.equal(cards.documentCount, reference("sample").model_cards_qualifying_nodes.value);
  cards.forEachDocument((t) => assert.equal(Array.from(t).length, 512));
  assert.equal(metadataCorpus(models).documentCount, models.height);
});

test("forEachMetadataTokens gives every row the tokens of its metadata string, redacted or not, without building it", () => {
  const sampleTable = sampleModels;
  const edge = sampleTable.head(6).withColumns(
    pl.Series("trendingScore", [1e-5, 479, 1e16, Number.NaN, null, -0], pl.Float64),
    pl.Series("likes", [3, null, 0, 12, 1234567, null], sampleModels.getColumn("likes").dtype),
    pl.Series("downloads", [null, 40, 0, 7, null, 99], sampleModels.getColumn("downloads").dtype),
    pl.Series("private", [true, null, false, null, true, false], pl.Bool),
    pl.Series("library_name", ["it's", 'say "hi"', "tab\there", "ÜNÏ Σίσυφος", null, "İstanbul"], pl.Utf8),
    pl.Series("tags", [["a\nb", "x"], ["文学", "ok"], [], ["it's"], ["\u200bzw"], ["plain", "tags"]], pl.List(pl.Utf8)),
    // Years 492, 9999 (its last millisecond), 10000 and -1, no date, and a plain one: strftime's text every time.
    pl
      .Series(
        "createdAt",
        [-46_635_206_400_000, 253_402_300_799_999, 253_402_300_800_000, -62_198_755_200_000, null, 1_700_000_000_000],
        pl.Float64,
      )
      .cast(pl.Int64)
      .cast(pl.Datetime("ms", "UTC"))
      .cast(sampleTable.getColumn("createdAt").dtype),
  );
  const redactions = [undefined, "identity", "identity-and-lineage"] as const;
  for (const [table, redact] of [sampleTable, smolModels, edge, sampleTable.drop(LISTING_KEYS_COLUMN)].flatMap((t) =>
    redactions.map((r) => [t, r] as const),
  )) {
    const strings = metadataStrings(table, { redact });
    const spans = tokenSpans();
    let rows = 0;
    forEachMetadataTokens(
      table,
      (tokens, v) => {
        tokenize(strings[v], spans);
        assert.equal(tokens.count, spans.count, strings[v]);
        assert.deepEqual(
          Array.from(tokens.h1.subarray(0, tokens.count)),
          Array.from(spans.h1.subarray(0, spans.count)),
          strings[v],
        );
        assert.deepEqual(
          Array.from(tokens.h2.subarray(0, tokens.count)),
          Array.from(spans.h2.subarray(0, spans.count)),
          strings[v],
        );
        rows++;
      },
      { chunkRows: 500, redact },
    );
    assert.equal(rows, table.height);
  }
});

test("lazy corpora (as used from 250,000 rows) hold the same documents and fit the same vocabulary as in-memory ones", () => {
  const models = sampleModels;
  for (const [eager, lazy] of [
    [metadataCorpus(models), metadataCorpus(models, { lazy: true, chunkRows: 300 })],
    [cardCorpus(models), cardCorpus(models, { lazy: true, chunkRows: 300 })],
  ]) {
    assert.equal(lazy.documentCount, eager.documentCount);
    const texts: (string | null)[] = [];
    lazy.forEachDocument((t, v) => (texts[v] = t));
    for (let v = 0; v < models.height; v++) {
      assert.equal(lazy.has(v), eager.has(v));
      assert.equal(texts[v] ?? null, eager.text(v));
    }
    lazy.prefetch([5, 3, 5, 1000]);
    assert.equal(lazy.text(1000), eager.text(1000));
    assert.deepEqual(fitVectorizer(lazy).fit, fitVectorizer(eager).fit);
  }
});

test("a metadata corpus streamed from a parquet scan holds the same documents, tokens and vocabulary as in memory", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-streamed-"));
  try {
    for (const [name, models] of [
      ["sample", sampleModels],
      ["smollm2", smolModels],
    ] as const) {
      const file = path.join(dir, `${name}.parquet`);
      writeSnapshotParquet(models, file);
      const columns = [...METADATA_COLUMNS, LISTING_KEYS_COLUMN] as Parameters<typeof scanSnapshotParquet>[1];
      const eager = metadataCorpus(models);
      const streamed = metadataCorpus(scanSnapshotParquet(file, columns), { chunkRows: 97 });
      assert.equal(streamed.size, models.height, name);
      assert.equal(streamed.documentCount, eager.documentCount, name);
      const texts: string[] = [];
      streamed.forEachDocument((t, v) => (texts[v] = t));
      const tokens: string[] = [];
      streamed.forEachTokens!((spans, v) => (tokens[v] = Array.from(spans.h1.subarray(0, spans.count)).join(",")));
      const spans = tokenSpans();
      for (let v = 0; v < models.height; v++) {
        assert.equal(texts[v], eager.text(v), `${name} row ${v}`);
        const count = tokenize(eager.text(v)!, spans);
        assert.equal(tokens[v], Array.from(spans.h1.subarray(0, count)).join(","), `${name} row ${v}`);
      }
      const last = models.height - 1;
      streamed.prefetch([last, 3, 200, 3, 0]);
      for (const v of [last, 3, 200, 0, 150]) assert.equal(streamed.text(v), eager.text(v), `${name} row ${v}`);
      assert.deepEqual(fitVectorizer(streamed).fit, fitVectorizer(eager).fit, name);
    }
    assert.throws(
      () => scanSnapshotParquet(path.join(dir, "sample.parquet"), ["id", "no_such_column" as "id"]),
      /sample\.parquet lacks column\(s\) no_such_column/,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
