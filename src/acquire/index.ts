// Acquisition (docs/methods.md §2.1-2.2): a fresh Hub crawl (listing, then cards) or the paper's released
// dataset, both resumable, rate-limit safe and verified, plus the local mock Hub they are tested on.
// This file only re-exports; `src/index.ts` re-exports it.
export * from "./retry";
export * from "./secrets";
export * from "./hubSettings";
export * from "./rateProgress";
export * from "./checkpoint";
export * from "./listingShards";
export * from "./crawl";
export * from "./cards";
export * from "./download";
export * from "./paperDataset";
export * from "./mockHub";
