// Bad-input handling shared by the snapshot readers (docs/methods.md §2: the inputs are large files made
// by other people's tools). Every problem names the file, the line and, when known, the column and
// the model id. By default the first problem throws a DataError; with `{ lenient: true }` the row is
// skipped (or, for a derived-column mismatch, kept and listed), counted, and reported at the end.
// Never a silent wrong number.

/** Kinds of input problem a reader can meet. */
export type ProblemKind =
  | "missing-column" // a required CSV column is absent from the header
  | "field-count" // a CSV record has the wrong number of fields
  | "malformed-row" // bad CSV quoting (text after a closing quote, too many fields)
  | "unterminated-quote" // a quoted CSV field runs to the end of the file
  | "truncated" // the last record or line is cut off
  | "invalid-utf8" // bytes that are not UTF-8
  | "bad-json" // a NDJSON line that does not parse, or is not an object
  | "missing-key" // a required NDJSON key is absent or null
  | "wrong-type" // a value of the wrong type (likes = "abc", tags = "x", createdAt = "yesterday")
  | "bad-list-literal" // a Python list literal that does not parse
  | "duplicate-id" // a model id seen before
  | "derived-mismatch"; // a derived column in the file differs from the one recomputed from its tags

/** One input problem. `line` is 1-based; for a multi-line CSV record it is the line the record starts on. */
export interface DataProblem {
  kind: ProblemKind;
  file: string;
  line: number;
  column?: string;
  id?: string;
  message: string;
}

/** What a reader met: rows kept, rows skipped, problems by kind, throughput. */
export interface ReadReport {
  file: string;
  rowsRead: number; // data records/lines seen (blank NDJSON lines excluded)
  rowsKept: number;
  rowsSkipped: number;
  problemCounts: Partial<Record<ProblemKind, number>>;
  problems: DataProblem[]; // the first MAX_LISTED_PROBLEMS problems
  bytes: number;
  seconds: number;
  mbPerSecond: number;
}

/** At most this many problems are listed one by one in a report (all are counted). */
export const MAX_LISTED_PROBLEMS = 1000;

/** Thrown by a reader in strict mode; `problem` says where. */
export class DataError extends Error {
  constructor(
    readonly scope: string,
    readonly problem: DataProblem,
  ) {
    super(formatProblem(scope, problem));
    this.name = "DataError";
  }
}

/** "data/releasedCsv: file.csv:12: likes is not an integer: "abc" (column likes, model org/x)". */
export function formatProblem(scope: string, p: DataProblem): string {
  const where = [p.column !== undefined ? `column ${p.column}` : "", p.id !== undefined ? `model ${p.id}` : ""].filter(
    Boolean,
  );
  return `${scope}: ${p.file}:${p.line}: ${p.message}${where.length ? ` (${where.join(", ")})` : ""}`;
}

/** Collects the problems of one read: throws on the first in strict mode, counts them in lenient mode. */
export class ProblemLog {
  private readonly counts: Partial<Record<ProblemKind, number>> = {};
  private readonly listed: DataProblem[] = [];
  private total = 0;

  constructor(
    readonly scope: string,
    readonly file: string,
    readonly lenient: boolean,
  ) {}

  /** Records a problem; throws a DataError unless lenient. */
  add(kind: ProblemKind, line: number, message: string, where: { column?: string; id?: string } = {}): void {
    const problem: DataProblem = { kind, file: this.file, line, message, ...where };
    if (!this.lenient) throw new DataError(this.scope, problem);
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    this.total++;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
  }

  /** Throws a DataError whatever the mode (for problems that make the whole file unreadable). */
  fatal(kind: ProblemKind, line: number, message: string, where: { column?: string; id?: string } = {}): never {
    throw new DataError(this.scope, { kind, file: this.file, line, message, ...where });
  }

  /** Number of problems recorded. */
  get count(): number {
    return this.total;
  }

  /** Builds the report; in lenient mode prints a summary to stderr when there were problems. */
  report(stats: { rowsRead: number; rowsKept: number; bytes: number; seconds: number }): ReadReport {
    const report: ReadReport = {
      file: this.file,
      ...stats,
      rowsSkipped: stats.rowsRead - stats.rowsKept,
      problemCounts: { ...this.counts },
      problems: [...this.listed],
      mbPerSecond: stats.seconds > 0 ? stats.bytes / 1e6 / stats.seconds : 0,
    };
    if (this.total > 0) printProblemSummary(this.scope, report);
    return report;
  }
}

function printProblemSummary(scope: string, report: ReadReport): void {
  const counts = Object.entries(report.problemCounts)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  const lines = [
    `${scope}: ${report.file}: ${report.rowsSkipped} of ${report.rowsRead} rows skipped; problems: ${counts}`,
  ];
  for (const p of report.problems.slice(0, 10)) lines.push("  " + formatProblem(scope, p));
  if (report.problems.length > 10) lines.push(`  ... ${report.problems.length - 10} more listed in the report`);
  process.stderr.write(lines.join("\n") + "\n");
}
