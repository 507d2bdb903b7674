// Benchmark stages of the acquisition (docs/methods.md §2.1), in bench/stages.ts's format, against the local
// mock Hub (these machines cannot reach huggingface.co). The mock runs in a process of its own, as the
// Hub would, so the measured process does only the client's work:
//   crawl-listing   100,000 listing objects (the real sample repeated with distinct ids), pages of 1,000,
//                   parsed and written to NDJSON shards with checkpoints    budget >= 5,000 models/s
//   card-fetch      the sample's 1,415 cards at concurrency 16, the mock answering each request after 30 ms;
//                   the ideal rate is 16 requests per 30 ms (two requests per card)   budget >= 80% of it
// Register them with `STAGES.push(...ACQUIRE_STAGES)`.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fetchCards } from "../src/acquire/cards";
import { crawlListing } from "../src/acquire/crawl";
import { listingFiles } from "../src/datasets";
import { readCardTexts } from "../src/data/listing";
import { SHIPPED_FOLDERS, holdsListing, loadSettings, repoRoot } from "../src/settings";
import type { BenchStage } from "./stages";

/** Why the acquisition stages are not run at 18.6M models. */
const MOCK_HUB = "measured against a mock Hub; the rate does not depend on the snapshot's size";

/** Models served to the listing crawl. */
const LISTING_MODELS = 100_000;
/** Least listing throughput, models parsed and written per second. */
const MIN_MODELS_PER_SECOND = 5000;
/** Mock latency of every card request, ms, and the concurrency of the card fetch. */
const CARD_LATENCY_MS = 30;
const CARD_CONCURRENCY = 16;
/** Least share of the ideal card rate (concurrency / latency) to pass. */
const MIN_SHARE_OF_IDEAL = 0.8;

/**
 * A mock Hub serving the sample (its listing repeated to `models` when given) from a child process; `stop()` ends it.
 */
async function startMockHubProcess(options: {
  models?: number;
  latencyMs?: number;
}): Promise<{ url: string; stop: () => void }> {
  const src = path.join(repoRoot(), "src");
  const code = `
    const m = require(${JSON.stringify(path.join(src, "acquire", "mockHub.ts"))});
    const data = m.sampleHubData(require(${JSON.stringify(path.join(src, "settings.ts"))}).loadSettings({ dataset: "sample" }).hfData);
    const listing = ${options.models ?? 0} > 0 ? m.repeatedListing(data.listing, ${options.models ?? 0}) : data.listing;
    m.startMockHub({ listing, cards: data.cards }, { latencyMs: ${options.latencyMs ?? 0}, recordRequests: false }).then((hub) => console.log(hub.url));`;
  const child = spawn(process.execPath, ["--import", "tsx", "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (d) => resolve(String(d).trim()));
    child.once("exit", (status) =>
      reject(new Error(`bench/stages-acquire: the mock Hub process exited with ${status}`)),
    );
  });
  return { url, stop: () => child.kill() };
}

function unavailable(): string | null {
  return holdsListing(SAMPLE_FOLDER())
    ? null
    : "needs the shipped sample in data/sample (restore it with `git checkout -- data/`)";
}

/** The shipped sample's folder. */
const SAMPLE_FOLDER = () => path.join(repoRoot(), SHIPPED_FOLDERS.sample);

/** The acquisition stages, in run order. */
export const ACQUIRE_STAGES: BenchStage[] = [
  {
    name: "crawl-listing",
    description: `crawl ${LISTING_MODELS.toLocaleString("en-US")} models from the local mock Hub in pages of 1,000 into NDJSON shards with checkpoints (§2.1); passes at >= ${MIN_MODELS_PER_SECOND.toLocaleString("en-US")} models/s`,
    budget: { seconds: LISTING_MODELS / MIN_MODELS_PER_SECOND },
    tenX: { skip: MOCK_HUB },
    needsDataset: false,
    unavailable,
    run: async () => {
      const hub = await startMockHubProcess({ models: LISTING_MODELS });
      const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-crawl-"));
      try {
        const s = await crawlListing({ outDir, hubUrl: hub.url, pageSize: 1000, progress: false });
        const rate = s.models / s.seconds;
        const bytes = fs.statSync(path.join(outDir, "listing.ndjson")).size;
        return {
          rows: s.models,
          bytes,
          ok: s.complete && s.models === LISTING_MODELS && rate >= MIN_MODELS_PER_SECOND,
          note: `${Math.round(rate).toLocaleString("en-US")} models/s (budget >= ${MIN_MODELS_PER_SECOND.toLocaleString("en-US")}), ${s.pages} pages, ${(bytes / 1e6).toFixed(0)} MB written`,
        };
      } finally {
        hub.stop();
        fs.rmSync(outDir, { recursive: true, force: true });
      }
    },
  },
  {
    name: "card-fetch",
    description: `fetch the sample's cards at concurrency ${CARD_CONCURRENCY} from the mock Hub answering after ${CARD_LATENCY_MS} ms (§2.1); passes within ${MIN_SHARE_OF_IDEAL * 100}% of the ideal ${CARD_CONCURRENCY} requests per ${CARD_LATENCY_MS} ms`,
    budget: {},
    tenX: { skip: MOCK_HUB },
    needsDataset: false,
    unavailable,
    load: () => [...readCardTexts(listingFiles(loadSettings({ dataset: "sample" })).cards!).keys()],
    run: async (_ctx, loaded) => {
      const ids = loaded as string[];
      const hub = await startMockHubProcess({ latencyMs: CARD_LATENCY_MS });
      const outFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-cards-")), "cards.ndjson");
      try {
        const t0 = performance.now();
        const s = await fetchCards(ids, { outFile, hubUrl: hub.url, concurrency: CARD_CONCURRENCY, progress: false });
        const seconds = (performance.now() - t0) / 1000;
        const requests = 2 * s.withCard; // a size probe (Range: bytes=0-0) and a GET per card
        const ideal = (requests / CARD_CONCURRENCY) * (CARD_LATENCY_MS / 1000);
        const share = ideal / seconds;
        return {
          rows: s.fetched,
          ok: s.withCard === ids.length && share >= MIN_SHARE_OF_IDEAL,
          note: `${Math.round(s.fetched / seconds)} cards/s, ideal ${Math.round(s.fetched / ideal)} cards/s (${requests} requests x ${CARD_LATENCY_MS} ms / ${CARD_CONCURRENCY}): ${(share * 100).toFixed(0)}% of ideal`,
        };
      } finally {
        hub.stop();
        fs.rmSync(path.dirname(outFile), { recursive: true, force: true });
      }
    },
  },
];
