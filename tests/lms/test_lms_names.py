# ruff: noqa: F811  (the notebooks fixture of test_lms is imported, and named in each test)
"""Names that stop no class: namesakes on Google Classroom, and names too long for a disk.

Google Classroom (Drive) names a student's upload ``<Full Name> - <file>`` and a
second file of the same name `` (1)`` (test_lms cites the layout); two students
with one display name therefore give ``Budi Santoso - x.ipynb`` and
``Budi Santoso - x (1).ipynb``. Moodle's ``mod/assign/classes/downloader.php``
(``load_submissionplugin_filelist``), with "Download submissions in folders"
off, names an entry ``<prefix>_assignsubmission_file_<the student's file name>``,
however long the student's own name was.
"""

from __future__ import annotations

import zipfile

from lms_tools import LESSON, moodle_path
from submission_tools import put
from test_lms import notebooks, rows_of  # noqa: F401

from course.grading.run import LmsOptions, grade

ROSTER = (
    "NIM,Nama,Email\n2201001,Budi Santoso,budi1@univ.ac.id\n2201002,Budi Santoso,budi2@univ.ac.id\n2201003,Ani Lestari,ani@univ.ac.id\n"
)


def test_namesakes_are_never_merged_and_both_rows_need_review(notebooks, tmp_path):
    folder = tmp_path / "Lesson 03"
    put(folder, "Budi Santoso - " + LESSON, notebooks["right"])
    put(folder, "Budi Santoso - 03-bureaucratic-reform (1).ipynb", notebooks["partial"])
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    out = tmp_path / "out"
    run = grade(folder, out, show_progress=False, lms=LmsOptions(roster=roster, classroom=True))
    table = rows_of(out)
    budis = {k: r for k, r in table.items() if k.startswith("Budi Santoso")}
    assert len(budis) == 2, "two files, two rows: never one student's second copy"
    assert {r["needs_review"] for r in budis.values()} == {"file"}
    assert {r["points"] for r in budis.values()} == {str(notebooks["points"][w]).rstrip("0").rstrip(".") for w in ("right", "partial")}
    assert "2201001" not in table and "2201002" not in table, "neither is called one who handed in nothing"
    lines = [line for line in run.report if "are called 'Budi Santoso'" in line]
    assert lines and all(LESSON in line and "(1).ipynb" in line for line in lines), "both files named"


def test_a_nim_in_the_file_name_decides_whose_file_it_is(notebooks, tmp_path):
    folder = tmp_path / "Lesson 03"
    put(folder, "Budi Santoso - 2201002_" + LESSON, notebooks["right"])
    put(folder, "Budi Santoso - 2201001_03-bureaucratic-reform (1).ipynb", notebooks["partial"])
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    out = tmp_path / "out"
    grade(folder, out, show_progress=False, lms=LmsOptions(roster=roster))
    table = rows_of(out)
    assert table["2201002"]["points"] == str(notebooks["points"]["right"]).rstrip("0").rstrip(".")
    assert table["2201001"]["points"] == str(notebooks["points"]["partial"]).rstrip("0").rstrip(".")
    assert table["2201001"]["needs_review"] == "" and table["2201001"]["email"] == "budi1@univ.ac.id"


def test_one_name_too_long_costs_only_that_file_and_output_names_stay_short(notebooks, tmp_path):
    long_file = "tugas-" + "sangat-panjang-" * 18 + ".ipynb"  # the student's own file name, over 255 bytes with the prefix
    archive = tmp_path / "PA101-Lesson 03-42.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(moodle_path("Ani Lestari", 1234567, LESSON, folders=False), _json(notebooks["right"]))
        zf.writestr(moodle_path("Budi Santoso", 1234568, long_file, folders=False), _json(notebooks["partial"]))
    out = tmp_path / "out"
    run = grade(archive, out, show_progress=False)
    assert set(rows_of(out)) == {"Participant 1234567"}
    assert any("the file of 'Budi Santoso'" in line and "not read" in line for line in run.report)
    # Classroom: a class list whose names are of 4-byte letters (320 bytes at 80 characters) names the pages
    fancy = ["𝓑𝓾𝓭𝓲 " * 25 + "A", "𝓑𝓾𝓭𝓲 " * 25 + "B"]
    put(tmp_path / "cr", "2201001 - " + LESSON, notebooks["right"])
    put(tmp_path / "cr", "2201002 - " + LESSON, notebooks["partial"])
    roster = tmp_path / "kelas.csv"
    roster.write_text(f"NIM,Nama\n2201001,{fancy[0]}\n2201002,{fancy[1]}\n", encoding="utf-8")
    out = tmp_path / "out-classroom"
    grade(tmp_path / "cr", out, show_progress=False, lms=LmsOptions(roster=roster, classroom=True))
    written = [p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()]
    assert all(len(p) <= 200 and all(len(part.encode()) <= 255 for part in p.split("/")) for p in written), written
    pages = list((out / "classroom" / "feedback-03").iterdir())
    assert len(pages) == 2, "two long names never become one file"


def _json(notebook: dict) -> str:
    import json

    return json.dumps(notebook)
