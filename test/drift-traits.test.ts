// Trait drift logic on a six-model literal family with every edge type (docs/methods.md §4.2, §4.3): trait columns,
// mutation rates on both graph variants, the double-counting transition rule, the oriented graph and its node order,
// the top-n cut with exclusions and ties, orderings and the two metrics, numerical drifts by edge type, Python prints.
import { test } from "node:test";
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { buildLineageGraph, lineageVariant } from "../src/lineage/graph";
import { cardDrift } from "../src/drift/cardDrift";
import { mutationRate } from "../src/drift/mutation";
import { orientedTraitGraph, topTraits } from "../src/drift/oriented";
import { printedRates, pyFloat, removedLine } from "../src/drift/printed";
import { ORDERING_RUNS, driftRun, orderingRunStats, traitColumns } from "../src/drift/driftRun";
import { traitColumn, traitCounter, traitValues } from "../src/drift/traitCodes";
import { traitOrdering } from "../src/drift/traitOrdering";
import { traitTransitions, transitionRows } from "../src/drift/transitions";

const list = (...items: string[]) => items;

/**
 * a (llama3; English, French, German) → ft1 and ft2 (finetunes, apache-2.0); a → plain (generic base_model tag only);
 * ft1 → q (quantized); ft1 and ft2 → m (merge, mit). ft2 has no card.
 */
function family(): pl.DataFrame {
  return pl.DataFrame({
    id: ["base/a", "org/ft1", "org/ft2", "org/q", "org/m", "org/plain"],
    parent_model: [list(), list("base/a"), list("base/a"), list("org/ft1"), list("org/ft1", "org/ft2"), list("base/a")],
    finetune_parent: [list(), list("base/a"), list("base/a"), list(), list(), list()],
    quantized_parent: [list(), list(), list(), list("org/ft1"), list(), list()],
    adapter_parent: [list(), list(), list(), list(), list(), list()],
    merge_parent: [list(), list(), list(), list(), list("org/ft1", "org/ft2"), list()],
    licenses: [list("llama3"), list("apache-2.0"), list("apache-2.0"), list("apache-2.0"), list("mit"), list("llama3")],
    languages: [
      list("English", "French", "German"),
      list("English"),
      list("English", "French"),
      list(),
      list("English", "Spanish"),
      list("English"),
    ],
    pipeline_tag: ["text-generation", "text-generation", "text-classification", null, "text-generation", ""],
    library_name: ["transformers", "transformers", "peft", null, "transformers", "transformers"],
    has_card: [true, true, false, true, true, true],
    card_length_chars: [1000, 200, 3, 100, 50, 300],
    card_auto_generated: [false, true, false, false, true, false],
  });
}

test("traitColumn(table, trait) codes lists and scalars; null and '' are empty", () => {
  const t = family();
  const languages = traitColumn(t, "languages");
  assert.deepEqual(languages.values, ["English", "French", "German", "Spanish"]);
  assert.deepEqual(traitValues(languages, 0), ["English", "French", "German"]);
  assert.deepEqual(traitValues(languages, 3), []);
  const task = traitColumn(t, "pipeline_tag");
  assert.deepEqual(
    [traitValues(task, 3), traitValues(task, 5), traitValues(task, 2)],
    [[], [], ["text-classification"]],
  );
  assert.deepEqual(traitCounter(languages), [
    ["English", 5],
    ["French", 2],
    ["German", 1],
    ["Spanish", 1],
  ]);
  assert.throws(
    () => traitColumn(t.drop("licenses"), "licenses"),
    /^Error: drift\/traitCodes: the table has no column "licenses"/,
  );
});

test("mutationRate is the mean of 1 − Jaccard over edges where both ends list the trait, on either graph variant", () => {
  const t = family(),
    full = buildLineageGraph(t),
    finetune = lineageVariant(full, "finetune");
  assert.deepEqual(mutationRate(full, traitColumn(t, "licenses")), { mutations: 4, traffic: 6, rate: 4 / 6 });
  assert.deepEqual(mutationRate(finetune, traitColumn(t, "licenses")), { mutations: 2, traffic: 2, rate: 1 });
  // Edge order: a→ft1, a→ft2, a→plain, ft1→q (no languages), ft1→m, ft2→m; the float sum runs in that order.
  const expected = 2 / 3 + 1 / 3 + 2 / 3 + 1 / 2 + 2 / 3;
  assert.deepEqual(mutationRate(full, traitColumn(t, "languages")), {
    mutations: expected,
    traffic: 5,
    rate: expected / 5,
  });
  // Tasks: "" (plain) and null (q) are empty, so a→plain, ft1→q do not count; a→ft2 and ft2→m change.
  assert.deepEqual(mutationRate(full, traitColumn(t, "pipeline_tag")), { mutations: 2, traffic: 4, rate: 0.5 });
});

