"""Post-save hook of the project's Jupyter configuration (jupyter_notebook_config.py, jupyter_server_config.py).

After each save, refresh git's index entry of the notebook when the save changed only outputs and kernel metadata
(tools/nbstrip.cjs --refresh), so that `git status` stays clean; real edits still show as modified.
"""
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def refresh_git_index(model=None, os_path=None, contents_manager=None, **kwargs):
    """Runs `node tools/nbstrip.cjs --refresh <notebook>` after a notebook is saved."""
    if not os_path or not os_path.endswith(".ipynb"):
        return
    subprocess.run(["node", os.path.join(ROOT, "tools", "nbstrip.cjs"), "--refresh", os_path], check=False)
