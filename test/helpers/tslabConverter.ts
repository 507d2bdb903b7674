// tslab's compiler for the tests of the kernel's compile cache (tools/cell_cache.cjs): the real converter, counting
// how many compilers start and how many cells they compile.
import { createRequire } from "node:module";
import * as path from "node:path";
import { repoRoot } from "../../src/settings";

const load = createRequire(__filename);
const tslab = load(path.join(repoRoot(), "node_modules", "tslab", "dist", "converter.js"));
/** tools/cell_cache.cjs. */
export const cellCache = load(path.join(repoRoot(), "tools", "cell_cache.cjs"));

/** What tslab makes of one cell. */
export interface Converted {
  output?: string;
  declOutput?: string;
  diagnostics: { messageText: string }[];
  hasToplevelAwait?: boolean;
  lastExpressionVar?: string;
  sideOutputs?: unknown[];
}
/** tslab's converter. */
export interface Converter {
  convert(prevDecl: string, src: string): Converted;
  close(): void;
}

/**
 * tslab's createConverter, counting how many compilers it starts and how many cells they compile.
 * Example: `const { counts, create } = countingFactory(); cellCache.cachedConverterFactory(create, dir, root)`.
 */
export function countingFactory() {
  const counts = { compilers: 0, compiled: 0 };
  const create = (options: unknown): Converter => {
    counts.compilers++;
    const real = tslab.createConverter(options) as Converter;
    return {
      ...real,
      convert: (prevDecl: string, src: string) => {
        counts.compiled++;
        return real.convert(prevDecl, src);
      },
      close: () => real.close(),
    };
  };
  return { counts, create };
}
