// The Hub access token (HF_TOKEN) travels only as `Authorization: Bearer`, through the @huggingface/hub
// client's `accessToken` option: it is never printed, never left in an error message, never written
// to a checkpoint, shard or log. These helpers scrub it from text and check that no file holds it.
import * as fs from "node:fs";
import * as path from "node:path";

/** "set" or "not set": what may be printed about a token. */
export function describeToken(token: string | undefined): string {
  return token ? "HF_TOKEN set (sent as Authorization: Bearer)" : "HF_TOKEN not set (anonymous requests)";
}

/**
 * The text with every secret replaced by "[redacted]".
 * Example: `scrubSecrets("Bearer hf_abc failed", ["hf_abc"])` is "Bearer [redacted] failed".
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join("[redacted]");
  return out;
}

/** An error whose message (and stack) no longer hold the secrets; other errors pass through. */
export function scrubError(e: unknown, secrets: readonly (string | undefined)[]): unknown {
  if (!(e instanceof Error) || !secrets.some((s) => s && (e.message.includes(s) || e.stack?.includes(s)))) return e;
  e.message = scrubSecrets(e.message, secrets);
  if (e.stack) e.stack = scrubSecrets(e.stack, secrets);
  return e;
}

/**
 * Files below `dir` whose bytes contain `secret` (the check that a token was written nowhere).
 * Example: `filesContaining("data/crawl", process.env.HF_TOKEN!)` is [] after a crawl.
 */
export function filesContaining(dir: string, secret: string): string[] {
  const needle = Buffer.from(secret);
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesContaining(full, secret);
    return fs.readFileSync(full).indexOf(needle) >= 0 ? [full] : [];
  });
}
