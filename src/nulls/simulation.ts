// Experiments with the drift simulator (docs/methods.md §4.3, §6): grow snapshots with a known hidden ordering, run the
// paper's pipeline on each (lineage graph → fine-tune graph → transition graph → oriented graph → top-n → exact
// ordering, as the final run; orderingMetrics.ts for the ordering), and read off
//
//   recovery     Kendall's tau between the optimal ordering of the top-n values and the hidden ordering
//   directions   "drift directions accounted for", and "mutations accounted for", against q and snapshot size
//   implied q    the q values whose simulated 95% range holds an observed "directions accounted for"
//   inheritance  how mutation rates and the resemblance curve respond when every child inherits with probability h
import { mutationRate } from "../drift/mutation";
import { orientedTraitGraph, topTraits } from "../drift/oriented";
import { pythonStrCompare, TRAITS, type Trait, type TraitColumn } from "../drift/traitCodes";
import { traitTransitions } from "../drift/transitions";
import { type GraphVariant, type LineageGraph, VARIANT_KEEPS } from "../lineage/graph";
import { EDGE_TYPE_CODE, GENERIC_PARENT_FLAG, RELATION_FLAG } from "../lineage/relations";
import { emptyLineageReport } from "../lineage/report";
import type { Rng } from "../random";
import { percentileOfSorted } from "../similarity/bootstrap";
import { metadataCorpus } from "../similarity/dna";
import { kinshipConfig } from "../similarity/kinship";
import { similarityMeasures } from "../similarity/measures";
import { kinshipSimilarities } from "../similarity/resemblance";
import { sampleKinship } from "../similarity/sample";
import { RELATIONS } from "../data/tags";
import type { SimulatorParams } from "../simulate/params";
import { type SimulatedEcosystem, growEcosystem } from "../simulate/grow";
import { ecosystemIds, simulateSnapshot } from "../simulate/table";
import { edgeTransitions } from "./ordering";
import { kendallTau, orderingMetrics } from "./orderingMetrics";

/**
 * The lineage graph of a grown ecosystem (full, or one variant), built straight from its arrays: the graph
 * buildLineageGraph (and lineageVariant) make from its snapshot table, as the tests check, without writing and parsing
 * the table. Example: `ecosystemGraph(growEcosystem(params, 1), "finetune").edgeCount`.
 */
export function ecosystemGraph(eco: SimulatedEcosystem, variant: GraphVariant = "full"): LineageGraph {
  const n = eco.n;
  const keeps = VARIANT_KEEPS[variant];
  // Counting sort by parent; children arrive in increasing order, so each parent's children stay sorted.
  const types = RELATIONS.map((r) => EDGE_TYPE_CODE[r]);
  const kept = (i: number) => eco.relation[i] >= 0 && keeps(types[eco.relation[i]]);
  // Index of each edge in the full graph: the full graph's edges sorted by (parent, child).
  const fullStart = new Int32Array(n + 1);
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++)
    for (const p of [eco.parent[i], eco.parent2[i]])
      if (p >= 0) {
        fullStart[p + 1]++;
        if (kept(i)) childStart[p + 1]++;
      }
  for (let v = 0; v < n; v++) fullStart[v + 1] += fullStart[v];
  for (let v = 0; v < n; v++) childStart[v + 1] += childStart[v];
  const m = childStart[n];
  const edgeParent = new Int32Array(m),
    edgeChild = new Int32Array(m),
    edgeFlags = new Uint8Array(m),
    edgeType = new Uint8Array(m),
    fullEdge = new Int32Array(m);
  const cursor = childStart.slice(0, n),
    fullCursor = fullStart.slice(0, n);
  const flags = RELATIONS.map((r) => GENERIC_PARENT_FLAG | RELATION_FLAG[r]);
  const add = (p: number, i: number) => {
    const f = fullCursor[p]++;
    if (!kept(i)) return;
    const k = cursor[p]++;
    edgeParent[k] = p;
    edgeChild[k] = i;
    edgeFlags[k] = flags[eco.relation[i]];
    edgeType[k] = types[eco.relation[i]];
    fullEdge[k] = f;
  };
  for (let i = 0; i < n; i++) {
    if (eco.parent[i] >= 0) add(eco.parent[i], i);
    if (eco.parent2[i] >= 0) add(eco.parent2[i], i);
  }
  const parentStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) parentStart[edgeChild[e] + 1]++;
  for (let v = 0; v < n; v++) parentStart[v + 1] += parentStart[v];
  const parentEdge = new Int32Array(m);
  const next = parentStart.slice(0, n);
  for (let e = 0; e < m; e++) parentEdge[next[edgeChild[e]]++] = e;
  const report = emptyLineageReport(2 * fullStart[n]);
  const graph = {
    variant,
    nodeCount: n,
    edgeCount: m,
    edgeParent,
    edgeChild,
    edgeFlags,
    edgeType,
    childStart,
    parentStart,
    parentEdge,
    fullEdge,
    report,
  } as Omit<LineageGraph, "ids"> as LineageGraph;
  // NOTE: the ids are written only when read (the drift pipeline never reads them; 200,000 ids take about 0.1 s).
  let ids: LineageGraph["ids"] | undefined;
  Object.defineProperty(graph, "ids", { enumerable: true, get: () => (ids ??= ecosystemIds(eco)) });
  return graph;
}

