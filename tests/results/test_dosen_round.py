"""The round a dosen runs, replayed end to end (issue 18): lesson 03 on an Indonesian Moodle.

The trial as a lecturer who does not program ran it: she releases the practice
set and the quiz of lesson 03 in Indonesian; students answer in a real kernel,
the quiz by the letters on their screens; one student uploads a PDF instead of
her quiz notebook; the lecturer downloads each Moodle assignment with its
Indonesian grading worksheet and grades both into ONE folder, ``nilai-03``, as
the old guide told her, with ``--lang id``. Every check below is something she
or a student would see.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
import yaml
from page_tools import page_cell
from submission_tools import put, run_as_student

from course.__main__ import main
from course.authoring.release import key_path, release
from course.grading.outputs import feedback_name

QUIZ = "notebooks/id/03-quiz.ipynb"
LESSON = "notebooks/id/03-bureaucratic-reform.ipynb"
SINGLE, MULTIPLE = "03-quiz-pungli-diagnosis", "03-quiz-brief-claims"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
CLASS = [("Ani Lestari", 2001, "ani@univ.ac.id"), ("Budi Santoso", 2002, "budi@univ.ac.id"), ("Citra Dewi", 2003, "citra@univ.ac.id")]
HEADER = [
    "ID",
    "Nama lengkap",
    "Alamat surel",
    "Status",
    "Nilai",
    "Nilai maksimum",
    "Nilai dapat diubah",
    "Terakhir diubah (pengumpulan)",
    "Terakhir diubah (nilai)",
    "Komentar umpan balik",
]


def moodle_file(name: str, participant: int, file_name: str) -> str:
    """Moodle's 'download submissions in folders' name (mod/assign/classes/downloader.php)."""
    return f"{name}_{participant}_assignsubmission_file/{file_name}"


def worksheet(path: Path) -> Path:
    """An Indonesian Moodle's grading worksheet for one assignment: ';' and decimal commas, as Excel in Indonesia saves it."""
    rows = [HEADER] + [
        [f"Peserta{p}", name, email, "Diajukan untuk dinilai", "", "100,00", "Ya", "Senin, 23 November 2026, 09:15", "-", ""]
        for name, p, email in CLASS
    ]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"))
    return path


