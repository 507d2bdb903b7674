// Relation types of a lineage edge and the rule that picks one effective type per edge
// (docs/methods.md §3.1 "Edge type"; data/reference/README.md §4).
//
// A child lists a parent in up to five columns: the generic `base_model:<id>` tag (parent_model) and the typed
// `base_model:<relation>:<id>` tags (finetune_parent, quantized_parent, adapter_parent, merge_parent). One
// (parent, child) pair is ONE edge; it keeps every relation that named it as bit flags, and one effective type.
//
//   "base_model:adapter:org/x" and "base_model:org/x" on the same child  ⇥  flags GENERIC|ADAPTER, type "adapter"
//   "base_model:org/x" alone                                               ⇥  flags GENERIC, type "none"
import type { PARENT_COLUMNS } from "../data/schema";
import { RELATIONS, type Relation } from "../data/tags";

/**
 * The effective type of an edge, "none" when only the generic `base_model:<id>` tag names it:
 * `EDGE_TYPE_BY_CODE[g.edgeType[e]]`.
 */
export type EdgeType = Relation | "none";

/** Bit flag of each typed relation in an edge's flags: `flags & RELATION_FLAG.merge`. */
export const RELATION_FLAG: Readonly<Record<Relation, number>> = { finetune: 1, quantized: 2, adapter: 4, merge: 8 };

/**
 * Bit flag set when the generic `base_model:<id>` tag (parent_model) lists the parent: `(flags & GENERIC_PARENT_FLAG)
 * !== 0`.
 */
export const GENERIC_PARENT_FLAG = 16;

/**
 * Which relation wins when several name the same edge, highest first.
 * The authors' code assigns `edge_type` in the order finetune, quantized, adapter, merge, each match overwriting
 * the last, so the effective precedence is merge > adapter > quantized > finetune. Kept as a named constant so the
 * rule is visible: `effectiveEdgeTypeCode(RELATION_FLAG.finetune | RELATION_FLAG.merge) === EDGE_TYPE_CODE.merge`.
 */
export const RELATION_PRECEDENCE: readonly Relation[] = ["merge", "adapter", "quantized", "finetune"];

/** Integer code of each effective edge type, as stored in `LineageGraph.edgeType`: `EDGE_TYPE_CODE.finetune === 1`. */
export const EDGE_TYPE_CODE: Readonly<Record<EdgeType, number>> = {
  none: 0,
  finetune: 1,
  quantized: 2,
  adapter: 3,
  merge: 4,
};

/** Effective edge type by code: `EDGE_TYPE_BY_CODE[graph.edgeType[e]]`. */
export const EDGE_TYPE_BY_CODE: readonly EdgeType[] = ["none", "finetune", "quantized", "adapter", "merge"];

/** The flag each parent column contributes: `PARENT_COLUMN_FLAG.adapter_parent === RELATION_FLAG.adapter`. */
export const PARENT_COLUMN_FLAG: Readonly<Record<(typeof PARENT_COLUMNS)[number], number>> = {
  parent_model: GENERIC_PARENT_FLAG,
  finetune_parent: RELATION_FLAG.finetune,
  quantized_parent: RELATION_FLAG.quantized,
  adapter_parent: RELATION_FLAG.adapter,
  merge_parent: RELATION_FLAG.merge,
};

/** Effective type code for every flag combination (0..31), precomputed from RELATION_PRECEDENCE. */
const EFFECTIVE_CODE_BY_FLAGS: Uint8Array = (() => {
  const table = new Uint8Array(32);
  for (let flags = 0; flags < 32; flags++) {
    const winner = RELATION_PRECEDENCE.find((r) => (flags & RELATION_FLAG[r]) !== 0);
    table[flags] = winner ? EDGE_TYPE_CODE[winner] : EDGE_TYPE_CODE.none;
  }
  return table;
})();

/**
 * Effective type code of an edge from its flags: `effectiveEdgeTypeCode(RELATION_FLAG.adapter | GENERIC_PARENT_FLAG)
 * === 3`.
 */
export function effectiveEdgeTypeCode(flags: number): number {
  return EFFECTIVE_CODE_BY_FLAGS[flags & 31];
}

/**
 * All typed relations of an edge, in the order finetune, quantized, adapter, merge: `edgeTypesList(9)` → ["finetune",
 * "merge"].
 */
export function edgeTypesList(flags: number): Relation[] {
  return RELATIONS.filter((r) => (flags & RELATION_FLAG[r]) !== 0);
}

/** The authors' `'+'.join(edge_types)` key of an edge: `edgeTypesKey(9) === "finetune+merge"`, "" for generic only. */
export function edgeTypesKey(flags: number): string {
  return edgeTypesList(flags).join("+");
}

/** The authors' Counter key of an effective type: `edgeTypeLabel(0) === "None"`, `edgeTypeLabel(1) === "finetune"`. */
export function edgeTypeLabel(code: number): string {
  return code === EDGE_TYPE_CODE.none ? "None" : EDGE_TYPE_BY_CODE[code];
}
