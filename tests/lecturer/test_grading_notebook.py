"""The grading notebook: its two masters' shape, and run with its parameters it grades as ``python -m course grade`` does."""

from __future__ import annotations

import re

import nbformat
import pytest
from lecturer_tools import GRADING_NOTEBOOK, PARAMETERS, ROOT, moodle_class, run_with_parameters

from course.__main__ import main

LANGUAGES = ("en", "id")


def read(lang: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / GRADING_NOTEBOOK.format(lang=lang), as_version=4)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_lecturer_reads_a_sentence_before_every_step_and_sets_six_optional_parameters(lang):
    nb = read(lang)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    first = code[0]
    assert "parameters" in first.metadata.get("tags", [])
    assert dict(re.findall(r"^(\w+) = (.+)$", first.source, re.M)) == dict.fromkeys(PARAMETERS, "None")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            before = nb.cells[index - 1]
            assert before.cell_type == "markdown" and before.source.startswith("## "), f"code cell {index}: no heading before it"
            assert len(cell.source.splitlines()) <= 6, f"code cell {index} is longer than a lecturer should have to read"
    steps = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "markdown" and "·" in c.source.splitlines()[0]]
    assert len(steps) == 6 and all(s.startswith("## Step" if lang == "en" else "## Langkah") for s in steps)
    for cell in code:
        assert cell.execution_count is not None, "regenerate the outputs"
        text = str(cell.outputs)
        assert not re.search(r"/(work|home|tmp|root|Users)/", text) and " at 0x" not in text
        assert not any(o.get("output_type") == "error" for o in cell.outputs)
    shown = " ".join(str(o.get("data", {}).get("text/plain", "")) for c in code for o in c.outputs)
    assert ("Step 3" in shown) if lang == "en" else ("Langkah 3" in shown and "Step" not in shown), (
        "the steps speak the notebook's language"
    )


def test_the_two_notebooks_share_their_code_cells():
    assert [c.source for c in read("en").cells if c.cell_type == "code"] == [c.source for c in read("id").cells if c.cell_type == "code"]


@pytest.mark.parametrize("lang", ["id"])  # one language: the run is a kernel's; the English twin's code is the same (checked above)
def test_run_top_to_bottom_with_parameters_it_writes_what_grade_writes(lesson03, tmp_path, lang):
    archive, sheet = moodle_class(tmp_path / "download", lesson03.right, lesson03.partial)
    by_command = tmp_path / "by-command"
    assert main(["grade", str(archive), "--out", str(by_command), "--moodle-worksheet", str(sheet)]) == 0
    by_notebook = tmp_path / "by-notebook"
    nb = run_with_parameters(lang, SUBMISSIONS=str(archive), OUT=str(by_notebook), WORKSHEET=str(sheet))

    assert (by_notebook / "gradebook.csv").read_bytes() == (by_command / "gradebook.csv").read_bytes()
    written = sorted(p.relative_to(by_command).as_posix() for p in by_command.rglob("*") if p.is_file())
    assert sorted(p.relative_to(by_notebook).as_posix() for p in by_notebook.rglob("*") if p.is_file()) == written
    for name in ("moodle/grading-worksheet-03.csv", "moodle/feedback-files-03.zip", "summary-03.csv", "gradebook-canvas.csv"):
        assert (by_notebook / name).read_bytes() == (by_command / name).read_bytes(), name
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    texts = " ".join(str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    graded = "Lesson 03 graded: 3 notebooks graded" if lang == "en" else "Topik 03 sudah dinilai: 3 notebook dinilai"
    assert graded in texts
    assert (
        "Step 4 · the class summary, its charts and the gradebook of this assignment" in texts
        or "Langkah 4 · ringkasan kelas, grafiknya" in texts
    )
