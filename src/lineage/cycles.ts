// Cycles in the lineage (docs/methods.md §3.4: the authors' code has no cycle handling).
//
// Rule: a depth-first search visits the models in order of createdAt (oldest first; ties and missing dates by row),
// following children in edge order. An edge into a model that is still on the search stack closes a cycle and is
// dropped. Starting from the oldest model means the dropped edge is the one that claims an older model descends from
// a newer one, e.g. with org/base (2023) → org/ft (2024) and a bad tag making org/ft a parent of org/base, the edge
// org/ft → org/base is dropped. Dropping every such back edge leaves a DAG; other edges are untouched.
//
// NOTE: Kahn's algorithm first strips every node that is in no cycle and downstream of none (all of them on clean
// data), so the search only runs where a cycle exists.

/**
 * Edges closing cycles and the cycles they close (the dropped edge runs from a cycle's last node to its first):
 * `cycleClosingEdges(...).cycles[0]`.
 */
export interface CycleBreak {
  /** Indices of the dropped edges, ascending. */
  droppedEdges: Int32Array;
  /** Up to `maxExamples` cycles as node lists. */
  cycles: number[][];
}

/**
 * Finds the edges to drop so the graph is acyclic: `const { droppedEdges } = cycleClosingEdges(n, childStart,
 * edgeChild, createdAtMs)`.
 */
export function cycleClosingEdges(
  nodeCount: number,
  childStart: Int32Array,
  edgeChild: Int32Array,
  createdAtMs: Float64Array | null,
  maxExamples = 5,
): CycleBreak {
  const remaining = nodesInOrBelowCycles(nodeCount, childStart, edgeChild);
  if (remaining.length === 0) return { droppedEdges: new Int32Array(0), cycles: [] };
  const time = (v: number) => (createdAtMs && !Number.isNaN(createdAtMs[v]) ? createdAtMs[v] : Infinity);
  remaining.sort((a, b) => time(a) - time(b) || a - b);

  const NEW = 0,
    ON_STACK = 1,
    DONE = 2;
  const state = new Uint8Array(nodeCount).fill(DONE);
  for (const v of remaining) state[v] = NEW;
  const stack = new Int32Array(remaining.length),
    nextEdge = new Int32Array(remaining.length),
    depthOf = new Int32Array(nodeCount);
  const dropped: number[] = [],
    cycles: number[][] = [];
  for (const start of remaining) {
    if (state[start] !== NEW) continue;
    let top = 0;
    stack[0] = start;
    nextEdge[0] = childStart[start];
    state[start] = ON_STACK;
    depthOf[start] = 0;
    while (top >= 0) {
      const v = stack[top],
        e = nextEdge[top];
      if (e === childStart[v + 1]) {
        state[v] = DONE;
        top--;
        continue;
      }
      nextEdge[top]++;
      const w = edgeChild[e];
      if (state[w] === NEW) {
        top++;
        stack[top] = w;
        nextEdge[top] = childStart[w];
        state[w] = ON_STACK;
        depthOf[w] = top;
      } else if (state[w] === ON_STACK) {
        dropped.push(e);
        if (cycles.length < maxExamples) cycles.push(Array.from(stack.subarray(depthOf[w], top + 1)));
      }
    }
  }
  return { droppedEdges: Int32Array.from(dropped).sort(), cycles };
}

/** Nodes Kahn's algorithm cannot remove: members of cycles and everything downstream of one. */
function nodesInOrBelowCycles(nodeCount: number, childStart: Int32Array, edgeChild: Int32Array): number[] {
  const inDegree = new Int32Array(nodeCount);
  for (let e = 0; e < edgeChild.length; e++) inDegree[edgeChild[e]]++;
  const queue = new Int32Array(nodeCount);
  let head = 0,
    tail = 0;
  for (let v = 0; v < nodeCount; v++) if (inDegree[v] === 0) queue[tail++] = v;
  while (head < tail) {
    const v = queue[head++];
    for (let e = childStart[v]; e < childStart[v + 1]; e++)
      if (--inDegree[edgeChild[e]] === 0) queue[tail++] = edgeChild[e];
  }
  const remaining: number[] = [];
  if (tail < nodeCount) for (let v = 0; v < nodeCount; v++) if (inDegree[v] > 0) remaining.push(v);
  return remaining;
}
