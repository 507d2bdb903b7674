// Turns a synthetic plan (typed arrays) into rows of the canonical snapshot table (schema.ts), a chunk
// at a time. Every column starts as a typed array; strings come from small dictionaries joined on
// integer codes and from polars string expressions; list columns are joined strings split once.
// NOTE: no JS object per cell, and JS strings only for `_id` and for the few rows with dataset tags or
// several parents; building frames from JS objects and string arrays is 10-25x slower (measured on 2M rows:
// 57.8 s from JS arrays against 0.27 s for 1e7 rows from typed arrays).
//
// Tags follow the Hub's order and the derived columns are exactly what deriveFromTags (tags.ts) gives:
// [library, format, architecture, task, languages..., dataset:..., arxiv:..., base_model:<p>...,
//  base_model:<relation>:<p>..., license:..., capability tags..., region:us].
import pl from "nodejs-polars";
import { hashString } from "../random";
import { canonicalColumnExprs } from "../data/schema";
import { TOP_PARENTS } from "./calibration";
import { RELATIONS } from "../data/tags";
import { LIBRARIES, LICENSES, TASKS } from "./categories";
import { ARXIV_IDS, ARXIV_SLOTS, CAPABILITY_TAGS, DATASET_SLOTS, FORMAT_TAGS, TAG_SEPARATOR } from "./extras";
import { languageSetStrings } from "./languages";
import { REL } from "./graph";
import type { SyntheticPlan } from "./plan";
import { MODEL_TYPES } from "./traits";

const SEP = TAG_SEPARATOR;
/** Model-name infix per relation: "user7/llama-ft-123" (index = REL code). */
const NAME_SUFFIX = ["", "-ft", "-GGUF", "-lora", "-merge"];
const STEMS = ["model", ...MODEL_TYPES];
/** Name codes at or above this are top parents (code - TOP_NAME_CODE indexes TOP_PARENTS). */
const TOP_NAME_CODE = STEMS.length * NAME_SUFFIX.length;
/** An empty List(Utf8) literal (polars turns a Series literal into one list value). */
const EMPTY_LIST = () => pl.lit(pl.Series("empty", [], pl.Utf8));

/** Code -> string tables joined onto a chunk. */
type Lookups = Record<string, pl.DataFrame>;

/** Integer fields of a model's packed record (one Int32 each), in time order. */
const INT_FIELDS = [
  "author",
  "name_code",
  "license",
  "task",
  "library",
  "extra",
  "lang",
  "head",
  "kind",
  "chars",
  "words",
  "rel",
  "n_parents",
  "ax",
  "p0row",
  "p0author",
  "p0name_code",
] as const;
/** Float fields of a model's packed record. */
const FLOAT_FIELDS = ["createdAt_ms", "likes", "downloads", "trendingScore"] as const;

/**
 * A plan made ready for building frames: dictionaries, and every model's columns packed into one
 * record (so gathering a chunk in random row order reads one or two cache lines per model, not 21 arrays).
 */
export interface SyntheticFrameSource {
  plan: SyntheticPlan;
  lookups: Lookups;
  ints: Int32Array;
  floats: Float64Array;
  /** Name prefixes and top-parent ids by name code. */
  names: string[];
}

function lookup(code: string, columns: Record<string, (string | null)[]>): pl.DataFrame {
  const size = Object.values(columns)[0].length;
  return pl.DataFrame([
    pl.Series(
      code,
      Int32Array.from({ length: size }, (_, k) => k),
    ),
    ...Object.entries(columns).map(([name, values]) => pl.Series(name, values, pl.Utf8)),
  ]);
}

const prefixed = (prefix: string, values: readonly (string | null)[]) =>
  values.map((v) => (v === null ? null : prefix + v));
const joined = (values: (string | null)[]) =>
  values.some((v) => v !== null) ? values.filter((v) => v !== null).join(SEP) : null;

