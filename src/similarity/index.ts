// Family resemblance (docs/methods.md §4.1, §5): DNA strings, the three similarity measures, kinship sampling with
// bootstrap intervals, family similarity matrices and the comparison with the reference. This file only re-exports.
export * from "./editAlignment";
export * from "./dna";
export * from "./metadataString";
export * from "./metadataTokens";
export * from "./levenshtein";
export * from "./tokens";
export * from "./termTable";
export * from "./vocabulary";
export * from "./vectorizer";
export * from "./measures";
export * from "./kinship";
export * from "./sample";
export * from "./bootstrap";
export * from "./resemblance";
export * from "./oracleRule";
export * from "./familyMatrix";
export * from "./referenceStats";
export * from "./claims";
export * from "./reference";
export * from "./paperMeans";
export * from "./pairDiff";
