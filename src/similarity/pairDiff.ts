// The metadata diff of one parent–child pair (the paper's Figure 4, docs/methods.md §5): picks the pair from the
// lineage graph, aligns the two DNA strings character by character, and counts what changed. The drawing is
// `editAlignmentSpec` in charts/diffFigure.ts.
import { nodeId, nodeOf, parentsOf, type LineageGraph } from "../lineage/graph";
import type { DnaCorpus } from "./dna";
import { alignmentDistance, editAlignment, type EditOp, type EditSegment } from "./editAlignment";
import { levenshteinSimilarity } from "./levenshtein";

/** Options of `parentChildDiff`. */
export interface ParentChildDiffOptions {
  /** The parent to compare with; default the child's first parent in the graph. */
  parentId?: string;
  /** Characters of each string aligned for the drawing, "…" marking a cut (the paper showed 239 and 266); 0 = whole. */
  maxChars?: number;
}

/** One pair's diff: the drawn alignment, and the edit counts and similarity of the whole strings. */
export interface ParentChildDiff {
  parent: string;
  child: string;
  parentText: string;
  childText: string;
  /** Alignment of the (possibly cut) strings, for `editAlignmentSpec`. */
  segments: EditSegment[];
  /** Characters per edit kind in the alignment of the whole strings. */
  characters: Record<EditOp, number>;
  /** Levenshtein distance and normalised similarity of the whole strings. */
  distance: number;
  similarity: number;
}

/** Cuts a string to `max` code points and marks the cut with "…". */
function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return max > 0 && chars.length > max ? chars.slice(0, max).join("") + "…" : text;
}

/**
 * The character diff between a child's document and its parent's: `parentChildDiff(finetune, metadata, "org/child")`.
 * Throws, naming the model, when the child has no parent in the graph or either side has no document.
 */
export function parentChildDiff(
  graph: LineageGraph,
  corpus: DnaCorpus,
  childId: string,
  options: ParentChildDiffOptions = {},
): ParentChildDiff {
  const child = nodeOf(graph, childId);
  const parents = parentsOf(graph, child);
  let parent: number;
  if (options.parentId !== undefined) {
    parent = nodeOf(graph, options.parentId);
    if (!parents.includes(parent))
      throw new Error(
        `similarity/pairDiff: "${options.parentId}" is not a parent of "${childId}" in the ${graph.variant} graph`,
      );
  } else {
    if (parents.length === 0)
      throw new Error(`similarity/pairDiff: "${childId}" has no parent in the ${graph.variant} graph`);
    parent = parents[0];
  }
  corpus.prefetch([parent, child]);
  const parentText = corpus.text(parent);
  const childText = corpus.text(child);
  if (parentText === null || childText === null) {
    throw new Error(
      `similarity/pairDiff: no ${corpus.kind} document for "${parentText === null ? nodeId(graph, parent) : childId}"`,
    );
  }
  const whole = editAlignment(parentText, childText);
  const characters: Record<EditOp, number> = { eq: 0, rep: 0, del: 0, ins: 0 };
  for (const s of whole) characters[s.op] += Math.max(Array.from(s.a).length, Array.from(s.b).length);
  const maxChars = options.maxChars ?? 0;
  return {
    parent: nodeId(graph, parent),
    child: childId,
    parentText: parentText,
    childText: childText,
    segments: maxChars > 0 ? editAlignment(cut(parentText, maxChars), cut(childText, maxChars)) : whole,
    characters: characters,
    distance: alignmentDistance(whole),
    similarity: levenshteinSimilarity(parentText, childText),
  };
}