/** Code of the format, architecture and capability tags of a model (one dictionary entry per combination). */
function extraCode(modelType: number, format: number, capability: number): number {
  return (modelType * FORMAT_TAGS.length + format) * CAPABILITY_TAGS.length + capability;
}

/** Name code: stem and relation suffix, or a top parent. */
function nameCode(plan: SyntheticPlan, i: number): number {
  const top = plan.lineage.topParent[i];
  return top >= 0 ? TOP_NAME_CODE + top : plan.traits.modelType[i] * NAME_SUFFIX.length + plan.lineage.relation[i];
}

/** The dictionaries of a plan. */
function lookupsOf(plan: SyntheticPlan): Lookups {
  const sets = plan.languages.sets.map((set) => (set.length === 0 ? null : languageSetStrings(set, SEP)));
  const names = [
    ...STEMS.flatMap((stem) => NAME_SUFFIX.map((suffix) => `${stem}${suffix}-`)),
    ...TOP_PARENTS.map((t) => t.id),
  ];
  const extras: { pre: string | null; post: string | null }[] = [];
  for (let t = 0; t <= MODEL_TYPES.length; t++) {
    for (const format of FORMAT_TAGS) {
      for (const capability of CAPABILITY_TAGS)
        extras.push({ pre: joined([format, t > 0 ? MODEL_TYPES[t - 1] : null]), post: capability });
    }
  }
  const axIds = ARXIV_IDS.flatMap((a) => ARXIV_IDS.map((b) => joined([a, b])));
  const axTags = ARXIV_IDS.flatMap((a) => ARXIV_IDS.map((b) => joined(prefixed("arxiv:", [a, b]))));
  return {
    license: lookup("license", { license_name: LICENSES.names, license_tag: prefixed("license:", LICENSES.names) }),
    task: lookup("task", { pipeline_tag: TASKS.names }),
    library: lookup("library", { library_name: LIBRARIES.names }),
    extra: lookup("extra", { extra_pre: extras.map((e) => e.pre), extra_post: extras.map((e) => e.post) }),
    lang: lookup("lang", {
      lang_codes: sets.map((set) => set?.codes ?? null),
      lang_names: sets.map((set) => set?.names ?? null),
    }),
    head: lookup("head", { card_head: plan.heads.texts }),
    name: lookup("name_code", {
      name: names,
      top_author: names.map((id, code) => (code >= TOP_NAME_CODE ? id.split("/")[0] : null)),
    }),
    p0name: lookup("p0name_code", { p0name: names }),
    ax: lookup("ax", { arxiv_ids: axIds, arxiv_tags: axTags }),
  };
}

/** Packs every model's integer and float columns into records, in time order. */
function pack(plan: SyntheticPlan): { ints: Int32Array; floats: Float64Array } {
  const { lineage: L, traits: t, languages, cards: c, extras: e, rowOf, n } = plan;
  const ints = new Int32Array(n * INT_FIELDS.length);
  const floats = new Float64Array(n * FLOAT_FIELDS.length);
  for (let i = 0; i < n; i++) {
    const p = L.parentOffsets[i + 1] > L.parentOffsets[i] ? L.parents[L.parentOffsets[i]] : -1;
    let o = i * INT_FIELDS.length; // same order as INT_FIELDS
    ints[o++] = e.author[i];
    ints[o++] = nameCode(plan, i);
    ints[o++] = t.license[i];
    ints[o++] = t.task[i];
    ints[o++] = t.library[i];
    ints[o++] = extraCode(t.modelType[i], e.format[i], e.capability[i]);
    ints[o++] = languages.setOf[i];
    ints[o++] = c.head[i];
    ints[o++] = c.kind[i];
    ints[o++] = c.chars[i];
    ints[o++] = c.words[i];
    ints[o++] = L.relation[i];
    ints[o++] = L.parentOffsets[i + 1] - L.parentOffsets[i];
    ints[o++] = e.arxiv[i * ARXIV_SLOTS] * ARXIV_IDS.length + e.arxiv[i * ARXIV_SLOTS + 1];
    ints[o++] = p < 0 ? -1 : rowOf[p];
    ints[o++] = p < 0 ? -1 : e.author[p];
    ints[o++] = p < 0 ? -1 : nameCode(plan, p);
    let q = i * FLOAT_FIELDS.length; // same order as FLOAT_FIELDS
    floats[q++] = L.createdAt[i];
    floats[q++] = e.likes[i];
    floats[q++] = e.downloads[i];
    floats[q++] = e.trending[i];
  }
  return { ints, floats };
}

