// The reproduction report: build/report/index.html answers "does the paper reproduce?" in one page. It holds the
// claims ledger (each claim's number in the paper, the kit's number on every dataset run, the authors' code's number
// where reference results exist, and the verdicts), a link to every executed notebook rendered as HTML (nbconvert),
// and every figure as a thumbnail. Everything is copied into build/report/, so the page opens offline.
// Usage: node --import tsx tools/report.ts   (after `make figures`; other datasets' runs are included when present)
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { KIT_NOTEBOOKS, type StatsFile } from "../src/notebook/run";
import { claimsLedger, type LedgerCell } from "../src/reference/ledger";
import { COMMITTED_DATASET, repoRoot, SHIPPED_REFERENCES } from "../src/settings";

const root = repoRoot();
const out = path.join(root, "build", "report");

/** Figures folders by dataset: the committed figures/ (sample) and every build/figures/<dataset>/. */
function figureFolders(): Record<string, string> {
  const folders: Record<string, string> = { sample: path.join(root, "figures") };
  const built = path.join(root, "build", "figures");
  if (fs.existsSync(built)) {
    for (const d of fs.readdirSync(built).sort()) {
      // build/figures/sample holds researchers' own notebooks on the sample, not the kit's run
      if (d !== COMMITTED_DATASET && fs.existsSync(path.join(built, d, "stats"))) folders[d] = path.join(built, d);
    }
  }
  return folders;
}

