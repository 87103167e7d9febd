"""The grader's pages come from autoescaped Jinja2 templates (issue 19, point 4).

A student's text, id or file name reaches a page escaped and is never run as
a template; Python in course/ builds no page markup; the templates fail loudly
on a missing field and render the emptiest pages.
"""

from __future__ import annotations

import re
import tokenize
from pathlib import Path

import pytest
from jinja2 import StrictUndefined, UndefinedError
from submission_tools import put

from course.grading import grade
from course.model.bank import load_bank
from course.model.types import Result, ShortText
from course.results.feedback import student_page, summary_page
from course.results.templates import environment, render

ROOT = Path(__file__).resolve().parents[2]
LESSON = "03-bureaucratic-reform.ipynb"
ATTACK = "<script>alert(1)</script>"
CURLY = "{{ 7*7 }}"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def assert_inert(page: str) -> None:
    """``page`` shows the attack as text: escaped, and the template syntax not evaluated."""
    assert "<script>" not in page and ESCAPED in page
    assert CURLY in page and "49" not in page


def test_student_text_id_and_notes_are_escaped_not_evaluated_on_the_feedback_page():
    bank = load_bank(ROOT / "data" / "exercises" / "03-bureaucratic-reform.yml")
    exercise = next(e for e in bank.exercises if isinstance(e, ShortText))
    result = Result("incorrect", 0.0, ({"en": "Not yet.", "id": "Belum."},))
    page = student_page(
        "Lesson 3", ATTACK + CURLY, "en", [(exercise, ATTACK + " " + CURLY, result, 0)], 0, 1, [f"file {ATTACK}{CURLY}.ipynb"]
    )
    assert_inert(page)
    assert page.count(ESCAPED) == 4, "title, heading, answer and note"


def test_report_lines_are_escaped_not_evaluated_in_the_summary():
    page = summary_page(CURLY, "en", [{"exercise": ATTACK, "points": 1}], [], [f"{ATTACK}_{CURLY}.ipynb: not a notebook"])
    assert_inert(page)
    listed = re.findall(r"<li>(.*?)</li>", page)
    assert listed == [f"{ESCAPED}_{CURLY}.ipynb: not a notebook"]


def test_a_graded_file_named_and_answered_with_markup_stays_text(lesson03, tmp_path):
    from submission_tools import forge

    nb = forge(lesson03.right, "03-accountability-where", answer=ATTACK + CURLY)
    subs, out = tmp_path / "subs", tmp_path / "out"
    put(subs, f"<script>alert(1){CURLY}_" + LESSON, nb)
    put(subs, f"2009_<script>alert(1){CURLY}_" + LESSON, b"")  # not a notebook: its name goes into the report
    grade(subs, out, show_progress=False)
    pages = [p.read_text(encoding="utf-8") for p in (out / "feedback" / "03").iterdir()]
    assert len(pages) == 2 and all("<script>" not in p and "49" not in p for p in pages)
    answered = next(p for p in pages if ESCAPED in p)
    assert answered.count("&lt;script&gt;alert(1)" + CURLY) >= 2, "the student id in the title and heading"
    summary = (out / "summary-03.html").read_text(encoding="utf-8")
    report = summary.split("<ul>", 1)[1]
    assert "<script>" not in summary and "&lt;script&gt;alert(1)" + CURLY in report and "49" not in report


PAGE_TAG = re.compile(
    r"(?<!\?P)(?<!\\g)</?(?:!doctype|html|head|body|style|title|table|thead|tbody|tr|th|td|h[1-6]|ul|ol|li|p|div|span|strong|em|code|br)\b",
    re.I,
)
# Not grader pages: the notebook widgets, the bank's inline markdown, the answer record shown in the notebook.
ALLOWED = ("course/kernel/", "course/results/templates/", "course/model/texts.py", "course/model/record.py")
TEXT_TOKENS = {tokenize.STRING} | {getattr(tokenize, name) for name in ("FSTRING_MIDDLE", "TSTRING_MIDDLE") if hasattr(tokenize, name)}
STATEMENT_START = {tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING, tokenize.COMMENT}


def string_literals(path: Path) -> list[tuple[int, str]]:
    """The string literals (f-string parts included) of a Python file, without its docstrings."""
    found, previous = [], tokenize.NEWLINE
    with path.open("rb") as source:
        for token in tokenize.tokenize(source.readline):
            if token.type in TEXT_TOKENS and not (token.type == tokenize.STRING and previous in STATEMENT_START):
                found.append((token.start[0], token.string))
            if token.type not in (tokenize.NL, tokenize.COMMENT):
                previous = token.type
    return found


def test_no_page_markup_is_built_in_python():
    found = []
    for path in sorted((ROOT / "course").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if not name.startswith(ALLOWED):
            found += [f"{name}:{line}: {text}" for line, text in string_literals(path) if PAGE_TAG.search(text)]
    assert not found, "HTML for pages belongs in Jinja2 templates (course/results/templates/, course/lecturer/templates/):\n" + "\n".join(
        found
    )


def test_the_page_markup_check_sees_strings_and_f_strings(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""A <table> in a docstring is prose."""\n# a <li> in a comment too\nx = "<table>"\ny = f"<li>{x}</li>"\n'
        'z = re.sub("(?P<title>.*)", r"\\g<title>", x)\n'
    )
    assert [text for _, text in string_literals(sample) if PAGE_TAG.search(text)] in (
        ['"<table>"', "<li>", "</li>"],
        ['"<table>"', 'f"<li>{x}</li>"'],
    )


def test_the_environment_escapes_and_is_strict():
    env = environment()
    assert env is environment() and env.undefined is StrictUndefined
    assert env.from_string("{{ x }}").render(x=ATTACK) == ESCAPED
    with pytest.raises(UndefinedError):
        render("student.html", lang="en", title="t", score="0", notes=[], exercises=[])  # no words
    with pytest.raises(UndefinedError):
        render(
            "summary.html",
            lang="en",
            title="t",
            headings={},
            difficulty={"headings": [], "rows": []},
            distribution={"headings": [], "rows": []},
            report=[],
        )


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_emptiest_pages_render(lang):
    page = student_page("Lesson 3", "2001", lang, [], None, 10, [])
    assert page.startswith(f'<!DOCTYPE html>\n<html lang="{lang}">') and page.rstrip().endswith("</body></html>")
    assert "<table" not in page and 'class="notes"' not in page and ("not graded" in page or "belum dinilai" in page)
    summary = summary_page("Lesson 3", lang, [], [], [])
    assert summary.count("<p>—</p>") == 2 and "<ul>" not in summary and "<table" not in summary
