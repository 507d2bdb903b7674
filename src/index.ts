// The kit's single entry point: a notebook's first code cell is `import * as kit from "./src/index"`.
// The few everyday entry points sit at the top; everything else lives in one namespace per stage of the pipeline,
// data -> lineage -> analyses (summary, similarity, drift) -> reference -> charts (the README's "Layout").
// This file only re-exports.
export { default as pl } from "nodejs-polars";
export { startNotebook, NotebookRun, type SavedFigure, type StatEntry } from "./notebook/run";
export { showTable } from "./notebook/display";
export {
  loadDataset,
  describeDataset,
  listingFiles,
  type DatasetDescription,
  type LoadDatasetOptions,
} from "./datasets";
export { loadSettings, pathFromRoot, type Settings, type DatasetName, type SimulationSettings } from "./settings";
export { createRng, type Rng } from "./random";
/**
 * The canonical snapshot table and its readers: the Hub listing and cards, the released CSV, parquet, derived columns.
 */
export * as data from "./data/index";
/** Synthetic ecosystems calibrated to the paper, for scale tests and hypotheses; never the paper's data. */
export * as synthetic from "./synthetic/index";
/** A fresh Hub crawl and the paper's released dataset: resumable, rate-limit safe, verified; the offline mock Hub. */
export * as acquire from "./acquire/index";
/**
 * The lineage graph: typed edges from `base_model:` tags, variants, one family as a tree, families and pattern totals.
 */
export * as lineage from "./lineage/index";
/** The ecosystem at a glance: counts, the summary figure's panels, arXiv categories, growth over time. */
export * as summary from "./summary/index";
/** Family resemblance: DNA strings, TF-IDF, bag-of-words and Levenshtein similarity, kinship sampling, claims. */
export * as similarity from "./similarity/index";
/** Trait drift: mutation rates, transition graphs, exact optimal orderings, card and language drift. */
export * as drift from "./drift/index";
/** Reference results of the authors' code and the paper's own numbers, and the comparison rules. */
export * as reference from "./reference/index";
/** Vega-Lite spec builders for every figure, and rendering to SVG and PNG. */
export * as charts from "./charts/index";
/** The drift simulator: a grown ecosystem with a hidden ordering, written as the canonical snapshot table. */
export * as simulate from "./simulate/index";
/** Baselines for the paper's numbers: null models of orderings and mutation rates, kinship controls, simulations. */
export * as nulls from "./nulls/index";
/** Lineage inference from metadata: candidate parents of models that declare none, evaluated on held-out edges. */
export * as infer from "./infer/index";
