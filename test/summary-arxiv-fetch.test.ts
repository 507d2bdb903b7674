// arXiv categories from the API (docs/methods.md §2.4, §5 summary figure): a mock arXiv API on 127.0.0.1 answers from
// the authors' real cache; the fetcher must give back exactly the cached categories, survive a 503, split a batch
// the API rejects, cache unknown ids as None, and fill the kit's own cache so the summary panel equals the one
// computed from the authors' full cache, with nothing fetched twice.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { Retrier } from "../src/acquire/retry";
import { loadDataset } from "../src/datasets";
import { loadSettings } from "../src/settings";
import {
  arxivCategoryCounts,
  modelArxivPairs,
  readArxivCategoryCache,
  type ArxivCategoryCache,
} from "../src/summary/arxiv";
import {
  arxivCacheLine,
  arxivCategoriesFor,
  fetchArxivCategories,
  parseArxivFeed,
  versionlessArxivId,
} from "../src/summary/arxivFetch";
import { ARXIV_CACHE } from "./helpers/data";

const settings = loadSettings({ dataset: "sample" });
const authorsCacheFile = ARXIV_CACHE;
const authors = readArxivCategoryCache(authorsCacheFile);

/** An Atom entry as the arXiv API writes it (abs URL with a version, one category element per category). */
function entry(id: string, categories: string[]): string {
  const cats = categories.map((c) => `<category term="${c}" scheme="http://arxiv.org/schemas/atom"/>`).join("");
  return `<entry><id>http://arxiv.org/abs/${id}v2</id><title>t</title><arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="${categories[0]}"/>${cats}</entry>`;
}

const feed = (entries: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">${entries}</feed>`;

/** A mock arXiv API answering from `known`; ids with a space or "bad" fail the whole request; `failFirst` 503s. */
async function mockArxiv(known: ArxivCategoryCache, failFirst = 0) {
  const requests: string[][] = [];
  let failures = failFirst;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, "http://127.0.0.1");
    const ids = (url.searchParams.get("id_list") ?? "").split(",");
    requests.push(ids);
    if (failures > 0) {
      failures--;
      res.writeHead(503, { "Retry-After": "1" }).end("busy");
      return;
    }
    res.writeHead(200, { "Content-Type": "application/atom+xml" });
    if (ids.some((id) => id.includes("bad"))) {
      res.end(
        feed(
          `<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_${ids.find((i) => i.includes("bad"))}</id><summary>incorrect id format</summary></entry>`,
        ),
      );
      return;
    }
    res.end(feed(ids.map((id) => (known.get(id) ? entry(id, known.get(id)!) : "")).join("")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/query`;
  return { apiUrl, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const fast = () => new Retrier({ timeScale: 0 });

test("parseArxivFeed() reads ids without version and categories in feed order; error entries are flagged", () => {
  const parsed = parseArxivFeed(feed(entry("2106.09685", ["cs.CL", "cs.AI", "cs.LG"])));
  assert.deepEqual([...parsed.categories], [["2106.09685", ["cs.CL", "cs.AI", "cs.LG"]]]);
  assert.equal(parsed.error, null);
  assert.equal(
    parseArxivFeed(
      feed(`<entry><id>http://arxiv.org/api/errors#x</id><summary>incorrect id format for x</summary></entry>`),
    ).error,
    "incorrect id format for x",
  );
  assert.equal(parseArxivFeed("<html>gateway timeout</html>").error, "not an Atom feed");
  assert.equal(versionlessArxivId("http://arxiv.org/abs/hep-th/9901001v3"), "hep-th/9901001");
  assert.equal(arxivCacheLine("2401.00000", null), "2401.00000: None");
  assert.equal(arxivCacheLine("2110.02178", ["cs.CV", "cs.AI"]), "2110.02178: ['cs.CV', 'cs.AI']");
});

test("250 real ids in batches of 100 come back exactly as the authors' cache has them, after a 503", async () => {
  const ids = [...authors.keys()].filter((id) => authors.get(id) !== null).slice(0, 250);
  const mock = await mockArxiv(authors, 1);
  try {
    const retrier = fast();
    const got = await fetchArxivCategories(ids, { apiUrl: mock.apiUrl, pauseMs: 0, retrier: retrier });
    assert.deepEqual(
      ids.map((id) => got.get(id)),
      ids.map((id) => authors.get(id)),
    );
    assert.deepEqual(
      mock.requests.map((r) => r.length),
      [100, 100, 100, 50],
      "the 503'd batch asked again",
    );
    assert.equal(retrier.used, 1);
  } finally {
    await mock.close();
  }
});

test("a batch the API rejects is asked id by id; malformed and unknown ids are cached as None", async () => {
  const mock = await mockArxiv(authors);
  try {
    const got = await fetchArxivCategories(["2110.02178", "bad-id", "2401.00000"], {
      apiUrl: mock.apiUrl,
      pauseMs: 0,
      retrier: fast(),
    });
    assert.deepEqual(
      [...got],
      [
        ["2110.02178", authors.get("2110.02178")],
        ["bad-id", null],
        ["2401.00000", null],
      ],
    );
    assert.deepEqual(mock.requests, [
      ["2110.02178", "bad-id", "2401.00000"],
      ["2110.02178"],
      ["bad-id"],
      ["2401.00000"],
    ]);
  } finally {
    await mock.close();
  }
});

test("online, the sample's ids missing from a partial cache are fetched once, cached, and give the authors' arXiv panel", async () => {
  const models = loadDataset(settings);
  const linked = [...new Set(modelArxivPairs(models).getColumn("arxiv").toArray() as string[])].sort();
  assert.equal(linked.length > 40, true, `${linked.length} linked ids`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arxiv-"));
  const partial = path.join(dir, "authors-partial.txt");
  const dropped = new Set(linked.filter((_, i) => i % 4 === 0));
  fs.writeFileSync(
    partial,
    [...authors]
      .filter(([id]) => !dropped.has(id))
      .map(([id, c]) => arxivCacheLine(id, c))
      .join("\n") + "\n",
  );
  const writable = path.join(dir, "kit", "arxiv_all_categories_dict.txt");
  const mock = await mockArxiv(authors);
  try {
    const offline = await arxivCategoriesFor(models, { cacheFiles: [partial], writableCache: writable, online: false });
    assert.deepEqual(offline.missing, [...dropped].sort());
    const online = await arxivCategoriesFor(models, {
      cacheFiles: [partial],
      writableCache: writable,
      online: true,
      apiUrl: mock.apiUrl,
      pauseMs: 0,
      batchSize: 7,
      retrier: fast(),
    });
    assert.equal(online.fetched, dropped.size);
    assert.deepEqual(online.missing, []);
    assert.equal(mock.requests.length, Math.ceil(dropped.size / 7));
    assert.deepEqual(arxivCategoryCounts(models, online.cache), arxivCategoryCounts(models, authors));
    assert.deepEqual(
      [...readArxivCategoryCache(writable)].sort(),
      [...dropped].sort().map((id) => [id, authors.get(id)]),
    );
    const again = await arxivCategoriesFor(models, {
      cacheFiles: [partial],
      writableCache: writable,
      online: true,
      apiUrl: mock.apiUrl,
      pauseMs: 0,
      retrier: fast(),
    });
    assert.equal(again.fetched, 0);
    assert.equal(mock.requests.length, Math.ceil(dropped.size / 7), "nothing asked twice");
  } finally {
    await mock.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