def read_worksheet(path: Path) -> dict[str, dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return {row["ID"]: row for row in csv.DictReader(io.StringIO(text, newline=""), delimiter=";")}


@pytest.fixture(scope="module")
def round03(tmp_path_factory):
    """Both releases, the students' work, and both grading runs into one folder, as the dosen typed them."""
    base = tmp_path_factory.mktemp("round03")
    practice, quiz = base / "latihan-03", base / "kuis-03"
    release(practice, mode="practice", langs=["id"], lessons=["03"], log=lambda line: None)
    release(quiz, mode="assessment", langs=["id"], lessons=["03"], log=lambda line: None)
    key = key_path(quiz, json.loads((quiz / "release.json").read_text())["release"])
    shipped = yaml.safe_load((quiz / "data" / "exercises" / "03-bureaucratic-reform.yml").read_text(encoding="utf-8"))

    by_letter = [("answer", SINGLE, "A"), ("answer", MULTIPLE, "B, D, E, F")]
    quiz_download, practice_download = base / "unduhan-kuis", base / "unduhan-latihan"
    put(quiz_download, moodle_file("Ani Lestari", 2001, "03-quiz.ipynb"), run_as_student(quiz, QUIZ, by_letter, base / "ani"))
    put(quiz_download, moodle_file("Budi Santoso", 2002, "03-quiz.ipynb"), run_as_student(quiz, QUIZ, by_letter[:1], base / "budi"))
    put(quiz_download, moodle_file("Citra Dewi", 2003, "Kuis 03 Citra.pdf"), PDF)
    put(
        practice_download,
        moodle_file("Ani Lestari", 2001, "03-bureaucratic-reform.ipynb"),
        run_as_student(practice, LESSON, [("answer", "03-cpi-sources", False)], base / "ani-latihan"),
    )  # Budi and Citra hand in no practice

    out = base / "nilai-03"
    said = {}
    for name, download, extra in (("kuis", quiz_download, ["--key", str(key)]), ("latihan", practice_download, [])):
        sheet = worksheet(base / f"lembar-{name}.csv")
        command = ["grade", str(download), "--out", str(out), "--lang", "id", "--moodle-worksheet", str(sheet), *extra]
        said[name] = (main(command), (out / "gradebook.csv").read_bytes())
    return out, shipped, said


def test_both_runs_succeed_and_keep_their_own_files(round03, capsys):
    out, _, said = round03
    assert said["kuis"][0] == 0 and said["latihan"][0] == 0
    for label in ("03", "03-quiz"):
        for name in (f"summary-{label}.html", f"report-{label}.txt", f"moodle/grading-worksheet-{label}.csv"):
            assert (out / name).is_file(), name
    assert {p.name for p in (out / "feedback" / "03-quiz").iterdir()} == {
        feedback_name(s) for s in ("ani@univ.ac.id", "budi@univ.ac.id", "citra@univ.ac.id")
    }
    assert {p.name for p in (out / "feedback" / "03").iterdir()} == {feedback_name("ani@univ.ac.id")}


def test_the_practice_run_leaves_every_quiz_row_as_it_was(round03):
    out, _, said = round03
    before = _rows(said["kuis"][1])
    after = _rows((out / "gradebook.csv").read_bytes())
    quiz_before = {k: r for k, r in before.items() if k[2] == "assessment"}
    assert quiz_before and {k for k in after if k[2] == "assessment"} == set(quiz_before)
    for key, row in quiz_before.items():
        assert {column: after[key][column] for column in row} == row, (
            "every cell of the quiz row as it was (the practice run only adds its own columns)"
        )
        assert not any(after[key][column] for column in set(after[key]) - set(row))
    assert after[("budi@univ.ac.id", "03", "practice")]["status"] == "no submission"
    assert after[("budi@univ.ac.id", "03", "assessment")]["status"].startswith("graded")


def _rows(data: bytes) -> dict[tuple[str, str, str], dict[str, str]]:
    return {(r["student"], r["lesson"], r["mode"]): r for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}


def test_a_quiz_answer_reads_on_the_feedback_page_with_the_letters_on_the_students_screen(round03):
    out, shipped, _ = round03
    page = (out / "feedback" / "03-quiz" / feedback_name("ani@univ.ac.id")).read_text(encoding="utf-8")
    options = {item["id"]: item["options"] for item in shipped["exercises"] if item["id"] in (SINGLE, MULTIPLE)}
    assert page_cell(page, SINGLE, "Jawaban Anda") == f"A. {options[SINGLE][0]['text']['id']}"
    chosen = [f"{o['key']}. {o['text']['id']}" for o in options[MULTIPLE] if o["key"] in "BDEF"]
    assert page_cell(page, MULTIPLE, "Jawaban Anda").splitlines() == chosen


def test_a_pdf_is_named_in_the_gradebook_the_worksheet_and_the_report(round03):
    out, _, _ = round03
    rows = _rows((out / "gradebook.csv").read_bytes())
    citra = rows[("citra@univ.ac.id", "03", "assessment")]
    assert citra["status"] == "PDF, not a notebook" and citra["points"] == ""
    sheet = read_worksheet(out / "moodle" / "grading-worksheet-03-quiz.csv")
    assert sheet["Peserta2003"]["Nilai"] == "", "never a 0 for a file that was not graded"
    assert "PDF" in sheet["Peserta2003"]["Komentar umpan balik"] and ".ipynb" in sheet["Peserta2003"]["Komentar umpan balik"]
    report = (out / "report-03-quiz.txt").read_text(encoding="utf-8")
    assert "Kuis 03 Citra.pdf" in report and "mengumpulkan berkas PDF, bukan notebook" in report
    assert "handed in nothing" not in report and "tidak mengumpulkan apa pun" not in report
    page = (out / "feedback" / "03-quiz" / feedback_name("citra@univ.ac.id")).read_text(encoding="utf-8")
    assert "Nilai: belum dinilai" in page and "0 /" not in page, "a PDF is not graded, so its page shows no score"
    assert "Anda mengumpulkan berkas PDF" in page and "Mintalah mahasiswa" not in page, "the page speaks to the student"


def test_people_read_indonesian_with_decimal_commas(round03):
    out, _, _ = round03
    sheet = read_worksheet(out / "moodle" / "grading-worksheet-03-quiz.csv")
    comment = sheet["Peserta2001"]["Komentar umpan balik"]
    assert comment.startswith("Nilai ") and " dari 100" in comment, comment
    assert not re.search(r"\d\.\d", comment), "a decimal point where an Indonesian reader expects a comma"
    summary = (out / "summary-03-quiz.html").read_text(encoding="utf-8")
    assert "Ringkasan kelas" in summary and "Class summary" not in summary
    book = openpyxl.load_workbook(out / "gradebook.xlsx")
    sheet_rows = list(book.active.iter_rows(values_only=True))
    header = list(sheet_rows[0])
    points = [
        row[header.index("points")]
        for row in sheet_rows[1:]
        if row[header.index("status")] and str(row[header.index("status")]).startswith("graded")
    ]
    assert points and all(isinstance(p, (int, float)) for p in points), "Excel gets numbers, not text"


def test_the_last_line_of_grade_is_indonesian(round03, tmp_path, capsys):
    _out, _, _ = round03
    download = tmp_path / "unduhan"
    put(download, moodle_file("Citra Dewi", 2003, "Kuis 03 Citra.pdf"), PDF)
    capsys.readouterr()
    assert main(["grade", str(download), "--out", str(tmp_path / "nilai"), "--lang", "id", "--lesson", "03"]) == 0
    last = capsys.readouterr().out.strip().splitlines()
    assert any(line.startswith("topik 03") and "Hasil di" in line for line in last), last
