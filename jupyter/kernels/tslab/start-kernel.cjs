// Starts the project's tslab kernel: first brings build/kit/ up to date with src/ (tools/build_kit.cjs), so the
// notebooks' `import * as kit from "./kit/index"` loads compiled JavaScript and declarations, then hands over to
// tslab. Usage (kernel.json): node start-kernel.cjs <connection file>
"use strict";
const path = require("node:path");

const root = path.resolve(__dirname, "..", "..", "..");
try {
  require(path.join(root, "tools", "build_kit.cjs")).ensureKit();
} catch (error) {
  // The kit's index.js now throws the compiler's message at the first import; the kernel still starts.
  process.stderr.write(`${error.message}\n`);
}
process.argv = [
  process.argv[0],
  path.join(root, "node_modules", "tslab", "bin", "tslab"),
  "kernel",
  "--config-path",
  process.argv[2],
];
require(path.join(root, "node_modules", "tslab", "bin", "tslab"));
