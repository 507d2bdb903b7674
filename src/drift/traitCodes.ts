// Trait columns as integer codes per node (docs/methods.md §4.3 "Mutation rate", data/reference/README.md §6): each of
// the four traits the paper follows — licenses, languages, library_name, pipeline_tag (task) — becomes a CSR list of
// codes, so every per-edge computation runs over typed arrays instead of strings.
//
// The authors' get_trait_list reads a trait as a list: a list column as is, a scalar string as a one-element list,
// and a missing value (or "") as the empty list:
//
//   licenses ["apache-2.0"]      ⇥ codes of node v: [code("apache-2.0")]
//   pipeline_tag "fill-mask"     ⇥ [code("fill-mask")]
//   library_name null or ""      ⇥ []
//
// Codes number the distinct values in code-point order, so `values[code]` is the trait value. Duplicates inside a
// list are kept (the authors loop over the raw list).
import pl from "nodejs-polars";

/**
 * The four traits of the paper's drift analysis, named by their snapshot column: `TRAITS.map((t) => traitColumn(models,
 * t))`.
 */
export type Trait = "licenses" | "languages" | "library_name" | "pipeline_tag";

/** Every trait, in the authors' notebook order: `for (const t of TRAITS) ...`. */
export const TRAITS: readonly Trait[] = ["licenses", "languages", "library_name", "pipeline_tag"];

/** A trait as codes per node: node v lists `codes[start[v] .. start[v + 1])`; `values[code]` names a code. */
export interface TraitColumn {
  trait: Trait;
  /** Distinct values in code-point order. */
  values: string[];
  /** CSR offsets, length nodeCount + 1. */
  start: Int32Array;
  codes: Int32Array;
}

/** Encodes one trait column of the snapshot table: `const licenses = traitColumn(models, "licenses")`. */
export function traitColumn(table: pl.DataFrame, trait: Trait): TraitColumn {
  if (!table.columns.includes(trait)) throw new Error(`drift/traitCodes: the table has no column "${trait}"`);
  const column = table.getColumn(trait);
  const isList = column.dtype.variant === "List";
  if (!isList && column.dtype.variant !== "String" && column.dtype.variant !== "Utf8") {
    throw new Error(
      `drift/traitCodes: column "${trait}" must be a list of strings or a string, not ${column.dtype.variant}`,
    );
  }
  // NOTE: polars explodes and encodes as categorical (hashing once); JS only sees integers and the few hundred
  // distinct values, which it sorts and maps to dense codes.
  let rows = pl.DataFrame([column.alias("v")]).withRowIndex("row");
  if (isList) rows = rows.explode("v");
  rows = rows.filter(
    pl
      .col("v")
      .isNotNull()
      .and(isList ? pl.lit(true) : pl.col("v").neq(pl.lit(""))),
  );
  const coded = rows.select(pl.col("row").cast(pl.Int32), pl.col("v").cast(pl.Categorical).alias("c"));
  const dictionary = coded
    .select(pl.col("c").unique().alias("u"))
    .select(pl.col("u").toPhysical().cast(pl.Int32).alias("p"), pl.col("u").cast(pl.Utf8).alias("v"));
  const physical = dictionary.getColumn("p").toArray() as number[];
  const values = (dictionary.getColumn("v").toArray() as string[]).slice().sort(pythonStrCompare);
  const rank = new Map(values.map((v, i) => [v, i]));
  const remap = new Map<number, number>();
  (dictionary.getColumn("v").toArray() as string[]).forEach((v, i) => remap.set(physical[i], rank.get(v)!));
  const rowOf = coded.getColumn("row").toTypedArray() as Int32Array;
  const codes = Int32Array.from(
    coded.select(pl.col("c").toPhysical().cast(pl.Int32).alias("p")).getColumn("p").toTypedArray() as Int32Array,
  );
  const lookup = new Int32Array(physical.reduce((m, p) => Math.max(m, p), 0) + 1);
  remap.forEach((code, p) => {
    lookup[p] = code;
  });
  for (let k = 0; k < codes.length; k++) codes[k] = lookup[codes[k]];
  const n = table.height; // NOTE: a native getter; read once, never inside a loop
  const start = new Int32Array(n + 1);
  for (let k = 0; k < rowOf.length; k++) start[rowOf[k] + 1]++;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  return { trait, values, start, codes };
}

/** Number of values node v lists (with duplicates): `listedCount(languages, v)`. */
export function listedCount(column: TraitColumn, v: number): number {
  return column.start[v + 1] - column.start[v];
}

/** The values node v lists, as strings: `traitValues(licenses, 0)` → ["apache-2.0"]. */
export function traitValues(column: TraitColumn, v: number): string[] {
  const out: string[] = [];
  for (let k = column.start[v]; k < column.start[v + 1]; k++) out.push(column.values[column.codes[k]]);
  return out;
}

/**
 * get_trait_counter: how many nodes list each value (a node listing a value twice counts twice), sorted by count
 * descending then value in code-point order: `traitCounter(licenses)` → [["apache-2.0", 248], ["mit", 133], ...].
 */
export function traitCounter(column: TraitColumn): [string, number][] {
  const counts = countsByCode(column);
  const out: [string, number][] = [];
  counts.forEach((c, code) => {
    if (c > 0) out.push([column.values[code], c]);
  });
  return out.sort((a, b) => b[1] - a[1] || pythonStrCompare(a[0], b[0]));
}

/** Count per code (see traitCounter): `countsByCode(licenses)[code]`. */
export function countsByCode(column: TraitColumn): Float64Array {
  const counts = new Float64Array(column.values.length);
  for (let k = 0; k < column.codes.length; k++) counts[column.codes[k]]++;
  return counts;
}

/** Python's str ordering (by code point, not UTF-16 unit): `pythonStrCompare("a", "b") < 0`. */
export function pythonStrCompare(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i),
      y = b.charCodeAt(i);
    if (x === y) continue;
    const surrogateX = x >= 0xd800 && x <= 0xdfff,
      surrogateY = y >= 0xd800 && y <= 0xdfff;
    if (surrogateX !== surrogateY) return surrogateX ? 1 : -1; // astral code points sort above the BMP
    return x - y;
  }
  return a.length - b.length;
}
