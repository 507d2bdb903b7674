// Every notebook runs to the end on real data shaped unlike the sample: one family alone, a 300-model slice, the sample
// without cards, the sample as a user's folder without reference results, SmolLM2 (no traits, no cards) and radar
// (all relation types, no cards). Each variant runs through `make figures` and the real kernel; where the answer is
// known it is computed here from the listing itself, independently of the kit, and held against the notebooks' stats.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readTextFile } from "../src/data/gzipFile";
import { KIT_NOTEBOOKS } from "../src/notebook/run";
import { RADAR_LISTING, ROOT, SAMPLE_CARDS, SAMPLE_LISTING, SMOLLM2_LISTING } from "./helpers/data";

interface Listed {
  id: string;
  tags: string[];
}

/** Listing objects of an NDJSON file (plain or .gz). */
const listed = (file: string): Listed[] =>
  readTextFile(file)
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

/** What the paper's rules give for a listing, counted directly from the tags (no kit code). */
function expected(models: Listed[]) {
  const ids = new Set(models.map((m) => m.id));
  const strip = (id: string) => id.replace(/^https:\/\/huggingface\.co\//, "");
  const edges = new Map<string, Set<string>>(); // child -> parents listed in the snapshot
  const merges = new Set<string>(); // "parent>child" pairs named by a merge tag
  for (const m of models) {
    for (const tag of m.tags) {
      const typed = /^base_model:(finetune|quantized|adapter|merge):(.+)$/.exec(tag);
      const generic = /^base_model:([^:]+\/[^:]+|[^:/]+)$/.exec(tag);
      const parent = typed ? strip(typed[2]) : generic ? strip(generic[1]) : null;
      if (parent === null || parent === m.id || !ids.has(parent)) continue;
      if (!edges.has(m.id)) edges.set(m.id, new Set());
      edges.get(m.id)!.add(parent);
      if (typed?.[1] === "merge") merges.add(`${parent}>${m.id}`);
    }
  }
  // Weakly connected components of the no-merges graph, by union-find.
  const up = new Map<string, string>([...ids].map((id) => [id, id]));
  const find = (x: string): string => (up.get(x) === x ? x : (up.set(x, find(up.get(x)!)), up.get(x)!));
  let edgeCount = 0;
  for (const [child, parents] of edges) {
    for (const parent of parents) {
      edgeCount++;
      if (!merges.has(`${parent}>${child}`)) up.set(find(child), find(parent));
    }
  }
  const components = new Set([...ids].map(find)).size;
  return { models: models.length, edges: edgeCount, components };
}

/** The value of a stat in a notebook's stats file under a figures folder. */
function stat(figures: string, notebook: string, key: string): unknown {
  const file = JSON.parse(fs.readFileSync(path.join(figures, "stats", `${notebook}.json`), "utf8"));
  return file.stats[key]?.value;
}

/** Everything the executed notebooks printed, one string per notebook. */
function printed(executed: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KIT_NOTEBOOKS) {
    const nb = JSON.parse(fs.readFileSync(path.join(executed, `${name}.ipynb`), "utf8"));
    out[name] = nb.cells
      .flatMap((c: any) => c.outputs ?? [])
      .map((o: any) => [o.text, o.data?.["text/plain"]].flat().join(""))
      .join("");
  }
  return out;
}

/** Runs every kit notebook on a dataset; returns its figures folder and what the notebooks printed. */
function runNotebooks(name: string, settings: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `robust-${name}-`));
  const figures = path.join(dir, "figures");
  const executed = path.join(dir, "executed");
  const notebooks = KIT_NOTEBOOKS.map((n) => `notebooks/${n}.ipynb`).join(" ");
  const args = ["-s", "figures", `NOTEBOOKS=${notebooks}`, `FIGURES_DIR=${figures}`, `NB_OUT=${executed}`, "JOBS=2"];
  for (const [key, value] of Object.entries(settings)) args.push(`${key}=${value}`);
  const result = spawnSync("make", args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, MAKEFLAGS: "" } });
  assert.equal(result.status, 0, `${name}: make figures failed\n${result.stdout}\n${result.stderr}`);
  const figureFiles = fs.readdirSync(figures).filter((f) => f.endsWith(".vl.json"));
  return { dir, figures, text: printed(executed), figureFiles, stdout: result.stdout };
}

