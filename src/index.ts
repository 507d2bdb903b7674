// The kit's single entry point: notebooks start with `import * as kit from "./src"`.
// This file only re-exports; each stage of the pipeline lives in its own folder.
export * from "./settings";
export * from "./data/schema";
