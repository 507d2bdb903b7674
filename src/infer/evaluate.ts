// How well metadata recovers declared lineage: hide the declared parents of a seeded random share of the children,
// infer them, and score the ranking against what was declared.
//
//   1. eligible children: models with at least one declared parent among the listed models (docs/methods.md §3.1);
//      a parent outside the table cannot be inferred, so such references are not evaluated (radar has many);
//   2. a seeded 20% of them are held out: their `base_model:` tags, their parent columns and the `base_model` keys of
//      their cards' front matter are removed, and the graph of the remaining declared edges is rebuilt;
//   3. inferParents runs on the held-out children against every model;
//   4. precision@1: among children with a candidate, the share whose best candidate is a declared parent;
//      recall@5: the share of a child's declared parents among its five best candidates, averaged over all held-out
//      children; coverage: the share with any candidate; all overall and by declared relation type;
//   5. the same for each signal alone, for the method without each signal, without the time rule, and for two naive
//      baselines (the most popular model older than the child; the longest common name prefix);
//   6. relation-type accuracy, and precision against a score threshold (calibration).
import pl from "nodejs-polars";
import { buildLineageGraph, type LineageGraph } from "../lineage/graph";
import { hasNumericColumn, nodeColumn } from "../lineage/nodeColumns";
import { EDGE_TYPE_BY_CODE, EDGE_TYPE_CODE, type EdgeType, RELATION_PRECEDENCE } from "../lineage/relations";
import { createRng, type Rng, shuffleInPlace } from "../random";
import { withoutDeclaredBaseModel } from "./cards";
import { candidateTable } from "./tables";
import {
  type CandidateSignals,
  INFER_WEIGHTS,
  type InferOptions,
  type InferWeights,
  type ParentInference,
  SIGNALS,
  type Signal,
  bestPairs,
  childRelation,
  inferParents,
  scorePairs,
} from "./infer";

/** Options of `evaluateInference`. */
export interface EvaluationOptions {
  /** Seed or generator of the held-out draw [settings' default seed 1]. */
  rng?: Rng;
  /** Share of eligible children held out [0.2]. */
  share?: number;
  /** Most children held out, the first of the same seeded draw [no limit]; bounds the work on a large snapshot. */
  maxHeldOut?: number;
  /** Whole card texts by id (the evaluation hides their front matter's `base_model` key). */
  cards?: ReadonlyMap<string, string> | null;
  /** Score weights [INFER_WEIGHTS]. */
  weights?: Partial<InferWeights>;
  /** The table's declared lineage graph, when the caller has it (`buildLineageGraph(table)`) [built here]. */
  graph?: LineageGraph;
  /** Options passed on to inferParents (children, graph and cards are the evaluation's own). */
  infer?: Omit<InferOptions, "children" | "graph" | "cards" | "weights" | "transformCard" | "hiddenLineage">;
}

/** The declared parents of the held-out children (CSR by child index) and each child's declared relation. */
export interface DeclaredTruth {
  parentStart: Int32Array;
  parents: Int32Array;
  /** EDGE_TYPE_CODE of the child's relation: its edges' highest type by the paper's precedence. */
  relation: Uint8Array;
}

/** Ranked candidates of each held-out child for one method: up to five rows per child (-1 fills). */
export interface MethodRanking {
  method: string;
  /** "inference", "signal alone", "without signal", "baseline". */
  kind: string;
  /** Five candidate rows per child (child c at 5c .. 5c + 4), -1 where fewer. */
  top: Int32Array;
  /** Score of each child's best candidate (NaN where none or not scored). */
  topScore: Float64Array;
}

/** One method's metrics on one group of children. */
export interface MethodMetrics {
  method: string;
  kind: string;
  relation: string;
  children: number;
  withCandidate: number;
  precisionAt1: number | null;
  recallAt5: number | null;
  coverage: number | null;
}

/**
 * One point of the calibration curve: children whose best score reaches `threshold`, how many were right, and how
 * often a wrong parent would still be accepted if the declared parents were not in the snapshot at all.
 */
