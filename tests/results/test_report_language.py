"""The grading report and the notes on a file speak the reader's language (issue 18, point 7).

An Indonesian run (``--lang id``) over a folder with the problems a lecturer
meets writes every report line in Indonesian, numbers with a decimal comma;
the same folder graded in English reads as it always did. Notes on a file
follow the reader: the report the run's language, a student's feedback page
her own.
"""

from __future__ import annotations

import ast
import copy
import json
import re
import string
from pathlib import Path

import pytest
from submission_tools import KEYWORDS_ONLY_03, SORT_MEASURES_ONE_MISPLACED, put, records

from course.__main__ import main
from course.grading.outputs import feedback_name
from course.grading.run import grade
from course.messages import LANGUAGES, NAMESPACES
from course.model.record import sign
from course.words import catalogue

LESSON = "03-bureaucratic-reform.ipynb"
ENGLISH_WORDS = (
    " the ",
    "handed in",
    "points",
    "graded",
    "student",
    "file ",
    "answer",
    "record",
    "lesson",
    " not ",
    " was ",
    " could ",
    "notes",
)
ID_OR_FILE = re.compile(r"\S*\.(?:ipynb|pdf|csv)\b|'[^']*'|\b\d{2}-[a-z][a-z0-9-]*|--[a-z-]+|\(\d{4}(?:, \d{4})*\)")

# the lecturer's entries of the catalogue, by their names within their groups (as course.messages.say takes them)
MESSAGES = {key.partition(".")[2]: texts for key, texts in catalogue().items() if key.partition(".")[0] in NAMESPACES}


def _stamped(nb: dict, **stamp: str) -> dict:
    """A copy of a notebook whose course stamp says other things (another lesson, another language)."""
    nb = copy.deepcopy(nb)
    nb["metadata"]["course"].update(stamp)
    return nb


def _answers(nb: dict, changes: dict, signed: bool = True) -> dict:
    """A copy whose records hold other answers: re-signed as the kernel would, or edited by hand (not re-signed)."""
    nb = copy.deepcopy(nb)
    for exercise, answer in changes.items():
        for record in records(nb, exercise):
            record["answer"] = answer
            if signed:
                sign(record)
    return nb


def _folder(base: Path, lesson03) -> tuple[Path, Path]:
    """Submissions with the usual problems, and a roster naming one student who handed in nothing."""
    subs = base / "subs"
    wrong = {
        "03-harmonization": "uniform",
        "03-four-targets": ["budget", "procedures-only"],
        "03-sort-measures": SORT_MEASURES_ONE_MISPLACED,
    }
    mistaken = _answers(lesson03.right, wrong)  # 6.75 points: a decimal in the report's kept-grade line
    for n in (1, 2, 3):  # identical wrong answers
        put(subs, f"200{n}_{LESSON}", mistaken)
    put(subs, f"2004_{LESSON}", _stamped(lesson03.right, lesson="04"))  # the notebook of another lesson
    put(subs, f"2005_{LESSON}", json.dumps(lesson03.right)[:5000])  # cut off: an interrupted upload
    put(subs, f"2006_{LESSON}", b"%PDF-1.7 a report")  # a PDF with a notebook's name
    put(subs, f"2007_{LESSON}", lesson03.partial)  # two files: the one with more answers counts
    put(subs, "2007_03-bureaucratic-reform (1).ipynb", lesson03.right)
    put(subs, f"2008_{LESSON}", _answers(lesson03.right, {"03-harmonization": "uniform"}, signed=False))  # a record edited by hand
    keywords = KEYWORDS_ONLY_03
    put(
        subs, f"2010_{LESSON}", _answers(lesson03.right, {"03-accountability-where": keywords})
    )  # a short text for review; not on the roster
    roster = base / "roster.csv"
    people = [f"200{n},Mahasiswa {n},m{n}@univ.ac.id" for n in range(1, 10)]
    roster.write_text("id,name,email\n" + "\n".join(people) + "\n", encoding="utf-8")
    return subs, roster


@pytest.fixture(scope="module")
def both_runs(lesson03, tmp_path_factory):
    """The same folder graded twice into fresh folders: with ``--lang id`` and with ``--lang en``.

    Each run grades once more after student 2001's file is cut off, so the
    report also says that an earlier grade was kept.
    """
    runs = {}
    for lang in LANGUAGES:
        base = tmp_path_factory.mktemp(f"report-{lang}")
        subs, roster = _folder(base, lesson03)
        out = base / "out"
        grade(subs, out, lang=lang, lesson="03", show_progress=False)  # a notebook of lesson 04 is in the folder
        put(subs, f"2001_{LESSON}", json.dumps(lesson03.partial)[:3000])
        runs[lang] = (subs, roster, out)
    return runs


def _without_ids(line: str) -> str:
    return ID_OR_FILE.sub(" ", line)


