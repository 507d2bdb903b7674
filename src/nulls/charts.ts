// Vega-Lite spec builders of the null-model and simulator figures (the kit's chart conventions, docs/methods.md §5):
// pure functions from numbers to specs, saved with `run.saveFigure`. Four figures:
//
//   nullIntervalsSpec          observed value (black diamond) beside each null's mean and 95% interval
//   controlledResemblanceSpec  the main resemblance figure's 23 related configurations against four baselines
//   qScanSpec                  "drift directions accounted for" and Kendall's tau against q, one line per size
//   inheritanceSpec            mutation rates and resemblance against the inheritance probability
import type { ChartSpec } from "../charts/render";
import { KINSHIP_CONFIGS, type KinshipConfig, kinshipLabel } from "../similarity/kinship";
import type { ControlledResemblance } from "./resemblance";
import { CORPUS_VARIANT_LABELS } from "./resemblance";
import type { InheritancePoint, QScanCell } from "./simulation";

/** Finite numbers as they are, anything else as null (Vega skips nulls). */
const num = (x: number | null | undefined) => (typeof x === "number" && Number.isFinite(x) ? x : null);

/** One row of nullIntervalsSpec: an observed value and one null's mean and interval. */
export interface NullIntervalRow {
  /** Facet column, e.g. the metric. */
  panel: string;
  /** Row label, e.g. the trait. */
  label: string;
  /** The null model. */
  series: string;
  observed: number;
  mean: number;
  lo: number;
  hi: number;
}

/** Options of nullIntervalsSpec. */
export interface NullIntervalOptions {
  title: string;
  /** x axis title ["Value"]. */
  xTitle?: string;
  /** x domain [[0, 1]]. */
  domain?: [number, number];
}

/**
 * Observed values against null intervals, one row per label, one offset line per null, one column per panel. Example:
 * `nullIntervalsSpec([{ panel: "directions", label: "licenses", series: "flip", observed: 1, mean: 0.93, lo: 0.84,
 * hi: 1 }], { title: "Ordering" })`.
 */
export function nullIntervalsSpec(rows: NullIntervalRow[], options: NullIntervalOptions): ChartSpec {
  const values = rows.map((r) => ({
    ...r,
    observed: num(r.observed),
    mean: num(r.mean),
    lo: num(r.lo),
    hi: num(r.hi),
  }));
  const labels = [...new Set(rows.map((r) => r.label))];
  const series = [...new Set(rows.map((r) => r.series))];
  const x = {
    type: "quantitative",
    title: options.xTitle ?? "Value",
    scale: { domain: options.domain ?? [0, 1] },
  };
  return {
    title: options.title,
    data: { values },
    facet: { column: { field: "panel", type: "nominal", title: null, sort: [...new Set(rows.map((r) => r.panel))] } },
    spec: {
      width: 260,
      height: 12 * labels.length * Math.max(2, series.length) + 16,
      encoding: { y: { field: "label", type: "nominal", title: null, sort: labels } },
      layer: [
        {
          mark: { type: "rule", strokeWidth: 2 },
          encoding: {
            x: { field: "lo", ...x },
            x2: { field: "hi" },
            yOffset: { field: "series", type: "nominal", sort: series },
            color: { field: "series", type: "nominal", sort: series, title: "null model", legend: { labelLimit: 320 } },
          },
        },
        {
          mark: { type: "tick", thickness: 2, size: 10 },
          encoding: {
            x: { field: "mean", ...x },
            yOffset: { field: "series", type: "nominal", sort: series },
            color: { field: "series", type: "nominal", sort: series },
          },
        },
        {
          mark: { type: "point", shape: "diamond", filled: true, size: 70, color: "black" },
          encoding: { x: { field: "observed", ...x } },
        },
      ],
    },
    resolve: { scale: { x: "independent" } },
    config: { legend: { labelLimit: 400 } },
  } as ChartSpec;
}

/** Axis label of a configuration: its key and kinship, "trio_1_2 siblings". */
const configLabel = (c: KinshipConfig) => `${c.key} ${kinshipLabel(c.kinship)}`;

/** Colours of the four baselines, the paper's random pair in grey. */
const BASELINE_COLORS = ["#7f7f7f", "#d62728", "#ff7f0e", "#1f77b4"];

