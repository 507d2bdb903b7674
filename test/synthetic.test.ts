// Tests of the synthetic ecosystem (src/data/synthetic*.ts): it is deterministic, has the canonical
// schema, its derived columns are what deriveFromTags computes from its tags, its lineage is sound,
// and its marginals, measured back from the written parquet, match the paper within the tolerances
// of synthetic-check.ts (each assertion message states the tolerance and why).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import pl from "nodejs-polars";
import { SNAPSHOT_COLUMNS, SNAPSHOT_SCHEMA } from "../src/data/schema";
import { SYNTHETIC_SIZES, generateSyntheticSnapshot, writeSyntheticParquet } from "../src/synthetic/generate";
import { checkSyntheticMarginals } from "../src/synthetic/check";
import { measureSnapshot, type SnapshotMarginals } from "../src/synthetic/measure";
import { DERIVED_TAG_COLUMNS, deriveFromTags } from "../src/data/tags";
import { FILL_IN_KERNEL, createRng } from "../src/random";
import { repoRoot } from "../src/settings";

/** Size of the calibration run: large enough for the edge language means (synthetic-check.ts), a few seconds. */
const N = 100_000;
const SEED = 1;

let dir = "";
let frame: pl.DataFrame;
let marginals: SnapshotMarginals;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "synthetic-test-"));
  const file = path.join(dir, "synthetic.parquet");
  await writeSyntheticParquet(file, { n: N, seed: SEED, chunkSize: 40_000 });
  frame = pl.readParquet(file);
  marginals = measureSnapshot(frame);
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

test("writeSyntheticParquet(file, {n}) round-trips the canonical schema, in order", () => {
  assert.equal(frame.height, N);
  assert.deepEqual(frame.columns, SNAPSHOT_COLUMNS);
  for (const name of SNAPSHOT_COLUMNS) {
    const dtype = (d: unknown) => String(d).replace(/Utf8/g, "String"); // pl.Utf8 and pl.String print differently
    assert.equal(dtype(frame.getColumn(name).dtype), dtype(SNAPSHOT_SCHEMA[name]), `dtype of ${name}`);
  }
  assert.equal(frame.getColumn("id").nUnique(), N, "ids are unique");
});

test("generateSyntheticSnapshot is deterministic by seed, whatever the chunk size", () => {
  const a = generateSyntheticSnapshot({ n: 5_000, seed: 7 });
  const b = generateSyntheticSnapshot({ n: 5_000, seed: 7, chunkSize: 1_234 });
  const c = generateSyntheticSnapshot({ n: 5_000, seed: 8 });
  assert.ok(a.frameEqual(b, true), "same (n, seed) gives the same frame");
  assert.ok(!a.frameEqual(c, true), "another seed gives another frame");
  assert.ok(
    !a.getColumn("id").seriesEqual(c.getColumn("id")) || !a.getColumn("tags").seriesEqual(c.getColumn("tags")),
    "ids or tags differ between seeds",
  );
});

test("the row-group writer gives the whole-table generator's table for the same seed, in memory or spilling", async () => {
  const expected = generateSyntheticSnapshot({ n: 8_000, seed: 3 });
  for (const maxRowsInMemory of [8_000, 3_000]) {
    const file = path.join(dir, `small-${maxRowsInMemory}.parquet`);
    const written = await writeSyntheticParquet(file, { n: 8_000, seed: 3, chunkSize: 2_500, maxRowsInMemory });
    assert.equal(written.spilled, maxRowsInMemory < 8_000);
    assert.ok(pl.readParquet(file).frameEqual(expected, true), `maxRowsInMemory ${maxRowsInMemory}`);
  }
  // the generator process the dataset loader starts (tools/generate_synthetic.ts), spilling
  const file = path.join(dir, "child.parquet");
  const tool = path.join(repoRoot(), "tools", "generate_synthetic.ts");
  const child = spawnSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", tool, file, "8000", "3", "3000", "2500"],
    {
      cwd: repoRoot(),
      encoding: "utf8",
    },
  );
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stderr, /wrote 8,000 models/);
  assert.ok(pl.readParquet(file).frameEqual(expected, true), "the generator process");
});

test("derived columns are exactly deriveFromTags(tags)", () => {
  const derived = deriveFromTags(frame.select("tags"));
  for (const name of DERIVED_TAG_COLUMNS) {
    assert.ok(
      derived.getColumn(name).seriesEqual(frame.getColumn(name), true),
      `column ${name} differs from deriveFromTags`,
    );
  }
});

