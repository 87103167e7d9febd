"""The grading notebook's steps without a browser: what they write, offer and say, and the uploads they keep."""

from __future__ import annotations

import base64
import csv
import re
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lecturer_tools import moodle_class
from lms_tools import moodle_worksheet

from course.grading.assignments import output_names
from course.lecturer import GradingPanel
from course.lecturer.files import lms_options, offered_files, release_name, upload_path, work_folder
from course.paths import PROJECT_DIR
from course.words import catalogue


@pytest.fixture(scope="module")
def graded(lesson03, tmp_path_factory):
    """A Moodle class graded through the panel, as a lecturer who uploaded the ZIP and the worksheet and pressed Grade."""
    base = tmp_path_factory.mktemp("panel")
    archive, sheet = moodle_class(base / "download", lesson03.right, lesson03.partial)
    panel = GradingPanel(lang="id", home=base / "work")
    panel.upload_step()
    panel.summary_step(), panel.review_step(), panel.downloads_step()
    for field, path in (("submissions", archive), ("worksheet", sheet)):
        panel._keeper(field, panel.status)({"new": ({"name": path.name, "content": memoryview(path.read_bytes())},)})
    assert panel.grade() is not None
    return panel


def test_uploads_are_kept_in_the_work_folder_and_graded_into_its_results(graded):
    assert graded.submissions == graded.home / "unggahan" / "PA101-Lesson 03-42.zip"
    assert graded.out == graded.home / "hasil-penilaian" and (graded.out / "gradebook.csv").is_file()
    assert graded.progress.value == graded.progress.max == 4, "the bar counted the four notebooks of the ZIP"


def test_every_file_offered_downloads_as_written_and_says_where_it_goes(graded):
    page = graded.downloads_box.children[0].value
    links = re.findall(r'<a download="([^"]+)" href="data:application/octet-stream;base64,([^"]+)" [^>]*>([^<]+)</a> · ([^<]+)</li>', page)
    shown = {name for _, _, name, _ in links}
    names = output_names("03")
    for expected in (names["moodle_worksheet"], names["moodle_zip"], "gradebook.xlsx", names["summary_html"], names["report"]):
        assert expected in shown, expected
    for file_name, data, name, where in links:
        assert base64.b64decode(data) == (graded.out / name).read_bytes() and file_name == Path(name).name
        sentence = unescape(where).strip()
        assert sentence.endswith(".") and ". " not in sentence, f"{name}: one sentence, not {sentence!r}"
    moodle = {name: unescape(where) for _, _, name, where in links}
    assert "Unggah lembar kerja penilaian" in moodle[names["moodle_worksheet"]]
    assert "Bukan untuk LMS" in moodle["gradebook.xlsx"]


def test_the_summary_shows_the_page_the_run_wrote_and_this_assignments_gradebook(graded):
    frame, *charts, table = graded.summary_box.children
    written = (graded.out / "summary-03.html").read_text(encoding="utf-8")
    assert 'srcdoc="' in frame.value and "<title>Class summary" in written, (
        "the run's language: the students' notebooks, as grade without --lang"
    )
    assert unescape(frame.value.split('srcdoc="', 1)[1].split('" style=', 1)[0]) == written
    assert charts == [], "no pictures written yet: show_charts has nothing to show"
    assert "ani@univ.ac.id" in table.value and "eko@univ.ac.id" in table.value


def test_pictures_the_run_writes_appear_in_show_charts(graded):
    svg = graded.out / "facility-03.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>', encoding="utf-8")
    try:
        shown = graded.show_charts()
        assert len(shown) == 1 and "data:image/svg+xml;base64," in shown[0].value
        offered = {f.name for f in offered_files(graded.out, "03", "en")}
        assert "facility-03.svg" in offered and "summary-03-quiz.html" not in offered
    finally:
        svg.unlink()


