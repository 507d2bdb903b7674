// The table cache (src/data/tableCache.ts): a listing folder read through the cache gives exactly the table read
// directly, the second read comes from the stored parquet, and a changed input file or option is read afresh.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import pl from "nodejs-polars";
import { listingFiles, loadDataset } from "../src/datasets";
import { TABLE_CACHE_DIR, cachedTable, tableCacheKey } from "../src/data/tableCache";
import { loadSettings } from "../src/settings";

test("a shipped dataset read through the cache equals the direct read, dtypes included", () => {
  for (const dataset of ["sample", "smollm2", "radar"] as const) {
    const settings = loadSettings({ dataset });
    const direct = loadDataset(settings, { cache: false });
    const first = loadDataset(settings);
    const second = loadDataset(settings);
    for (const cached of [first, second]) {
      assert.deepEqual(cached.columns, direct.columns, dataset);
      for (const c of direct.columns)
        assert.equal(String(cached.getColumn(c).dtype), String(direct.getColumn(c).dtype), `${dataset} ${c}`);
      assert.ok(cached.frameEqual(direct, true), dataset);
    }
    const { listing, cards } = listingFiles(settings);
    const key = tableCacheKey(settings.root, cards ? [listing, cards] : [listing], {});
    assert.ok(fs.existsSync(path.join(settings.root, TABLE_CACHE_DIR, `${key}.parquet`)), `${dataset} is stored`);
  }
});

test("the cache reads afresh when an input file or an option changes, and reuses the stored table otherwise", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "table-cache-"));
  try {
    const input = path.join(root, "listing.txt");
    fs.writeFileSync(input, "a");
    let reads = 0;
    const request = (options: unknown) => ({
      root,
      inputs: [input],
      options,
      read: () => {
        reads++;
        return pl.DataFrame({ text: [fs.readFileSync(input, "utf8")] });
      },
    });
    assert.equal(cachedTable(request({})).getColumn("text").get(0), "a");
    assert.equal(cachedTable(request({})).getColumn("text").get(0), "a");
    assert.equal(reads, 1, "the second read comes from the cache");
    fs.writeFileSync(input, "b");
    assert.equal(cachedTable(request({})).getColumn("text").get(0), "b");
    assert.equal(reads, 2, "a changed input is read afresh");
    cachedTable(request({ missingCard: "paper" }));
    assert.equal(reads, 3, "another option is read afresh");
    assert.equal(fs.readdirSync(path.join(root, TABLE_CACHE_DIR)).filter((f) => f.endsWith(".tmp")).length, 0);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
