// Reference results and the paper's own numbers (data/reference/README.md): reading the authors' results on the
// data in use, comparing a notebook's stats with them key by key, and the paper's population numbers. Notebooks
// usually need only `run.compare(stats)`. This file only re-exports.
export { readReference, referenceValue, leafAt } from "./results";
export { compareStats, statusCounts, allAgree, type Comparison } from "./compare";
export { compareValues, sameNumber, REFERENCE_TOLERANCE, AGREEING, type ComparisonStatus } from "./rules";
export { compareSampledMeans, fixedPairsMaxError, vocabularyAgreement, SAMPLED_MEAN_HALF_WIDTHS } from "./similarity";
export {
  claimsLedger,
  PAPER_CLAIMS,
  type Claim,
  type ClaimReading,
  type LedgerCell,
  type LedgerRow,
  type NullVerdict,
} from "./ledger";
export type { SampledComparison, VocabularyAgreement } from "./similarity";
export * from "../paper";
