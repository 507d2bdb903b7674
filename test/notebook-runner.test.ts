import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../src/settings";
import { writeNotebook } from "./helpers/notebooks";

/**
 * Runs `make figures` on the given notebooks through the real tslab kernel, `jobs` at once [1], writing the executed
 * copies and the run times to `out` [build/notebooks].
 */
function makeFigures(notebooks: string[], jobs = 1, out?: string, env: NodeJS.ProcessEnv = {}) {
  const args = ["-s", "figures", `NOTEBOOKS=${notebooks.join(" ")}`, `JOBS=${jobs}`];
  if (out) args.push(`NB_OUT=${out}`, `NB_TIMES=${path.join(out, "durations.json")}`);
  return spawnSync("make", args, {
    cwd: repoRoot(),
    encoding: "utf8",
    env: { ...withoutAllocatorSettings(process.env), MAKEFLAGS: "", ...env },
  });
}

/**
 * The environment without glibc's allocator settings, nor the Makefile's HUGE_PAGES and the DATASET it reads, so that
 * only the kernel spec and the Makefile's defaults set them.
 */
function withoutAllocatorSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const {
    MALLOC_ARENA_MAX: _arenas,
    MALLOC_MMAP_THRESHOLD_: _threshold,
    GLIBC_TUNABLES: _tunables,
    HUGE_PAGES: _huge,
    DATASET: _dataset,
    ...rest
  } = env;
  return rest;
}

/** What each output of an executed notebook printed, in order: `printedTexts(file)` is [["answer 42\n"], ...]. */
function printedTexts(executedNotebook: string): (string[] | undefined)[] {
  const executed = JSON.parse(fs.readFileSync(executedNotebook, "utf8"));
  const outputs = executed.cells.flatMap((c: { outputs?: { text?: string[] }[] }) => c.outputs ?? []);
  return outputs.map((o: { text?: string[] }) => o.text);
}

/** What `make -n figures` would run with these make arguments: the runner's command line. */
function runnerCommand(...makeArgs: string[]): string {
  const dry = spawnSync("make", ["-n", "figures", ...makeArgs], {
    cwd: repoRoot(),
    encoding: "utf8",
    env: { ...withoutAllocatorSettings(process.env), MAKEFLAGS: "" },
  });
  assert.equal(dry.status, 0, dry.stderr);
  const line = dry.stdout.split("\n").find((l) => l.includes("run_notebooks.py"));
  assert.ok(line, dry.stdout);
  return line;
}

test("make figures runs notebooks in order through the kernel and stops at the first failing cell", {
  timeout: 120_000,
}, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-runner-"));
  const good = writeNotebook(dir, "a-good.ipynb", [
    'const answer: number = 6 * 7;\nconsole.log("answer", answer);',
    'console.log("allocator", process.env.MALLOC_MMAP_THRESHOLD_, process.env.MALLOC_ARENA_MAX, process.env.GLIBC_TUNABLES);',
  ]);
  const broken = writeNotebook(dir, "b-broken.ipynb", [
    "const fine = 1;",
    'const rows = [1, 2, 3];\nthrow new Error("deliberate failure in cell three: " + rows.length);',
    'console.log("never reached");',
  ]);
  const never = writeNotebook(dir, "c-never.ipynb", ['console.log("never run");']);

  const result = makeFigures([good, broken, never]);

  assert.notEqual(result.status, 0, "make figures must exit non-zero");
  assert.match(
    result.stdout,
    /ok\s+\S*a-good\.ipynb \(\d+\.\d s, kernel peak [\d.]+ GB, kernel CPU [\d.]+ s\)/,
    "one line with its time for the good notebook",
  );
  assert.match(result.stdout, /FAILED \S*b-broken\.ipynb/);
  // the kernel spec's allocator settings and the Makefile's huge pages (README "Opening the notebooks") reach the kernel
  assert.deepEqual(printedTexts(path.join(repoRoot(), "build/notebooks/a-good.ipynb")), [
    ["answer 42\n"],
    ["allocator 1048576 2 glibc.malloc.hugetlb=1\n"],
  ]);
  assert.doesNotMatch(result.stdout, /c-never/, "later notebooks do not run");
  assert.match(result.stderr, /b-broken\.ipynb: FAILED at cell 3 of 4/, "names notebook and cell");
  assert.ok(
    result.stderr.includes('throw new Error("deliberate failure in cell three: " + rows.length);'),
    "prints the cell source",
  );
  assert.match(result.stderr, /Error: deliberate failure in cell three: 3/, "prints the error text from the kernel");

  // Two at a time: each notebook prints a line as it starts and as it ends, and a failure still fails the run.
  const out = path.join(dir, "out");
  const parallel = makeFigures([good, broken], 2, out);
  assert.notEqual(parallel.status, 0);
  assert.match(parallel.stdout, /start\s+\S*a-good\.ipynb[\s\S]*start\s+\S*b-broken\.ipynb/);
  assert.match(parallel.stdout, /ok\s+\S*a-good\.ipynb/);
  assert.match(parallel.stdout, /FAILED \S*b-broken\.ipynb/);
  assert.ok(fs.existsSync(path.join(out, "b-broken.ipynb")), "writes the executed copy");
});