/**
 * Prepares a plan for building frames: `const source = syntheticFrameSource(planSynthetic(20_000, 1))`.
 */
export function syntheticFrameSource(plan: SyntheticPlan): SyntheticFrameSource {
  const lookups = lookupsOf(plan);
  return { plan, lookups, ...pack(plan), names: lookups.name.getColumn("name").toArray() as string[] };
}

/** Per-row integer and float columns of rows [start, end), gathered from the packed records. */
function chunkColumns(source: SyntheticFrameSource, start: number, end: number): pl.Series[] {
  const { ints, floats, plan } = source;
  const m = end - start;
  const intCols = INT_FIELDS.map(() => new Int32Array(m));
  const floatCols = FLOAT_FIELDS.map(() => new Float64Array(m));
  const rows = new Int32Array(m);
  const ni = INT_FIELDS.length;
  const nf = FLOAT_FIELDS.length;
  for (let k = 0; k < m; k++) {
    const i = plan.timeOf[start + k];
    rows[k] = start + k;
    for (let f = 0; f < ni; f++) intCols[f][k] = ints[i * ni + f];
    for (let f = 0; f < nf; f++) floatCols[f][k] = floats[i * nf + f];
  }
  return [
    pl.Series("row", rows),
    ...INT_FIELDS.map((name, f) => pl.Series(name, intCols[f])),
    ...FLOAT_FIELDS.map((name, f) => pl.Series(name, floatCols[f])),
  ];
}

/** Dataset and merge-parent strings of the rows [start, end) that have any, keyed by row (few rows). */
function sparseStrings(source: SyntheticFrameSource, start: number, end: number): pl.DataFrame {
  const { plan, names } = source;
  const { extras: e, lineage: L, timeOf } = plan;
  const rows: number[] = [];
  const cols: Record<string, (string | null)[]> = {
    dataset_names: [],
    dataset_tags: [],
    merge_joined: [],
    merge_tags: [],
  };
  for (let r = start; r < end; r++) {
    const i = timeOf[r];
    const at = i * DATASET_SLOTS;
    const hasDatasets = e.datasets[at] > 0 || e.datasets[at + 1] > 0 || e.datasets[at + 2] > 0;
    const merge = L.parentOffsets[i + 1] - L.parentOffsets[i] > 1;
    if (!hasDatasets && !merge) continue;
    rows.push(r);
    const ds = Array.from({ length: DATASET_SLOTS }, (_, k) => e.datasetNames[e.datasets[at + k]]);
    cols.dataset_names.push(joined(ds));
    cols.dataset_tags.push(joined(prefixed("dataset:", ds)));
    const ids: string[] = [];
    if (merge)
      for (let s = L.parentOffsets[i]; s < L.parentOffsets[i + 1]; s++) ids.push(modelId(plan, L.parents[s], names));
    cols.merge_joined.push(merge ? ids.join(SEP) : null);
    cols.merge_tags.push(
      merge ? [...ids.map((id) => "base_model:" + id), ...ids.map((id) => "base_model:merge:" + id)].join(SEP) : null,
    );
  }
  return pl.DataFrame([
    pl.Series("row", Int32Array.from(rows)),
    ...Object.entries(cols).map(([name, v]) => pl.Series(name, v, pl.Utf8)),
  ]);
}

