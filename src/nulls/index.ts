// Baselines for the paper's numbers (docs/methods.md §4.1, §4.3, §6): null models of the optimal ordering and of the
// mutation rates, kinship controls for family resemblance, and experiments with the drift simulator calibrated to an
// observed snapshot, with their figures. This file only re-exports what a researcher calls.
export { summarizeNull, nullStat, type NullSummary, type NullSide } from "./summary";
export {
  replicatesFor,
  describeReplicates,
  NULL_BUDGETS,
  DEFAULT_REPLICATES,
  MIN_REPLICATES,
  type ReplicatePlan,
  type ReplicateOptions,
} from "./budget";
export { orderingMetrics, kendallTau, type OrderingMetrics } from "./orderingMetrics";
export {
  orderingNullTest,
  edgeTransitions,
  ORDERING_NULLS,
  ORDERING_NULL_LABELS,
  type OrderingNull,
  type OrderingNullTest,
  type OrderingNullResult,
  type OrderingNullOptions,
  type EdgeTransitions,
} from "./ordering";
export {
  mutationNullTest,
  edgeMutations,
  relationComparison,
  MUTATION_NULLS,
  MUTATION_NULL_LABELS,
  type MutationNull,
  type MutationNullTest,
  type MutationNullOptions,
  type EdgeMutations,
  type RelationComparison,
  type RelationComparisonOptions,
} from "./mutation";
export {
  resemblanceControls,
  CORPUS_VARIANTS,
  CORPUS_VARIANT_LABELS,
  type CorpusVariant,
  type ControlledResemblance,
  type BaselineVerdict,
  type OrganisationSplit,
  type ResemblanceControlOptions,
} from "./resemblance";
export { calibrateSimulator, snapshotProfile, type CalibrationOptions, type SnapshotProfile } from "./calibrate";
export {
  ecosystemGraph,
  ecosystemTraitColumn,
  simulatedOrdering,
  qScan,
  impliedQ,
  inheritanceScan,
  type SimulatedOrdering,
  type QScanOptions,
  type QScanCell,
  type InheritancePoint,
  type InheritanceScanOptions,
} from "./simulation";
export {
  nullIntervalsSpec,
  controlledResemblanceSpec,
  qScanSpec,
  inheritanceSpec,
  type NullIntervalRow,
  type NullIntervalOptions,
  type ReferenceLine,
} from "./charts";
export {
  verdict,
  orderingNullRows,
  orderingNullTable,
  orderingNullStats,
  mutationNullRows,
  mutationNullTable,
  mutationNullStats,
  relationComparisonStats,
  resemblanceControlStats,
  NULL_ALPHA,
} from "./report";
