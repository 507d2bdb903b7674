// Candidate parents from indexes, never from all pairs. Four sources, each a polars join or a short list:
//
//   name    every contiguous run of a child's core tokens is looked up among the cores of all models
//           ("org/llama-2-7b-chat-gguf-v2" looks up "llama-2-7b-chat-gguf-v2", "llama-2-7b-chat", "llama-2", ...);
//           a model whose core is the child's whole core is an exact match, else its core is contained in the child's
//   prefix  the child's first 2 and 3 tokens against the same prefixes of every model
//   author  the child's author's other models that share its first name token
//   card    every model id the child's card names (cards.ts), matched without regard to case
//   history the parents the child's author has declared for other models, most often declared first
//   popular the most popular models of the snapshot
//
// Each index keeps at most `perKey` models per key, the most popular first, so a common name ("model", "test") cannot
// flood a child with candidates. The joins run in polars over the whole snapshot; JS handles only the children's keys.
import pl from "nodejs-polars";
import { CARD_MENTION_KINDS, type CardEvidence } from "./cards";
import { nameTokens } from "./names";

/** Source bits of a candidate pair: `(sources & SOURCE.CARD) !== 0`. */
export const SOURCE = { NAME_EXACT: 1, NAME_CONTAINED: 2, NAME_PREFIX: 4, CARD: 8, POPULAR: 16, HISTORY: 32 } as const;

/** How many candidates each source may give. */
export interface CandidateLimits {
  /** Models kept per name or prefix key, most popular first [10]. */
  perKey: number;
  /** Longest run of tokens looked up in the name index [12]. */
  maxRunTokens: number;
  /** Most popular models offered to every child [10]. */
  popular: number;
  /** Parents the child's author declared most often, offered to the child [5]. */
  history: number;
}

/** Default limits: `{ ...DEFAULT_CANDIDATE_LIMITS, popular: 20 }`. */
export const DEFAULT_CANDIDATE_LIMITS: CandidateLimits = { perKey: 10, maxRunTokens: 12, popular: 10, history: 5 };

/** Raw candidate pairs before features: child index (into the children list), parent row, sources, card kind. */
export interface RawPairs {
  child: Int32Array;
  parent: Int32Array;
  sources: Uint8Array;
  /** Strongest CARD_MENTION_KINDS code naming the parent, 255 for none. */
  cardKind: Uint8Array;
}

/** A growable list of pairs. */
class PairBuffer {
  child = new Int32Array(1024);
  parent = new Int32Array(1024);
  sources = new Uint8Array(1024);
  cardKind = new Uint8Array(1024);
  length = 0;

  push(child: number, parent: number, sources: number, cardKind = 255): void {
    if (this.length === this.child.length) this.grow();
    this.child[this.length] = child;
    this.parent[this.length] = parent;
    this.sources[this.length] = sources;
    this.cardKind[this.length] = cardKind;
    this.length++;
  }

  private grow(): void {
    const n = this.child.length * 2;
    const g = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (k: number) => T)(n);
      b.set(a);
      return b;
    };
    this.child = g(this.child);
    this.parent = g(this.parent);
    this.sources = g(this.sources);
    this.cardKind = g(this.cardKind);
  }
}

/** A key worth looking up: at least 3 characters and not only digits. */
function usableKey(key: string): boolean {
  return key.length >= 3 && !/^[0-9-]+$/.test(key);
}

/** The top `perKey` rows per key, most popular first (ties by row), from a lazy frame of row, pop and the key. */
function topPerKey(rows: pl.LazyDataFrame, key: pl.Expr, perKey: number): pl.DataFrame {
  const keyed = rows
    .select(key.alias("key"), pl.col("row"), pl.col("pop"))
    .filter(pl.col("key").str.lengths().gtEq(3).and(pl.col("key").str.contains("^[0-9-]+$").not()))
    .withColumns(pl.col("row").count().over("key").alias("n"))
    .collectSync();
  // NOTE: most keys have at most perKey models and are kept whole; only the crowded ones are sorted (8x faster).
  const crowded = keyed
    .lazy()
    .filter(pl.col("n").gt(perKey))
    .sort(["pop", "row"], [true, false])
    .withColumns(pl.col("row").cumCount().over("key").alias("k"))
    .filter(pl.col("k").ltEq(perKey))
    .select("key", "row")
    .collectSync();
  return pl.concat([keyed.filter(pl.col("n").ltEq(perKey)).select("key", "row"), crowded]);
}

/** Pairs (child index, row) of an inner join of child keys on an index, as typed arrays. */
function joinKeys(index: pl.DataFrame, child: Int32Array, keys: string[], extra?: Uint8Array) {
  const columns: pl.Series[] = [pl.Series("child", child), pl.Series("key", keys, pl.Utf8)];
  if (extra) columns.push(pl.Series("extra", extra));
  const joined = pl
    .DataFrame(columns)
    .lazy()
    .join(index.lazy(), { on: "key", how: "inner" })
    .sort(["child", "row"])
    .select(
      pl.col("child").cast(pl.Int32),
      pl.col("row").cast(pl.Int32),
      (extra ? pl.col("extra") : pl.lit(0)).cast(pl.UInt8).alias("extra"),
    )
    .collectSync();
  return {
    child: joined.getColumn("child").toTypedArray() as Int32Array,
    row: joined.getColumn("row").toTypedArray() as Int32Array,
    extra: joined.getColumn("extra").toTypedArray() as Uint8Array,
  };
}

