// Loads an ESM-only package (vega, vega-lite) from CommonJS code. tslab compiles every cell and
// every .ts file it imports to CommonJS, which turns `import("x")` into `require("x")` and fails on
// ESM graphs with top-level await; a plain .cjs file is compiled by Node itself and keeps import().
module.exports = (specifier) => import(specifier);
