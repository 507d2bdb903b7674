// Keeps committed notebooks free of outputs: `--check` lists notebooks that hold outputs or
// execution counts and exits 1; without it, strips them in place.
// Usage: node --import tsx tools/strip_notebooks.ts [--check] notebooks/*.ipynb
import * as fs from "node:fs";

interface Cell {
  cell_type: string;
  outputs?: unknown[];
  execution_count?: number | null;
}

const args = process.argv.slice(2);
const check = args.includes("--check");
const files = args.filter((a) => a !== "--check");
const dirty: string[] = [];

for (const file of files) {
  const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: Cell[] };
  const code = nb.cells.filter((c) => c.cell_type === "code");
  const outputs = code.reduce((n, c) => n + (c.outputs?.length ?? 0), 0);
  const counted = code.filter((c) => c.execution_count != null).length;
  if (outputs === 0 && counted === 0) continue;
  dirty.push(`${file}: ${outputs} output(s), ${counted} execution count(s)`);
  if (!check) {
    for (const c of code) {
      c.outputs = [];
      c.execution_count = null;
    }
    fs.writeFileSync(file, JSON.stringify(nb, null, 1) + "\n");
  }
}

if (check && dirty.length > 0) {
  console.error("Committed notebooks must hold no outputs (run `make strip`):\n  " + dirty.join("\n  "));
  process.exit(1);
}
if (!check && dirty.length > 0) console.log("stripped:\n  " + dirty.join("\n  "));
