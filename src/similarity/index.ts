// Family resemblance (docs/methods.md §4.1, §5 F-sim-meta-tfidf): metadata and card "DNA" strings, the three
// similarity measures, kinship sampling with bootstrap intervals, the paper's claims, and similarity inside one family.
// This file only re-exports what a researcher calls; the tokenizer, the term table's internals and key encoders stay
// internal.
export {
  metadataCorpus,
  cardCorpus,
  corpusOf,
  MIN_CARD_CODE_POINTS,
  METADATA_CORPUS_COLUMNS,
  type DnaCorpus,
  type CorpusKind,
} from "./dna";
export { metadataStrings, type MetadataStringOptions, type MetadataRedaction } from "./metadataString";
export { levenshteinDistance, levenshteinSimilarity } from "./levenshtein";
export {
  fitVectorizer,
  cosineSimilarity,
  MAX_FEATURES,
  type Vectorizer,
  type VectorizerOptions,
  type SparseVector,
} from "./vectorizer";
export { documentTerms, TIE_BREAKS, DEFAULT_TIE_BREAK, type TieBreak, type VocabularyFit } from "./vocabulary";
export {
  similarityMeasures,
  similarityMeasuresAsync,
  vectorMeasure,
  levenshteinMeasure,
  MEASURE_NAMES,
  MEASURE_LABELS,
  type MeasureName,
  type SimilarityMeasure,
  type CorpusMeasures,
} from "./measures";
export {
  KINSHIP_PATTERNS,
  KINSHIP_CONFIGS,
  kinshipConfig,
  kinshipLabel,
  type KinshipConfig,
  type KinshipPattern,
  type PatternName,
} from "./kinship";
export { sampleKinship, sampleConfig, type KinshipSample, type SampleOptions } from "./sample";
export {
  KINSHIP_CONTROLS,
  CONTROL_LABELS,
  controlConfig,
  controlGroups,
  sampleControl,
  type KinshipControl,
  type ControlGroups,
} from "./controls";
export { bootstrapMean, type MeanInterval } from "./bootstrap";
export {
  runResemblance,
  resemblanceRunStats,
  kinshipSimilarities,
  resemblanceStats,
  samplersWithoutInstances,
  type ResemblanceRun,
  type ResemblanceOptions,
  type ConfigSimilarities,
} from "./resemblance";
export { resemblanceClaims, type ClaimCheck } from "./claims";
export { paperFigureMeans, paperFigureStats } from "./paperMeans";
export {
  familySimilarity,
  pickFamilyRoot,
  kinshipClassOf,
  generationsApartOf,
  ancestorSteps,
  type FamilySimilarity,
  type PairGrouping,
  type FamilyChoice,
  type ClassMean,
} from "./familyMatrix";
export {
  fixedPairSelection,
  scoreFixedPairs,
  fixedPairsAndVocabulary,
  authorsNTotals,
  samplersWithoutInstancesStat,
  type FixedPair,
  type FixedPairsAndVocabulary,
} from "./fixedPairs";
export { parentChildDiff, type ParentChildDiff } from "./pairDiff";
export { editAlignment, type EditSegment } from "./editAlignment";
export type { EditOp } from "./editAlignment";
export type { Kinship } from "./kinship";
export type { BootstrapOptions } from "./bootstrap";
export type { CardCorpusOptions, MetadataCorpusOptions } from "./dna";
export type { FixedPairOptions } from "./fixedPairs";
export type { KinshipSimilarityOptions } from "./resemblance";
export type { ParentChildDiffOptions } from "./pairDiff";
export type { TermWeighting } from "./vectorizer";
export { countTerms, countTermsAsync, type TermTable, type CountTermsOptions } from "./termTable";
export type { TokenSpans } from "./tokens";
