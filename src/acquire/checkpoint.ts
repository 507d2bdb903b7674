// Checkpoint files of the resumable acquisition steps: small JSON documents replaced atomically
// (write a temporary file, fsync, rename), so a process killed at any instant leaves either the old
// or the new checkpoint, never half of one. They hold URLs and counts only, never the access token.
import * as fs from "node:fs";
import * as path from "node:path";

/** Writes `value` as JSON to `file` atomically: `writeJsonAtomic("crawl/listing.checkpoint.json", state)`. */
export function writeJsonAtomic(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, JSON.stringify(value, null, 1) + "\n");
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** The parsed JSON of `file`, or null when it does not exist; a clear error naming the file when it does not parse. */
export function readJsonIfExists<T>(file: string): T | null {
  if (!fs.existsSync(file)) return null;
  const text = fs.readFileSync(file, "utf8");
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new Error(
      `acquire/checkpoint: ${file} is not valid JSON (${(e as Error).message}); delete it to start that step again`,
    );
  }
}

/** Truncates `file` to `bytes` (creating it empty when missing); throws when it is shorter than that. */
export function truncateTo(file: string, bytes: number, what: string): void {
  const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  if (size < bytes) {
    throw new Error(
      `acquire/checkpoint: ${file} has ${size} bytes but its checkpoint says ${what} ends at byte ${bytes}; the file lost writes, start that step again with a fresh run`,
    );
  }
  if (!fs.existsSync(file)) fs.writeFileSync(file, "");
  if (size > bytes) fs.truncateSync(file, bytes);
}