/**
 * One grown trait as the drift pipeline reads it (drift/traitCodes.ts): values in code-point order, one code per
 * model that lists it. Example: `ecosystemTraitColumn(growEcosystem(params, 1), "licenses").values`.
 */
export function ecosystemTraitColumn(eco: SimulatedEcosystem, trait: Trait): TraitColumn {
  const grown = eco.traits[trait];
  if (!grown) throw new Error(`nulls/simulation: the ecosystem has no trait "${trait}"`);
  const values = grown.values.slice().sort(pythonStrCompare);
  const codeOf = grown.values.map((v) => values.indexOf(v));
  const start = new Int32Array(eco.n + 1);
  const codes: number[] = [];
  for (let i = 0; i < eco.n; i++) {
    if (grown.value[i] >= 0) codes.push(codeOf[grown.value[i]]);
    start[i + 1] = codes.length;
  }
  return { trait, values, start, codes: Int32Array.from(codes) };
}

/** What the pipeline recovers from one simulated snapshot, for one trait. */
export interface SimulatedOrdering {
  q: number;
  n: number;
  seed: string;
  trait: Trait;
  /** Top-n values found. */
  values: number;
  directions: [number, number];
  mutations: [number, number];
  /** Kendall's tau of the optimal ordering against the hidden one (NaN with fewer than two values). */
  tau: number;
  /** Mutation rate on the fine-tune graph. */
  rate: number | null;
}

/** Runs the pipeline on one grown ecosystem and compares its ordering with the hidden one. */
function measureOrdering(
  eco: SimulatedEcosystem,
  trait: Trait,
  topN: number,
): Omit<SimulatedOrdering, "q" | "n" | "seed"> {
  const hidden = eco.traits[trait];
  if (!hidden) throw new Error(`nulls/simulation: the parameters have no trait "${trait}"`);
  const finetune = ecosystemGraph(eco, "finetune");
  const column = ecosystemTraitColumn(eco, trait);
  const top = topTraits(orientedTraitGraph(traitTransitions(finetune, column)), topN).top;
  const metrics = orderingMetrics(edgeTransitions(finetune, column, top).raw, top.length);
  const hiddenRank = new Map<string, number>();
  hidden.ordering.forEach((v, i) => hiddenRank.set(hidden.values[v], i));
  const rank = top.map((code) => hiddenRank.get(column.values[code]) ?? 0);
  return {
    trait,
    values: top.length,
    directions: metrics.directions,
    mutations: metrics.mutations,
    tau: kendallTau(metrics.ordering, rank),
    rate: mutationRate(finetune, column).rate,
  };
}

/**
 * Grows one ecosystem and measures its ordering of `trait` (the lineage graph and trait column are read straight from
 * the grown arrays; see ecosystemGraph). Example: `simulatedOrdering({ ...params, q: 1 }, 1, "licenses", 20).tau`.
 */
export function simulatedOrdering(
  params: SimulatorParams,
  seed: number | string,
  trait: Trait,
  topN: number,
): SimulatedOrdering {
  const eco = growEcosystem(params, seed);
  return { q: params.q, n: params.n, seed: String(seed), ...measureOrdering(eco, trait, topN) };
}

/** Options of qScan. */
export interface QScanOptions {
  /** Values of q [0.5, 0.6, …, 1]. */
  qs?: readonly number[];
  /** Snapshot sizes (models). */
  sizes: readonly number[];
  /** Snapshots per (q, size). */
  replicates: number;
  trait: Trait;
  /** Top-n cut [20]. */
  topN?: number;
  /** Seeds come from `rng.fork(size).fork(replicate)`: every q of one size and replicate shares its tree. */
  rng: Rng;
  /** Name of the calibration, carried into every cell [params.source]. */
  label?: string;
}

/** One (q, size) cell of a scan: the mean and 95% range of each measure over its snapshots. */
export interface QScanCell {
  /** The calibration's name (QScanOptions.label). */
  label: string;
  q: number;
  n: number;
  replicates: number;
  directions: { mean: number; range: [number, number] };
  mutations: { mean: number; range: [number, number] };
  tau: { mean: number; range: [number, number] };
  rate: { mean: number; range: [number, number] };
  runs: SimulatedOrdering[];
}

function spread(values: number[]): { mean: number; range: [number, number] } {
  const kept = values.filter((v) => !Number.isNaN(v));
  if (kept.length === 0) return { mean: Number.NaN, range: [Number.NaN, Number.NaN] };
  const sorted = Float64Array.from(kept).sort();
  return {
    mean: kept.reduce((s, v) => s + v, 0) / kept.length,
    range: [percentileOfSorted(sorted, 2.5), percentileOfSorted(sorted, 97.5)],
  };
}

/**
 * Grows `replicates` snapshots per (q, size) and measures the ordering of one trait. Example:
 * `qScan(params, { sizes: [1572], replicates: 5, trait: "licenses", rng })`.
 */
