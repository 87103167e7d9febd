"""Issue 18 with a real class: the practice set and the quiz of lesson 03 graded into one folder, and uploads that are not notebooks.

The downloads are named as Moodle names them (see ``tests/lms/test_lms.py`` for
the sources); the quiz notebooks are the assessment release's own, handed in
unanswered, so every quiz row is a graded 0 that must survive the practice run.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lms_tools import LESSON, moodle_path, moodle_worksheet, moodle_worksheet_import
from submission_tools import put

from course.authoring.release import key_path, release
from course.grading.assignments import assignment_label
from course.grading.run import LmsOptions, grade
from course.results.gradebook import Gradebook

QUIZ = "03-quiz.ipynb"
PARTICIPANTS = {"1234567", "1234568", "1234569", "1234570", "1234571"}


def gradebook_rows(out: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8-sig"))))


def by_key(out: Path) -> dict[tuple[str, str, str], dict[str, str]]:
    return {(r["student"], r["lesson"], r["mode"]): r for r in gradebook_rows(out)}


@pytest.fixture(scope="module")
def quiz03(tmp_path_factory):
    """An assessment release of lesson 03: its blank quiz notebook, its key file and its release id."""
    out = tmp_path_factory.mktemp("quiz03") / "quiz-03"
    release(out, mode="assessment", langs=["en"], lessons=["03"], log=lambda line: None)
    manifest = json.loads((out / "release.json").read_text())
    blank = json.loads((out / "notebooks" / "en" / QUIZ).read_text(encoding="utf-8"))
    return blank, key_path(out, manifest["release"]), manifest["release"]


def test_assignment_label_names_practice_and_quiz_apart():
    assert (assignment_label("03", "practice"), assignment_label("03", "assessment")) == ("03", "03-quiz")


def test_practice_and_quiz_of_one_lesson_graded_into_one_folder_stay_apart(lesson03, quiz03, tmp_path):
    blank_quiz, key, release_id = quiz03
    sheet = moodle_worksheet(tmp_path / "worksheet.csv")
    out = tmp_path / "grades-03"
    quiz = tmp_path / "quiz"
    put(quiz, moodle_path("Ani Lestari", 1234567, QUIZ), blank_quiz)
    put(quiz, moodle_path("Budi_Santoso", 1234568, QUIZ), blank_quiz)
    practice = tmp_path / "practice"
    put(practice, moodle_path("Ani Lestari", 1234567, LESSON), lesson03.right)
    put(practice, moodle_path("Ni Luh Putu Ayu", 1234569, LESSON), lesson03.partial)  # Budi hands in no practice

    lms = LmsOptions(moodle_worksheet=sheet)
    grade(quiz, out, keys=[key], lms=lms, show_progress=False)
    quiz_rows = {k: r for k, r in by_key(out).items() if k[2] == "assessment"}
    practice_run = grade(practice, out, lms=lms, show_progress=False)

    rows = by_key(out)
    assert {k for k in rows if k[2] == "assessment"} == set(quiz_rows), "grading the practice set never touches quiz rows"
    assert all({c: rows[k][c] for c in quiz_rows[k]} == quiz_rows[k] for k in quiz_rows), "every cell of the quiz rows as it was"
    assert rows[("budi@univ.ac.id", "03", "assessment")]["status"].startswith("graded")
    assert rows[("budi@univ.ac.id", "03", "practice")]["status"] == "no submission"
    assert rows[("ani@univ.ac.id", "03", "practice")]["status"].startswith("graded")
    assert {r["release"] for k, r in rows.items() if k[2] == "assessment" and r["file"]} == {release_id}, (
        "the release each graded notebook carries"
    )
    assert not [line for line in practice_run.report if "keeps the earlier grade" in line], practice_run.report
    assert not [line for line in (out / "report-03.txt").read_text(encoding="utf-8").splitlines() if "keeps the earlier grade" in line]

    for label in ("03", "03-quiz"):
        for name in (
            f"summary-{label}.csv",
            f"summary-{label}.html",
            f"report-{label}.txt",
            f"moodle/grading-worksheet-{label}.csv",
            f"moodle/feedback-files-{label}.zip",
        ):
            assert (out / name).is_file(), name
    assert len(list((out / "feedback" / "03-quiz").iterdir())) == 2 and len(list((out / "feedback" / "03").iterdir())) == 2
    with zipfile.ZipFile(out / "moodle" / "feedback-files-03-quiz.zip") as zf:
        assert zf.namelist() and all(n.endswith("/feedback-03-quiz.html") for n in zf.namelist())
    quiz_sheet = moodle_worksheet_import(
        (out / "moodle" / "grading-worksheet-03-quiz.csv").read_bytes(), "utf-8", "comma", PARTICIPANTS, 100.0
    )
    practice_sheet = moodle_worksheet_import(
        (out / "moodle" / "grading-worksheet-03.csv").read_bytes(), "utf-8", "comma", PARTICIPANTS, 100.0
    )
    assert set(quiz_sheet) == {"1234567", "1234568"} and set(practice_sheet) == {"1234567", "1234569"}
    canvas = (out / "gradebook-canvas.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "Lesson 03 · Bureaucratic reform," in canvas + "," and "Lesson 03 · Bureaucratic reform · quiz" in canvas

    again = subprocess.run(
        [sys.executable, "-m", "course", "grade", str(quiz), "--out", str(out), "--key", str(key), "--moodle-worksheet", str(sheet)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert again.returncode == 0, again.stdout + again.stderr
    last = again.stdout.strip().splitlines()
    assert "feedback/03-quiz/" in last[-2] and "report-03-quiz.txt" in last[-2] and "summary-03-quiz.html" in last[-2], last[-2:]
    assert "moodle/grading-worksheet-03-quiz.csv" in last[-1] and "grading-worksheet-03.csv" not in last[-1], last[-1]
    after = by_key(out)
    assert {k: r for k, r in after.items() if k[2] == "practice"} == {k: r for k, r in rows.items() if k[2] == "practice"}, (
        "re-grading the quiz replaces only quiz rows"
    )


def test_an_old_gradebook_without_a_mode_column_loses_no_row(lesson03, tmp_path):
    out = tmp_path / "grades-03"
    out.mkdir()
    old = (
        "student,name,lesson,points,max_points,percent,03-harmonization,03-quiz-pungli-diagnosis,status,late,needs_review,email,canvas_user_id,file\n"
        "old-practice,A,03,1,13,7.7,1,,graded,,,,,a.ipynb\n"
        "old-quiz,B,03,2,99,2,,2,graded,,,,,b.ipynb\n"
        "old-unknown,C,03,,,,,,no submission,,,,,\n"
        "old-other-lesson,D,5,3,10,30,,,graded,,,,,d.ipynb\n"
        "r,E,03,0,13,0,0,,graded,,,,,r_old.ipynb\n"
    )
    (out / "gradebook.csv").write_text(old, encoding="utf-8")
    subs = tmp_path / "subs"
    put(subs, "r_" + LESSON, lesson03.right)
    put(subs, "old-unknown_" + LESSON, lesson03.partial)
    grade(subs, out, show_progress=False)
    rows = by_key(out)
    assert ("old-practice", "03", "practice") in rows and ("old-quiz", "03", "assessment") in rows, sorted(rows)
    assert ("old-other-lesson", "05", "") in rows, "a row whose mode cannot be told is kept with a blank mode"
    assert rows[("old-unknown", "03", "")]["status"] == "no submission", "never replaced by a row of either mode"
    assert rows[("old-unknown", "03", "practice")]["status"].startswith("graded")
    assert rows[("r", "03", "practice")]["file"] == "r_" + LESSON, "the old practice row of the same student is replaced"
    assert len(rows) == 6


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def test_uploads_that_are_not_notebooks_are_named_never_graded_and_explained_in_moodle(lesson03, tmp_path):
    download = tmp_path / "download"
    put(download, moodle_path("Ani Lestari", 1234567, LESSON), lesson03.right)
    put(download, moodle_path("Ani Lestari", 1234567, "notes.pdf"), b"%PDF-1.7 ani")  # the notebook counts
    put(download, moodle_path("Budi_Santoso", 1234568, "lesson03.pdf"), b"%PDF-1.4 budi")
    put(download, moodle_path("Ni Luh Putu Ayu", 1234569, "jawaban.docx"), docx_bytes())
    put(download, moodle_path("Dewi Sartika", 1234570, "screenshot.png", folders=False), PNG)
    put(download, moodle_path("Eko Prasetyo", 1234571, "essay.txt"), b"")
    put(download, "Eko Prasetyo_1234571_assignsubmission_onlinetext/onlinetext.html", "<p>see file</p>")
    sheet = moodle_worksheet(tmp_path / "worksheet.csv")
    out = tmp_path / "out"
    run = grade(download, out, lms=LmsOptions(moodle_worksheet=sheet), show_progress=False)

    rows = {r["student"]: r for r in gradebook_rows(out)}
    expected = {
        "budi@univ.ac.id": ("PDF, not a notebook", "lesson03.pdf", "handed in a PDF, not a notebook: not graded"),
        "ayu@univ.ac.id": ("Word file, not a notebook", "jawaban.docx", "handed in a Word file, not a notebook: not graded"),
        "dewi@univ.ac.id": ("image, not a notebook", "screenshot.png", "handed in an image, not a notebook: not graded"),
        "eko@univ.ac.id": ("empty file", "essay.txt", "handed in an empty file: not graded"),
    }
    for student, (status, file_name, line) in expected.items():
        assert rows[student]["status"] == status and rows[student]["points"] == "", (student, rows[student])
        said = [r for r in run.report if file_name in r and line in r]
        assert len(said) == 1 and said[0].endswith("Ask the student to upload the .ipynb file (in JupyterLab: File > Download)"), (
            student,
            run.report,
        )
    assert rows["ani@univ.ac.id"]["status"].startswith("graded") and rows["ani@univ.ac.id"]["file"].endswith(LESSON)
    assert not [r for r in rows.values() if r["status"] == "no submission"]
    assert not [line for line in run.report if "handed in nothing" in line], run.report
    assert not [line for line in run.report if "onlinetext" in line]

    filled = list(csv.reader(io.StringIO((out / "moodle" / "grading-worksheet-03.csv").read_text(encoding="utf-8"))))
    header = filled[0]
    cells = {r[0]: (r[header.index("Grade")], r[header.index("Feedback comments")]) for r in filled[1:]}
    assert cells["Participant 1234568"] == (
        "",
        "Not graded: you handed in a PDF, not a notebook. Please upload your notebook, the .ipynb file (in JupyterLab: File > Download).",
    )
    assert cells["Participant 1234569"][0] == "" and "a Word file" in cells["Participant 1234569"][1]
    assert cells["Participant 1234570"][0] == "" and "an image" in cells["Participant 1234570"][1]
    assert cells["Participant 1234571"][0] == "" and "an empty file" in cells["Participant 1234571"][1]
    taken = moodle_worksheet_import((out / "moodle" / "grading-worksheet-03.csv").read_bytes(), "utf-8", "comma", PARTICIPANTS, 100.0)
    assert set(taken) == {"1234567"}, "Moodle takes no grade (never a 0) for the files that are not notebooks"


def test_the_report_line_speaks_the_runs_language(tmp_path):
    download = tmp_path / "download"
    put(download, moodle_path("Budi_Santoso", 1234568, "lesson03.pdf"), b"%PDF-1.4 budi")
    run = grade(download, tmp_path / "out", lang="id", lesson="03", show_progress=False)
    assert any(
        "mengumpulkan berkas PDF, bukan notebook: tidak dinilai. Mintalah mahasiswa mengunggah berkas .ipynb" in line for line in run.report
    ), run.report


RUN = st.tuples(
    st.sampled_from(["practice", "assessment"]),
    st.lists(
        st.tuples(st.sampled_from(["s1", "s2", "s3"]), st.sampled_from(["graded", "no submission", "PDF, not a notebook"])),
        max_size=4,
        unique_by=lambda t: t[0],
    ),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(RUN, max_size=6))
def test_no_sequence_of_practice_and_quiz_runs_loses_a_row_of_the_other_mode(runs):
    book = Gradebook(Path("unused.csv"))
    for number, (mode, students) in enumerate(runs):
        other = {k: dict(r) for k, r in book.rows.items() if k[2] != mode}
        rows = [
            {
                "student": s,
                "lesson": "03",
                "mode": mode,
                "status": status,
                "points": number if status == "graded" else "",
                "file": f"{s}-{number}",
            }
            for s, status in students
        ]
        book.merge(rows, [])
        assert {k: r for k, r in book.rows.items() if k[2] != mode} == other
        for s, status in students:
            row = book.rows[(s, "03", mode)]
            assert row["status"] == status or (row["status"] == "graded" and status != "graded"), (
                "only a graded row is kept over a file that was not graded"
            )