test("lineage: every parent is in the snapshot, older than its child, and there are no cycles", () => {
  assert.equal(marginals.missingParents, 0, "parents missing from the snapshot");
  assert.equal(marginals.parentNotOlder, 0, "edges whose parent is not created before the child");
  assert.equal(marginals.hasCycle, false, "cycle in the parent -> child graph");
  assert.ok(marginals.mergeMinParents >= 2, "merge children have two or more parents");
  const tags = frame
    .filter(pl.col("merge_parent").lst.lengths().gt(0))
    .head(50)
    .getColumn("tags")
    .toArray() as unknown as string[][];
  for (const list of tags) {
    const generic = Array.from(list).filter((t) => /^base_model:[^:]+$/.test(t)).length;
    const merge = Array.from(list).filter((t) => t.startsWith("base_model:merge:")).length;
    assert.equal(generic, merge, "each merge parent has both base_model:<p> and base_model:merge:<p>");
  }
});

test("cards: head is the first 512 characters, the auto flag matches the head's phrase", () => {
  const cards = frame.filter(pl.col("has_card"));
  const bad = cards.filter(
    pl
      .col("card_head")
      .str.lengths()
      .neq(pl.when(pl.col("card_length_chars").lt(512)).then(pl.col("card_length_chars")).otherwise(pl.lit(512))),
  );
  assert.equal(bad.height, 0, "len(card_head) = min(card_length_chars, 512)");
  const phrase = pl
    .col("card_head")
    .str.toLowerCase()
    .str.contains("automatically generated|generated automatically", false, false);
  assert.equal(
    cards.filter(phrase.neq(pl.col("card_auto_generated"))).height,
    0,
    "auto-generated flag <=> phrase in the head",
  );
  const none = frame.filter(pl.col("has_card").not());
  assert.equal(
    none.filter(pl.col("card_head").isNotNull().or(pl.col("card_length_chars").isNotNull())).height,
    0,
    "no card: nulls",
  );
});

test("marginals measured from the parquet match the paper within stated tolerances", () => {
  const checks = checkSyntheticMarginals(marginals);
  assert.ok(checks.length > 40, "all marginals are checked");
  for (const c of checks) {
    assert.ok(c.pass, `${c.key}: paper ${c.paper}, measured ${c.measured}, tolerance ${c.tolerance} (${c.why})`);
  }
});

test("the demo size generates a full canonical table", () => {
  const demo = generateSyntheticSnapshot({ n: SYNTHETIC_SIZES.demo });
  assert.equal(demo.height, SYNTHETIC_SIZES.demo);
});

test("createRng(seed) streams are reproducible and forks are independent of draw order", () => {
  const a = createRng(42);
  const b = createRng(42);
  const xs = Array.from({ length: 5 }, () => a());
  assert.deepEqual(
    xs,
    Array.from({ length: 5 }, () => b()),
  );
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const fresh = createRng(42).fork("licenses")();
  assert.equal(a.fork("licenses")(), fresh, "fork ignores what the parent stream drew");
  assert.notEqual(createRng(43)(), createRng(42)());
});

test("fillUint32 gives the outputs uint32() would, and the stream goes on from there", () => {
  const one = createRng("fill");
  const bulk = createRng("fill");
  const expected = Array.from({ length: 1_000 }, () => one.uint32());
  assert.deepEqual(Array.from(bulk.fillUint32(new Uint32Array(1_000))), expected);
  assert.equal(bulk.int(1_000_003), one.int(1_000_003));
  assert.equal(bulk(), one());
  // batch sizes on both sides of the WebAssembly threshold, and one beyond the kernel's own batch of 2^20
  const sizes = [0, 1, FILL_IN_KERNEL - 1, FILL_IN_KERNEL, FILL_IN_KERNEL + 1, 5_000, (1 << 20) + 3, 7];
  for (const n of sizes) {
    const want = new Uint32Array(n);
    for (let i = 0; i < n; i++) want[i] = one.uint32();
    const got = bulk.fillUint32(new Uint32Array(n));
    assert.equal(Buffer.compare(Buffer.from(got.buffer), Buffer.from(want.buffer)), 0, `a batch of ${n}`);
  }
  assert.equal(bulk.uint32(), one.uint32(), "the state after the batches");
  const other = createRng("other");
  other.fillUint32(new Uint32Array(FILL_IN_KERNEL * 3));
  assert.equal(bulk.uint32(), one.uint32(), "another generator's batch leaves this one's state alone");
});