/** A folder in the Hub listing format made from listing lines (and the sample's cards). */
function folder(name: string, lines: string[], cards: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `variant-${name}-`));
  fs.writeFileSync(path.join(dir, "listing.ndjson"), `${lines.join("\n")}\n`);
  if (cards) fs.writeFileSync(path.join(dir, "cards.ndjson"), readTextFile(SAMPLE_CARDS));
  return dir;
}

const sampleLines = readTextFile(SAMPLE_LISTING).trim().split("\n");
const sample = listed(SAMPLE_LISTING);

/** The lines of one family of the sample: the models whose fine-tune ancestry reaches `root`. */
function familyLines(root: string): string[] {
  const parent = new Map<string, string>();
  for (const m of sample)
    for (const t of m.tags) if (t.startsWith("base_model:finetune:")) parent.set(m.id, t.slice(20));
  const reaches = (id: string) => {
    for (let x: string | undefined = id, k = 0; x !== undefined && k < 100; x = parent.get(x), k++)
      if (x === root) return true;
    return false;
  };
  return sampleLines.filter((_, i) => reaches(sample[i].id));
}

const VARIANTS: {
  name: string;
  lines?: string[];
  cards?: boolean;
  dataset?: string;
  listing?: string;
  cannot: RegExp[];
}[] = [
  {
    name: "one-family",
    lines: familyLines("stabilityai/stable-diffusion-2-1"),
    cards: true,
    cannot: [/no reference results for this dataset/, /cannot be judged: fewer than two generation gaps/],
  },
  {
    name: "slice-300",
    lines: sampleLines.slice(0, 300),
    cards: true,
    cannot: [/no reference results for this dataset/],
  },
  {
    name: "no-cards",
    lines: sampleLines,
    cards: false,
    cannot: [
      /no card qualifies on this dataset .*: the card analysis is skipped/,
      /figure card-length not drawn: no edge joins a parent and a child that both have a card/,
    ],
  },
  { name: "no-reference", lines: sampleLines, cards: true, cannot: [/no reference results for this dataset/] },
  {
    name: "smollm2",
    dataset: "smollm2",
    listing: SMOLLM2_LISTING,
    cannot: [/figure licenses not drawn: no model of this dataset declares a license/, /no card qualifies/],
  },
  {
    name: "radar",
    dataset: "radar",
    listing: RADAR_LISTING,
    cannot: [/no card qualifies/, /no reference results for this dataset/],
  },
];

for (const v of VARIANTS) {
  test(`every notebook runs on ${v.name}, says what it cannot compute, and its counts are the listing's`, {
    timeout: 600_000,
  }, () => {
    const settings: Record<string, string> = v.dataset
      ? { DATASET: v.dataset }
      : { HF_DATA: folder(v.name, v.lines!, v.cards!) };
    const models = v.lines ? v.lines.map((l) => JSON.parse(l) as Listed) : listed(v.listing!);
    const want = expected(models);
    const run = runNotebooks(v.name, settings);
    assert.equal(stat(run.figures, "01-data", "expanded_dataset.rows"), want.models);
    assert.equal(stat(run.figures, "21-families", "graph.full.edges"), want.edges);
    assert.equal(stat(run.figures, "21-families", "graph.nomerges.weakly_connected_components"), want.components);
    const all = Object.values(run.text).join("\n");
    for (const line of v.cannot) assert.match(all, line);
    assert.doesNotMatch(all, /\bNaN\b/, "no NaN reaches a printed line");
    assert.ok(run.figureFiles.length >= 15, `${run.figureFiles.length} figures drawn`);
    for (const f of run.figureFiles) {
      const spec = fs.readFileSync(path.join(run.figures, f), "utf8");
      assert.match(spec, /"values": \[\n\s+[{[\d"]/, `${f} has data`);
    }
    fs.rmSync(run.dir, { recursive: true, force: true });
  });
}
