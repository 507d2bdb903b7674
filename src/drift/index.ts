// Trait drift (docs/methods.md §4.2, §4.3, §5, §6): trait columns → mutation rates → transition graphs → oriented graph
// and top-n → exact optimal orderings → the two reported metrics; numerical (card, language) drifts; the oracle's
// key paths and comparison rules. This file only re-exports.
export * from "./traitCodes";
export * from "./mutation";
export * from "./transitions";
export * from "./oriented";
export * from "./ordering";
export * from "./traitOrdering";
export * from "./cardDrift";
export * from "./printed";
export * from "./oracleStats";
export * from "./oracleCheck";
export * from "./flow";
