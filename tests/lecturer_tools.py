"""A Moodle download of lesson 03 as the grading notebook's tests hand it in, and running that notebook with parameters."""

from __future__ import annotations

import zipfile
from pathlib import Path

import nbformat
from lms_tools import MOODLE_CLASS, moodle_path, moodle_worksheet
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

ROOT = Path(__file__).resolve().parents[1]
GRADING_NOTEBOOK = "notebooks/lecturer/{lang}/grade-class.ipynb"
PARAMETERS = ("SUBMISSIONS", "OUT", "KEY", "LESSON", "WORKSHEET", "ROSTER")


def moodle_class(folder: Path, right: dict, partial: dict) -> tuple[Path, Path]:
    """``PA101-Lesson 03-42.zip`` as Moodle's "Download all submissions" gives it, and its grading worksheet."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / "PA101-Lesson 03-42.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name, participant, file_name, which, _ in MOODLE_CLASS:
            content = b"" if which == "unreadable" else json.dumps(right if which == "right" else partial).encode()
            zf.writestr(moodle_path(name, participant, file_name), content)
    return archive, moodle_worksheet(folder / "Grades-PA101-Lesson 03-42.csv")


def run_with_parameters(lang: str, **values: object) -> nbformat.NotebookNode:
    """Run the grading notebook top to bottom in a kernel, its parameters set (as papermill injects them), no widget touched."""
    path = ROOT / GRADING_NOTEBOOK.format(lang=lang)
    nb = nbformat.read(path, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    given = "\n".join(f"{name} = {values[name]!r}" for name in PARAMETERS if values.get(name) is not None)
    nb.cells.insert(at + 1, new_code_cell(given, metadata={"tags": ["injected-parameters"]}))
    NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb
