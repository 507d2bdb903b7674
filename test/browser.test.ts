// The notebook experience in a real browser: `make notebook` on a free port, the quickstart opened in Debian's Chromium
// (playwright-core), every cell run on the project's kernel, the table and the interactive chart drawn, a bar's tooltip
// shown on hover, a save that leaves git clean, and a screenshot in build/browser/. Every process started is stopped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { chromium } from "playwright-core";
import { repoRoot } from "../src/settings";

const root = repoRoot();
const CHROMIUM = "/usr/bin/chromium";
const NOTEBOOK = "notebooks/00-quickstart.ipynb";
const SCREENSHOT = path.join(root, "build", "browser", "quickstart.png");
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Polls `url` until it answers 200, or fails after `ms`. */
async function waitForHttp(url: string, ms: number, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`browser test: make notebook exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`browser test: ${url} did not answer within ${ms / 1000} s`);
}

/** Pids of the processes in a process group. */
function groupPids(pgid: number): number[] {
  const out = execFileSync("ps", ["-o", "pid=,pgid=", "-A"], { encoding: "utf8" });
  return out
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter(([, g]) => g === pgid)
    .map(([p]) => p);
}

const gitStatus = () => execFileSync("git", ["status", "--porcelain", "--", NOTEBOOK], { cwd: root, encoding: "utf8" });

test("the quickstart runs in Chromium on the project's kernel, with its table, an interactive chart and a tooltip", {
  timeout: 240_000,
}, async () => {
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium (make setup does)`);
  const port = await freePort();
  const token = crypto.randomBytes(16).toString("hex");
  const saved = fs.readFileSync(path.join(root, NOTEBOOK));
  const cleanBefore = gitStatus() === "";
  const server = spawn("make", ["-s", "notebook", `PORT=${port}`, "UI=notebook"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, JUPYTER_TOKEN: token, MAKEFLAGS: "" },
  });
  let log = "";
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const api = (p: string, init?: RequestInit) => fetch(`${base}${p}${p.includes("?") ? "&" : "?"}token=${token}`, init);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    await waitForHttp(`${base}/api/status?token=${token}`, 60_000, server);
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    await page.goto(`${base}/notebooks/${NOTEBOOK}?token=${token}`);
    await page.waitForFunction(() => (window as any).Jupyter?.notebook?.kernel?.is_connected?.(), null, {
      timeout: 60_000,
    });

    const kernels = (await (await api("/api/kernels")).json()) as { id: string; name: string }[];
    assert.deepEqual(
      kernels.map((k) => k.name),
      ["tslab"],
    );
    const specs = (await (await api("/api/kernelspecs")).json()) as any;
    assert.equal(specs.kernelspecs.tslab.spec.display_name, "TypeScript (tslab, project-local)");
    assert.ok(
      specs.kernelspecs.tslab.spec.argv.some((a: string) => a.endsWith("start-kernel.cjs")),
      "the project's start script",
    );
    const kernelProcess = execFileSync("ps", ["-o", "args=", "-A"], { encoding: "utf8" });
    assert.ok(
      kernelProcess.includes(path.join(root, "jupyter/kernels/tslab/start-kernel.cjs")),
      "the kernel runs from this checkout",
    );

    await page.evaluate(() => (window as any).Jupyter.notebook.execute_all_cells());
    await page.waitForFunction(
      () => {
        const nb = (window as any).Jupyter.notebook;
        const code = nb.get_cells().filter((c: any) => c.cell_type === "code");
        return code.every((c: any) => typeof c.input_prompt_number === "number") && !nb.kernel_busy;
      },
      null,
      { timeout: 120_000, polling: 500 },
    );
    const errors = await page.locator(".output_stderr, .output_error").count();
    assert.equal(errors, 0, "no cell wrote to stderr or failed");

    assert.ok((await page.locator(".output_html table tbody tr").count()) >= 8, "the models table renders");
    const chart = page.locator('#kit-00-quickstart-licenses[data-kit-interactive="true"]');
    await chart.waitFor({ timeout: 30_000 });
    assert.equal((await chart.locator("svg").count()) > 0, true, "vega-embed drew the chart");
    const bar = chart.locator(".mark-rect path").first();
    await bar.hover();
    const tooltip = page.locator("#vg-tooltip-element.visible");
    await tooltip.waitFor({ timeout: 10_000 });
    const text = (await tooltip.textContent()) ?? "";
    assert.match(text, /category\s*apache-2\.0/, "the tooltip names the bar");
    assert.match(text, /count\s*248/, "and gives its value");
    assert.match(text, /label\s*248 \(15\.78%\)/, "and its share");
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await page.evaluate(() => (window as any).Jupyter.notebook.save_notebook());
    await page.waitForFunction(() => !(window as any).Jupyter.notebook.dirty, null, { timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 1500)); // the post-save hook runs after the save returns
    assert.match(fs.readFileSync(path.join(root, NOTEBOOK), "utf8"), /"output_type"/, "the saved file has its outputs");
    if (cleanBefore) assert.equal(gitStatus(), "", "a save with outputs leaves git status clean");
    for (const k of kernels) await api(`/api/kernels/${k.id}`, { method: "DELETE" });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- make notebook printed:\n${log.slice(-3000)}`);
  } finally {
    await browser.close();
    const pgid = server.pid!;
    for (const pid of groupPids(pgid)) process.kill(pid, "SIGTERM");
    for (let i = 0; i < 40 && groupPids(pgid).length > 0; i++) await new Promise((r) => setTimeout(r, 250));
    for (const pid of groupPids(pgid)) process.kill(pid, "SIGKILL");
    fs.writeFileSync(path.join(root, NOTEBOOK), saved);
    if (cleanBefore) execFileSync("git", ["add", "--", NOTEBOOK], { cwd: root }); // refresh the index entry
    assert.deepEqual(groupPids(pgid), [], "every process started is stopped");
  }
});

test("make report builds a page that opens offline, with the claims ledger and every figure loaded", {
  timeout: 120_000,
}, async () => {
  execFileSync(process.execPath, ["--import", "tsx", path.join(root, "tools", "report.ts")], {
    cwd: root,
    stdio: "ignore",
  });
  const index = path.join(root, "build", "report", "index.html");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    const outside: string[] = [];
    await page.route(/^(?!file:)/, (route) => {
      outside.push(route.request().url());
      return route.abort();
    });
    await page.goto(`file://${index}`);
    await page.waitForLoadState("load");
    assert.deepEqual(outside, [], "the report asks for nothing outside the file system");
    const claims = await page.locator("#claims-ledger tbody tr").count();
    assert.ok(claims >= 10, `${claims} claims in the ledger`);
    assert.match(
      (await page.locator("#claims-ledger").textContent()) ?? "",
      /related models are far more alike than random pairs/,
    );
    const images = page.locator("img");
    const count = await images.count();
    assert.ok(count >= 20, `${count} figure thumbnails`);
    for (let i = 0; i < count; i++) {
      const loaded = await images.nth(i).evaluate((img: HTMLImageElement) =>
        img.decode().then(
          () => img.naturalWidth > 0,
          () => false,
        ),
      );
      assert.ok(loaded, `${await images.nth(i).getAttribute("src")} loads`);
    }
  } finally {
    await browser.close();
  }
});
