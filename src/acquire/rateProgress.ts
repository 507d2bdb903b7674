// Progress lines of the acquisition on stderr: items (models, cards) or bytes so far, the rate and the
// elapsed time. Same timing as data/progress.ts (its ProgressTimer): silent for the first interval, then
// at most one line per interval, a final line only if any was printed; off with `enabled` false.
import { PROGRESS_INTERVAL_MS, ProgressTimer } from "../data/progress";

/** What is counted: "models", "cards" or "bytes" (printed as GB and MB/s). */
export type ProgressUnit = "models" | "cards" | "bytes";

/** Prints "acquire/crawl: 123,456 models, 5,432 models/s, 23 s" to stderr now and then. */
export class RateProgress {
  private readonly timer: ProgressTimer;

  constructor(
    private readonly scope: string,
    private readonly unit: ProgressUnit,
    private readonly total = 0,
    private readonly enabled = true,
    intervalMs = PROGRESS_INTERVAL_MS,
  ) {
    this.timer = new ProgressTimer(intervalMs);
  }

  /** Call often: prints only when the interval passed since the last line. */
  update(count: number, detail = ""): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (this.timer.due(now)) process.stderr.write(this.line(count, now, detail) + "\n");
  }

  /** Prints a final line if any progress line was printed. */
  finish(count: number, detail = ""): void {
    if (this.enabled && this.timer.printedAny)
      process.stderr.write(this.line(count, Date.now(), "done" + (detail ? ", " + detail : "")) + "\n");
  }

  /** Seconds since the start. */
  get seconds(): number {
    return this.timer.seconds;
  }

  /** The progress text for `count` at time `now` (ms). */
  line(count: number, now = Date.now(), detail = ""): string {
    const seconds = Math.max((now - this.timer.started) / 1000, 1e-3);
    const tail = `${seconds.toFixed(0)} s${detail ? ", " + detail : ""}`;
    if (this.unit === "bytes") {
      const of = this.total > 0 ? `/${(this.total / 1e9).toFixed(2)}` : "";
      return `${this.scope}: ${(count / 1e9).toFixed(2)}${of} GB, ${(count / 1e6 / seconds).toFixed(1)} MB/s, ${tail}`;
    }
    const of = this.total > 0 ? ` of ${this.total.toLocaleString("en-US")}` : "";
    const rate = Math.round(count / seconds).toLocaleString("en-US");
    return `${this.scope}: ${count.toLocaleString("en-US")}${of} ${this.unit}, ${rate} ${this.unit}/s, ${tail}`;
  }
}