test("traitTransitions counts a single-valued change twice and multi-valued changes from every kept trait", () => {
  const t = family(),
    full = buildLineageGraph(t);
  assert.deepEqual(transitionRows(traitTransitions(full, traitColumn(t, "licenses"))), [
    ["apache-2.0", "mit", 4, 2, 2],
    ["llama3", "apache-2.0", 4, 2, 2],
  ]);
  const languages = traitTransitions(full, traitColumn(t, "languages"));
  assert.deepEqual(transitionRows(languages), [
    ["French", "English", 3, 0, 3],
    ["German", "English", 3, 0, 3],
    ["English", "Spanish", 2, 2, 0],
    ["French", "Spanish", 2, 1, 1],
    ["German", "French", 1, 0, 1],
  ]);
  assert.deepEqual(
    Array.from(languages.nodes, (c) => languages.column.values[c]),
    ["French", "English", "German", "Spanish"],
  );
});

test("orientedTraitGraph keeps the majority direction with |n_ij − n_ji| and drops balanced pairs", () => {
  const t = pl.DataFrame({
    id: ["p", "c1", "c2", "c3"],
    parent_model: [list(), list("p"), list("p"), list("c1")],
    finetune_parent: [list(), list("p"), list("p"), list("c1")],
    quantized_parent: [list(), list(), list(), list()],
    adapter_parent: [list(), list(), list(), list()],
    merge_parent: [list(), list(), list(), list()],
    library_name: ["x", "y", "y", "x"],
  });
  const g = traitTransitions(buildLineageGraph(t), traitColumn(t, "library_name"));
  const oriented = orientedTraitGraph(g);
  assert.deepEqual([Array.from(oriented.traffic), Array.from(oriented.totalN)], [[2], [6]]);
  const balanced = t.withColumns(pl.Series("library_name", ["x", "y", "x", "x"]));
  assert.equal(
    orientedTraitGraph(traitTransitions(buildLineageGraph(balanced), traitColumn(balanced, "library_name"))).from
      .length,
    0,
  );
});

test("topTraits sorts candidates stably by appearances, drops other/unknown in the first n + 5 and reports a tie at the cut", () => {
  const t = family(),
    full = buildLineageGraph(t);
  const oriented = orientedTraitGraph(traitTransitions(full, traitColumn(t, "languages")));
  const values = oriented.transitions.column.values;
  const top2 = topTraits(oriented, 2),
    top3 = topTraits(oriented, 3);
  assert.deepEqual(
    top2.top.map((c) => values[c]),
    ["English", "French"],
  );
  assert.equal(top2.boundaryTie, null);
  assert.deepEqual(top3.boundaryTie, { count: 1, tied_traits: ["German", "Spanish"], selected: ["German"] });
  const excluded = topTraits(oriented, 2, ["English"]);
  assert.deepEqual([excluded.top.map((c) => values[c]), excluded.removed], [["French", "German"], ["English"]]);
  assert.equal(removedLine(["other", "unknown"]), "Removed 2 traits: ['other', 'unknown']");
});

test("traitOrdering solves the top-n orderings and counts drift directions and mutations accounted for", () => {
  const t = family(),
    full = buildLineageGraph(t);
  const a = traitOrdering(full, traitColumn(t, "languages"), 3);
  assert.deepEqual(a.orderingWeighted, ["German", "French", "English"]);
  assert.deepEqual([a.weighted.optimum, a.weighted.optimalCount, a.unweighted.optimum], [7, 1, 3]);
  assert.deepEqual(a.driftDirections, { weighted: [3, 3], unweighted: [3, 3] });
  assert.deepEqual(a.mutations, [7, 7]);
  // Node indices follow the candidate order (English, French, German), so pairs are listed by that order.
  assert.deepEqual(a.forcedPrecedencesReduced, [
    ["French", "English"],
    ["German", "French"],
  ]);
  assert.deepEqual(a.isolated, []);
});

