// A node:test reporter that prints one line per test file (passed, failed, seconds), the details of every failure,
// and the totals in the runner's own `# pass N` / `# fail N` form; the full TAP goes to a file beside it (Makefile).
// Usage: node --test --test-reporter=./tools/test-summary.cjs --test-reporter-destination=stdout ...
"use strict";
const path = require("node:path");

module.exports = async function* summary(source) {
  const files = new Map();
  const failures = [];
  let pass = 0;
  let fail = 0;
  const root = process.cwd();
  const fileOf = (data) => (data.file ? path.relative(root, data.file) : "(no file)");
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const data = event.data;
    if (data.details?.type === "suite") continue;
    const file = fileOf(data);
    const row = files.get(file) ?? { pass: 0, fail: 0, ms: 0 };
    files.set(file, row);
    if (data.nesting === 0) row.ms += data.details?.duration_ms ?? 0;
    if (event.type === "test:pass") {
      row.pass++;
      pass++;
    } else {
      row.fail++;
      fail++;
      const error = data.details?.error;
      const message = error?.cause?.message ?? error?.message ?? String(error);
      failures.push(`✗ ${file} › ${data.name}\n    ${String(message).split("\n").slice(0, 12).join("\n    ")}`);
    }
  }
  for (const [file, row] of [...files].sort()) {
    yield `${row.fail ? "✗" : "✓"} ${file.padEnd(44)} ${String(row.pass).padStart(3)} passed${row.fail ? `, ${row.fail} failed` : ""} (${(row.ms / 1000).toFixed(1)} s)\n`;
  }
  if (failures.length) yield `\n${failures.join("\n\n")}\n`;
  yield `\n# tests ${pass + fail}\n# pass ${pass}\n# fail ${fail}\n`;
};