/** What the candidate sources read besides the cores: the children, popularity, cards, authors and declared edges. */
export interface CandidateInputs {
  /** Core name of every row (names.ts). */
  cores: pl.Series;
  /** Lowercased id of every row. */
  lowerIds: pl.Series;
  /** Dense author code of every row (0 for none). */
  authorCodes: Uint32Array;
  popularity: Float64Array;
  childRows: Int32Array;
  childCores: readonly string[];
  cards: readonly (CardEvidence | null)[];
  /** Declared edges (parent → child rows). */
  edgeParent: Int32Array;
  edgeChild: Int32Array;
}

/**
 * Candidate pairs of the children from the six sources, one row per (child, parent), sources merged.
 * Example: `candidatePairs(inputs, DEFAULT_CANDIDATE_LIMITS).parent`.
 */
export function candidatePairs(inputs: CandidateInputs, limits: CandidateLimits): RawPairs {
  const { cores, lowerIds, authorCodes, popularity, childRows, childCores, cards } = inputs;
  const buffer = new PairBuffer();
  const rowNumbers = new Int32Array(popularity.length);
  for (let i = 0; i < rowNumbers.length; i++) rowNumbers[i] = i;
  // NOTE: every index is one lazy query over these columns, so polars keeps no intermediate frame of all rows alive.
  const rows = pl
    .DataFrame([
      cores.alias("core"),
      pl.Series("row", rowNumbers),
      pl.Series("pop", popularity),
      pl.Series("author", authorCodes),
    ])
    .lazy();

  // name: every contiguous token run of each child's core
  const runChild: number[] = [];
  const runKey: string[] = [];
  const runWhole: number[] = [];
  childCores.forEach((core, c) => {
    const tokens = nameTokens(core).slice(0, 40);
    for (let i = 0; i < tokens.length; i++) {
      for (let j = i + 1; j <= Math.min(tokens.length, i + limits.maxRunTokens); j++) {
        const key = tokens.slice(i, j).join("-");
        if (!usableKey(key)) continue;
        runChild.push(c);
        runKey.push(key);
        runWhole.push(i === 0 && j === tokens.length && key === core ? 1 : 0);
      }
    }
  });
  const nameIndex = topPerKey(rows, pl.col("core"), limits.perKey);
  const byName = joinKeys(nameIndex, Int32Array.from(runChild), runKey, Uint8Array.from(runWhole));
  for (let k = 0; k < byName.child.length; k++)
    buffer.push(byName.child[k], byName.row[k], byName.extra[k] ? SOURCE.NAME_EXACT : SOURCE.NAME_CONTAINED);

  // prefix: the first 2 and 3 tokens
  for (const width of [2, 3]) {
    const prefixIndex = topPerKey(
      rows,
      pl.col("core").str.extract(`^((?:[^-]+-){${width - 1}}[^-]+)`, 1),
      limits.perKey,
    );
    const pChild: number[] = [];
    const pKey: string[] = [];
    childCores.forEach((core, c) => {
      const tokens = nameTokens(core);
      if (tokens.length < width) return;
      const key = tokens.slice(0, width).join("-");
      if (!usableKey(key)) return;
      pChild.push(c);
      pKey.push(key);
    });
    const byPrefix = joinKeys(prefixIndex, Int32Array.from(pChild), pKey);
    for (let k = 0; k < byPrefix.child.length; k++) buffer.push(byPrefix.child[k], byPrefix.row[k], SOURCE.NAME_PREFIX);
  }

  // author: the author's models sharing the first token
  const authorKey = pl
    .when(pl.col("author").gt(0))
    .then(pl.col("author").cast(pl.Utf8).add(pl.lit("/")).add(pl.col("core").str.extract("^([^-]+)", 1)))
    .otherwise(pl.lit(null).cast(pl.Utf8));
  const authorIndex = topPerKey(rows, authorKey, limits.perKey);
  const aChild: number[] = [];
  const aKey: string[] = [];
  childCores.forEach((core, c) => {
    const author = authorCodes[childRows[c]];
    const first = nameTokens(core)[0];
    if (author === 0 || first === undefined) return;
    aChild.push(c);
    aKey.push(`${author}/${first}`);
  });
  const byAuthor = joinKeys(authorIndex, Int32Array.from(aChild), aKey);
  for (let k = 0; k < byAuthor.child.length; k++) buffer.push(byAuthor.child[k], byAuthor.row[k], SOURCE.NAME_PREFIX);

  // history: the parents the author declared for other models, most often first (ties by row)
  if (inputs.edgeParent.length > 0 && limits.history > 0) {
    const edgeAuthors = new Uint32Array(inputs.edgeChild.length);
    for (let e = 0; e < edgeAuthors.length; e++) edgeAuthors[e] = authorCodes[inputs.edgeChild[e]];
    const declared = pl
      .DataFrame([pl.Series("author", edgeAuthors), pl.Series("row", inputs.edgeParent)])
      .lazy()
      .filter(pl.col("author").gt(0))
      .groupBy(["author", "row"])
      .agg(pl.len().alias("times"))
      .sort(["times", "row"], [true, false])
      .withColumns(pl.col("row").cumCount().over("author").alias("k"))
      .filter(pl.col("k").ltEq(limits.history))
      .select(pl.col("author").cast(pl.Utf8).alias("key"), "row")
      .collectSync();
    const hChild: number[] = [];
    const hKey: string[] = [];
    for (let c = 0; c < childRows.length; c++) {
      const author = authorCodes[childRows[c]];
      if (author === 0) continue;
      hChild.push(c);
      hKey.push(String(author));
    }
    const byHistory = joinKeys(declared, Int32Array.from(hChild), hKey);
    for (let k = 0; k < byHistory.child.length; k++) buffer.push(byHistory.child[k], byHistory.row[k], SOURCE.HISTORY);
  }

  // card: ids the card names, matched without regard to case (first row of an id wins)
  const mChild: number[] = [];
  const mKey: string[] = [];
  const mKind: number[] = [];
  cards.forEach((evidence, c) => {
    if (!evidence) return;
    for (const m of evidence.mentions) {
      mChild.push(c);
      mKey.push(m.id.toLowerCase());
      mKind.push(CARD_MENTION_KINDS.indexOf(m.kind));
    }
  });
  if (mChild.length > 0) {
    const wanted = pl.DataFrame({ key: pl.Series("key", mKey, pl.Utf8) }).unique();
    const rowsOf = pl
      .DataFrame([lowerIds.alias("key"), pl.Series("row", rowNumbers)])
      .lazy()
      .join(wanted.lazy(), { on: "key", how: "inner" })
      .groupBy("key")
      .agg(pl.col("row").min().alias("row"))
      .collectSync();
    const byCard = joinKeys(rowsOf, Int32Array.from(mChild), mKey, Uint8Array.from(mKind));
    for (let k = 0; k < byCard.child.length; k++)
      buffer.push(byCard.child[k], byCard.row[k], SOURCE.CARD, byCard.extra[k]);
  }

  // popular: the most popular models of the snapshot
  const top = topRows(popularity, limits.popular);
  for (let c = 0; c < childRows.length; c++) for (const r of top) buffer.push(c, r, SOURCE.POPULAR);

  return mergePairs(buffer, childRows);
}

