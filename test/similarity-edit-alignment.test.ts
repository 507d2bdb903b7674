import { test } from "node:test";
import assert from "node:assert/strict";
import { alignmentDistance, editAlignment } from "../src/similarity/editAlignment";
import { editAlignmentSpec, EDIT_COLORS } from "../src/charts/diffFigure";
import { dpDistance } from "./helpers/levenshtein";


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
  assert.ok(boxes.every((b) => !b.text.includes(" ")), "spaces replaced");
  assert.equal(spec.layer.length, 4, "links, boxes, text and row labels");
});
