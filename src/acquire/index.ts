// Acquisition (docs/methods.md §2.1-2.2): a fresh Hub crawl (listing, then cards) or the paper's released dataset,
// both resumable, rate-limit safe and verified, plus the local mock Hub they run against offline. This file only
// re-exports what a researcher calls.
export { crawlListing, crawlCheckpointPath, type CrawlOptions, type CrawlSummary } from "./crawl";
export { fetchCards, cardBookkeeping, type CardFetchOptions, type CardFetchSummary } from "./cards";
export { listedModelIds, compareListingFiles, type ListingComparison } from "./listingShards";
export { downloadVerified, sha256File, ChecksumError, PAPER_DATASET, type PinnedFile } from "./download";
export { fetchPaperDataset, convertReleasedCsv } from "./paperDataset";
export { hubSettings, type HubSettings } from "./hubSettings";
export { Retrier, DEFAULT_RETRY_POLICY, type RetryPolicy, type RetryOptions } from "./retry";
export { filesContaining } from "./secrets";
export {
  startMockHub,
  sampleHubData,
  repeatedListing,
  type MockHub,
  type MockHubData,
  type MockHubOptions,
} from "./mockHub";
export type { CrawlSort } from "./crawl";
export type { MockFault, MockFaultKind, MockHubFile, MockRequest, MockRoute } from "./mockHub";
export type { ConversionSummary, PaperDatasetSummary } from "./paperDataset";
export type { DownloadOptions, DownloadSummary } from "./download";
export type { RequestTally, RetryEvent } from "./retry";
