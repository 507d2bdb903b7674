// The transition and numerical-drift figures: pure, deterministic specs that draw what the paper draws
// (docs/methods.md §5 F-license, F-cardlength, F-languages-count), rendered twice to the same bytes.
import { test } from "node:test";
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { buildLineageGraph } from "../src/lineage/graph";
import { cardDrift } from "../src/drift/cardDrift";
import { LICENSE_CATEGORIES, TASK_CATEGORIES, traitCategory, traitFlowData } from "../src/drift/flow";
import { traitColumn } from "../src/drift/traitCodes";
import { traitOrdering } from "../src/drift/traitOrdering";
import { CATEGORY_COLORS, traitFlowSpec } from "../src/charts/traitFlow";
import { EDGE_TYPE_LINE_COLORS, cardLengthSpec, languageCountSpec } from "../src/charts/parentChild";
import { renderSvg } from "../src/charts/render";

const list = (...items: string[]) => items;

/**
 * gemma and llama3 models fine-tuned into apache-2.0 and mit ones; one mit → gemma back edge; a merge and an adapter.
 */
function licenses(): pl.DataFrame {
  const id = ["g", "l", "a1", "a2", "m1", "g2", "mg", "ad"];
  const parent = [list(), list(), list("g"), list("l"), list("a1"), list("m1"), list("a1", "a2"), list("l")];
  const none = id.map(() => list());
  return pl.DataFrame({
    id,
    parent_model: parent,
    finetune_parent: [list(), list(), list("g"), list("l"), list("a1"), list("m1"), list(), list()],
    quantized_parent: none,
    adapter_parent: [...none.slice(0, 7), list("l")],
    merge_parent: [...none.slice(0, 6), list("a1", "a2"), list()],
    licenses: [
      list("gemma"),
      list("llama3"),
      list("apache-2.0"),
      list("apache-2.0"),
      list("mit"),
      list("gemma"),
      list("mit"),
      list("llama3"),
    ],
    languages: [
      list("English", "French"),
      list("English"),
      list("English"),
      list(),
      list("English"),
      list("English"),
      list("English", "German"),
      list("English"),
    ],
    has_card: [true, true, true, false, true, true, true, true],
    card_length_chars: [900, 800, 300, 3, 200, 100, 50, 400],
    card_auto_generated: [false, false, true, false, true, false, true, false],
  });
}

// All four licenses appear twice, so ties go by the oriented graph's node order (gemma, apache-2.0, mit, llama3) and
// the first optimal ordering is gemma, llama3, apache-2.0, mit (the mit → gemma edge is the one left unexplained).
test("traitFlowData places traits by the weighted ordering, colours them by the paper's categories and marks upward edges", () => {
  const t = licenses();
  const data = traitFlowData(traitOrdering(buildLineageGraph(t), traitColumn(t, "licenses"), 20), {
    categories: LICENSE_CATEGORIES,
    seed: 7,
  });
  assert.deepEqual(
    data.nodes.map((d) => [d.trait, d.rank, d.category]),
    [
      ["gemma", 0, "Commercial"],
      ["llama3", 1, "Commercial"],
      ["apache-2.0", 2, "Permissive"],
      ["mit", 3, "Permissive"],
    ],
  );
  assert.deepEqual([...data.nodes.map((d) => d.slot)].sort(), [0, 1, 2, 3]);
  assert.deepEqual(
    data.edges.filter((e) => !e.downstream).map((e) => [e.from, e.to]),
    [["mit", "gemma"]],
  );
  assert.deepEqual(
    traitFlowData(traitOrdering(buildLineageGraph(t), traitColumn(t, "licenses"), 20), {
      categories: LICENSE_CATEGORIES,
      seed: 7,
    }),
    data,
  );
  assert.equal(traitCategory("fill-mask", TASK_CATEGORIES), "Embeddings and Features");
  assert.equal(traitCategory("wtfpl", LICENSE_CATEGORIES), "Other");
});

test("traitFlowSpec draws one node per trait top to bottom, one arrow per oriented edge, and renders identically twice", async () => {
  const t = licenses();
  const data = traitFlowData(traitOrdering(buildLineageGraph(t), traitColumn(t, "licenses"), 20), {
    categories: LICENSE_CATEGORIES,
  });
  const spec = traitFlowSpec(data) as any;
  const nodes = spec.data.find((d: any) => d.name === "nodes").values,
    edges = spec.data.find((d: any) => d.name === "edges").values;
  assert.deepEqual(
    nodes.map((d: any) => d.trait),
    ["gemma", "llama3", "apache-2.0", "mit"],
  );
  assert.ok(
    nodes.every((d: any, i: number) => i === 0 || d.y > nodes[i - 1].y),
    "upstream on top",
  );
  assert.equal(edges.length, data.edges.length);
  const widest = edges.reduce((a: any, b: any) => (b.width > a.width ? b : a));
  assert.equal(widest.traffic, Math.max(...data.edges.map((e) => e.traffic)));
  assert.deepEqual(
    spec.scales[0].range,
    spec.scales[0].domain.map((c: string) => CATEGORY_COLORS[c]),
  );
  assert.equal(spec.title.text, "Transitions between top-20 licenses");
  const [a, b] = [await renderSvg(spec), await renderSvg(traitFlowSpec(data))];
  assert.equal(a, b);
  for (const trait of ["llama3", "gemma", "apache-2.0", "mit"]) assert.ok(a.includes(`>${trait}</text>`), trait);
});

test("cardLengthSpec and languageCountSpec draw one parent → child line per edge type plus the dashed overall line", async () => {
  const t = licenses();
  const d = cardDrift(buildLineageGraph(t), t);
  const spec = cardLengthSpec(d) as any;
  const [length, auto] = spec.hconcat;
  const lines = (panel: any) => [...new Set(panel.data.values.map((v: any) => v.label))];
  assert.deepEqual(lines(length), ["adapter (n=1)", "finetune (n=3)", "merge (n=1)", "Overall"]);
  assert.deepEqual(
    length.encoding.color.scale.range,
    ["adapter", "finetune", "merge", "Overall"].map((k) => EDGE_TYPE_LINE_COLORS[k]),
  );
  const overall = length.data.values.filter((v: any) => v.overall).map((v: any) => v.value);
  assert.deepEqual(overall, [d.cardLength.overall.parent_mean, d.cardLength.overall.child_mean]);
  assert.deepEqual(auto.encoding.y.scale.domain, [0, 1]);
  const languages = languageCountSpec(d) as any;
  assert.ok(lines(languages).includes(`Overall (n=${d.languages.overallConditional.n})`));
  assert.equal(await renderSvg(spec), await renderSvg(cardLengthSpec(d)));
  assert.equal(await renderSvg(languages), await renderSvg(languageCountSpec(d)));
});
