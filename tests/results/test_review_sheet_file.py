"""The review sheet as a file a spreadsheet rewrites (issue 20, point 2): whatever Excel or a student's text
does to it, points come back to the answer they were given to, or are not used; the pages escape everything."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.errors import CourseError
from course.model.bank import bank_paths, load_bank
from course.results.review import COLUMNS, ReviewSheet, answer_digest, loose_id, points_value
from course.results.review_pages import review_pages

BANK = load_bank(bank_paths()[4]).for_mode("assessment")
FORUM = BANK.get("04-quiz-judge-forum")
ATTACK = "<script>alert(1)</script>"
CURLY = "{{ 7*7 }}"

ids = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf")), min_size=1, max_size=20).map(str.strip).filter(bool)
answers = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200).filter(str.strip)
points = st.one_of(st.none(), st.integers(0, 8).map(lambda n: n / 4))


def sheet_rows(entries: list[tuple[str, str, float | None]]) -> list[dict]:
    return [
        {
            "student": student,
            "name": student,
            "exercise": FORUM.id,
            "answer": answer,
            "words": len(answer.split()),
            "model_answer": FORUM.model_answer["en"],
            "rubric_hits": "",
            "max_points": FORUM.points,
            "points": "" if typed is None else typed,
            "answer_digest": answer_digest(answer),
        }
        for student, answer, typed in entries
    ]


def excel_copy(data: bytes, delimiter: str, encoding: str) -> bytes:
    """The sheet as a spreadsheet saves it again: another separator and encoding, decimal commas with ';'."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    if delimiter == ";":
        points = rows[0].index("points")
        for row in rows[1:]:
            row[points] = row[points].replace(".", ",")
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    prefix = "\ufeff" if encoding == "utf-8-sig" else ""
    return (prefix + buffer.getvalue()).encode("utf-8" if encoding == "utf-8-sig" else encoding, errors="replace")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    entries=st.lists(st.tuples(ids, answers, points), min_size=1, max_size=6, unique_by=lambda e: loose_id(e[0])),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8-sig", "cp1252", "utf-16"]),
)
def test_points_come_back_to_the_answer_they_were_given_to_whatever_the_spreadsheet_did(tmp_path, entries, delimiter, encoding):
    if encoding == "cp1252":  # Excel's "CSV" save turns what cp1252 lacks into '?': such ids are another person's (tested below)
        entries = [e for e in entries if e[0].encode("cp1252", errors="ignore").decode("cp1252") == e[0]] or [("3001", "x", 1.0)]
    path = tmp_path / "review-04-quiz.csv"
    path.write_bytes(excel_copy(ReviewSheet(path, BANK).to_csv(sheet_rows(entries)), delimiter, encoding))
    sheet = ReviewSheet.read(path, BANK)
    for student, answer, typed in entries:
        assert sheet.points(student, FORUM, answer) == typed, (student, answer)
        assert sheet.points(student, FORUM, answer + " (changed)") is None, "another answer never takes these points"
    assert not [n for n in sheet.notes if n.key != "review_answer_changed"]


@given(st.text(max_size=30))
def test_a_points_cell_is_a_plain_non_negative_number_or_nothing(text):
    value = points_value(text)
    assert value is None or (math.isfinite(value) and value >= 0)


@pytest.mark.parametrize(
    "cell, value", [("1,5", 1.5), (" 2 ", 2.0), ("0.25", 0.25), ("1.", 1.0), ("-1", None), ("=1+1", None), ("2/2", None), ("1e1", None)]
)
def test_points_are_read_as_a_lecturer_types_them(cell, value):
    assert points_value(cell) == value


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400), st.booleans())
def test_any_bytes_are_read_or_refused_with_one_line_never_a_crash(tmp_path, tail, with_header):
    path = tmp_path / "review-04-quiz.csv"
    path.write_bytes((",".join(COLUMNS).encode() + b"\r\n" if with_header else b"") + tail)
    try:
        sheet = ReviewSheet.read(path, BANK)
    except CourseError as error:
        assert len(str(error).splitlines()) == 1 and "review-04-quiz.csv" in str(error)
    else:
        assert all(row.points is None or 0 <= row.points <= FORUM.points for row in sheet.rows.values())