export interface CalibrationPoint {
  threshold: number;
  kept: number;
  correct: number;
  precision: number | null;
  shareKept: number;
  /** Share of held-out children whose best candidate other than a declared parent reaches the threshold. */
  acceptedWithoutParent: number;
}

/**
 * The calibration curve, one point per threshold of CALIBRATION_THRESHOLDS, and the share of eligible children held
 * out to measure it (the `share` option), which `calibrationSpec` names in its subtitle. `share` is a property of the
 * array, so the curve still serialises as a plain list of points: `evaluation.calibration.share`.
 */
export type CalibrationCurve = CalibrationPoint[] & { share: number };

/** Relation-type accuracy of one set of marker sources. */
export interface RelationAccuracy {
  sources: string;
  children: number;
  correct: number;
  accuracy: number | null;
}

/** Everything `evaluateInference` measures. */
export interface InferenceEvaluation {
  /** Children with a declared parent among the listed models. */
  eligible: number;
  /** Share of them held out (the `share` option). */
  share: number;
  /** Held-out rows, ascending. */
  heldOut: Int32Array;
  /** Held-out children whose declared parent was created after them (no method may propose it). */
  declaredParentLater: number;
  truth: DeclaredTruth;
  inference: ParentInference;
  rankings: MethodRanking[];
  metrics: MethodMetrics[];
  relationAccuracy: RelationAccuracy[];
  /** Rows: declared relation, inferred relation, children. */
  relationConfusion: { declared: string; inferred: string; children: number }[];
  calibration: CalibrationCurve;
  /** Score of each held-out child's best candidate that is not a declared parent (NaN for none). */
  bestWithoutParent: Float64Array;
}

/** The declared relation of a child: the highest type of its edges by the paper's precedence ("none" if generic). */
function childTruthRelation(full: LineageGraph, v: number): number {
  let best: EdgeType = "none";
  for (let k = full.parentStart[v]; k < full.parentStart[v + 1]; k++) {
    const t = EDGE_TYPE_BY_CODE[full.edgeType[full.parentEdge[k]]];
    if (t === "none") continue;
    if (best === "none" || RELATION_PRECEDENCE.indexOf(t) < RELATION_PRECEDENCE.indexOf(best)) best = t;
  }
  return EDGE_TYPE_CODE[best];
}

/** The five best candidates of every child under a ranking of the pairs. */
function rankingOf(
  method: string,
  kind: string,
  s: CandidateSignals,
  scores: Float64Array,
  children: number,
  options: { includeLater?: boolean; propose?: (k: number) => boolean } = {},
): MethodRanking {
  const top = new Int32Array(children * 5).fill(-1);
  const topScore = new Float64Array(children).fill(Number.NaN);
  for (let c = 0; c < children; c++) {
    const best = bestPairs(s, scores, c, 5, options).filter((k) => options.propose?.(k) ?? true);
    best.forEach((k, i) => (top[c * 5 + i] = s.parent[k]));
    if (best.length > 0) topScore[c] = scores[best[0]];
  }
  return { method, kind, top, topScore };
}

/** Weights that keep only one signal (weight 1, no bias). */
function onlyWeights(signal: Signal): InferWeights {
  const w: InferWeights = {
    bias: 0,
    name: 0,
    card: 0,
    similarity: 0,
    popularity: 0,
    kind: 0,
    history: 0,
    author: 0,
    derivative: 0,
  };
  w[signal] = 1;
  return w;
}

/** The most popular models older than each child (children in the visible graph, then downloads, then row). */
function popularBaseline(table: pl.DataFrame, graph: LineageGraph, heldOut: Int32Array, created: Float64Array) {
  const n = graph.nodeCount;
  const downloads = hasNumericColumn(table, "downloads") ? nodeColumn(table, "downloads") : new Float64Array(n);
  const kids = (v: number) => graph.childStart[v + 1] - graph.childStart[v];
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => kids(b) - kids(a) || (downloads[b] || 0) - (downloads[a] || 0) || a - b,
  );
  const top = new Int32Array(heldOut.length * 5).fill(-1);
  heldOut.forEach((child, c) => {
    let found = 0;
    for (let i = 0; i < n && found < 5; i++) {
      const v = order[i];
      if (v === child || created[v] > created[child]) continue;
      top[c * 5 + found++] = v;
    }
  });
  return { method: "most popular model", kind: "baseline", top, topScore: new Float64Array(heldOut.length) };
}

