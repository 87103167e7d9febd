"""Grading that no submission can break and that never loses a grade (the cases of issue 10, one by one).

Every submission here starts as a notebook a real kernel answered (the
``lesson03`` fixture); the bad ones are what a careless lecturer or a clever
student makes of such a file.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from submission_tools import forge, outputs_text, put, records

from course.__main__ import main
from course.grading.outputs import feedback_name
from course.grading.run import grade

LESSON = "03-bureaucratic-reform.ipynb"


def rows_of(out: Path, name: str = "gradebook.csv") -> dict[str, dict[str, str]]:
    text = (out / name).read_text(encoding="utf-8-sig")
    return {row["student"]: row for row in csv.DictReader(io.StringIO(text))}


def report_of(out: Path) -> list[str]:
    return (out / "report-03.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture
def baseline(lesson03, tmp_path):
    """The points of the untouched right and partial notebooks, graded on their own."""
    subs = tmp_path / "baseline"
    put(subs, "2001_" + LESSON, lesson03.right)
    put(subs, "2002_" + LESSON, lesson03.partial)
    grade(subs, tmp_path / "baseline-out", show_progress=False)
    table = rows_of(tmp_path / "baseline-out")
    return {"right": table["2001"]["points"], "partial": table["2002"]["points"], "row": table["2001"]}


def test_the_kernel_refused_wrong_shapes_and_recorded_nothing_for_them(lesson03):
    texts = "\n".join(outputs_text(lesson03.attacked))
    assert texts.count("Not recorded:") == 3, texts[-3000:]
    assert "Traceback" not in texts and "Error" not in texts
    for exercise in ("03-reform-cascade", "03-sort-measures", "03-cpi-sources"):
        assert all(r["answer"] is None for r in records(lesson03.attacked, exercise)), exercise
    # a dict the student built is a value like any other: stored as a dict, never taken for a stored Series
    assert records(lesson03.attacked, "03-cpi-change")[-1]["answer"] == {"__kind__": "dict", "items": [["__kind__", "series"]]}
    assert "The question asks for a number, but you passed a dict." in texts


def test_right_answers_score_full_marks_but_the_unanswered_text(baseline):
    assert float(baseline["right"]) == 9.0, baseline["row"]
    assert float(baseline["partial"]) < 2


WRONG_SHAPES = {
    "ordering as a list of lists": ("03-reform-cascade", [["grand-design"]]),
    "categorise with a list": ("03-sort-measures", {"integrity-pact": ["value"]}),
    "code: a series without parts": ("03-cpi-change", {"__kind__": "series"}),
    "truefalse as a word": ("03-cpi-sources", "no idea"),
    "multiple as a number": ("03-four-targets", 5),
    "single as a dict": ("03-harmonization", {"a": 1}),
    "text too long": ("03-accountability-where", "x" * 30_000),
    "code nested too deeply": ("03-grade-of-score", json.loads("[" * 60 + "]" * 60)),
}


@pytest.mark.parametrize("case", sorted(WRONG_SHAPES))
def test_an_answer_of_the_wrong_shape_costs_only_that_exercise(lesson03, baseline, tmp_path, case):
    exercise, bad = WRONG_SHAPES[case]
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "2001_" + LESSON, lesson03.right)
    put(subs, "2002_" + LESSON, lesson03.partial)
    put(subs, "2003_" + LESSON, forge(lesson03.right, exercise, answer=bad))
    run = grade(subs, out, show_progress=False)
    table = rows_of(out)
    assert table["2001"]["points"] == baseline["right"] and table["2002"]["points"] == baseline["partial"]
    assert table["2003"][exercise] == "", "the forged exercise scores nothing"
    others = [e for e in baseline["row"] if e.startswith("03-") and e != exercise]
    assert all(table["2003"][e] == baseline["row"][e] for e in others), "the student's other exercises are graded as usual"
    lines = [line for line in run.report if line.startswith("2003_") and exercise in line]
    assert len(lines) == 1 and "0 points" in lines[0] and ("not a valid" in lines[0] or "is damaged" in lines[0]), run.report


BAD_JSON = {  # every copy of the record is changed (with one intact copy left, that copy is graded)
    "an integer of 5,000 digits as attempts": lambda raw: raw.replace('"attempts": 1,', '"attempts": ' + "1" * 5000 + ","),
    "Infinity as attempts": lambda raw: raw.replace('"attempts": 1,', '"attempts": Infinity,'),
    "NaN as an answer": lambda raw: raw.replace('"answer": "same-copy"', '"answer": NaN'),
    "1e999 as attempts": lambda raw: raw.replace('"attempts": 1,', '"attempts": 1e999,'),
}


@pytest.mark.parametrize("case", sorted(BAD_JSON))
def test_numbers_python_cannot_take_cost_one_exercise(lesson03, baseline, tmp_path, case):
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "2001_" + LESSON, lesson03.right)
    raw = json.dumps(lesson03.right, indent=1)
    mutated = BAD_JSON[case](raw)
    assert mutated != raw
    put(subs, "2003_" + LESSON, mutated)
    run = grade(subs, out, show_progress=False)
    table = rows_of(out)
    assert table["2001"]["points"] == baseline["right"]
    assert float(table["2003"]["points"]) < float(baseline["right"]) and table["2003"]["status"] == "graded with notes"
    assert [line for line in run.report if line.startswith("2003_") and "0 points" in line]


def test_json_nested_200000_deep_is_one_unreadable_line(lesson03, baseline, tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "2001_" + LESSON, lesson03.right)
    put(subs, "2003_" + LESSON, '{"cells": ' + "[" * 200_000 + "]" * 200_000 + ', "nbformat": 4}')
    run = grade(subs, out, show_progress=False)
    assert rows_of(out)["2001"]["points"] == baseline["right"]
    assert rows_of(out)["2003"]["status"] == "not readable"
    assert len([line for line in run.report if line.startswith("2003_")]) == 1


STRUCTURE = {
    "outputs is a number": (lambda nb, n: nb["cells"][n].__setitem__("outputs", 5), "cell"),
    "source is a list of numbers": (lambda nb, n: nb["cells"][n].__setitem__("source", [1, 2]), "cell"),
    "lesson stamp is a list": (lambda nb, n: nb["metadata"]["course"].__setitem__("lesson", ["03"]), "course stamp"),
    "language stamp is an attack": (
        lambda nb, n: nb["metadata"]["course"].__setitem__("language", 'en"><script>alert(1)</script>'),
        "course stamp",
    ),
    "attempts is text": (lambda nb, n: [r.__setitem__("attempts", "x") for r in records(nb, "03-harmonization")], "03-harmonization"),
    "a record lacks its answer": (lambda nb, n: [r.pop("answer") for r in records(nb, "03-harmonization")], "03-harmonization"),
    "a record has an extra field": (
        lambda nb, n: [r.__setitem__("bonus", 10) for r in records(nb, "03-harmonization")],
        "03-harmonization",
    ),
    "a record is a list": (
        lambda nb, n: nb["cells"][n]["outputs"][-1]["data"].__setitem__("application/vnd.course.answer+json", [1]),
        "answer record",
    ),
}


def _exercise_cell(nb: dict, exercise: str) -> int:
    return next(n for n, c in enumerate(nb["cells"]) if records({"cells": [c]}, exercise))


@pytest.mark.parametrize("case", sorted(STRUCTURE))
def test_damaged_structure_is_reported_and_the_rest_graded(lesson03, baseline, tmp_path, case):
    mutate, words = STRUCTURE[case]
    nb = copy.deepcopy(lesson03.right)
    mutate(nb, _exercise_cell(nb, "03-harmonization"))
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "2001_" + LESSON, lesson03.right)
    put(subs, "2003_" + LESSON, nb)
    run = grade(subs, out, show_progress=False)
    table = rows_of(out)
    assert table["2001"]["points"] == baseline["right"]
    assert table["2003"]["status"] == "graded with notes", table["2003"]
    assert float(table["2003"]["points"]) >= float(baseline["right"]) - 1, "only the damaged exercise is lost"
    mine = [line for line in run.report if line.startswith("2003_")]
    assert any(words in line for line in mine), mine
    page = (out / "feedback" / "03" / "2003.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and page.startswith('<!DOCTYPE html>\n<html lang="en">')


def test_html_from_a_notebook_is_escaped_everywhere(lesson03, tmp_path):
    nb = forge(lesson03.right, "03-accountability-where", answer='</div><script>alert("x")</script><img src=x onerror=alert(1)>')
    nb["metadata"]["course"]["language"] = "id"
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, '<b onmouseover="alert(1)">x</b>_' + LESSON, nb)
    grade(subs, out, show_progress=False)
    pages = list((out / "feedback" / "03").iterdir())
    assert len(pages) == 1
    page = pages[0].read_text(encoding="utf-8")
    assert "<script>" not in page and "<img" not in page and "<b onmouseover" not in page
    assert "&lt;script&gt;" in page and '<html lang="id">' in page
    summary = (out / "summary-03.html").read_text(encoding="utf-8")
    assert "<b onmouseover" not in summary and "<script>" not in summary


def test_file_names_cannot_become_formulas_or_forge_report_lines(lesson03, tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, '=HYPERLINK("http://evil.example","click")_' + LESSON, lesson03.right)
    put(subs, "+SUM(A1)_x - " + LESSON, lesson03.partial)
    put(subs, "@cmd_" + LESSON, b"")
    put(subs, "2004\nFORGED: all students failed_" + LESSON, b"")
    run = grade(subs, out, show_progress=False)
    for name in ("gradebook.csv", "gradebook-canvas.csv"):
        text = (out / name).read_text(encoding="utf-8-sig")
        for cells in csv.reader(io.StringIO(text)):
            for cell in cells:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
        assert "'=HYPERLINK(" in text
    report = (out / "report-03.txt").read_text(encoding="utf-8")
    assert not [line for line in report.splitlines() if line.startswith("FORGED")], "a newline in a file name cannot start a report line"
    assert "2004\\x0aFORGED" in report
    assert all("\n" not in line for line in run.report)


def test_a_gradebook_excel_resaved_with_semicolons_is_merged_not_replaced(lesson03, baseline, tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "2001_" + LESSON, lesson03.right)
    grade(subs, out, show_progress=False)
    first = (out / "gradebook.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(first)))
    rows.append(
        ["Dewi Ayu Lestari", "Dewi Ayu Lestari", "3", "practice", "8,5", "9", "94,4"] + [""] * (len(rows[0]) - 7)
    )  # mode follows lesson
    resaved = "\r\n".join(";".join(r) for r in rows).replace(".", ",") + "\r\n"
    (out / "gradebook.csv").write_bytes(resaved.encode("cp1252"))  # Excel, Indonesian locale, "CSV (semicolon)"
    late = tmp_path / "late"
    put(late, "2002_" + LESSON, lesson03.partial)
    result = main(["grade", str(late), "--out", str(out)])
    assert result == 0
    table = rows_of(out)
    assert set(table) == {"2001", "2002", "Dewi Ayu Lestari"}, "earlier students are kept"
    assert table["2001"]["points"] == baseline["right"]
    assert table["Dewi Ayu Lestari"]["points"] == "8.5" and table["Dewi Ayu Lestari"]["lesson"] == "03"
    canvas = list(csv.reader(io.StringIO((out / "gradebook-canvas.csv").read_text(encoding="utf-8"))))
    assert {r[0] for r in canvas[2:]} >= {"2001", "2002", "Dewi Ayu Lestari"}, "the Canvas file holds every student, not only the late ones"


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("utf-16", b"")])
def test_gradebooks_in_every_spreadsheet_encoding_are_read(lesson03, tmp_path, encoding, bom):
    subs, out = tmp_path / "subs", tmp_path / "out"
    out.mkdir()
    text = "student,name,lesson,points,max_points,percent,status,file\r\n1999,Siti Nurhaliza Ç,03,7,9,77.8,graded,old.ipynb\r\n"
    (out / "gradebook.csv").write_bytes(bom + text.encode(encoding))
    put(subs, "2001_" + LESSON, lesson03.right)
    grade(subs, out, show_progress=False)
    table = rows_of(out)
    assert table["1999"]["name"] == "Siti Nurhaliza Ç" and table["1999"]["points"] == "7"


def test_an_unreadable_gradebook_stops_the_run_before_anything_is_written(lesson03, tmp_path, capsys):
    subs, out = tmp_path / "subs", tmp_path / "out"
    out.mkdir()
    garbage = b"\x00\x81\x8d\x8f\xff" * 100
    (out / "gradebook.csv").write_bytes(garbage)
    put(subs, "2001_" + LESSON, lesson03.right)
    assert main(["grade", str(subs), "--out", str(out)]) == 1
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1 and "gradebook.csv" in printed[0] and "nothing was written" in printed[0]
    assert (out / "gradebook.csv").read_bytes() == garbage
    assert sorted(p.name for p in out.iterdir()) == ["gradebook.csv"]
    (out / "gradebook.csv").write_text("name,score\nAni,3\n", encoding="utf-8")
    assert main(["grade", str(subs), "--out", str(out)]) == 1
    assert "no column 'student' or 'lesson'" in capsys.readouterr().out


def test_an_unreadable_file_never_replaces_an_earlier_grade(lesson03, baseline, tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "2001_" + LESSON, lesson03.right)
    grade(subs, out, show_progress=False)
    put(subs, "2001_" + LESSON, json.dumps(lesson03.right)[:3000])  # the same file, now cut off
    run = grade(subs, out, lesson="03", show_progress=False)
    assert rows_of(out)["2001"]["points"] == baseline["right"]
    assert any("keeps the earlier grade" in line for line in run.report)


def test_grading_another_lesson_keeps_the_first_lessons_pages(lesson03, tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "2001_" + LESSON, lesson03.right)
    grade(subs, out, show_progress=False)
    other = copy.deepcopy(lesson03.right)
    other["metadata"]["course"]["lesson"] = "04"
    subs4 = tmp_path / "subs4"
    put(subs4, "2001_04-empowerment-and-co-governance.ipynb", other)
    grade(subs4, out, lesson="04", show_progress=False)
    assert (out / "feedback" / "03" / "2001.html").exists() and (out / "feedback" / "04" / "2001.html").exists()
    assert (out / "summary-03.html").exists() and (out / "summary-04.html").exists()
    lessons = {(r["student"], r["lesson"]) for r in csv.DictReader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8-sig")))}
    assert lessons == {("2001", "03"), ("2001", "04")}
    header = next(csv.reader(io.StringIO((out / "gradebook-canvas.csv").read_text(encoding="utf-8"))))
    assert [h for h in header if h.startswith("Lesson")] == [
        "Lesson 03 · Bureaucratic reform",
        "Lesson 04 · Social empowerment and co-governance",
    ]


def test_odd_entries_in_the_submissions_folder_each_get_a_line(lesson03, baseline, tmp_path):
    subs, out, outside = tmp_path / "subs", tmp_path / "out", tmp_path / "outside"
    put(subs, "2001_" + LESSON, lesson03.right)
    (subs / "folder.ipynb").mkdir()
    os.mkfifo(subs / "pipe.ipynb")
    put(subs, "2005_" + LESSON + ".zip", b"PK\x03\x04zip")
    put(outside, "secret.ipynb", lesson03.right)
    (subs / "2006_link.ipynb").symlink_to(outside / "secret.ipynb")
    (subs / "2007_broken.ipynb").symlink_to(tmp_path / "missing.ipynb")
    (subs / "2008_inside.ipynb").symlink_to(subs / ("2001_" + LESSON))
    (subs / "2010_folder").symlink_to(outside)
    put(subs, "._2001_" + LESSON, b"\x00\x05\x16\x07")
    run = grade(subs, out, show_progress=False)
    expect = {
        "folder.ipynb": "is a folder named like a notebook",
        "pipe.ipynb": "is not a regular file",
        "2005_" + LESSON + ".zip": "is a zip file",
        "2006_link.ipynb": "is a link to a file outside the submissions folder",
        "2007_broken.ipynb": "is a broken link",
        "._2001_" + LESSON: "is a macOS resource file",
        "2010_folder": "is a link to a folder: not followed",
    }
    for name, words in expect.items():
        assert len([line for line in run.report if line.startswith(name + ":") and words in line]) == 1, (name, run.report)
    table = rows_of(out)
    assert (
        table["2001"]["points"] == baseline["right"] and "2006" not in table and "2010_folder" not in table and "secret" not in str(table)
    )
    assert table["2008"]["points"] == baseline["right"], "a link inside the folder is read"


def test_an_unexpected_error_in_one_submission_is_a_report_line(lesson03, baseline, tmp_path, monkeypatch):
    import course.grading.scoring as scoring

    real = scoring.score

    def flaky(sub, bank, *rest):
        if sub.student == "2003":
            raise ZeroDivisionError("boom")
        return real(sub, bank, *rest)

    monkeypatch.setattr(scoring, "score", flaky)
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "2001_" + LESSON, lesson03.right)
    put(subs, "2003_" + LESSON, lesson03.right)
    run = grade(subs, out, show_progress=False)
    assert rows_of(out)["2001"]["points"] == baseline["right"]
    assert rows_of(out)["2003"]["status"] == "could not be graded"
    assert [line for line in run.report if line.startswith("2003_") and "unexpected ZeroDivisionError" in line]


def test_a_file_over_the_size_limit_is_one_unreadable_line(lesson03, tmp_path):
    from course.intake.submissions import MAX_NOTEBOOK_BYTES

    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "2001_" + LESSON, lesson03.right)
    with open(subs / ("2009_" + LESSON), "wb") as stream:
        stream.truncate(MAX_NOTEBOOK_BYTES + 1)  # sparse: nothing is read
    run = grade(subs, out, show_progress=False)
    lines = [line for line in run.report if line.startswith("2009_")]
    assert len(lines) == 1 and "too large" in lines[0] and rows_of(out)["2009"]["status"] == "not readable"


def test_feedback_page_names_stay_distinct(tmp_path):
    assert feedback_name("1001") == "1001.html"
    assert feedback_name("a/b") != feedback_name("a_b") and feedback_name("a/b").startswith("a_b-")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "course", *args], capture_output=True, text=True, timeout=300)


def test_cli_errors_are_one_line(lesson03, tmp_path):
    subs = tmp_path / "subs"
    put(subs, "2001_" + LESSON, lesson03.right)
    afile = tmp_path / "a-file.txt"
    afile.write_text("x")
    banks = tmp_path / "banks"
    (banks / "x.yml").mkdir(parents=True)
    cases = {
        ("grade", str(subs), "--out", str(afile)): "is a file, not a folder",
        ("grade", str(afile), "--out", str(tmp_path / "o")): "is not a folder",
        ("grade", str(tmp_path / "missing"), "--out", str(tmp_path / "o")): "is not a folder",
        ("grade", str(subs), "--out", str(afile / "inside")): "is a file",
        ("release", "--out", str(afile), "--lessons", "00"): "is not a folder",
        ("check-exercises", str(banks)): "is not a file",
        ("grade", str(subs), "--out", str(tmp_path / "o2"), "--lesson", "3; rm -rf"): "is not a lesson number",
    }
    for args, words in cases.items():
        result = run_cli(*args)
        lines = result.stdout.strip().splitlines()
        assert result.returncode == 1 and not result.stderr, (args, result.stderr[-2000:])
        assert len(lines) == 1 and words in lines[0], (args, lines)


@pytest.mark.parametrize("errno_name", ["ENOSPC", "EROFS", "EACCES"])
def test_a_full_or_read_only_disk_is_one_line_and_changes_nothing(lesson03, tmp_path, monkeypatch, capsys, errno_name):
    import errno

    import course.fileio as fileio

    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "2001_" + LESSON, lesson03.right)
    assert main(["grade", str(subs), "--out", str(out)]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    capsys.readouterr()
    real = fileio.tempfile.mkstemp
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) > 2:  # some files are staged, then the disk fills up
            raise OSError(getattr(errno, errno_name), os.strerror(getattr(errno, errno_name)))
        return real(*args, **kwargs)

    monkeypatch.setattr(fileio.tempfile, "mkstemp", failing)
    put(subs, "2002_" + LESSON, lesson03.partial)
    assert main(["grade", str(subs), "--out", str(out)]) == 1
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1 and "nothing was changed" in printed[0], printed
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before, "no file changed, none half-written"


def test_no_half_written_files_after_regrading(lesson03, tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, "2001_" + LESSON, lesson03.right)
    for _ in range(2):
        grade(subs, out, show_progress=False)
    assert not list(out.rglob("*.tmp"))
    report = (out / "report-03.txt").read_text(encoding="utf-8")
    assert report.count("== grading run") == 2, "the report keeps every run"