def test_a_practice_set_has_no_review_sheet_and_says_so(graded):
    assert "tidak memiliki lembar pemeriksaan" in graded.review_box.children[0].value


def test_a_filled_review_sheet_replaces_the_old_one_which_is_kept(graded, tmp_path):
    sheet = graded.out / "review-03.csv"
    sheet.write_text("student,points\nani,1\n", encoding="utf-8")
    try:
        graded.put_review_sheet(b"student,points\nani,2\n")
        assert sheet.read_bytes() == b"student,points\nani,2\n"
        assert (graded.uploads / "review-03-sebelum-unggah.csv").read_text(encoding="utf-8") == "student,points\nani,1\n"
    finally:
        sheet.unlink()


def test_a_bad_input_is_one_message_in_the_step_never_a_traceback(tmp_path):
    panel = GradingPanel(lang="en", home=tmp_path, submissions=tmp_path / "missing.zip")
    step = panel.grade_step()
    assert panel.run is None and "missing.zip" in panel.status.value and "Traceback" not in panel.status.value
    assert "Nothing is graded yet" in step._repr_mimebundle_()["text/plain"]


def test_grade_without_submissions_asks_for_them(tmp_path):
    panel = GradingPanel(lang="en", home=tmp_path)
    assert panel.grade() is None and "Upload the submissions ZIP in step 2 first" in panel.status.value


def test_a_release_from_the_notebook_gives_a_zip_and_for_a_quiz_its_key_outside_it(tmp_path):
    panel = GradingPanel(lang="en", home=tmp_path)
    panel.upload_step()
    page = panel.make_release(["00"], "assessment", ["en"])
    archive = tmp_path / "releases" / "quiz-00.zip"
    import zipfile

    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
    assert "quiz-00/notebooks/en/00-quiz.ipynb" in names and not any(".key-" in n for n in names)
    keys = list((tmp_path / "releases").glob("quiz-00.key-*.json"))
    assert len(keys) == 1 and keys[0].name in page and "Never to the LMS" in page
    assert [label for label, _ in panel.key_choice.options][1:] == [keys[0].name], "step 2 offers the new key file"


def test_the_lms_file_is_told_apart_by_its_header(tmp_path):
    moodle = moodle_worksheet(tmp_path / "Grades.csv")
    canvas = tmp_path / "canvas.csv"
    with canvas.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(
            [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Lesson 03 (4711)"], ["A", "1", "", "", "S", ""]]
        )
    assert lms_options(moodle, None).moodle_worksheet == moodle and lms_options(moodle, None).canvas_gradebook is None
    assert lms_options(canvas, None).canvas_gradebook == canvas and lms_options(canvas, None).moodle_worksheet is None
    assert lms_options(None, tmp_path / "roster.csv").roster == tmp_path / "roster.csv"


def test_the_master_notebooks_folder_is_never_the_work_folder(tmp_path):
    assert work_folder("id", PROJECT_DIR / "notebooks" / "lecturer" / "id") == PROJECT_DIR.resolve() / "berkas-dosen"
    assert work_folder("en", tmp_path) == tmp_path.resolve()
    assert release_name("practice", ["04", "03"], "id") == "latihan-03-04" and release_name("assessment", [], "en") == "quiz-all"


@given(st.text(min_size=0, max_size=60))
def test_an_uploaded_name_never_leaves_the_uploads_folder(name):
    folder = Path("/uploads")
    path = upload_path(folder, name)
    assert path.parent == folder and path.name not in ("", ".", "..") and "/" not in path.name and "\\" not in path.name


def test_every_sentence_of_the_notebook_is_in_both_languages():
    entries = {key: entry for key, entry in catalogue().items() if key.startswith("lecturer.")}
    assert len(entries) > 50 and all(set(entry) == {"en", "id"} for entry in entries.values())
    assert all(entries[key]["en"] != entries[key]["id"] for key in entries if key.startswith("lecturer.where_"))
