// The claims ledger (docs/methods.md §6): each claim of the paper with the number the paper gives, the kit's number on
// every dataset it was run on (read from the notebooks' stats files), the authors' code's number on the same data
// where reference results exist, and the verdicts: does the claim hold on that data, and does the kit compute what
// the authors' code computes. The reproduction report (`make report`) draws it as a table.
import { LICENSE_CATEGORIES } from "../drift/flow";
import {
  PAPER_CARD_DRIFT,
  PAPER_EDGE_COUNTS,
  PAPER_FIGURE_COLUMNS,
  PAPER_FIGURE_ROWS,
  PAPER_MODEL_COUNT,
  PAPER_MUTATION_RATES,
  PAPER_ORDERING_METRICS,
} from "../paper";
import type { MeanInterval } from "../similarity/bootstrap";
import { resemblanceClaims } from "../similarity/claims";
import { KINSHIP_CONFIGS } from "../similarity/kinship";
import { compareStats } from "./compare";
import { leafAt } from "./results";
import { AGREEING } from "./rules";

/** What one claim shows on one dataset: the number as text and whether the claim holds (null: not judged). */
export interface ClaimReading {
  text: string;
  holds: boolean | null;
}

/** One claim of the paper and how to read it from a notebook's stats (and from reference results, same keys). */
export interface Claim {
  id: string;
  statement: string;
  /** The paper's number, as text. */
  paper: string;
  /** Stats keys the claim reads. */
  keys: string[];
  /** The reading from values by key; undefined when the keys are missing. */
  read(values: (key: string) => unknown): ClaimReading | undefined;
  /** Null-model verdicts that bear on the claim (notebook 50's `nulls.claims.*` stats), by label. */
  nulls?: Record<string, string>;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : "none");

/** A fraction [accounted, total] read as "a/b (p%)", holding when it is at least the given share. */
function fractionClaim(
  id: string,
  statement: string,
  key: string,
  paper: { accounted?: number; total?: number; fraction: number },
  nulls?: Record<string, string>,
): Claim {
  return {
    id,
    statement,
    nulls,
    keys: [key],
    paper: `${paper.accounted ?? "?"}/${paper.total ?? "?"} (${pct(paper.fraction)})`,
    read: (v) => {
      const value = v(key) as { weighted_ordering?: [number, number] } | undefined;
      const [a, b] = value?.weighted_ordering ?? [NaN, NaN];
      if (!Number.isFinite(b)) return undefined;
      return { text: b === 0 ? "no oriented edge" : `${a}/${b} (${pct(a / b)})`, holds: b === 0 ? null : a / b >= 0.9 };
    },
  };
}

/** A parent → child mean read as "p → c", holding when the child side moves the claimed way. */
function slopeClaim(id: string, statement: string, key: string, paper: string, down: boolean, digits: number): Claim {
  return {
    id,
    statement,
    keys: [key],
    paper,
    read: (v) => {
      const m = v(key) as { n: number; parent_mean: number | null; child_mean: number | null } | undefined;
      if (m === undefined) return undefined;
      if (!m.n || m.parent_mean === null || m.child_mean === null) return { text: "no edge to judge", holds: null };
      return {
        text: `${num(m.parent_mean, digits)} → ${num(m.child_mean, digits)} (n = ${m.n})`,
        holds: down ? m.child_mean < m.parent_mean : m.child_mean > m.parent_mean,
      };
    },
  };
}

/** One of the three resemblance claims, read from the metadata TF-IDF means (the paper's main figure). */
function resemblanceClaim(index: number, id: string, statement: string): Claim {
  const paperMeans: Record<string, MeanInterval> = {};
  const column = PAPER_FIGURE_COLUMNS.indexOf("metadata.tfidf");
  KINSHIP_CONFIGS.forEach((c, row) => {
    const mean = PAPER_FIGURE_ROWS[row][column];
    if (mean !== null) paperMeans[c.key] = { mean, ci95: [mean, mean], valid_pairs: 0 };
  });
  const key = "similarity.metadata.tfidf";
  return {
    id,
    statement,
    keys: [key],
    paper: resemblanceClaims(paperMeans)[index].detail,
    read: (v) => {
      const means = v(key) as Record<string, MeanInterval> | undefined;
      if (means === undefined) return undefined;
      const claim = resemblanceClaims(means)[index];
      return { text: claim.detail, holds: claim.holds };
    },
  };
}