def test_refused_cells_and_repeated_rows_are_one_line_each_and_stay_for_the_lecturer(tmp_path):
    path = tmp_path / "review-04-quiz.csv"
    rows = sheet_rows([("3001", "first answer", None), ("3002", "second answer", None), ("3003", "third", None)])
    rows[0]["points"], rows[1]["points"], rows[2]["points"] = "-1", "'=2", "9"
    rows.append({**rows[0], "points": 1})
    path.write_bytes(ReviewSheet(path, BANK).to_csv(rows))
    sheet = ReviewSheet.read(path, BANK)
    assert [n.key for n in sheet.notes] == ["review_points_refused"] * 3 + ["review_duplicate_row"]
    assert "row 3 (3002, 04-quiz-judge-forum): '=2' is not a number of points from 0 to 2" in str(sheet.notes[1])
    assert "row 5 repeats 3001, 04-quiz-judge-forum of row 2: only row 2 counts" in str(sheet.notes[3])
    kept = ReviewSheet(path, BANK)
    kept.rows, kept.extra_columns = sheet.rows, []
    again = kept.new_rows([], "en")
    assert [r["points"] for r in again] == ["-1", "=2", "9"], "the lecturer's cells are kept to be mended"
    assert b"'=2" in kept.to_csv(again), "and written guarded again"


def test_an_id_whose_leading_zeros_excel_dropped_still_finds_its_row(tmp_path):
    path = tmp_path / "review-04-quiz.csv"
    path.write_bytes(ReviewSheet(path, BANK).to_csv(sheet_rows([("00123", "my answer", 1.5)])).replace(b"00123", b"123"))
    assert ReviewSheet.read(path, BANK).points("00123", FORUM, "my answer") == 1.5


def test_the_pages_show_every_answer_beside_the_model_answer_escaped(tmp_path):
    rows = sheet_rows([(ATTACK + CURLY, "Line one\nline two " + ATTACK + CURLY, 1.5), ("3002", "plain", None)])
    rows[1]["changed"] = True
    pages = review_pages(rows, BANK, "04-quiz", "review-04-quiz.csv", "id")
    page = pages[f"{FORUM.id}.html"]
    assert "<script>" not in page and "49" not in page and page.count("&lt;script&gt;alert(1)&lt;/script&gt;" + CURLY) == 3
    assert "Line one\nline two" in page and FORUM.model_answer["id"] in page and "1,5" in page and "belum diberikan" in page
    assert "Jawabannya berubah sejak Anda memberi poin" in page
    index = pages["index.html"]
    assert f'href="{FORUM.id}.html"' in index and "review-04-quiz.csv" in index


def test_a_sheet_left_by_a_lecturer_keeps_the_columns_she_added(tmp_path):
    path = tmp_path / "review-04-quiz.csv"
    data = ReviewSheet(path, BANK).to_csv(sheet_rows([("3001", "my answer", 2.0)])).decode("utf-8-sig")
    lines = data.splitlines()
    path.write_text("\n".join([lines[0] + ",comment", lines[1] + ",good example"]), encoding="utf-8")
    sheet = ReviewSheet.read(path, BANK)
    assert sheet.extra_columns == ["comment"]
    assert b"good example" in sheet.to_csv(sheet.new_rows([], "en"))


def test_the_sheet_writes_no_formula_and_no_line_break_inside_a_row():
    rows = sheet_rows([("@cmd", "=cmd|' /C calc'!A0\nsecond line", None), ("+62", "-1 and more", 1.0)])
    text = ReviewSheet(Path("x.csv"), BANK).to_csv(rows).decode("utf-8-sig")
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert len(records) == 3 and len(text.splitlines()) == 3
    for record in records[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in record), record
    assert next(r for r in records if r[0] == "'@cmd")[3] == "'=cmd|' /C calc'!A0 ¶ second line"
