"""The grading notebook in JupyterLab: a lecturer uploads Moodle's ZIP and worksheet, grades, and downloads the filled worksheet."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest
from lecturer_tools import moodle_class
from lms_tools import MOODLE_CLASS, moodle_worksheet_import

from browser.conftest import screenshot
from browser.jlab import cell_locator, error_outputs, open_notebook, run_all_cells

pytestmark = pytest.mark.browser


def test_upload_a_moodle_zip_grade_and_download_the_filled_worksheet(page, lab, lesson03, tmp_path):
    started = time.monotonic()
    archive, sheet = moodle_class(tmp_path / "download", lesson03.right, lesson03.partial)
    open_notebook(page, lab, "scratch/lecturer/en/grade-class.ipynb")
    run_all_cells(page)
    assert error_outputs(page) == []

    upload = cell_locator(page, "panel.upload_step()")
    buttons = upload.locator("button.widget-upload")
    assert buttons.count() == 4, "submissions, worksheet, class list, key file"
    for at, path in ((0, archive), (1, sheet)):
        with page.expect_file_chooser() as chooser:
            buttons.nth(at).click()
        chooser.value.set_files(str(path))
        upload.get_by_text(path.name).wait_for()
    screenshot(page, "grading-notebook-en-upload")

    grading = cell_locator(page, "panel.grade_step()")
    grading.get_by_role("button", name="Grade").click()
    grading.get_by_text("3 notebooks graded").wait_for(timeout=120_000)
    assert grading.locator("progress, .widget-progress, .progress-bar").count() >= 1
    screenshot(page, "grading-notebook-en-graded")

    summary = cell_locator(page, "panel.summary_step()")
    summary.locator("iframe[title='summary-03.html']").wait_for()
    assert "ani@univ.ac.id" in summary.inner_text()
    screenshot(page, "grading-notebook-en-summary")

    downloads = cell_locator(page, "panel.downloads_step()")
    link = downloads.get_by_role("link", name="moodle/grading-worksheet-03.csv")
    assert "Upload grading worksheet" in downloads.inner_text()
    screenshot(page, "grading-notebook-en-downloads")
    with page.expect_download() as waiting:
        link.click()
    download = waiting.value
    assert download.suggested_filename == "grading-worksheet-03.csv"
    data = Path(download.path()).read_bytes()
    assert data == (lab.root / "scratch" / "lecturer" / "en" / "results" / "moodle" / "grading-worksheet-03.csv").read_bytes()
    participants = {str(p) for _, p, *_ in MOODLE_CLASS} | {"1234571"}
    taken = moodle_worksheet_import(data, "utf-8", "comma", participants, maximum=100.0)
    assert set(taken) == {"1234567", "1234568", "1234569"}, "Moodle would take the three graded students' grades"
    header = next(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert header == next(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8")))), "the worksheet's own columns come back"
    print(f"grading notebook in the browser: {time.monotonic() - started:.0f} s")