/** The claims the ledger follows, in the paper's order. */
export const PAPER_CLAIMS: readonly Claim[] = [
  {
    id: "graph",
    statement: "1.86M models joined by 573,653 declared parent → child edges",
    keys: ["graph.full.nodes", "graph.full.edges"],
    paper: `${PAPER_MODEL_COUNT.toLocaleString("en-US")} models, ${Object.values(PAPER_EDGE_COUNTS)
      .reduce((s, x) => s + x, 0)
      .toLocaleString("en-US")} edges`,
    read: (v) =>
      v("graph.full.edges") === undefined
        ? undefined
        : {
            text: `${Number(v("graph.full.nodes")).toLocaleString("en-US")} models, ${Number(v("graph.full.edges")).toLocaleString("en-US")} edges`,
            holds: null,
          },
  },
  {
    id: "license-top",
    statement: "apache-2.0 is the most declared license (16.0% of all models)",
    keys: ["summary_figure.license_top", "summary_figure.rows"],
    paper: "apache-2.0, 16.04%",
    read: (v) => {
      const top = v("summary_figure.license_top") as [string, number][] | undefined;
      if (!top) return undefined;
      if (top.length === 0) return { text: "no license declared", holds: null };
      const n = Number(v("summary_figure.rows"));
      return {
        text: `${top[0][0]}, ${Number.isFinite(n) && n > 0 ? pct(top[0][1] / n) : top[0][1]}`,
        holds: top[0][0] === "apache-2.0",
      };
    },
  },
  {
    ...resemblanceClaim(0, "related-vs-random", "related models are far more alike than random pairs"),
    nulls: {
      "pairs from one family": "nulls.claims.resemblance.paper.same-family",
      "pairs from one organisation": "nulls.claims.resemblance.paper.same-organisation",
      "random pairs, strings without model id and organisation": "nulls.claims.resemblance.identity.any",
    },
  },
  resemblanceClaim(1, "siblings", "siblings are more alike than parent and child"),
  resemblanceClaim(2, "generations", "fewer generations apart means more alike"),
  {
    id: "license-mutation",
    statement: "a license changes in 19.8% of fine-tunes",
    keys: ["orderings.final.mutation_rates.license"],
    paper: pct(PAPER_MUTATION_RATES.final.licenses!.rate),
    nulls: {
      "child drawn from the population": "nulls.claims.mutation.licenses.population",
      "child drawn from its family": "nulls.claims.mutation.licenses.family",
    },
    read: (v) => {
      const r = v("orderings.final.mutation_rates.license") as { rate: number | null; traffic: number } | undefined;
      if (r === undefined) return undefined;
      return {
        text: r.rate === null ? "no edge lists a license on both ends" : `${pct(r.rate)} of ${r.traffic} edges`,
        holds: null,
      };
    },
  },
  fractionClaim(
    "license-ordering",
    "one ordering of the top-20 licenses accounts for 94% of the drift directions",
    "orderings.v1.traits.licenses.drift_directions_accounted_for",
    PAPER_ORDERING_METRICS.v1.licenses.driftDirections,
    { "direction-free traffic (flip)": "nulls.claims.ordering.licenses" },
  ),
  fractionClaim(
    "language-ordering",
    "one ordering of the top-20 languages accounts for 97.9% of the drift directions",
    "orderings.v1.traits.languages.drift_directions_accounted_for",
    PAPER_ORDERING_METRICS.v1.languages.driftDirections,
    { "direction-free traffic (flip)": "nulls.claims.ordering.languages" },
  ),
  {
    id: "license-direction",
    statement: "licenses drift from restrictive or commercial toward permissive and copyleft",
    keys: ["orderings.final.traits.licenses.trait_graph_transitions"],
    paper: "gemma, llama → apache-2.0, mit (ordering)",
    read: (v) => {
      const rows = v("orderings.final.traits.licenses.trait_graph_transitions") as
        | [string, string, number][]
        | undefined;
      if (rows === undefined) return undefined;
      const flow = restrictiveToOpen(rows);
      if (flow.forward + flow.backward === 0) return { text: "no such transition", holds: null };
      return {
        text: `${flow.forward} toward permissive/copyleft, ${flow.backward} back (net ${flow.net})`,
        holds: flow.net > 0,
      };
    },
  },
  slopeClaim(
    "cards-shorter",
    "model cards get shorter from parent to child",
    "numerical_drifts.card_length_chars.overall",
    `${num(PAPER_CARD_DRIFT.cardLength.parentMean, 0)} → ${num(PAPER_CARD_DRIFT.cardLength.childMean, 0)} characters`,
    true,
    0,
  ),
  slopeClaim(
    "cards-auto",
    "children's cards are more often auto-generated",
    "numerical_drifts.p_auto_generated.overall_all_edges",
    `${num(PAPER_CARD_DRIFT.autoGenerated.parentMeanAllEdges)} → ${num(PAPER_CARD_DRIFT.autoGenerated.childMeanAllEdges)}`,
    false,
    3,
  ),
  slopeClaim(
    "languages-fewer",
    "children list fewer languages than their parents",
    "numerical_drifts.number_of_languages.overall_conditional",
    `${num(PAPER_CARD_DRIFT.languages.conditional.parentMean, 2)} → ${num(PAPER_CARD_DRIFT.languages.conditional.childMean, 2)}`,
    true,
    2,
  ),
];

