// One notebook run: its settings, the figures it saves and the numbers behind them.
// Figures go to `<figuresDir>/<notebook>-<name>.{svg,png,vl.json}`; the numbers go to
// `<figuresDir>/stats/<notebook>.json`, which `make check` compares with the committed copy.
import * as fs from "node:fs";
import * as path from "node:path";
import { loadSettings, pathFromRoot, type Settings } from "../settings";
import { type ChartSpec, renderSvg, svgToPng } from "../charts/render";
import { addSvgFooter } from "../charts/footer";
import { describeDataset } from "../datasets";
import { allAgree, compareStats, statusCounts, type Comparison } from "../reference/compare";
import { readReference } from "../reference/results";
import { AGREEING } from "../reference/rules";
import pl from "nodejs-polars";
import { showChart, showTable } from "./display";

/** A number (or other JSON value) behind a figure; `tolerance` is set for sampled values. */
export interface StatEntry {
  value: unknown;
  /** Largest accepted absolute difference between two runs; absent means exact. */
  tolerance?: number;
}

/** The stats file of one notebook, as written to figures/stats/<notebook>.json. */
export interface StatsFile {
  notebook: string;
  dataset: string;
  stats: Record<string, StatEntry>;
}

/** Paths of the three files a saved figure consists of. */
export interface SavedFigure {
  svg: string;
  png: string;
  spec: string;
}

/** A notebook's run: settings plus figure and stats writers. Create with `startNotebook`. */
export class NotebookRun {
  readonly stats: Record<string, StatEntry> = {};

  constructor(
    readonly name: string,
    readonly settings: Settings,
  ) {}

  /** Path of this notebook's stats file. */
  get statsPath(): string {
    return path.join(this.settings.figuresDir, "stats", `${this.name}.json`);
  }

  /** Records a number behind a figure and rewrites the stats file: `run.stat("models", 1572)`. */
  stat(key: string, value: unknown, options: { tolerance?: number } = {}): void {
    this.stats[key] = options.tolerance === undefined ? { value } : { value, tolerance: options.tolerance };
    this.writeStats();
  }

  /**
   * Renders a Vega-Lite spec, writes `<notebook>-<name>.svg|png|vl.json`, shows it inline, returns the paths.
   * A spec whose every dataset is empty (or that the caller marks `empty`) is not drawn: the run says so in one line
   * (`whenEmpty` says why) and returns null.
   * Example: `await run.saveFigure("licenses", spec, { whenEmpty: "no model declares a license" })`.
   */
  async saveFigure(
    name: string,
    spec: ChartSpec,
    options: { whenEmpty?: string; empty?: boolean } = {},
  ): Promise<SavedFigure | null> {
    if (options.empty || hasOnlyEmptyData(spec)) {
      console.log(`figure ${name} not drawn: ${options.whenEmpty ?? "nothing to draw on this dataset"}`);
      return null;
    }
    const base = path.join(this.settings.figuresDir, `${this.name}-${name}`);
    const svg = addSvgFooter(await renderSvg(spec), "Data: " + describeDataset(this.settings).label);
    fs.mkdirSync(path.dirname(base), { recursive: true });
    const files = { svg: base + ".svg", png: base + ".png", spec: base + ".vl.json" };
    fs.writeFileSync(files.svg, svg);
    fs.writeFileSync(files.png, svgToPng(svg));
    fs.writeFileSync(files.spec, JSON.stringify(spec, null, 1) + "\n");
    showChart(svg, spec, `kit-${this.name}-${name}`);
    return files;
  }

