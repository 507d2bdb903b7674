#!/usr/bin/python3
"""Runs notebooks headless through the project's tslab kernel and stops at the first failure.

Usage: JUPYTER_PATH=jupyter /usr/bin/python3 tools/run_notebooks.py [--out DIR] [--timeout S] [--jobs N] NOTEBOOK...

It prints one line as each notebook starts and one when it ends, with its time and its kernel's peak memory and
CPU seconds (all threads; on two cores a run takes at least half of the kernels' sum), and writes the executed
copy to DIR (default build/notebooks). With --jobs N, up to N notebooks run at once, each in its own kernel
(each writes its own figures and stats); notebooks start longest first by their last run's time on the same
dataset (--times, default build/notebooks/durations.json), those never timed first, so that the run does not end
on one long notebook. On a
failing cell it prints the notebook, the cell number, the
cell's source and the error text, starts no further notebook, and exits 1. tslab reports errors as text on
stderr with an empty error name, so the text is taken from the cell's outputs, not from the exception.
Beside the kernels, one process compiles every notebook's cells into the kernel's compile cache
(tools/cell_cache.cjs) a few cells ahead of them, so no kernel has to start TypeScript of its own.
With --huge-pages the kernels' glibc backs buffers of 2 MB and more with transparent huge pages
(GLIBC_TUNABLES glibc.malloc.hugetlb=1, added to any tunables already set): fewer page faults and TLB misses on
large polars columns and typed arrays, for a little more resident memory.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def error_text(cell):
    """The error text a failed cell produced: its stderr streams and error outputs."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append("\n".join(out.get("traceback") or [f"{out.get('ename', '')}: {out.get('evalue', '')}"]))
    return "".join(parts).rstrip() or "(the kernel reported no error text)"


def kernel_usage(client):
    """The kernel process's peak resident memory in bytes (Linux /proc VmHWM) and the CPU seconds of all its threads
    (utime + stime), as a dict; a value is None when unknown."""
    usage = {"peak": None, "cpu": None}
    try:
        pid = client.km.provisioner.process.pid
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    usage["peak"] = int(line.split()[1]) * 1024
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
        usage["cpu"] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # fields 14 and 15 of stat
    except (AttributeError, OSError, ValueError, IndexError):
        pass
    return usage


def kernel_exit(client):
    """The dead kernel's exit status as subprocess gives it (-9: killed by SIGKILL), or None when unknown."""
    try:
        return client.km.provisioner.process.wait(timeout=5)
    except Exception:  # noqa: BLE001 - any failure here only loses the detail, never the error itself
        return None


def death_text(exit_code):
    """What a dead kernel's exit status says, in words."""
    if exit_code == -signal.SIGKILL:
        return ("the kernel was killed (SIGKILL): on Linux that is most often the out-of-memory killer, when the "
                "notebook needs more memory than the machine has free (`dmesg` says so if it was); on a large dataset "
                "run one notebook at a time (JOBS=1) or load fewer columns (loadDataset's columns option)")
    if exit_code is not None and exit_code < 0:
        try:
            name = signal.Signals(-exit_code).name
        except ValueError:
            name = str(-exit_code)
        return f"the kernel died of signal {name}"
    if exit_code is not None:
        return f"the kernel died (exit status {exit_code})"
    return "the kernel died"


def run(path, out_dir, timeout):
    """Executes one notebook; returns (ok, seconds)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="tslab",
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    started = time.time()
    failed = None
    usage = None
    try:
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                try:
                    client.execute_cell(cell, index)
                except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
                    failed = (index, cell, exc, kernel_exit(client) if isinstance(exc, DeadKernelError) else None)
                    break
            usage = kernel_usage(client)
    finally:
        os.makedirs(out_dir, exist_ok=True)
        nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
    seconds = time.time() - started
    if usage is not None:
        # JSON, but not named .json: the compile cache fingerprints .json files near the notebooks, and DIR may be one
        with open(os.path.join(out_dir, os.path.basename(path) + ".usage"), "w") as f:
            json.dump(usage, f)
    if failed:
        index, cell, exc, exit_code = failed
        text = error_text(cell)
        if isinstance(exc, CellTimeoutError):
            text = f"timed out after {timeout} s\n{text}"
        elif isinstance(exc, DeadKernelError):
            text = f"{death_text(exit_code)}\n{text}"
        bar = "-" * 72
        print(f"\n{path}: FAILED at cell {index + 1} of {len(nb.cells)}\n{bar}\n{cell.source}\n{bar}\n{text}\n{bar}",
              file=sys.stderr)
    return failed is None, seconds


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DURATIONS_FILE = os.path.join(ROOT, "build", "notebooks", "durations.json")


def dataset_key():
    """The dataset the notebooks read, as the environment names it: HF_DATA's folder, else DATASET."""
    if os.environ.get("HF_DATA"):
        return "HF_DATA=" + os.path.abspath(os.environ["HF_DATA"])
    return os.environ.get("DATASET") or "default"


def read_durations(file):
    """Seconds of each notebook's last successful run, by dataset key then notebook path; {} when none."""
    try:
        with open(file) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def write_durations(file, durations):
    """Writes the durations, keeping only notebooks that still exist (through a temporary file)."""
    kept = {key: {nb: t for nb, t in times.items() if os.path.exists(nb)} for key, times in durations.items()}
    os.makedirs(os.path.dirname(os.path.abspath(file)), exist_ok=True)
    tmp = f"{file}.{os.getpid()}"
    with open(tmp, "w") as f:
        json.dump(kept, f, indent=1, sort_keys=True)
    os.replace(tmp, file)