/** Transitions between the paper's license categories: restrictive or commercial → permissive or copyleft, and back. */
function restrictiveToOpen(rows: readonly [string, string, number][]): {
  forward: number;
  backward: number;
  net: number;
} {
  const category = (license: string) =>
    Object.keys(LICENSE_CATEGORIES).find((c) => LICENSE_CATEGORIES[c].includes(license));
  const closed = ["Commercial", "Use restrictions"],
    open = ["Permissive", "Copyleft"];
  let forward = 0,
    backward = 0;
  for (const [from, to, n] of rows) {
    const a = category(from),
      b = category(to);
    if (a && b && closed.includes(a) && open.includes(b)) forward += n;
    if (a && b && open.includes(a) && closed.includes(b)) backward += n;
  }
  return { forward, backward, net: forward - backward };
}

/** A null model's verdict on a claim: does the claim's number survive it (p-value, or related configurations above). */
export interface NullVerdict {
  label: string;
  survives: boolean;
  detail: string;
}

/** One claim on one dataset: the kit's reading, the authors' code's reading and whether the kit's numbers equal theirs. */
export interface LedgerCell {
  dataset: string;
  kit: ClaimReading;
  /** Verdicts of the null models run on this dataset. */
  nulls: NullVerdict[];
  authors?: ClaimReading;
  /** True when every key the claim reads equals the reference by the comparison rules; undefined without one. */
  matchesAuthors?: boolean;
}

/** One ledger row: a claim and its cells, one per dataset with stats. */
export interface LedgerRow {
  claim: Claim;
  cells: LedgerCell[];
}

/**
 * The ledger from stats values by dataset (key → value) and reference results by dataset.
 * Example: `claimsLedger({ sample: values }, { sample: referenceResults })[0].cells[0].kit.text`.
 */
export function claimsLedger(
  statsByDataset: Record<string, Record<string, unknown>>,
  references: Record<string, unknown> = {},
): LedgerRow[] {
  return PAPER_CLAIMS.map((claim) => {
    const cells: LedgerCell[] = [];
    for (const [dataset, stats] of Object.entries(statsByDataset)) {
      const kit = claim.read((key) => stats[key]);
      if (kit === undefined) continue;
      const reference = references[dataset];
      const authors = reference === undefined ? undefined : claim.read((key) => leafAt(reference, key));
      const present = Object.fromEntries(
        claim.keys.filter((key) => stats[key] !== undefined).map((key) => [key, stats[key]]),
      );
      const matchesAuthors =
        authors === undefined
          ? undefined
          : compareStats(reference, present).every((c) => c.status === "no reference" || AGREEING.has(c.status));
      const nulls: NullVerdict[] = [];
      for (const [label, key] of Object.entries(claim.nulls ?? {})) {
        const v = stats[key] as
          | { survives: boolean | null; p_value?: number | null; above?: number; related?: number }
          | undefined;
        if (v === undefined || v.survives === null) continue; // the null could not be run on this dataset
        const detail =
          typeof v.p_value === "number"
            ? `p = ${v.p_value.toFixed(3)}`
            : `${v.above} of ${v.related} configurations above`;
        nulls.push({ label, survives: v.survives, detail });
      }
      cells.push({ dataset, kit, authors, matchesAuthors, nulls });
    }
    return { claim, cells };
  });
}
