// Growth over time (docs/methods.md §4.4 and §5): the histogram of models' createdAt dates (100 equal
// bins from the earliest to the latest date, as matplotlib's hist draws it) and the cumulative
// size of chosen families by createdAt (a step CDF per family, resampled per day).
import pl from "nodejs-polars";
import { type Families, largestFamilies, largestFamilyIndices, lineageFamilies } from "../lineage/families";
import type { LineageGraph } from "../lineage/graph";

const DAY_MS = 86_400_000;

/** One histogram bin: [start, end) in ms since the epoch (the last bin includes its end). */
export interface TimeBin {
  start: number;
  end: number;
  count: number;
}

/**
 * createdAt of every model as ms since the epoch (Float64Array; NaN where missing):
 * `timeHistogram(createdAtMs(models))`.
 */
export function createdAtMs(models: pl.DataFrame): Float64Array {
  const ms = models.select(pl.col("createdAt").cast(pl.Int64).cast(pl.Float64).fillNull(NaN)).getColumn("createdAt");
  return Float64Array.from(ms.toArray() as number[]);
}

/** Equal-width histogram of times in ms, numpy-style (last bin closed): `timeHistogram(createdAtMs(models), 100)`. */
export function timeHistogram(times: Float64Array, bins = 100): TimeBin[] {
  let min = Infinity;
  let max = -Infinity;
  for (const t of times) {
    if (Number.isNaN(t)) continue;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (min === Infinity) return [];
  const width = (max - min) / bins || 1;
  const counts = new Float64Array(bins);
  for (const t of times) {
    if (Number.isNaN(t)) continue;
    counts[Math.min(bins - 1, Math.floor((t - min) / width))]++;
  }
  return Array.from(counts, (count, i) => ({ start: min + i * width, end: min + (i + 1) * width, count }));
}

/** Points of a family's cumulative size: at the end of each day, the number of members created so far. */
export interface GrowthPoint {
  family: string;
  /** Day as "YYYY-MM-DD" (UTC). */
  day: string;
  size: number;
}

/**
 * Cumulative size by day of each family, from `since` (ms) to the family's last creation date.
 * `familyOf[i]` is model i's family index (-1 for none); `names[k]` names family k.
 * Example: `familyGrowth(createdAtMs(models), familyOf, ["black-forest-labs/FLUX.1-dev"], Date.UTC(2023, 5, 1))`.
 */
export function familyGrowth(times: Float64Array, familyOf: Int32Array, names: string[], since: number): GrowthPoint[] {
  const members: number[][] = names.map(() => []);
  for (let i = 0; i < times.length; i++) {
    const f = familyOf[i];
    if (f >= 0 && f < names.length && !Number.isNaN(times[i])) members[f].push(times[i]);
  }
  const points: GrowthPoint[] = [];
  const firstDay = Math.floor(since / DAY_MS);
  names.forEach((family, f) => {
    const sorted = Float64Array.from(members[f]).sort();
    if (sorted.length === 0) return;
    const lastDay = Math.floor(sorted[sorted.length - 1] / DAY_MS);
    let j = 0;
    for (let day = firstDay; day <= lastDay; day++) {
      const endOfDay = (day + 1) * DAY_MS;
      while (j < sorted.length && sorted[j] < endOfDay) j++;
      points.push({ family, day: new Date(day * DAY_MS).toISOString().slice(0, 10), size: j });
    }
  });
  return points;
}

/**
 * Growth of the k largest families of a graph (families ranked as `largestFamilies` ranks them), named by their
 * family names. Example: `largestFamiliesGrowth(createdAtMs(models), nomerges, 10, Date.UTC(2023, 5, 1)).names`.
 */
export function largestFamiliesGrowth(
  times: Float64Array,
  graph: LineageGraph,
  k: number,
  since: number,
  families: Families = lineageFamilies(graph),
): { names: string[]; points: GrowthPoint[] } {
  const rankOf = new Int32Array(families.count).fill(-1);
  largestFamilyIndices(families, k).forEach((f, rank) => {
    rankOf[f] = rank;
  });
  const familyOfRanked = Int32Array.from(families.familyOf, (f) => rankOf[f]);
  const names = largestFamilies(graph, k, families).map((f) => f.name);
  return { names, points: familyGrowth(times, familyOfRanked, names, since) };
}
