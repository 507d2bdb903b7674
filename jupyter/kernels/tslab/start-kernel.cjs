// Starts the project's tslab kernel: first brings build/kit/ up to date with src/ (tools/build_kit.cjs), so the
// notebooks' `import * as kit from "./kit/index"` loads compiled JavaScript and declarations, then hands over to
// tslab with its compiled cells cached under build/cell-cache/ (tools/cell_cache.cjs).
// Usage (kernel.json): node start-kernel.cjs <connection file>. kernel.json also sets glibc's MALLOC_MMAP_THRESHOLD_
// and MALLOC_ARENA_MAX, so that freed polars columns go back to the system (README "Opening the notebooks").
"use strict";
const path = require("node:path");

const root = path.resolve(__dirname, "..", "..", "..");
try {
  require(path.join(root, "tools", "build_kit.cjs")).ensureKit();
} catch (error) {
  // The kit's index.js now throws the compiler's message at the first import; the kernel still starts.
  process.stderr.write(`${error.message}\n`);
}
require(path.join(root, "tools", "cell_cache.cjs")).install();
// tslab's own socket binding can leave a kernel that never answers (tools/tslab_binds.cjs).
require(path.join(root, "tools", "tslab_binds.cjs")).install();
process.argv = [
  process.argv[0],
  path.join(root, "node_modules", "tslab", "bin", "tslab"),
  "kernel",
  "--config-path",
  process.argv[2],
];
require(path.join(root, "node_modules", "tslab", "bin", "tslab"));
