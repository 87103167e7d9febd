"""Exercises survive a kernel restart and a reopened notebook (Indonesian lesson 00, in a real JupyterLab).

After a restart, Check says within seconds to run the cell again and the button works again; changing an
answer clears the old verdict. Reopened with a new kernel, each exercise shows its question and the saved
answer as text with a line to run the cell, never "Error displaying widget". Screenshots of each state go
to test-artifacts/screenshots/restart-*.png.
"""

from __future__ import annotations

import time

import pytest

from browser.conftest import screenshot
from browser.jlab import (
    error_outputs,
    exercise,
    open_notebook,
    reopen_without_kernel,
    restart_kernel,
    run_all_cells,
    run_setup_then,
    save,
    text_copy_id,
)

pytestmark = pytest.mark.browser
LESSON = "scratch/id/00-getting-started.ipynb"
WIDGET_EXERCISES = ["00-run-a-cell", "00-unknown-title", "00-fewer-words", "00-judge-a-coding", "00-concepts-by-article"]


def test_check_after_a_restart_says_to_run_the_cell_and_works_again_once_run(page, lab):
    open_notebook(page, lab, LESSON)
    run_all_cells(page)
    assert error_outputs(page) == []
    block = exercise(page, "00-fewer-words")
    block.locator("input[type=radio]").nth(1).check()  # Salah
    block.get_by_role("button", name="Periksa").click()
    block.locator(".course-feedback.course-correct").wait_for()
    save(page)

    restart_kernel(page)
    block = exercise(page, "00-fewer-words")
    block.locator("input[type=radio]").nth(0).check()  # Benar: wrong, and not yet checked
    assert block.locator(".course-ex-feedback").inner_text().strip() == "", "the old verdict belonged to the old answer"
    screenshot(page, "restart-id-answer-changed")
    started = time.monotonic()
    block.get_by_role("button", name="Periksa").click()
    block.locator(".course-no-kernel").wait_for(timeout=15_000)
    waited = time.monotonic() - started
    said = block.locator(".course-ex-feedback").inner_text()
    screenshot(page, "restart-id-check-after-restart")
    assert "Kernel dimulai ulang: jalankan lagi sel persiapan di bagian atas, lalu sel ini" in said, said
    assert waited < 10, f"the student waited {waited:.1f} s"
    assert block.get_by_role("button", name="Periksa").is_enabled()

    block = run_setup_then(page, "00-fewer-words")  # as the message says: the set-up cell, then this one
    assert block.locator("input[type=radio]").nth(1).is_checked(), "re-running brings the saved answer back"
    block.locator("input[type=radio]").nth(0).check()
    block.get_by_role("button", name="Periksa").click()
    block.locator(".course-feedback.course-incorrect").wait_for()
    screenshot(page, "restart-id-cell-run-again")
    save(page)


def test_a_reopened_notebook_shows_each_exercise_as_text_never_a_widget_error(page, lab):
    open_notebook(page, lab, LESSON)
    run_all_cells(page)
    block = exercise(page, "00-judge-a-coding")
    block.locator("textarea").fill("Saya akan mengubahnya, karena kalimat itu tentang pelayanan publik.")
    block.get_by_role("button", name="Periksa").click()
    block.locator(".course-feedback").wait_for()
    save(page)
    reopen_without_kernel(page, lab, LESSON)  # a new kernel, which knows none of the widgets
    for exercise_id in WIDGET_EXERCISES:
        copy = text_copy_id(page, exercise_id)
        if exercise_id == "00-judge-a-coding":
            assert "karena kalimat itu tentang pelayanan publik" in copy, "the saved answer is shown"
            screenshot(page, "restart-id-reopened-text")
        if exercise_id == "00-fewer-words":
            assert "(x)" in copy, "the saved choice is marked"
            screenshot(page, "restart-id-reopened-choice")
    assert page.locator("text=Error displaying widget >> visible=true").count() == 0, "hidden in every exercise"

    block = run_setup_then(page, "00-judge-a-coding")  # the set-up cell, then the exercise: the live exercise is back
    page.wait_for_timeout(500)
    assert not block.locator(".course-fallback").is_visible()
    screenshot(page, "restart-id-reopened-after-run")
