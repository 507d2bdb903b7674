// The paper's three family-resemblance claims (docs/methods.md §5 "Interpretation text"), checked on one run's results:
//  1. related models are far more alike than random pairs: every related configuration's mean lies above the random
//     pair's 95% interval; "by how much" = the mean over related configurations minus, and over, the random mean;
//  2. siblings are more alike than parent and child: in the patterns that draw both from the same parent (trio_1's
//     cherry and quad_0's star), the siblings' mean exceeds the parent–child mean; pooled means over all
//     configurations and the within-pattern exceptions (the paper names quad_2) are reported beside it;
//  3. fewer generations apart means more alike: among ancestor–descendant pairs, the pooled mean falls with every
//     further generation (1 > 2 > 3).
import type { MeanInterval } from "./bootstrap";
import { KINSHIP_CONFIGS, type KinshipConfig } from "./kinship";

/** One claim's verdict with the numbers behind it. */
export interface ClaimCheck {
  claim: "related-vs-random" | "siblings-vs-parent-child" | "generations";
  statement: string;
  /** Whether the claim holds on these results; null when they cannot judge it (the detail says why). */
  holds: boolean | null;
  /** One line with the numbers: "related 0.61 vs random 0.18 (3.4×)". */
  detail: string;
  numbers: Record<string, number>;
}

const LINEAL = new Set(["parent-child", "grandparent-grandchild", "great-grandparent-great-grandchild"]);

function meanOf(stats: Record<string, MeanInterval>, configs: readonly KinshipConfig[]): number {
  const values = configs.map((c) => stats[c.key]?.mean).filter((m): m is number => typeof m === "number");
  return values.length === 0 ? NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

const fmt = (x: number) => (Number.isNaN(x) ? "none" : x.toFixed(3));

/**
 * Checks the three claims on `{ config key: { mean, ci95, valid_pairs } }`.
 * Example: `resemblanceClaims(resemblanceStats(run.results.tfidf!)).every((c) => c.holds === true)`.
 */
export function resemblanceClaims(stats: Record<string, MeanInterval>): ClaimCheck[] {
  const drawn = KINSHIP_CONFIGS.filter((c) => typeof stats[c.key]?.mean === "number");
  const random = stats.rando_1;
  const related = drawn.filter((c) => c.kinship !== "random");
  const relatedMean = meanOf(stats, related);
  const randomHi = (random?.ci95[1] ?? NaN) as number;
  const above = related.filter((c) => (stats[c.key].mean as number) > randomHi).length;
  const claim1: ClaimCheck = {
    claim: "related-vs-random",
    statement: "related models are far more alike than random pairs",
    holds: random?.mean == null || related.length === 0 ? null : above === related.length,
    detail: `${random?.mean == null || related.length === 0 ? "cannot be judged: no random or no related pair was drawn; " : ""}related ${fmt(relatedMean)} vs random ${fmt(random?.mean ?? NaN)} (${fmt(relatedMean - (random?.mean ?? NaN))} higher, ${(relatedMean / (random?.mean ?? NaN)).toFixed(1)}×); ${above} of ${related.length} related configurations above the random pair's interval`,
    numbers: {
      related_mean: relatedMean,
      random_mean: random?.mean ?? NaN,
      difference: relatedMean - (random?.mean ?? NaN),
      ratio: relatedMean / (random?.mean ?? NaN),
      configs_above: above,
      configs_related: related.length,
    },
  };

  const within = ["trio_1", "quad_0"].map((p) => ({
    p,
    sib: stats[`${p}_2`]?.mean ?? null,
    pc: stats[`${p}_1`]?.mean ?? null,
  }));
  const direct = within.filter((w) => w.sib !== null && w.pc !== null);
  const siblings = meanOf(
    stats,
    drawn.filter((c) => c.kinship === "siblings"),
  );
  const parentChild = meanOf(
    stats,
    drawn.filter((c) => c.kinship === "parent-child"),
  );
  const exceptions: string[] = [];
  let comparisons = 0;
  for (const sib of drawn.filter((c) => c.kinship === "siblings")) {
    for (const pc of drawn.filter((c) => c.pattern === sib.pattern && c.kinship === "parent-child")) {
      comparisons++;
      if ((stats[pc.key].mean as number) >= (stats[sib.key].mean as number)) exceptions.push(`${pc.key} ≥ ${sib.key}`);
    }
  }
  const claim2: ClaimCheck = {
    claim: "siblings-vs-parent-child",
    statement: "siblings are more alike than parent and child",
    holds: direct.length === 0 ? null : direct.every((w) => (w.sib as number) > (w.pc as number)),
    detail: `${direct.length === 0 ? "cannot be judged: no parent with two children was drawn; " : ""}${direct.map((w) => `${w.p}: siblings ${fmt(w.sib as number)} vs parent–child ${fmt(w.pc as number)} (+${fmt((w.sib as number) - (w.pc as number))})`).join("; ")}; pooled ${fmt(siblings)} vs ${fmt(parentChild)}; within-pattern exceptions: ${exceptions.length ? exceptions.join(", ") : "none"} of ${comparisons}`,
    numbers: {
      ...Object.fromEntries(direct.map((w) => [`${w.p}_difference`, (w.sib as number) - (w.pc as number)])),
      siblings_pooled: siblings,
      parent_child_pooled: parentChild,
      exceptions: exceptions.length,
      comparisons,
    },
  };

  const byGap = [1, 2, 3].map((g) =>
    meanOf(
      stats,
      drawn.filter((c) => LINEAL.has(c.kinship) && c.generationsApart === g),
    ),
  );
  const present = byGap.filter((m) => !Number.isNaN(m));
  const claim3: ClaimCheck = {
    claim: "generations",
    statement: "fewer generations apart means more alike",
    holds: present.length < 2 ? null : present.every((m, i) => i === 0 || m < present[i - 1]),
    detail: `${present.length < 2 ? "cannot be judged: fewer than two generation gaps have pairs here; " : ""}ancestor–descendant pairs: 1 generation ${fmt(byGap[0])}, 2 generations ${fmt(byGap[1])}, 3 generations ${fmt(byGap[2])}`,
    numbers: { gap_1: byGap[0], gap_2: byGap[1], gap_3: byGap[2] },
  };
  return [claim1, claim2, claim3];
}
