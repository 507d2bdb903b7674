// Python list literals of the released CSV (src/data/pyrepr.ts) and Python float reprs
// (src/data/releasedCsvWriter.ts); expected strings were printed by CPython 3.11 (docs/methods.md §2.3).
import { test } from "node:test";
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  ListLiteralError,
  parsePythonStrList,
  plainAsciiItems,
  plainListReprExpr,
  pythonListRepr,
  pythonStrRepr,
} from "../src/data/pyrepr";
import { pythonFloatRepr } from "../src/data/pyrepr";

/** [str, CPython repr(str)] */
const STR_REPRS: [string, string][] = [
  ["", "''"],
  ["a", "'a'"],
  ["it's", '"it\'s"'],
  ['say "hi"', "'say \"hi\"'"],
  ["both ' and \"", "'both \\' and \"'"],
  ["back\\slash", "'back\\\\slash'"],
  ["tab\tnl\nret\r", "'tab\\tnl\\nret\\r'"],
  ["\u0000\u0007\u001f\u007f", "'\\x00\\x07\\x1f\\x7f'"],
  ["\u00a0\u1680\u2000\u200b\u2028\ufeff\u3000 ", "'\\xa0\\u1680\\u2000\\u200b\\u2028\\ufeff\\u3000 '"],
  ["\u00e9\u4e2d\u6587\ud83d\ude00", "'\u00e9\u4e2d\u6587\ud83d\ude00'"],
  ["\ud800", "'\\ud800'"],
  ["\udb40\udc01", "'\\U000e0001'"],
  ["\u0085", "'\\x85'"],
  ["Norwegian Bokm\u00e5l", "'Norwegian Bokm\u00e5l'"],
];

test("pythonStrRepr matches CPython's repr, quotes and escapes included", () => {
  for (const [s, repr] of STR_REPRS) assert.equal(pythonStrRepr(s), repr, JSON.stringify(s));
});

test("pythonListRepr matches CPython: ['a', \"it's\", 'x\"y', 'q\\'\"'] and []", () => {
  assert.equal(pythonListRepr(["a", "it's", 'x"y', "q'\""]), "['a', \"it's\", 'x\"y', 'q\\'\"']");
  assert.equal(pythonListRepr([]), "[]");
});

test("parsePythonStrList inverts pythonListRepr for every case", () => {
  for (const [s] of STR_REPRS)
    assert.deepEqual(parsePythonStrList(pythonListRepr([s, "x"])), [s, "x"], JSON.stringify(s));
  assert.deepEqual(parsePythonStrList("[ 'a' ,\"b\", ]"), ["a", "b"]); // literal_eval also accepts spacing and a trailing comma
});

test("parsePythonStrList rejects malformed literals with the offending position", () => {
  for (const [literal, offset] of [
    ["['a'", 4],
    ["['a', 'b]", 6],
    ["'a'", 0],
    ["[a]", 1],
    ["['a'] x", 6],
    ["['\\x4']", 2],
  ] as const) {
    assert.throws(
      () => parsePythonStrList(literal),
      (e: unknown) => e instanceof ListLiteralError && e.offset === offset,
      literal,
    );
  }
});

test("plainListReprExpr renders plain ASCII lists like pythonListRepr; plainAsciiItems flags the others", () => {
  const lists = [[], ["apache-2.0"], ["a", "b c"], ["it's"], ["é"], ["a\\b"]];
  const df = pl
    .DataFrame({ j: lists.map((l) => l.map((x) => "\x1f" + x).join("")) })
    .select(pl.col("j").str.split("\x1f").lst.slice(1, 1e9).alias("l"));
  const out = df
    .select(plainListReprExpr(pl.col("l")).alias("repr"), plainAsciiItems(pl.col("l")).alias("plain"))
    .toRecords() as unknown as { repr: string; plain: boolean }[];
  assert.deepEqual(
    out.map((r) => r.plain),
    [true, true, true, false, false, false],
  );
  out.forEach((r, i) => r.plain && assert.equal(r.repr, pythonListRepr(lists[i])));
});

test("pythonFloatRepr matches CPython's repr(float)", () => {
  const cases: [number, string][] = [
    [479, "479.0"],
    [0.5, "0.5"],
    [1e16, "1e+16"],
    [1e15, "1000000000000000.0"],
    // biome-ignore lint/correctness/noPrecisionLoss: the literal is rounded on purpose, as Python rounds it
    [123456789012345678, "1.2345678901234568e+17"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [1.5e-7, "1.5e-07"],
    [-2.25, "-2.25"],
    [0.1 + 0.2, "0.30000000000000004"],
    [3e21, "3e+21"],
    [12345.678, "12345.678"],
    [0, "0.0"],
  ];
  for (const [x, repr] of cases) assert.equal(pythonFloatRepr(x), repr, String(x));
});
