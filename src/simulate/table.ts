// A grown ecosystem as the canonical snapshot table (data/schema.ts SNAPSHOT_COLUMNS, docs/methods.md §2.3), so every
// notebook runs on it (DATASET=simulated). Ids, tags and the derived columns are built by polars expressions from
// integer columns; no JS string per model:
//
//   id        org<organisation>/m<family root><relation suffix>-<row>    "org12/m3-ft-1077"
//   tags      [library, task, language code, base_model:<parent>..., base_model:<relation>:<parent>...,
//              license:<license>, region:us], so deriveFromTags (data/tags.ts) gives back the derived columns
//   dates     createdAt grows linearly over the paper's span (2022-03-02 to 2025-07-12), parents always older
//   counts    downloads log-normal, likes from downloads; no cards, no datasets, no arXiv ids; `_id` null
// Languages are single values here (a model lists at most one), written as their ISO 639-1 tag.
import pl from "nodejs-polars";
import { ISO639_1_NAME_PAIRS } from "../data/languageNames";
import { canonicalColumnExprs } from "../data/schema";
import { RELATIONS } from "../data/tags";
import { createRng } from "../random";
import { type SimulatedEcosystem, growEcosystem } from "./grow";
import type { SimTrait, SimulatorParams } from "./params";

const FIRST_CREATED = Date.UTC(2022, 2, 2, 23, 29, 4);
const LAST_CREATED = Date.UTC(2025, 6, 12, 17, 14, 9);
/** Separator of tag parts before the split (never inside a tag). */
const SEP = "\u001f";
/** Id infix per relation, as in RELATIONS order. */
const SUFFIX = ["-ft", "-GGUF", "-lora", "-merge"];
const EMPTY_LIST = () => pl.lit(pl.Series("empty", [], pl.Utf8));
const CODE_OF_LANGUAGE = new Map(ISO639_1_NAME_PAIRS.map(([code, name]) => [name, code]));

function suffixOf(rel: pl.Expr): pl.Expr {
  let expr: any = pl.when(rel.eq(0)).then(pl.lit(SUFFIX[0]));
  for (let k = 1; k < SUFFIX.length; k++) expr = expr.when(rel.eq(k)).then(pl.lit(SUFFIX[k]));
  return expr.otherwise(pl.lit("")) as pl.Expr;
}

function relationNameOf(rel: pl.Expr): pl.Expr {
  let expr: any = pl.when(rel.eq(0)).then(pl.lit(RELATIONS[0]));
  for (let k = 1; k < RELATIONS.length; k++) expr = expr.when(rel.eq(k)).then(pl.lit(RELATIONS[k]));
  return expr.otherwise(pl.lit(null)) as pl.Expr;
}

/** The id of the model whose integer columns carry `prefix` (null where its row is −1). */
function idExpr(prefix: string): pl.Expr {
  const c = (name: string) => pl.col(prefix + name);
  const id = pl.concatString(
    [
      pl.lit("org"),
      c("org").cast(pl.Utf8),
      pl.lit("/m"),
      c("fam").cast(pl.Utf8),
      suffixOf(c("rel")),
      pl.lit("-"),
      c("row").cast(pl.Utf8),
    ],
    "",
    false,
  );
  return pl.when(c("row").gtEq(0)).then(id).otherwise(pl.lit(null).cast(pl.Utf8));
}

/**
 * The model ids of a grown ecosystem, as its snapshot table writes them: `ecosystemIds(eco).get(0)` is "org17/m0-0".
 */
export function ecosystemIds(eco: SimulatedEcosystem): pl.Series {
  const rel = Int32Array.from(eco.relation);
  return pl
    .DataFrame([
      pl.Series(
        "row",
        Int32Array.from({ length: eco.n }, (_, i) => i),
      ),
      pl.Series("org", eco.organisation),
      pl.Series("fam", eco.family),
      pl.Series("rel", rel),
    ])
    .select(pipeline().ids[0])
    .getColumn("id");
}

