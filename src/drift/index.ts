// Trait drift (docs/methods.md §4.2, §4.3, §5, §6): trait columns → mutation rates → transition graphs → oriented
// graph and top-n → exact optimal orderings → the two reported metrics; numerical (card, language) drifts, and the
// paper's two runs. This file only re-exports what a researcher calls.
export { TRAITS, traitColumn, traitValues, traitCounter, type Trait, type TraitColumn } from "./traitCodes";
export { mutationRate, mutationRates, RATE_NAMES, type MutationRate } from "./mutation";
export { traitTransitions, transitionRows, type TraitGraph, type TransitionRow } from "./transitions";
export { orientedTraitGraph, topTraits, TOP_N_EXCLUDED, type OrientedGraph, type TopTraits } from "./oriented";
export { solveOrdering, optimalOrderings, orderingValue, transitiveReduction, MAX_ORDERING_NODES } from "./ordering";
export type { OrderingProblem, OrderingSolution, OrderingOptions } from "./ordering";
export { traitOrdering, weightedOptimalOrderings, type TraitOrdering } from "./traitOrdering";
export { cardDrift, type CardDrift } from "./cardDrift";
export {
  driftRun,
  traitColumns,
  orderingRunStats,
  numericalDriftStats,
  driftStats,
  ORDERING_RUNS,
  type DriftRun,
  type OrderingRun,
} from "./driftRun";
export {
  traitFlowData,
  categoryTransitions,
  netCategoryFlow,
  traitCategory,
  LICENSE_CATEGORIES,
  TASK_CATEGORIES,
  type TraitFlowData,
  type TraitFlowOptions,
} from "./flow";
export type { BoundaryTie, TopGraphRows } from "./oriented";
export type { FlowEdge, FlowNode } from "./flow";
export type { Fraction } from "./traitOrdering";
export type { PairMean } from "./cardDrift";
