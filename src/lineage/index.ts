// The lineage graph (docs/methods.md §3): parent columns → edges → CSR graph and its variants → families,
// generations and pattern totals, and the numbers the reference results hold. This file only re-exports what a
// researcher calls; the parsers and the CSR internals stay in their files.
export {
  buildLineageGraph,
  LINEAGE_COLUMNS,
  lineageVariant,
  relationGraph,
  nodeId,
  nodeOf,
  childrenOf,
  parentsOf,
  childCount,
  parentCount,
  GRAPH_VARIANTS,
  type GraphVariant,
  type RelationVariant,
  type LineageGraph,
  type LineageGraphOptions,
} from "./graph";
export { EDGE_TYPE_BY_CODE, EDGE_TYPE_CODE, RELATION_PRECEDENCE, type EdgeType } from "./relations";
export { describeLineageReport, type LineageReport } from "./report";
export { familyOf, familyRootOf, eachDescendant, type Family, type FamilyOptions } from "./family";
export { familyTreeData, type FamilyTreeData, type FamilyTreeOptions } from "./familyTreeData";
export {
  lineageFamilies,
  largestFamilies,
  largestFamilyIndices,
  familySizeHistogram,
  type Families,
  type FamilySummary,
} from "./families";
export { familyTable, lineageDistributions, type LineageDistributions } from "./familyTable";
export { lineageGenerations, familyDepths } from "./generations";
export { subgraphPatternTotals, furtherChildren, childrenPerParentHistogram, type FurtherChildren } from "./patterns";
export { edgeTable, edgeDeltas, type EdgeDeltas } from "./deltas";
export { nodeColumn } from "./nodeColumns";
export { lineageStats, edgeListAgreement } from "./lineageStats";
export type { ExtraEdge, TreeNode } from "./familyTreeData";
export type { DroppedMissingParents, Finding } from "./report";
export type { SubgraphPatternTotals } from "./patterns";
export type { FamilyTableOptions } from "./familyTable";
export type { GenerationRule } from "./generations";
