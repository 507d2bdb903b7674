// Sampling primitives of the synthetic generator, all over typed arrays: weighted picks of an exact
// number of items, prefix-restricted weighted draws (Fenwick tree), quota urns that make a trait's
// marginal counts come out exact, and piecewise-linear rates over time.
import type { Rng } from "../random";

/** A Fenwick (binary indexed) tree of non-negative weights: prefix sums and draws in O(log n). */
export class Fenwick {
  private readonly tree: Float64Array;
  /** Number of slots. */
  readonly size: number;

  /** Builds the tree from initial weights in O(n): `new Fenwick(Float64Array.of(1, 2, 3))`. */
  constructor(weights: ArrayLike<number>) {
    this.size = weights.length;
    this.tree = new Float64Array(this.size + 1);
    for (let i = 0; i < this.size; i++) this.tree[i + 1] = weights[i];
    for (let i = 1; i <= this.size; i++) {
      const up = i + (i & -i);
      if (up <= this.size) this.tree[up] += this.tree[i];
    }
  }

  /** Adds `delta` to slot `i`. */
  add(i: number, delta: number): void {
    for (let j = i + 1; j <= this.size; j += j & -j) this.tree[j] += delta;
  }

  /** Sum of slots [0, end). */
  prefix(end: number): number {
    let sum = 0;
    for (let j = end; j > 0; j -= j & -j) sum += this.tree[j];
    return sum;
  }

  /** Smallest slot i with prefix(i + 1) > target (target in [0, total)). */
  find(target: number): number {
    let pos = 0;
    let rest = target;
    let step = 1;
    while (step * 2 <= this.size) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.size && this.tree[next] <= rest) {
        pos = next;
        rest -= this.tree[next];
      }
    }
    return Math.min(pos, this.size - 1);
  }
}

/**
 * Exactly min(k, #positive weights) indices drawn without replacement with probability growing with
 * the weight (exponential race: key = -ln(u) / w, keep the k smallest). Returned in ascending order.
 * Example: `pickWeighted(2, Float64Array.of(0, 1, 1, 5), rng)` never contains 0.
 */
export function pickWeighted(k: number, weights: Float64Array, rng: Rng): Int32Array {
  const n = weights.length;
  const keys = new Float64Array(n);
  const finite = new Float64Array(n);
  let positive = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (w > 0) keys[i] = finite[positive++] = -Math.log(1 - rng()) / w;
    else keys[i] = Infinity;
  }
  const take = Math.min(k, positive);
  const out = new Int32Array(take);
  if (take === 0) return out;
  const threshold = kthSmallest(finite.subarray(0, positive), take - 1);
  let m = 0;
  for (let i = 0; i < n && m < take; i++) if (keys[i] <= threshold) out[m++] = i;
  return out;
}

/** The k-th smallest value (0-based) of `values`, which it reorders (quickselect, O(n) on average). */
export function kthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    const pivot = values[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}

/** First index i with sorted[i] >= value (sorted ascending). */
export function lowerBound(sorted: ArrayLike<number>, value: number, from = 0, to = sorted.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Integer counts proportional to `weights` that sum exactly to `total` (largest remainder).
 * Example: `apportion(10, [0.5, 0.3, 0.2])` is [5, 3, 2].
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) counts[order[j][1]]++;
  return counts;
}

/** Knots [ISO date, value] as parallel arrays of epoch ms and values. */
export interface Knots {
  ms: Float64Array;
  values: Float64Array;
}

/** Parses [ISO date, value] knots: `toKnots([["2024-01-01", 1]])`. */
export function toKnots(knots: ReadonlyArray<readonly [string, number]>): Knots {
  return {
    ms: Float64Array.from(knots, ([date]) => Date.parse(date + "T00:00:00Z")),
    values: Float64Array.from(knots, ([, v]) => v),
  };
}

/** Value at time `ms`, linear between knots and constant beyond the ends. */
export function knotValue(knots: Knots, ms: number): number {
  const { ms: xs, values } = knots;
  if (ms <= xs[0]) return values[0];
  const last = xs.length - 1;
  if (ms >= xs[last]) return values[last];
  const i = lowerBound(xs, ms) - 1;
  const f = (ms - xs[i]) / (xs[i + 1] - xs[i]);
  return values[i] + f * (values[i + 1] - values[i]);
}

