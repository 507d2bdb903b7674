// The generic comparison rules (data/reference/README.md §1): one status vocabulary, one float tolerance. Counts and
// other integers compare exactly; other numbers within a relative REFERENCE_TOLERANCE (the same sums in another
// order); top lists of [key, count] pairs up to the order inside groups of equal counts (that order is tool-specific);
// lists of labels as sets; objects field by field. Rules for particular keys (drift.ts, similarity.ts) build on these.

/** How a value compares with the reference at the same key. */
export type ComparisonStatus =
  | "equal"
  | "equal up to tie order"
  | "differs at a cut-off tie"
  | "within interval"
  | "differs"
  | "missing"
  | "not compared"
  | "no reference";

/** Statuses that count as agreement: `AGREEING.has(c.status)`. */
export const AGREEING: ReadonlySet<ComparisonStatus> = new Set(["equal", "equal up to tie order", "within interval"]);

/** Relative tolerance for numbers that are not integers: |a − b| ≤ REFERENCE_TOLERANCE · max(|a|, |b|). */
export const REFERENCE_TOLERANCE = 1e-9;

/**
 * True when two numbers are equal, exactly for integers, within REFERENCE_TOLERANCE otherwise: `sameNumber(0.1 + 0.2,
 * 0.3)`.
 */
export function sameNumber(a: number, b: number): boolean {
  if (a === b) return true;
  if (Number.isInteger(a) && Number.isInteger(b)) return false;
  return Math.abs(a - b) <= REFERENCE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Compares one value with its reference by the generic rules: `compareValues([["mit", 3]], [["mit", 3]])` is "equal".
 */
export function compareValues(reference: unknown, ours: unknown): ComparisonStatus {
  if (typeof reference === "number" && typeof ours === "number")
    return sameNumber(reference, ours) ? "equal" : "differs";
  if (JSON.stringify(reference) === JSON.stringify(ours)) return "equal";
  if (isTopList(reference) && isTopList(ours)) return compareTopLists(reference, ours);
  if (isStringList(reference) && isStringList(ours)) {
    // Labels of a top list: their order inside tie groups is checked on the list itself.
    return JSON.stringify([...reference].sort()) === JSON.stringify([...ours].sort())
      ? "equal up to tie order"
      : "differs";
  }
  if (isPlainObject(reference) && isPlainObject(ours)) {
    const keys = new Set([...Object.keys(reference), ...Object.keys(ours)]);
    return worst(
      [...keys].map((k) => (k in reference && k in ours ? compareValues(reference[k], ours[k]) : "differs")),
    );
  }
  return "differs";
}

/**
 * "equal" for identical JSON, "equal up to tie order" for the same elements in another order, else "differs":
 * `sameSet([1, 2], [2, 1])`.
 */
export function sameSet(reference: unknown, ours: unknown): ComparisonStatus {
  if (JSON.stringify(reference) === JSON.stringify(ours)) return "equal";
  if (!Array.isArray(reference) || !Array.isArray(ours) || reference.length !== ours.length) return "differs";
  const key = (list: unknown[]) =>
    list
      .map((x) => JSON.stringify(x))
      .sort()
      .join("\n");
  return key(reference) === key(ours) ? "equal up to tie order" : "differs";
}

/** The least favourable of several statuses: `worst(["equal", "differs"])` is "differs". */
export function worst(statuses: readonly ComparisonStatus[]): ComparisonStatus {
  const order: ComparisonStatus[] = [
    "differs",
    "missing",
    "differs at a cut-off tie",
    "within interval",
    "equal up to tie order",
    "equal",
  ];
  for (const s of order) if (statuses.includes(s)) return s;
  return "equal";
}

type TopList = [string, number][];

/** True for a list of [string, number] pairs. */
function isTopList(v: unknown): v is TopList {
  return (
    Array.isArray(v) &&
    v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === "string" && typeof p[1] === "number")
  );
}

/** True for a list of strings: `isStringList(["a"])`. */
export function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === "string");
}

/** True for a non-array object: `isPlainObject({})`. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Same counts in the same order, and the same keys inside each group of equal counts. */
function compareTopLists(reference: TopList, ours: TopList): ComparisonStatus {
  if (reference.length !== ours.length || reference.some((p, i) => p[1] !== ours[i][1])) return "differs";
  const groups = (list: TopList) => {
    const byCount = new Map<number, string[]>();
    for (const [k, c] of list) byCount.set(c, [...(byCount.get(c) ?? []), k]);
    return byCount;
  };
  const a = groups(reference);
  const b = groups(ours);
  const last = reference[reference.length - 1][1];
  let status: ComparisonStatus = "equal up to tie order";
  for (const [count, keys] of a) {
    const same = JSON.stringify([...keys].sort()) === JSON.stringify([...(b.get(count) ?? [])].sort());
    if (!same) status = count === last ? "differs at a cut-off tie" : "differs";
    if (status === "differs") return status;
  }
  return status;
}
