"""Re-execute the master notebooks and store outputs that strict nbval will reproduce.

``python -m course regenerate`` is the one way outputs get into the masters.
It runs each notebook in a fresh kernel, in the notebook's own folder, exactly
as ``pytest --nbval`` does, and makes the stored result stable:

* no timing metadata, no ``execution`` timestamps;
* a throw-away answer store, so a student's saved answers never leak in;
* display updates are *not* applied to earlier cells: nbval compares each
  cell with what that cell printed itself, so the masters must hold the same;
* widget model ids (random UUIDs) are renamed to ids derived from the
  notebook name and their order, so re-running without changes gives a
  byte-identical file; widget state is not stored (opened without a kernel,
  JupyterLab shows each exercise's plain-text twin instead).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from ..fileio import write_text_atomic
from ..paths import PROJECT_DIR

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


class _NbvalFaithfulClient(NotebookClient):
    """A notebook client that leaves earlier outputs alone, as nbval does."""

    def _update_display_id(self, display_id: str, msg: dict[str, Any]) -> None:
        return None


def master_notebooks(root: Path | None = None) -> list[Path]:
    """All master lesson notebooks, English first, in lesson order."""
    base = root or PROJECT_DIR / "notebooks"
    return sorted(base.glob("en/*.ipynb")) + sorted(base.glob("id/*.ipynb"))


@contextmanager
def isolated_environment() -> Iterator[None]:
    """Run kernels with a throw-away answer store and no language override."""
    saved = {key: os.environ.get(key) for key in ("COURSE_ANSWER_DIR", "COURSE_LANG")}
    with tempfile.TemporaryDirectory(prefix="course-answers-") as store:
        os.environ["COURSE_ANSWER_DIR"] = store
        os.environ.pop("COURSE_LANG", None)
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def execute_notebook(path: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Run ``path`` top to bottom in a fresh kernel and return it with outputs."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata.pop("widgets", None)  # state of an earlier run would only be stale
    client = _NbvalFaithfulClient(
        nb,
        timeout=timeout,
        kernel_name=KERNELSPEC["name"],
        record_timing=False,
        store_widget_state=False,  # JupyterLab shows each exercise's text twin when no kernel runs
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(path.parent)}},
    )
    with isolated_environment():
        client.execute()
    return _stabilise(nb, path.name)


def _stabilise(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nb.metadata.pop("language_info", None)
    text = nbformat.writes(nb)
    model_ids = dict.fromkeys(re.findall(r'"model_id": "([0-9a-f]{32})"', text))  # in order, once each
    for index, model_id in enumerate(model_ids):
        stable = hashlib.sha256(f"{name}:{index}".encode()).hexdigest()[:32]
        text = text.replace(model_id, stable)
    return nbformat.reads(text, as_version=4)


def regenerate(paths: Sequence[Path], log=print) -> int:
    """Execute each notebook and save it with its new outputs (atomically).

    A notebook whose cell fails is left untouched and reported in one line;
    the others are still regenerated. Returns the number of failures.
    """
    failures = 0
    for path in paths:
        log(f"executing {path} ...")
        try:
            nb = execute_notebook(path)
        except CellExecutionError as error:
            failures += 1
            log(f"{path}: not regenerated, a cell failed: {error.ename}: {error.evalue}")
            continue
        write_text_atomic(path, nbformat.writes(nb) + "\n")
    return failures
