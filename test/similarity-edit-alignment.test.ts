// Character-level edit alignment (docs/methods.md §5 Figure 4): minimal runs, the figure spec, and the parent–child
// diff on the real sample.
import { test } from "node:test";
import assert from "node:assert/strict";
import { alignmentDistance, editAlignment } from "../src/similarity/editAlignment";
import { editAlignmentSpec, EDIT_COLORS } from "../src/charts/diffFigure";
import { dpDistance } from "./helpers/levenshtein";
import { loadDataset } from "../src/datasets";
import { buildLineageGraph, lineageVariant } from "../src/lineage/graph";
import { loadSettings } from "../src/settings";
import { metadataCorpus } from "../src/similarity/dna";
import { levenshteinDistance, levenshteinSimilarity } from "../src/similarity/levenshtein";
import { parentChildDiff } from "../src/similarity/pairDiff";

test("editAlignment(kitten, sitting) gives the textbook runs", () => {
  assert.deepEqual(editAlignment("kitten", "sitting"), [
    { op: "rep", a: "k", b: "s" },
    { op: "eq", a: "itt", b: "itt" },
    { op: "rep", a: "e", b: "i" },
    { op: "eq", a: "n", b: "n" },
    { op: "ins", a: "", b: "g" },
  ]);
});

test("editAlignment() handles empty strings and astral characters as single code points", () => {
  assert.deepEqual(editAlignment("", "ab"), [{ op: "ins", a: "", b: "ab" }]);
  assert.deepEqual(editAlignment("ab", ""), [{ op: "del", a: "ab", b: "" }]);
  assert.deepEqual(editAlignment("", ""), []);
  assert.equal(alignmentDistance(editAlignment("a🙂b", "ab")), 1);
});

test("editAlignment() is minimal and rebuilds both strings", () => {
  const pairs = [
    ["{'id': 'Qwen/Qwen1.5-72B', 'likes': 60}", "{'id': 'abideen/MegaQwen-120B', 'likes': 3}"],
    ["abcdef", "azced"],
    ["same", "same"],
  ];
  for (const [a, b] of pairs) {
    const segments = editAlignment(a, b);
    assert.equal(segments.map((s) => s.a).join(""), a);
    assert.equal(segments.map((s) => s.b).join(""), b);
    assert.equal(alignmentDistance(segments), dpDistance(a, b), `${a} / ${b}`);
  }
});

test("editAlignmentSpec() colours runs by kind and keeps spaces as no-break spaces", () => {
  const spec = editAlignmentSpec(editAlignment("a b", "a  c"), { topLabel: "parent", bottomLabel: "child" }) as any;
  const boxes = spec.layer[1].data.values as { op: string; text: string; row: string }[];
  assert.deepEqual(spec.layer[1].encoding.color.scale.range, Object.values(EDIT_COLORS));
  assert.ok(boxes.some((b) => b.row === "bottom" && b.op === "ins"));
  assert.ok(
    boxes.every((b) => !b.text.includes(" ")),
    "spaces replaced",
  );
  assert.equal(spec.layer.length, 4, "links, boxes, text and row labels");
});

test("parentChildDiff() on the real sample: counts add up to both strings and match the Levenshtein distance", () => {
  const models = loadDataset(loadSettings({ dataset: "sample" }));
  const graph = lineageVariant(buildLineageGraph(models), "finetune");
  const metadata = metadataCorpus(models);
  const diff = parentChildDiff(graph, metadata, "TheBloke/Llama-2-7B-Chat-GGML", { maxChars: 260 });
  assert.equal(diff.parent, "meta-llama/Llama-2-7b-chat-hf");
  const { eq, rep, del, ins } = diff.characters;
  assert.equal(eq + rep + del, Array.from(diff.parentText).length);
  assert.equal(eq + rep + ins, Array.from(diff.childText).length);
  assert.equal(diff.distance, levenshteinDistance(diff.parentText, diff.childText));
  assert.equal(diff.distance, rep + del + ins);
  assert.equal(diff.similarity, levenshteinSimilarity(diff.parentText, diff.childText));
  // The drawing aligns the first 260 characters of each string plus the "…" that marks the cut.
  assert.equal(diff.segments.map((s) => s.a).join(""), Array.from(diff.parentText).slice(0, 260).join("") + "…");
  assert.equal(diff.segments.map((s) => s.b).join(""), Array.from(diff.childText).slice(0, 260).join("") + "…");
  assert.throws(
    () => parentChildDiff(graph, metadata, "meta-llama/Llama-2-7b-chat-hf"),
    /"meta-llama\/Llama-2-7b-chat-hf" has no parent in the finetune graph/,
  );
  assert.throws(
    () => parentChildDiff(graph, metadata, "TheBloke/Llama-2-7B-Chat-GGML", { parentId: "google/gemma-7b" }),
    /"google\/gemma-7b" is not a parent of/,
  );
  assert.throws(() => parentChildDiff(graph, metadata, "no/such-model"), /"no\/such-model" is not in the snapshot/);
});