/** Stats values (key → value) of every notebook of a figures folder. */
function statsValues(folder: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const dir = path.join(folder, "stats");
  if (!fs.existsSync(dir)) return values;
  for (const f of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const file = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as StatsFile;
    for (const [key, entry] of Object.entries(file.stats)) values[key] = entry.value;
  }
  return values;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const mark = (holds: boolean | null | undefined) => (holds === true ? "✓" : holds === false ? "✗" : "–");

/** One ledger cell as HTML: the kit's reading and verdict, then the authors' code's and whether they agree. */
function cellHtml(cell: LedgerCell | undefined): string {
  if (!cell) return "<td class=na>not run</td>";
  const authors = cell.authors
    ? `<div class=authors>authors' code: ${escapeHtml(cell.authors.text)} ${mark(cell.authors.holds)}</div>` +
      `<div class=match>${cell.matchesAuthors ? "kit = authors' code ✓" : "kit ≠ authors' code ✗"}</div>`
    : "";
  const nulls = cell.nulls
    .map(
      (n) =>
        `<div class=null>against ${escapeHtml(n.label)}: ${n.survives ? "survives ✓" : "does not survive ✗"} (${escapeHtml(n.detail)})</div>`,
    )
    .join("");
  return `<td><div class=kit>${escapeHtml(cell.kit.text)} <b>${mark(cell.kit.holds)}</b></div>${authors}${nulls}</td>`;
}

/** Renders the executed notebooks of build/notebooks as HTML pages; returns the notebook names rendered. */
function renderNotebooks(): string[] {
  const executed = path.join(root, "build", "notebooks");
  const names = KIT_NOTEBOOKS.filter((n) => fs.existsSync(path.join(executed, `${n}.ipynb`)));
  if (names.length === 0) return [];
  const env = { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" };
  execFileSync(
    "jupyter",
    [
      "nbconvert",
      "--to",
      "html",
      "--template",
      "lab",
      "--output-dir",
      path.join(out, "notebooks"),
      ...names.map((n) => path.join(executed, `${n}.ipynb`)),
    ],
    { stdio: ["ignore", "ignore", "pipe"], env },
  );
  return names;
}

function main(): void {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const folders = figureFolders();
  const stats: Record<string, Record<string, unknown>> = {};
  const references: Record<string, unknown> = {};
  for (const [dataset, folder] of Object.entries(folders)) {
    stats[dataset] = statsValues(folder);
    const shipped = SHIPPED_REFERENCES[dataset as keyof typeof SHIPPED_REFERENCES];
    if (shipped) references[dataset] = JSON.parse(fs.readFileSync(path.join(root, shipped), "utf8"));
  }
  const datasets = Object.keys(stats).filter((d) => Object.keys(stats[d]).length > 0);
  const ledger = claimsLedger(Object.fromEntries(datasets.map((d) => [d, stats[d]])), references);
  const rows = ledger
    .map(
      (row) =>
        `<tr><td class=claim>${escapeHtml(row.claim.statement)}</td><td>${escapeHtml(row.claim.paper)}</td>` +
        datasets.map((d) => cellHtml(row.cells.find((c) => c.dataset === d))).join("") +
        "</tr>",
    )
    .join("\n");

  const notebooks = renderNotebooks();
  const thumbs: string[] = [];
  for (const [dataset, folder] of Object.entries(folders)) {
    const pngs = fs
      .readdirSync(folder)
      .filter((f) => f.endsWith(".png"))
      .sort();
    if (pngs.length === 0) continue;
    fs.mkdirSync(path.join(out, "figures", dataset), { recursive: true });
    const items = pngs.map((f) => {
      fs.copyFileSync(path.join(folder, f), path.join(out, "figures", dataset, f));
      const src = `figures/${dataset}/${f}`;
      return `<figure><a href="${src}"><img src="${src}" alt="${escapeHtml(f)}"></a><figcaption>${escapeHtml(f.replace(/\.png$/, ""))}</figcaption></figure>`;
    });
    thumbs.push(`<h3>${escapeHtml(dataset)}</h3><div class=grid>${items.join("\n")}</div>`);
  }
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Reproduction report</title>
<style>
body { font-family: "DejaVu Sans", sans-serif; margin: 2em; color: #222; max-width: 1400px; }
table { border-collapse: collapse; font-size: 13px; } td, th { border: 1px solid #ccc; padding: 6px; vertical-align: top; }
th { background: #f3f3f3; } td.claim { font-weight: bold; max-width: 260px; } td.na { color: #999; }
.authors { color: #555; margin-top: 4px; } .null { color: #7a4b00; font-size: 12px; margin-top: 3px; } .match { color: #555; font-size: 12px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; }
figure { margin: 0; border: 1px solid #ddd; padding: 6px; } img { width: 100%; height: 160px; object-fit: contain; }
figcaption { font-size: 11px; color: #555; word-break: break-all; }
</style></head><body>
<h1>Does "Anatomy of a Machine Learning Ecosystem" reproduce?</h1>
<p>Laufer, Oderinwale and Kleinberg (2025), reproduced by this kit. Each claim: the number the paper gives on its
1.86M models, the kit's number on every dataset run here, and, where the authors' own code was run on the same data
(data/reference/), its number and whether the kit computes the same. ✓ the claim holds on that data, ✗ it does not,
– it is a number, not a yes-or-no claim, or the data cannot judge it. A sample is not the paper's population: a claim
that fails on a sample is a fact about that sample. Where the null models of notebook 50 were run, each claim also
says whether its number survives a baseline without the effect (a null that keeps the traffic and destroys the
direction, a child drawn at random, pairs matched on family or organisation).</p>
<h2 id="ledger">Claims ledger</h2>
<table id="claims-ledger"><thead><tr><th>claim</th><th>paper (1.86M models)</th>${datasets.map((d) => `<th>${escapeHtml(d)}</th>`).join("")}</tr></thead>
<tbody>
${rows}
</tbody></table>
<h2 id="notebooks">Notebooks</h2>
<ul>${notebooks.map((n) => `<li><a href="notebooks/${n}.html">${n}</a></li>`).join("")}</ul>
<h2 id="figures">Figures</h2>
${thumbs.join("\n")}
</body></html>
`;
  fs.writeFileSync(path.join(out, "index.html"), html);
  console.log(
    `report: ${path.relative(root, path.join(out, "index.html"))}: ${ledger.length} claims on ${datasets.join(", ")}; ` +
      `${notebooks.length} notebooks; ${thumbs.length} figure groups`,
  );
}

main();