/** A value dictionary to join on integer codes: code → name (and a tag for languages). */
function dictionary(code: string, names: readonly string[], columns: Record<string, (string | null)[]>): pl.DataFrame {
  return pl.DataFrame([
    pl.Series(
      code,
      Int32Array.from(names, (_, k) => k),
    ),
    ...Object.entries(columns).map(([name, values]) => pl.Series(name, values, pl.Utf8)),
  ]);
}

/** Integer and float columns of the ecosystem, one row per model. */
function baseFrame(eco: SimulatedEcosystem): pl.DataFrame {
  const n = eco.n;
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const gather = (from: Int32Array | Int8Array, index: Int32Array) =>
    Int32Array.from(index, (p) => (p < 0 ? -1 : from[p]));
  const rel = Int32Array.from(eco.relation);
  const rng = createRng(eco.seed).fork("simulate/counts");
  const downloads = new Float64Array(n),
    likes = new Float64Array(n),
    created = new Float64Array(n);
  const step = n > 1 ? (LAST_CREATED - FIRST_CREATED) / (n - 1) : 0;
  for (let i = 0; i < n; i++) {
    const d = Math.floor(Math.exp(2 + 2.2 * rng.normal()));
    downloads[i] = d;
    likes[i] = Math.floor(Math.sqrt(d) * rng() * 0.2);
    created[i] = Math.round(FIRST_CREATED + i * step);
  }
  const codes = (trait: SimTrait) => eco.traits[trait]?.value ?? new Int32Array(n).fill(-1);
  return pl.DataFrame([
    pl.Series("row", rows),
    pl.Series("org", eco.organisation),
    pl.Series("fam", eco.family),
    pl.Series("rel", rel),
    pl.Series("p_row", eco.parent),
    pl.Series("p_org", gather(eco.organisation, eco.parent)),
    pl.Series("p_fam", gather(eco.family, eco.parent)),
    pl.Series("p_rel", gather(rel, eco.parent)),
    pl.Series("q_row", eco.parent2),
    pl.Series("q_org", gather(eco.organisation, eco.parent2)),
    pl.Series("q_fam", gather(eco.family, eco.parent2)),
    pl.Series("q_rel", gather(rel, eco.parent2)),
    pl.Series("lic", codes("licenses")),
    pl.Series("lang", codes("languages")),
    pl.Series("lib", codes("library_name")),
    pl.Series("task", codes("pipeline_tag")),
    pl.Series("downloads_f", downloads),
    pl.Series("likes_f", likes),
    pl.Series("created_ms", created),
  ]);
}

/** The dictionaries of the four traits (an absent trait has none, so its column is all null). */
function dictionaries(eco: SimulatedEcosystem): [string, pl.DataFrame][] {
  const values = (trait: SimTrait) => eco.traits[trait]?.values ?? [];
  const languages = values("languages");
  const missing = languages.filter((name) => !CODE_OF_LANGUAGE.has(name));
  if (missing.length > 0)
    throw new Error(`simulate/table: language(s) without an ISO 639-1 code: ${missing.slice(0, 3).join(", ")}`);
  return [
    ["lic", dictionary("lic", values("licenses"), { license_name: values("licenses") })],
    [
      "lang",
      dictionary("lang", languages, {
        language_name: languages,
        language_code: languages.map((l) => CODE_OF_LANGUAGE.get(l)!),
      }),
    ],
    ["lib", dictionary("lib", values("library_name"), { library_name: values("library_name") })],
    ["task", dictionary("task", values("pipeline_tag"), { pipeline_tag: values("pipeline_tag") })],
  ];
}

/** A one-element list of a nullable string, [] when null. */
const listOf = (col: string) =>
  pl
    .when(pl.col(col).isNull())
    .then(EMPTY_LIST())
    .otherwise(pl.concatList([pl.col(col)]));

/** The expressions turning the integer columns into canonical columns, in three stages. */
interface Pipeline {
  ids: pl.Expr[];
  columns: pl.Expr[];
  relations: pl.Expr[];
  final: pl.Expr[];
}

let cachedPipeline: Pipeline | undefined;

