#!/usr/bin/python3
"""Runs notebooks headless through the project's tslab kernel, in order, and stops at the first failure.

Usage: JUPYTER_PATH=jupyter /usr/bin/python3 tools/run_notebooks.py [--out DIR] [--timeout S] NOTEBOOK...

For each notebook it prints one line with its time and writes the executed copy to DIR
(default build/notebooks). On a failing cell it prints the notebook, the cell number, the cell's
source and the error text, and exits 1. tslab reports errors as text on stderr with an empty
error name, so the text is taken from the cell's outputs, not from the exception.
"""
import argparse
import os
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


def run(path, out_dir, timeout):
    """Executes one notebook; returns (ok, seconds)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="tslab",
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    started = time.time()
    failed = None
    try:
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                try:
                    client.execute_cell(cell, index)
                except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
                    failed = (index, cell, exc)
                    break
    finally:
        os.makedirs(out_dir, exist_ok=True)
        nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
    seconds = time.time() - started
    if failed:
        index, cell, exc = failed
        text = error_text(cell)
        if isinstance(exc, CellTimeoutError):
            text = f"timed out after {timeout} s\n{text}"
        elif isinstance(exc, DeadKernelError):
            text = f"the kernel died\n{text}"
        bar = "-" * 72
        print(f"\n{path}: FAILED at cell {index + 1} of {len(nb.cells)}\n{bar}\n{cell.source}\n{bar}\n{text}\n{bar}",
              file=sys.stderr)
    return failed is None, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--out", default="build/notebooks", help="folder for executed copies [build/notebooks]")
    parser.add_argument("--timeout", type=int, default=int(os.environ.get("CELL_TIMEOUT", "900")),
                        help="seconds one cell may take [CELL_TIMEOUT or 900]")
    args = parser.parse_args()
    total = time.time()
    for path in args.notebooks:
        ok, seconds = run(path, args.out, args.timeout)
        print(f"{'ok    ' if ok else 'FAILED'} {path} ({seconds:.1f} s)", flush=True)
        if not ok:
            sys.exit(1)
    print(f"{len(args.notebooks)} notebook(s) ran in {time.time() - total:.1f} s")


if __name__ == "__main__":
    main()