  /**
   * Records stats, compares them with the run's reference results (data/reference/README.md) and shows the outcome:
   * one line per key for a few keys, else a summary line and a table of the keys that do not agree (every key with
   * `show: "all"`). Without reference results it says so in one line. Example:
   * `run.compare(kit.lineage.lineageStats(full))`.
   */
  compare(
    stats: Record<string, unknown>,
    options: { tolerance?: number; show?: "differences" | "all" } = {},
  ): Comparison[] {
    for (const [key, value] of Object.entries(stats)) {
      this.stats[key] = options.tolerance === undefined ? { value } : { value, tolerance: options.tolerance };
    }
    this.writeStats();
    const reference = readReference(this.settings);
    if (reference === undefined) {
      console.log(
        `no reference results for this dataset (${Object.keys(stats).length} keys recorded in ${pathFromRoot(this.settings, this.statsPath)})`,
      );
      return [];
    }
    const comparisons = compareStats(reference, stats);
    const compared = comparisons.filter((c) => c.status !== "no reference");
    const counts = Object.entries(statusCounts(compared))
      .map(([status, n]) => `${n} ${status}`)
      .join(", ");
    const unmatched = comparisons.length - compared.length;
    console.log(
      `${pathFromRoot(this.settings, this.settings.reference!)}: ${compared.length} keys compared: ${counts || "none"}` +
        (unmatched ? `; ${unmatched} keys not in the reference` : "") +
        (allAgree(comparisons) ? " ✓" : " ✗"),
    );
    const shown = options.show === "all" ? compared : compared.filter((c) => !AGREEING.has(c.status));
    if (compared.length <= 3)
      for (const c of shown)
        console.log(
          `  ${c.key}: reference ${brief(c.reference)} · here ${brief(c.ours)} ${AGREEING.has(c.status) ? "✓" : "✗"} ${c.status}`,
        );
    else if (shown.length > 0) {
      showTable(
        pl.DataFrame({
          key: shown.map((c) => c.key),
          status: shown.map((c) => c.status),
          reference: shown.map((c) => brief(c.reference)),
          here: shown.map((c) => brief(c.ours)),
          detail: shown.map((c) => c.detail),
        }),
        shown.length,
      );
    }
    return comparisons;
  }

  /** Writes the stats file with keys sorted, so that equal numbers give equal bytes. */
  writeStats(): void {
    const sorted: Record<string, StatEntry> = {};
    for (const key of Object.keys(this.stats).sort()) sorted[key] = this.stats[key];
    const file: StatsFile = { notebook: this.name, dataset: this.settings.dataset, stats: sorted };
    fs.mkdirSync(path.dirname(this.statsPath), { recursive: true });
    fs.writeFileSync(this.statsPath, JSON.stringify(file, null, 2) + "\n");
  }
}

/** True when a spec holds inline datasets and every one of them is empty. */
function hasOnlyEmptyData(spec: unknown): boolean {
  const sizes: number[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "values" && Array.isArray(value)) sizes.push(value.length);
      else if (key === "datasets" && value !== null && typeof value === "object") {
        for (const rows of Object.values(value)) if (Array.isArray(rows)) sizes.push(rows.length);
      } else visit(value);
    }
  };
  visit(spec);
  return sizes.length > 0 && sizes.every((n) => n === 0);
}

/** A value shortened for a comparison line: JSON, at most 100 characters. */
function brief(value: unknown): string {
  const text = value === undefined ? "" : JSON.stringify(value);
  return text.length > 100 ? text.slice(0, 97) + "..." : text;
}

/** The kit's own notebooks: only their figures of the committed dataset are committed, in figures/. */
export const KIT_NOTEBOOKS: readonly string[] = [
  "00-quickstart",
  "01-data",
  "02-acquire",
  "20-summary",
  "21-families",
  "30-resemblance",
  "40-trait-drift",
  "41-card-drift",
  "50-null-models",
  "51-drift-simulator",
  "60-lineage-inference",
];

/**
 * Starts a notebook run and prints which dataset it uses: `const run = startNotebook("00-quickstart")`. A notebook
 * outside KIT_NOTEBOOKS (a researcher's own) writes its figures to build/figures/<dataset>/, never into figures/.
 */
export function startNotebook(name: string, overrides: Partial<Settings> = {}): NotebookRun {
  const settings = loadSettings(overrides);
  if (
    !KIT_NOTEBOOKS.includes(name) &&
    overrides.figuresDir === undefined &&
    settings.figuresDir === path.join(settings.root, "figures")
  ) {
    settings.figuresDir = path.join(settings.root, "build", "figures", settings.dataset);
  }
  const about = describeDataset(settings);
  const reference = settings.reference ? pathFromRoot(settings, settings.reference) : "none for this dataset";
  console.log(
    `${name}: dataset ${about.label}; read from ${about.source}; reference results: ${reference}; ` +
      `figures -> ${pathFromRoot(settings, settings.figuresDir)}`,
  );
  return new NotebookRun(name, settings);
}
