import { test } from "node:test";
import assert from "node:assert/strict";
import { familyGrowth, timeHistogram } from "../src/summary/createdAt";
import { createdAtHistogramSpec, familyGrowthSpec } from "../src/charts/timeCharts";

const DAY = 86_400_000;

test("timeHistogram() makes equal bins from min to max with the last bin closed", () => {
  const bins = timeHistogram(Float64Array.from([0, 1, 2, 3, 10, NaN]), 5);
  assert.deepEqual(
    bins.map((b) => b.count),
    [2, 2, 0, 0, 1],
  );
  assert.equal(bins[0].start, 0);
  assert.equal(bins[4].end, 10);
  assert.deepEqual(timeHistogram(new Float64Array(0)), []);
});

test("familyGrowth() counts members created by the end of each day, per family", () => {
  const times = Float64Array.from([0.5 * DAY, 1.2 * DAY, 1.7 * DAY, 3.1 * DAY, 2 * DAY]);
  const familyOf = Int32Array.from([0, 0, 1, 0, -1]);
  const points = familyGrowth(times, familyOf, ["A", "B"], 0);
  assert.deepEqual(
    points.filter((p) => p.family === "A").map((p) => [p.day, p.size]),
    [
      ["1970-01-01", 1],
      ["1970-01-02", 2],
      ["1970-01-03", 2],
      ["1970-01-04", 3],
    ],
  );
  assert.deepEqual(
    points.filter((p) => p.family === "B").map((p) => p.size),
    [0, 1],
  );
});

test("time chart specs use UTC time scales and keep the family order", () => {
  const h = createdAtHistogramSpec([{ start: 0, end: DAY, count: 3 }]) as any;
  assert.equal(h.encoding.x.scale.type, "utc");
  assert.equal(h.data.values[0].start, "1970-01-01T00:00:00.000Z");
  const g = familyGrowthSpec([], ["B", "A"]) as any;
  assert.deepEqual(g.encoding.color.sort, ["B", "A"]);
  assert.equal(g.encoding.y.title, "Total number of models in family");
});
