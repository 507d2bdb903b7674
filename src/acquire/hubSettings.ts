// Settings of the acquisition read from the environment: HUB_URL, HF_TOKEN, CARD_CONCURRENCY and
// RETRY_BUDGET (the README's "Acquisition" section). The token goes to the @huggingface/hub client's
// `accessToken` option and nowhere else (secrets.ts).
import * as path from "node:path";
import type { Settings } from "../settings";
import { DEFAULT_RETRY_POLICY } from "./retry";

/** The public Hub; HUB_URL points the acquisition at another server (a mirror, the local mock). */
export const DEFAULT_HUB_URL = "https://huggingface.co";

/** Default number of model cards fetched at once (the authors' scraper ran 20 threads). */
export const DEFAULT_CARD_CONCURRENCY = 16;

/** Where and how the acquisition talks to the Hub. */
export interface HubSettings {
  /** Base URL without a trailing slash. */
  hubUrl: string;
  /** HF_TOKEN, or undefined. Never print it. */
  token: string | undefined;
  /** Model cards fetched at once. */
  cardConcurrency: number;
  /** Retries allowed per run (RETRY_BUDGET; default DEFAULT_RETRY_POLICY.maxRetries). */
  retryBudget: number;
  /** Folder of a fresh crawl: `<dataDir>/crawl`. */
  crawlDir: string;
}

/** Reads HUB_URL, HF_TOKEN, CARD_CONCURRENCY and RETRY_BUDGET: `hubSettings(loadSettings())`. */
export function hubSettings(settings: Pick<Settings, "dataDir">, env: NodeJS.ProcessEnv = process.env): HubSettings {
  return {
    hubUrl: (env.HUB_URL || DEFAULT_HUB_URL).replace(/\/+$/, ""),
    token: env.HF_TOKEN || undefined,
    cardConcurrency: integerSetting(env, "CARD_CONCURRENCY", DEFAULT_CARD_CONCURRENCY, 1),
    retryBudget: integerSetting(env, "RETRY_BUDGET", DEFAULT_RETRY_POLICY.maxRetries, 0),
    crawlDir: path.join(settings.dataDir, "crawl"),
  };
}

/** The integer in env[name] (or `fallback`), at least `least`. */
function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, least: number): number {
  const text = env[name] || String(fallback);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < least)
    throw new Error(`acquire/hubSettings: ${name} must be an integer >= ${least}, got "${text}"`);
  return n;
}