HUGE_PAGES_TUNABLE = "glibc.malloc.hugetlb=1"


def with_tunable(tunables, tunable):
    """GLIBC_TUNABLES (colon-separated name=value pairs) with `tunable` set, replacing an earlier value of its name."""
    name = tunable.split("=", 1)[0]
    kept = [t for t in tunables.split(":") if t and t.split("=", 1)[0] != name]
    return ":".join(kept + [tunable])


def huge_pages_mode():
    """Linux's transparent huge page setting in words: glibc.malloc.hugetlb=1 asks for them with madvise, which the
    "always" and "madvise" settings grant and "never" refuses."""
    try:
        with open("/sys/kernel/mm/transparent_hugepage/enabled") as f:
            mode = f.read().split("[", 1)[1].split("]", 1)[0]
    except (OSError, IndexError):
        return "this system does not say whether it has them"
    return "none here: Linux's setting is never" if mode == "never" else f"Linux's setting is {mode}"


def longest_first(notebooks, known):
    """The order to start notebooks in: those without a known time first, as given, then the rest by their known
    time, longest first (ties as given). On two slots the short ones then fill in at the end."""
    unknown = [nb for nb in notebooks if nb not in known]
    timed = sorted((nb for nb in notebooks if nb in known), key=lambda nb: -known[nb])
    return unknown + timed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--out", default="build/notebooks", help="folder for executed copies [build/notebooks]")
    parser.add_argument("--timeout", type=int, default=int(os.environ.get("CELL_TIMEOUT", "900")),
                        help="seconds one cell may take [CELL_TIMEOUT or 900]")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks run at once [1]")
    parser.add_argument("--times", default=DURATIONS_FILE,
                        help="each notebook's last run time by dataset, read to order them [build/notebooks/durations.json]")
    parser.add_argument("--huge-pages", action="store_true",
                        help="kernels back buffers of 2 MB and more with transparent huge pages (glibc.malloc.hugetlb=1)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child of --jobs: run one, say nothing
    args = parser.parse_args()
    if args.huge_pages:
        os.environ["GLIBC_TUNABLES"] = with_tunable(os.environ.get("GLIBC_TUNABLES", ""), HUGE_PAGES_TUNABLE)
    if args.one:
        ok, _ = run(args.notebooks[0], args.out, args.timeout)
        sys.exit(0 if ok else 1)
    if args.huge_pages:
        print(f"kernels: glibc backs buffers of 2 MB and more with transparent huge pages ({huge_pages_mode()}; "
              "HUGE_PAGES=0 turns this off)", flush=True)
    total = time.time()
    durations = read_durations(args.times)
    times = durations.setdefault(dataset_key(), {})
    if args.jobs > 1:
        ordered = longest_first(args.notebooks, times)
        if ordered != args.notebooks:
            print(f"order: longest first, by the last run's times on this dataset ({os.path.relpath(args.times)})",
                  flush=True)
        args.notebooks = ordered
    precompiler = start_precompiler(args.notebooks)
    failed = True
    try:
        failed = run_all(args, times)
        write_durations(args.times, durations)
    finally:
        if precompiler.poll() is None and failed:
            os.killpg(precompiler.pid, signal.SIGTERM)  # it and the process it compiles in
        precompiler.wait()
    if failed:
        sys.exit(1)
    print(f"{len(args.notebooks)} notebook(s) ran in {time.time() - total:.1f} s")


def start_precompiler(notebooks):
    """Starts tools/cell_cache.cjs compiling the notebooks' cells in one process, a few cells ahead of the kernels
    (which wait for its entries instead of compiling them each); returns once kernels may rely on it."""
    tool = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cell_cache.cjs")
    child = subprocess.Popen(["node", tool, "precompile", *notebooks], stdout=subprocess.PIPE, text=True,
                             start_new_session=True)
    child.stdout.readline()  # "ready" (or nothing, if it failed: the kernels then compile their own cells)
    return child


def run_all(args, times):
    """Runs the notebooks, args.jobs at once, in the given order; returns True when one failed. Records the seconds
    of each one that succeeds in `times`."""
    pending, running, failed = list(args.notebooks), {}, False
    while pending or running:
        while pending and len(running) < max(1, args.jobs) and not failed:
            path = pending.pop(0)
            print(f"start  {path}", flush=True)
            child = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--one", "--out", args.out,
                                      "--timeout", str(args.timeout), path])
            running[child] = (path, time.time())
        if failed and not running:
            break
        for child in list(running):
            if child.poll() is None:
                continue
            path, started = running.pop(child)
            ok = child.returncode == 0
            usage_file = os.path.join(args.out, os.path.basename(path) + ".usage")
            usage = ""
            if os.path.exists(usage_file):
                with open(usage_file) as f:
                    known = json.load(f)
                if known.get("peak") is not None:
                    usage += f", kernel peak {known['peak'] / 1e9:.2f} GB"
                if known.get("cpu") is not None:
                    usage += f", kernel CPU {known['cpu']:.1f} s"
            seconds = time.time() - started
            if ok:
                times[path] = round(seconds, 1)
            print(f"{'ok    ' if ok else 'FAILED'} {path} ({seconds:.1f} s{usage})", flush=True)
            failed = failed or not ok
        time.sleep(0.05)
    return failed


if __name__ == "__main__":
    main()