export function qScan(params: SimulatorParams, options: QScanOptions): QScanCell[] {
  const qs = options.qs ?? [0.5, 0.6, 0.7, 0.8, 0.9, 1];
  const cells: QScanCell[] = [];
  for (const n of options.sizes)
    for (const q of qs) {
      const runs: SimulatedOrdering[] = [];
      for (let r = 0; r < options.replicates; r++) {
        const seed = options.rng.fork(n).fork(r).key;
        const only = { [options.trait]: params.traits[options.trait] }; // other traits grow from other streams
        runs.push(simulatedOrdering({ ...params, n, q, traits: only }, seed, options.trait, options.topN ?? 20));
      }
      const frac = (x: [number, number]) => (x[1] > 0 ? x[0] / x[1] : Number.NaN);
      cells.push({
        label: options.label ?? params.source,
        q,
        n,
        replicates: runs.length,
        directions: spread(runs.map((x) => frac(x.directions))),
        mutations: spread(runs.map((x) => frac(x.mutations))),
        tau: spread(runs.map((x) => x.tau)),
        rate: spread(runs.map((x) => x.rate ?? Number.NaN)),
        runs,
      });
    }
  return cells;
}

/**
 * The q values of a scan (at one size) whose 95% range of "directions accounted for" holds the observed fraction,
 * and the q whose mean is nearest to it (null when several q are equally near, as when the metric saturates).
 * Example: `impliedQ(cells, 1572, 29 / 29)`.
 */
export function impliedQ(
  cells: readonly QScanCell[],
  n: number,
  observed: number,
): { consistent: number[]; nearest: number | null } {
  const at = cells.filter((c) => c.n === n && !Number.isNaN(c.directions.mean));
  const consistent = at
    .filter((c) => observed >= c.directions.range[0] - 1e-12 && observed <= c.directions.range[1] + 1e-12)
    .map((c) => c.q);
  let nearest: number | null = null,
    gap = Infinity,
    tied = false;
  for (const c of at) {
    const d = Math.abs(c.directions.mean - observed);
    if (d < gap - 1e-12) {
      gap = d;
      nearest = c.q;
      tied = false;
    } else if (Math.abs(d - gap) <= 1e-12) tied = true;
  }
  return { consistent, nearest: tied ? null : nearest };
}

/** One inheritance level: mutation rates per trait and resemblance means of a few kinships. */
export interface InheritancePoint {
  inherit: number;
  seed: string;
  rates: Partial<Record<Trait, number | null>>;
  /** Mean metadata TF-IDF similarity per configuration key. */
  resemblance: Record<string, number | null>;
}

/** Options of inheritanceScan. */
export interface InheritanceScanOptions {
  /** Inheritance probabilities, applied to every trait and relation. */
  levels: readonly number[];
  /** Snapshots per level. */
  replicates: number;
  /** Configurations scored [rando_1, duo_1, trio_1_2, trio_2_1]. */
  configs?: readonly string[];
  /** Pairs per configuration [1000]. */
  pairs?: number;
  rng: Rng;
}

/**
 * How mutation rates and resemblance respond to the inheritance probability (q as in `params`). Example:
 * `inheritanceScan(params, { levels: [0.2, 0.8], replicates: 2, rng })`.
 */
export function inheritanceScan(params: SimulatorParams, options: InheritanceScanOptions): InheritancePoint[] {
  const configs = (options.configs ?? ["rando_1", "duo_1", "trio_1_2", "trio_2_1"]).map(kinshipConfig);
  const out: InheritancePoint[] = [];
  for (const h of options.levels)
    for (let r = 0; r < options.replicates; r++) {
      const rng = options.rng.fork(r);
      const traits: SimulatorParams["traits"] = {};
      for (const [name, t] of Object.entries(params.traits))
        if (t) traits[name as Trait] = { ...t, inherit: Object.fromEntries(RELATIONS.map((x) => [x, h])) };
      const { ecosystem, table } = simulateSnapshot({ ...params, traits }, rng.key);
      const finetune = ecosystemGraph(ecosystem, "finetune");
      const columns = Object.fromEntries(
        TRAITS.filter((t) => traits[t]).map((t) => [t, ecosystemTraitColumn(ecosystem, t)]),
      );
      const rates: InheritancePoint["rates"] = {};
      for (const t of TRAITS) if (columns[t]) rates[t] = mutationRate(finetune, columns[t]).rate;
      // lazy: the fit reads the tokens from the columns, and only the sampled models' strings are built (0.7 s less
      // CPU per 200,000-model snapshot than building every string first, with the same means)
      const corpus = metadataCorpus(table, { lazy: true });
      const samples = sampleKinship(finetune, { n: options.pairs ?? 1000, rng: rng.fork("pairs"), configs });
      const scored = kinshipSimilarities(samples, corpus, similarityMeasures(corpus).measures.tfidf, {
        bootstrap: 1,
        rng: rng.fork("bootstrap"),
      });
      out.push({
        inherit: h,
        seed: rng.key,
        rates,
        resemblance: Object.fromEntries(scored.map((s) => [s.config.key, s.mean])),
      });
    }
  return out;
}
