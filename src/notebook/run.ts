// One notebook run: its settings, the figures it saves and the numbers behind them.
// Figures go to `<figuresDir>/<notebook>-<name>.{svg,png,vl.json}`; the numbers go to
// `<figuresDir>/stats/<notebook>.json`, which `make check` compares with the committed copy.
import * as fs from "node:fs";
import * as path from "node:path";
import { loadSettings, pathFromRoot, Settings } from "../settings";
import { ChartSpec, renderSvg, svgToPng } from "../charts/render";
import { addSvgFooter } from "../charts/footer";
import { describeDataset } from "../data/datasets";
import { showSvg } from "./display";

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

  constructor(readonly name: string, readonly settings: Settings) {}

  /** Path of this notebook's stats file. */
  get statsPath(): string {
    return path.join(this.settings.figuresDir, "stats", `${this.name}.json`);
  }

  /** Records a number behind a figure and rewrites the stats file: `run.stat("models", 1572)`. */
  stat(key: string, value: unknown, options: { tolerance?: number } = {}): void {
    this.stats[key] = options.tolerance === undefined ? { value } : { value, tolerance: options.tolerance };
    this.writeStats();
  }

  /** Renders a Vega-Lite spec, writes `<notebook>-<name>.svg|png|vl.json`, shows it inline, returns the paths. */
  async saveFigure(name: string, spec: ChartSpec): Promise<SavedFigure> {
    const base = path.join(this.settings.figuresDir, `${this.name}-${name}`);
    const svg = addSvgFooter(await renderSvg(spec), "Data: " + describeDataset(this.settings).label);
    fs.mkdirSync(path.dirname(base), { recursive: true });
    const files = { svg: base + ".svg", png: base + ".png", spec: base + ".vl.json" };
    fs.writeFileSync(files.svg, svg);
    fs.writeFileSync(files.png, svgToPng(svg));
    fs.writeFileSync(files.spec, JSON.stringify(spec, null, 1) + "\n");
    showSvg(svg);
    return files;
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

/** Starts a notebook run and prints which dataset it uses: `const run = startNotebook("00-quickstart")`. */
export function startNotebook(name: string, overrides: Partial<Settings> = {}): NotebookRun {
  const settings = loadSettings(overrides);
  const about = describeDataset(settings);
  const reference = settings.reference ? pathFromRoot(settings, settings.reference) : "none for this dataset";
  console.log(`${name}: dataset ${about.label}; read from ${about.source}; reference results: ${reference}; ` +
    `figures -> ${pathFromRoot(settings, settings.figuresDir)}`);
  return new NotebookRun(name, settings);
}
