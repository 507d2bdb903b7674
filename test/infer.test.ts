// Lineage inference from metadata (src/infer/): each signal on a constructed case — a GGUF quantization named after
// its source, a card that names its parent, a mergekit configuration, a candidate created after the child — and the
// declared graph with inferred edges added and flagged.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type pl from "nodejs-polars";
import polars from "nodejs-polars";
import { createRng } from "../src/random";
import { PARENT_COLUMNS } from "../src/data/schema";
import { RADAR_LISTING, SAMPLE_CARDS, SAMPLE_LISTING } from "./helpers/data";
import { readListing } from "../src/data/listing";
import { buildLineageGraph, type LineageGraph, lineageVariant, nodeOf } from "../src/lineage/graph";
import { EDGE_TYPE_BY_CODE, EDGE_TYPE_CODE } from "../src/lineage/relations";
import {
  coreNames,
  graphWithInferredEdges,
  hideDeclaredParents,
  hiddenFlags,
  inferParents,
  markerMasks,
  parentlessRows,
  visibleRows,
  evaluateInference,
  INFER_COLUMNS,
  inferredEdges,
  candidateTable,
  readCardEvidence,
  withoutDeclaredBaseModel,
  relationFromMarkers,
  MARKER,
  type ParentInference,
} from "../src/infer/index";

interface Model {
  id: string;
  createdAt: string;
  tags?: string[];
  library_name?: string;
  downloads?: number;
  likes?: number;
  card?: string;
}

/** A canonical table read from a listing (and cards) written to a temporary folder. */
function tableOf(models: Model[]): pl.DataFrame {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "infer-test-"));
  const listing = models.map((m) =>
    JSON.stringify({
      _id: null,
      id: m.id,
      likes: m.likes ?? 0,
      trendingScore: null,
      private: false,
      downloads: m.downloads ?? 0,
      tags: m.tags ?? [],
      ...(m.library_name ? { library_name: m.library_name } : {}),
      createdAt: m.createdAt,
      modelId: m.id,
    }),
  );
  fs.writeFileSync(path.join(dir, "listing.ndjson"), listing.join("\n") + "\n");
  const cards = models.filter((m) => m.card !== undefined).map((m) => JSON.stringify({ id: m.id, card: m.card }));
  const cardsFile = path.join(dir, "cards.ndjson");
  fs.writeFileSync(cardsFile, cards.join("\n") + "\n");
  const table = readListing(path.join(dir, "listing.ndjson"), cardsFile).table;
  fs.rmSync(dir, { recursive: true, force: true });
  return table;
}

/** The ids of a child's best candidates, best first. */
function best(inference: ParentInference, table: pl.DataFrame, child: string, top = 3): string[] {
  const rows = candidateTable(inference, { top, children: [nodeOf(buildLineageGraph(table), child)] });
  return rows.getColumn("parent").toArray() as string[];
}

/** Unrelated filler models, so that no candidate wins only by being the one model there is. */
const FILLER: Model[] = Array.from({ length: 12 }, (_, i) => ({
  id: `filler${i}/unrelated-${String.fromCharCode(97 + i)}-model`,
  createdAt: "2023-01-01T00:00:00.000Z",
  downloads: 100 * i,
}));

test("names reduce to the core a derivative copies", () => {
  assert.deepEqual(
    coreNames([
      "TheBloke/Llama-2-7B-Chat-GGUF",
      "meta-llama/Llama-2-7b-chat-hf",
      "mlx-community/Qwen3-8B-4bit-DWQ",
      "bartowski/Mistral-7B-Instruct-v0.2-Q4_K_M-GGUF",
      "org/gguf",
    ]),
    ["llama-2-7b-chat", "llama-2-7b-chat", "qwen3-8b", "mistral-7b-instruct-v0-2", "gguf"],
  );
});

