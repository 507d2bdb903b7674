# Project-local Jupyter Server configuration (JupyterLab; the Makefile sets JUPYTER_CONFIG_PATH to this folder).
# After each save, refresh git's index entry of the notebook when the save changed only outputs and kernel
# metadata (tools/nbstrip.cjs --refresh), so that `git status` stays clean; real edits still show as modified.
import os
import subprocess

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def refresh_git_index(model=None, os_path=None, contents_manager=None, **kwargs):
    """Post-save hook: `node tools/nbstrip.cjs --refresh <notebook>`."""
    if not os_path or not os_path.endswith(".ipynb"):
        return
    subprocess.run(["node", os.path.join(_ROOT, "tools", "nbstrip.cjs"), "--refresh", os_path], check=False)


c.FileContentsManager.post_save_hook = refresh_git_index  # noqa: F821 (c is the config object Jupyter provides)