def test_an_indonesian_report_has_no_english_and_writes_decimal_commas(both_runs, capsys):
    subs, roster, out = both_runs["id"]
    assert main(["grade", str(subs), "--out", str(out), "--lang", "id", "--lesson", "03", "--roster", str(roster)]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    report = (out / "report-03.txt").read_text(encoding="utf-8").strip().split("\n\n")[-1].splitlines()
    summary = (out / "summary-03.html").read_text(encoding="utf-8")
    listed = re.findall(r"<li>(.*?)</li>", summary.split("<h2>Laporan</h2>")[1])
    assert report[0].startswith("== penilaian ") and report[0].endswith(", 10 berkas ==")
    lines = report[1:]
    assert len(lines) == len(listed) and set(lines) <= set(printed), (lines, printed)
    expected = (
        "rekaman jawaban diubah di luar notebook (tidak lolos pemeriksaan): 0 poin",
        "adalah notebook topik 04, bukan topik 03: 0 poin",
        "terpotong: notebook berakhir tiba-tiba",
        "mengumpulkan berkas PDF, bukan notebook: tidak dinilai",
        "dinilai untuk mahasiswa '2007', yang mengumpulkan 2 berkas",
        "catatan: 2 mahasiswa mengumpulkan jawaban yang sama persis",
        "1 mahasiswa di roster.csv tidak mengumpulkan apa pun: Mahasiswa 9",
        "tetap memakai nilai sebelumnya untuk topik 03 (6,75 poin dari",
        "03-accountability-where: jawaban singkat ini perlu Anda periksa (",
        "'2010' tidak ada di daftar kelas roster.csv",
    )
    for words in expected:
        assert [line for line in lines if words in line], (words, lines)
    for line in lines + printed:
        plain = _without_ids(line)
        assert not [w for w in ENGLISH_WORDS if w in plain], line
    decimals = re.findall(r"(?<![\d.,])\d+[.,]\d+(?![\d.,])", " ".join(_without_ids(line) for line in lines))
    assert decimals and all("," in number for number in decimals), decimals


def test_the_same_folder_graded_in_english_reads_as_before(both_runs):
    subs, roster, out = both_runs["en"]
    assert main(["grade", str(subs), "--out", str(out), "--lang", "en", "--lesson", "03", "--roster", str(roster)]) == 0
    lines = (out / "report-03.txt").read_text(encoding="utf-8").strip().split("\n\n")[-1].splitlines()
    assert lines[0].startswith("== grading run ") and lines[0].endswith(", 10 files ==")
    expected = (
        f"2008_{LESSON}: 03-harmonization: the answer record was edited outside the notebook (it fails its check): 0 points",
        f"2004_{LESSON}: is the notebook of lesson 04, not lesson 03: 0 points",
        f"2006_{LESSON}: handed in a PDF, not a notebook: not graded. "
        "Ask the student to upload the .ipynb file (in JupyterLab: File > Download)",
        f"2001_{LESSON}: student '2001' keeps the earlier grade of lesson 03 (6.75 points from 2001_{LESSON}), "
        "because this file could not be graded",
        f"2010_{LESSON}: '2010' is not on the class list roster.csv (a name spelled differently, or another class?): "
        "graded under this name",
        f"2010_{LESSON}: 03-accountability-where: the short text needs your review (",
        "1 students on roster.csv handed in nothing: Mahasiswa 9 (rows with status 'no submission' were added)",
    )
    for words in expected:
        assert [line for line in lines if words in line], (words, lines)
    assert [
        line
        for line in lines
        if line.startswith(
            "2007_03-bureaucratic-reform (1).ipynb: graded for student '2007', who handed in 2 files: it has the most answered exercises ("
        )
    ]


def test_an_indonesian_students_page_shows_her_notes_in_indonesian_in_an_english_run(lesson03, tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, f"3001_{LESSON}", lesson03.right)
    put(subs, f"3002_{LESSON}", lesson03.right)
    edited = {"03-harmonization": "uniform"}
    put(subs, f"3003_{LESSON}", _answers(_stamped(lesson03.right, language="id"), edited, signed=False))
    put(subs, f"3004_{LESSON}", _answers(lesson03.right, edited, signed=False))
    run = grade(subs, out, show_progress=False)
    assert [line for line in run.report if line.startswith(f"3003_{LESSON}: 03-harmonization: the answer record was edited outside")], (
        run.report
    )
    indonesian = (out / "feedback" / "03" / feedback_name("3003")).read_text(encoding="utf-8")
    english = (out / "feedback" / "03" / feedback_name("3004")).read_text(encoding="utf-8")
    assert "03-harmonization: rekaman jawaban diubah di luar notebook (tidak lolos pemeriksaan): 0 poin" in indonesian
    assert "edited outside" not in indonesian and "points" not in indonesian.split("Catatan tentang berkas Anda")[1].split("</ul>")[0]
    assert "03-harmonization: the answer record was edited outside the notebook (it fails its check): 0 points" in english


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_catalogue_entry_has_both_languages_with_the_same_fields():
    for key, templates in MESSAGES.items():
        assert set(templates) == set(LANGUAGES) and all(templates[lang].strip() for lang in LANGUAGES), key
        assert _fields(templates["en"]) == _fields(templates["id"]), key


def test_every_catalogue_entry_is_used():
    sources = [path.read_text(encoding="utf-8") for path in Path("course").rglob("*.py") if path.name != "messages.py"]
    literals: set[str] = set()
    prefixes: set[str] = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                prefixes.add(str(node.values[0].value))  # a key built as f"status_{status}"
    unused = [key for key in MESSAGES if key not in literals and not any(p and key.startswith(p) and p.endswith("_") for p in prefixes)]
    assert not unused, unused