const HEX4 = Array.from({ length: 65_536 }, (_, k) => k.toString(16).padStart(4, "0"));

/** 24-hex `_id`s: createdAt seconds then 16 hex digits hashed from the seed and the row (like the Hub's ObjectIds). */
function objectIds(plan: SyntheticPlan, start: number, end: number): pl.Series {
  const salt = hashString(String(plan.seed));
  const ids = new Array<string>(end - start);
  for (let r = start; r < end; r++) {
    const seconds = Math.floor(plan.lineage.createdAt[plan.timeOf[r]] / 1000) >>> 0;
    const a = Math.imul(r ^ salt, 0x9e3779b1) >>> 0;
    const b = (Math.imul(r + salt, 0x85ebca6b) ^ salt) >>> 0;
    ids[r - start] =
      HEX4[seconds >>> 16] +
      HEX4[seconds & 0xffff] +
      HEX4[a >>> 16] +
      HEX4[a & 0xffff] +
      HEX4[b >>> 16] +
      HEX4[b & 0xffff];
  }
  return pl.Series("_id", ids, pl.Utf8);
}

/** Concatenation that is null when any part is null. */
function concatOrNull(parts: pl.Expr[]): pl.Expr {
  return pl.concatString(parts, "", false);
}

/** `user<author>/<stem><suffix>-<row>`, or the top parent's real id (columns with the given prefix). */
function idExpr(p: string): pl.Expr {
  const generic = concatOrNull([
    pl.lit("user"),
    pl.col(`${p}author`).cast(pl.Utf8),
    pl.lit("/"),
    pl.col(`${p}name`),
    pl.col(`${p}row`).cast(pl.Utf8),
  ]);
  return pl
    .when(pl.col(`${p}name_code`).gtEq(TOP_NAME_CODE))
    .then(pl.col(`${p}name`))
    .otherwise(generic);
}

/** A nullable joined string as a list: null -> [], "a\u001fb" -> ["a", "b"]. */
function splitList(joinedColumn: pl.Expr): pl.Expr {
  return pl.when(joinedColumn.isNull()).then(EMPTY_LIST()).otherwise(joinedColumn.str.split(SEP));
}

function relationName(code: pl.Expr): pl.Expr {
  return pl
    .when(code.eq(REL.finetune))
    .then(pl.lit("finetune"))
    .when(code.eq(REL.quantized))
    .then(pl.lit("quantized"))
    .when(code.eq(REL.adapter))
    .then(pl.lit("adapter"))
    .when(code.eq(REL.merge))
    .then(pl.lit("merge"))
    .otherwise(pl.lit(null));
}

/** A model's id as a JS string (for the few merge children; the others are built by idExpr). */
function modelId(plan: SyntheticPlan, i: number, names: readonly string[]): string {
  const code = nameCode(plan, i);
  return code >= TOP_NAME_CODE ? names[code] : `user${plan.extras.author[i]}/${names[code]}${plan.rowOf[i]}`;
}

/** The chunk-independent part of the frame pipeline: joins and expressions, built once. */
interface Pipeline {
  joins: [string, string][];
  stages: pl.Expr[][];
  final: pl.Expr[];
}

let cachedPipeline: Pipeline | undefined;

/**
 * The expressions turning chunk columns into canonical columns.
 * NOTE: built once per process; every nodejs-polars expression object costs about a millisecond to
 * create, which made each chunk pay about a second.
 */
