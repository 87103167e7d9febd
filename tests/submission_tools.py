"""Helpers for grading tests: release a lesson, answer it in a real kernel like a student, build folders.

Student notebooks are executed with nbclient's standard client, which (like
JupyterLab) applies display updates to earlier cells, so the answer records
end up in the saved file exactly as they do for a real student.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

from course.model.record import MIME

# Lesson 03's sorting exercise placed right, and with one measure misplaced (7 of 8: 1.75 of its 2 points).
SORT_MEASURES_RIGHT = {
    "integrity-pact": "value",
    "core-values": "value",
    "permit-powers": "structure",
    "one-unit-per-task": "structure",
    "complaint-sop": "process",
    "performance-reporting": "process",
    "open-selection": "apparatus",
    "performance-allowance": "apparatus",
}
SORT_MEASURES_ONE_MISPLACED = {**SORT_MEASURES_RIGHT, "performance-allowance": "process"}


def run_as_student(bundle: Path, notebook: str, actions: list[tuple], store: Path, code: dict[str, str] | None = None) -> dict:
    """Fill in a released notebook like a student and return it, saved with its outputs.

    ``actions`` are ``(function, exercise id, value)`` calls appended in one
    cell; ``code`` replaces ``name = None`` stubs with ``name = expression``.
    """
    nb = nbformat.read(bundle / notebook, as_version=4)
    for cell in nb.cells:
        for name, expression in (code or {}).items():
            if f"{name} = None" in cell.source:
                cell.source = cell.source.replace(f"{name} = None", f"{name} = {expression}")
    calls = "\n".join(f"{kind}({ex!r}, {value!r})" for kind, ex, value in actions)
    if calls:
        nb.cells.append(new_code_cell(calls))
    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", "COURSE_ANSWER_DIR")}
    os.environ.update(PYTHONPATH=str(bundle), COURSE_ANSWER_DIR=str(store))
    try:
        NotebookClient(nb, kernel_name="python3", resources={"metadata": {"path": str((bundle / notebook).parent)}}).execute()
    finally:
        for key, value in saved.items():
            os.environ.pop(key) if value is None else os.environ.__setitem__(key, value)
    return json.loads(nbformat.writes(nb))


def records(nb: dict, exercise: str) -> list[dict]:
    """Every answer record of ``exercise`` in a notebook (JSON as saved)."""
    return [
        o["data"][MIME]
        for c in nb["cells"]
        for o in c.get("outputs", [])
        if isinstance(o, dict) and MIME in o.get("data", {}) and o["data"][MIME].get("exercise") == exercise
    ]


def outputs_text(nb: dict) -> list[str]:
    """The plain text of every output (streams and displays)."""
    texts = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/plain", output.get("text", ""))
            texts.append("".join(text) if isinstance(text, list) else text)
    return texts


def put(folder: Path, name: str, content: Any) -> Path:
    """Write a submission: a notebook dict as JSON, or bytes / text as they are."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, (dict, list)):
        path.write_text(json.dumps(content), encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def forge(nb: dict, exercise: str, **changes: Any) -> dict:
    """A copy of ``nb`` whose records of ``exercise`` carry ``changes`` and a freshly computed digest (as a forger would)."""
    from course.model.record import sign

    nb = copy.deepcopy(nb)
    for record in records(nb, exercise):
        record.update(changes)
        sign(record)
    return nb


def release_quiz(out: Path, lesson: str, lang: str = "en") -> tuple[dict, Path]:
    """Release ``lesson``'s quiz for assessment into ``out``: its ``release.json`` and the path of its key file."""
    from course.authoring.release import key_path, release

    release(out, mode="assessment", langs=[lang], lessons=[lesson], log=lambda line: None)
    manifest = json.loads((out / "release.json").read_text())
    return manifest, key_path(out, manifest["release"])


# A short text for 03-accountability-where made of nothing but its rubric's keys: the grader sends it to review.
KEYWORDS_ONLY_03 = "report indicator measured integrity responsibility commitment " * 5
