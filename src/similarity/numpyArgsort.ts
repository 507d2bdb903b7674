// numpy 1.24's `argsort(kind="quicksort")` of an int64 array, which scikit-learn's CountVectorizer uses to rank terms
// for max_features (vocabulary.ts). A port of `aquicksort_` (numpy/core/src/npysort/quicksort.cpp) with its
// `aheapsort_` fallback (npysort_heapsort.h): an introsort over an index array with median-of-3 pivots, insertion sort
// for ranges of at most 16 elements, the larger part of each partition pushed on a stack, and heapsort for a popped
// range once 2·floor(log2 n) partitions deep. The sort is unstable: which of several equal values comes first is an
// outcome of this exact procedure, reproduced here step by step. numpy 1.24 has no SIMD argsort (its AVX-512 quicksort
// covers only the values of 32-bit int, uint and float arrays, not argsort); numpy 1.25 added one for 64-bit types.
//
// Values are numbers compared with `<`: integers (as numpy's int64, exact up to 2^53), never NaN.

/** A typed array of integer values to rank. */
export type ArgsortValues = Int32Array | Float64Array;

/** Ranges of at most this many elements plus one are left to insertion sort (numpy's SMALL_QUICKSORT). */
const SMALL_QUICKSORT = 15;
/** numpy's stack of two pointers per pushed range, NPY_BITSOF_INTP * 2 entries. */
const STACK = 128;

/**
 * The indices that sort `values` ascending, exactly as numpy 1.24's `np.argsort(values)` orders them (ties included).
 * With `prefix`, only the first `prefix` entries are computed, equal to `numpyArgsort(values).subarray(0, prefix)`.
 * Example: `numpyArgsort(Float64Array.from([-3, -1, -3]))` is Int32Array [0, 2, 1].
 */
export function numpyArgsort(values: ArgsortValues, prefix?: number): Int32Array {
  const n = values.length;
  const limit = prefix === undefined ? n : Math.max(0, Math.min(n, Math.floor(prefix)));
  const tosort = new Int32Array(n);
  for (let i = 0; i < n; i++) tosort[i] = i;
  if (n > 1 && limit > 0) introsort(values, tosort, limit);
  return prefix === undefined ? tosort : tosort.slice(0, limit);
}

// A range that starts at or after `limit` is never sorted: every step of the introsort permutes elements within one
// range only, and ranges are disjoint, so skipping a range wholly past the prefix leaves every other range's steps,
// and hence positions [0, limit), as in the full sort.
function introsort(v: ArgsortValues, t: Int32Array, limit: number): void {
  const stack = new Int32Array(STACK);
  const depth = new Int32Array(STACK / 2);
  let sptr = 0;
  let psdepth = 0;
  let pl = 0;
  let pr = v.length - 1;
  let cdepth = 2 * (31 - Math.clz32(v.length)); // npy_get_msb(num) * 2
  for (;;) {
    // biome-ignore lint/suspicious/noConfusingLabels: the labelled block mirrors numpy's `goto stack_pop`
    sort: {
      if (cdepth < 0) {
        aheapsort(v, t, pl, pr - pl + 1);
        break sort;
      }
      while (pr - pl > SMALL_QUICKSORT) {
        const pm = pl + ((pr - pl) >> 1);
        let x: number;
        if (v[t[pm]] < v[t[pl]]) (x = t[pm]), (t[pm] = t[pl]), (t[pl] = x);
        if (v[t[pr]] < v[t[pm]]) (x = t[pr]), (t[pr] = t[pm]), (t[pm] = x);
        if (v[t[pm]] < v[t[pl]]) (x = t[pm]), (t[pm] = t[pl]), (t[pl] = x);
        const vp = v[t[pm]];
        let pi = pl;
        let pj = pr - 1;
        (x = t[pm]), (t[pm] = t[pj]), (t[pj] = x);
        for (;;) {
          do ++pi;
          while (v[t[pi]] < vp);
          do --pj;
          while (vp < v[t[pj]]);
          if (pi >= pj) break;
          (x = t[pi]), (t[pi] = t[pj]), (t[pj] = x);
        }
        const pk = pr - 1;
        (x = t[pi]), (t[pi] = t[pk]), (t[pk] = x);
        // Push the larger part, go on with the smaller one; both get the decremented depth.
        cdepth--;
        if (pi - pl < pr - pi) {
          if (pi + 1 < limit) (stack[sptr++] = pi + 1), (stack[sptr++] = pr), (depth[psdepth++] = cdepth);
          pr = pi - 1;
        } else {
          if (pl < limit) (stack[sptr++] = pl), (stack[sptr++] = pi - 1), (depth[psdepth++] = cdepth);
          pl = pi + 1;
        }
        if (pl >= limit) break sort;
      }
      for (let pi = pl + 1; pi <= pr; ++pi) {
        const vi = t[pi];
        const vp = v[vi];
        let pj = pi;
        let pk = pi - 1;
        while (pj > pl && vp < v[t[pk]]) t[pj--] = t[pk--];
        t[pj] = vi;
      }
    }
    if (sptr === 0) break;
    pr = stack[--sptr];
    pl = stack[--sptr];
    cdepth = depth[--psdepth];
  }
}

/** numpy's `aheapsort_` on the n indices t[base .. base + n), with its 1-based heap a[i] = t[base + i - 1]. */
function aheapsort(v: ArgsortValues, t: Int32Array, base: number, n: number): void {
  const a = base - 1;
  for (let l = n >> 1; l > 0; --l) {
    const tmp = t[a + l];
    let i = l;
    for (let j = l << 1; j <= n; ) {
      if (j < n && v[t[a + j]] < v[t[a + j + 1]]) j += 1;
      if (!(v[tmp] < v[t[a + j]])) break;
      t[a + i] = t[a + j];
      i = j;
      j += j;
    }
    t[a + i] = tmp;
  }
  while (n > 1) {
    const tmp = t[a + n];
    t[a + n] = t[a + 1];
    n -= 1;
    let i = 1;
    for (let j = 2; j <= n; ) {
      if (j < n && v[t[a + j]] < v[t[a + j + 1]]) j++;
      if (!(v[tmp] < v[t[a + j]])) break;
      t[a + i] = t[a + j];
      i = j;
      j += j;
    }
    t[a + i] = tmp;
  }
}