test("make figures gives the kernels huge pages beside the tunables already set, except at 10x or with HUGE_PAGES=0", {
  timeout: 120_000,
}, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-runner-"));
  const printing = writeNotebook(dir, "tunables.ipynb", ['console.log("tunables", process.env.GLIBC_TUNABLES);']);
  const out = path.join(dir, "out");
  const result = makeFigures([printing], 1, out, {
    GLIBC_TUNABLES: "glibc.malloc.tcache_count=7:glibc.malloc.hugetlb=0",
  });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^kernels: glibc backs buffers of 2 MB and more with transparent huge pages \(.+\)$/m);
  assert.deepEqual(printedTexts(path.join(out, "tunables.ipynb")), [
    ["tunables glibc.malloc.tcache_count=7:glibc.malloc.hugetlb=1\n"],
  ]);

  assert.match(runnerCommand(), / --huge-pages /);
  assert.match(runnerCommand("DATASET=synthetic-full"), / --huge-pages /);
  assert.doesNotMatch(runnerCommand("DATASET=synthetic-10x"), /--huge-pages/);
  assert.doesNotMatch(runnerCommand("HUGE_PAGES=0"), /--huge-pages/);
  assert.match(runnerCommand("DATASET=synthetic-10x", "HUGE_PAGES=1"), / --huge-pages /);
});

test("make figures starts the longest notebooks first by their last run's times, on two slots", {
  timeout: 120_000,
}, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-runner-"));
  const quick = [writeNotebook(dir, "a-quick.ipynb", ["const a = 1;"]), writeNotebook(dir, "b-quick.ipynb", ["1;"])];
  const slow = writeNotebook(dir, "c-slow.ipynb", ["await new Promise((done) => setTimeout(done, 4000));"]);
  const out = path.join(dir, "out");
  const starts = (stdout: string) => [...stdout.matchAll(/^start\s+\S*\/([a-c]-\w+)\.ipynb$/gm)].map((m) => m[1]);
  // never run: in the given order; then the slow one first
  const first = makeFigures([...quick, slow], 2, out);
  assert.equal(first.status, 0, first.stderr);
  assert.deepEqual(starts(first.stdout), ["a-quick", "b-quick", "c-slow"]);
  assert.doesNotMatch(first.stdout, /^order:/m);
  const times = JSON.parse(fs.readFileSync(path.join(out, "durations.json"), "utf8")).default;
  assert.ok(times[slow] >= 4 && times[slow] > times[quick[0]], JSON.stringify(times));
  const second = makeFigures([...quick, slow], 2, out);
  assert.equal(second.status, 0, second.stderr);
  const quickByTime = [...quick].sort((a, b) => times[b] - times[a]).map((f) => path.basename(f, ".ipynb"));
  assert.deepEqual(starts(second.stdout), ["c-slow", ...quickByTime]);
  assert.match(second.stdout, /^order: longest first, by the last run's times on this dataset/m);
  // one at a time, the given order stays
  assert.deepEqual(starts(makeFigures([...quick, slow], 1, out).stdout), ["a-quick", "b-quick", "c-slow"]);
});

test("make figures says when the kernel was killed, as the out-of-memory killer kills it", { timeout: 120_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-runner-"));
  const killed = writeNotebook(dir, "killed.ipynb", ["const fine = 1;", 'process.kill(process.pid, "SIGKILL");']);
  const result = makeFigures([killed]);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /killed\.ipynb: FAILED at cell 3 of 3/);
  assert.match(
    result.stderr,
    /the kernel was killed \(SIGKILL\): on Linux that is most often the out-of-memory killer/,
  );
});

test("make figures reports a type error with the kernel's message", { timeout: 120_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-runner-"));
  const typed = writeNotebook(dir, "typed.ipynb", ['const n: number = "not a number";']);
  const result = makeFigures([typed]);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /Type 'string' is not assignable to type 'number'/);
});
