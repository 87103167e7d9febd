"""A completion mark per student: the gradebook counts the exercises each student answered (issue 21, the RPS's completion mark).

The summary's ``answered_%`` is a per-exercise class figure; a dosen who marks
completion needs one number per student, which ``answered`` and
``answered_percent`` give. A PDF or a missing hand-in has no count (blank), never 0.
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
        assert float(row["answered_percent"]) == round(100 * filled / len(exercises), 1)
    assert int(rows["Ani Lestari"]["answered"]) > int(rows["Budi Santoso"]["answered"]) > 0
    assert rows["Citra Dewi"]["answered"] == "" and rows["Citra Dewi"]["answered_percent"] == ""