/** The models whose names share the longest prefix with each child's name (older than the child). */
function prefixBaseline(table: pl.DataFrame, heldOut: Int32Array, created: Float64Array): MethodRanking {
  const names = table
    .select(pl.col("id").str.toLowerCase().str.replaceAll("^[^/]*/", "").alias("name"))
    .getColumn("name")
    .toArray() as string[];
  const order = Int32Array.from({ length: names.length }, (_, i) => i).sort((a, b) =>
    names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : a - b,
  );
  const position = new Int32Array(names.length);
  order.forEach((v, i) => (position[v] = i));
  const lcp = (a: string, b: string) => {
    let k = 0;
    while (k < a.length && k < b.length && a[k] === b[k]) k++;
    return k;
  };
  const top = new Int32Array(heldOut.length * 5).fill(-1);
  heldOut.forEach((child, c) => {
    const name = names[child];
    let left = position[child] - 1;
    let right = position[child] + 1;
    let found = 0;
    while (found < 5 && (left >= 0 || right < order.length)) {
      const l = left >= 0 ? lcp(name, names[order[left]]) : -1;
      const r = right < order.length ? lcp(name, names[order[right]]) : -1;
      const v = l >= r ? order[left--] : order[right++];
      if (created[v] > created[child]) continue;
      top[c * 5 + found++] = v;
    }
  });
  return { method: "longest common name prefix", kind: "baseline", top, topScore: new Float64Array(heldOut.length) };
}

/** Metrics of a ranking over the children of one relation group. */
function metricsOf(r: MethodRanking, truth: DeclaredTruth, relation: string, members: number[]): MethodMetrics {
  let withCandidate = 0,
    correct = 0,
    recall = 0;
  for (const c of members) {
    const parents = truth.parents.subarray(truth.parentStart[c], truth.parentStart[c + 1]);
    if (r.top[c * 5] >= 0) withCandidate++;
    if (r.top[c * 5] >= 0 && parents.includes(r.top[c * 5])) correct++;
    let found = 0;
    for (let i = 0; i < 5; i++) if (r.top[c * 5 + i] >= 0 && parents.includes(r.top[c * 5 + i])) found++;
    recall += found / parents.length;
  }
  return {
    method: r.method,
    kind: r.kind,
    relation,
    children: members.length,
    withCandidate,
    precisionAt1: withCandidate ? correct / withCandidate : null,
    recallAt5: members.length ? recall / members.length : null,
    coverage: members.length ? withCandidate / members.length : null,
  };
}

/**
 * The calibration point of one threshold: `calibrationAt(evaluation, 0.8).precision` is the precision of the best
 * candidates scoring at least 0.8 on the held-out declared edges.
 */
export function calibrationAt(
  evaluation: Pick<InferenceEvaluation, "truth" | "rankings" | "bestWithoutParent">,
  threshold: number,
): CalibrationPoint {
  const main = evaluation.rankings[0];
  const truth = evaluation.truth;
  const children = main.topScore.length;
  let kept = 0,
    correct = 0,
    decoys = 0;
  for (let c = 0; c < children; c++) {
    if (evaluation.bestWithoutParent[c] >= threshold) decoys++;
    if (!(main.topScore[c] >= threshold)) continue;
    kept++;
    if (truth.parents.subarray(truth.parentStart[c], truth.parentStart[c + 1]).includes(main.top[c * 5])) correct++;
  }
  return {
    threshold,
    kept,
    correct,
    precision: kept ? correct / kept : null,
    shareKept: children ? kept / children : 0,
    acceptedWithoutParent: children ? decoys / children : 0,
  };
}

/**
 * A few held-out children per declared relation type — the first `perRelation` (by row) whose best candidate is a
 * declared parent and the first that are not — with their declared parents, the best inferred candidate, its score
 * and evidence: `kit.showTable(evaluationExamples(evaluation, 2))`.
 */
