// Character-level edit alignment of two strings (the paper's Figure 4, docs/methods.md §5): the
// Levenshtein dynamic programme with a traceback into runs of equal, substituted, deleted and
// inserted characters. Characters are Unicode code points, as in Python.

/** The kind of one aligned run: equal, substitution, deletion (only in a), insertion (only in b). */
export type EditOp = "eq" | "rep" | "del" | "ins";

/** One run of the alignment with its text on each side ("" where the side has none). */
export interface EditSegment {
  op: EditOp;
  a: string;
  b: string;
}

/**
 * Aligns a with b by minimal edit distance and returns maximal runs of one kind.
 * Example: `editAlignment("kitten", "sitting")` -> rep "k"/"s", eq "itt", rep "e"/"i", eq "n", ins "g".
 * Ties in the traceback prefer equal/substitution, then deletion, then insertion. O(|a|·|b|) time.
 */
export function editAlignment(a: string, b: string): EditSegment[] {
  const x = Array.from(a);
  const y = Array.from(b);
  const n = x.length;
  const m = y.length;
  const width = m + 1;
  // NOTE: one Uint32Array of (n+1)(m+1) costs; strings of a few thousand characters stay under 100 MB.
  const d = new Uint32Array((n + 1) * width);
  for (let j = 0; j <= m; j++) d[j] = j;
  for (let i = 1; i <= n; i++) {
    d[i * width] = i;
    for (let j = 1; j <= m; j++) {
      const diag = d[(i - 1) * width + j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1);
      const up = d[(i - 1) * width + j] + 1;
      const left = d[i * width + j - 1] + 1;
      d[i * width + j] = Math.min(diag, up, left);
    }
  }
  const ops: { op: EditOp; a: string; b: string }[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = d[i * width + j];
    if (i > 0 && j > 0 && here === d[(i - 1) * width + j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1)) {
      ops.push({ op: x[i - 1] === y[j - 1] ? "eq" : "rep", a: x[i - 1], b: y[j - 1] });
      i--;
      j--;
    } else if (i > 0 && here === d[(i - 1) * width + j] + 1) {
      ops.push({ op: "del", a: x[i - 1], b: "" });
      i--;
    } else {
      ops.push({ op: "ins", a: "", b: y[j - 1] });
      j--;
    }
  }
  ops.reverse();
  const segments: EditSegment[] = [];
  for (const o of ops) {
    const last = segments[segments.length - 1];
    if (last && last.op === o.op) {
      last.a += o.a;
      last.b += o.b;
    } else segments.push({ ...o });
  }
  return segments;
}

/**
 * The edit distance an alignment implies (substitutions, deletions and insertions): `alignmentDistance(editAlignment(a,
 * b))`.
 */
export function alignmentDistance(segments: EditSegment[]): number {
  let distance = 0;
  for (const s of segments) if (s.op !== "eq") distance += Math.max(Array.from(s.a).length, Array.from(s.b).length);
  return distance;
}