/**
 * Remaining counts per category; draws are proportional to what is left, so when every model draws
 * once the final counts equal the quotas exactly. Category 0 is conventionally "none".
 * Example: `const urn = new QuotaUrn([2, 1]); urn.draw(rng)` is 0 two times out of three.
 */
export class QuotaUrn {
  readonly remaining: Float64Array;

  /** An urn holding `counts[i]` items of category i. */
  constructor(counts: ArrayLike<number>) {
    this.remaining = Float64Array.from(counts as ArrayLike<number>);
  }

  /** Records one item of category `k` as used (the count may go negative: an overshoot). */
  take(k: number): number {
    this.remaining[k]--;
    return k;
  }

  /** Draws a category proportional to max(0, remaining), optionally only where `allowed[k]` is 1; -1 if empty. */
  draw(rng: Rng, allowed?: Uint8Array): number {
    const r = this.remaining;
    let total = 0;
    for (let k = 0; k < r.length; k++) if (r[k] > 0 && (!allowed || allowed[k])) total += r[k];
    if (total <= 0) return -1;
    let u = rng() * total;
    for (let k = 0; k < r.length; k++) {
      if (r[k] <= 0 || (allowed && !allowed[k])) continue;
      u -= r[k];
      if (u < 0) return this.take(k);
    }
    for (let k = r.length - 1; k >= 0; k--) if (r[k] > 0 && (!allowed || allowed[k])) return this.take(k);
    return -1;
  }
}

/** Draws between refreshes of a group's weights in fairFill (they drift slowly). */
const FAIR_REFRESH = 256;

/**
 * Draws categories for models whose allowed categories differ (e.g. only image generators may carry an
 * image-generation license), so that every quota is used up: a model of group g draws k with weight
 * remaining[k] / (models still to draw that may take k). `models` are drawn in the given order.
 * NOTE: a group's cumulative weights are refreshed every FAIR_REFRESH draws, not after every draw.
 * Example: `fairFill(urn, allowedByGroup, groupOfModel, models, out, rng)`.
 */
export function fairFill(
  urn: QuotaUrn,
  allowed: Uint8Array[],
  groupOf: ArrayLike<number>,
  models: ArrayLike<number>,
  out: { [i: number]: number },
  rng: Rng,
): void {
  const groups = allowed.length;
  const size = urn.remaining.length;
  const left = new Float64Array(groups);
  for (let k = 0; k < models.length; k++) left[groupOf[models[k]]]++;
  const cumulative = allowed.map(() => new Float64Array(size));
  const sinceRefresh = new Int32Array(groups).fill(FAIR_REFRESH);
  const refresh = (g: number) => {
    const cum = cumulative[g];
    let total = 0;
    for (let c = 0; c < size; c++) {
      let eligible = 0;
      for (let h = 0; h < groups; h++) eligible += left[h] * allowed[h][c];
      if (allowed[g][c] && urn.remaining[c] > 0 && eligible > 0) total += urn.remaining[c] / eligible;
      cum[c] = total;
    }
    sinceRefresh[g] = 0;
  };
  for (let k = 0; k < models.length; k++) {
    const i = models[k];
    const g = groupOf[i];
    if (sinceRefresh[g]++ >= FAIR_REFRESH) refresh(g);
    let pick = -1;
    for (let attempt = 0; attempt < 2 && pick < 0; attempt++) {
      const cum = cumulative[g];
      if (cum[size - 1] > 0) {
        const c = Math.min(size - 1, lowerBound(cum, rng() * cum[size - 1] + Number.MIN_VALUE));
        if (urn.remaining[c] > 0) pick = c;
      }
      if (pick < 0) refresh(g);
    }
    out[i] = urn.take(Math.max(pick, 0));
    left[g]--;
  }
}

/** Lognormal deviate with the given mean and log-sd: `lognormal(rng, 4_000, 0.9)`. */
export function lognormal(rng: Rng, mean: number, sigma: number): number {
  return Math.exp(Math.log(mean) - (sigma * sigma) / 2 + sigma * rng.normal());
}
