// The textbook O(nm) Levenshtein distance on code points, the reference the fast code is tested against.

/** Plain dynamic-programme Levenshtein distance on code points. */
export function dpDistance(a: string, b: string): number {
  const x = Array.from(a),
    y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1);
    prev = cur;
  }
  return prev[y.length];
}