/**
 * The main resemblance figure's related configurations (points with 95% intervals) against the baselines (bands),
 * one panel per corpus variant. Example: `controlledResemblanceSpec((await resemblanceControls(g, models, { rng })).runs)`.
 */
export function controlledResemblanceSpec(runs: readonly ControlledResemblance[], title?: string): ChartSpec {
  const related = KINSHIP_CONFIGS.filter((c) => c.kinship !== "random");
  const values: Record<string, unknown>[] = [];
  const baselineLabels: string[] = [];
  for (const run of runs) {
    const panel = CORPUS_VARIANT_LABELS[run.variant];
    for (const c of related) {
      const s = run.stats[c.key];
      if (!s || s.mean === null) continue;
      values.push({
        kind: "config",
        panel,
        key: c.key,
        label: configLabel(c),
        mean: s.mean,
        lo: s.ci95[0],
        hi: s.ci95[1],
      });
    }
    for (const b of run.baselines) {
      if (b.mean === null) continue;
      const label = b.control === "any" ? "random pair (the paper's)" : `random pair, ${b.control.replace(/-/g, " ")}`;
      if (!baselineLabels.includes(label)) baselineLabels.push(label);
      values.push({ kind: "baseline", panel, baseline: label, mean: b.mean, lo: b.ci95[0], hi: b.ci95[1] });
    }
  }
  const y = { type: "quantitative", title: "TF-IDF cosine similarity", scale: { domain: [0, 1] } };
  const color = {
    field: "baseline",
    type: "nominal",
    title: "baseline",
    sort: baselineLabels,
    scale: { domain: baselineLabels, range: BASELINE_COLORS.slice(0, baselineLabels.length) },
    legend: { orient: "bottom", direction: "vertical", labelLimit: 360 },
  };
  const isConfig = { filter: "datum.kind === 'config'" };
  const isBaseline = { filter: "datum.kind === 'baseline'" };
  return {
    title: title ?? "Related pairs against four baselines (metadata, TF-IDF)",
    data: { values },
    facet: {
      column: { field: "panel", type: "nominal", title: null, sort: runs.map((r) => CORPUS_VARIANT_LABELS[r.variant]) },
    },
    spec: {
      width: 23 * 14,
      height: 260,
      layer: [
        {
          transform: [isBaseline],
          mark: { type: "rect", opacity: 0.18 },
          encoding: { y: { field: "lo", ...y }, y2: { field: "hi" }, color },
        },
        {
          transform: [isBaseline],
          mark: { type: "rule", strokeWidth: 1.5 },
          encoding: { y: { field: "mean", ...y }, color },
        },
        {
          transform: [isConfig],
          mark: { type: "rule", color: "#333" },
          encoding: {
            x: {
              field: "label",
              type: "nominal",
              title: null,
              sort: related.map(configLabel),
              axis: { labelAngle: -60, labelLimit: 220, labelFontSize: 8 },
            },
            y: { field: "lo", ...y },
            y2: { field: "hi" },
          },
        },
        {
          transform: [isConfig],
          mark: { type: "point", filled: true, size: 28, color: "#333" },
          encoding: {
            x: { field: "label", type: "nominal", sort: related.map(configLabel) },
            y: { field: "mean", ...y },
            tooltip: [{ field: "label" }, { field: "mean", format: ".3f" }],
          },
        },
      ],
    },
  } as ChartSpec;
}

/** A horizontal reference line of qScanSpec: `{ label: "paper (v1) 94.3%", value: 132 / 140 }`. */
export interface ReferenceLine {
  label: string;
  value: number;
}

/**
 * "Drift directions accounted for" (mean and 95% range over snapshots) and Kendall's tau against q, one line per
 * calibration and snapshot size, with reference lines. Example:
 * `qScanSpec(qScan(params, options), [{ label: "paper", value: 0.943 }])`.
 */
