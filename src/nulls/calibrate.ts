// The drift simulator calibrated to an observed snapshot (docs/methods.md §3, §4.3): the simulator (simulate/) cannot
// read lineage or drift, so its parameters are measured here, one layer up, from the table and its full graph.
//
//   size and shape   n; the share of models without a parent; the children per relation (a child's relation is the
//                    strongest of its in-edges, docs/methods.md §3.1; "none" counts as fine-tune); attachment = the
//                    distinct parents per child edge (the share of picks that can found a new parent); fertility per
//                    relation = the share of its children that have children, roots alike
//   names            same-organisation share over edges; organisations per model
//   traits           values and their appearances, the share of roots listing each trait, the share of children that
//                    keep it (parent lists it) or gain it (parent does not), the mutation rate per relation
//                    (drift/mutation.ts on that relation's graph; the rate over all edges where a relation has none;
//                    a trait with no rated edge at all is left out)
import type pl from "nodejs-polars";
import { RELATIONS, type Relation } from "../data/tags";
import { mutationRate } from "../drift/mutation";
import { countsByCode, traitColumn, type Trait, type TraitColumn } from "../drift/traitCodes";
import { lineageFamilies } from "../lineage/families";
import { lineageVariant, relationGraph, type LineageGraph } from "../lineage/graph";
import { EDGE_TYPE_BY_CODE, RELATION_PRECEDENCE } from "../lineage/relations";
import { SIM_TRAITS, type SimTraitParams, type SimulatorParams } from "../simulate/params";
import { controlGroups } from "../similarity/controls";

/** Options of calibrateSimulator. */
export interface CalibrationOptions {
  /** Models to grow [the snapshot's size]. */
  n?: number;
  /** Bias of mutations along the hidden ordering [0.5: no direction]. */
  q?: number;
  /** Name of the calibration source, for printing ["observed snapshot"]. */
  source?: string;
}

/** The relation of each child (strongest type among its in-edges, "none" read as fine-tune), −1 for roots. */
function childRelations(full: LineageGraph): Int8Array {
  const out = new Int8Array(full.nodeCount).fill(-1);
  const strength = (r: Relation) => RELATION_PRECEDENCE.length - RELATION_PRECEDENCE.indexOf(r);
  for (let v = 0; v < full.nodeCount; v++) {
    let best = -1;
    for (let k = full.parentStart[v]; k < full.parentStart[v + 1]; k++) {
      const type = EDGE_TYPE_BY_CODE[full.edgeType[full.parentEdge[k]]];
      const r = RELATIONS.indexOf(type === "none" ? "finetune" : type);
      if (best < 0 || strength(RELATIONS[r]) > strength(RELATIONS[best])) best = r;
    }
    out[v] = best;
  }
  return out;
}

function traitParams(models: pl.DataFrame, full: LineageGraph, trait: Trait): SimTraitParams | null {
  const column = traitColumn(models, trait);
  const counts = countsByCode(column);
  const order = column.values.map((_, c) => c).filter((c) => counts[c] > 0);
  if (order.length === 0) return null;
  const overall = mutationRate(full, column).rate;
  if (overall === null) return null;
  const lists = (v: number) => column.start[v + 1] > column.start[v];
  let roots = 0,
    rootsListing = 0;
  for (let v = 0; v < full.nodeCount; v++)
    if (full.parentStart[v + 1] === full.parentStart[v]) {
      roots++;
      if (lists(v)) rootsListing++;
    }
  const edges = [0, 0, 0, 0]; // parent lists: [edges, child lists too]; parent does not: [edges, child lists]
  for (let e = 0; e < full.edgeCount; e++) {
    const k = lists(full.edgeParent[e]) ? 0 : 2;
    edges[k]++;
    if (lists(full.edgeChild[e])) edges[k + 1]++;
  }
  const rates = {} as Record<Relation, number>;
  for (const r of RELATIONS) rates[r] = mutationRate(relationGraph(full, r), column).rate ?? overall;
  const presence = roots ? rootsListing / roots : 0;
  return {
    values: order.map((c) => column.values[c]),
    weights: order.map((c) => counts[c]),
    presence,
    kept: edges[0] ? edges[1] / edges[0] : 1,
    gained: edges[2] ? edges[3] / edges[2] : presence,
    rates,
  };
}

/**
 * The simulator's parameters measured on a snapshot and its full lineage graph. Example:
 * `calibrateSimulator(models, buildLineageGraph(models), { q: 0.8, source: "sample" })`.
 */
