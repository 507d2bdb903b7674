# Project-local Jupyter configuration (the Makefile sets JUPYTER_CONFIG_PATH to this folder); read by the classic
# Notebook (jupyter_notebook_config.py) and by Jupyter Server, JupyterLab's back end (jupyter_server_config.py).
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kit_save_hook import refresh_git_index  # noqa: E402

c.FileContentsManager.post_save_hook = refresh_git_index  # noqa: F821 (c is the config object Jupyter provides)
