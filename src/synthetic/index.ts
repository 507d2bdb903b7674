// Synthetic ecosystems for scale tests and for trying hypotheses (never the paper's data): a generator calibrated to
// the paper's population numbers, its marginals check, and a lineage-only table for timing. This file only
// re-exports what a researcher calls.
export { generateSyntheticSnapshot, writeSyntheticParquet, SYNTHETIC_SIZES, type SyntheticOptions } from "./generate";
export { measureSnapshot, type SnapshotMarginals } from "./measure";
export { checkSyntheticMarginals, marginalTable, type MarginalCheck } from "./check";
export { syntheticLineageTable, type SyntheticLineageOptions } from "./lineageTable";
export type { Counted, EdgeMeans } from "./measure";
export type { SyntheticWriteResult } from "./generate";
