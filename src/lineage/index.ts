// The lineage graph (docs/methods.md §3, §4.1, §5): parent columns → edges → CSR graph and its variants → families,
// generations, pattern totals and the oracle's numbers. This file only re-exports.
export * from "./relations";
export * from "./ids";
export * from "./report";
export * from "./edges";
export * from "./cycles";
export * from "./graph";
export * from "./nodeColumns";
export * from "./deltas";
export * from "./families";
export * from "./generations";
export * from "./patterns";
export * from "./familyTable";
export * from "./oracleStats";
export * from "./family";
export * from "./familyTreeData";