export function calibrateSimulator(
  models: pl.DataFrame,
  full: LineageGraph,
  options: CalibrationOptions = {},
): SimulatorParams {
  if (full.variant !== "full") throw new Error(`nulls/calibrate: calibrate on the full graph, not "${full.variant}"`);
  const n = full.nodeCount;
  const relation = childRelations(full);
  const children = {} as Record<Relation, number>;
  const withChildren = {} as Record<Relation | "root", number>;
  const byRelation = {} as Record<Relation | "root", number>;
  for (const r of [...RELATIONS, "root"] as const) {
    withChildren[r] = 0;
    byRelation[r] = 0;
  }
  let roots = 0,
    parents = 0;
  for (let v = 0; v < n; v++) {
    const key = relation[v] < 0 ? "root" : RELATIONS[relation[v]];
    byRelation[key]++;
    if (relation[v] < 0) roots++;
    if (full.childStart[v + 1] > full.childStart[v]) {
      parents++;
      withChildren[key]++;
    }
  }
  for (const r of RELATIONS) children[r] = byRelation[r];
  const childCount = n - roots;
  const fertility = {} as Record<Relation | "root", number>;
  const fine = byRelation.finetune ? withChildren.finetune / byRelation.finetune : 0;
  for (const r of [...RELATIONS, "root"] as const)
    fertility[r] = byRelation[r] ? withChildren[r] / byRelation[r] : fine || 1;
  const { organisation } = controlGroups(full);
  let same = 0;
  for (let e = 0; e < full.edgeCount; e++)
    if (organisation[full.edgeParent[e]] === organisation[full.edgeChild[e]]) same++;
  const organisations = new Set(organisation).size;
  const traits: SimulatorParams["traits"] = {};
  for (const trait of SIM_TRAITS) {
    const t = traitParams(models, full, trait);
    if (t) traits[trait] = t;
  }
  return {
    n: options.n ?? n,
    rootShare: roots / n,
    relationMix: childCount > 0 ? children : { finetune: 1, quantized: 0, adapter: 0, merge: 0 },
    attachment: childCount > 0 ? Math.min(1, Math.max(0.001, parents / full.edgeCount)) : 1,
    fertility,
    sameOrganisation: full.edgeCount ? same / full.edgeCount : 0,
    organisationShare: Math.max(1 / n, organisations / n),
    q: options.q ?? 0.5,
    traits,
    source: options.source ?? "observed snapshot",
  };
}

/** A snapshot's shape and traits in a few numbers, to hold a simulated snapshot against the observed one. */
export type SnapshotProfile = Record<string, number | null>;

/**
 * Shape and trait numbers of a full lineage graph and its trait columns: models, the share without a parent, children
 * per relation, distinct parents, the largest number of children, families and the largest, the same-organisation
 * share, and per trait the share of models listing it and its fine-tune mutation rate. Example:
 * `snapshotProfile(full, traitColumns(models))`.
 */
export function snapshotProfile(full: LineageGraph, columns: Partial<Record<Trait, TraitColumn>>): SnapshotProfile {
  const n = full.nodeCount;
  const relation = childRelations(full);
  let roots = 0,
    parents = 0,
    maxChildren = 0;
  const children = new Float64Array(RELATIONS.length);
  for (let v = 0; v < n; v++) {
    if (relation[v] < 0) roots++;
    else children[relation[v]]++;
    const k = full.childStart[v + 1] - full.childStart[v];
    if (k > 0) parents++;
    if (k > maxChildren) maxChildren = k;
  }
  const families = lineageFamilies(lineageVariant(full, "nomerges"));
  const { organisation } = controlGroups(full);
  let same = 0;
  for (let e = 0; e < full.edgeCount; e++)
    if (organisation[full.edgeParent[e]] === organisation[full.edgeChild[e]]) same++;
  const profile: SnapshotProfile = {
    models: n,
    edges: full.edgeCount,
    share_without_parent: roots / n,
    ...Object.fromEntries(RELATIONS.map((r, k) => [`children_${r}`, children[k]])),
    distinct_parents: parents,
    most_children: maxChildren,
    families: families.count,
    largest_family: families.size.reduce((m, s) => Math.max(m, s), 0),
    same_organisation_share: full.edgeCount ? same / full.edgeCount : null,
  };
  const finetune = lineageVariant(full, "finetune");
  for (const [trait, column] of Object.entries(columns)) {
    if (!column) continue;
    let listing = 0;
    for (let v = 0; v < n; v++) if (column.start[v + 1] > column.start[v]) listing++;
    profile[`${trait}_listed_share`] = listing / n;
    profile[`${trait}_finetune_mutation_rate`] = mutationRate(finetune, column).rate;
  }
  return profile;
}