function pipeline(): Pipeline {
  if (cachedPipeline) return cachedPipeline;
  const many = pl.col("n_parents").gt(1);
  const pid0 = pl.when(pl.col("p0row").gtEq(0)).then(idExpr("p0")).otherwise(pl.lit(null));
  const single = concatOrNull([
    pl.lit("base_model:"),
    pl.col("pid0"),
    pl.lit(SEP + "base_model:"),
    relationName(pl.col("rel")),
    pl.lit(":"),
    pl.col("pid0"),
  ]);
  const tagParts = [
    "library_name",
    "extra_pre",
    "pipeline_tag",
    "lang_codes",
    "dataset_tags",
    "arxiv_tags",
    "base_model_tags",
    "license_tag",
    "extra_post",
  ];
  const hasCard = pl.col("head").gtEq(0);
  cachedPipeline = {
    joins: [
      ["license", "license"],
      ["task", "task"],
      ["library", "library"],
      ["extra", "extra"],
      ["lang", "lang"],
      ["head", "head"],
      ["name_code", "name"],
      ["p0name_code", "p0name"],
      ["ax", "ax"],
    ],
    stages: [
      [
        // NOTE: one stage, so idExpr still reads the integer `author` code that the author string replaces.
        idExpr("").alias("id"),
        pl
          .when(pl.col("name_code").gtEq(TOP_NAME_CODE))
          .then(pl.col("top_author"))
          .otherwise(concatOrNull([pl.lit("user"), pl.col("author").cast(pl.Utf8)]))
          .alias("author"),
        pid0.alias("pid0"),
      ],
      [
        pl.when(many).then(pl.col("merge_joined")).otherwise(pl.col("pid0")).alias("parents_joined"),
        pl.when(many).then(pl.col("merge_tags")).otherwise(single).alias("base_model_tags"),
      ],
      [
        pl.col("createdAt_ms").cast(pl.Int64).cast(pl.Datetime("ms", "UTC")).alias("createdAt"),
        pl.lit(false).alias("private"),
        pl
          .concatString([...tagParts.map((col) => pl.col(col)), pl.lit("region:us")], SEP, true)
          .str.split(SEP)
          .alias("tags"),
        pl.lit(pl.Series("regions", ["us"], pl.Utf8)).alias("regions"),
        pl
          .when(pl.col("license_name").isNull())
          .then(EMPTY_LIST())
          .otherwise(pl.concatList([pl.col("license_name")]))
          .alias("licenses"),
        splitList(pl.col("arxiv_ids")).alias("arxiv_papers"),
        splitList(pl.col("dataset_names")).alias("datasets"),
        splitList(pl.col("parents_joined")).alias("parent_model"),
        splitList(pl.col("lang_names")).alias("languages"),
        hasCard.alias("has_card"),
        pl.when(hasCard).then(pl.col("chars")).otherwise(pl.lit(null)).alias("card_length_chars"),
        pl.when(hasCard).then(pl.col("words")).otherwise(pl.lit(null)).alias("card_length_words"),
        pl.col("kind").gt(1).alias("card_auto_generated"),
      ],
      RELATIONS.map((r) =>
        pl.when(pl.col("rel").eq(REL[r])).then(pl.col("parent_model")).otherwise(EMPTY_LIST()).alias(`${r}_parent`),
      ),
    ],
    final: canonicalColumnExprs([]),
  };
  return cachedPipeline;
}

/**
 * Rows [start, end) of the canonical snapshot table, in SNAPSHOT_COLUMNS order and dtypes.
 * Example: `buildSyntheticFrame(syntheticFrameSource(plan), 0, plan.n)`.
 */
export function buildSyntheticFrame(source: SyntheticFrameSource, start = 0, end = source.plan.n): pl.DataFrame {
  const { joins, stages, final } = pipeline();
  let lf = pl.DataFrame([...chunkColumns(source, start, end), objectIds(source.plan, start, end)]).lazy();
  for (const [on, table] of joins)
    lf = lf.join(source.lookups[table].lazy(), { on, how: "left", maintainOrder: "left" });
  lf = lf.join(sparseStrings(source, start, end).lazy(), { on: "row", how: "left", maintainOrder: "left" });
  for (const stage of stages) lf = lf.withColumns(...stage);
  return lf.select(final).collectSync();
}
