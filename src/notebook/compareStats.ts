// Compares two stats files of one notebook key by key: exact, or within the tolerance the
// committed entry states (for sampled values). Used by `make check`.
import type { StatsFile } from "./run";

/** One differing key (or file) in printable form. */
export interface StatDifference {
  file: string;
  key: string;
  committed: string;
  fresh: string;
  tolerance?: string;
}

/** Lists the keys whose fresh value differs from the committed one beyond its tolerance. */
export function compareStats(file: string, committed: StatsFile, fresh: StatsFile): StatDifference[] {
  const diffs: StatDifference[] = [];
  if (committed.dataset !== fresh.dataset) {
    diffs.push({ file, key: "(dataset)", committed: committed.dataset, fresh: fresh.dataset });
  }
  const keys = [...new Set([...Object.keys(committed.stats), ...Object.keys(fresh.stats)])].sort();
  for (const key of keys) {
    const before = committed.stats[key];
    const after = fresh.stats[key];
    const tol = before?.tolerance;
    if (before && after && withinTolerance(before.value, after.value, tol)) continue;
    diffs.push({
      file,
      key,
      committed: before ? show(before.value) : "missing",
      fresh: after ? show(after.value) : "missing",
      tolerance: tol === undefined ? undefined : String(tol),
    });
  }
  return diffs;
}

/** True when two values are equal, or both numbers within `tolerance`. */
export function withinTolerance(a: unknown, b: unknown, tolerance?: number): boolean {
  if (tolerance !== undefined && typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= tolerance;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A short printable form of a value. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 60 ? text.slice(0, 57) + "..." : text;
}