test("driftRun: the paper's two runs differ only by graph variant and n", () => {
  const t = family(),
    full = buildLineageGraph(t),
    columns = traitColumns(t);
  const v1 = orderingRunStats("v1", driftRun(full, columns, ORDERING_RUNS.v1));
  const final = orderingRunStats("final", driftRun(full, columns, ORDERING_RUNS.final));
  assert.deepEqual(v1["orderings.v1.mutation_rates.license"], { mutations: 4, traffic: 6, rate: 4 / 6 });
  assert.deepEqual(final["orderings.final.mutation_rates.license"], { mutations: 2, traffic: 2, rate: 1 });
  assert.equal(final["orderings.final.traits.library_name.n"], 10);
  assert.deepEqual(final["orderings.final.traits.licenses.ordering_weighted"], ["llama3", "apache-2.0"]);
  const unchanged = t.withColumns(
    pl.Series(
      "licenses",
      Array.from({ length: t.height }, () => ["mit"]),
    ),
  );
  const none = orderingRunStats("v1", driftRun(full, traitColumns(unchanged), ORDERING_RUNS.v1));
  assert.deepEqual(none["orderings.v1.traits.licenses.ilp_ties"], { note: "fewer than 2 traits" });
  assert.deepEqual(none["orderings.v1.traits.licenses.drift_directions_accounted_for"], {
    weighted_ordering: [0, 0],
    unweighted_ordering: [0, 0],
    as_printed_by_notebook: null,
  });
  assert.deepEqual(v1["orderings.v1.traits.licenses.mutations_accounted_for"], {
    compatible: 8,
    total: 8,
    fraction: 1,
    as_printed_by_notebook: "1.0",
  });
  assert.equal(
    final["orderings.final.printed_rates"],
    printedRates(driftRun(full, columns, ORDERING_RUNS.final).rates),
  );
});

test("cardDrift: per-type means leave out untyped edges, overall lines keep them", () => {
  const d = cardDrift(buildLineageGraph(family()), family());
  assert.deepEqual(d.cardLength.byEdgeType, {
    finetune: { n: 1, parent_mean: 1000, child_mean: 200 },
    merge: { n: 1, parent_mean: 200, child_mean: 50 },
    quantized: { n: 1, parent_mean: 200, child_mean: 100 },
  });
  assert.deepEqual(d.cardLength.overall, { n: 4, parent_mean: 600, child_mean: 162.5 });
  assert.deepEqual([d.cardLength.typedEdgesBothWithCard, d.cardLength.meanChange], [3, -437.5]);
  assert.deepEqual(d.autoGenerated.overallAllEdges, { n: 6, parent_mean: 2 / 6, child_mean: 3 / 6 });
  assert.deepEqual(
    [d.autoGenerated.edgesBothWithCard, d.autoGenerated.deltaBothHaveCard, d.autoGenerated.deltaAllEdges],
    [4, 0, 3 / 6 - 2 / 6],
  );
  assert.deepEqual(d.languages.byEdgeTypeConditional, {
    finetune: { n: 2, parent_mean: 3, child_mean: 1.5 },
    merge: { n: 2, parent_mean: 1.5, child_mean: 2 },
  });
  assert.deepEqual(d.languages.overallConditional, { n: 5, parent_mean: 2.4, child_mean: 1.6 });
  assert.deepEqual(d.languages.unconditionalAllEdges, { n: 6, parent_mean: 13 / 6, child_mean: 8 / 6 });
  assert.deepEqual(d.hasCard.byEdgeType.merge, { n: 2, parent_mean: 0.5, child_mean: 1 });
  assert.deepEqual(
    [d.shareOfNodesWithCard, d.childHasCardCounts, d.hasCard.deltaAllEdges],
    [5 / 6, { True: 5, False: 1 }, 0],
  );
});

test("pyFloat prints floats as Python's repr", () => {
  assert.deepEqual([456, 0.2845161290322581, 0.00001, 1.5e-7, 1e16, -0, null, NaN, 0.5].map(pyFloat), [
    "456.0",
    "0.2845161290322581",
    "1e-05",
    "1.5e-07",
    "1e+16",
    "-0.0",
    "nan",
    "nan",
    "0.5",
  ]);
});
