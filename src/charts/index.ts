// Charts as pure Vega-Lite (or Vega) spec builders, and their rendering to SVG and PNG (docs/methods.md §5): one
// builder per figure of the paper, each taking the numbers an analysis returns. `run.saveFigure(name, spec)` renders,
// writes and shows a spec. This file only re-exports what a researcher calls.
export { renderSvg, svgToPng, type ChartSpec } from "./render";
export { interactiveSpec, chartHtml, chartMimeType } from "./interactive";
export { addSvgFooter } from "./footer";
export { topBarsSpec, type TopBarsOptions } from "./bars";
export { summaryFigureSpec } from "./summaryBars";
export { familyTreeSpec, RELATION_COLORS } from "./familyTree";
export { createdAtHistogramSpec, familyGrowthSpec } from "./timeCharts";
export { logLogSpec, sideBySide } from "./distributions";
export { editAlignmentSpec } from "./diffFigure";
export { resemblanceFigureSpec, type ResemblanceFigureOptions } from "./resemblance";
export { similarityMatrixSpec } from "./similarityMatrix";
export { traitFlowSpec, CATEGORY_COLORS } from "./traitFlow";
export { cardLengthSpec, languageCountSpec } from "./parentChild";
export type { DiffOptions } from "./diffFigure";
export type { LogLogOptions } from "./distributions";
export type { SimilarityMatrixOptions } from "./similarityMatrix";
export type { PngOptions } from "./render";
export type { TraitFlowSpecOptions } from "./traitFlow";
