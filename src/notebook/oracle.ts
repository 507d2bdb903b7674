// Reference values: what the authors' own code computed on the data in HF_DATA
// (oracle/expected.json beside the sample), so notebooks can put the reference next to the kit's number.
import * as fs from "node:fs";
import * as path from "node:path";
import type { Settings } from "../settings";

/** The value at a dotted path of `<hfData>/oracle/expected.json` (leaves are {value, how}), or undefined. */
export function oracleValue(settings: Settings, dottedPath: string, file = "oracle/expected.json"): unknown {
  const full = path.join(settings.hfData, file);
  if (!fs.existsSync(full)) return undefined;
  let node: any = JSON.parse(fs.readFileSync(full, "utf8"));
  for (const key of dottedPath.split(".")) {
    if (node === null || typeof node !== "object" || !(key in node)) return undefined;
    node = node[key];
  }
  return node && typeof node === "object" && "value" in node ? node.value : node;
}

/** One line comparing a reference with the kit's value: "licenses: reference 248 · here 248 ✓". */
export function compareLine(label: string, reference: unknown, ours: unknown): string {
  if (reference === undefined) return `${label}: here ${JSON.stringify(ours)} (no reference for this dataset)`;
  const same = JSON.stringify(reference) === JSON.stringify(ours);
  return `${label}: reference ${JSON.stringify(reference)} · here ${JSON.stringify(ours)} ${same ? "✓" : "✗ differs"}`;
}
