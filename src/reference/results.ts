// Reference results: what the authors' own analysis code computed on exactly the data in use (`settings.reference`,
// data/reference/README.md §1, §11). The files are JSON trees whose leaves are `{ value, how }`; a key is the dotted
// path to a leaf ("graph.full.edges"). Reference results check a computation; they are never an input to one.
import * as fs from "node:fs";
import type { Settings } from "../settings";

const cache = new Map<string, unknown>();

/**
 * The run's parsed reference results, read once per process; undefined when the dataset has none:
 * `readReference(run.settings)`.
 */
export function readReference(settings: Settings): unknown {
  const file = settings.reference;
  if (file === null) return undefined;
  if (!cache.has(file)) {
    try {
      cache.set(file, JSON.parse(fs.readFileSync(file, "utf8")));
    } catch (error) {
      throw new Error(`reference/results: ${file} cannot be read: ${(error as Error).message}`);
    }
  }
  return cache.get(file);
}

/**
 * The value at a dotted path of parsed reference results, `{ value, how }` leaves unwrapped; undefined when absent.
 * Example: `leafAt(reference, "graph.full.edges")` is 1550 on the sample.
 */
export function leafAt(reference: unknown, dottedPath: string): any {
  let node: any = reference;
  for (const key of dottedPath.split(".")) {
    if (node === null || typeof node !== "object" || !(key in node)) return undefined;
    node = node[key];
  }
  return isLeaf(node) ? node.value : node;
}

/** True for a `{ value, how }` leaf of a reference file: `isLeaf({ value: 3, how: "..." })`. */
export function isLeaf(node: unknown): node is { value: unknown; how: unknown } {
  return node !== null && typeof node === "object" && !Array.isArray(node) && "value" in node && "how" in node;
}

/**
 * The run's reference value at a key, or undefined (no reference, or no such key): `referenceValue(run.settings,
 * "graph.full.edges")`.
 */
export function referenceValue(settings: Settings, dottedPath: string): any {
  return leafAt(readReference(settings), dottedPath);
}

/** Dotted paths of every leaf under a prefix: `leafPaths(reference, "similarity")`. */
export function leafPaths(reference: unknown, prefix: string): string[] {
  const out: string[] = [];
  const walk = (node: unknown, at: string) => {
    if (isLeaf(node) || node === null || typeof node !== "object" || Array.isArray(node)) return void out.push(at);
    for (const [k, child] of Object.entries(node)) walk(child, `${at}.${k}`);
  };
  const start = prefix === "" ? reference : leafAt(reference, prefix);
  if (start !== undefined) walk(start, prefix);
  return out.map((p) => p.replace(/^\./, ""));
}
