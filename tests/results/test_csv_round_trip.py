"""Whatever an id holds, it comes back from gradebook.csv as it went in, and no cell can become a formula (issue 20)."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from course.results.edits import STATE_FILE
from course.results.gradebook import Gradebook
from course.safety import FORMULA_STARTS, csv_cell_exact, csv_cell_text

ANY_CHARACTER = st.characters(exclude_categories=())  # lone surrogates, controls, direction marks included
SPREADSHEET_STARTS = st.sampled_from(["=", "+", "-", "@", "'", "\t", "\r", " ", "\\x41", "\\", "\u00a0", ""])
TEXT = st.builds(lambda start, rest: start + rest, SPREADSHEET_STARTS, st.text(ANY_CHARACTER, max_size=20))


def gradebook_row(student: str) -> dict:
    return {
        "student": student,
        "name": student,
        "lesson": "03",
        "mode": "practice",
        "points": 1.5,
        "max_points": 2,
        "percent": 75.0,
        "status": "graded",
        "file": f"{student}_03.ipynb",
        "03-harmonization": 1,
    }


@given(TEXT)
def test_a_guarded_cell_reads_back_exactly_and_never_starts_a_formula(text):
    cell = csv_cell_exact(text)
    assert csv_cell_text(cell) == text
    assert csv_cell_text(cell.strip()) == text, "a reader that trims cells gets the same text"
    assert not cell.startswith(FORMULA_STARTS)
    assert "\n" not in cell and "\r" not in cell
    cell.encode("utf-8")  # nothing that cannot be written


@given(st.lists(TEXT.filter(bool), min_size=1, max_size=4, unique=True))
def test_any_id_is_one_row_after_grading_twice(students):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gradebook.csv"
        for _ in range(2):
            book = Gradebook.read(path)
            book.merge([gradebook_row(student) for student in students], ["03-harmonization"])
            path.write_bytes(book.to_csv())
            (path.parent / STATE_FILE).write_bytes(book.edits.to_json("").encode("utf-8"))  # as the grader stages it
        book = Gradebook.read(path)
        assert sorted(student for student, _, _ in book.rows) == sorted(students)
        assert book.edits.status == "read" and sorted(s for s, _, _ in book.edits.records) == sorted(students), "the state knows each id"
        assert not any(book.edits.found.values()), "no cell taken for the lecturer's"
        assert all(book.rows[(s, "03", "practice")]["name"] == s for s in students)
        cells = [cell for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))) for cell in row]
        assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
