// Notebooks written by tests: a few code cells with the project's kernel, run through `make figures`.
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Writes a notebook with the given code cells (after one markdown cell) and returns its path.
 * Example: `writeNotebook(dir, "a.ipynb", ["const n: number = 6 * 7;"])`.
 */
export function writeNotebook(dir: string, name: string, cells: string[]): string {
  const nb = {
    cells: [
      { cell_type: "markdown", metadata: {}, source: ["# Runner test"] },
      ...cells.map((source) => ({
        cell_type: "code",
        metadata: {},
        execution_count: null,
        outputs: [],
        source: [source],
      })),
    ],
    metadata: {
      kernelspec: { name: "tslab", display_name: "TypeScript (tslab, project-local)", language: "typescript" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(nb));
  return file;
}