test("a GGUF quantization finds the model it is named after, as a quantized edge", () => {
  const table = tableOf([
    ...FILLER,
    { id: "org/Base-Model-7B", createdAt: "2024-01-01T00:00:00.000Z", downloads: 5000, tags: ["transformers"] },
    { id: "org/Base-Model-7B-Instruct", createdAt: "2024-01-02T00:00:00.000Z", downloads: 9000 },
    { id: "quanter/Base-Model-7B-GGUF", createdAt: "2024-02-01T00:00:00.000Z", library_name: "gguf", tags: ["gguf"] },
  ]);
  const inference = inferParents(table, { cards: null });
  const c = inference.children.indexOf(nodeOf(buildLineageGraph(table), "quanter/Base-Model-7B-GGUF"));
  assert.equal(EDGE_TYPE_BY_CODE[inference.relation[c]], "quantized");
  const top = candidateTable(inference, { top: 1, children: [inference.children[c]] });
  assert.equal(top.getColumn("parent").get(0), "org/Base-Model-7B");
  assert.match(String(top.getColumn("evidence").get(0)), /name: core "base-model-7b" = child's core/);
  // the evidence line's popularity part, as the comment of src/infer/tables.ts shows it; no time note for an older one
  assert.match(String(top.getColumn("evidence").get(0)), / · 0 declared children, 5000 downloads(?: · |$)/);
  assert.doesNotMatch(String(top.getColumn("evidence").get(0)), /created after|older/);
});

test("a card that says what it was fine-tuned from names the parent", () => {
  const card =
    "# cool model\n\nThis model is a fine-tuned version of [org/base-lm](https://huggingface.co/org/base-lm) on my data.";
  const table = tableOf([
    ...FILLER,
    { id: "org/base-lm", createdAt: "2024-01-01T00:00:00.000Z", downloads: 10 },
    { id: "big/famous-lm", createdAt: "2024-01-01T00:00:00.000Z", downloads: 1_000_000, likes: 5000 },
    { id: "someone/cool-model", createdAt: "2024-03-01T00:00:00.000Z", card },
  ]);
  const cards = new Map([["someone/cool-model", card]]);
  const evidence = readCardEvidence(card);
  assert.deepEqual(evidence.mentions, [{ id: "org/base-lm", kind: "finetuned_from" }]);
  const inference = inferParents(table, { cards });
  assert.equal(inference.cardSource, "full text");
  assert.equal(best(inference, table, "someone/cool-model")[0], "org/base-lm");
  const c = inference.children.indexOf(nodeOf(buildLineageGraph(table), "someone/cool-model"));
  assert.equal(EDGE_TYPE_BY_CODE[inference.relation[c]], "finetune");
});

test("a mergekit configuration names the merged models, and the child is a merge", () => {
  const card = [
    "---",
    "tags:",
    "- mergekit",
    "- merge",
    "---",
    "# merged",
    "```yaml",
    "models:",
    "  - model: alpha/writer-7b",
    "  - model: beta/coder-7b",
    "merge_method: slerp",
    "base_model: alpha/writer-7b",
    "```",
  ].join("\n");
  const table = tableOf([
    ...FILLER,
    { id: "alpha/writer-7b", createdAt: "2024-01-01T00:00:00.000Z" },
    { id: "beta/coder-7b", createdAt: "2024-01-05T00:00:00.000Z" },
    { id: "gamma/popular-7b", createdAt: "2024-01-01T00:00:00.000Z", downloads: 1_000_000 },
    { id: "merger/writer-coder-slerp", createdAt: "2024-04-01T00:00:00.000Z", card },
  ]);
  const evidence = readCardEvidence(card);
  assert.equal(evidence.merge, true);
  assert.deepEqual(
    evidence.mentions.map((m) => [m.id, m.kind]),
    [
      ["alpha/writer-7b", "merge_config"],
      ["beta/coder-7b", "merge_config"],
    ],
  );
  const inference = inferParents(table, { cards: new Map([["merger/writer-coder-slerp", card]]) });
  assert.deepEqual(best(inference, table, "merger/writer-coder-slerp", 2).sort(), ["alpha/writer-7b", "beta/coder-7b"]);
  const c = inference.children.indexOf(nodeOf(buildLineageGraph(table), "merger/writer-coder-slerp"));
  assert.equal(EDGE_TYPE_BY_CODE[inference.relation[c]], "merge");
});

test("a candidate created after the child is rejected, however well it matches", () => {
  const table = tableOf([
    ...FILLER,
    { id: "org/Later-Model-3B", createdAt: "2024-06-01T00:00:00.000Z", downloads: 50_000 },
    { id: "quanter/Later-Model-3B-GGUF", createdAt: "2024-02-01T00:00:00.000Z", library_name: "gguf" },
  ]);
  const inference = inferParents(table, { cards: null });
  const child = nodeOf(buildLineageGraph(table), "quanter/Later-Model-3B-GGUF");
  const later = nodeOf(buildLineageGraph(table), "org/Later-Model-3B");
  const c = inference.children.indexOf(child);
  const s = inference.signals;
  let seen = false;
  for (let k = s.pairStart[c]; k < s.pairStart[c + 1]; k++)
    if (s.parent[k] === later) {
      seen = true;
      assert.equal(s.later[k], 1);
      assert.equal(s.name[k] > 0.9, true);
    }
  assert.equal(seen, true, "the later model is a candidate from the name index");
  assert.equal(best(inference, table, "quanter/Later-Model-3B-GGUF", 20).includes("org/Later-Model-3B"), false);
  assert.ok(inference.report.rejectedAsLater >= 1);
});

test("relation markers vote: name, library and tags, card hints", () => {
  assert.equal(relationFromMarkers(0, null), "finetune");
  assert.equal(relationFromMarkers(MARKER.QUANTIZED_NAME, null), "quantized");
  assert.equal(relationFromMarkers(MARKER.ADAPTER_LIBRARY | MARKER.QUANTIZED_TAG, null), "adapter");
  assert.equal(relationFromMarkers(MARKER.MERGE_TAG, null), "merge");
  assert.equal(
    relationFromMarkers(0, { relation: "adapter", merge: false, adapter: false, quantized: false }),
    "adapter",
  );
  assert.equal(relationFromMarkers(MARKER.QUANTIZED_NAME, null, { name: false, tags: true, card: true }), "finetune");
});

test("hiding declared parents removes the tags, parent columns and the card's base_model key", () => {
  const card = "---\nbase_model: org/base\nbase_model_relation: finetune\nlicense: mit\n---\nbody mentions nothing";
  assert.equal(withoutDeclaredBaseModel(card), "---\nlicense: mit\n---\nbody mentions nothing");
  assert.deepEqual(readCardEvidence(withoutDeclaredBaseModel(card)).mentions, []);
  const table = tableOf([
    { id: "org/base", createdAt: "2024-01-01T00:00:00.000Z" },
    {
      id: "org/child",
      createdAt: "2024-02-01T00:00:00.000Z",
      tags: ["base_model:org/base", "base_model:finetune:org/base", "license:mit"],
      card,
    },
  ]);
  assert.equal(buildLineageGraph(table).edgeCount, 1);
  const hidden = hideDeclaredParents(table, [1]);
  assert.equal(buildLineageGraph(hidden).edgeCount, 0);
  assert.deepEqual(hidden.getColumn("tags").toArray()[1], ["license:mit"]);
  assert.doesNotMatch(String(hidden.getColumn("card_head").get(1)), /base_model/);
});

test("inferred edges join the declared graph flagged, and never close a cycle", () => {
  const table = tableOf([
    ...FILLER,
    { id: "org/Base-Model-7B", createdAt: "2024-01-01T00:00:00.000Z", downloads: 5000 },
    {
      id: "org/Base-Model-7B-Chat",
      createdAt: "2024-01-10T00:00:00.000Z",
      downloads: 1000,
      tags: ["base_model:org/Base-Model-7B", "base_model:finetune:org/Base-Model-7B"],
    },
    { id: "quanter/Base-Model-7B-Chat-GGUF", createdAt: "2024-02-01T00:00:00.000Z", library_name: "gguf" },
  ]);
  const full = buildLineageGraph(table);
  const inference = inferParents(table, { graph: full, cards: null });
  const edges = inferredEdges(inference, { threshold: 0.5 });
  const gguf = nodeOf(full, "quanter/Base-Model-7B-Chat-GGUF");
  const at = Array.from(edges.child).indexOf(gguf);
  assert.ok(at >= 0);
  assert.equal(edges.parent[at], nodeOf(full, "org/Base-Model-7B-Chat"));
  assert.equal(edges.relation[at], EDGE_TYPE_CODE.quantized);
  const augmented = graphWithInferredEdges(full, edges, table);
  assert.equal(augmented.declaredEdges, 1);
  assert.equal(augmented.inferredEdges, edges.child.length);
  assert.equal(augmented.graph.edgeCount, 1 + edges.child.length);
  const quantized = lineageVariant(augmented.graph, "nomerges");
  let flagged = 0;
  for (let e = 0; e < quantized.edgeCount; e++) flagged += augmented.inferred[quantized.fullEdge[e]];
  assert.equal(flagged, edges.child.length);
  // an inferred edge that would close a cycle is left out
  const cyclic = {
    ...edges,
    pair: Int32Array.of(0),
    parent: Int32Array.of(nodeOf(full, "org/Base-Model-7B-Chat")),
    child: Int32Array.of(nodeOf(full, "org/Base-Model-7B")),
    relation: Uint8Array.of(EDGE_TYPE_CODE.finetune),
    score: Float64Array.of(1),
  };
  const kept = graphWithInferredEdges(full, cyclic, table);
  assert.equal(kept.cycleEdges, 1);
  assert.equal(kept.graph.edgeCount, 1);
});

/** The rewrite hideDeclaredParents must equal: a when/then over every row of the table (the plain statement). */
function hideByWholeTable(table: pl.DataFrame, rows: ArrayLike<number>): pl.DataFrame {
  const flag = new Uint8Array(table.height);
  for (let i = 0; i < rows.length; i++) flag[rows[i]] = 1;
  const hidden = polars.col("__hidden");
  const exprs: pl.Expr[] = [
    polars
      .when(hidden)
      .then(polars.col("tags").lst.eval(polars.element().filter(polars.element().str.startsWith("base_model:").not())))
      .otherwise(polars.col("tags"))
      .alias("tags"),
  ];
  for (const c of PARENT_COLUMNS.filter((c) => table.columns.includes(c)))
    exprs.push(polars.when(hidden).then(polars.col(c).lst.slice(0, 0)).otherwise(polars.col(c)).alias(c));
  if (table.columns.includes("card_head"))
    exprs.push(
      polars
        .when(hidden.and(polars.col("card_head").str.startsWith("---")))
        .then(polars.col("card_head").str.replaceAll("(?m)^base_model[a-z_]*:[^\\n]*(?:\\n[ \\t]*-[^\\n]*)*\\n?", ""))
        .otherwise(polars.col("card_head"))
        .alias("card_head"),
    );
  return table
    .withColumns(polars.Series("__hidden", flag).cast(polars.Bool))
    .withColumns(...exprs)
    .drop("__hidden");
}

/** The real listings the hiding tests run on: the sample with its card heads, and radar. */
function hidingDatasets(): pl.DataFrame[] {
  const quiet = { progress: false } as const;
  return [readListing(SAMPLE_LISTING, SAMPLE_CARDS, quiet).table, readListing(RADAR_LISTING, undefined, quiet).table];
}

/** A seeded fifth of the children, some twice, rows without a parent, the first row and the last. */
function rowsToHide(table: pl.DataFrame, full: LineageGraph): { rows: number[]; withParent: number[] } {
  const withParent: number[] = [];
  for (let v = 0; v < full.nodeCount; v++) if (full.parentStart[v + 1] > full.parentStart[v]) withParent.push(v);
  const rng = createRng(`hide/${table.height}`);
  const rows = [0, table.height - 1, ...withParent.filter(() => rng() < 0.2), ...withParent.filter(() => rng() < 0.02)];
  for (let i = 0; i < 50; i++) rows.push(rng.int(table.height));
  return { rows, withParent };
}

test("hiding rows' lineage rewrites exactly those rows, on real listings (sample with cards, radar)", () => {
  const datasets = hidingDatasets();
  for (const table of datasets) {
    const full = buildLineageGraph(table);
    const { rows, withParent } = rowsToHide(table, full);
    const hidden = hideDeclaredParents(table, rows);
    assert.ok(hidden.frameEqual(hideByWholeTable(table, rows), true), `${table.height} models: the rewrite differs`);
    assert.deepEqual(hidden.columns, table.columns);
    const visible = buildLineageGraph(hidden);
    const hiddenSet = new Set(rows);
    let kept = 0;
    for (const v of withParent) if (!hiddenSet.has(v)) kept += full.parentStart[v + 1] - full.parentStart[v];
    assert.equal(visible.edgeCount, kept, "every edge of a hidden child goes, every other stays");
    assert.ok(hideDeclaredParents(table, []).frameEqual(table, true));
  }
});

test("reading rows as hidden equals reading the hidden copy: graph, parentless rows, markers, inference (sample, radar)", () => {
  for (const table of hidingDatasets()) {
    const { rows } = rowsToHide(table, buildLineageGraph(table));
    const masked = hideDeclaredParents(table, rows);
    const label = `${table.height} models`;
    // the graph without the hidden rows' parents, built from the table itself
    const visible = buildLineageGraph(table, { withoutParentsOf: rows });
    const rebuilt = buildLineageGraph(masked);
    assert.ok(visible.edgeCount < buildLineageGraph(table).edgeCount, `${label}: some edges are hidden`);
    for (const key of ["edgeParent", "edgeChild", "edgeFlags", "edgeType", "childStart", "parentStart"] as const)
      assert.deepEqual(visible[key], rebuilt[key], `${label}: graph ${key}`);
    assert.deepEqual(visible.report, rebuilt.report, `${label}: graph report`);
    // parentless rows, marker masks (the tags read in slices of 97 rows too)
    const flags = hiddenFlags(table.height, rows);
    assert.deepEqual(parentlessRows(table, flags), parentlessRows(masked));
    assert.deepEqual(markerMasks(table, { sliceRows: 97 }), markerMasks(table));
    const rowList = Int32Array.from(new Set(rows)).sort();
    assert.ok(visibleRows(table, rowList, masked.columns, flags).frameEqual(gatherAll(masked, rowList), true));
    // the whole inference of the hidden rows, with the card heads rewritten and the similarity fitted on the table
    const common = { children: rows, cards: null, transformCard: withoutDeclaredBaseModel } as const;
    const read = inferParents(table, { ...common, hiddenLineage: rows, graph: visible });
    const copied = inferParents(masked, { ...common, graph: rebuilt });
    const { ids: readIds, ...readRest } = read;
    const { ids: copiedIds, ...copiedRest } = copied;
    assert.deepEqual(readIds.toArray(), copiedIds.toArray());
    assert.deepEqual(readRest, copiedRest, `${label}: inference`);
    assert.ok(read.report.pairs > 0 && read.report.childrenWithCardEvidence >= 0);
    // without a graph passed, the hidden rows' parents are left out of the one built inside
    const built = inferParents(table, { ...common, hiddenLineage: rows, vectorizer: null });
    assert.deepEqual(built.signals, inferParents(masked, { ...common, vectorizer: null }).signals);
  }
  assert.throws(
    () => buildLineageGraph(tableOf([{ id: "a/b", createdAt: "2024-01-01T00:00:00.000Z" }]), { withoutParentsOf: [1] }),
    /withoutParentsOf names row 1/,
  );
  assert.throws(() => hiddenFlags(3, [-1]), /hidden row -1 is not a row of the table \(3 rows\)/);
});

test("a table's whole-table columns are computed once per table and are the same after a call with hidden rows (sample, radar)", () => {
  for (const table of hidingDatasets()) {
    const { rows } = rowsToHide(table, buildLineageGraph(table));
    const common = { children: rows, cards: null, vectorizer: null } as const;
    // a call with hidden rows first, then the plain call on the same table object, which reads the cached columns
    inferParents(table, { ...common, hiddenLineage: rows });
    const again = inferParents(table, common);
    const fresh = inferParents(table.clone(), common);
    assert.deepEqual(again.markers, fresh.markers, `${table.height} models: markers`);
    assert.deepEqual(again.signals, fresh.signals, `${table.height} models: signals`);
    assert.deepEqual(again.report, fresh.report, `${table.height} models: report`);
  }
});

/** Every column of the given rows (the plain statement `visibleRows` must equal on the hidden copy). */
function gatherAll(table: pl.DataFrame, rows: Int32Array): pl.DataFrame {
  const at = polars.Series("row", rows);
  return table.select(...table.columns.map((c) => polars.col(c).gather(at)));
}

test("inference and its evaluation read only INFER_COLUMNS: the same numbers on the sample without the other columns", () => {
  const table = readListing(SAMPLE_LISTING, SAMPLE_CARDS, { progress: false }).table;
  const narrow = table.select(...INFER_COLUMNS.filter((c) => table.columns.includes(c)));
  assert.ok(narrow.width < table.width, "the sample has columns inference does not read");
  assert.ok(
    INFER_COLUMNS.every((c) => table.columns.includes(c)),
    "the sample has every column inference reads",
  );
  const options = { rng: createRng(5).fork("narrow"), cards: null } as const;
  const wide = evaluateInference(table, options);
  const thin = evaluateInference(narrow, { ...options, rng: createRng(5).fork("narrow") });
  assert.deepEqual(thin.metrics, wide.metrics);
  assert.deepEqual(thin.inference.signals, wide.inference.signals);
  assert.deepEqual(thin.calibration, wide.calibration);
});
