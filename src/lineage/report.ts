// What was wrong with the lineage of a snapshot and what the graph builder did about it (docs/methods.md §3.1, §3.4).
// Every rule is deterministic:
//
// - missing parent    a listed parent that is not a model of the snapshot: the reference is dropped and counted
//                     (the paper's rule, oracle `graph.dropped_missing_parent`).
// - self-loop         a model listing itself: dropped (networkx would keep it as an edge).
// - repeated parent   the same parent listed twice in one column: kept once.
// - multi-relation    one parent named by several typed relations: ONE edge with every type, effective type by
//                     RELATION_PRECEDENCE.
// - URL / whitespace  normalised before matching (ids.ts); the changed references are counted.
// - case only         a missing parent that matches a model when case is ignored: reported, and resolved only
//                     with `ignoreCase: true`.
// - duplicate id      a parent id shared by several rows: it resolves to the first row (only ids listed as a
//                     parent are checked; a duplicate nobody names as parent does not change the lineage).
// - cycle             an edge into an ancestor, found by depth-first search from the oldest models first: dropped
//                     (cycles.ts), so every graph is a DAG.

/**
 * References dropped because the parent is not in the snapshot (oracle `graph.dropped_missing_parent`):
 * `graph.report.missingParents.pairs`.
 */
export interface DroppedMissingParents {
  /** Distinct (parent, child) pairs skipped. */
  pairs: number;
  /** Distinct children with at least one skipped parent. */
  childrenAffected: number;
  /** Distinct parent ids not in the snapshot. */
  distinctMissingParents: number;
  /** Most often skipped parent ids with their pair counts, ties in order of first appearance (row, then column). */
  topMissingParents: [string, number][];
}

/** A count with a few examples, for the report: `graph.report.selfLoops.examples`. */
export interface Finding<Example> {
  count: number;
  examples: Example[];
}

/**
 * Everything unusual found while turning parent columns into edges, and how it was handled:
 * `buildLineageGraph(models).report`.
 */
export interface LineageReport {
  /** (child, column, parent) references read from the five parent columns. */
  references: number;
  missingParents: DroppedMissingParents;
  /** Self-loops dropped: distinct models listing themselves. Examples: model ids. */
  selfLoops: Finding<string>;
  /** References repeating a parent already listed in the same column of the same child. Examples: [child, parent]. */
  repeatedReferences: Finding<[string, string]>;
  /** Edges named by two or more typed relations. Examples: [parent, child, "finetune+merge"]. */
  multiRelationEdges: Finding<[string, string, string]>;
  /** References whose id changed under normalisation. Examples: [as written, normalised]. */
  normalizedReferences: Finding<[string, string]>;
  /** Model ids (the `id` column) changed by normalisation. Examples: [as written, normalised]. */
  normalizedModelIds: Finding<[string, string]>;
  /**
   * Rows repeating the id of an earlier row, among ids listed as a parent; parents resolve to the first. Examples: ids.
   */
  duplicateModelIds: Finding<string>;
  /**
   * Missing parent references (distinct pairs) that match a model when case is ignored. Examples: [reference, model
   * id].
   */
  caseOnlyMismatches: Finding<[string, string]> & { resolved: boolean };
  /** Edges dropped because they close a cycle. Examples: the cycle's ids, the dropped edge runs from last to first. */
  cycleEdgesDropped: Finding<string[]>;
}

/** Number of examples kept per finding: `finding.examples.length <= REPORT_EXAMPLES`. */
export const REPORT_EXAMPLES = 5;

/**
 * A report with nothing found yet, for `references` parent references: `emptyLineageReport(0, { caseResolved: true })`.
 */
export function emptyLineageReport(references: number, options: { caseResolved?: boolean } = {}): LineageReport {
  return {
    references,
    missingParents: { pairs: 0, childrenAffected: 0, distinctMissingParents: 0, topMissingParents: [] },
    selfLoops: emptyFinding(),
    repeatedReferences: emptyFinding(),
    multiRelationEdges: emptyFinding(),
    normalizedReferences: emptyFinding(),
    normalizedModelIds: emptyFinding(),
    duplicateModelIds: emptyFinding(),
    caseOnlyMismatches: { ...emptyFinding<[string, string]>(), resolved: options.caseResolved ?? false },
    cycleEdgesDropped: emptyFinding(),
  };
}

/** An empty finding to fill: `const f = emptyFinding<string>()`. */
export function emptyFinding<Example>(): Finding<Example> {
  return { count: 0, examples: [] };
}

/** Counts a finding and keeps its first REPORT_EXAMPLES examples: `note(report.selfLoops, () => id)`. */
export function note<Example>(finding: Finding<Example>, example: () => Example, times = 1): void {
  finding.count += times;
  if (finding.examples.length < REPORT_EXAMPLES) finding.examples.push(example());
}

/** One line per non-empty finding, for a notebook: `console.log(describeLineageReport(graph.report).join("\n"))`. */
export function describeLineageReport(report: LineageReport): string[] {
  const m = report.missingParents;
  const lines = [
    `references read: ${report.references}`,
    `missing parents dropped: ${m.pairs} pairs, ${m.childrenAffected} children, ${m.distinctMissingParents} distinct parents` +
      (m.topMissingParents.length
        ? ` (top: ${m.topMissingParents
            .slice(0, 3)
            .map(([id, k]) => `${id} ×${k}`)
            .join(", ")})`
        : ""),
  ];
  const show = (label: string, f: Finding<unknown>, rule: string) => {
    if (f.count > 0)
      lines.push(`${label}: ${f.count} ${rule}; e.g. ${f.examples.map((e) => JSON.stringify(e)).join(", ")}`);
  };
  show("self-loops", report.selfLoops, "dropped");
  show("repeated parent references", report.repeatedReferences, "kept once");
  show("edges with several relations", report.multiRelationEdges, "kept as one edge");
  show("references normalised", report.normalizedReferences, "matched in normalised form");
  show("model ids normalised", report.normalizedModelIds, "matched in normalised form");
  show("duplicate model ids", report.duplicateModelIds, "parents resolve to the first row");
  const c = report.caseOnlyMismatches;
  show("case-only mismatches", c, c.resolved ? "resolved ignoring case" : "left missing (exact matching)");
  show("cycle edges", report.cycleEdgesDropped, "dropped");
  return lines;
}