/** The `k` most popular rows (ties by row): `topRows(popularity, 10)`. */
export function topRows(popularity: Float64Array, k: number): number[] {
  const best: number[] = [];
  for (let r = 0; r < popularity.length; r++) {
    if (best.length === k && popularity[r] <= popularity[best[k - 1]]) continue;
    let at = best.length;
    while (at > 0 && popularity[best[at - 1]] < popularity[r]) at--;
    best.splice(at, 0, r);
    if (best.length > k) best.pop();
  }
  return best;
}

/** One row per (child, parent), sorted by child then parent; sources ORed, the strongest card kind kept. */
function mergePairs(buffer: PairBuffer, childRows: Int32Array): RawPairs {
  const children = childRows.length;
  const start = new Int32Array(children + 1);
  for (let i = 0; i < buffer.length; i++) start[buffer.child[i] + 1]++;
  for (let c = 0; c < children; c++) start[c + 1] += start[c];
  // NOTE: one float per pair, parent · 2^16 + sources · 2^8 + card kind, bucketed by child and sorted per child, so
  // equal parents end up adjacent without a comparator sort over all pairs.
  const packed = new Float64Array(buffer.length);
  const cursor = start.slice(0, children);
  for (let i = 0; i < buffer.length; i++)
    packed[cursor[buffer.child[i]]++] = buffer.parent[i] * 65536 + buffer.sources[i] * 256 + buffer.cardKind[i];
  const out: RawPairs = {
    child: new Int32Array(buffer.length),
    parent: new Int32Array(buffer.length),
    sources: new Uint8Array(buffer.length),
    cardKind: new Uint8Array(buffer.length),
  };
  let m = 0;
  for (let c = 0; c < children; c++) {
    const segment = packed.subarray(start[c], start[c + 1]).sort();
    let last = -1;
    for (let k = 0; k < segment.length; k++) {
      const parent = Math.floor(segment[k] / 65536);
      const rest = segment[k] - parent * 65536;
      const sources = rest >> 8;
      const kind = rest & 255;
      if (parent === childRows[c]) continue; // a model is never its own candidate
      if (parent !== last) {
        out.child[m] = c;
        out.parent[m] = parent;
        out.sources[m] = sources;
        out.cardKind[m] = kind;
        m++;
        last = parent;
      } else {
        out.sources[m - 1] |= sources;
        out.cardKind[m - 1] = Math.min(out.cardKind[m - 1], kind);
      }
    }
  }
  return {
    child: out.child.slice(0, m),
    parent: out.parent.slice(0, m),
    sources: out.sources.slice(0, m),
    cardKind: out.cardKind.slice(0, m),
  };
}
