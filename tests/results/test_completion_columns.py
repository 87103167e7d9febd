"""A completion mark per student: the gradebook counts the exercises each student answered (issue 21, the RPS's completion mark).

The summary's ``answered_by_%`` is a per-exercise class figure; a dosen who marks
completion needs one number per student, which ``answered`` and
``answered_%`` give (issue 23's name; gradebooks written as ``answered_percent`` are
read back under the new name). A PDF or a missing hand-in has no count (blank), never 0.
"""

from __future__ import annotations

import csv

from submission_tools import put

from course.grading.run import grade
from course.model.bank import find_bank

LESSON = "03-bureaucratic-reform.ipynb"


def test_each_student_row_counts_the_answered_exercises(lesson03, tmp_path):
    subs = tmp_path / "subs"
    put(subs, f"Ani Lestari_2001_assignsubmission_file/{LESSON}", lesson03.right)
    put(subs, f"Budi Santoso_2002_assignsubmission_file/{LESSON}", lesson03.partial)
    put(subs, "Citra Dewi_2003_assignsubmission_file/Latihan 03.pdf", b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    grade(subs, tmp_path / "out", show_progress=False)
    with (tmp_path / "out" / "gradebook.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["name"]: row for row in csv.DictReader(handle)}
    exercises = [e.id for e in find_bank("03").for_mode("practice").exercises]
    for student in ("Ani Lestari", "Budi Santoso"):
        row = rows[student]
        filled = sum(1 for e in exercises if row[e] != "")
        assert int(row["answered"]) == filled, (student, row["answered"], filled)
        assert float(row["answered_%"]) == round(100 * filled / len(exercises), 1)
    assert int(rows["Ani Lestari"]["answered"]) > int(rows["Budi Santoso"]["answered"]) > 0
    assert rows["Citra Dewi"]["answered"] == "" and rows["Citra Dewi"]["answered_%"] == ""


def test_a_gradebook_with_the_earlier_column_name_is_read_under_the_new_one(lesson03, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "gradebook.csv").write_text(
        "student,lesson,mode,points,answered,answered_percent,status\n2009,03,practice,4,2,20.0,graded\n", encoding="utf-8"
    )
    put(tmp_path / "subs", f"Ani Lestari_2001_assignsubmission_file/{LESSON}", lesson03.right)
    grade(tmp_path / "subs", out, show_progress=False)
    with (out / "gradebook.csv").open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = {row["student"]: row for row in reader}
        header = reader.fieldnames or []
    assert "answered_percent" not in header and header.count("answered_%") == 1, header
    assert rows["2009"]["answered_%"] == "20" and rows["2009"]["answered"] == "2", "the earlier student's completion survives"
    assert float(next(r for r in rows.values() if r["name"] == "Ani Lestari")["answered_%"]) > 0
