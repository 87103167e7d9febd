"""The gradebook is the lecturer's (issue 20): her points, exercise cells and columns survive every re-grade.

Each test grades real notebooks (the ``lesson03`` fixture), edits
``gradebook.csv`` as a lecturer does in Excel in an Indonesian locale (``;``
between cells, decimal commas, Windows-1252), then a late file arrives and
``grade`` runs again into the same folder.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
from submission_tools import put

from course.grading.outputs import feedback_name
from course.grading.run import grade

LESSON = "03-bureaucratic-reform.ipynb"
EXERCISE = "03-harmonization"  # the partial notebook answers it wrongly: 0 of 1 point
STATE = ".grader-state.json"


def rows_of(out: Path) -> dict[str, dict[str, str]]:
    text = (out / "gradebook.csv").read_text(encoding="utf-8-sig")
    return {row["student"]: row for row in csv.DictReader(io.StringIO(text))}


def kept_lines(report: list[str]) -> list[str]:
    return [line for line in report if "the lecturer's value in gradebook.csv is kept" in line]


def excel_edit(out: Path, edit: Callable[[list[str], list[dict[str, str]]], None]) -> None:
    """Open gradebook.csv in an Indonesian Excel, change it, save it as 'CSV (semicolon delimited)'."""
    rows = list(csv.reader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8-sig"))))
    header, table = rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    edit(header, table)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in table:
        writer.writerow([re.sub(r"^(-?\d+)\.(\d+)$", r"\1,\2", row.get(h, "")) for h in header])
    (out / "gradebook.csv").write_bytes(buffer.getvalue().encode("cp1252"))


def lecturer(header: list[str], table: list[dict[str, str]]) -> None:
    """Ani's points lowered to 2.5; Budi's wrong answer counted after all; a notes column, 'catatan'."""
    header.append("catatan")
    for row in table:
        if row["student"] == "2001":
            row["points"], row["catatan"] = "2.5", "menyalin dari 2002"
        if row["student"] == "2002":
            row[EXERCISE], row["catatan"] = "1", "jawaban lisan diterima"


def first_round(lesson03, tmp_path: Path) -> tuple[Path, Path, dict[str, dict[str, str]]]:
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "2001_" + LESSON, lesson03.right)
    put(subs, "2002_" + LESSON, lesson03.partial)
    grade(subs, out, show_progress=False)
    return subs, out, rows_of(out)


def test_the_lecturers_points_cell_and_column_survive_a_regrade_with_a_late_file(lesson03, tmp_path):
    subs, out, before = first_round(lesson03, tmp_path)
    assert float(before["2001"]["points"]) == 9 and float(before["2002"][EXERCISE]) == 0
    excel_edit(out, lecturer)
    put(subs, "2003_" + LESSON, lesson03.right)  # the late file: the whole folder is graded again
    run = grade(subs, out, show_progress=False)
    table = rows_of(out)
    assert set(table) == {"2001", "2002", "2003"}
    assert table["2001"]["points"] == "2.5", "the lecturer's points win"
    maximum = float(table["2001"]["max_points"])
    assert float(table["2001"]["percent"]) == round(250 / maximum, 1), "the percent follows the lecturer's points"
    assert table["2002"][EXERCISE] == "1", "the lecturer's exercise cell wins"
    assert float(table["2002"]["points"]) == float(before["2002"]["points"]) + 1, "points are the sum of the kept exercise cells"
    assert table["2001"]["catatan"] == "menyalin dari 2002" and table["2002"]["catatan"] == "jawaban lisan diterima"
    assert table["2003"]["points"] == "9" and table["2003"]["catatan"] == ""
    kept = kept_lines(run.report)
    assert len(kept) == 2, run.report
    assert any("'2001'" in line and "points = 2.5 (automatic value: 9)" in line for line in kept), kept
    assert any("'2002'" in line and f"{EXERCISE} = 1 (automatic value: 0)" in line for line in kept), kept
    report = (out / "report-03.txt").read_text(encoding="utf-8")
    assert all(line in report for line in kept), "the report file lists them too"
    sheet = openpyxl.load_workbook(out / "gradebook.xlsx").active
    header = [cell.value for cell in sheet[1]]
    values = {row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["2001"]["points"] == 2.5 and values["2002"]["catatan"] == "jawaban lisan diterima", "the workbook shows the same"
    page = (out / "feedback" / "03" / feedback_name("2001")).read_text(encoding="utf-8")
    assert f"2.5 / {maximum:g}" in page and "your lecturer set points to 2.5 (the automatic grading gave 9)" in page
    again = grade(subs, out, show_progress=False)  # nothing edited since: the lecturer's values stay hers
    assert rows_of(out)["2001"]["points"] == "2.5" and rows_of(out)["2002"][EXERCISE] == "1"
    assert len(kept_lines(again.report)) == 2


def test_a_new_file_that_changes_an_edited_cell_keeps_the_lecturers_value_and_says_both(lesson03, tmp_path):
    subs, out, before = first_round(lesson03, tmp_path)
    excel_edit(out, lecturer)
    put(subs, "2002_" + LESSON, lesson03.right)  # Budi hands in again: now right (1 point automatically)
    put(subs, "2001_" + LESSON, lesson03.partial)  # Ani's new file scores less than 2.5 automatically
    run = grade(subs, out, lesson="03", show_progress=False)
    table = rows_of(out)
    assert table["2001"]["points"] == "2.5" and table["2002"][EXERCISE] == "1"
    assert float(table["2002"]["points"]) == 9
    line = next(line for line in kept_lines(run.report) if "'2001'" in line)
    assert f"points = 2.5 (automatic value: {before['2002']['points']})" in line, line
    line = next(line for line in kept_lines(run.report) if "'2002'" in line)
    assert f"{EXERCISE} = 1 (automatic value: 1)" in line, line


def test_indonesian_report_lists_the_kept_change(lesson03, tmp_path):
    subs, out, _ = first_round(lesson03, tmp_path)
    excel_edit(out, lecturer)
    run = grade(subs, out, lang="id", show_progress=False)
    assert any(
        "'2001'" in line and "nilai dari dosen di gradebook.csv dipertahankan, poin = 2,5 (nilai otomatis: 9)" in line
        for line in run.report
    )


def test_typing_the_automatic_value_back_hands_the_cell_back_to_the_grader(lesson03, tmp_path):
    subs, out, _ = first_round(lesson03, tmp_path)
    excel_edit(out, lecturer)
    grade(subs, out, show_progress=False)

    def undo(header, table):
        for row in table:
            if row["student"] == "2001":
                row["points"] = "9"

    excel_edit(out, undo)
    put(subs, "2001_" + LESSON, lesson03.partial)
    run = grade(subs, out, show_progress=False)
    table = rows_of(out)
    assert float(table["2001"]["points"]) < 2, "the grader's own value again"
    assert not [line for line in kept_lines(run.report) if "'2001'" in line]
    assert table["2002"][EXERCISE] == "1" and table["2001"]["catatan"] == "menyalin dari 2002", "the other edits stay"


def test_a_row_the_lecturer_deleted_comes_back_only_when_graded_again(lesson03, tmp_path):
    subs, out, _ = first_round(lesson03, tmp_path)

    def delete_budi(header, table):
        table[:] = [row for row in table if row["student"] != "2002"]

    excel_edit(out, delete_budi)
    run = grade(subs, out, show_progress=False)
    assert set(rows_of(out)) == {"2001", "2002"}, "graded again: the row is written again"
    assert any("'2002'" in line and "deleted from gradebook.csv" in line for line in run.report), run.report
    excel_edit(out, delete_budi)
    other = tmp_path / "only-ani"
    put(other, "2001_" + LESSON, lesson03.right)
    grade(other, out, show_progress=False)
    assert set(rows_of(out)) == {"2001"}, "a row deleted and not graded again stays deleted"


def test_without_the_state_file_differing_values_are_kept_and_the_report_says_why(lesson03, tmp_path):
    subs, out, _ = first_round(lesson03, tmp_path)
    excel_edit(out, lecturer)
    (out / STATE).unlink()
    run = grade(subs, out, show_progress=False)
    table = rows_of(out)
    assert table["2001"]["points"] == "2.5" and table["2002"][EXERCISE] == "1" and table["2001"]["catatan"] == "menyalin dari 2002"
    assert any(".grader-state.json is missing" in line for line in run.report)
    assert len(kept_lines(run.report)) == 2
    assert (out / STATE).exists(), "the record is written again"


def test_a_corrupt_state_file_keeps_the_edits_too(lesson03, tmp_path):
    subs, out, _ = first_round(lesson03, tmp_path)
    excel_edit(out, lecturer)
    (out / STATE).write_text('{"version": 1, "rows": [{"student": 5}]}', encoding="utf-8")
    run = grade(subs, out, show_progress=False)
    assert rows_of(out)["2001"]["points"] == "2.5" and rows_of(out)["2002"][EXERCISE] == "1"
    assert any("cannot be read" in line and ".grader-state.json" in line for line in run.report)


def test_an_edited_workbook_is_kept_beside_the_new_one(lesson03, tmp_path):
    subs, out, _ = first_round(lesson03, tmp_path)
    book = openpyxl.load_workbook(out / "gradebook.xlsx")
    book.active["E2"] = 1
    book.save(out / "gradebook.xlsx")
    edited = (out / "gradebook.xlsx").read_bytes()
    run = grade(subs, out, show_progress=False)
    copies = sorted(out.glob("gradebook-edited-*.xlsx"))
    assert len(copies) == 1 and copies[0].read_bytes() == edited
    assert any("gradebook.xlsx was changed" in line and copies[0].name in line for line in run.report)
