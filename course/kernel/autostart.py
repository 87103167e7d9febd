"""Explain Python's common errors from kernel start, before a lesson's set-up cell has run.

An IPython extension: ``course/kernel/ipython/ipython_kernel_config.py``,
installed as ``{sys.prefix}/etc/ipython/ipython_kernel_config.py`` (by
``pyproject.toml`` for a normal install, by ``bootstrap.py`` for its venv, or by
``python -m course.kernel.autostart``), makes every kernel of the environment
load it. It installs :mod:`.hints` in the language of the notebook the kernel
runs: jupyter_server gives the kernel the notebook's path (``JPY_SESSION_NAME``)
and the notebook records its language (``metadata.course.language``, in a
master and in a released copy alike). Without a readable notebook the language
comes from :func:`course.i18n.get_language` (the folder, else English).
``start_lesson`` later installs the hints again with the lesson's language.

Nothing here may break a kernel: any failure leaves a plain kernel, silently.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

CONFIG_NAME = "ipython_kernel_config.py"
CONFIG_SOURCE = Path(__file__).resolve().parent / "ipython" / CONFIG_NAME
LARGEST_NOTEBOOK = 50_000_000  # bytes; a larger file is not read just to learn its language


def notebook_path(session_name: str | None, cwd: Path) -> Path | None:
    """The notebook file a kernel runs, from jupyter_server's ``JPY_SESSION_NAME`` (absolute, or relative to the server's root)."""
    if not session_name:
        return None
    given = Path(session_name)
    for candidate in (given, cwd / given, cwd / given.name):  # the kernel starts in the notebook's folder
        if candidate.suffix == ".ipynb" and candidate.is_file():
            return candidate
    return None


def recorded_language(notebook: Path) -> str | None:
    """The language a notebook's metadata records (``course.language``), or None."""
    from ..model.vocabulary import LANGUAGES

    if notebook.stat().st_size > LARGEST_NOTEBOOK:
        return None
    metadata = json.loads(notebook.read_text(encoding="utf-8")).get("metadata")
    language = metadata.get("course", {}).get("language") if isinstance(metadata, dict) else None
    return language if isinstance(language, str) and language in LANGUAGES else None


def kernel_language() -> str:
    """The language of this kernel's notebook: an explicit ``set_language``, the notebook's metadata, its folder, else English."""
    from .. import i18n

    if i18n._chosen:
        return i18n._chosen
    try:
        path = notebook_path(os.environ.get("JPY_SESSION_NAME"), Path.cwd())
        found = recorded_language(path) if path is not None else None
    except Exception:  # unreadable, not JSON, odd metadata: the folder decides
        found = None
    if found is None:
        try:
            found = i18n.get_language()
        except Exception:
            found = "en"
    return found


def load_ipython_extension(shell: Any) -> None:
    """IPython's entry point: explain the common errors in this kernel from now on; never raise."""
    try:
        from . import hints

        language = _once(kernel_language)
        hints.install(language, shell)
        shell.events.register("post_run_cell", _with_pandas(shell, language))
    except Exception:  # a plain kernel is better than no kernel
        pass


def _once(find: Any) -> Any:
    """``find``, called at the first error only (a kernel that never fails never reads its notebook) and remembered."""
    known: list[str] = []

    def language() -> str:
        if not known:
            known.append(find())
        return known[0]

    return language


def _with_pandas(shell: Any, language: Any) -> Any:
    """A post-run callback: once a cell has imported pandas, add its indexing error to the explained ones."""

    def callback(*_: Any) -> None:
        try:
            from . import hints

            if "pandas" not in sys.modules:
                return
            if tuple(shell.custom_exceptions) == hints.BASE_ERRORS:  # still ours: start_lesson has not replaced it
                hints.install(language, shell)
            shell.events.unregister("post_run_cell", callback)
        except Exception:
            pass

    return callback


def install_config(prefix: str | Path = sys.prefix) -> Path:
    """Put the kernel configuration into the environment at ``prefix`` (``etc/ipython``); returns its path."""
    target = Path(prefix) / "etc" / "ipython" / CONFIG_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != CONFIG_SOURCE.read_bytes():
        partial = target.with_name(target.name + ".partial")
        shutil.copyfile(CONFIG_SOURCE, partial)
        partial.replace(target)
    return target


if __name__ == "__main__":  # python -m course.kernel.autostart [PREFIX]: an editable install (bootstrap.py, conda, Docker) skips data files
    print(install_config(*sys.argv[1:2]))
