// Progress lines on stderr for long reads and writes of snapshot files (docs/methods.md §2.2: the released
// CSV is 5.2 GB). Silent for the first few seconds, then one line at most every PROGRESS_INTERVAL_MS; the
// acquisition's rate lines (acquire/rateProgress.ts) use the same ProgressTimer.

/** Minimum time between two progress lines, and before the first one. */
export const PROGRESS_INTERVAL_MS = 5000;

/** When a progress line is due: not before `intervalMs` from the start, then at most once per interval. */
export class ProgressTimer {
  /** Start time, ms. */
  readonly started = Date.now();
  private lastPrinted = this.started;

  constructor(private readonly intervalMs = PROGRESS_INTERVAL_MS) {}

  /** True when a line is due at `now` (ms), which then counts as its print time. */
  due(now: number): boolean {
    if (now - this.lastPrinted < this.intervalMs) return false;
    this.lastPrinted = now;
    return true;
  }

  /** True once any line was due. */
  get printedAny(): boolean {
    return this.lastPrinted !== this.started;
  }

  /** Seconds since the start. */
  get seconds(): number {
    return (Date.now() - this.started) / 1000;
  }
}

/** Prints "<scope>: <file>: 1,234,567 rows, 1.2/5.2 GB, 87 MB/s" to stderr now and then. */
export class Progress {
  private readonly timer = new ProgressTimer();

  constructor(
    private readonly scope: string,
    private readonly file: string,
    private readonly totalBytes: number,
    private readonly enabled = true,
  ) {}

  /** Call often: prints only when PROGRESS_INTERVAL_MS passed since the last line. */
  update(rows: number, bytes: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (this.timer.due(now)) this.print(rows, bytes, now);
  }

  /** Prints a final line if any progress line was printed. */
  finish(rows: number, bytes: number): void {
    if (this.enabled && this.timer.printedAny) this.print(rows, bytes, Date.now(), "done: ");
  }

  /** Seconds since the start. */
  get seconds(): number {
    return this.timer.seconds;
  }

  private print(rows: number, bytes: number, now: number, prefix = ""): void {
    const seconds = Math.max((now - this.timer.started) / 1000, 1e-3);
    const size = this.totalBytes > 0 ? `${gb(bytes)}/${gb(this.totalBytes)} GB` : `${gb(bytes)} GB`;
    const rate = (bytes / 1e6 / seconds).toFixed(0);
    process.stderr.write(
      `${this.scope}: ${this.file}: ${prefix}${rows.toLocaleString("en-US")} rows, ${size}, ${rate} MB/s, ${seconds.toFixed(0)} s\n`,
    );
  }
}

function gb(bytes: number): string {
  return (bytes / 1e9).toFixed(2);
}
