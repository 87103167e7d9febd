"""A beginner alone with the Indonesian lesson 00, from a release, in a real JupyterLab (issue 22).

She opens her student copy, runs it top to bottom, reads the printed abstracts and the tables, makes
the mistakes a beginner makes in the code exercises and reads the hint for each, gets "Tepat" once the
code is right, writes a short text answer (no model answer yet), sets the ordering steps, looks at
progress(), saves, and the saved notebook grades. Screenshots of each state go to
test-artifacts/screenshots/journey-*.png.
"""

from __future__ import annotations

import csv
import json

import pytest

from browser.conftest import screenshot
from browser.jlab import NOTEBOOK, cell_locator, command, error_outputs, open_notebook, run_all_cells, save, wait_for_kernel_idle
from course.authoring.release import release
from course.grading.run import grade

pytestmark = pytest.mark.browser
FIND_STUB = "bureaucracy_authors = None"
ENGLISH_WORD = 'bureaucracy_authors = abstracts.loc[abstracts["abstract_id"].str.contains("bureaucracy"), "authors"]'
TWO_COLUMNS = 'bureaucracy_authors = abstracts[abstracts["abstract_id"].str.contains("birokrasi")][["title", "authors"]]'
RIGHT = 'bureaucracy_authors = abstracts.loc[abstracts["abstract_id"].str.contains("birokrasi"), "authors"]'


def write_and_run(page, old: str, new: str):
    """Replace ``old`` in the cell that holds it by ``new`` (typed over it, as a student does) and run the cell."""
    block = cell_locator(page, old)
    editor = block.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    source = page.evaluate(f"() => {NOTEBOOK}.content.activeCell.model.sharedModel.getSource()")
    page.keyboard.insert_text(source.replace(old, new))
    command(page, "notebook:run-cell")
    wait_for_kernel_idle(page)
    page.wait_for_timeout(300)
    return cell_locator(page, new)


def code_cell(page, source: str):
    """The code cell whose whole source is ``source``, made the active cell and scrolled to the top."""
    index = page.evaluate(
        f"(text) => {{ const cells = {NOTEBOOK}.content.model.cells;"
        " for (let i = 0; i < cells.length; i++) { const c = cells.get(i);"
        " if (c.type === 'code' && c.sharedModel.getSource().trim() === text) return i; } return -1; }",
        source,
    )
    assert index >= 0, f"no code cell is {source!r}"
    page.evaluate(f"async (i) => {{ const nb = {NOTEBOOK}.content; nb.activeCellIndex = i; await nb.scrollToItem(i, 'start'); }}", index)
    page.wait_for_timeout(700)
    return page.locator(".jp-NotebookPanel:visible .jp-Notebook .jp-Cell").nth(index)


def feedback_of(block) -> str:
    return block.locator(".jp-OutputArea .course-feedback").last.inner_text()


def test_a_beginner_works_through_lesson_00_in_indonesian(page, lab, tmp_path):
    out = lab.root / "rilis-00"
    release(out, mode="practice", langs=["id"], lessons=["00"], log=lambda line: None)
    notebook = next(out.rglob("00-getting-started.ipynb"))
    open_notebook(page, lab, str(notebook.relative_to(lab.root)))
    run_all_cells(page)
    assert error_outputs(page) == [], "the student copy runs top to bottom"

    # Printed abstracts wrap between words; the text columns of a table are read from the left.
    block = cell_locator(page, 'print(abstracts.loc["fatmawati", "abstract_id"])')
    printed = block.locator(".jp-OutputArea-output pre").first
    assert printed.evaluate("e => getComputedStyle(e).wordBreak") == "normal"
    screenshot(page, "journey-printed-abstract")
    block = cell_locator(page, "course.mark_unknown(abstracts")
    authors = block.locator("table.dataframe tbody td").nth(1)
    assert authors.evaluate("e => getComputedStyle(e).textAlign") == "left", "a text column"
    screenshot(page, "journey-table-left-aligned")

    # A code exercise: the English word, then a two-column table, then the right Series.
    block = write_and_run(page, FIND_STUB, ENGLISH_WORD)
    said = feedback_of(block)
    assert "Belum tepat" in said and "birokrasi" in said and "huruf kecil" in said, said
    screenshot(page, "journey-code-english-word")
    block = write_and_run(page, ENGLISH_WORD, TWO_COLUMNS)
    said = feedback_of(block)
    assert "tabel dengan dua kolom" in said and '.loc[syarat, "authors"]' in said, said
    block = write_and_run(page, TWO_COLUMNS, RIGHT)
    assert "Tepat" in feedback_of(block)
    screenshot(page, "journey-code-right")

    # A short text answer: feedback in view, no model answer yet.
    block = cell_locator(page, 'show("00-judge-a-coding")')
    block.locator("textarea").fill("Saya pertahankan karena benar.")
    block.get_by_role("button", name="Periksa").click()
    shown = block.locator(".course-ex-feedback .course-feedback")
    shown.wait_for()
    page.wait_for_timeout(300)
    said = shown.inner_text()
    assert "Contoh jawaban:" not in said and "Contoh jawaban akan muncul" in said, said
    box, height = shown.bounding_box(), page.viewport_size["height"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, "the feedback is scrolled into view"
    screenshot(page, "journey-text-short")

    # Ordering: each drop-down is wide enough for the longest step.
    block = cell_locator(page, 'show("00-steps-to-compare")')
    fits = block.locator("select").first.evaluate(
        "s => { const c = document.createElement('canvas').getContext('2d'); c.font = getComputedStyle(s).font;"
        " const widest = Math.max(...[...s.options].map(o => c.measureText(o.textContent).width));"
        " return s.getBoundingClientRect().width - widest; }"
    )
    assert fits > 10, f"the longest step is cut by {-fits:.0f} px"
    screenshot(page, "journey-ordering")

    # progress(): numbers and titles in Indonesian, no English ids.
    block = code_cell(page, "progress()")  # the text cell above it names progress() too
    command(page, "notebook:run-cell")
    wait_for_kernel_idle(page)
    page.wait_for_timeout(300)
    table = block.locator(".jp-OutputArea").inner_text()
    assert "Kemajuan topik 00" in table and "Abstrak mana yang memakai kata birokrasi" in table, table
    assert "00-find-a-word" not in table
    screenshot(page, "journey-progress")

    save(page)
    page.wait_for_timeout(500)
    saved = json.loads(notebook.read_text(encoding="utf-8"))
    submissions = tmp_path / "kumpulan"
    submissions.mkdir()
    (submissions / "mahasiswa1_00-getting-started.ipynb").write_text(json.dumps(saved), encoding="utf-8")
    grade(submissions, tmp_path / "nilai", show_progress=False)
    rows = list(csv.DictReader((tmp_path / "nilai" / "gradebook.csv").open(encoding="utf-8")))
    assert len(rows) == 1 and rows[0]["lesson"] == "00"
    assert float(rows[0]["00-find-a-word"]) == 1.0, rows[0]
    assert rows[0]["00-judge-a-coding"] not in ("", "0"), "the short text was saved and read"
