"""What people read after grading: Indonesian where the run is Indonesian, an Excel gradebook, no false copying notes."""

from __future__ import annotations

import copy
import csv
import io
import re

import openpyxl
import pytest
from submission_tools import SORT_MEASURES_ONE_MISPLACED, put

from course.__main__ import main
from course.grading.run import grade
from course.model.bank import find_bank
from course.model.record import MIME, sign
from course.results.spreadsheet import table_xlsx

LESSON = "03-bureaucratic-reform.ipynb"


def _moodle(name: str, participant: int) -> str:
    return f"{name}_{participant}_assignsubmission_file/{LESSON}"


@pytest.fixture(scope="module")
def indonesian_run(lesson03, tmp_path_factory):
    """Three students graded with --lang id from a Moodle download, with an Indonesian Moodle's worksheet."""
    base = tmp_path_factory.mktemp("id-run")
    download = base / "download"
    ani = _with_answers(lesson03.right, {"03-sort-measures": SORT_MEASURES_ONE_MISPLACED})  # 8.75 of 12 points: a grade with decimals
    put(download, _moodle("Ani Lestari", 1234567), ani)
    put(download, _moodle("Budi Santoso", 1234568), lesson03.partial)
    put(download, _moodle("Citra Dewi", 1234569), lesson03.attacked)  # three students: shares such as 33,3 %
    sheet = base / "lembar.csv"
    rows = [
        ["ID", "Nama lengkap", "Alamat surel", "Status", "Nilai", "Nilai maksimum", "Terakhir diubah (nilai)", "Komentar umpan balik"],
        ["Peserta1234567", "Ani Lestari", "ani@univ.ac.id", "Diajukan untuk dinilai", "", "100,00", "-", ""],
        ["Peserta1234568", "Budi Santoso", "budi@univ.ac.id", "Diajukan untuk dinilai", "", "100,00", "-", ""],
        ["Peserta1234569", "Citra Dewi", "citra@univ.ac.id", "Diajukan untuk dinilai", "", "100,00", "-", ""],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    sheet.write_text(buffer.getvalue(), encoding="utf-8")
    out = base / "out"
    return out, sheet


def test_an_indonesian_run_speaks_indonesian_with_decimal_commas(indonesian_run, capsys):
    out, sheet = indonesian_run
    assert (
        main(["grade", str(out.parent / "download"), "--out", str(out), "--lang", "id", "--moodle-worksheet", str(sheet), "--classroom"])
        == 0
    )
    said = capsys.readouterr().out.strip().splitlines()
    assert any(line.startswith("topik 03, set latihan: 3 notebook dinilai, 0 tidak dinilai") and "Hasil di" in line for line in said), said
    assert any(line.startswith("untuk LMS: ") for line in said), said

    summary = (out / "summary-03.html").read_text(encoding="utf-8")
    for heading in (
        "Ringkasan kelas",
        "Latihan, dari yang tersulit",
        "Sebaran nilai",
        "<th>latihan</th>",
        "<th>dijawab oleh (% mahasiswa)</th>",
        "<th>tingkat kesukaran (%)</th>",
        "<th>daya pembeda</th>",
        "alfa Cronbach",
    ):
        assert heading in summary, heading
    assert "<th>facility_%</th>" not in summary and "Exercises, hardest first" not in summary
    cells = re.findall(r"<td>([0-9.,]+)</td>", summary)
    assert any("," in c for c in cells) and not any(re.fullmatch(r"\d+\.\d+", c) for c in cells), "numbers with a decimal comma"

    filled = list(csv.reader(io.StringIO((out / "moodle" / "grading-worksheet-03.csv").read_text(encoding="utf-8"))))
    maximum = sum(e.points for e in find_bank("03").for_mode("practice").exercises)
    ani = next(r for r in filled if r[0] == "Peserta1234567")
    book = {r["student"]: r for r in csv.DictReader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8-sig")))}
    expected = round(float(book["ani@univ.ac.id"]["points"]) / maximum * 100, 2)
    assert ani[4] == f"{expected:g}".replace(".", ",")
    assert re.fullmatch(r"\d+,\d+", ani[4]), "Moodle's worksheet keeps its own decimal comma for the grade"
    assert ani[7] == f"Nilai {ani[4]} dari 100. Umpan balik untuk setiap latihan ada di berkas terlampir feedback-03.html.", ani[7]

    classroom = (out / "classroom" / "grades-03.csv").read_text(encoding="utf-8-sig").splitlines()
    assert classroom[0] == "nama,email,nilai,nilai_maksimum,status,terlambat,berkas_umpan_balik,komentar"
    assert "dinilai" in classroom[1]


def test_the_excel_gradebook_has_the_csv_rows_with_numbers_as_numbers(indonesian_run):
    out, _ = indonesian_run
    if not (out / "gradebook.xlsx").exists():
        pytest.fail("grade wrote no gradebook.xlsx")
    sheet = openpyxl.load_workbook(out / "gradebook.xlsx").active
    table = list(csv.reader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8-sig"))))
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert cells[0] == table[0], "the same columns in the same order"
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    assert len(cells) == len(table)
    header = table[0]
    for csv_row, xlsx_row in zip(table[1:], cells[1:], strict=True):
        row = dict(zip(header, xlsx_row, strict=True))
        assert {k: ("" if v is None else str(v)) for k, v in row.items() if k not in ("points", "percent", "max_points")} == {
            k: v for k, v in zip(header, csv_row, strict=True) if k not in ("points", "percent", "max_points")
        }
        for column in ("points", "max_points", "percent"):
            assert isinstance(row[column], (int, float)), column
            assert row[column] == pytest.approx(float(dict(zip(header, csv_row, strict=True))[column]))


def test_a_name_that_looks_like_a_formula_stays_text():
    data = table_xlsx(
        ["student", "name", "points"],
        [{"student": "=1+1", "name": '=HYPERLINK("x")', "points": 57.5}, {"student": "0042", "name": "@SUM(A1)", "points": 8.0}],
    )
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["B2"].value == '=HYPERLINK("x")' and sheet["B2"].data_type == "s"
    assert sheet["A2"].data_type == "s" and sheet["B3"].value == "@SUM(A1)" and sheet["A3"].value == "0042"
    assert sheet["C2"].value == 57.5 and sheet["C2"].data_type == "n" and sheet["C3"].value == 8
    assert sheet.column_dimensions["B"].width >= len('=HYPERLINK("x")')


def _with_answers(nb: dict, changes: dict) -> dict:
    """A copy of an answered notebook whose records of ``changes`` hold other answers (re-signed as the kernel would)."""
    nb = copy.deepcopy(nb)
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            record = output.get("data", {}).get(MIME)
            if record and record.get("exercise") in changes:
                record["answer"] = changes[record["exercise"]]
                sign(record)
    return nb


def test_three_students_all_right_are_not_flagged_three_with_the_same_mistakes_are(lesson03, tmp_path):
    right = tmp_path / "right"
    for n in (1, 2, 3):
        put(right, f"10{n}_{LESSON}", lesson03.right)
    run = grade(right, tmp_path / "out-right", show_progress=False)
    assert all(g.points == run.graded[0].points for g in run.graded)
    assert not [line for line in run.report if "identical answers" in line], run.report

    wrong = tmp_path / "wrong"
    mistaken = _with_answers(lesson03.right, {"03-harmonization": "uniform", "03-mapping-in-law": "organization"})
    for n in (1, 2, 3):
        put(wrong, f"20{n}_{LESSON}", mistaken)
    run = grade(wrong, tmp_path / "out-wrong", show_progress=False)
    assert [line for line in run.report if line.startswith("note: 3 students handed in identical answers") and "(201, 202, 203)" in line], (
        run.report
    )
