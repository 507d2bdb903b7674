// The ecosystem at a glance (docs/methods.md §4.4, §5 F-summary): counts of what models declare, the summary
// figure's eight panels, arXiv categories of linked papers, growth over time. This file only re-exports.
export { valueCounts, topCounts, type BarRow } from "./counts";
export { summaryFigureData, SUMMARY_PANELS, type SummaryPanel, type SummaryBar } from "./summaryFigure";
export { summaryStats } from "./summaryStats";
export {
  arxivCacheFile,
  arxivWritableCacheFile,
  readArxivCategoryCache,
  arxivCategoryCounts,
  type ArxivCategoryCache,
} from "./arxiv";
export { arxivCategoriesFor, fetchArxivCategories, type ArxivCategoriesOptions } from "./arxivFetch";
export { arxivCategoryLabel } from "./arxivCategories";
export {
  createdAtMs,
  timeHistogram,
  familyGrowth,
  largestFamiliesGrowth,
  type TimeBin,
  type GrowthPoint,
} from "./createdAt";
export type { ArxivCategories, ArxivFetchOptions } from "./arxivFetch";
export type { SummaryOptions } from "./summaryFigure";
