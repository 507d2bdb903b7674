// The term table behind the vectorisers (src/similarity/termTable.ts): on real corpora, every term's total count,
// document frequency and first node equal a plain count by string, and the table counted in a worker thread equals
// the one counted in this thread slot for slot, and the streamed, asynchronous count equals both.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { scanSnapshotParquet, writeSnapshotParquet } from "../src/data/parquet";
import { LISTING_KEYS_COLUMN, type SnapshotColumn } from "../src/data/schema";
import { loadDataset } from "../src/datasets";
import { loadSettings } from "../src/settings";
import { cardCorpus, metadataCorpus, type DnaCorpus } from "../src/similarity/dna";
import { METADATA_COLUMNS } from "../src/similarity/metadataString";
import type { MetadataVariant } from "../src/similarity/metadataTokens";
import { countMetadataVariantsAsync, countTerms, countTermsAsync, type TermTable } from "../src/similarity/termTable";
import { fitVectorizer } from "../src/similarity/vectorizer";
import { documentTerms, termKey } from "../src/similarity/vocabulary";

const sample = loadDataset(loadSettings({ dataset: "sample" }), { missingCard: "paper" });
const radar = loadDataset(loadSettings({ dataset: "radar" }));

/** Every term of the corpus by string: total count, documents and first node, from `documentTerms`. */
function plainCounts(corpus: DnaCorpus): Map<string, { count: number; df: number; first: number }> {
  const terms = new Map<string, { count: number; df: number; first: number }>();
  corpus.forEachDocument((text, v) => {
    const seen = new Set<string>();
    for (const term of documentTerms(text)) {
      let t = terms.get(term);
      if (!t) terms.set(term, (t = { count: 0, df: 0, first: v }));
      t.count++;
      if (!seen.has(term)) {
        seen.add(term);
        t.df++;
      }
    }
  });
  return terms;
}

/** Each term of a table by key: its count, document frequency and first node, for comparing tables of any layout. */
function termFields(table: TermTable): Map<string, number[]> {
  const terms = new Map<string, number[]>();
  for (let s = 0; s < table.capacity; s++)
    if (table.countAt(s) > 0) {
      terms.set(table.keyAt(s).join(":"), [table.countAt(s), table.dfAt(s), table.firstDocAt(s)]);
      assert.equal(table.find(...table.keyAt(s)), s);
    }
  assert.equal(terms.size, table.size);
  return terms;
}

/** The slots of a table as one array per field, for comparing tables. */
function slotFields(table: TermTable): number[][] {
  const fields: number[][] = [[], [], [], [], []];
  for (let s = 0; s < table.capacity; s++) {
    const [k1, k2] = table.keyAt(s);
    [k1, k2, table.countAt(s), table.dfAt(s), table.firstDocAt(s)].forEach((x, f) => fields[f].push(x));
  }
  return fields;
}

for (const [label, corpus] of [
  ["sample metadata", metadataCorpus(sample)],
  ["sample cards", cardCorpus(sample)],
  ["radar metadata", metadataCorpus(radar)],
] as [string, DnaCorpus][]) {
  test(`${label}: each term's count, document frequency and first node equal a count by string, in this thread and in a worker`, () => {
    const plain = plainCounts(corpus);
    const here = countTerms(corpus, { worker: false });
    const worker = countTerms(corpus, { worker: true });
    assert.equal(here.size, plain.size);
    assert.equal(here.documents, corpus.documentCount);
    for (const [term, t] of plain) {
      const slot = here.find(...termKey(term));
      assert.ok(slot >= 0, term);
      assert.deepEqual([here.countAt(slot), here.dfAt(slot), here.firstDocAt(slot)], [t.count, t.df, t.first], term);
    }
    assert.equal(worker.size, here.size);
    assert.equal(worker.documents, here.documents);
    assert.equal(worker.capacity, here.capacity);
    assert.deepEqual(slotFields(worker), slotFields(here));
  });
}

test("radar metadata has enough terms for the table to grow twice in the worker (the growth the test above covers)", () => {
  const table = countTerms(metadataCorpus(radar), { worker: true });
  assert.equal(table.size, plainCounts(metadataCorpus(radar)).size);
  assert.ok(table.capacity >= 1 << 18, `capacity ${table.capacity}`); // from 2^16 slots: at least two rehashes
});

