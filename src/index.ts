// The kit's single entry point: a notebook's first code cell is `import * as kit from "./src/index"`.
// This file only re-exports; each stage of the pipeline lives in its own folder.
export * from "./settings";
export * from "./data/schema";
export * from "./charts/render";
export * from "./charts/footer";
export * from "./notebook/display";
export * from "./notebook/run";