export function evaluationExamples(evaluation: InferenceEvaluation, perRelation: number): pl.DataFrame {
  const { truth, inference } = evaluation;
  const main = evaluation.rankings[0];
  const chosen: number[] = [];
  const taken = new Map<string, number>();
  for (let c = 0; c < evaluation.heldOut.length; c++) {
    if (main.top[c * 5] < 0) continue;
    const right = truth.parents.subarray(truth.parentStart[c], truth.parentStart[c + 1]).includes(main.top[c * 5]);
    const key = `${truth.relation[c]}/${right}`;
    if ((taken.get(key) ?? 0) >= perRelation) continue;
    taken.set(key, (taken.get(key) ?? 0) + 1);
    chosen.push(evaluation.heldOut[c]);
  }
  const table = candidateTable(inference, { top: 1, children: chosen });
  const ids = inference.ids;
  const declared = new Map<string, string>();
  const relations = new Map<string, string>();
  evaluation.heldOut.forEach((v, c) => {
    const id = String(ids.get(v));
    const ps = Array.from(truth.parents.subarray(truth.parentStart[c], truth.parentStart[c + 1]), (p) =>
      String(ids.get(p)),
    );
    declared.set(id, ps.join(", "));
    relations.set(id, EDGE_TYPE_BY_CODE[truth.relation[c]]);
  });
  const child = table.getColumn("child").toArray() as string[];
  const parent = table.getColumn("parent").toArray() as string[];
  return pl.DataFrame({
    child,
    declared_parent: child.map((id) => declared.get(id) ?? ""),
    declared_relation: child.map((id) => relations.get(id) ?? ""),
    inferred_parent: parent,
    inferred_relation: table.getColumn("relation").toArray() as string[],
    score: table.getColumn("score").toArray() as number[],
    correct: child.map((id, i) => (declared.get(id) ?? "").split(", ").includes(parent[i])),
    evidence: table.getColumn("evidence").toArray() as string[],
  });
}

/** Calibration thresholds: 0, 0.05, ..., 0.95. */
export const CALIBRATION_THRESHOLDS: readonly number[] = Array.from({ length: 20 }, (_, i) => i / 20);

/**
 * Evaluates parent inference on held-out declared edges.
 * Example: `const evaluation = evaluateInference(models, { rng: kit.createRng(run.settings.seed).fork("infer") })`.
 */
