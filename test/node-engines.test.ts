// The Node.js minimum the README states holds for what gets installed: every package in package-lock.json declares
// an `engines.node` range the minimum satisfies, except the packages the README names as the exception, and
// package.json's own `engines` says the same minimum.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../src/settings";

const root = repoRoot();
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { engines?: { node?: string }; optional?: boolean }>;
};
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
  engines: { node: string };
  dependencies: Record<string, string>;
};

type Version = [number, number, number];

/** "20.19" -> [20, 19, 0]; "10.*" -> [10, 0, 0]. */
function version(text: string): Version {
  const [a, b, c] = text.replace(/^v/, "").split(".");
  const n = (x: string | undefined) => (x === undefined || x === "*" || x === "x" ? 0 : Number(x));
  return [n(a), n(b), n(c)];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * Whether `v` satisfies an npm engines range of the forms packages here use: `>=X`, `> X`, `<X`, `^X`, `X.*`, `X`,
 * joined by spaces (all must hold) and `||` (one must): `satisfies([20, 19, 0], "^18 || ^20 || >= 21") === true`.
 */
function satisfies(v: Version, range: string): boolean {
  return range.split("||").some((alternative) => {
    const parts = alternative
      .trim()
      .replace(/(>=|<=|>|<|\^|~)\s+/g, "$1")
      .split(/\s+/);
    return parts.every((part) => {
      const m = /^(>=|<=|>|<|\^|~)?(.+)$/.exec(part);
      if (!m) throw new Error(`node-engines: cannot read the range "${range}"`);
      const [, op, rest] = m;
      const bound = version(rest);
      const c = compare(v, bound);
      if (op === ">=") return c >= 0;
      if (op === "<=") return c <= 0;
      if (op === ">") return c > 0;
      if (op === "<") return c < 0;
      if (op === "^") return v[0] === bound[0] && c >= 0;
      if (op === "~") return v[0] === bound[0] && v[1] === bound[1] && c >= 0;
      const fields = rest.split(".").filter((f) => f !== "*" && f !== "x").length;
      return v.slice(0, fields).every((x, i) => x === bound[i]);
    });
  });
}

test("the range reader agrees with npm on the forms in the lock file", () => {
  assert.equal(satisfies([20, 19, 0], ">=20"), true);
  assert.equal(satisfies([20, 19, 0], ">= 22"), false);
  assert.equal(satisfies([20, 19, 0], "^20.19.0 || ^22.12.0 || >=23"), true);
  assert.equal(satisfies([20, 18, 0], "^20.19.0 || ^22.12.0 || >=23"), false);
  assert.equal(satisfies([20, 19, 0], "6.* || 8.* || >= 10.*"), true);
  assert.equal(satisfies([20, 19, 0], "18 || 20 || >=22"), true);
  assert.equal(satisfies([21, 0, 0], "18 || 20 || >=22"), false);
});

test("every installed package accepts the README's Node minimum, except the one the README names", () => {
  const stated = /Node\.js >= (\d+\.\d+)/.exec(readme);
  assert.ok(stated, "README.md states no minimum as `Node.js >= X.Y`");
  const minimum = version(stated[1]);
  assert.equal(manifest.engines.node, `>=${stated[1]}`, "package.json engines.node differs from the README");
  const refusing: string[] = [];
  for (const [key, entry] of Object.entries(lock.packages)) {
    const range = entry.engines?.node;
    // optional packages for other platforms (macOS's fsevents, polars' arm64 and musl binaries) are not installed here
    if (!key || !range || (entry.optional && !fs.existsSync(path.join(root, key)))) continue;
    if (!satisfies(minimum, range)) refusing.push(`${key.replace(/^.*node_modules\//, "")} (${range})`);
  }
  assert.deepEqual(refusing, ["nodejs-polars-linux-x64-gnu (>= 22)"]);
  assert.ok(readme.includes("`nodejs-polars-linux-x64-gnu` 0.25.2, declares Node >= 22"), "the README names it");
  assert.equal(manifest.dependencies["nodejs-polars-linux-x64-gnu"], "0.25.2");
});