/** Calls fn with a lazy scan of radar's metadata columns, written to a temporary parquet file removed afterwards. */
async function withRadarScan(fn: (scan: ReturnType<typeof scanSnapshotParquet>) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-terms-"));
  try {
    const file = path.join(dir, "radar.parquet");
    writeSnapshotParquet(radar, file);
    await fn(scanSnapshotParquet(file, [...METADATA_COLUMNS, LISTING_KEYS_COLUMN] as SnapshotColumn[]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("countTermsAsync on radar streamed from parquet equals countTerms in memory, and a fit refuses another corpus's counts", async () => {
  await withRadarScan(async (scan) => {
    const streamed = metadataCorpus(scan, { chunkRows: 1000 });
    const here = countTerms(metadataCorpus(radar));
    for (const worker of [false, true]) {
      const counted = await countTermsAsync(streamed, { worker });
      assert.equal(counted.documents, radar.height);
      assert.deepEqual(slotFields(counted), slotFields(here), `worker ${worker}`);
      assert.deepEqual(fitVectorizer(streamed, { counted }).fit, fitVectorizer(metadataCorpus(radar)).fit);
    }
    assert.throws(
      () => fitVectorizer(metadataCorpus(sample), { counted: here }),
      /counted terms cover 15904 documents, the corpus has 1572/,
    );
  });
});

test("metadata variants counted together equal each variant counted alone and a count of its strings, on the sample and radar", async () => {
  await withRadarScan(async (scan) => {
    const all: MetadataVariant[] = ["paper", "identity", "identity-and-lineage"];
    // Each variant alone, from its strings (metadataStrings' redaction, not the token path), checked against a count
    // by string once.
    const alone = new Map<string, Map<string, number[]>>();
    for (const [label, source] of [
      ["sample", sample],
      ["radar", radar],
    ] as const)
      for (const variant of all) {
        const corpus = metadataCorpus(source, variant === "paper" ? {} : { redact: variant });
        const table = countTerms(corpus, { worker: false });
        const plain = plainCounts(corpus);
        assert.equal(table.size, plain.size, `${label} ${variant}`);
        for (const [term, t] of plain) {
          const slot = table.find(...termKey(term));
          assert.deepEqual(
            [table.countAt(slot), table.dfAt(slot), table.firstDocAt(slot)],
            [t.count, t.df, t.first],
            term,
          );
        }
        alone.set(`${label} ${variant}`, termFields(table));
      }
    for (const [label, table, source, variants] of [
      ["sample", sample, "sample", all],
      ["sample", sample, "sample", ["identity-and-lineage", "paper"]],
      ["sample", sample, "sample", ["identity"]],
      ["sample", sample, "sample", ["identity-and-lineage", "identity"]],
      ["radar", radar, "radar", ["identity", "paper", "identity-and-lineage"]],
      ["radar streamed in chunks of 1000 rows", scan, "radar", all],
    ] as const) {
      const together = await countMetadataVariantsAsync(table, variants, {
        chunkRows: 1000,
        worker: label !== "radar",
      });
      variants.forEach((variant, k) => {
        const what = `${label}: ${variant} of [${variants.join(", ")}]`;
        assert.equal(together[k].documents, source === "radar" ? radar.height : sample.height, what);
        assert.deepEqual(termFields(together[k]), alone.get(`${source} ${variant}`), what);
        // a term of another variant only is absent from this one
        for (const other of variants)
          for (const key of alone.get(`${source} ${other}`)!.keys())
            if (!alone.get(`${source} ${variant}`)!.has(key))
              assert.equal(together[k].find(...(key.split(":").map(Number) as [number, number])), -1, what);
      });
      // the variants differ: the identity keys and the base_model tags hold terms of their own
      if (variants.length === 3) {
        const size = (v: MetadataVariant) => together[variants.indexOf(v as never)].size;
        assert.ok(size("paper") > size("identity") && size("identity") > size("identity-and-lineage"), label);
      }
    }
  });
});
