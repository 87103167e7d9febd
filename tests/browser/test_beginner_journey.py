"""A beginner alone with the Indonesian lesson 00, from a release, in a real JupyterLab (issue 22).

She opens her student copy and first runs an exercise without the set-up cell (Python's error stays,
with one Indonesian line saying to run the cells above from the set-up cell). Then she runs it top to
bottom, reads the printed abstracts and the tables, makes the mistakes a beginner makes in the code
exercises and reads the hint for each, gets "Tepat" once the code is right, writes a short text answer
(no model answer yet), sets the ordering steps, looks at progress(), saves, and the saved notebook
grades. By accident she double-clicks a text cell and types a letter (the text stays); she restarts the
kernel and presses Periksa without re-running (told to run the cell again, which works); she closes
the notebook and reopens it with no kernel (each exercise as text with its saved answer). Screenshots
of each state go to test-artifacts/screenshots/journey-*.png.
"""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import pytest
import yaml

from browser.conftest import screenshot
from browser.jlab import (
    NOTEBOOK,
    cell_locator,
    command,
    error_outputs,
    exercise,
    open_notebook,
    reopen_without_kernel,
    restart_kernel,
    run_all_cells,
    run_setup_then,
    save,
    text_copy_id,
    wait_for_kernel_idle,
)
from browser.labserver import ROOT
from course.authoring.release import release
from course.grading.run import grade

pytestmark = pytest.mark.browser
FIND_STUB = "bureaucracy_authors = None"
ENGLISH_WORD = 'bureaucracy_authors = abstracts.loc[abstracts["abstract_id"].str.contains("bureaucracy"), "authors"]'
TWO_COLUMNS = 'bureaucracy_authors = abstracts[abstracts["abstract_id"].str.contains("birokrasi")][["title", "authors"]]'
RIGHT = 'bureaucracy_authors = abstracts.loc[abstracts["abstract_id"].str.contains("birokrasi"), "authors"]'
BANK = yaml.safe_load((ROOT / "data" / "exercises" / "00-getting-started.yml").read_text(encoding="utf-8"))
WIDGET_EXERCISES = [item["id"] for item in BANK["exercises"] if item["type"] != "code" and item.get("use") != "assessment"]
TEXT_CELL = "## 6. Menyaring baris yang Anda perlukan"


@pytest.fixture(scope="module")
def student_copy(lab) -> Path:
    """The Indonesian lesson 00 of a practice release, inside the lab's folder (made once for this file)."""
    out = lab.root / "rilis-00"
    release(out, mode="practice", langs=["id"], lessons=["00"], log=lambda line: None)
    return next(out.rglob("00-getting-started.ipynb"))


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


def cell_sources(page) -> list[str]:
    return page.evaluate(
        f"() => {{ const cells = {NOTEBOOK}.content.model.cells; const out = [];"
        " for (let i = 0; i < cells.length; i++) out.push(cells.get(i).sharedModel.getSource()); return out; }"
    )


def test_an_exercise_run_before_the_set_up_cell_keeps_pythons_error_and_says_in_indonesian_to_run_it(page, lab, student_copy):
    open_notebook(page, lab, str(student_copy.relative_to(lab.root)))  # a fresh kernel: nothing has run
    block = exercise(page, "00-run-a-cell")
    command(page, "notebook:run-cell")
    wait_for_kernel_idle(page)
    page.wait_for_timeout(300)
    shown = block.locator(".jp-OutputArea").inner_text()
    screenshot(page, "journey-skipped-set-up")
    assert "NameError" in shown and "name 'show' is not defined" in shown, "Python's own message stays"
    assert "Python belum mengenal 'show': jalankan sel-sel di atas sel ini, mulai dari sel persiapan" in shown, shown


def test_a_beginner_works_through_lesson_00_in_indonesian(page, lab, student_copy, tmp_path):
    notebook, relative = student_copy, str(student_copy.relative_to(lab.root))
    open_notebook(page, lab, relative)
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

    # An accidental double-click on a text cell, then a letter: the lesson's text stays as it was.
    before = cell_sources(page)
    block = cell_locator(page, TEXT_CELL)
    block.locator(".jp-MarkdownOutput").dblclick()
    page.keyboard.type("x")
    page.wait_for_timeout(300)
    screenshot(page, "journey-text-cell-double-clicked")
    assert cell_sources(page) == before, "no cell was cut or changed"
    page.keyboard.press("Shift+Enter")  # a double-click shows the text's Markdown source (read-only): render it again

    # A wrong choice, then a restart without re-running: Periksa says so within seconds, in Indonesian.
    block = exercise(page, "00-fewer-words")
    block.locator("input[type=radio]").nth(0).check()  # Benar: wrong
    block.get_by_role("button", name="Periksa").click()
    block.locator(".course-feedback.course-incorrect").wait_for()
    restart_kernel(page)
    block = exercise(page, "00-fewer-words")
    block.locator("input[type=radio]").nth(1).check()  # Salah: the answer changed after the restart
    assert block.locator(".course-ex-feedback").inner_text().strip() == "", "the old verdict belonged to the old answer"
    started = time.monotonic()
    block.get_by_role("button", name="Periksa").click()
    block.locator(".course-no-kernel").wait_for(timeout=15_000)
    waited = time.monotonic() - started
    said = block.locator(".course-ex-feedback").inner_text()
    screenshot(page, "journey-check-after-restart")
    assert "Kernel dimulai ulang" in said and "jalankan lagi" in said and "sel ini" in said, said
    assert waited < 10, f"the student waited {waited:.1f} s"
    block = run_setup_then(page, "00-fewer-words")
    block.locator("input[type=radio]").nth(1).check()
    block.get_by_role("button", name="Periksa").click()
    block.locator(".course-feedback.course-correct").wait_for()
    screenshot(page, "journey-cell-run-again")

    # Saved, closed, reopened with no kernel: every exercise as text, with its saved answer.
    save(page)
    reopen_without_kernel(page, lab, relative)
    for exercise_id in WIDGET_EXERCISES:
        copy = text_copy_id(page, exercise_id)
        if exercise_id == "00-fewer-words":
            assert "(x)" in copy, "the saved choice is marked"
            screenshot(page, "journey-reopened-choice")
        if exercise_id == "00-judge-a-coding":
            assert "Saya pertahankan karena benar." in copy, "the saved text is shown"
            screenshot(page, "journey-reopened-text")
    assert page.locator("text=Error displaying widget >> visible=true").count() == 0, "hidden in every exercise"