export function qScanSpec(
  cells: readonly QScanCell[],
  references: readonly ReferenceLine[],
  title?: string,
): ChartSpec {
  const series = (c: QScanCell) => `${c.label}, ${c.n.toLocaleString("en-US")} models`;
  const values = cells.map((c) => ({
    q: c.q,
    size: series(c),
    n: c.n,
    directions: num(c.directions.mean),
    directions_lo: num(c.directions.range[0]),
    directions_hi: num(c.directions.range[1]),
    tau: num(c.tau.mean),
    tau_lo: num(c.tau.range[0]),
    tau_hi: num(c.tau.range[1]),
  }));
  const sizes = [...new Set(cells.map(series))];
  const color = { field: "size", type: "nominal", sort: sizes, title: "snapshot" };
  const x = {
    field: "q",
    type: "quantitative",
    title: "q (bias downstream; 0.5 = no direction)",
    scale: { domain: [0.5, 1] },
  };
  const panel = (field: string, yTitle: string, domain: [number, number], lines: readonly ReferenceLine[]) => ({
    width: 300,
    height: 240,
    layer: [
      {
        data: { values },
        mark: { type: "area", opacity: 0.15 },
        encoding: {
          x,
          y: { field: `${field}_lo`, type: "quantitative", title: yTitle, scale: { domain } },
          y2: { field: `${field}_hi` },
          color,
        },
      },
      {
        data: { values },
        mark: { type: "line", point: true },
        encoding: { x, y: { field, type: "quantitative" }, color },
      },
      ...(lines.length
        ? [
            {
              data: { values: lines },
              mark: { type: "rule", strokeDash: [4, 3], color: "black" },
              encoding: { y: { field: "value", type: "quantitative" } },
            },
            {
              data: { values: lines },
              mark: { type: "text", align: "left", dx: 3, dy: -5, fontSize: 9 },
              encoding: {
                x: { datum: 0.5, type: "quantitative" },
                y: { field: "value", type: "quantitative" },
                text: { field: "label" },
              },
            },
          ]
        : []),
    ],
  });
  return {
    title: title ?? "What the pipeline recovers from simulated ecosystems",
    hconcat: [
      panel("directions", "drift directions accounted for", [0.5, 1], references),
      panel("tau", "Kendall's tau, recovered vs hidden ordering", [-0.5, 1], []),
    ],
    resolve: { scale: { color: "shared" } },
    config: { legend: { labelLimit: 400 } },
  } as ChartSpec;
}

/**
 * Mutation rates per trait and resemblance per kinship against the inheritance probability (means over snapshots).
 * Example: `inheritanceSpec(inheritanceScan(params, { levels: [0.2, 0.8], replicates: 2, rng }))`.
 */
export function inheritanceSpec(points: readonly InheritancePoint[], title?: string): ChartSpec {
  const rates = points.flatMap((p) =>
    Object.entries(p.rates).map(([trait, rate]) => ({ inherit: p.inherit, trait, rate: num(rate ?? null) })),
  );
  const resemblance = points.flatMap((p) =>
    Object.entries(p.resemblance).map(([key, mean]) => ({
      inherit: p.inherit,
      pair: KINSHIP_CONFIGS.find((c) => c.key === key)?.label ?? key,
      mean: num(mean),
    })),
  );
  const x = {
    field: "inherit",
    type: "quantitative",
    title: "inheritance probability h (every trait, every relation)",
    scale: { domain: [0, 1] },
  };
  return {
    title: title ?? "How mutation rates and resemblance respond to inheritance",
    hconcat: [
      {
        width: 280,
        height: 220,
        data: { values: rates },
        mark: { type: "line", point: true },
        encoding: {
          x,
          y: {
            aggregate: "mean",
            field: "rate",
            type: "quantitative",
            title: "mutation rate (fine-tune edges)",
            scale: { domain: [0, 1] },
          },
          color: { field: "trait", type: "nominal", title: "trait" },
        },
      },
      {
        width: 280,
        height: 220,
        data: { values: resemblance },
        mark: { type: "line", point: true },
        encoding: {
          x,
          y: {
            aggregate: "mean",
            field: "mean",
            type: "quantitative",
            title: "metadata TF-IDF similarity",
            scale: { domain: [0, 1] },
          },
          color: { field: "pair", type: "nominal", title: "pair" },
        },
      },
    ],
    resolve: { scale: { color: "independent" } },
    config: { legend: { labelLimit: 400 } },
  } as ChartSpec;
}
