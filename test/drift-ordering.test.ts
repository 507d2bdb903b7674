// The exact ordering solver against brute force over all permutations (random instances, n ≤ 9), its tie outputs,
// its errors and its speed at the paper's sizes (n = 20 and 22).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng, type Rng } from "../src/random";
import {
  type OrderingProblem,
  optimalOrderings,
  orderingValue,
  solveOrdering,
  transitiveReduction,
} from "../src/drift/ordering";

/** A random oriented graph like a top-n trait graph: each pair gets an edge one way with probability `density`. */
function randomProblem(n: number, rng: Rng, density: number, maxWeight: number): OrderingProblem {
  const weights = new Float64Array(n * n);
  for (let u = 0; u < n; u++)
    for (let v = u + 1; v < n; v++) {
      if (rng() >= density) continue;
      const w = maxWeight === 1 ? 1 : 1 + rng.int(maxWeight);
      if (rng() < 0.5) weights[u * n + v] = w;
      else weights[v * n + u] = w;
    }
  return { n, weights };
}

/** Every permutation of 0..n-1 (Heap's algorithm). */
function* permutations(n: number): Generator<number[]> {
  const a = Array.from({ length: n }, (_, i) => i),
    c = new Array(n).fill(0);
  yield a.slice();
  for (let i = 0; i < n; ) {
    if (c[i] < i) {
      if (i % 2 === 0) [a[0], a[i]] = [a[i], a[0]];
      else [a[c[i]], a[i]] = [a[i], a[c[i]]];
      yield a.slice();
      c[i]++;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

function lexLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** Everything solveOrdering reports, by enumerating all n! orderings. */
function bruteForce(p: OrderingProblem, secondary: Float64Array) {
  let optimum = -Infinity,
    count = 0,
    first: number[] = [],
    lo = Infinity,
    hi = -Infinity;
  const optimal: number[][] = [];
  for (const perm of permutations(p.n)) {
    const value = orderingValue(p, perm);
    if (value > optimum) {
      optimum = value;
      count = 0;
      optimal.length = 0;
      first = perm;
      lo = Infinity;
      hi = -Infinity;
    }
    if (value === optimum) {
      count++;
      optimal.push(perm);
      if (lexLess(perm, first)) first = perm;
      const s = orderingValue({ n: p.n, weights: secondary }, perm);
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
  }
  const forced: [number, number][] = [];
  for (let a = 0; a < p.n; a++)
    for (let b = 0; b < p.n; b++) {
      if (a !== b && optimal.every((o) => o.indexOf(a) < o.indexOf(b))) forced.push([a, b]);
    }
  optimal.sort((x, y) => (lexLess(x, y) ? -1 : lexLess(y, x) ? 1 : 0));
  return { optimum, count, first, forced, range: [lo, hi], optimal };
}

test("solveOrdering agrees with brute force on 120 random instances, n = 1..9, weighted and unweighted", () => {
  const rng = createRng("drift-ordering-brute-force");
  for (let trial = 0; trial < 120; trial++) {
    const n = 1 + (trial % 9);
    const p = randomProblem(n, rng, [0.3, 0.6, 1][trial % 3], trial % 2 === 0 ? 1 : 40);
    const secondary = randomProblem(n, rng, 0.8, 9).weights;
    const brute = bruteForce(p, secondary);
    const solved = solveOrdering(p, { secondary: { other: secondary } });
    const at = `trial ${trial} (n = ${n})`;
    assert.equal(solved.optimum, brute.optimum, `${at}: optimum`);
    assert.equal(orderingValue(p, solved.ordering), brute.optimum, `${at}: the ordering attains the optimum`);
    assert.deepEqual(solved.ordering, brute.first, `${at}: lexicographically first optimal ordering`);
    assert.equal(solved.optimalCount, brute.count, `${at}: number of optimal orderings`);
    assert.deepEqual(solved.forcedPrecedences, brute.forced, `${at}: forced precedences`);
    assert.deepEqual(solved.ranges.other, brute.range, `${at}: secondary range`);
    if (n <= 6) assert.deepEqual(optimalOrderings(p, Infinity), brute.optimal, `${at}: every optimal ordering`);
  }
});

test("solveOrdering handles empty, single-node and edgeless problems", () => {
  assert.deepEqual(solveOrdering({ n: 0, weights: new Float64Array(0) }), {
    n: 0,
    optimum: 0,
    ordering: [],
    optimalCount: 1,
    forcedPrecedences: [],
    ranges: {},
  });
  const one = solveOrdering({ n: 1, weights: new Float64Array(1) });
  assert.deepEqual([one.ordering, one.optimalCount], [[0], 1]);
  const none = solveOrdering({ n: 4, weights: new Float64Array(16) });
  assert.deepEqual([none.ordering, none.optimalCount, none.forcedPrecedences.length], [[0, 1, 2, 3], 24, 0]);
});

test("solveOrdering on a chain with one back edge keeps the chain and forces its precedences", () => {
  // 0 → 1 → 2 with weight 5 each, 2 → 0 with weight 1: the chain order wins; nothing ties.
  const w = new Float64Array(9);
  w[0 * 3 + 1] = 5;
  w[1 * 3 + 2] = 5;
  w[2 * 3 + 0] = 1;
  const s = solveOrdering({ n: 3, weights: w });
  assert.deepEqual([s.optimum, s.ordering, s.optimalCount], [10, [0, 1, 2], 1]);
  assert.deepEqual(transitiveReduction(s.forcedPrecedences), [
    [0, 1],
    [1, 2],
  ]);
});

test("solveOrdering rejects bad input with short prefixed errors", () => {
  assert.throws(
    () => solveOrdering({ n: 2, weights: new Float64Array(3) }),
    /^Error: drift\/ordering: weights must have/,
  );
  assert.throws(
    () => solveOrdering({ n: 27, weights: new Float64Array(27 * 27) }),
    /drift\/ordering: n = 27 exceeds 26/,
  );
  assert.throws(() => solveOrdering({ n: 2, weights: Float64Array.from([0, NaN, 0, 0]) }), /finite/);
  assert.throws(() => orderingValue({ n: 2, weights: new Float64Array(4) }, [0, 0]), /not a permutation/);
});

test("solveOrdering accepts non-integer weights with a relative slack", () => {
  const w = Float64Array.from([0, 0.1 + 0.2, 0.3, 0]);
  assert.equal(solveOrdering({ n: 2, weights: w }).optimalCount, 2);
});

// Speed at n = 20 and 22 is measured by `make bench` (ordering-n20, ordering-n22), not asserted here.
test("solveOrdering solves a dense weighted n = 20 instance, with ranges and precedences", () => {
  const p = randomProblem(20, createRng("drift-ordering-speed-20"), 0.6, 300);
  const secondary = p.weights.map((w) => (w > 0 ? 1 : 0));
  const s = solveOrdering(p, { secondary: { edges: secondary } });
  assert.equal(orderingValue(p, s.ordering), s.optimum);
  assert.ok(s.optimalCount >= 1);
});
