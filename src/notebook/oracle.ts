// Reference values: what the authors' own code computed on exactly the data in use (`settings.reference`,
// data/reference/README.md), so notebooks can put the reference next to the kit's number.
import * as fs from "node:fs";
import type { Settings } from "../settings";

/** The value at a dotted path of the run's reference results (leaves are {value, how}), or undefined. */
export function oracleValue(settings: Settings, dottedPath: string): unknown {
  return leafAt(readReference(settings), dottedPath);
}

const references = new Map<string, any>();

/** The run's parsed reference results, read once per process; undefined when the dataset has none. */
export function readReference(settings: Settings): any {
  const file = settings.reference;
  if (file === null) return undefined;
  if (!references.has(file)) {
    try {
      references.set(file, JSON.parse(fs.readFileSync(file, "utf8")));
    } catch (error) {
      throw new Error(`notebook/oracle: reference results ${file} cannot be read: ${(error as Error).message}`);
    }
  }
  return references.get(file);
}

/** One line comparing a reference with the kit's value: "licenses: reference 248 · here 248 ✓". */
export function compareLine(label: string, reference: unknown, ours: unknown): string {
  if (reference === undefined) return `${label}: here ${JSON.stringify(ours)} (no reference for this dataset)`;
  const same = JSON.stringify(reference) === JSON.stringify(ours);
  return `${label}: reference ${JSON.stringify(reference)} · here ${JSON.stringify(ours)} ${same ? "✓" : "✗ differs"}`;
}

/** How a value compares with the reference at the same key path. */
export type OracleStatus = "equal" | "equal up to tie order" | "differs at a cut-off tie" | "differs" | "no reference";

/** One compared key. */
export interface OracleComparison {
  key: string;
  status: OracleStatus;
  reference: unknown;
  ours: unknown;
  /** Text fields only the reference has (e.g. Python exception names), left out of the comparison. */
  skippedFields: string[];
}

/**
 * Compares values keyed by reference path with a reference file (oracle/expected.json layout):
 * numbers within relative tolerance 1e-9, top lists of [key, count] pairs up to the order inside
 * groups of equal counts (the reference's order there is tool-specific), everything else exactly.
 * Example: `compareWithOracle(settings, { "graph.full.edges": 1550 })`.
 */
export function compareWithOracle(settings: Settings, values: Record<string, unknown>): OracleComparison[] {
  return compareWithReference(readReference(settings), values);
}

/** compareWithOracle on an already parsed reference file: `compareWithReference(JSON.parse(text), stats)`. */
export function compareWithReference(reference: unknown, values: Record<string, unknown>): OracleComparison[] {
  return Object.keys(values)
    .sort()
    .map((key) => {
      const ours = values[key];
      let ref = leafAt(reference, key);
      const skippedFields: string[] = [];
      if (isPlainObject(ref) && isPlainObject(ours)) {
        ref = { ...ref };
        for (const [field, value] of Object.entries(ref as Record<string, unknown>)) {
          if (!(field in ours) && isText(value)) {
            skippedFields.push(field);
            delete (ref as Record<string, unknown>)[field];
          }
        }
      }
      return { key, reference: ref, ours, skippedFields, status: ref === undefined ? "no reference" : compareValues(ref, ours) };
    });
}

/** The value at a dotted path of a parsed reference file ({value, how} leaves unwrapped), or undefined. */
function leafAt(reference: unknown, dottedPath: string): unknown {
  let node: any = reference;
  for (const key of dottedPath.split(".")) {
    if (node === null || typeof node !== "object" || !(key in node)) return undefined;
    node = node[key];
  }
  return node && typeof node === "object" && "value" in node ? node.value : node;
}

/** True for a string or a list of strings. */
function isText(v: unknown): boolean {
  return typeof v === "string" || isStringList(v);
}

/** Compares one value with its reference (see compareWithOracle). */
export function compareValues(reference: unknown, ours: unknown): OracleStatus {
  if (typeof reference === "number" && typeof ours === "number") {
    return reference === ours || Math.abs(reference - ours) <= 1e-9 * Math.max(Math.abs(reference), Math.abs(ours)) ? "equal" : "differs";
  }
  if (JSON.stringify(reference) === JSON.stringify(ours)) return "equal";
  if (isTopList(reference) && isTopList(ours)) return compareTopLists(reference, ours);
  if (isStringList(reference) && isStringList(ours)) {
    // Labels of a top list: their order inside tie groups is checked on the list itself.
    return JSON.stringify([...reference].sort()) === JSON.stringify([...ours].sort()) ? "equal up to tie order" : "differs";
  }
  if (isPlainObject(reference) && isPlainObject(ours)) {
    const keys = new Set([...Object.keys(reference), ...Object.keys(ours)]);
    const statuses = [...keys].map((k) => (k in reference && k in ours ? compareValues(reference[k], ours[k]) : "differs"));
    return worst(statuses);
  }
  return "differs";
}

type TopList = [string, number][];

/** True for a list of [string, number] pairs. */
function isTopList(v: unknown): v is TopList {
  return Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === "string" && typeof p[1] === "number");
}

/** True for a list of strings. */
function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === "string");
}

/** True for a non-array object. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Same counts in the same order, and the same keys inside each group of equal counts. */
function compareTopLists(reference: TopList, ours: TopList): OracleStatus {
  if (reference.length !== ours.length || reference.some((p, i) => p[1] !== ours[i][1])) return "differs";
  const groups = (list: TopList) => {
    const byCount = new Map<number, string[]>();
    for (const [k, c] of list) byCount.set(c, [...(byCount.get(c) ?? []), k]);
    return byCount;
  };
  const a = groups(reference);
  const b = groups(ours);
  const last = reference[reference.length - 1][1];
  let status: OracleStatus = "equal up to tie order";
  for (const [count, keys] of a) {
    const same = JSON.stringify([...keys].sort()) === JSON.stringify([...(b.get(count) ?? [])].sort());
    if (!same) status = count === last ? "differs at a cut-off tie" : "differs";
    if (status === "differs") return status;
  }
  return status;
}

/** The least favourable of several statuses. */
function worst(statuses: OracleStatus[]): OracleStatus {
  const order: OracleStatus[] = ["differs", "differs at a cut-off tie", "equal up to tie order", "equal"];
  for (const s of order) if (statuses.includes(s)) return s;
  return "equal";
}