/** NOTE: built once per process; each nodejs-polars expression costs about a millisecond to create. */
function pipeline(): Pipeline {
  if (cachedPipeline) return cachedPipeline;
  const typed = (parent: string) =>
    pl.concatString([pl.lit("base_model:"), relationNameOf(pl.col("rel")), pl.lit(":"), pl.col(parent)], "", false);
  const generic = (parent: string) => pl.concatString([pl.lit("base_model:"), pl.col(parent)], "", false);
  const parents = pl
    .when(pl.col("pid").isNull())
    .then(EMPTY_LIST())
    .when(pl.col("qid").isNull())
    .then(pl.concatList([pl.col("pid")]))
    .otherwise(pl.concatList([pl.col("pid"), pl.col("qid")]));
  cachedPipeline = {
    ids: [idExpr("").alias("id"), idExpr("p_").alias("pid"), idExpr("q_").alias("qid")],
    columns: [
      pl.concatString([pl.lit("org"), pl.col("org").cast(pl.Utf8)], "", false).alias("author"),
      pl.lit(null).cast(pl.Utf8).alias("_id"),
      pl.col("created_ms").cast(pl.Int64).cast(pl.Datetime("ms", "UTC")).alias("createdAt"),
      pl.col("likes_f").cast(pl.Int64).alias("likes"),
      pl.col("downloads_f").cast(pl.Int64).alias("downloads"),
      pl.lit(null).cast(pl.Float64).alias("trendingScore"),
      pl.lit(false).alias("private"),
      pl
        .concatString(
          [
            pl.col("library_name"),
            pl.col("pipeline_tag"),
            pl.col("language_code"),
            generic("pid"),
            generic("qid"),
            typed("pid"),
            typed("qid"),
            pl.concatString([pl.lit("license:"), pl.col("license_name")], "", false),
            pl.lit("region:us"),
          ],
          SEP,
          true,
        )
        .str.split(SEP)
        .alias("tags"),
      pl.lit(pl.Series("regions", ["us"], pl.Utf8)).alias("regions"),
      listOf("license_name").alias("licenses"),
      EMPTY_LIST().alias("arxiv_papers"),
      EMPTY_LIST().alias("datasets"),
      parents.alias("parent_model"),
      listOf("language_name").alias("languages"),
      pl.lit(false).alias("has_card"),
      pl.lit(null).cast(pl.Int64).alias("card_length_chars"),
      pl.lit(null).cast(pl.Int64).alias("card_length_words"),
      pl.lit(false).alias("card_auto_generated"),
      pl.lit(null).cast(pl.Utf8).alias("card_head"),
    ],
    relations: RELATIONS.map((r, k) =>
      pl.when(pl.col("rel").eq(k)).then(pl.col("parent_model")).otherwise(EMPTY_LIST()).alias(`${r}_parent`),
    ),
    final: canonicalColumnExprs([]),
  };
  return cachedPipeline;
}

/**
 * The canonical snapshot table of a grown ecosystem, in SNAPSHOT_COLUMNS order and dtypes. Example:
 * `ecosystemTable(growEcosystem(paperSimulatorParams({ n: 20_000 }), 1)).height`.
 */
export function ecosystemTable(eco: SimulatedEcosystem): pl.DataFrame {
  const p = pipeline();
  let lf = baseFrame(eco).lazy();
  for (const [on, table] of dictionaries(eco)) lf = lf.join(table.lazy(), { on, how: "left", maintainOrder: "left" });
  return lf
    .withColumns(...p.ids)
    .withColumns(...p.columns)
    .withColumns(...p.relations)
    .select(p.final)
    .collectSync();
}

/** A grown ecosystem and its snapshot table: `simulateSnapshot(params, 1).table`. */
export interface SimulatedSnapshot {
  ecosystem: SimulatedEcosystem;
  table: pl.DataFrame;
}

/**
 * Grows an ecosystem and writes its canonical snapshot table. Example:
 * `simulateSnapshot(paperSimulatorParams({ n: 200_000, q: 0.9 }), 1).table.height`.
 */
export function simulateSnapshot(params: SimulatorParams, seed: number | string = 1): SimulatedSnapshot {
  const ecosystem = growEcosystem(params, seed);
  return { ecosystem, table: ecosystemTable(ecosystem) };
}