export function evaluateInference(table: pl.DataFrame, options: EvaluationOptions = {}): InferenceEvaluation {
  const share = options.share ?? 0.2;
  if (!(share > 0 && share < 1)) throw new Error(`infer/evaluate: share must be in (0, 1), not ${share}`);
  const rng = options.rng ?? createRng(1);
  const full = options.graph ?? buildLineageGraph(table);
  if (full.variant !== "full" || full.nodeCount !== table.height)
    throw new Error(
      `infer/evaluate: options.graph must be the table's full lineage graph (${table.height} nodes), not a ${full.variant} graph of ${full.nodeCount}`,
    );
  const eligible: number[] = [];
  for (let v = 0; v < full.nodeCount; v++) if (full.parentStart[v + 1] > full.parentStart[v]) eligible.push(v);
  const drawn = shuffleInPlace(Int32Array.from(eligible), rng.fork("held-out"));
  const maxHeldOut = options.maxHeldOut ?? Number.POSITIVE_INFINITY;
  if (!(maxHeldOut >= 1)) throw new Error(`infer/evaluate: maxHeldOut must be at least 1, not ${maxHeldOut}`);
  const heldOut = drawn.slice(0, Math.min(Math.round(share * eligible.length), maxHeldOut)).sort();
  if (heldOut.length === 0) throw new Error("infer/evaluate: no child with a declared parent among the listed models");

  // the declared answer
  const parentStart = new Int32Array(heldOut.length + 1);
  const parents: number[] = [];
  const relation = new Uint8Array(heldOut.length);
  const created = hasNumericColumn(table, "createdAt")
    ? nodeColumn(table, "createdAt")
    : new Float64Array(table.height).fill(Number.NaN);
  let declaredParentLater = 0;
  heldOut.forEach((v, c) => {
    let later = true;
    for (let k = full.parentStart[v]; k < full.parentStart[v + 1]; k++) {
      const p = full.edgeParent[full.parentEdge[k]];
      parents.push(p);
      if (!(created[p] > created[v])) later = false;
    }
    if (later) declaredParentLater++;
    parentStart[c + 1] = parents.length;
    relation[c] = childTruthRelation(full, v);
  });
  const truth: DeclaredTruth = { parentStart, parents: Int32Array.from(parents), relation };

  // inference with the held-out parents hidden; the table is read as if they were removed, never copied whole
  const visible = buildLineageGraph(table, { withoutParentsOf: heldOut });
  const weights = { ...INFER_WEIGHTS, ...options.weights };
  const inference = inferParents(table, {
    ...options.infer,
    children: heldOut,
    hiddenLineage: heldOut,
    graph: visible,
    cards: options.cards ?? null,
    weights,
    transformCard: withoutDeclaredBaseModel,
  });
  const s = inference.signals;
  const children = heldOut.length;

  const rankings: MethodRanking[] = [rankingOf("inference", "inference", s, scorePairs(s, weights), children)];
  // NOTE: "alone" ranks by one signal and proposes only candidates where it is positive (else it says nothing).
  for (const signal of ["name", "card", "similarity", "popularity", "kind", "history", "author"] as const) {
    const values = s[signal];
    rankings.push(
      rankingOf(signal, "signal alone", s, scorePairs(s, onlyWeights(signal)), children, {
        propose: (k) => values[k] > 0,
      }),
    );
  }
  for (const signal of SIGNALS)
    rankings.push(
      rankingOf(`without ${signal}`, "without signal", s, scorePairs(s, { ...weights, [signal]: 0 }), children),
    );
  rankings.push(
    rankingOf("without time rule", "without signal", s, scorePairs(s, weights), children, { includeLater: true }),
  );
  rankings.push(popularBaseline(table, visible, heldOut, created));
  rankings.push(prefixBaseline(table, heldOut, created));

  // metrics overall and by declared relation
  const groups = new Map<string, number[]>([["all", Array.from({ length: children }, (_, c) => c)]]);
  for (const type of ["finetune", "adapter", "quantized", "merge", "none"] as const) {
    const members: number[] = [];
    for (let c = 0; c < children; c++) if (relation[c] === EDGE_TYPE_CODE[type]) members.push(c);
    if (members.length > 0) groups.set(type, members);
  }
  const metrics: MethodMetrics[] = [];
  for (const r of rankings) for (const [g, members] of groups) metrics.push(metricsOf(r, truth, g, members));

  // relation types
  const typed: number[] = [];
  for (let c = 0; c < children; c++) if (relation[c] !== EDGE_TYPE_CODE.none) typed.push(c);
  const accuracy = (label: string, infer: (c: number) => number): RelationAccuracy => {
    const correct = typed.filter((c) => infer(c) === relation[c]).length;
    return { sources: label, children: typed.length, correct, accuracy: typed.length ? correct / typed.length : null };
  };
  const withSources = (name: boolean, tags: boolean, card: boolean) => (c: number) =>
    EDGE_TYPE_CODE[childRelation(inference.markers[c], inference.cards[c], { name, tags, card })];
  const relationAccuracy = [
    accuracy("name, tags and library, card", (c) => inference.relation[c]),
    accuracy("name only", withSources(true, false, false)),
    accuracy("tags and library only", withSources(false, true, false)),
    accuracy("card only", withSources(false, false, true)),
    accuracy("without tags and library", withSources(true, false, true)),
    accuracy('always "finetune"', () => EDGE_TYPE_CODE.finetune),
  ];
  const confusion = new Map<string, number>();
  for (const c of typed) {
    const key = `${EDGE_TYPE_BY_CODE[relation[c]]}\u0000${EDGE_TYPE_BY_CODE[inference.relation[c]]}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
  }
  const relationConfusion = [...confusion]
    .map(([key, count]) => {
      const [declared, inferred] = key.split("\u0000");
      return { declared, inferred, children: count };
    })
    .sort((a, b) => (a.declared < b.declared ? -1 : a.declared > b.declared ? 1 : a.inferred < b.inferred ? -1 : 1));

  // calibration of the full method's best candidate, and its best candidate once the declared parents are taken away
  const mainScores = scorePairs(s, weights);
  const withoutParent = new Float64Array(children).fill(Number.NaN);
  for (let c = 0; c < children; c++) {
    const ps = truth.parents.subarray(truth.parentStart[c], truth.parentStart[c + 1]);
    for (let k = s.pairStart[c]; k < s.pairStart[c + 1]; k++)
      if (!s.later[k] && !ps.includes(s.parent[k]) && !(mainScores[k] <= withoutParent[c]))
        withoutParent[c] = mainScores[k];
  }
  const partial = { truth, rankings, bestWithoutParent: withoutParent };
  const calibration: CalibrationCurve = Object.assign(
    CALIBRATION_THRESHOLDS.map((t) => calibrationAt(partial, t)),
    { share },
  );

  return {
    eligible: eligible.length,
    share,
    heldOut,
    bestWithoutParent: withoutParent,
    declaredParentLater,
    truth,
    inference,
    rankings,
    metrics,
    relationAccuracy,
    relationConfusion,
    calibration,
  };
}

/**
 * The metrics as a table, one row per method and relation group (declared edges held out):
 * `evaluationTable(evaluation).filter(kit.pl.col("relation").eq(kit.pl.lit("all")))`.
 */
export function evaluationTable(evaluation: InferenceEvaluation): pl.DataFrame {
  const m = evaluation.metrics;
  return pl.DataFrame({
    method: m.map((r) => r.method),
    kind: m.map((r) => r.kind),
    relation: m.map((r) => r.relation),
    children: m.map((r) => r.children),
    precision_at_1: m.map((r) => r.precisionAt1),
    recall_at_5: m.map((r) => r.recallAt5),
    coverage: m.map((r) => r.coverage),
  });
}

/**
 * The evaluation's numbers keyed for a notebook's stats file (`evaluation.metrics.<method>.<relation>`, ...):
 * `for (const [key, value] of Object.entries(evaluationStats(evaluation))) run.stat(key, value)`.
 */
export function evaluationStats(evaluation: InferenceEvaluation): Record<string, unknown> {
  const stats: Record<string, unknown> = {
    "evaluation.children_with_listed_parent": evaluation.eligible,
    "evaluation.held_out": evaluation.heldOut.length,
    "evaluation.declared_parent_created_later": evaluation.declaredParentLater,
    "evaluation.card_source": evaluation.inference.report.cardSource,
    "evaluation.relation_accuracy": evaluation.relationAccuracy,
    "evaluation.relation_confusion": evaluation.relationConfusion,
    "evaluation.calibration": evaluation.calibration,
  };
  for (const m of evaluation.metrics) {
    const key = `evaluation.metrics.${m.method.replace(/ /g, "_")}`;
    const byRelation = (stats[key] ?? {}) as Record<string, unknown>;
    byRelation[m.relation] = {
      children: m.children,
      precision_at_1: m.precisionAt1,
      recall_at_5: m.recallAt5,
      coverage: m.coverage,
    };
    stats[key] = byRelation;
  }
  return stats;
}

/**
 * What an evaluation held out and left out, in a few lines (the dataset's declared graph names the references to
 * parents outside the table): `for (const line of describeEvaluation(evaluation, full)) console.log(line)`.
 */
export function describeEvaluation(evaluation: InferenceEvaluation, declared: LineageGraph): string[] {
  const outside = declared.report.missingParents;
  const lines = [
    `declared edges held out: ${evaluation.heldOut.length} of the ${evaluation.eligible} children with a listed declared parent`,
  ];
  if (outside.pairs > 0)
    lines.push(
      `not evaluated: ${outside.pairs} declared references of ${outside.childrenAffected} children name parents outside the table`,
    );
  lines.push(
    `held-out children whose declared parents were all created after them (the time rule rejects those): ${evaluation.declaredParentLater}`,
    `card signal of the held-out children: ${evaluation.inference.report.cardSource}`,
  );
  return lines;
}
